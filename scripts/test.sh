#!/usr/bin/env bash
# `make test`: everything CI runs, in order, stopping at the first failure.
# Ports (all below 32768): TEST_REDIS_PORT (default 6395), PG_TEST_PORT (default 15432).
set -euo pipefail
cd "$(dirname "$0")/.."
export RUN_DIR=${RUN_DIR:-$PWD/var}
export TEST_REDIS_PORT=${TEST_REDIS_PORT:-6395}
PG_TEST_PORT=${PG_TEST_PORT:-15432}
PG_TEST_CLUSTER=${PG_TEST_CLUSTER:-involvetest}
PY=.venv/bin/python
PYTEST=(.venv/bin/pytest -q -p no:cacheprovider)
mkdir -p "$RUN_DIR"
# shellcheck source=scripts/pg-cluster.sh
source scripts/pg-cluster.sh

started=$SECONDS
timings=()
current=""

on_exit() {
  local code=$?
  if [ -n "${PG_STARTED:-}" ]; then pg_cluster_drop "$PG_TEST_CLUSTER" || true; fi
  if [ "$code" != 0 ] && [ -n "$current" ]; then
    echo >&2
    if [ ${#timings[@]} != 0 ]; then printf '  passed: %s\n' "${timings[@]}" >&2; fi
    echo "make test FAILED at stage: $current (exit $code) after $((SECONDS - started))s" >&2
  fi
}
trap on_exit EXIT

stage() {
  # stage "name" command...: runs one stage, timing it.
  current=$1; shift
  local t0=$SECONDS
  echo
  echo "==> $current"
  "$@"
  timings+=("$(printf '%-42s %4ss' "$current" $((SECONDS - t0)))")
  echo "<== $current: $((SECONDS - t0))s"
  current=""
}

run_pytest() {
  # pytest's exit code 5 means no tests were collected: a failure here, never a pass.
  local code=0
  "${PYTEST[@]}" "$@" || code=$?
  if [ "$code" = 5 ]; then echo "No tests were collected for: $*" >&2; fi
  return "$code"
}

missing_system_packages() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  if ! command -v pg_ctlcluster >/dev/null || [ -z "$(pg_major)" ] || [ "$(pg_major)" -lt 15 ]; then
    missing+=(postgresql)
  fi
  command -v chromium >/dev/null || missing+=(chromium)
  command -v wrk >/dev/null || missing+=(wrk)
  # GNU gettext: the Welsh catalogue's tests extract and compile it as makemessages does.
  command -v msgfmt >/dev/null || missing+=(gettext)
  echo "${missing[@]}"
}

system_packages() {
  local missing
  missing=$(missing_system_packages)
  if [ -z "$missing" ]; then echo "All present."; return 0; fi
  if [ "$(id -u)" != 0 ]; then
    echo "Missing system packages: $missing" >&2
    echo "Install them as root (Debian 12):" >&2
    echo "  apt-get install --no-install-recommends $missing" >&2
    return 1
  fi
  echo "Installing: $missing"
  apt-get update -q -o DPkg::Lock::Timeout=300
  # Recommends (sandbox helper, desktop integration) are not needed to run headless; the fonts
  # give Chromium the Arial metrics NHS.UK frontend falls back to.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o DPkg::Lock::Timeout=300 redis-server postgresql chromium wrk gettext fonts-liberation
  missing=$(missing_system_packages)
  if [ -n "$missing" ]; then echo "Still missing after apt-get: $missing" >&2; return 1; fi
}

lint() {
  .venv/bin/ruff check .
  .venv/bin/ruff format --check .
}

deploy_check() {
  # Production settings with throwaway values: any warning fails the stage.
  local tmp
  tmp=$(mktemp -d)
  SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(60))') \
  ALLOWED_HOSTS=involve.example.nhs.uk \
  DATABASE_URL="sqlite:///$tmp/check.sqlite3" \
  REDIS_URL=redis://127.0.0.1:6379/0 \
  FIELD_ENCRYPTION_KEYS=$("$PY" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())') \
  EMAIL_HOST=smtp.example.nhs.uk \
  SITE_BASE_URL=https://involve.example.nhs.uk \
  DJANGO_SETTINGS_MODULE=website.settings.production \
    "$PY" manage.py check --deploy --fail-level WARNING || { rm -rf "$tmp"; return 1; }
  rm -rf "$tmp"
}

postgres_tests() {
  pg_cluster_start "$PG_TEST_CLUSTER" "$PG_TEST_PORT"
  PG_STARTED=1
  DATABASE_URL=$PG_URL run_pytest -m "not browser"
  pg_cluster_drop "$PG_TEST_CLUSTER"
  PG_STARTED=""
}

stage "System packages" system_packages
stage "Lint (ruff check, ruff format --check)" lint
stage "Migrations are up to date" "$PY" manage.py makemigrations --check --dry-run
stage "Deployment checks (production settings)" deploy_check
stage "Tests on SQLite" run_pytest -m "not browser"
stage "Tests on PostgreSQL $(pg_major)" postgres_tests
stage "Browser tests (Chromium, axe-core)" run_pytest -m browser

echo
echo "Stage timings:"
printf '  %s\n' "${timings[@]}"
printf '  %-42s %4ss\n' "Total" $((SECONDS - started))
echo "All checks passed."
