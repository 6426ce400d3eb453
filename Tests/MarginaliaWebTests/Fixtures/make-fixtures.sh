#!/bin/sh
# Writes each NAME.html from NAME.utf8.html in the encoding its <meta charset> names,
# with glibc's iconv (names as iconv knows them). Run from this folder.
set -eu
convert() { iconv -f UTF-8 -t "$2" "$1.utf8.html" > "$1.html"; }
convert vietnamese-windows-1258 CP1258
convert vietnamese-viscii VISCII
convert japanese-shift_jis SHIFT_JIS
convert chinese-gb18030 GB18030
