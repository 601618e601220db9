#!/usr/bin/env python3
"""Make second versions of corpus plans, edited the way quarterly updates
edit them, for the `docket diff` tests (tests/diff_versions.rs).

Usage: bench/versions.py [OUTDIR]   (default corpus/versions)

The first versions are corpus/rendered/000.docx and 001.docx, and OUTDIR's
p02.docx, p05.docx and p07.docx (copies of the invented plans in
shared/corpus/wild/).

Needs python-docx (pip install python-docx). For each base plan it writes
OUTDIR/<base>-v2.docx; then print both versions as PDF with LibreOffice:
  soffice --headless --convert-to pdf --outdir OUTDIR OUTDIR/*-v2.docx
It also writes a tab-separated text export of the first version of each
invented plan (OUTDIR/p05.txt, p07.txt), in the shape of the seed exports.

Each edit says what a careful reader would report; the expected changes in
OUTDIR/<base>-v2.expected are written by hand from this list, not from
docket's output. Edits change cells in place (first run's formatting kept),
copy rows to add actions, and delete rows to remove them, so merged cells
(a finding over its actions, a lead over several rows) stay merged.
"""
import copy
import sys
from pathlib import Path

import docx
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
RENDERED = ROOT / "corpus" / "rendered"


def tcs(tr):
    """The row's own cells by grid column (a spanning cell fills several)."""
    out = []
    for tc in tr.findall(qn("w:tc")):
        pr = tc.find(qn("w:tcPr"))
        span = pr.find(qn("w:gridSpan")) if pr is not None else None
        out.extend([tc] * (int(span.get(qn("w:val"))) if span is not None else 1))
    return out


def text_of(tc):
    return "".join(t.text or "" for t in tc.iter(qn("w:t")))


def set_para(p, text):
    """Give a paragraph one run with `text`, keeping its first run's format."""
    runs = p.findall(qn("w:r"))
    keep = copy.deepcopy(runs[0]) if runs else p.makeelement(qn("w:r"), {})
    for child in list(p):
        if child.tag != qn("w:pPr"):
            p.remove(child)
    for child in list(keep):
        if child.tag != qn("w:rPr"):
            keep.remove(child)
    t = keep.makeelement(qn("w:t"), {})
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    keep.append(t)
    p.append(keep)


def set_cell(tc, *paras):
    """Replace a cell's text: one paragraph per argument."""
    ps = tc.findall(qn("w:p"))
    for extra in ps[1:]:
        tc.remove(extra)
    set_para(ps[0], paras[0])
    last = ps[0]
    for text in paras[1:]:
        p = copy.deepcopy(ps[0])
        set_para(p, text)
        last.addnext(p)
        last = p


def add_para(tc, text):
    """A new last paragraph in a cell, formatted as its last one."""
    last = tc.findall(qn("w:p"))[-1]
    p = copy.deepcopy(last)
    set_para(p, text)
    last.addnext(p)


class Plan:
    def __init__(self, path, ref_col, ref_of=lambda s: s.strip()):
        self.doc = docx.Document(str(path))
        self.table = self.doc.tables[0]._tbl
        self.ref_col = ref_col
        self.ref_of = ref_of

    def row(self, ref):
        for tr in self.table.findall(qn("w:tr")):
            cells = tcs(tr)
            if len(cells) > self.ref_col and self.ref_of(text_of(cells[self.ref_col])) == ref:
                return tr
        raise KeyError(ref)

    def cell(self, ref, col):
        return tcs(self.row(ref))[col]

    def set(self, ref, col, *paras):
        set_cell(self.cell(ref, col), *paras)

    def add_after(self, ref, values):
        """Copy row `ref` after itself; `values` maps column to new text."""
        tr = self.row(ref)
        new = copy.deepcopy(tr)
        tr.addnext(new)
        cells = tcs(new)
        for col, text in values.items():
            set_cell(cells[col], *([text] if isinstance(text, str) else text))
        return new

    def delete(self, ref):
        tr = self.row(ref)
        tr.getparent().remove(tr)

    def move_after(self, ref, anchor):
        tr = self.row(ref)
        tr.getparent().remove(tr)
        self.row(anchor).addnext(tr)

    def save(self, path):
        self.doc.save(str(path))


def ref_prefix(s):
    """000 prints the action's ref at the start of its cell ("6.4 East …")."""
    return s.split(" ", 1)[0].rstrip(".")


def plan_000(out):
    """East Sussex JTAI plan (columns Ref, Area, Actions, Completion date, Lead/s)."""
    p = Plan(RENDERED / "000.docx", 2, ref_prefix)
    ACT, WHEN, LEAD = 2, 3, 4
    add_para(p.cell("1.1", LEAD), "Police – DCI Sam Okafor")  # lead added
    p.set("1.2", WHEN, "December 2020")  # slipped Oct 31 -> Dec 31: 61 days
    p.set("2.1", WHEN, "August 2020")  # brought forward Sep 30 -> Aug 31: 30 days
    p.add_after("1.5", {ACT: "1.6 Publish a quarterly report on CAMHS waiting times to the partnership board.",
                        WHEN: "March 2021"})  # new action, inheriting the merged lead
    p.set("6.4", WHEN, "By end of November 2020")  # timescale reworded, same due
    p.delete("6.3")  # removed; 6.4-6.7 renumbered 6.3-6.6
    for old, new in (("6.4", "6.3"), ("6.5", "6.4"), ("6.6", "6.5"), ("6.7", "6.6")):
        cell = p.cell(old, ACT)
        text = text_of(cell)
        if old == "6.5":  # renumbered and reworded
            text = ("6.5 Define and agree with the EHWG the development of the new East Sussex "
                    "School Health service, EMB level 2 services and the mental health support teams.")
        set_cell(cell, new + text[len(old):])
    p.set("14.6", ACT, "14.6 Named Nurses to deliver Think Family Training.")
    p.add_after("14.6", {ACT: "14.7 Think Family Training to include ED scenarios."})  # split
    p.set("15.22", ACT, "15.22 Review role of specialist HV in MASH and information sharing for school aged "
          "children, and assess need & contribute to paper outlining resource requirements for MASH in "
          "East Sussex.")
    p.delete("15.23")  # merged into 15.22
    # Finding 12 reworded (its merged cell is the 12.1 row's).
    finding = tcs(p.row("12.1"))[1]
    text = text_of(finding)
    last = "Leaders recognise that they need to do more to improve the access to therapeutic support for children in care."
    assert text.endswith(last), text
    set_cell(finding, text[: -len(last)] + "Leaders recognise that they need to do more to improve access to "
             "therapeutic support for children in care, and have commissioned additional LACMHS capacity.")
    p.save(out / "000-v2.docx")


def plan_001(out):
    """West Sussex CQC plan (Number, Recommendation, Action, Outcomes, Lead, By When,
    RAG Rating, Progress Report / Date, Current SCT Progress)."""
    p = Plan(RENDERED / "001.docx", 0)
    ACT, LEAD, WHEN, RAG, PROG = 2, 4, 5, 6, 7
    add_para(p.cell("2.1", PROG), "March 2016 - UTC staff now record a safeguarding "
             "assessment for every child attending; audit shows 92% compliance.")  # progress added
    p.set("2.2", WHEN, "Sep-15")  # slipped Jul 31 -> Sep 30: 61 days
    p.set("2.3", RAG, "Green")  # status and RAG set
    p.set("2.5", WHEN, "Completed")  # completed; due cleared
    p.move_after("2.4", "2.5")  # reordered: no change
    p.set("3.5", ACT, "The Service Manager and Team Leader to meet the health LAC service manager "
          "each quarter to agree and review a plan to address improved inter agency working.")  # reworded
    p.set("6.4", LEAD, "Designated Nurses Safeguarding Children and LAC", "Named GP Safeguarding Children")
    p.delete("5.4")  # removed (its finding too)
    p.add_after("8.1", {0: "9.1",
                        1: "That the partnership audits the quality of return home interviews for looked after children.",
                        ACT: "Joint audit of 20 return home interviews by the LAC health team and children's social care.",
                        3: "Audit report presented to the partnership board.",
                        LEAD: "Lead & Designated Nurse CLA",
                        WHEN: "Jun-16",
                        RAG: "",
                        PROG: "",
                        8: ""})  # new finding and action
    p.save(out / "001-v2.docx")


def plan_p05(out):
    """Lyndford JTAI plan (AFI, Ref, Action, Lead agency / officer, Deadline,
    Expected impact, RAG)."""
    p = Plan(out / "p05.docx", 1)
    ACT, LEAD, WHEN, RAG = 2, 3, 4, 6
    p.set("CE03", RAG, "Green")  # amber -> green
    p.set("CE07", RAG, "Amber")  # red -> amber
    p.set("CE05", WHEN, "End of June 2026")  # slipped Mar 31 -> Jun 30: 91 days
    p.set("CE13", LEAD, "Head of Youth Justice, LCC", "Head of Probation Delivery Unit, Probation Service",
          "Youth Offending Team Manager, LCC")  # lead added
    p.set("CE09", ACT, "Agree and publish a transitional safeguarding protocol between children’s services "
          "and adult social care for young people aged 17 to 25 at risk of exploitation.")  # reworded
    p.delete("CE15")  # removed; CE16 renumbered CE15
    p.set("CE16", 1, "CE15")
    p.add_after("CE15", {1: "CE16",
                         ACT: "Run a campaign with taxi and hotel licensees on spotting and reporting child exploitation.",
                         LEAD: "Licensing Manager, Lyndford District Council",
                         WHEN: "October 2026",
                         5: "Reports from licensed premises to the exploitation hub increase.",
                         RAG: "Green"})  # new action
    p.move_after("CE02", "CE04")  # reordered: no change
    p.save(out / "p05-v2.docx")


def plan_p02(out):
    """Penhallow LSCB progress report (Ref, Ofsted recommendation, Lead
    officer(s), Target, Progress to date, Score): a quarter's progress added."""
    p = Plan(out / "p02.docx", 0)
    REC, LEAD, TARGET, PROG, SCORE = 1, 2, 3, 4, 5
    add_para(p.cell("2", PROG), "15/01/2014 – Second audit: the police took part in 19 of 20 strategy "
             "discussions.")  # progress added
    p.set("8", PROG, "Feb 2014 – Wishes and feelings section added to the conference report "
          "template.")  # first progress entry
    p.set("7", TARGET, "End of January 2014")  # slipped Oct 31 -> Jan 31: 92 days
    p.set("10", TARGET, "30.11.2013")  # brought forward Dec 31 -> Nov 30: 31 days
    p.set("12", LEAD, "Named Nurse for Looked After Children / Leaving Care Team Manager / "
          "Designated Doctor for Looked After Children")  # lead added
    p.set("5", REC, "Ensure that staff in universal services and schools understand the thresholds for "
          "referral to children’s social care.")  # reworded
    p.move_after("10", "11")  # reordered: no change
    p.delete("13")  # removed; 14 renumbered 13
    p.set("14", 0, "13")
    p.add_after("13", {0: "14",
                       REC: "Ensure that the LSCB hears directly from children and young people about the "
                            "help they receive.",
                       LEAD: "Board Manager, Penhallow LSCB",
                       TARGET: "June 2014",
                       PROG: "",
                       SCORE: "4"})  # new recommendation
    p.save(out / "p02-v2.docx")


def plan_p07(out):
    """Kingsmere ILACS plan (Ref, What we will do, Owner, By when, Status, What
    difference will it make?)."""
    p = Plan(out / "p07.docx", 0)
    ACT, OWNER, WHEN, STATUS, IMPACT = 1, 2, 3, 4, 5
    p.set("P1.4", STATUS, "Achieved")  # delayed -> achieved: completed
    p.set("2(iii)", WHEN, "Q1 26/27")  # slipped Mar 31 -> Jun 30 2026: 91 days
    p.set("3(c)", WHEN, "w/c 6 October 2025")  # brought forward Nov 3 -> Oct 6: 28 days
    p.set("4.2", OWNER, "Housing Pathways Manager (Kingsmere Housing)", "Head of Care Leavers’ Service")
    p.set("4.3", ACT, "Give every care leaver a named health contact and a written summary of their "
          "health history by the age of 18.")  # reworded
    p.set("5c", 0, "5d")  # renumbered by the split below
    p.set("5b", ACT, "Publish a monthly performance report for managers at every level.")
    p.add_after("5b", {0: "5c",
                       ACT: "Include team-level data in the monthly performance report for managers.",
                       WHEN: "by 31.03.26", STATUS: "Not yet due"})  # 5b split into 5b and 5c
    p.save(out / "p07-v2.docx")


def text_export(path, out):
    """A tab-separated text export of a DOCX, as the seed exports are: body
    paragraphs a line each, a table row a line with its cells joined by tabs,
    a cell of several paragraphs as <p>…</p> runs, a merged cell's text in its
    first row only, a spanning cell followed by the empty cells it covers."""
    doc = docx.Document(str(path))
    lines = []
    body = doc.element.body
    for el in body:
        if el.tag == qn("w:p"):
            lines.append("".join(t.text or "" for t in el.iter(qn("w:t"))))
        elif el.tag == qn("w:tbl"):
            for tr in el.findall(qn("w:tr")):
                cells = []
                for tc in tr.findall(qn("w:tc")):
                    paras = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.findall(qn("w:p"))]
                    paras = [p for p in paras if p.strip()]
                    cells.append(paras[0] if len(paras) == 1 else "".join("<p>%s</p>" % p for p in paras))
                    pr = tc.find(qn("w:tcPr"))
                    span = pr.find(qn("w:gridSpan")) if pr is not None else None
                    cells.extend([""] * (int(span.get(qn("w:val"))) - 1 if span is not None else 0))
                lines.append("\t".join(cells))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "corpus" / "versions"
    out.mkdir(parents=True, exist_ok=True)
    for make in (plan_000, plan_001, plan_p02, plan_p05, plan_p07):
        make(out)
        print(make.__name__)
    for base in ("p02", "p05", "p07"):
        text_export(out / ("%s.docx" % base), out / ("%s.txt" % base))
        print(base + ".txt")


if __name__ == "__main__":
    main()
