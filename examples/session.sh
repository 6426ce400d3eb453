#!/usr/bin/env bash
# A short Marginalia session on the sample articles in examples/articles/.
#
#   examples/session.sh                          # uses `marginalia` from $PATH
#   MARGINALIA=.build/debug/marginalia examples/session.sh
#
# It works in a replica of its own, created in a temporary folder and removed at the
# end, so your own replica is never touched.
set -euo pipefail

M="${MARGINALIA:-marginalia}"
articles="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/articles"

# A fresh replica in a temporary folder. Every command finds it through MARGINALIA_DB
# (`--db PATH` before the command name does the same for one command).
workdir="$(mktemp -d "${TMPDIR:-/tmp}/marginalia-session.XXXXXX")"
trap 'rm -rf "$workdir"' EXIT
export MARGINALIA_DB="$workdir/session.db"

section() { printf '\n== %s\n' "$*"; }

section "init"
"$M" init --name session

# Import prints one id per file, in the order given. Plain text takes its title from
# the first non-empty line, Markdown from the first '# ' heading.
section "import"
ids="$("$M" import --tag sample \
    "$articles/ha-noi-mua-lu.txt" "$articles/reading-in-the-margins.md" "$articles/cafe-sua-da.txt")"
hanoi="$(sed -n 1p <<<"$ids")"
margins="$(sed -n 2p <<<"$ids")"
echo "$ids"
"$M" list

# Annotate the Vietnamese article. "mực nước" occurs twice, so --occurrence picks the
# second; "sông Tô Lịch" occurs once. Any unique prefix of 4 or more characters of an
# id works, as in git.
section "annotate"
water="$("$M" annotate "${hanoi:0:6}" --quote "mực nước" --occurrence 2 --tag flood \
    --note "Mực nước hồ điều hoà: theo dõi")"
river="$("$M" annotate "$hanoi" --quote "sông Tô Lịch")"
echo "$water"
echo "$river"

# Notes can be set (or replaced) afterwards; tags are added with +name, removed with -name.
section "note and tags"
"$M" note "$river" "Sông Tô Lịch vượt mức báo động: 4,15 m lúc 6 giờ"
"$M" tag "$hanoi" +thoi-tiet +ha-noi -sample
"$M" list --tag ha-noi

# Search ignores diacritics: "muc nuoc" finds "mực nước". Every word must occur.
section "search: muc nuoc"
"$M" search muc nuoc

section "show"
"$M" show "$hanoi"

section "annotations"
"$M" annotations "$hanoi"

# Every change is kept: who made it, when, and what it wrote.
section "history"
"$M" history "$hanoi"
"$M" history "$river"

section "status"
"$M" status

# verify replays the whole change log and compares it with the stored state.
section "verify"
"$M" verify

# The Markdown article is untouched by all of the above.
test "$("$M" show --json "$margins" | grep -c '"title":"Reading in the margins"')" = 1
