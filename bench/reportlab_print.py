#!/usr/bin/env python3
"""Lay a DOCX out again with ReportLab Platypus: another PDF producer for the
reader to meet (its own line breaks, standard-14 Helvetica, tables drawn as
one path per cell edge, rows kept whole, repeated header rows).

Usage: bench/reportlab_print.py IN.docx OUT.pdf

A vertically merged cell taller than a page cannot be kept whole; such a
document is laid out with its merges printed as separate cells.

Reads the body in order: Title / Heading paragraphs set larger and bold
(each heading level a size of its own),
bold runs kept bold, tables with their grid spans, vertical merges, header
rows (w:tblHeader) and cell shading. Tracked changes read as accepted
(deleted runs and rows left out), content controls showing a placeholder
left empty, as Word's Accept All leaves the draft.
Needs `pip install reportlab python-docx`.
"""
import sys
from xml.sax.saxutils import escape

import docx
from docx.oxml.ns import qn
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=9.5, leading=12)
CELL = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=10)
TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=15, leading=19, spaceAfter=6)
# Heading levels keep their order of size, as every word processor's
# default styles do (one size for all would print away the outline).
HEADS = [
    ParagraphStyle("head1", fontName="Helvetica-Bold", fontSize=13, leading=16, spaceBefore=6),
    ParagraphStyle("head2", fontName="Helvetica-Bold", fontSize=11.5, leading=14, spaceBefore=5),
    ParagraphStyle("head3", fontName="Helvetica-Bold", fontSize=10.5, leading=13, spaceBefore=4),
]


def style_of(name):
    low = name.lower()
    if low == "title":
        return TITLE
    if low.startswith("heading"):
        digits = "".join(c for c in low if c.isdigit())
        level = int(digits) if digits else 1
        return HEADS[min(max(level, 1), len(HEADS)) - 1]
    return BODY


def gone(el):
    """Inside a deletion, a move away or a content control's placeholder."""
    p = el.getparent()
    while p is not None:
        if p.tag in (qn("w:del"), qn("w:moveFrom")):
            return True
        if p.tag == qn("w:sdt"):
            pr = p.find(qn("w:sdtPr"))
            if pr is not None and pr.find(qn("w:showingPlcHdr")) is not None:
                return True
        p = p.getparent()
    return False


def run_bold(r, para_bold):
    rpr = r.find(qn("w:rPr"))
    if rpr is not None:
        b = rpr.find(qn("w:b"))
        if b is not None:
            return b.get(qn("w:val")) not in ("0", "false")
    return para_bold


def markup(p, styles):
    """A paragraph's visible text as ReportLab markup, bold runs in <b>."""
    sid = p.find(qn("w:pPr") + "/" + qn("w:pStyle"))
    name = styles.get(sid.get(qn("w:val")) if sid is not None else "", "")
    bold_style = name.lower().startswith(("title", "heading"))
    out = []
    for r in p.iter(qn("w:r")):
        if gone(r):
            continue
        text = ""
        for t in r:
            if t.tag == qn("w:t"):
                text += t.text or ""
            elif t.tag in (qn("w:br"), qn("w:cr")):
                text += "\n"
            elif t.tag == qn("w:tab"):
                text += " "
        if not text:
            continue
        rpr = r.find(qn("w:rPr"))
        sup = rpr is not None and rpr.find(qn("w:vertAlign")) is not None
        t = escape(text).replace("\n", "<br/>")
        if sup:
            t = "<super>%s</super>" % t
        out.append("<b>%s</b>" % t if run_bold(r, bold_style) else t)
    return name, "".join(out)


def cell_fill(tc):
    shd = tc.find(qn("w:tcPr") + "/" + qn("w:shd"))
    fill = shd.get(qn("w:fill")) if shd is not None else None
    if fill and fill.lower() not in ("auto", "ffffff"):
        return colors.HexColor("#" + fill)
    return None


def table(tbl, styles, width, vspans=True):
    grid = [int(g.get(qn("w:w")) or 0) for g in tbl.iter(qn("w:gridCol"))]
    total = sum(grid) or 1
    widths = [width * g / total for g in grid]
    rows, cmds, header_rows = [], [], 0
    open_merge = {}  # column -> row where its vertical merge started
    for tr in tbl.findall(qn("w:tr")):
        trpr = tr.find(qn("w:trPr"))
        if trpr is not None and trpr.find(qn("w:del")) is not None:
            continue
        r = len(rows)
        if trpr is not None and trpr.find(qn("w:tblHeader")) is not None and r == header_rows:
            header_rows += 1
        row = [""] * len(grid)
        c = 0
        for tc in tr.findall(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span = pr.find(qn("w:gridSpan")) if pr is not None else None
            span = int(span.get(qn("w:val"))) if span is not None else 1
            vm = pr.find(qn("w:vMerge")) if pr is not None else None
            if vm is not None and vm.get(qn("w:val")) != "restart":
                start = open_merge.get(c)
                if start is not None and vspans:
                    cmds.append(("SPAN", (c, start), (c + span - 1, r)))
            else:
                open_merge.pop(c, None)
                if vm is not None:
                    open_merge[c] = r
                paras = [markup(p, styles)[1] for p in tc.iter(qn("w:p"))]
                row[c] = [Paragraph(t, CELL) for t in paras if t.strip()]
                if span > 1:
                    cmds.append(("SPAN", (c, r), (c + span - 1, r)))
                fill = cell_fill(tc)
                if fill is not None:
                    cmds.append(("BACKGROUND", (c, r), (c + span - 1, r), fill))
            c += span
        rows.append(row)
    # A vertical merge's SPAN must cover its whole run: keep the widest.
    spans = {}
    for cmd in cmds:
        if cmd[0] == "SPAN":
            spans[cmd[1]] = cmd
    cmds = [c for c in cmds if c[0] != "SPAN"] + list(spans.values())
    cmds += [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    return Table(rows, colWidths=widths, repeatRows=header_rows, style=TableStyle(cmds))


def main(src, dst):
    # A merged cell taller than a page cannot be laid out with its rows
    # kept whole: then the merges are printed as separate cells.
    try:
        build(src, dst, True)
    except Exception:  # reportlab's LayoutError, or its crash reporting one
        build(src, dst, False)


def build(src, dst, vspans):
    d = docx.Document(src)
    styles = {s.style_id: s.name for s in d.styles}
    sect = d.sections[-1]
    size = landscape(A4) if sect.page_width > sect.page_height else A4
    doc = SimpleDocTemplate(dst, pagesize=size, leftMargin=1.5 * cm, rightMargin=1.5 * cm,
                            topMargin=1.5 * cm, bottomMargin=1.5 * cm)
    story = []
    for el in d.element.body:
        if el.tag == qn("w:p"):
            name, text = markup(el, styles)
            if not text.strip():
                continue
            style = style_of(name)
            if el.find(qn("w:pPr") + "/" + qn("w:numPr")) is not None:
                text = "\u2022 " + text
            story.append(Paragraph(text, style))
        elif el.tag == qn("w:tbl"):
            story.append(Spacer(1, 4))
            story.append(table(el, styles, doc.width, vspans))
            story.append(Spacer(1, 6))
    doc.build(story)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
