"""kit.io.export: every table to Parquet (byte-identical on rerun) and one DuckDB file."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import kit
from kit.io.export import DUCKDB_NAME, export_tables, read_tables, to_arrow, write_parquet

SEED = Path(__file__).resolve().parents[2] / "data" / "articles"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _odd_tables() -> dict[str, pd.DataFrame]:
    return {
        "documents": pd.DataFrame(
            {
                "doc_id": ["a", "b"],
                "date": [dt.date(2017, 6, 4), None],
                "n_words": [3, 0],
                "text": ["Forces backing Syria.", ""],
            }
        ),
        "odd": pd.DataFrame(
            {
                "listy": [[1, 2], {"k": "v"}],  # not allowed in kit tables, must not crash
                "missing": [None, None],
                "emoji": ["🙂 naïve", "\x00\x1f"],
                "score": [1.5, float("nan")],
            }
        ),
        "empty": pd.DataFrame(columns=["doc_id", "start", "end"]),
    }


@pytest.fixture(scope="module")
def seed_analysis():
    text = next(SEED.glob("*.txt")).read_text(encoding="utf-8")
    text = text.split("\n", 1)[1] if text.lstrip().startswith("date ") else text
    docs = pd.DataFrame(
        {
            "doc_id": ["seed"],
            "text": [text],
            "date": [pd.Timestamp("2017-06-04")],
            "source": [None],
        }
    )
    return kit.analyze(docs)


def test_writes_every_table_and_one_duckdb(tmp_path):
    tables = _odd_tables()
    written = export_tables(tables, tmp_path)
    assert set(written) == {*tables, "duckdb"}
    assert written["duckdb"] == tmp_path / DUCKDB_NAME
    for name, df in tables.items():
        assert (tmp_path / f"{name}.parquet").is_file()
        assert len(pd.read_parquet(tmp_path / f"{name}.parquet")) == len(df)
    con = duckdb.connect(str(tmp_path / DUCKDB_NAME), read_only=True)
    try:
        names = {
            r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()
        }
        assert names == set(tables)
        assert con.execute('select count(*) from "documents"').fetchone()[0] == 2
        # all-missing columns are text, not DuckDB's unusable NULL type
        kinds = dict(
            con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_name = 'odd'"
            ).fetchall()
        )
        assert kinds["missing"] == "VARCHAR"
    finally:
        con.close()
    assert not list(tmp_path.glob(".*.tmp*")), "temporary files left behind"


def test_parquet_is_byte_identical_on_rerun(tmp_path):
    first = export_tables(_odd_tables(), tmp_path / "one")
    second = export_tables(_odd_tables(), tmp_path / "two")
    for name in _odd_tables():
        assert _digest(first[name]) == _digest(second[name]), name
    # writing again over an existing folder gives the same bytes too
    third = export_tables(_odd_tables(), tmp_path / "one")
    assert _digest(third["documents"]) == _digest(second["documents"])


def test_values_round_trip(tmp_path):
    export_tables(_odd_tables(), tmp_path, duckdb=False)
    back = read_tables(tmp_path)
    assert sorted(back) == ["documents", "empty", "odd"]
    assert back["documents"]["text"].tolist() == ["Forces backing Syria.", ""]
    assert back["odd"]["emoji"].tolist() == ["🙂 naïve", "\x00\x1f"]
    assert back["odd"]["listy"].tolist() == ["[1, 2]", '{"k": "v"}']
    assert list(back["empty"].columns) == ["doc_id", "start", "end"]
    assert not (tmp_path / DUCKDB_NAME).exists()


def test_index_is_not_written(tmp_path):
    df = pd.DataFrame({"x": [1, 2]}, index=[10, 20])
    assert to_arrow(df).column_names == ["x"]
    write_parquet(df, tmp_path / "x.parquet")
    assert pd.read_parquet(tmp_path / "x.parquet").index.tolist() == [0, 1]


def test_bad_inputs_raise_clear_errors(tmp_path):
    with pytest.raises(ValueError, match="plain identifier"):
        export_tables({"drop table; --": pd.DataFrame()}, tmp_path)
    with pytest.raises(TypeError, match="not a DataFrame"):
        export_tables({"t": [1, 2]}, tmp_path)
    with pytest.raises(TypeError, match="Analysis"):
        export_tables(42, tmp_path)


def test_seed_analysis_exports_identically_twice(seed_analysis, tmp_path):
    first = export_tables(seed_analysis, tmp_path / "one")
    again = kit.analyze(seed_analysis.documents[["doc_id", "text", "date", "source"]])
    second = export_tables(again, tmp_path / "two")
    tables = seed_analysis.tables()
    assert {"documents", "sentences", "mentions", "quantities", "attributions", "timexes"} <= set(
        tables
    )
    for name in tables:
        assert _digest(first[name]) == _digest(second[name]), f"{name}.parquet differs on rerun"
    con = duckdb.connect(str(first["duckdb"]), read_only=True)
    try:
        for name, df in tables.items():
            assert con.execute(f'select count(*) from "{name}"').fetchone()[0] == len(df), name
    finally:
        con.close()
    mentions = pd.read_parquet(first["mentions"])
    text = seed_analysis.documents["text"].iloc[0]
    assert all(
        text[s:e] == t for s, e, t in mentions[["start", "end", "text"]].itertuples(index=False)
    )
