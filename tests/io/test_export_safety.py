"""Exports that never collide or fail late: unique temp files, atomic renames, --out checked first."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from kit.cli import EXIT_BAD_INPUT, main
from kit.io.export import DUCKDB_NAME, ExportError, check_out, export_tables, read_tables


def _tables(n: int) -> dict[str, pd.DataFrame]:
    return {
        "documents": pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], "n": range(n)}),
        "mentions": pd.DataFrame({"doc_id": ["d0"] * n, "text": ["x" * 50] * n}),
    }


def test_concurrent_exports_to_one_folder_do_not_collide(tmp_path: Path) -> None:
    out = tmp_path / "out"
    jobs = [_tables(200 + i) for i in range(8)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        done = list(pool.map(lambda tables: export_tables(tables, out), jobs * 3))
    assert len(done) == 24
    back = read_tables(out)
    assert sorted(back) == ["documents", "mentions"]
    assert len(back["documents"]) in {200 + i for i in range(8)}  # one complete export
    con = duckdb.connect(str(out / DUCKDB_NAME), read_only=True)
    ((n,),) = con.execute("SELECT count(*) FROM documents").fetchall()
    con.close()
    assert n in {200 + i for i in range(8)}
    assert not [p.name for p in out.iterdir() if p.name.endswith((".tmp", ".wal"))]


def test_out_that_is_a_file_is_refused_before_the_analysis(tmp_path: Path, monkeypatch, capsys):
    target = tmp_path / "results.txt"
    target.write_text("keep me")
    with pytest.raises(ExportError, match="existing file, not a folder.*Fix"):
        check_out(target)

    def refuse(*args, **kwargs):
        raise AssertionError("the corpus was loaded or analysed")

    monkeypatch.setattr("kit.present.render.check_corpus", refuse)
    monkeypatch.setattr("kit.api.analyze", refuse)
    code = main(["analyze", str(tmp_path), "--out", str(target), "--no-store", "--quiet"])
    assert code == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "kit analyze: --out" in err and "existing file" in err and "Traceback" not in err
    assert target.read_text() == "keep me"
    inside = target / "tables"  # a folder under a file cannot be made either
    with pytest.raises(ExportError, match="cannot write to the output folder"):
        check_out(inside)
