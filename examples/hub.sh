#!/usr/bin/env bash
# A hub on a throwaway PostgreSQL cluster, and two replicas syncing through it: the
# laptop imports an article, the office annotates it, and both end identical, with the
# hub holding every change once.
#
#   examples/hub.sh                                     # uses `marginalia` from $PATH
#   MARGINALIA=.build/debug/marginalia examples/hub.sh
#
# Needs Debian's postgresql package (its server binaries, not a running server). The
# cluster, the replicas and the hub live in a temporary folder removed at the end; run
# as root, the cluster runs as the `postgres` user (initdb refuses root).
set -euo pipefail

M="${MARGINALIA:-marginalia}"
articles="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/articles"
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

workdir="$(mktemp -d "${TMPDIR:-/tmp}/marginalia-hub.XXXXXX")"
as_server() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$workdir"; fi
cleanup() {
    if [ -n "${hub_pid:-}" ]; then kill "$hub_pid" && wait "$hub_pid" || true; fi
    as_server "$pgbin/pg_ctl" stop --pgdata "$workdir/pg" --mode fast --wait >/dev/null 2>&1 || true
    rm -rf "$workdir"
}
trap cleanup EXIT
laptop="$workdir/laptop.db"
office="$workdir/office.db"

section() { printf '\n== %s\n' "$*"; }

# No TCP port for PostgreSQL: only a Unix socket in the folder, which the URL names.
section "a throwaway PostgreSQL cluster"
as_server "$pgbin/initdb" --pgdata "$workdir/pg" --username marginalia --auth trust --encoding UTF8 --locale C \
    --no-sync >/dev/null
as_server "$pgbin/pg_ctl" start --wait --pgdata "$workdir/pg" --log "$workdir/pg.log" \
    -o "-c listen_addresses= -c unix_socket_directories=$workdir" >/dev/null
url="postgres://marginalia@/postgres?host=$workdir"
echo "$url"

section "the hub"
"$M" hub init --postgres "$url" --name "toà soạn"
hub_fingerprint="$("$M" hub status --postgres "$url" | awk '$1 == "identity" { print $2 }')"

# Each side trusts the other's fingerprint: the hub the replicas, the replicas the hub.
section "two replicas, trusted by the hub and trusting it"
for name in laptop office; do
    db="$workdir/$name.db"
    "$M" --db "$db" init --name "$name"
    "$M" hub trust add "$("$M" --db "$db" identity)" --name "$name" --postgres "$url"
    "$M" --db "$db" trust add "$hub_fingerprint" --name hub
done
"$M" hub trust ls --postgres "$url"

# Any number of hub processes may serve the same database; one is enough here.
section "a hub process on a free port"
: >"$workdir/hub.log"
"$M" hub --postgres "$url" --listen 127.0.0.1:0 2>"$workdir/hub.log" &
hub_pid=$!
until grep -q "^serving hub " "$workdir/hub.log"; do
    kill -0 "$hub_pid" || { cat "$workdir/hub.log" >&2; exit 1; }
    sleep 0.1
done
target="tls://127.0.0.1:$(sed -n 's/^serving hub .* on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$workdir/hub.log")"

section "the laptop imports and syncs; the office syncs, annotates and syncs"
article="$("$M" --db "$laptop" import "$articles/ha-noi-mua-lu.txt")"
"$M" --db "$laptop" sync "$target"
"$M" --db "$office" sync "$target"
"$M" --db "$office" annotate "$article" --quote "sông Tô Lịch" --note "vượt mức báo động"
"$M" --db "$office" sync "$target"
"$M" --db "$laptop" sync "$target"

section "the hub"
"$M" hub status --postgres "$url"

section "both replicas"
if [ "$("$M" --db "$laptop" status --digest)" = "$("$M" --db "$office" status --digest)" ]; then
    echo "same state: $("$M" --db "$laptop" status --digest)"
else
    echo "the replicas differ" >&2
    exit 1
fi
"$M" --db "$laptop" annotations --article "$article"
