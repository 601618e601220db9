#!/usr/bin/env bash
# Growth and memory of the readers on synthetic inputs (issue 20).
#
#   nice -n 19 bench/growth.sh [target/release/docket] [WORKDIR]
#
# Part 1, time: each shape that once made a text reader quadratic (short
# lines, runs of '<' and '[', rows of tabs, lines of dates, a grid table, a
# tab-separated export) is made at n = 1 MiB and 4n = 4 MiB, and the CPU
# time (user + sys, from /usr/bin/time) of one extraction of each is
# compared. O(n log n) gives a ratio near 4.4; O(n^2) gives 16. A shape
# passes under 7 (start-up and timer noise on a loaded machine included).
# CPU time, not wall time, so other load on the machine does not count.
#
# Part 2, memory: a 50 MB tab-separated export and a 100,000-row DOCX, peak
# RSS against 10x the input's size.
#
# The timeout is lifted (--timeout 600) so that the budget does not cut
# the measurement short. Prints one line per input and PASS/FAIL per check;
# exits non-zero if any check fails.
set -u
BIN=${1:-target/release/docket}
WORK=${2:-$(mktemp -d /tmp/docket-growth.XXXXXX)}
mkdir -p "$WORK/in" "$WORK/out"
fail=0

python3 - "$WORK/in" <<'PY'
import sys, os, zipfile
out = sys.argv[1]
MiB = 1 << 20

def fill(unit, size):
    n = size // len(unit) + 1
    return (unit * n)[:size]

def table_row(i):
    return (f"{i}.1\tRecords are kept up to date in team {i}\tAudit the visit "
            f"records\tTeam manager\tMarch 20{30 + i % 50}\n")

def grid(size):
    rule = "+------+----------------------------------+--------------+\n"
    rows = [rule, "| Ref  | Action                           | Timescale    |\n",
            rule.replace("-", "=")]
    i = 0
    body = []
    while sum(map(len, body)) < size:
        i += 1
        body.append(f"| {i:<4} | Audit the files of team {i:<8} | March 2031   |\n")
        body.append(rule)
    # The last row is cut off: the shape that once took 16 s for 25 KB.
    text = "".join(rows + body)[:size]
    return text

shapes = {
    "lines":  lambda s: fill("ab cd\n", s),
    "angle":  lambda s: "<" * s,
    "square": lambda s: "[" * s,
    "tabs":   lambda s: "x" + "\t" * (s // 2 - 2) + "\n" + "y" + "\t" * (s // 2 - 2) + "\n",
    "dates":  lambda s: fill("1 March 2031 ", s) + "\n",
    "grid":   grid,
    "export": lambda s: "Ref\tRecommendation\tAction\tLead\tTimescale\n"
                        + fill("".join(table_row(i) for i in range(1, 200)), s),
}
for name, make in shapes.items():
    for label, size in (("1m", MiB), ("4m", 4 * MiB)):
        with open(os.path.join(out, f"{name}-{label}.txt"), "w") as f:
            f.write(make(size))

# 50 MB tab-separated export.
with open(os.path.join(out, "export-50m.txt"), "w") as f:
    f.write("Ref\tRecommendation\tAction\tLead\tTimescale\n")
    i, size = 0, 0
    while size < 50 * 1000 * 1000:
        i += 1
        row = table_row(i)
        size += len(row)
        f.write(row)

# 100,000-row DOCX: one table, five cells a row.
def cell(t):
    return f"<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>"
rows = ["<w:tr>" + "".join(cell(c) for c in ("Ref", "Recommendation", "Action", "Lead", "Timescale")) + "</w:tr>"]
for i in range(1, 100001):
    rows.append("<w:tr>" + "".join(cell(c) for c in (
        f"{i}.1", f"Records are kept up to date in team {i}", "Audit the visit records",
        "Team manager", f"March 20{30 + i % 50}")) + "</w:tr>")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
doc = f'<?xml version="1.0"?><w:document {W}><w:body><w:tbl>{"".join(rows)}</w:tbl></w:body></w:document>'
with zipfile.ZipFile(os.path.join(out, "rows-100k.docx"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    z.writestr("word/document.xml", doc)
with open(os.path.join(out, "rows-100k.xml.size"), "w") as f:
    f.write(str(len(doc.encode())))
PY

# measure FILE -> "cpu_seconds max_rss_kib code"
measure() {
  local f=$1 log="$WORK/time.log"
  rm -rf "$WORK/out" && mkdir -p "$WORK/out"
  /usr/bin/time -v "$BIN" extract "$f" -o "$WORK/out" -j 1 --timeout 600 \
    >"$WORK/stdout.log" 2>"$log"
  local user sys rss code
  user=$(awk -F': ' '/User time/ {print $2}' "$log")
  sys=$(awk -F': ' '/System time/ {print $2}' "$log")
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$log")
  code=$(grep '^docket: error: ' "$log" | awk -F': ' '{print $4}' | head -1)
  [ -n "$(ls "$WORK/out")" ] && code=written
  echo "$(echo "$user + $sys" | bc) $rss ${code:-?}"
}

echo "== time: CPU seconds at 1 MiB and 4 MiB (n log n ~ 4.4x, n^2 = 16x)"
for shape in lines angle square tabs dates grid export; do
  read -r t1 r1 c1 <<<"$(measure "$WORK/in/$shape-1m.txt")"
  read -r t4 r4 c4 <<<"$(measure "$WORK/in/$shape-4m.txt")"
  # Ratios of tiny times are noise: floor each at 0.05 s.
  ratio=$(echo "scale=2; ($t4 + 0.05) / ($t1 + 0.05)" | bc)
  verdict=PASS
  if (( $(echo "$ratio > 7" | bc) )); then verdict=FAIL; fail=1; fi
  printf '%-7s 1MiB %6ss %7s KiB %-8s | 4MiB %6ss %7s KiB %-8s | ratio %5s %s\n' \
    "$shape" "$t1" "$r1" "$c1" "$t4" "$r4" "$c4" "$ratio" "$verdict"
done

echo "== memory: peak RSS against 10x the input"
for f in export-50m.txt rows-100k.docx; do
  read -r t r c <<<"$(measure "$WORK/in/$f")"
  size=$(stat -c %s "$WORK/in/$f")
  if [ "$f" = rows-100k.docx ]; then
    xml=$(cat "$WORK/in/rows-100k.xml.size")
    echo "  (rows-100k.docx: $size bytes zipped, $xml bytes of document.xml)"
    size=$xml
  fi
  limit=$((size * 10 / 1024))
  verdict=PASS
  if [ "$r" -gt "$limit" ]; then verdict=FAIL; fail=1; fi
  printf '%-15s %10s bytes  cpu %6ss  peak %8s KiB  limit %8s KiB  %-8s %s\n' \
    "$f" "$size" "$t" "$r" "$limit" "$c" "$verdict"
done
echo "work dir: $WORK"
exit $fail
