#!/usr/bin/env bash
# Start a throwaway Postgres cluster for tests, on 127.0.0.1 and a free port, in a temp dir.
#
#   eval "$(scripts/start-postgres.sh)"     # exports STORYLINE_TEST_PG and STORYLINE_TEST_PG_DIR
#   scripts/start-postgres.sh --stop DIR    # stop that cluster and delete its directory
#
# Installs Debian's postgresql package when no server is found (needs root). Runs the server
# as the `postgres` user when started as root, since initdb refuses to run as root.
set -euo pipefail

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

find_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)"
}

if [ "${1:-}" = "--stop" ]; then
  dir=${2:?usage: start-postgres.sh --stop DIR}
  as_owner "$(find_bindir)/pg_ctl" stop -D "$dir/data" -m immediate >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

bindir=$(find_bindir || true)
if [ -z "$bindir" ]; then
  echo "postgres not found: installing Debian's postgresql package" >&2
  if [ "$(id -u)" != 0 ]; then echo "cannot install postgresql: not root" >&2; exit 1; fi
  (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql) >&2
  bindir=$(find_bindir)
fi

dir=$(mktemp -d /tmp/storyline-pg.XXXXXX)
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
user=$(as_owner id -un)

as_owner "$bindir/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
# Durability off: a test cluster trades crash safety for speed.
as_owner "$bindir/pg_ctl" start -D "$dir/data" -w -l "$dir/server.log" \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

echo "export STORYLINE_TEST_PG='postgresql://$user@127.0.0.1:$port/postgres'"
echo "export STORYLINE_TEST_PG_DIR='$dir'"
echo "# stop with: $0 --stop $dir" >&2
