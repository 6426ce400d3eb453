#!/usr/bin/env bash
# Two replicas edit the same article while apart, sync, look at the conflicts, settle
# them (a word-level merge for the body), read the history as word diffs, then meet an
# edit made while the article was deleted elsewhere, sync again, and end identical.
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
# rainfall, the office the number of pumping trucks. Both retitle it: the laptop
# whole, the office by adding words.
section "edits made apart"
"$M" --db "$laptop" replace "$article" "đạt 135,5 mm" "đạt 137,2 mm"
"$M" --db "$laptop" edit "$article" --title "Mưa kỷ lục, nội thành chìm trong nước"
"$M" --db "$office" replace "$article" "45 xe bơm" "52 xe bơm"
"$M" --db "$office" edit "$article" --title "Hà Nội: Mưa lớn kéo dài, nhiều tuyến phố ngập sâu quá đầu gối"

# They meet: concurrent edits of one field are kept side by side, never silently lost.
# One line per value: where a body differs, in a few words around the difference.
section "sync: the body and the title are in conflict"
"$M" --db "$office" sync "$laptop"
"$M" --db "$laptop" conflicts

# The conflicts in full: the common ancestor (from the change log), cut around the
# changes, then each value with who wrote it, as a word diff against the ancestor. A
# title replaced whole reads whole, not word by word.
section "conflict"
COLUMNS=100 "$M" --db "$laptop" conflict "$article"

# A word-level three-way merge: each side changed different words, so it is clean.
# The title: the laptop's own.
section "resolve"
"$M" --db "$laptop" resolve "$article" body --merge
"$M" --db "$laptop" resolve "$article" title --ours

# Every change as a word diff against the value before it, as `git log -p` does (the
# import's entry, the whole article inserted, is left out here).
section "history --patch"
COLUMNS=100 "$M" --db "$laptop" history "$article" --patch | sed -n '/^$/,$p'

# The resolution is an ordinary change: it syncs and supersedes both values.
section "sync again"
"$M" --db "$laptop" sync "$office"
"$M" --db "$office" conflicts
"$M" --db "$office" show --json "$article" | grep -o '137,2 mm[^.]*\.\|52 xe bơm'

# The office deletes the article while the laptop, not yet told, corrects a word: the
# edit and the delete conflict. The conflict shows what the edit changed.
section "edit while deleted"
"$M" --db "$office" rm "$article"
"$M" --db "$laptop" replace "$article" "1.350 hộ dân" "1.530 hộ dân"
"$M" --db "$laptop" sync "$office"
COLUMNS=100 "$M" --db "$office" conflict "$article"
"$M" --db "$office" resolve "$article" --keep
"$M" --db "$office" sync "$laptop"

section "identical"
laptop_digest="$("$M" --db "$laptop" status --digest)"
office_digest="$("$M" --db "$office" status --digest)"
echo "laptop $laptop_digest"
echo "office $office_digest"
test "$laptop_digest" = "$office_digest"
"$M" --db "$office" verify
