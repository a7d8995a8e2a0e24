#!/bin/sh
# rexian: runs rexian-TOOL from this script's directory or PATH (git style).
set -e
here=$(dirname "$0")
tools="ingest:messy hotline dump to the clean ticket table
aggregate:tickets to additive counts per period and group
rate:counts to rates with confidence intervals and changes
chart:rates to PNG, PDF and SVG charts
report:a month's report folder, or an oversight data package
synth:a synthetic 12345 or 311 dump, for trying and measuring"

usage() {
	echo "usage: rexian TOOL [ARG]...   (rexian TOOL --help for a tool's options)"
	echo
	echo "$tools" | while IFS=: read -r name what; do
		printf '  %-10s %s\n' "$name" "$what"
	done
}

case "${1-}" in
"" )		usage >&2; exit 2 ;;
-h|--help)	usage; exit 0 ;;
-V|--version)	echo "rexian @VERSION@"; exit 0 ;;
-*)		echo "rexian: unknown option '$1'" >&2; usage >&2; exit 2 ;;
esac
tool=$1
shift
if [ -x "$here/rexian-$tool" ]; then
	exec "$here/rexian-$tool" "$@"
elif command -v "rexian-$tool" >/dev/null 2>&1; then
	exec "rexian-$tool" "$@"
fi
echo "rexian: '$tool' is not a rexian tool; see 'rexian --help'" >&2
exit 2
