#!/usr/bin/env bash
# `make run`: Redis (unless REDIS_URL is set), migrations, demo content, a Celery worker, beat and
# the web server, kept up by supervisord (scripts/supervisord.conf): a process that exits is
# started again and the console says so. Ctrl-C or SIGTERM stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-website.settings.dev}
export RUN_DIR=${RUN_DIR:-$PWD/var}
export PORT=${PORT:-8000}
export REDIS_PORT=${REDIS_PORT:-6390}
# Emailed links and the paper form's QR code point at the port actually served.
export SITE_BASE_URL=${SITE_BASE_URL:-http://127.0.0.1:$PORT}
export INVOLVE_ROOT=$PWD
INVOLVE_USER=$(id -un)
INVOLVE_SUPERVISOR_PASSWORD=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
export INVOLVE_USER INVOLVE_SUPERVISOR_PASSWORD
PY=.venv/bin/python
CONF=scripts/supervisord.conf
mkdir -p "$RUN_DIR/redis" "$RUN_DIR/logs"

start_redis=""
if [ -z "${REDIS_URL:-}" ]; then
  start_redis=1
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
fi
INVOLVE_REDIS_BIN=$(scripts/redis-binary)
export INVOLVE_REDIS_BIN

ctl() { .venv/bin/supervisorctl -c "$CONF" "$@"; }

supervisor=""
stop_all() {
  trap - EXIT INT TERM
  if [ -n "$supervisor" ] && kill -0 "$supervisor" 2>/dev/null; then
    echo; echo "Stopping Involve..."
    kill -TERM "$supervisor" 2>/dev/null || true
    wait "$supervisor" 2>/dev/null || true
    echo "Stopped."
  fi
}
trap stop_all EXIT
trap 'exit 0' INT TERM

.venv/bin/supervisord -c "$CONF" &
supervisor=$!
for _ in $(seq 1 50); do
  ctl pid >/dev/null 2>&1 && break
  sleep 0.1
done

wait_for_redis() {
  for _ in $(seq 1 50); do
    if "$PY" -c "import redis,sys; redis.Redis.from_url(sys.argv[1], socket_timeout=0.2).ping()" "$1" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "Redis did not start at $1; see $RUN_DIR/logs/redis.log" >&2
  return 1
}

if [ -n "$start_redis" ]; then ctl start redis >/dev/null; fi
wait_for_redis "$REDIS_URL"

# One process for both saves a Django start-up on every run.
"$PY" -c 'import django; django.setup(); from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0); call_command("seed_demo")'

# Started side by side: supervisorctl waits for each to stay up for its startsecs.
starting=()
for program in worker beat web; do
  ctl start "$program" >/dev/null &
  starting+=($!)
done
wait "${starting[@]}"

cat <<MSG

  Involve is running at http://127.0.0.1:$PORT/  (admin: http://127.0.0.1:$PORT/admin/)

  Demo logins, password ${DEMO_PASSWORD:-involve-demo}:
    admin, editor, researcher, service-lead, safeguarding

  Logs: $RUN_DIR/logs/   A process that stops is started again.   Stop with Ctrl-C.

MSG
wait "$supervisor"
