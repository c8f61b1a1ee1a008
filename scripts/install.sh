#!/usr/bin/env bash
# Creates .venv with Python 3.11 if missing or stale and installs a hashed lock file into it:
# requirements/dev-lock.txt (development and tests, for make run/test) unless INSTALL_LOCK names
# another, e.g. INSTALL_LOCK=requirements/lock.txt for what production runs.
set -euo pipefail
cd "$(dirname "$0")/.."
LOCK=${INSTALL_LOCK:-requirements/dev-lock.txt}
STAMP=.venv/.installed
UV_VERSION=0.13.9

python=""
for candidate in python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 \
    && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    python=$(command -v "$candidate"); break
  fi
done
if [ -z "$python" ]; then
  echo "Involve needs Python 3.11. Install it (Debian: apt-get install python3.11 python3.11-venv)." >&2
  exit 1
fi
if [ -x .venv/bin/python ] && ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "Recreating .venv: it was made with another Python."; rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
if [ ! -x .venv/bin/uv ] || ! .venv/bin/uv --version | grep -q "$UV_VERSION"; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
# The stamp names the lock it was made from, so switching locks re-syncs too.
if [ ! -f "$STAMP" ] || [ "$LOCK" -nt "$STAMP" ] || [ "$(cat "$STAMP")" != "$LOCK" ]; then
  UV_PYTHON_DOWNLOADS=never .venv/bin/uv pip sync --quiet --python .venv/bin/python --require-hashes "$LOCK"
  echo "$LOCK" > "$STAMP"
fi
