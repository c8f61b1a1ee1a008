# Sourced by test.sh and bench.sh: a throwaway PostgreSQL cluster with role and database
# `involve` (password `involve`, CREATEDB so pytest-django can make its test database).
# As root: Debian's pg_createcluster/pg_ctlcluster. Otherwise: initdb and pg_ctl in RUN_DIR.
# Call pg_cluster_start NAME PORT; it sets PG_URL. pg_cluster_drop NAME removes it again.

pg_major() {
  # The newest installed PostgreSQL major version, or nothing.
  ls /usr/lib/postgresql 2>/dev/null | grep -E '^[0-9]+$' | sort -n | tail -1
}

_pg_as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_cluster_drop() {
  local name=$1 version
  version=$(pg_major)
  if [ "$(id -u)" = 0 ]; then
    if pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -qx "$version $name"; then
      pg_dropcluster --stop "$version" "$name"
    fi
  else
    local dir="$RUN_DIR/pg-$name"
    if [ -d "$dir" ]; then
      "/usr/lib/postgresql/$version/bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
      rm -rf "$dir"
    fi
  fi
}

pg_cluster_start() {
  local name=$1 port=$2 version bin socket
  version=$(pg_major)
  bin="/usr/lib/postgresql/$version/bin"
  if [ -z "$version" ] || [ "$version" -lt 15 ]; then
    echo "PostgreSQL 15 or newer is needed (Debian: apt-get install postgresql)." >&2
    return 1
  fi
  pg_cluster_drop "$name"  # left over from an aborted run
  # Durability is pointless for a database thrown away after the run; this makes it fast.
  local fast=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
  if [ "$(id -u)" = 0 ]; then
    socket=/var/run/postgresql
    mkdir -p "$socket" && chown postgres:postgres "$socket"
    pg_createcluster --quiet "$version" "$name" --port "$port" \
      -o fsync=off -o synchronous_commit=off -o full_page_writes=off >/dev/null
    pg_ctlcluster "$version" "$name" start
  else
    socket="$RUN_DIR/pg-$name"
    mkdir -p "$socket"
    "$bin/initdb" -D "$socket/data" -U postgres --auth=trust -E UTF8 >/dev/null
    "$bin/pg_ctl" -D "$socket/data" -l "$socket/postgres.log" -w \
      -o "-p $port -k $socket -c listen_addresses=127.0.0.1 ${fast[*]}" start >/dev/null
  fi
  _pg_as_postgres "$bin/psql" -q -h "$socket" -p "$port" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE involve LOGIN PASSWORD 'involve' CREATEDB" \
    -c "CREATE DATABASE involve OWNER involve" >/dev/null
  PG_URL="postgres://involve:involve@127.0.0.1:$port/involve"
}
