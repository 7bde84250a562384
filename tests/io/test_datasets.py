"""kit.datasets: the Wikinews sample from a mirror or a checked download, with its licence."""

from __future__ import annotations

import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

import kit
from kit import datasets
from kit.datasets import DatasetError, RemoteFile
from kit.io.corpus import LoadWarning

# a mirror named by KIT_DATASETS (scripts/test.sh sets it), else ../shared/datasets
SHARED = Path(
    os.environ.get("KIT_DATASETS") or Path(__file__).resolve().parents[3] / "shared" / "datasets"
)
needs_mirror = pytest.mark.skipif(
    not (SHARED / "wikinews").is_dir(), reason="../shared/datasets is not here"
)


@needs_mirror
def test_wikinews_from_the_mirror(monkeypatch):
    monkeypatch.setenv(datasets.MIRROR_ENV, str(SHARED))
    with pytest.warns(LoadWarning):  # one article of the sample is empty
        docs = datasets.wikinews()
    report = kit.load_report(docs)
    assert len(docs) + len(report) == 295
    assert list(report["reason"]) == ["empty"]
    assert docs["doc_id"].is_unique and docs["doc_id"].str.startswith("wikinews-").all()
    assert (docs["source"] == "Wikinews").all()
    assert docs["url"].str.startswith("https://en.wikinews.org").all()
    assert (docs["licence"] == "CC BY 2.5").all()
    assert "creativecommons.org/licenses/by/2.5" in docs.attrs["licence"]
    assert docs["attribution"].str.contains("Wikinews").all()
    # cleaning: no dateline, no translated lines, no runs of blank lines
    assert (
        not docs["text"]
        .str.match(r"(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]+ \d+, \d{4}")
        .any()
    )
    assert not docs["text"].str.contains(r"(?m)^\(\([a-z]{2,3}\)\)", regex=True).any()
    assert not docs["text"].str.contains("\n\n\n", regex=False).any()
    one_year = datasets.wikinews(years=[2020])
    assert set(one_year["date"].dt.year) <= {2020, 2021}


@needs_mirror
def test_a_tampered_mirror_file_fails_loudly(monkeypatch, tmp_path):
    (tmp_path / "wikinews").mkdir()
    for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
        shutil.copy(SHARED / "wikinews" / name, tmp_path / "wikinews" / name)
    target = tmp_path / "wikinews" / "wikinews_2019.csv"
    data = bytearray(target.read_bytes())
    data[500] = ord("X") if data[500] != ord("X") else ord("Y")
    target.write_bytes(bytes(data))
    monkeypatch.setenv(datasets.MIRROR_ENV, str(tmp_path))
    with pytest.raises(DatasetError, match="checksum"):
        datasets.wikinews(years=[2019])


def test_a_mirror_without_the_file_says_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv(datasets.MIRROR_ENV, str(tmp_path))
    with pytest.raises(DatasetError, match="unset KIT_DATASETS"):
        datasets.wikinews()


def test_unknown_years_are_refused():
    with pytest.raises(DatasetError, match="available years"):
        datasets.wikinews(years=[1999])


def test_offline_without_a_mirror_says_what_to_do(monkeypatch, tmp_path):
    monkeypatch.delenv(datasets.MIRROR_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    remote = RemoteFile("http://127.0.0.1:9/wikinews_2019.csv", "0" * 64, "wikinews/x.csv")
    with pytest.raises(DatasetError, match="KIT_DATASETS"):
        datasets.fetch(remote)


def test_a_download_with_the_wrong_checksum_is_not_kept(monkeypatch, tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    (served / "wikinews_2019.csv").write_text("url,date,title,text\n", encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(served), **kwargs)

        def log_message(self, *args):  # keep test output clean
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        monkeypatch.delenv(datasets.MIRROR_ENV, raising=False)
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
        url = f"http://127.0.0.1:{server.server_address[1]}/wikinews_2019.csv"
        with pytest.raises(DatasetError, match="checksum"):
            datasets.fetch(RemoteFile(url, "0" * 64, "wikinews/wikinews_2019.csv"))
        kept = list((tmp_path / "cache").rglob("*.csv"))
        assert kept == []
    finally:
        server.shutdown()


def test_cleaning_steps():
    text = "Friday, January 4, 2019\xa0\n\n\nFirst.  \n((hi))Hindi language: नमस्ते\n\n\n\nSecond."
    assert datasets.clean_wikinews_text(text) == "First.\n\nSecond."
