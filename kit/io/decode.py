"""Bytes -> text: BOMs, UTF-16/32, UTF-8, legacy Windows-1252 and friends, binary refusal.

>>> decode_bytes("Le café “chic”\\r\\n".encode("cp1252"))
'Le café “chic”\\n'
>>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n...")  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
DecodeProblem: binary: looks like a PNG image, not text

Every decoded text is Unicode NFC with ``\\n`` newlines (``\\r\\n`` and lone
``\\r`` become ``\\n``); quotes, apostrophes and everything else stay as written.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

__all__ = [
    "DecodeProblem",
    "decode_bytes",
    "decode_noted",
    "normalize_text",
    "repair_surrogates",
    "has_surrogates",
]

# (signature, what it is): files that are certainly not text.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document (convert it to text first)"),
    (b"PK\x03\x04", "a ZIP archive or Office document (e.g. .docx; save it as text first)"),
    (b"\x1f\x8b", "a gzip archive (decompress it first)"),
    (b"BZh", "a bzip2 archive (decompress it first)"),
    (b"\xfd7zXZ\x00", "an xz archive (decompress it first)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (e.g. .doc; save it as text)"),
    (b"RIFF", "a RIFF media file (WebP, WAV, AVI)"),
    (b"\x7fELF", "an executable"),
    (b"PAR1", "a Parquet file (name it .parquet)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Non-letters that legitimately sit between two letters in real text.
_INWORD_OK = frozenset("’‘'´`·-‐‑–—/.&_")
_WORDISH = re.compile(r"\S+")
_MAX_CONTROL_SHARE = 0.05
# C0/C1 controls except tab, newlines and form feeds; surrogates; private use; U+FFFD.
_CONTROL = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff]"
)
_SAMPLE = 1 << 16
_SURROGATE = re.compile("[\ud800-\udfff]")


class DecodeProblem(ValueError):
    """Bytes that are not usable text; ``reason`` is ``binary``, ``empty`` or ``undecodable``."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds lone surrogates (undecodable bytes of a file name, bad JSON).

    >>> has_surrogates("caf\\udce9"), has_surrogates("café")
    (True, False)
    """
    return _SURROGATE.search(text) is not None


def repair_surrogates(text: str) -> str:
    """Each lone surrogate replaced by U+FFFD (one for one, so offsets stay put).

    Such strings cannot be written as UTF-8 (Arrow, Parquet, DuckDB refuse them).

    >>> repair_surrogates("caf\\udce9")
    'caf�'
    """
    return _SURROGATE.sub("\ufffd", text)


def normalize_text(text: str) -> str:
    """NFC, ``\\r\\n``/``\\r`` -> ``\\n``, no BOM character at the start.

    >>> normalize_text("Cafe\\u0301\\r\\nok\\r")
    'Café\\nok\\n'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _SURROGATE.search(text):
        text = repair_surrogates(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    return unicodedata.normalize("NFC", text)


def decode_bytes(data: bytes) -> str:
    """Decode file bytes to normalised text, or raise :class:`DecodeProblem`.

    Order: known binary signatures are refused; a BOM decides (UTF-8,
    UTF-16, UTF-32); NUL bytes mean BOM-less UTF-16 or binary; strict UTF-8;
    then charset-normalizer's guess, preferring Windows-1252 for Latin-script
    bytes. A result that is more than 5% control characters is binary.
    """
    return decode_noted(data)[0]


def decode_noted(data: bytes) -> tuple[str, list[str]]:
    """:func:`decode_bytes`, plus notes on what was done (e.g. mixed encodings).

    A file whose lines are partly UTF-8 and partly a legacy encoding (rows
    appended by different tools) is decoded line by line, with a note.

    >>> text, notes = decode_noted("naïve\\n".encode() + "café\\n".encode("cp1252"))
    >>> text, notes
    ('naïve\\ncafé\\n', ['mixed encodings: 1 of 2 lines are not UTF-8 and were read as cp1252 (line 2)'])
    """
    if not data:
        raise DecodeProblem("empty", "the file is empty (0 bytes)")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DecodeProblem("binary", f"looks like {what}, not text")
    notes: list[str] = []
    text = _decode(data, notes)
    _refuse_binary_text(text)
    return normalize_text(text), notes


def _decode_mixed(data: bytes, notes: list[str]) -> str | None:
    """Line-by-line decoding when some lines are valid non-ASCII UTF-8 and others are not."""
    lines = data.splitlines(keepends=True)
    bad: list[int] = []
    n_utf8 = 0
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            n_utf8 += 1
        except UnicodeDecodeError:
            bad.append(i)
    if not n_utf8 or not bad:
        return None
    legacy = _decode_legacy(b"".join(lines[i] for i in bad))
    encoding = "cp1252" if _try(b"".join(lines[i] for i in bad), "cp1252") == legacy else None
    out = []
    for i, line in enumerate(lines):
        if i in bad:
            out.append(line.decode(encoding) if encoding else _decode_legacy(line))
        else:
            out.append(line.decode("utf-8"))
    where = ", ".join(str(i + 1) for i in bad[:10]) + (", ..." if len(bad) > 10 else "")
    notes.append(
        f"mixed encodings: {len(bad)} of {len(lines)} lines are not UTF-8 and were read as "
        f"{encoding or 'a guessed legacy encoding'} (line{'s' if len(bad) > 1 else ''} {where})"
    )
    return "".join(out)


def _decode(data: bytes, notes: list[str] | None = None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise DecodeProblem(
                    "undecodable", f"starts with a {encoding} byte-order mark but {err.reason}"
                ) from None
    if b"\x00" in data[:_SAMPLE]:
        return _decode_with_nuls(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data, notes if notes is not None else [])
    return mixed if mixed is not None else _decode_legacy(data)


def _decode_with_nuls(data: bytes) -> str:
    """BOM-less UTF-16 (ASCII-heavy text has a NUL in every other byte) or binary."""
    sample = data[:_SAMPLE]
    half = max(len(sample) // 2, 1)
    odd_nuls = sample[1::2].count(0) / half
    even_nuls = sample[0::2].count(0) / half
    for share, other, encoding in (
        (odd_nuls, even_nuls, "utf-16-le"),
        (even_nuls, odd_nuls, "utf-16-be"),
    ):
        if share > 0.6 and other < 0.1 and len(data) % 2 == 0:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    raise DecodeProblem("binary", "contains NUL bytes: not a text file")


def _decode_legacy(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = best.encoding if best is not None else None
    cp1252 = _try(data, "cp1252")
    if guess is None:
        if cp1252 is None:
            raise DecodeProblem(
                "undecodable",
                "not UTF-8 and no known encoding fits; re-save the file as UTF-8",
            )
        return cp1252
    guessed = str(best)
    # Short texts fool every detector; Windows-1252 is what Western newsroom and
    # Windows tools wrote, so it wins unless the guess reads more cleanly.
    if cp1252 is not None and _oddities(cp1252) <= _oddities(guessed):
        return cp1252
    return guessed


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _oddities(text: str) -> int:
    """Signs of a wrong decoding (mojibake), counted over the first 64 KB.

    Non-ASCII non-letters inside words (``Za¿ó³æ``), letters of two scripts in
    one word (``naﺅve``), and words of 4+ letters that are mostly Latin-1
    accented letters (``Ïðèâåò``, Cyrillic read as Windows-1252).
    """
    count = 0
    for word in _WORDISH.findall(text[:_SAMPLE]):
        for i in range(1, len(word) - 1):
            ch = word[i]
            if not (ord(ch) < 128 or ch in _INWORD_OK or ch.isalpha()):
                count += word[i - 1].isalpha() and word[i + 1].isalpha()
        letters = [ch for ch in word if ch.isalpha()]
        scripts = {_script(ch) for ch in letters}
        count += len(scripts) > 1
        accented = sum(1 for ch in letters if "\u00c0" <= ch <= "\u00ff")
        count += len(letters) >= 4 and accented * 2 > len(letters)
    return count


def _script(ch: str) -> str:
    if ord(ch) < 128:
        return "LATIN"
    return unicodedata.name(ch, "UNKNOWN").split(" ")[0]


def _refuse_binary_text(text: str) -> None:
    sample = text[:_SAMPLE]
    if not sample:
        return
    bad = len(_CONTROL.findall(sample))
    if bad > _MAX_CONTROL_SHARE * len(sample):
        raise DecodeProblem(
            "binary", f"{bad} of {len(sample)} characters are control characters: not a text file"
        )
