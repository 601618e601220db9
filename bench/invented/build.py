#!/usr/bin/env python3
"""Write the invented plans of corpus/invented (DOCX) and their gold
(tests/gold/iNN.json).

Usage: bench/invented/build.py [CORPUS_DIR GOLD_DIR]
       (default corpus/invented and tests/gold), then print the PDFs with
       soffice --headless --convert-to pdf --outdir corpus/invented corpus/invented/*.docx

Needs python-docx (pip install python-docx).

Each plan is written once, in bench/invented/plans.py, as rows that hold
both what the document prints (the cells) and, beside each cell, the gold
value typed by hand (date bounds, due, lead parts, rag, complete, progress
entries and their dates). The gold is never taken from docket's output.
The authorities, partnerships, people and events are all invented.
"""
import hashlib
import json
import sys
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plans  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent.parent


# ------------------------------------------------------------------ printing
def new_document(spec):
    d = docx.Document()
    # python-docx stamps the core properties with the time: fix them so a
    # rebuild gives the same bytes.
    cp = d.core_properties
    cp.author = spec.get("author", "")
    cp.title = ""
    import datetime

    when = datetime.datetime(2026, 10, 1, 9, 0, 0)
    cp.created = when
    cp.modified = when
    cp.last_modified_by = cp.author
    cp.revision = 1
    sec = d.sections[0]
    if spec.get("landscape"):
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    else:
        sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(spec.get("margin", 2.0)))
    style = d.styles["Normal"]
    style.font.name = spec.get("font", "Arial")
    style.font.size = Pt(spec.get("size", 10))
    if spec.get("footer"):
        sec.footer.paragraphs[0].text = spec["footer"]
    return d


def add_runs(p, text, size=None):
    """Runs for `text`; **bold** and ^sup^ spans are marked inline."""
    import re

    for part in re.split(r"(\*\*.+?\*\*|\^.+?\^)", text):
        if not part:
            continue
        if part.startswith("**"):
            r = p.add_run(part[2:-2])
            r.bold = True
        elif part.startswith("^"):
            r = p.add_run(part[1:-1])
            r.font.superscript = True
        else:
            r = p.add_run(part)
        if size:
            r.font.size = Pt(size)


def shade(cell, fill):
    pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    pr.append(shd)


def repeat_header(row):
    trpr = row._tr.get_or_add_trPr()
    h = OxmlElement("w:tblHeader")
    h.set(qn("w:val"), "true")
    trpr.append(h)


def fill_cell(cell, spec, size):
    """spec: text (paragraphs split on newlines) or a dict with `text`,
    `fill`, `bold`."""
    if isinstance(spec, dict):
        text, fill, bold = spec.get("text", ""), spec.get("fill"), spec.get("bold")
    else:
        text, fill, bold = spec, None, False
    paras = text.split("\n") if text else [""]
    first = cell.paragraphs[0]
    for i, t in enumerate(paras):
        p = first if i == 0 else cell.add_paragraph()
        p.paragraph_format.space_after = Pt(2)
        add_runs(p, f"**{t}**" if bold and t else t, size)
    if fill:
        shade(cell, fill)


def add_table(d, t):
    """t: {cols: [(header, width_cm)], rows: [...], size, header_fill}.
    A row is a list of cell specs, "^" merging with the cell above, or
    {"span": text, "fill": hex} for a row across the table."""
    cols = t["cols"]
    size = t.get("size", 9)
    table = d.add_table(rows=0, cols=len(cols))
    table.style = d.styles["Table Grid"]
    table.autofit = False
    rows = []
    if t.get("header", True):
        hr = table.add_row()
        for c, (h, _) in zip(hr.cells, cols):
            fill_cell(c, {"text": h, "bold": True, "fill": t.get("header_fill")}, size)
        if t.get("repeat_header", True):
            repeat_header(hr)
    for spec in t.get("top_rows", []):
        r = table.add_row()
        m = r.cells[0].merge(r.cells[-1])
        fill_cell(m, spec, size)
        if spec.get("repeat"):
            repeat_header(r)
    if t.get("top_rows"):
        # print titles go above the header: move the header row down
        tbl = table._tbl
        trs = tbl.findall(qn("w:tr"))
        if t.get("header", True):
            hdr = trs[0]
            tbl.remove(hdr)
            trs[len(t["top_rows"])].addnext(hdr)
    for spec in t["rows"]:
        r = table.add_row()
        rows.append(r)
        if isinstance(spec, dict):
            m = r.cells[0].merge(r.cells[-1])
            fill_cell(m, spec, size)
            continue
        for j, cs in enumerate(spec):
            if cs == "^":
                continue
            fill_cell(r.cells[j], cs, size)
    # vertical merges, after every row exists
    for i, spec in enumerate(t["rows"]):
        if isinstance(spec, dict):
            continue
        for j, cs in enumerate(spec):
            if cs == "^":
                top = i
                while t["rows"][top][j] == "^":
                    top -= 1
                rows[top].cells[j].merge(rows[i].cells[j])
    for col, (_, w) in zip(table.columns, cols):
        col.width = Cm(w)
    for row in table.rows:
        for c, (_, w) in zip(row.cells, cols):
            c.width = Cm(w)
    return table


def print_block(d, b):
    kind = b[0]
    if kind == "title":
        d.add_paragraph(b[1], style="Title")
    elif kind == "h1":
        d.add_heading(b[1], level=1)
    elif kind == "h2":
        d.add_heading(b[1], level=2)
    elif kind == "bold":
        p = d.add_paragraph()
        add_runs(p, f"**{b[1]}**")
    elif kind == "p":
        p = d.add_paragraph()
        add_runs(p, b[1])
    elif kind == "label":
        p = d.add_paragraph()
        add_runs(p, f"**{b[1]}** {b[2]}")
    elif kind == "bullet":
        d.add_paragraph(b[1], style="List Bullet")
    elif kind == "table":
        add_table(d, b[1])
    else:
        raise ValueError(kind)


# ------------------------------------------------------------------ gold
def gold_of(name, docx_path, spec):
    findings = []
    for i, f in enumerate(spec["findings"], 1):
        findings.append(
            {
                "id": f"f{i}",
                "ref": f["ref"],
                "section": f.get("section"),
                "text": f["text"],
                "at": {"page": None, "line": None},
            }
        )
    by_key = {f["key"]: f"f{i}" for i, f in enumerate(spec["findings"], 1)}
    actions = []
    for i, a in enumerate(spec["actions"], 1):
        actions.append(
            {
                "id": f"a{i}",
                "ref": a["ref"],
                "finding": by_key[a["finding"]] if a.get("finding") else None,
                "section": a.get("section"),
                "text": a["text"],
                "timescale": a["timescale"],
                "leads": a["leads"],
                "leads_inherited": a.get("inherited", False),
                "outcome": a.get("outcome"),
                "status": a.get("status", {"text": None, "rag": None, "complete": None}),
                "progress": a.get("progress", []),
                "at": {"page": None, "line": None},
            }
        )
    sha = hashlib.sha256(docx_path.read_bytes()).hexdigest()
    return {
        "schema": "docket/1",
        "source": {"file": docx_path.name, "format": "docx", "sha256": sha, "pages": None},
        "kind": "action_plan",
        "title": spec["title"],
        "findings": findings,
        "actions": actions,
        "report": None,
        "diagnostics": [],
    }


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "corpus" / "invented"
    gold_dir = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "tests" / "gold"
    out.mkdir(parents=True, exist_ok=True)
    for key, fname, spec in plans.ALL:
        d = new_document(spec["page"])
        for b in spec["blocks"]:
            print_block(d, b)
        path = out / f"{fname}.docx"
        d.save(path)
        gold = gold_of(key, path, spec)
        (gold_dir / f"{key}.json").write_text(
            json.dumps(gold, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(path, len(spec["findings"]), "findings", len(spec["actions"]), "actions")


if __name__ == "__main__":
    main()
