#!/usr/bin/env bash
# Set up and open JupyterLab on the curated notebooks (extra arguments go to jupyter lab).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. .venv/bin/activate
# the example corpora's local mirror, when this machine has one (kit.datasets reads it offline)
if [ -z "${KIT_DATASETS:-}" ] && [ -d ../shared/datasets ]; then
  export KIT_DATASETS="$(cd ../shared/datasets && pwd)"
fi
extra=()
[ "$(id -u)" = "0" ] && extra+=(--allow-root)
exec jupyter lab notebooks/ "${extra[@]}" "$@"
