#!/usr/bin/env bash
# Set up everything the kit needs on a fresh Debian machine with Python 3.11, pip, npm and apt.
#   bash scripts/setup.sh          runtime only (JupyterLab, the kit, the spaCy model)
#   bash scripts/setup.sh test     plus test tools and Chromium (both install the offline widget files)
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-run}"
PY="${PYTHON:-python3}"

if [ ! -x .venv/bin/python ]; then
  echo "[setup] creating .venv"
  "$PY" -m venv .venv
fi
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
if [ "$what" = "test" ]; then extras="[test,scale,bench]"; else extras="[scale]"; fi
echo "[setup] installing the kit with extras $extras"
python -m pip install --quiet -e ".$extras"
python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (kit)" >/dev/null

# The offline widget manager and require.js for shared HTML (pinned in package.json): fetched
# once with npm, then copied with their licences into the package (kit/present/static/widgets/).
if ! python -c "import sys, kit.present.assets as a; sys.exit(a.packaged_files() is None)"; then
  if [ ! -f node_modules/@jupyter-widgets/html-manager/dist/embed-amd.js ]; then
    if command -v npm >/dev/null 2>&1; then
      echo "[setup] fetching the widget manager for offline HTML (npm)"
      npm ci --no-audit --no-fund --silent >/dev/null 2>&1 \
        || npm install --no-audit --no-fund --silent >/dev/null 2>&1 \
        || echo "[setup] npm install failed"
    else
      echo "[setup] npm not found"
    fi
  fi
  python -m kit.present.assets \
    || echo "[setup] no offline widget files: kit render will stop unless given --allow-cdn"
fi

if [ "$what" = "test" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[setup] installing Debian's chromium for the browser tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "[setup] could not install chromium: browser tests will be skipped"
  else
    echo "[setup] chromium missing and not root: browser tests will be skipped (apt-get install chromium)"
  fi
fi
echo "[setup] ready"
