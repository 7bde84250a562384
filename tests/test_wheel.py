"""The built wheel carries everything the kit reads: installed outside the repository, it analyses the seed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

SCRIPT = """
import json, sys, kit
docs = kit.load(sys.argv[1])
result = kit.analyze(docs)
print(json.dumps({"file": kit.__file__, "sizes": {k: len(v) for k, v in result.tables().items()}}))
"""


def test_wheel_installed_outside_the_repo_analyses_the_seed(tmp_path, seed):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(wheels), str(REPO)],
        check=True, cwd=tmp_path,
    )  # fmt: skip
    wheel = next(wheels.glob("*.whl"))
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True, cwd=tmp_path,
    )  # fmt: skip
    assert (target / "kit" / "data" / "actors.csv").is_file()
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("KIT_DATA_DIR", None)
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(REPO / "data" / "articles")],
        check=True, cwd=tmp_path, env=env, capture_output=True, text=True,
    )  # fmt: skip
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert Path(got["file"]).resolve().is_relative_to(target.resolve())
    assert got["sizes"] == {k: len(v) for k, v in seed.tables().items()}
