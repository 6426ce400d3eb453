#!/usr/bin/env bash
# Two replicas edit the same article while apart, sync, look at the conflict, settle it
# with a word-level merge, sync again, and end identical.
#
#   examples/conflict-story.sh                          # uses `marginalia` from $PATH
#   MARGINALIA=.build/debug/marginalia examples/conflict-story.sh
#
# Both replicas live in a temporary folder removed at the end, so your own replica is
# never touched.
set -euo pipefail

M="${MARGINALIA:-marginalia}"
articles="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/articles"

workdir="$(mktemp -d "${TMPDIR:-/tmp}/marginalia-conflict-story.XXXXXX")"
trap 'rm -rf "$workdir"' EXIT
laptop="$workdir/laptop.db"
office="$workdir/office.db"
# No editor: a merge that needs hands is printed, never opened.
unset VISUAL EDITOR

section() { printf '\n== %s\n' "$*"; }

section "two replicas"
"$M" --db "$laptop" init --name laptop
"$M" --db "$office" init --name office

# The laptop imports the Vietnamese article and the office gets it through a sync
# (any replica file on this machine is a sync target; ssh://, tcp:// and bundles work too).
section "import on the laptop, sync to the office"
article="$("$M" --db "$laptop" import "$articles/ha-noi-mua-lu.txt")"
echo "$article"
"$M" --db "$laptop" sync "$office"

# Apart, each edits a different sentence of the same body: the laptop corrects the
# rainfall, the office the number of pumping trucks.
section "edits made apart"
"$M" --db "$laptop" replace "$article" "đạt 135,5 mm" "đạt 137,2 mm"
"$M" --db "$office" replace "$article" "45 xe bơm" "52 xe bơm"

# They meet: concurrent edits of one field are kept side by side, never silently lost.
section "sync: the body is in conflict"
"$M" --db "$office" sync "$laptop"
"$M" --db "$laptop" conflicts

# The conflict in full: the common ancestor (from the change log), then each value
# with who wrote it, as a word diff against the ancestor.
section "conflict"
COLUMNS=100 "$M" --db "$laptop" conflict "$article"

# A word-level three-way merge: each side changed different words, so it is clean.
section "resolve --merge"
"$M" --db "$laptop" resolve "$article" body --merge

# The resolution is an ordinary change: it syncs and supersedes both values.
section "sync again"
"$M" --db "$laptop" sync "$office"
"$M" --db "$office" conflicts
"$M" --db "$office" show --json "$article" | grep -o '137,2 mm[^.]*\.\|52 xe bơm'

section "identical"
laptop_digest="$("$M" --db "$laptop" status --digest)"
office_digest="$("$M" --db "$office" status --digest)"
echo "laptop $laptop_digest"
echo "office $office_digest"
test "$laptop_digest" = "$office_digest"
"$M" --db "$office" verify
