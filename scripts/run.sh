#!/usr/bin/env bash
# `make run`: Redis (unless REDIS_URL is set), migrations, demo content, a Celery worker, beat and
# the web server. Ctrl-C or SIGTERM stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-website.settings.dev}
export RUN_DIR=${RUN_DIR:-$PWD/var}
PORT=${PORT:-8000}
REDIS_PORT=${REDIS_PORT:-6390}
PY=.venv/bin/python
mkdir -p "$RUN_DIR/redis" "$RUN_DIR/logs"

pids=()
stop_all() {
  trap - EXIT INT TERM
  echo; echo "Stopping Involve..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "Stopped."
}
trap stop_all EXIT
# A requested stop is a clean exit. The children run in sessions of their own (setsid), so
# Ctrl-C reaches only this script, which then stops them in order and waits for them.
trap 'exit 0' INT TERM

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

if [ -z "${REDIS_URL:-}" ]; then
  setsid "$(scripts/redis-binary)" --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    --dir "$RUN_DIR/redis" --logfile "$RUN_DIR/logs/redis.log" &
  pids+=($!)
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
fi
wait_for_redis "$REDIS_URL"

# One process for both saves a Django start-up on every run.
"$PY" -c 'import django; django.setup(); from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0); call_command("seed_demo")'

setsid .venv/bin/celery -A website worker --queues feedback,email,maintenance --concurrency 2 \
  --loglevel INFO --logfile "$RUN_DIR/logs/worker.log" &
pids+=($!)
setsid .venv/bin/celery -A website beat --pidfile= --loglevel INFO \
  --logfile "$RUN_DIR/logs/beat.log" &
pids+=($!)
setsid "$PY" manage.py runserver "127.0.0.1:$PORT" --noreload &
pids+=($!)

cat <<MSG

  Involve is running at http://127.0.0.1:$PORT/  (admin: http://127.0.0.1:$PORT/admin/)

  Demo logins, password ${DEMO_PASSWORD:-involve-demo}:
    admin, editor, researcher, service-lead, safeguarding

  Logs: $RUN_DIR/logs/   Stop with Ctrl-C.

MSG
wait -n "${pids[@]}"
echo "A process stopped unexpectedly; see $RUN_DIR/logs/." >&2
exit 1
