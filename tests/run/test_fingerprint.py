"""kit.run.fingerprint: editing any kit source file or any curated table changes the fingerprint."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kit.lexicons import resources
from kit.run import fingerprint as fp
from kit.run.pipeline import Settings

KIT = Path(__file__).resolve().parents[2] / "kit"
CURATED = sorted(p.name for p in (KIT / "data").glob("*.csv"))


@pytest.fixture
def settings() -> Settings:
    return Settings.make(extractors=["quantities"])


@pytest.mark.parametrize("table", CURATED)
def test_editing_a_curated_table_changes_the_fingerprint(table, tmp_path, monkeypatch, settings):
    copy = tmp_path / "data"
    shutil.copytree(KIT / "data", copy)
    monkeypatch.setattr(resources, "DATA_DIR", copy)
    monkeypatch.setattr("kit.run.pipeline._RESOURCES", {})
    before = fp.fingerprint(settings)
    with open(copy / table, "a", encoding="utf-8") as fh:
        fh.write("\n")
    monkeypatch.setattr("kit.run.pipeline._RESOURCES", {})
    assert fp.fingerprint(settings) != before


SOURCES = sorted(str(p.relative_to(KIT)) for p in KIT.rglob("*.py"))


def test_every_source_file_is_hashed(tmp_path, monkeypatch):
    copy = tmp_path / "kit"
    shutil.copytree(KIT, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fp, "PACKAGE_DIR", copy)
    base = fp.code_hash()
    for source in SOURCES:
        target = copy / source
        original = target.read_bytes()
        target.write_bytes(original + b"\n")
        assert fp.code_hash() != base, f"editing kit/{source} does not change the fingerprint"
        target.write_bytes(original)
    assert fp.code_hash() == base
