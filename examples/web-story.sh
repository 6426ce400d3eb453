#!/usr/bin/env bash
# A reader annotates a news page in the browser with Hypothesis; later she imports the
# page into Marginalia by its address, then her Hypothesis export: each annotation finds
# the article by the page's address and lands on its words.
#
#   examples/web-story.sh                          # uses `marginalia` from $PATH
#   MARGINALIA=.build/debug/marginalia examples/web-story.sh
#
# The news site is web/ served on this machine by python3's http.server (its page is
# an old-style one, in windows-1258); the replica lives in a temporary folder removed at
# the end, so your own replica is never touched and no network is needed.
set -euo pipefail

M="${MARGINALIA:-marginalia}"
web="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/web"

workdir="$(mktemp -d "${TMPDIR:-/tmp}/marginalia-web-story.XXXXXX")"
server=""
# SIGKILL: a server started by a program that ignores SIGTERM (a test runner) ignores it too.
trap '[ -n "$server" ] && kill -KILL "$server"; rm -rf "$workdir"' EXIT
export MARGINALIA_DB="$workdir/replica.db"

section() { printf '\n== %s\n' "$*"; }

# Port 0: the system picks a free one, which the server prints.
python3 -u -m http.server --bind 127.0.0.1 --directory "$web" 0 > "$workdir/server.log" 2>&1 &
server=$!
disown  # no job report when the trap ends it
port=""
for _ in $(seq 100); do
    port="$(sed -n 's/^Serving HTTP on .* port \([0-9]*\) .*/\1/p' "$workdir/server.log")"
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "the web server did not start:" >&2; cat "$workdir/server.log" >&2; exit 1; }
url="http://127.0.0.1:$port/ha-noi-mua-lu.html"

# The page: decoded from windows-1258 (its <meta> says so), its article kept, and its
# address stored as the article's source.
section "import the page by its address"
article="$("$M" import "$url")"
echo "$article"
"$M" show "$article" | head -3

# The Hypothesis export names the page by the address it was read at: here, this
# machine's server, whose port the export cannot know in advance.
section "import the Hypothesis export"
sed "s|http://127.0.0.1:PORT/|http://127.0.0.1:$port/|g" "$web/hypothesis.json" > "$workdir/hypothesis.json"
"$M" import-annotations "$workdir/hypothesis.json"
COLUMNS=120 "$M" annotations --article "$article"

# Importing the page again would leave two articles with one address, and annotations
# naming it nowhere to go: it is refused, unless asked for with --again.
section "the same page again"
"$M" import "$url" 2>&1 || echo "(exit status $?)"
