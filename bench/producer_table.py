#!/usr/bin/env python3
"""Score the prints bench/producers.sh made, as a producer x plan table.

Usage: bench/producer_table.py DOCKET_BIN PRINTDIR [SHARED_DIR]

Every PRINTDIR/NNN.PRODUCER.pdf (or .htm: bench/word_html.py's Word saves,
producers "word" and "wordf") is extracted with DOCKET_BIN and scored
against SHARED_DIR/gold/NNN.json (else gold/wild/NNN.json) with
SHARED_DIR/tools/score.py (score_report.py for the annual report 002). A
row per plan, a column per producer, and for each producer the largest
shortfall from the LibreOffice print ("lo"), which the acceptance bound
(0.02) is checked against. Any field of the JSON that holds entity or tag
text (`&rsquo;`, `&#8211;`, `<o:p>`, `mso-`) is listed under the table.
Standard library only.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict

PRODUCERS = ["lo", "cairo", "gs", "chromium", "reportlab", "lohtml", "word", "wordf"]
EXTS = ("pdf", "htm", "html")
LEAK = re.compile(r"&[A-Za-z]+;|&#x?[0-9A-Fa-f]+;|</?[A-Za-z][A-Za-z0-9:]*[ >/]|mso-")


def leaks(value, path="", out=None):
    """Every string in a JSON value that holds entity or tag text."""
    out = [] if out is None else out
    if isinstance(value, dict):
        for k, v in value.items():
            if k != "diagnostics":
                leaks(v, path + "/" + k, out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            leaks(v, "%s/%d" % (path, i), out)
    elif isinstance(value, str) and LEAK.search(value):
        out.append((path, value[:80]))
    return out


def score(bin_, pdf, shared, out, bad):
    name = os.path.basename(pdf)
    key = name[:3]
    gold = os.path.join(shared, "gold", key + ".json")
    if not os.path.exists(gold):
        gold = os.path.join(shared, "gold", "wild", key + ".json")
    if not os.path.exists(gold):
        return None
    r = subprocess.run([bin_, "extract", pdf, "--out", out], capture_output=True, timeout=120)
    pred = os.path.join(out, name + ".json")
    if r.returncode != 0 or not os.path.exists(pred):
        return 0.0
    with open(pred) as f:
        for where, text in leaks(json.load(f)):
            bad.append("%s %s: %s" % (name, where, text))
    scorer = "score_report.py" if key == "002" else "score.py"
    s = subprocess.run(
        ["python3", os.path.join(shared, "tools", scorer), gold, pred], capture_output=True, text=True
    )
    for line in reversed(s.stdout.splitlines()):
        if line.startswith("score: "):
            return float(line.split()[1])
    return 0.0


def main():
    bin_, prints = sys.argv[1], sys.argv[2]
    shared = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), "..", "..", "shared")
    table = defaultdict(dict)
    bad = []
    with tempfile.TemporaryDirectory() as out:
        for f in sorted(os.listdir(prints)):
            parts = f.split(".")
            if len(parts) != 3 or parts[2] not in EXTS or parts[1] not in PRODUCERS:
                continue
            s = score(bin_, os.path.join(prints, f), shared, out, bad)
            if s is not None:
                table[parts[0]][parts[1]] = s
    print("%-6s" % "plan" + "".join("%10s" % p for p in PRODUCERS))
    worst = {p: 0.0 for p in PRODUCERS}
    for plan in sorted(table):
        row = table[plan]
        cells = []
        for p in PRODUCERS:
            if p in row:
                cells.append("%10.3f" % row[p])
                if "lo" in row:
                    worst[p] = max(worst[p], row["lo"] - row[p])
            else:
                cells.append("%10s" % "-")
        print("%-6s" % plan + "".join(cells))
    print("%-6s" % "gap" + "".join("%10.3f" % worst[p] for p in PRODUCERS))
    for line in bad:
        print("leak: " + line)


if __name__ == "__main__":
    main()
