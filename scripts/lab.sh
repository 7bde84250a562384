#!/usr/bin/env bash
# Set up and open JupyterLab on the curated notebooks (extra arguments go to jupyter lab).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. .venv/bin/activate
extra=()
[ "$(id -u)" = "0" ] && extra+=(--allow-root)
exec jupyter lab notebooks/ "${extra[@]}" "$@"
