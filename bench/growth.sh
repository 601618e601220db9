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
# Part 2, memory: a 50 MB tab-separated export, a 100,000-row DOCX (10x
# its unzipped document.xml) and an HTML page of 38,000 paragraphs, peak RSS
# against 10x the input's size, the document written; a 1 KB workbook with
# two far-apart cells under 256 MiB and 1 s.
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
    # One lead cell of s bytes: posts joined by "and" (once quadratic in
    # its words: every joiner tried with both sides read whole).
    "lead":   lambda s: "Ref\tAction\tLead\tTimescale\n1.1\tAudit the files\t"
                        + fill("Head of Service for Children, Anyplace Council and ", s)
                        + "Team Manager\tMarch 2031\n2.1\tAudit visits\tTeam Manager\tMay 2031\n",
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

# A workbook of two cells at opposite corners (A1, J99999): once a grid of
# a million blank cells.
sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Ref</t></is></c></row>'
         '<row r="99999"><c r="J99999" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>')
with zipfile.ZipFile(os.path.join(out, "far-cell.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", sheet)

# An HTML page of 38,000 paragraphs and no table.
with open(os.path.join(out, "paras-38k.html"), "w") as f:
    f.write("<html><body>\n")
    for i in range(38000):
        f.write(f"<p>Partners audited the visit records of team {i} and reported to the Board.</p>\n")
    f.write("</body></html>\n")
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
  [ -n "$(find "$WORK/out" -name "*.json" ! -name manifest.json)" ] && code=written
  echo "$(echo "$user + $sys" | bc) $rss ${code:-?}"
}

echo "== time: CPU seconds at 1 MiB and 4 MiB (n log n ~ 4.4x, n^2 = 16x)"
for shape in lines angle square tabs dates grid export lead; do
  read -r t1 r1 c1 <<<"$(measure "$WORK/in/$shape-1m.txt")"
  read -r t4 r4 c4 <<<"$(measure "$WORK/in/$shape-4m.txt")"
  # Ratios of tiny times are noise: floor each at 0.05 s.
  ratio=$(echo "scale=2; ($t4 + 0.05) / ($t1 + 0.05)" | bc)
  verdict=PASS
  if (( $(echo "$ratio > 7" | bc) )); then verdict=FAIL; fail=1; fi
  printf '%-7s 1MiB %6ss %7s KiB %-8s | 4MiB %6ss %7s KiB %-8s | ratio %5s %s\n' \
    "$shape" "$t1" "$r1" "$c1" "$t4" "$r4" "$c4" "$ratio" "$verdict"
done

echo "== memory: peak RSS against 10x the input (and the document written)"
for f in export-50m.txt rows-100k.docx paras-38k.html; do
  read -r t r c <<<"$(measure "$WORK/in/$f")"
  size=$(stat -c %s "$WORK/in/$f")
  if [ "$f" = rows-100k.docx ]; then
    xml=$(cat "$WORK/in/rows-100k.xml.size")
    echo "  (rows-100k.docx: $size bytes zipped, $xml bytes of document.xml)"
    size=$xml
  fi
  limit=$((size * 10 / 1024))
  verdict=PASS
  if [ "$r" -gt "$limit" ] || [ "$c" != written ]; then verdict=FAIL; fail=1; fi
  printf '%-15s %10s bytes  cpu %6ss  peak %8s KiB  limit %8s KiB  %-8s %s\n' \
    "$f" "$size" "$t" "$r" "$limit" "$c" "$verdict"
done
echo "== memory: a small hostile workbook under 256 MiB and 1 s of CPU"
read -r t r c <<<"$(measure "$WORK/in/far-cell.xlsx")"
verdict=PASS
if [ "$r" -gt $((256 * 1024)) ] || (( $(echo "$t > 1" | bc) )); then verdict=FAIL; fail=1; fi
printf '%-15s %10s bytes  cpu %6ss  peak %8s KiB  %-8s %s\n' \
  far-cell.xlsx "$(stat -c %s "$WORK/in/far-cell.xlsx")" "$t" "$r" "$c" "$verdict"
echo "work dir: $WORK"
exit $fail
