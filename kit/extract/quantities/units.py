"""Units: surface forms ("km", "miles", "°C", "$") to canonical units with SI conversion.

The lookup is built once per process from ``kit/data/quantities_units.csv`` and
``kit/data/quantities_currencies.csv`` (pint supplies the conversion factors and
dimensions; units pint does not know, such as "mpg" spellings or "magnitude",
are rows of the editable table); matching is compiled regular expressions, so
pint is never called per token.

>>> lex = lexicon()
>>> unit, end = lex.match("124 km west", 4)
>>> unit.name, unit.dimension, unit.to_si(124), end
('kilometre', 'length', 124000.0, 6)
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

PREFIXES = {
    "exa": ("E", 1e18), "peta": ("P", 1e15), "tera": ("T", 1e12), "giga": ("G", 1e9),
    "mega": ("M", 1e6), "kilo": ("k", 1e3), "hecto": ("h", 1e2), "deci": ("d", 1e-1),
    "centi": ("c", 1e-2), "milli": ("m", 1e-3), "micro": ("µ", 1e-6), "nano": ("n", 1e-9),
    "pico": ("p", 1e-12), "femto": ("f", 1e-15), "atto": ("a", 1e-18),
}  # fmt: skip

#: pint dimensionality -> a plain dimension name.
DIMENSIONS = {
    (("[length]", 1),): "length",
    (("[length]", 2),): "area",
    (("[length]", 3),): "volume",
    (("[mass]", 1),): "mass",
    (("[time]", 1),): "duration",
    (("[temperature]", 1),): "temperature",
    (("[length]", 1), ("[time]", -1)): "speed",
    (("[length]", 1), ("[time]", -2)): "acceleration",
    (("[length]", 2), ("[mass]", 1), ("[time]", -2)): "energy",
    (("[length]", 2), ("[mass]", 1), ("[time]", -3)): "power",
    (("[length]", 1), ("[mass]", 1), ("[time]", -2)): "force",
    (("[length]", -1), ("[mass]", 1), ("[time]", -2)): "pressure",
    (("[time]", -1),): "frequency",
    (("[current]", 1),): "current",
    (("[length]", 2), ("[time]", -2)): "radiation dose",
    (("[length]", -3), ("[mass]", 1)): "density",
    (("[length]", 3), ("[time]", -1)): "flow",
    (("[mass]", 1), ("[time]", -1)): "mass flow",
}
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


@dataclass(frozen=True)
class Unit:
    """A canonical unit: SI value = value * factor + offset."""

    name: str
    dimension: str
    si_unit: str
    factor: float
    offset: float = 0.0
    currency: str | None = None
    pint: str | None = None

    def to_si(self, value: float | None) -> float | None:
        """Convert a value in this unit to its SI (or currency/count) value."""
        if value is None:
            return None
        try:
            out = value * self.factor + self.offset
        except OverflowError:
            return None
        return out if out == out and abs(out) != float("inf") else None


COUNT = Unit(name="", dimension="count", si_unit="", factor=1.0)


@lru_cache(maxsize=1)
def registry():
    """The pint registry (created once per process)."""
    import pint

    return pint.UnitRegistry()


def _si_label(units) -> str:
    text = f"{units:~P}" if str(units) != "dimensionless" else ""
    return text


@lru_cache(maxsize=512)
def pint_unit(expr: str, name: str, dimension: str = "") -> Unit | None:
    """A :class:`Unit` from a pint expression (``None`` if pint does not know it)."""
    ureg = registry()
    try:
        zero = ureg.Quantity(0.0, expr).to_base_units()
        one = ureg.Quantity(1.0, expr).to_base_units()
    except Exception:  # pint raises many kinds of errors for unknown or odd units
        return None
    offset = float(zero.magnitude)
    factor = float(one.magnitude) - offset
    dims = tuple(sorted((str(k), int(v)) for k, v in one.dimensionality.items()))
    dim = dimension or DIMENSIONS.get(dims) or _dims_label(dims)
    return Unit(
        name=name,
        dimension=dim,
        si_unit=_si_label(one.units),
        factor=factor,
        offset=offset,
        pint=expr,
    )


def _dims_label(dims: tuple[tuple[str, int], ...]) -> str:
    if not dims:
        return "dimensionless"
    return " ".join(
        f"{d.strip('[]')}{'' if p == 1 else str(p).translate(_SUPERSCRIPT)}" for d, p in dims
    )


def combine(a: Unit, op: str, b: Unit | None = None, n: int = 1) -> Unit | None:
    """A compound unit: ``op`` is ``"per"`` (a per b), ``"pow"`` (a**n) or ``"inv"`` (1/a).

    >>> lex = lexicon()
    >>> combine(lex.words["kilometre"], "per", lex.words["hour"]).si_unit
    'm/s'
    """
    if op == "per" and b is not None:
        name = f"{a.name} per {b.name}"
        if a.pint and b.pint:
            return pint_unit(f"({a.pint})/({b.pint})", name)
        if (a.currency or (not a.pint and a.name)) and b.pint:
            return replace(
                a,
                name=name,
                dimension=f"{a.dimension} per {b.dimension}",
                si_unit=f"{a.si_unit}/{b.si_unit}" if a.si_unit else f"1/{b.si_unit}",
                factor=a.factor / b.factor,
                pint=None,
            )
        return None
    if op == "pow" and a.pint and n in (2, 3):
        return pint_unit(f"({a.pint})**{n}", f"{'square' if n == 2 else 'cubic'} {a.name}")
    if op == "inv" and a.pint:
        return pint_unit(f"1/({a.pint})", f"inverse {a.name}")
    return None


def _alternation(forms: list[str], *, flags: int = 0) -> re.Pattern[str]:
    forms = sorted(set(forms), key=lambda f: (-len(f), f))
    body = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    return re.compile(rf"(?:{body})(?![^\W\d_])", flags)


@dataclass
class Lexicon:
    """Unit surface forms: ``symbols`` (case-sensitive) and ``words`` (any case)."""

    symbols: dict[str, Unit]
    words: dict[str, Unit]
    currency_prefix: re.Pattern[str]
    #: Unit words that may be written before the number ("magnitude 5.2").
    before: dict[str, Unit] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._sym = _alternation(list(self.symbols))
        self._word = _alternation(list(self.words), flags=re.IGNORECASE)
        alt = "|".join(re.escape(w) for w in sorted(self.before, key=len, reverse=True))
        self._before = re.compile(rf"\b(?P<u>{alt})[ \u00a0-]+$", re.IGNORECASE) if alt else None

    def unit_before(self, text: str, start: int) -> tuple[Unit, int] | None:
        """A unit word written just before ``start`` ("magnitude 5.2"), and where it starts."""
        if self._before is None:
            return None
        m = self._before.search(text, max(0, start - 20), start)
        return (self.before[m.group("u").lower()], m.start()) if m else None

    def match(self, text: str, pos: int) -> tuple[Unit, int] | None:
        """The longest unit starting exactly at ``pos``, and where it ends."""
        best: tuple[Unit, int] | None = None
        m = self._word.match(text, pos)
        if m:
            key = " ".join(m.group().lower().split())
            best = (self.words[key], m.end())
        m = self._sym.match(text, pos)
        if m and (best is None or m.end() > best[1]):
            key = " ".join(m.group().split())
            best = (self.symbols[key], m.end())
        return best

    def currency_before(self, text: str, end: int) -> tuple[Unit, int] | None:
        """A currency symbol or code written just before ``end`` ("$", "US$ ", "EUR ")."""
        m = self.currency_prefix.search(text, max(0, end - 8), end)
        if not m:
            return None
        key = m.group("cur")
        unit = self.symbols.get(key)
        return (unit, m.start("cur")) if unit else None


def _split(cell: str | None) -> list[str]:
    return [" ".join(p.split()) for p in (cell or "").split("|") if p.strip()]


def _row_units(row: dict[str, str]) -> list[tuple[Unit, list[str], list[str]]]:
    """The unit of one table row, plus its prefixed variants, with their surface forms."""
    name, expr, dim = row["name"].strip(), (row.get("pint") or "").strip(), row["dimension"]
    symbols, words = _split(row.get("symbols")), _split(row.get("words"))
    dim = (dim or "").strip()
    if row.get("currency", "").strip() or not expr:
        factor = float(row.get("factor") or 1.0)
        code = (row.get("currency") or "").strip() or None
        base = Unit(
            name=name,
            dimension=dim or "count",
            si_unit=code or ("%" if dim == "percent" else ""),
            factor=factor,
            currency=code,
        )
        return [(base, symbols, words)]
    base = pint_unit(expr, name, dim)
    if base is None:
        return []
    out = [(base, symbols, [*words, name])]
    for prefix in _split(row.get("prefixes")):
        if prefix not in PREFIXES:
            continue
        sym = PREFIXES[prefix][0]
        unit = pint_unit(f"{prefix}{expr}", f"{prefix}{name}", dim)
        if unit is None:
            continue
        psyms = [sym + s for s in symbols if s[:1].isalpha()]
        if prefix == "micro":
            psyms += ["μ" + s for s in symbols if s[:1].isalpha()]
        out.append((unit, psyms, [prefix + w for w in [*words, name] if " " not in w]))
    return out


def _rows(units: Path, currencies: Path) -> list[dict[str, str]]:
    """Rows of the unit table, then the currency table in the unit table's shape."""
    with open(units, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with open(currencies, encoding="utf-8", newline="") as fh:
        rows += [{**row, "dimension": "money", "pint": ""} for row in csv.DictReader(fh)]
    return rows


@lru_cache(maxsize=4)
def lexicon(path: str | None = None, currencies: str | None = None) -> Lexicon:
    """The unit lexicon from ``kit/data/quantities_units.csv`` and ``quantities_currencies.csv``.

    >>> lexicon().symbols["HK$"].currency, lexicon().symbols["RM"].name
    ('HKD', 'Malaysian ringgit')
    """
    from kit.lexicons.resources import DATA_DIR

    file = Path(path) if path else DATA_DIR / "quantities_units.csv"
    cur_file = Path(currencies) if currencies else DATA_DIR / "quantities_currencies.csv"
    symbols: dict[str, Unit] = {}
    words: dict[str, Unit] = {}
    before: dict[str, Unit] = {}
    generated: list[tuple[Unit, list[str], list[str]]] = []
    for row in _rows(file, cur_file):
        units = _row_units(row)
        if not units:
            continue
        first, *rest = units
        unit, syms, wds = first
        for s in syms:
            symbols.setdefault(s, unit)
        for w in wds:
            words.setdefault(w.lower(), unit)
            if (row.get("before") or "").strip().lower() == "true":
                before.setdefault(w.lower(), unit)
        generated += rest
    for unit, syms, wds in generated:  # explicit rows win over generated prefixes
        for s in syms:
            symbols.setdefault(s, unit)
        for w in wds:
            words.setdefault(w.lower(), unit)
    cur = sorted((s for s, u in symbols.items() if u.currency), key=len, reverse=True)
    alt = "|".join(re.escape(s) for s in cur)
    prefix = re.compile(rf"(?<![A-Za-z])(?P<cur>{alt})\s?[-−]?$")
    return Lexicon(symbols=symbols, words=words, currency_prefix=prefix, before=before)
