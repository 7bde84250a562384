"""Complete tables for shared pages: files, notices, wrapping, static copies, Excel safety."""

from __future__ import annotations

import json
import re
import zipfile

import pandas as pd
import pytest

from kit.io.export import write_xlsx
from kit.present import tables as kt
from kit.present.display import static_table


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(300)],
            "content": ["a long quoted sentence " * 4 + f"<b>{i}</b>" for i in range(300)],
            "n": range(300),
        }
    )


def test_show_table_writes_every_row_and_links_the_files(frame, tmp_path, monkeypatch):
    shown: list = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append(obj))
    kt.setup(files=tmp_path / "02_actors_tables")
    import itables

    assert itables.options.maxBytes == 0 and itables.options.text_in_header_can_be_selected is False
    assert "nowrap" not in itables.options.classes
    html = itables.to_html_datatable(frame, table_id="itables_t")
    data = json.loads(re.search(r'"data_json": ("(?:[^"\\]|\\.)*")', html).group(1))
    assert len(json.loads(data)) == 300  # no downsampling
    kt.show_table(frame, "actors", caption="Actors")
    note = str(shown[-1])
    assert "All 300 rows" in note
    assert 'href="02_actors_tables/actors.csv"' in note
    assert 'href="02_actors_tables/actors.xlsx"' in note
    assert len(pd.read_csv(tmp_path / "02_actors_tables" / "actors.csv")) == 300
    kt.setup(files=None)


def test_past_the_limit_a_visible_n_of_m_notice(frame, tmp_path, monkeypatch):
    shown: list = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append(obj))
    kt.setup(files=tmp_path / "p_tables")
    kt.show_table(frame, "big", max_rows=100)
    note = str(shown[-1])
    assert "Showing 100 of 300 rows" in note and "big.csv" in note
    assert len(pd.read_csv(tmp_path / "p_tables" / "big.csv")) == 300  # the file has them all
    kt.setup(files=None)


def test_bad_table_names_are_refused():
    with pytest.raises(ValueError):
        kt.show_table(pd.DataFrame({"a": [1]}), "../evil")


def test_long_text_columns_wrap(frame):
    assert kt.wrap_columns(frame) == [1]
    assert "max-width" in kt.TABLE_CSS and "white-space: normal" in kt.TABLE_CSS


def test_static_tables_show_line_breaks_and_escape_everything():
    df = pd.DataFrame({"<i>col</i>": ["first\n\nsecond <script>x</script>"]})
    html = static_table(df, caption="c")
    assert "first<br><br>second &lt;script&gt;" in html
    assert "\\n" not in html and "<script>" not in html and "&lt;i&gt;col" in html


def test_excel_cells_are_text_never_formulas(tmp_path):
    df = pd.DataFrame({"text": ['=HYPERLINK("http://x","y")', "+1", "bad\x0bchar", "x" * 40_000]})
    path = write_xlsx(
        {"t": df}, tmp_path / "t.xlsx", provenance={"created": "2020-01-01T00:00:00Z"}
    )
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        core = z.read("docProps/core.xml").decode()
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in z.infolist())
    assert "<f>" not in sheet  # no formula element
    assert "2020-01-01T00:00:00Z" in core
    from openpyxl import load_workbook

    ws = load_workbook(path)["t"]
    assert ws["A2"].value.startswith("=HYPERLINK") and ws["A2"].data_type == "s"
    assert len(ws["A5"].value) == 32_767
    again = write_xlsx(
        {"t": df}, tmp_path / "u.xlsx", provenance={"created": "2020-01-01T00:00:00Z"}
    )
    assert path.read_bytes() == again.read_bytes()
