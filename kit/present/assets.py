"""The offline widget files shipped with the package: require.js and the widget manager.

Shared pages load ``require.js`` and ``@jupyter-widgets/html-manager``'s
``embed-amd.js`` (with its fonts) to draw widgets. They live in
``kit/present/static/widgets/`` (package data, with their licences), put there
once at setup or build time from the npm packages pinned in ``package.json``::

    npm ci                                   # or npm install
    python -m kit.present.assets             # copy node_modules/... into the package

(``bash scripts/setup.sh`` does both.) :func:`find_widget_files` looks there
first, then in ``$KIT_NODE_MODULES`` or the repository's ``node_modules``, and
raises :class:`AssetsMissing` (naming the fix) when neither has them.

>>> files = find_widget_files()           # doctest: +SKIP
>>> files.require_js.name, files.embed_js.name     # doctest: +SKIP
('require.js', 'embed-amd.js')
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

#: Pinned versions (as in package.json).
HTML_MANAGER_VERSION = "1.0.15"
REQUIREJS_VERSION = "2.3.7"
#: The package folder holding the widget files.
STATIC_DIR = Path(__file__).resolve().parent / "static"
WIDGETS_DIR = STATIC_DIR / "widgets"
#: Licence files shipped next to the copied scripts (kept in the repository).
LICENSES_DIR = STATIC_DIR / "licenses"
REPO_ROOT = Path(__file__).resolve().parents[2]

FIX = (
    "Fix: run `bash scripts/setup.sh` (needs npm), or `npm ci && python -m kit.present.assets` "
    "in the kit's clone, or pass --allow-cdn (kit render) / allow_cdn=True to load them from "
    "the internet (the pages then need a connection to show widgets)."
)


class AssetsMissing(FileNotFoundError):
    """The offline widget files are not installed; the message names the fix."""


@dataclass(frozen=True)
class WidgetFiles:
    """Where require.js and the widget manager (with its fonts) are on this machine."""

    require_js: Path
    manager_dir: Path
    version: str | None

    @property
    def embed_js(self) -> Path:
        return self.manager_dir / "embed-amd.js"

    def manager_files(self) -> list[Path]:
        """``embed-amd.js`` and the fonts it loads (no source maps, no other bundles)."""
        keep = {".js", ".woff", ".woff2", ".ttf", ".eot", ".svg"}
        return sorted(
            p
            for p in self.manager_dir.iterdir()
            if p.is_file() and p.suffix in keep and p.name not in {"embed.js", "libembed-amd.js"}
        )


def node_modules_dir() -> Path:
    """``$KIT_NODE_MODULES`` or the repository's ``node_modules`` folder."""
    return Path(os.environ.get("KIT_NODE_MODULES") or REPO_ROOT / "node_modules")


def _version(package_json: Path) -> str | None:
    try:
        return json.loads(package_json.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def packaged_files() -> WidgetFiles | None:
    """The files inside the package (``kit/present/static/widgets``), if installed there."""
    require = WIDGETS_DIR / "require.js"
    manager = WIDGETS_DIR / "html-manager"
    if require.is_file() and (manager / "embed-amd.js").is_file():
        return WidgetFiles(require, manager, _version(WIDGETS_DIR / "html-manager.json"))
    return None


def node_modules_files(nm: Path | None = None) -> WidgetFiles | None:
    """The files in an npm ``node_modules`` folder, if present."""
    nm = nm or node_modules_dir()
    require = nm / "requirejs" / "require.js"
    manager = nm / "@jupyter-widgets" / "html-manager" / "dist"
    if require.is_file() and (manager / "embed-amd.js").is_file():
        return WidgetFiles(require, manager, _version(manager.parent / "package.json"))
    return None


def find_widget_files() -> WidgetFiles:
    """The widget files: from the package, else ``node_modules``; :class:`AssetsMissing` if neither.

    >>> find_widget_files().embed_js.name   # doctest: +SKIP
    'embed-amd.js'
    """
    found = packaged_files() or node_modules_files()
    if found is None:
        raise AssetsMissing(
            f"the offline widget files (require.js {REQUIREJS_VERSION}, "
            f"@jupyter-widgets/html-manager {HTML_MANAGER_VERSION}) are not installed: not in "
            f"{WIDGETS_DIR} nor in {node_modules_dir()}. {FIX}"
        )
    return found


def install(nm: Path | None = None, target: Path = WIDGETS_DIR) -> list[Path]:
    """Copy the pinned files from ``node_modules`` into the package, with the licences.

    >>> install()          # doctest: +SKIP
    [PosixPath('.../static/widgets/require.js'), ...]
    """
    source = node_modules_files(nm)
    if source is None:
        raise AssetsMissing(f"no require.js / html-manager in {nm or node_modules_dir()}. {FIX}")
    if source.version and source.version != HTML_MANAGER_VERSION:
        raise AssetsMissing(
            f"{source.manager_dir.parent} is html-manager {source.version}, the kit pins "
            f"{HTML_MANAGER_VERSION}. Fix: run `npm ci` in {REPO_ROOT}."
        )
    (target / "html-manager").mkdir(parents=True, exist_ok=True)
    written = [_copy(source.require_js, target / "require.js")]
    written += [_copy(p, target / "html-manager" / p.name) for p in source.manager_files()]
    written.append(_copy(source.manager_dir.parent / "package.json", target / "html-manager.json"))
    for licence in sorted(LICENSES_DIR.glob("*.txt")):
        written.append(_copy(licence, target / licence.name))
    third_party = source.manager_dir / "embed.js.LICENSE.txt"
    if third_party.is_file():
        written.append(_copy(third_party, target / "html-manager-bundled-LICENSES.txt"))
    return written


def _copy(src: Path, dst: Path) -> Path:
    if not (dst.is_file() and dst.read_bytes() == src.read_bytes()):
        shutil.copyfile(src, dst)
    return dst


def main(argv: list[str] | None = None) -> int:
    """``python -m kit.present.assets [--from NODE_MODULES]``: install the widget files."""
    parser = argparse.ArgumentParser(description=install.__doc__.split("\n")[0])
    parser.add_argument("--from", dest="nm", type=Path, help="node_modules folder")
    args = parser.parse_args(argv)
    try:
        files = install(args.nm)
    except AssetsMissing as exc:
        print(f"kit.present.assets: {exc}", file=sys.stderr)
        return 2
    print(f"installed {len(files)} widget files into {WIDGETS_DIR}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
