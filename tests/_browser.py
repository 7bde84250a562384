"""Headless Debian Chromium via Playwright, with every non-local request blocked.

>>> with chromium_context(tmp_path) as ctx:      # doctest: +SKIP
...     page = ctx.new_page()
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("KIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
_LOCAL = re.compile(r"^(file:|data:|blob:|about:|https?://(127\.0\.0\.1|localhost)(:\d+)?[/?#]|$)")


def require_chromium() -> str:
    """The Chromium executable, or skip the test with the reason."""
    path = CHROMIUM if os.path.isfile(CHROMIUM) else shutil.which("chromium")
    if not path:
        pytest.skip(
            f"Chromium not found at {CHROMIUM} (install Debian's chromium: "
            "apt-get install chromium, or `bash scripts/setup.sh test`)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("the playwright Python package is not installed (pip install playwright)")
    return path


@dataclass
class Watch:
    """What a page did: console errors, uncaught exceptions, blocked requests."""

    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on(
            "console",
            lambda m: (
                self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None
            ),
        )
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))


@contextlib.contextmanager
def chromium_context(*, watch: Watch | None = None) -> Iterator:
    """A fresh headless Chromium profile that only reaches files and localhost."""
    from playwright.sync_api import sync_playwright

    executable = require_chromium()
    watch = watch or Watch()
    with tempfile.TemporaryDirectory(prefix="kit-chromium-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )

        def guard(route):
            url = route.request.url
            if _LOCAL.match(url):
                route.continue_()
            else:
                watch.blocked.append(url)
                route.abort()

        context.route("**/*", guard)
        try:
            yield context
        finally:
            context.close()


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot to artifacts/ and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
