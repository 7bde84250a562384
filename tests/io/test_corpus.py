"""kit.load: every format, every bad input, stable ids, nothing lost."""

from __future__ import annotations

import json
import os
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
from kit.io.corpus import CORE_COLUMNS, REPORT_COLUMNS, LoadError, LoadWarning

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "articles" / "2017-06-04_syria-tanf-iran-backed-forces.txt"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


def quiet_load(*args, **kwargs) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadWarning)
        return kit.load(*args, **kwargs)


def report(docs: pd.DataFrame) -> pd.DataFrame:
    return kit.load_report(docs)


def skipped(docs: pd.DataFrame) -> pd.DataFrame:
    rep = report(docs)
    return rep[rep["status"] == "skipped"]


def write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path


@pytest.fixture(scope="module")
def seed_docs() -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("error", LoadWarning)  # the bundled data loads cleanly
        return kit.load(REPO / "data")


# ---------------------------------------------------------------- the seed


def test_bundled_data_is_exactly_the_seed(seed_docs: pd.DataFrame) -> None:
    docs = seed_docs
    assert len(docs) == 1
    assert list(docs.columns[:7]) == CORE_COLUMNS
    row = docs.iloc[0]
    assert row["doc_id"] == "2017-06-04_syria-tanf-iran-backed-forces"
    assert row["date"] == pd.Timestamp("2017-06-04")
    assert str(docs["date"].dtype).startswith("datetime64")
    assert row["path"] == "articles/2017-06-04_syria-tanf-iran-backed-forces.txt"
    assert row["text"].startswith("Forces backing")
    assert row["text"] == SEED.read_text(encoding="utf-8")[len(" date 2017-06-04 ") :]
    assert "haven’t" in row["text"]  # curly apostrophe kept
    assert row["n_words"] == len(row["text"].split())
    assert report(docs).empty
    assert docs.attrs["load_summary"] == {"inputs": 1, "documents": 1, "skipped": 0, "notes": 0}


def test_relative_string_path_and_file_path(seed_docs: pd.DataFrame, monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    docs = kit.load("data/")
    pd.testing.assert_frame_equal(docs, seed_docs)
    one = kit.load("data/articles/2017-06-04_syria-tanf-iran-backed-forces.txt")
    assert one.loc[0, "path"] == "data/articles/2017-06-04_syria-tanf-iran-backed-forces.txt"
    assert one.loc[0, "doc_id"] == seed_docs.loc[0, "doc_id"]
    assert one.loc[0, "text"] == seed_docs.loc[0, "text"]


def test_ids_stable_across_loads_and_machines(seed_docs: pd.DataFrame, tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere" / "data"
    shutil.copytree(REPO / "data", copy)
    again = kit.load(copy)
    pd.testing.assert_frame_equal(again, seed_docs)


# ---------------------------------------------------------------- the mixed folder


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    root = tmp_path / "mixed"
    write(root / "a_good.txt", "date 2017-06-04 A good article about talks.")
    write(root / "b_good.md", "title: Second\nsource: Example Wire\n\nAnother article.\n")
    write(root / "latin.txt", "Le café “chic” d’été est là.", encoding="cp1252")
    write(root / "empty.txt", b"")
    write(root / "blank.txt", " \n\t \n")
    write(root / "picture.txt", PNG)
    write(root / "numbers.csv", "a,b\n1,2\n3,4\n")
    write(root / "bad_date.txt", "date 2017-13-45 A text with a broken date.")
    write(root / "scan.pdf", b"%PDF-1.4\n")
    return root


def test_mixed_folder_nothing_lost(mixed: Path) -> None:
    with pytest.warns(LoadWarning, match=r"skipped 5 of 9 inputs .* noted 1 problem"):
        docs = kit.load(mixed)
    assert docs["path"].tolist() == ["a_good.txt", "b_good.md", "bad_date.txt", "latin.txt"]
    rep = report(docs)
    assert list(rep.columns) == REPORT_COLUMNS
    skips = rep[rep.status == "skipped"].set_index("path")["reason"].to_dict()
    assert skips == {
        "blank.txt": "empty",
        "empty.txt": "empty",
        "numbers.csv": "no_text_column",
        "picture.txt": "binary",
        "scan.pdf": "unsupported_format",
    }
    assert rep[rep.status == "skipped"]["doc_id"].isna().all()
    notes = rep[rep.status == "note"]
    assert notes[["path", "doc_id", "reason"]].values.tolist() == [
        ["bad_date.txt", "bad_date", "bad_date"]
    ]
    assert "2017-13-45" in notes["detail"].iloc[0]
    n_files = len([p for p in mixed.iterdir() if p.is_file()])
    assert len(docs) + len(skipped(docs)) == n_files
    summary = docs.attrs["load_summary"]
    assert summary["inputs"] == n_files and summary["skipped"] == 5

    by_id = docs.set_index("doc_id")
    assert by_id.loc["latin", "text"] == "Le café “chic” d’été est là."
    assert pd.isna(by_id.loc["bad_date", "date"])
    assert by_id.loc["bad_date", "text"] == "A text with a broken date."
    assert by_id.loc["a_good", "date"] == pd.Timestamp("2017-06-04")
    assert by_id.loc["b_good", "title"] == "Second"
    assert by_id.loc["b_good", "source"] == "Example Wire"
    assert by_id.loc["b_good", "text"] == "Another article.\n"


def test_mixed_folder_is_deterministic(mixed: Path) -> None:
    first, second = quiet_load(mixed), quiet_load(mixed)
    pd.testing.assert_frame_equal(first, second)
    pd.testing.assert_frame_equal(report(first), report(second))


def test_strict_raises_with_the_problems(mixed: Path) -> None:
    with pytest.raises(LoadError, match="picture.txt: binary") as info:
        kit.load(mixed, strict=True)
    assert len(info.value.report) == 6
    assert isinstance(info.value, ValueError)


def test_single_warning(mixed: Path) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        kit.load(mixed)
    assert len([w for w in caught if issubclass(w.category, LoadWarning)]) == 1


def test_report_survives_common_operations(mixed: Path, tmp_path: Path) -> None:
    docs = quiet_load(mixed)
    n = len(report(docs))
    assert n == 6
    for derived in (
        docs.copy(),
        docs.head(2),
        docs.query("n_words > 3"),
        docs[["doc_id", "text"]],
        docs.sort_values("date"),
        docs.assign(x=1),
        docs.merge(docs[["doc_id"]], on="doc_id"),
    ):
        assert len(report(derived)) == n
    docs.to_parquet(tmp_path / "docs.parquet")
    assert len(report(pd.read_parquet(tmp_path / "docs.parquet"))) == n
    assert report(pd.DataFrame()).empty


# ---------------------------------------------------------------- fatal errors


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file or folder.*Fix"):
        kit.load(tmp_path / "nope")


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(LoadError, match="no files to load.*Fix"):
        kit.load(tmp_path / "empty")


def test_folder_with_only_ignored_files(tmp_path: Path) -> None:
    write(tmp_path / "d" / ".kitignore", "*.csv\n")
    write(tmp_path / "d" / "x.csv", "text\nhello\n")
    write(tmp_path / "d" / ".hidden.txt", "hello")
    with pytest.raises(LoadError, match="1 files are excluded by .kitignore"):
        kit.load(tmp_path / "d")


def test_only_input_table_without_text_column(tmp_path: Path) -> None:
    path = write(tmp_path / "numbers.csv", "a,b\n1,2\n")
    with pytest.raises(LoadError, match=r"no text column among \['a', 'b'\].*text='COLUMN'"):
        kit.load(path)
    with pytest.raises(LoadError, match="no text column"):
        kit.load(pd.DataFrame({"a": [1]}))


def test_glob_without_matches_and_empty_list(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="matches no files"):
        kit.load(str(tmp_path / "*.txt"))
    with pytest.raises(LoadError, match="empty list"):
        kit.load([])
    with pytest.raises(LoadError):
        kit.load(42)


# ---------------------------------------------------------------- formats


def test_text_conventions(tmp_path: Path) -> None:
    write(tmp_path / "block.txt", "title: T\ndate: June 4, 2017\nauthor: Ann\n\nBody.\r\nMore.")
    write(tmp_path / "front.md", '---\ntitle: "F"\nsource: Wire\n---\n\n# Heading\nText')
    write(tmp_path / "plain.txt", "Update: nothing is stripped.\n\nBody.")
    write(tmp_path / "no_ext", "An extensionless text file.")
    docs = kit.load(tmp_path).set_index("doc_id")
    assert docs.loc["block", "text"] == "Body.\nMore."
    assert docs.loc["block", "date"] == pd.Timestamp("2017-06-04")
    assert docs.loc["block", "author"] == "Ann"
    assert docs.loc["front", "title"] == "F"
    assert docs.loc["front", "text"] == "# Heading\nText"
    assert docs.loc["plain", "text"] == "Update: nothing is stripped.\n\nBody."
    assert docs.loc["no_ext", "text"] == "An extensionless text file."


def test_csv_tsv_with_aliases_and_options(tmp_path: Path) -> None:
    write(
        tmp_path / "news.csv",
        "article_id,headline,body,published,outlet,author\n"
        '7,A,"Text one,\nwith a newline.",June 4 2017,AP,Ann\n'
        "8,B,,2017-06-05,AP,Bob\n"
        "009,C,Text three.,2017-06-04T23:30:00-05:00,Reuters,Cy\n",
    )
    write(tmp_path / "more.tsv", "story\twhen\tid\nTabbed text.\t04/06/2017\tx1\n")
    docs = quiet_load(tmp_path, dayfirst=True)
    assert docs["doc_id"].tolist() == ["x1", "7", "009"]  # sorted by path, then row order
    assert docs["path"].tolist() == ["more.tsv", "news.csv", "news.csv"]
    by_id = docs.set_index("doc_id")
    assert by_id.loc["7", "text"] == "Text one,\nwith a newline."
    assert by_id.loc["7", "title"] == "A" and by_id.loc["7", "source"] == "AP"
    assert by_id.loc["009", "date"] == pd.Timestamp("2017-06-04")
    assert by_id.loc["7", "author"] == "Ann"
    assert pd.isna(by_id.loc["x1", "date"])  # "when" is not a known date name
    assert by_id.loc["x1", "when"] == "04/06/2017"
    rep = skipped(docs)
    assert rep[["path", "reason"]].values.tolist() == [["news.csv", "empty"]]
    assert "row 2" in rep["detail"].iloc[0]

    named = quiet_load(tmp_path / "more.tsv", text="story", date="when", dayfirst=True)
    assert named.loc[0, "date"] == pd.Timestamp("2017-06-04")
    assert named.loc[0, "text"] == "Tabbed text."


def test_semicolon_csv_and_cp1252_csv(tmp_path: Path) -> None:
    write(tmp_path / "eu.csv", "titre;text\nCafé;Le café “chic”.\n", encoding="cp1252")
    docs = kit.load(tmp_path / "eu.csv")
    assert docs.loc[0, "text"] == "Le café “chic”."
    assert docs.loc[0, "titre"] == "Café"


def test_json_jsonl_parquet(tmp_path: Path) -> None:
    rows = [
        {"id": "j1", "content": "First.", "date": "2017-06-04", "tags": ["a", "b"]},
        {"id": "j2", "content": "Second.", "extra": {"k": 1}},
    ]
    write(tmp_path / "list.json", json.dumps(rows))
    write(tmp_path / "wrapped.json", json.dumps({"articles": [{"text": "Wrapped.", "id": "w"}]}))
    write(
        tmp_path / "lines.jsonl",
        json.dumps({"text": "Line one.", "id": "l1"})
        + "\n\n{broken\n[1]\n"
        + json.dumps({"text": "Line five.", "id": "l5"})
        + "\n",
    )
    pd.DataFrame({"doc_id": ["p1"], "full_text": ["Parquet text."], "n": [3]}).to_parquet(
        tmp_path / "t.parquet"
    )
    docs = quiet_load(tmp_path)
    assert docs["doc_id"].tolist() == ["l1", "l5", "j1", "j2", "p1", "w"]
    by_id = docs.set_index("doc_id")
    assert by_id.loc["j1", "tags"] == "a; b"
    assert by_id.loc["j2", "extra"] == '{"k": 1}'
    assert by_id.loc["p1", "n"] == 3
    rep = skipped(docs)
    assert rep["reason"].tolist() == ["parse_error", "parse_error"]
    assert rep["detail"].str.contains("line 3").any() and rep["detail"].str.contains("line 4").any()
    assert docs.attrs["load_summary"]["inputs"] == 8


def test_html_page(tmp_path: Path) -> None:
    para = "Negotiators met again on Sunday in Geneva to discuss the ceasefire terms. " * 4
    html = (
        "<html><head><title>Talks resume | Example News</title>"
        '<meta property="og:title" content="Talks resume">'
        '<meta property="og:site_name" content="Example News">'
        '<meta property="article:published_time" content="2017-06-04T10:00:00+02:00">'
        "</head><body><nav>Home | World</nav><article><h1>Talks resume</h1>"
        f"<p>{para}</p><p>“We are hopeful,” a diplomat said.</p></article>"
        "<footer>Copyright</footer></body></html>"
    )
    write(tmp_path / "page.html", html)
    docs = kit.load(tmp_path / "page.html")
    row = docs.iloc[0]
    assert row["doc_id"] == "page"
    assert row["title"] == "Talks resume"
    assert row["source"] == "Example News"
    assert row["date"] == pd.Timestamp("2017-06-04")
    assert "Negotiators met again" in row["text"]
    assert "“We are hopeful,” a diplomat said." in row["text"]
    assert "Copyright" not in row["text"]


def test_html_without_text_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Real text.")
    write(tmp_path / "b.html", "<html><body></body></html>")
    docs = quiet_load(tmp_path)
    assert skipped(docs)[["path", "reason"]].values.tolist() == [["b.html", "empty"]]


def test_dataframe_input_and_round_trip(mixed: Path) -> None:
    frame = pd.DataFrame(
        {"Body": ["One text.", "Two text.", None], "Headline": ["A", "B", "C"], "x": [1, 2, 3]}
    )
    docs = quiet_load(frame)
    assert docs["path"].isna().all()
    assert docs["title"].tolist() == ["A", "B"]
    assert all(i.startswith("doc-") for i in docs["doc_id"])
    assert skipped(docs)["detail"].tolist() == ["row 3: the text is missing"]

    loaded = quiet_load(mixed)
    again = kit.load(loaded)
    pd.testing.assert_frame_equal(again, loaded, check_dtype=False)


def test_glob_and_list(tmp_path: Path) -> None:
    write(tmp_path / "a" / "one.txt", "One.")
    write(tmp_path / "a" / "two.md", "Two.")
    write(tmp_path / "b" / "three.txt", "Three.")
    docs = kit.load(str(tmp_path / "a" / "*.txt"))
    assert docs["path"].tolist() == ["one.txt"]
    both = kit.load([tmp_path / "b", str(tmp_path / "a" / "**" / "*.*"), tmp_path / "b"])
    assert both["doc_id"].tolist() == ["three", "one", "two"]  # list order, each sorted; no repeats


def test_recursive_option(tmp_path: Path) -> None:
    write(tmp_path / "top.txt", "Top.")
    write(tmp_path / "sub" / "deep.txt", "Deep.")
    assert kit.load(tmp_path)["path"].tolist() == ["sub/deep.txt", "top.txt"]
    assert kit.load(tmp_path, recursive=False)["path"].tolist() == ["top.txt"]


# ---------------------------------------------------------------- ids


def test_duplicate_ids_made_unique_and_reported(tmp_path: Path) -> None:
    write(tmp_path / "x" / "story.txt", "First.")
    write(tmp_path / "y" / "story.txt", "Second.")
    write(tmp_path / "z.csv", "id,text\nstory,Third.\nstory~2,Fourth.\n")
    docs = quiet_load(tmp_path)
    assert docs["doc_id"].tolist() == ["story", "story~2", "story~3", "story~2~2"]
    assert docs["doc_id"].is_unique
    rep = report(docs)
    assert (rep["reason"] == "duplicate_id").sum() == 3
    assert set(rep["status"]) == {"note"}


def test_table_ids_without_id_column_depend_on_text_not_position(tmp_path: Path) -> None:
    write(tmp_path / "a" / "news.csv", "text\nAlpha.\nBeta.\n")
    write(tmp_path / "b" / "news.csv", "text\nBeta.\nAlpha.\n")
    first = kit.load(tmp_path / "a").set_index("text")["doc_id"]
    second = kit.load(tmp_path / "b").set_index("text")["doc_id"]
    assert first.to_dict() == second.to_dict()
    assert all(i.startswith("news-") for i in first)


def test_ids_are_slug_safe(tmp_path: Path) -> None:
    write(tmp_path / "Ünïcode name (copy) #2.txt", "Text.")
    write(tmp_path / "北京.txt", "Text.")
    write(tmp_path / "t.csv", "id,text\nA/B C,Text.\n")
    docs = kit.load(tmp_path)
    assert docs["doc_id"].str.fullmatch(r"[A-Za-z0-9._~-]+").all()
    assert "Unicode-name-copy-2" in docs["doc_id"].tolist()


def test_slug_safe_stems_are_kept_exactly(tmp_path: Path) -> None:
    write(tmp_path / "nyt_2016-10-02_a-curious-plan-to-fight-climate-.txt", "Text.")
    assert kit.load(tmp_path).loc[0, "doc_id"] == "nyt_2016-10-02_a-curious-plan-to-fight-climate-"


# ---------------------------------------------------------------- sidecar metadata


def test_sidecar_metadata(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "texts" / "a.txt", "title: From header\n\nText A.")
    write(root / "texts" / "b.txt", "Text B.")
    write(
        root / "metadata.tsv",
        "filename\tpublisher\tpublication_date\tauthor\ttitle\n"
        "texts/a.txt\tThe Daily\t2016-09-12\tAnn\tFrom sidecar\n"
        "b\tThe Weekly\tSeptember 13, 2016\tBob\t\n"
        "missing.txt\tNobody\t2016-01-01\tZed\t\n",
    )
    docs = quiet_load(root).set_index("doc_id")
    assert list(docs.index) == ["a", "b"]
    assert docs.loc["a", "source"] == "The Daily"
    assert docs.loc["a", "title"] == "From sidecar"
    assert docs.loc["a", "date"] == pd.Timestamp("2016-09-12")
    assert docs.loc["b", "date"] == pd.Timestamp("2016-09-13")
    assert docs.loc["b", "author"] == "Bob"
    assert pd.isna(docs.loc["b", "title"])
    rep = report(docs.reset_index())
    assert rep[["path", "reason", "status"]].values.tolist() == [
        ["metadata.tsv", "metadata_unmatched", "note"]
    ]
    assert "missing.txt" in rep["detail"].iloc[0]


def test_corpus_layout_texts_annotations_and_root_sidecar(tmp_path: Path) -> None:
    """A public-corpus layout: text/*.txt, annotations/*.ann, metadata.tsv keyed by stem."""
    write(tmp_path / "text" / "wire_2016-09-12_story-.txt", "The story.")
    write(tmp_path / "annotations" / "wire_2016-09-12_story-_ab12.ann", "T1\tCue 0 3\tThe\n")
    write(
        tmp_path / "metadata.tsv",
        "compartment\tfilename\tpublisher\tpublication_date\n"
        "dev\twire_2016-09-12_story-\twire\t2016-09-12\n",
    )
    docs = quiet_load(tmp_path)
    assert docs[["doc_id", "source", "path"]].values.tolist() == [
        ["wire_2016-09-12_story-", "wire", "text/wire_2016-09-12_story-.txt"]
    ]
    assert docs.loc[0, "date"] == pd.Timestamp("2016-09-12")
    assert docs.loc[0, "compartment"] == "dev"
    rep = report(docs)
    assert rep[["reason", "status"]].values.tolist() == [["unsupported_format", "skipped"]]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads all")
def test_unreadable_subfolder_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "ok.txt", "Fine.")
    write(tmp_path / "locked" / "x.txt", "Hidden.")
    (tmp_path / "locked").chmod(0)
    try:
        docs = quiet_load(tmp_path)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert skipped(docs)[["path", "reason"]].values.tolist() == [["locked", "unreadable"]]


def test_explicit_metadata_option(tmp_path: Path) -> None:
    write(tmp_path / "texts" / "a.txt", "Text A.")
    meta = write(tmp_path / "meta.csv", "doc_id,outlet,published_at\na,Wire,2017-06-04T10:00:00Z\n")
    docs = kit.load(tmp_path / "texts", metadata=meta)
    assert docs.loc[0, "source"] == "Wire"
    assert docs.loc[0, "date"] == pd.Timestamp("2017-06-04")
    frame_meta = pd.DataFrame({"file": ["a.txt"], "section": ["World"]})
    assert kit.load(tmp_path / "texts", metadata=frame_meta).loc[0, "section"] == "World"
    with pytest.raises(LoadError, match="no file column"):
        kit.load(tmp_path / "texts", metadata=pd.DataFrame({"x": [1]}))


# ---------------------------------------------------------------- decoding via load


def test_encodings_via_load(tmp_path: Path) -> None:
    text = "He said “it’s fine” — café."
    write(tmp_path / "u8bom.txt", "\ufeff" + text)
    write(tmp_path / "u16.txt", text, encoding="utf-16")
    write(tmp_path / "cp.txt", text, encoding="cp1252")
    write(tmp_path / "crlf.txt", "Line one.\r\nLine two.\rLine three.")
    docs = kit.load(tmp_path).set_index("doc_id")
    assert docs.loc["u8bom", "text"] == text
    assert docs.loc["u16", "text"] == text
    assert docs.loc["cp", "text"] == text
    assert docs.loc["crlf", "text"] == "Line one.\nLine two.\nLine three."


def test_size_limit_and_odd_text(tmp_path: Path) -> None:
    write(tmp_path / "big.txt", "word " * 2000)
    write(tmp_path / "odd.txt", "Emoji 😀 and control \x07 chars, 北京 and عربى.")
    docs = quiet_load(tmp_path, max_bytes=5000)
    assert docs["doc_id"].tolist() == ["odd"]
    assert docs.loc[0, "text"] == "Emoji 😀 and control \x07 chars, 北京 and عربى."
    assert skipped(docs)[["path", "reason"]].values.tolist() == [["big.txt", "too_large"]]


def test_five_megabyte_text(tmp_path: Path) -> None:
    write(tmp_path / "long.txt", "date 2017-06-04 " + "Long text here. " * 330_000)
    docs = kit.load(tmp_path)
    assert docs.loc[0, "n_words"] == 3 * 330_000


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads all")
def test_unreadable_file(tmp_path: Path) -> None:
    write(tmp_path / "ok.txt", "Fine.")
    locked = write(tmp_path / "locked.txt", "Secret.")
    locked.chmod(0)
    try:
        docs = quiet_load(tmp_path)
    finally:
        locked.chmod(0o644)
    assert skipped(docs)["reason"].tolist() == ["unreadable"]


def test_broken_link_is_unreadable(tmp_path: Path) -> None:
    write(tmp_path / "ok.txt", "Fine.")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing-target.txt")
    docs = quiet_load(tmp_path)
    assert docs["doc_id"].tolist() == ["ok"]
    assert skipped(docs)[["path", "reason"]].values.tolist() == [["gone.txt", "unreadable"]]


def test_column_name_collisions(tmp_path: Path) -> None:
    write(tmp_path / "t.csv", "body,text,path,n_words\nThe body.,Other text.,p,99\n")
    docs = kit.load(tmp_path / "t.csv", text="body")
    assert list(docs.columns) == [*CORE_COLUMNS, "input_text", "input_path", "input_n_words"]
    assert docs.loc[0, "text"] == "The body."
    assert docs.loc[0, "input_text"] == "Other text."
    assert docs.loc[0, "path"] == (tmp_path / "t.csv").as_posix()


# ---------------------------------------------------------------- properties


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(tmp_path: Path, data: bytes) -> None:
    folder = tmp_path / "prop"
    shutil.rmtree(folder, ignore_errors=True)
    write(folder / "good.txt", "A good text.")
    write(folder / "random.txt", data)
    docs = quiet_load(folder)
    rep = report(docs)
    assert len(docs) + len(skipped(docs)) == 2
    assert "good" in docs["doc_id"].tolist()
    if "random" in docs["doc_id"].tolist():
        text = docs.set_index("doc_id").loc["random", "text"]
        assert text.strip() and "\r" not in text
    else:
        assert rep[rep.status == "skipped"]["path"].tolist() == ["random.txt"]
