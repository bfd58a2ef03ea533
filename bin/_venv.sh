# Sourced by bin/run and bin/test: make sure .venv exists and matches requirements.lock.
# Needs only python3 (3.11+) and the standard venv module.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Python 3.11 or newer is needed (found: $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment in .venv ..."
  "$PYTHON" -m venv .venv
fi
lock_hash="$(sha256sum requirements.lock | cut -d' ' -f1)"
if [ "$(cat .venv/.lock-hash 2>/dev/null || true)" != "$lock_hash" ]; then
  echo "Installing pinned dependencies from requirements.lock ..."
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
  echo "$lock_hash" > .venv/.lock-hash
fi
export PATH="$ROOT/.venv/bin:$PATH"
