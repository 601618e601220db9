#!/usr/bin/env bash
# Re-run each input the mutation campaign saved (OUT/found/) alone, with the
# budget lifted, and print its CPU time (user + sys), peak RSS and outcome.
# The campaign's budget is wall-clock: on a loaded machine a file can run
# past it for want of CPU, so a file counts as really over the budget only
# if its CPU time alone is over the default 5 s.
#
#   nice -n 19 bench/recheck.sh target/release/docket OUT...
set -u
BIN=$1
shift
over=0
n=0
tmp=$(mktemp -d)
for out in "$@"; do
  for f in "$out"/found/*; do
    [ -e "$f" ] || continue
    n=$((n + 1))
    rm -rf "$tmp/o"
    /usr/bin/time -o "$tmp/t" -f "%U %S %M" "$BIN" extract "$f" -o "$tmp/o" --timeout "${RECHECK_TIMEOUT:-120}" \
      >/dev/null 2>"$tmp/err"
    read -r u s rss < <(tail -n 1 "$tmp/t")
    cpu=$(echo "$u + $s" | bc)
    code=$(grep '^docket: error: ' "$tmp/err" | awk -F': ' '{print $4}' | head -1)
    [ -n "$(ls "$tmp/o" 2>/dev/null | grep -v manifest.json)" ] && code=written
    flag=""
    if (( $(echo "$cpu > 5" | bc) )); then flag=OVER; over=$((over + 1)); fi
    printf '%-45s %9s bytes  cpu %6ss  peak %7s KiB  %-16s %s\n' \
      "$(basename "$f")" "$(stat -c %s "$f")" "$cpu" "$rss" "${code:-?}" "$flag"
  done
done
echo "$n inputs re-run, $over over 5 s of CPU"
rm -rf "$tmp"
