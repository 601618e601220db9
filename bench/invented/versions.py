#!/usr/bin/env python3
"""A second version of the invented Kelsworth JTAI plan (i04), edited the
way a quarter's update edits it, for the `docket diff` tests
(tests/diff_versions.rs).

Usage: bench/invented/versions.py [OUTDIR]   (default corpus/versions)

Writes OUTDIR/i04-v2.docx from corpus/invented/i04-kelsworth-jtai.docx and
OUTDIR/i04.txt, a tab-separated text export of the first version (as the
seed exports are); then print the PDF with LibreOffice:
  soffice --headless --convert-to pdf --outdir OUTDIR OUTDIR/i04-v2.docx
The expected changes in OUTDIR/i04-v2.expected are written by hand from
the edits below, not from docket's output. Needs python-docx.
"""
import sys
from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))
from versions import Plan, set_cell, text_export  # noqa: E402

AFI, REF, ACT, LEAD, WHEN, RAG = range(6)
FILLS = {"Green": "00B050", "Amber": "FFC000", "Red": "FF0000"}


def rate(p, ref, word):
    """A RAG cell's word and its fill."""
    tc = p.cell(ref, RAG)
    set_cell(tc, word)
    for r in tc.iter(qn("w:r")):
        rpr = r.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            r.insert(0, rpr)
        if rpr.find(qn("w:b")) is None:
            rpr.append(OxmlElement("w:b"))
    pr = tc.find(qn("w:tcPr"))
    if pr is None:
        pr = OxmlElement("w:tcPr")
        tc.insert(0, pr)
    shd = pr.find(qn("w:shd"))
    if shd is None:
        shd = OxmlElement("w:shd")
        pr.append(shd)
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), FILLS[word])


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "corpus" / "versions"
    base = ROOT / "corpus" / "invented" / "i04-kelsworth-jtai.docx"
    text_export(base, out / "i04.txt")
    p = Plan(base, REF)
    for para in p.doc.paragraphs:
        if para.text.startswith("Version 4"):
            para.runs[0].text = "Version 5 – RAG ratings agreed at the Partnership Board, 15 December 2026"
            for r in para.runs[1:]:
                r.text = ""
    rate(p, "1(ii)", "Green")  # Amber -> Green: the key makes it complete
    p.set("2(i)", WHEN, "w/c 2 November 2026")  # slipped from w/c 5 October: 28 days
    rate(p, "2(i)", "Amber")  # Red -> Amber (still not complete)
    p.delete("2(ii)")  # removed
    p.set("2(iii)", REF, "2(ii)")  # renumbered after the removal
    rate(p, "2(ii)", "Amber")  # blank -> Amber: complete none -> false
    p.set("3(i)", ACT, "Deliver exploitation training to all emergency department and urgent treatment centre staff.")  # reworded
    p.set("3(ii)", LEAD, "Dr Tom Hale, Named Doctor Safeguarding Children, Kelsworth Hospitals NHS Trust")  # lead changed
    p.add_after("3(ii)", {
        REF: "3(iii)",
        ACT: "Include exploitation in the emergency department's annual safeguarding audit.",
        LEAD: "Named Nurse Safeguarding Children (Kelsworth Hospitals NHS Trust)",
        WHEN: "Q1 27/28",
    })  # added (its RAG copied from 3(ii): Amber)
    p.save(out / "i04-v2.docx")
    print(out / "i04-v2.docx", out / "i04.txt")


if __name__ == "__main__":
    main()
