#!/usr/bin/env bash
# Set up and run the whole test suite: lint, format check, pytest (notebooks and browsers included).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
. .venv/bin/activate
echo "[test] ruff"
ruff check .
ruff format --check .
echo "[test] pytest"
# the example corpora's local mirror, when this machine has one (kit.datasets reads it offline)
if [ -z "${KIT_DATASETS:-}" ] && [ -d ../shared/datasets ]; then
  export KIT_DATASETS="$(cd ../shared/datasets && pwd)"
fi
python -m pytest "$@"
