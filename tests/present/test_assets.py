"""Offline widget files come with the package; no silent CDN fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.present import assets
from kit.present.render import CDN_REQUIREJS, CDN_WIDGETS, bundle_assets, render_notebooks


@pytest.fixture
def nothing_installed(tmp_path, monkeypatch):
    """Neither the package folder nor node_modules has the files."""
    monkeypatch.setattr(assets, "WIDGETS_DIR", tmp_path / "no-package-files")
    monkeypatch.setenv("KIT_NODE_MODULES", str(tmp_path / "no-node-modules"))
    return tmp_path


def test_missing_files_stop_with_the_fix(nothing_installed):
    with pytest.raises(assets.AssetsMissing) as exc:
        bundle_assets(nothing_installed / "site")
    message = str(exc.value)
    assert "scripts/setup.sh" in message and "python -m kit.present.assets" in message
    assert "--allow-cdn" in message
    assert not (nothing_installed / "site" / "_static").exists()


def test_cdn_only_when_allowed(nothing_installed):
    found = bundle_assets(nothing_installed / "site", allow_cdn=True)
    assert not found.offline and "--allow-cdn" in found.message
    assert found.require_js == CDN_REQUIREJS and found.widgets_js == CDN_WIDGETS


def test_render_fails_before_running_anything(nothing_installed):
    corpus = nothing_installed / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The mayor said on Monday that 12 bridges need repair.\n")
    out = nothing_installed / "site"
    with pytest.raises(assets.AssetsMissing):
        render_notebooks(corpus=corpus, out=out, log=lambda _m: None)
    assert not (out / "executed").exists()


def test_install_copies_pinned_files_with_licences(tmp_path):
    nm = assets.node_modules_dir()
    if assets.node_modules_files(nm) is None:
        pytest.skip(f"no node_modules at {nm} (npm ci)")
    written = assets.install(nm, target=tmp_path / "widgets")
    names = {p.name for p in written}
    assert {"require.js", "embed-amd.js", "html-manager.json"} <= names
    assert {"jupyter-widgets-html-manager-LICENSE.txt", "requirejs-LICENSE.txt"} <= names
    assert not any(n.endswith(".map") for n in names)


def test_package_data_declares_the_widget_files():
    text = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert "present/static/widgets/*.js" in text and "present/static/licenses/*.txt" in text


def test_packaged_files_are_preferred_to_node_modules(monkeypatch, tmp_path):
    if assets.packaged_files() is None:
        pytest.skip(
            "the widget files are not installed in the package (python -m kit.present.assets)"
        )
    monkeypatch.setenv("KIT_NODE_MODULES", str(tmp_path / "none"))
    found = assets.find_widget_files()
    assert found.manager_dir.is_relative_to(assets.STATIC_DIR)
    site = bundle_assets(tmp_path / "site")
    assert site.offline and (tmp_path / "site" / "_static" / "requirejs-LICENSE.txt").is_file()
