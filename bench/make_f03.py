"""f03: an invented plan whose refs are Word's automatic list numbers.

    python3 bench/make_f03.py corpus/formats/f03.docx
    cd corpus/formats && soffice --headless --convert-to doc f03.docx
    (and --convert-to odt, rtf)

The refs ("1.1" .. "1.5") and the section labels ("Part I:", "Part II:")
are in no text run: only the list definitions give them, in every format.
"""
import sys, copy
from docx import Document
from docx.oxml.ns import qn
from docx.oxml import OxmlElement

doc = Document()
doc.add_heading("Fernhollow Partnership: Practice Review Action Plan", level=1)

numbering = doc.part.numbering_part.element
def el(tag, **attrs):
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(k), v)
    return e

absn = el("w:abstractNum", **{"w:abstractNumId": "90"})
for ilvl, fmt, text, start in [(0, "decimal", "%1.", "1"), (1, "decimal", "%1.%2", "1"), (2, "lowerLetter", "%3)", "1")]:
    lvl = el("w:lvl", **{"w:ilvl": str(ilvl)})
    lvl.append(el("w:start", **{"w:val": start}))
    lvl.append(el("w:numFmt", **{"w:val": fmt}))
    lvl.append(el("w:lvlText", **{"w:val": text}))
    absn.append(lvl)
roman = el("w:abstractNum", **{"w:abstractNumId": "91"})
lvl = el("w:lvl", **{"w:ilvl": "0"})
lvl.append(el("w:start", **{"w:val": "1"}))
lvl.append(el("w:numFmt", **{"w:val": "upperRoman"}))
lvl.append(el("w:lvlText", **{"w:val": "Part %1:"}))
roman.append(lvl)
# abstractNums go before nums
first_num = numbering.find(qn("w:num"))
for a in (absn, roman):
    if first_num is not None:
        first_num.addprevious(a)
    else:
        numbering.append(a)
for nid, aid in [("90", "90"), ("91", "91")]:
    n = el("w:num", **{"w:numId": nid})
    n.append(el("w:abstractNumId", **{"w:val": aid}))
    numbering.append(n)

def numbered(par, num, ilvl):
    ppr = par._p.get_or_add_pPr()
    numpr = el("w:numPr")
    numpr.append(el("w:ilvl", **{"w:val": str(ilvl)}))
    numpr.append(el("w:numId", **{"w:val": num}))
    ppr.append(numpr)

findings = [
    ("Referrals from schools are not always followed up within a working day.", [
        ("Agree a single follow-up standard with the front door team", "Head of Early Help, Fernhollow Council", "June 2025"),
        ("Audit twenty referrals each quarter against the standard", "Designated Nurse, Fernhollow ICB", "Q2 2025/26"),
    ]),
    ("Managers do not record why strategy meetings are held late.", [
        ("Add a reason field to the strategy meeting record", "Service Manager, Children's Social Care", "September 2025"),
        ("Report late meetings to the performance group monthly", "DI Mara Quill, Fernhollow Police", "End of December 2025"),
        ("Review the guidance with partners", "Partnership Business Manager", "March 2026"),
    ]),
]
for part, (finding, actions) in enumerate(findings):
    p = doc.add_paragraph("")
    numbered(p, "91", 0)
    p.add_run("Learning theme")
    t = doc.add_table(rows=1, cols=5)
    t.style = "Table Grid"
    for c, h in enumerate(["Ref", "Finding", "Action", "Lead", "Timescale"]):
        t.rows[0].cells[c].text = h
    for k, (action, lead, when) in enumerate(actions):
        r = t.add_row().cells
        rp = r[0].paragraphs[0]
        numbered(rp, "90", 1)
        r[1].text = finding if k == 0 else ""
        r[2].text = action
        r[3].text = lead
        r[4].text = when
doc.save(sys.argv[1])
