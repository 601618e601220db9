"""The invented plans, each written once: what the document prints and,
beside it, the gold typed by hand (see build.py). Everything here is
invented: places, partnerships, people and events.

Gold strings are recorded after the contract's normalisation (dashes to
"-", straight quotes, one space), which `norm` applies; every other gold
value (date bounds, due, lead parts, rag, complete, progress dates) is
typed beside the cell it annotates.
"""
import unicodedata

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


def norm(s):
    if s is None:
        return None
    s = unicodedata.normalize("NFKC", s)
    for d in DASHES:
        s = s.replace(d, "-")
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(s.split()) or None


def D(text, start, end=None):
    return {"text": norm(text), "start": start, "end": end or start}


def TS(text, *dates, due=None):
    return {"text": norm(text), "dates": list(dates), "due": due}


def L(text, name=None, role=None, org=None):
    return {"text": norm(text), "name": name, "role": role, "organisation": org}


def ST(text=None, rag=None, complete=None):
    return {"text": norm(text), "rag": rag, "complete": complete}


def PR(text, date=None):
    return {"text": norm(text), "date": date}


def plain(cell):
    """A printed cell without the inline bold / superscript marks."""
    return cell.replace("**", "").replace("^", "")


NO_STATUS = ST()


# ---------------------------------------------------------------- i01
def i01():
    """Ashcombe: a practice-review plan whose recommendations are printed in
    their own table (R1-R4) and linked from the action table by a Rec
    column; action refs 1a, 1b; an evidence-of-impact column."""
    findings = [
        dict(key="R1", ref="R1", text="Partners should make sure that the voice of the child is recorded at every strategy discussion."),
        dict(key="R2", ref="R2", text="The partnership should assure itself that practitioners understand how to escalate professional disagreements."),
        dict(key="R3", ref="R3", text="Health partners should review how information about fathers and other male carers is recorded and shared."),
        dict(key="R4", ref="R4", text="The partnership should test whether the learning from this review has changed practice."),
    ]
    actions, rows = [], []

    def act(rec, ref, text, lead_cell, leads, when, ts, impact):
        actions.append(dict(ref=ref, finding=rec, text=norm(text), timescale=ts, leads=leads, outcome=norm(impact)))
        rows.append([rec, ref, text, lead_cell, when, impact])

    act("R1", "1a", "Add a prompt for the child's wishes and feelings to the strategy discussion record template.",
        "Head of Safeguarding and Quality Assurance (ACC)",
        [L("Head of Safeguarding and Quality Assurance (ACC)", None, "Head of Safeguarding and Quality Assurance", "ACC")],
        "31.10.26", TS("31.10.26", D("31.10.26", "2026-10-31"), due="2026-10-31"),
        "The child's wishes and feelings are recorded in 90% of the strategy discussions audited.")
    act("R1", "1b", "Audit 30 strategy discussions each quarter for evidence of the child's voice and report the results to the Quality Assurance Subgroup.",
        "Chair, ASCP Quality Assurance Subgroup",
        [L("Chair, ASCP Quality Assurance Subgroup", None, "Chair", "ASCP Quality Assurance Subgroup")],
        "Q3 26/27, then quarterly", TS("Q3 26/27, then quarterly", D("Q3 26/27", "2026-10-01", "2026-12-31"), due="2026-12-31"),
        "Quarterly audit reports show improvement on the baseline.")
    act("R2", "2a", "Relaunch the resolving professional differences protocol with a short briefing for each agency.",
        "Sian Morgan, Partnership Business Manager, ASCP",
        [L("Sian Morgan, Partnership Business Manager, ASCP", "Sian Morgan", "Partnership Business Manager", "ASCP")],
        "w/c 2 November 2026", TS("w/c 2 November 2026", D("w/c 2 November 2026", "2026-11-02", "2026-11-08"), due="2026-11-08"),
        "More escalations are logged with the partnership and each is resolved within 20 working days.")
    act("R2", "2b", "Add escalation to the multi-agency induction and to the level 3 safeguarding training.",
        "Learning and Development Lead (ASCP) / Named Nurse Safeguarding Children (Ashcombe Hospitals NHS Trust)",
        [L("Learning and Development Lead (ASCP)", None, "Learning and Development Lead", "ASCP"),
         L("Named Nurse Safeguarding Children (Ashcombe Hospitals NHS Trust)", None, "Named Nurse Safeguarding Children", "Ashcombe Hospitals NHS Trust")],
        "January 2027", TS("January 2027", D("January 2027", "2027-01-01", "2027-01-31"), due="2027-01-31"),
        "Training evaluations show practitioners know how to escalate.")
    act("R3", "3a", "Change the health visiting record so that every male carer in the household is named and checked.",
        "Dr Owen Price, Designated Doctor for Safeguarding Children, NHS Ashcombe ICB",
        [L("Dr Owen Price, Designated Doctor for Safeguarding Children, NHS Ashcombe ICB", "Owen Price", "Designated Doctor for Safeguarding Children", "NHS Ashcombe ICB")],
        "By 31 March 2027", TS("By 31 March 2027", D("31 March 2027", "2027-03-31"), due="2027-03-31"),
        "Record audits find male carers named in every household.")
    act("R3", "3b", "Share the practice guide on working with male carers with midwifery, health visiting and GP practices.",
        "Named GP for Safeguarding (NHS Ashcombe ICB)",
        [L("Named GP for Safeguarding (NHS Ashcombe ICB)", None, "Named GP for Safeguarding", "NHS Ashcombe ICB")],
        "Feb 27", TS("Feb 27", D("Feb 27", "2027-02-01", "2027-02-28"), due="2027-02-28"),
        "Every GP practice confirms it has received the guide.")
    act("R4", "4a", "Hold a learning event twelve months on and survey the practitioners who attended the first briefings.",
        "Independent Scrutineer, ASCP",
        [L("Independent Scrutineer, ASCP", None, "Independent Scrutineer", "ASCP")],
        "Sept 2027", TS("Sept 2027", D("Sept 2027", "2027-09-01", "2027-09-30"), due="2027-09-30"),
        "Most practitioners surveyed can name a change they have made.")
    act("R4", "4b", "Report the findings of the survey to the Safeguarding Partners Executive.",
        "Partnership Business Manager, ASCP",
        [L("Partnership Business Manager, ASCP", None, "Partnership Business Manager", "ASCP")],
        "end Q3 27/28", TS("end Q3 27/28", D("end Q3 27/28", "2027-12-31"), due="2027-12-31"),
        "The Executive agrees whether the review can be closed.")

    title = "Ashcombe Safeguarding Children Partnership - Local Child Safeguarding Practice Review 'Child R': Action Plan"
    blocks = [
        ("title", "Ashcombe Safeguarding Children Partnership – Local Child Safeguarding Practice Review ‘Child R’: Action Plan"),
        ("bold", "Agreed by the Safeguarding Partners Executive on 15 September 2026"),
        ("p", "The review was published in July 2026. This plan sets out how the partners will answer its four recommendations. Progress is reported to the Executive every quarter."),
        ("bold", "Recommendations of the review"),
        ("table", dict(cols=[("No.", 1.5), ("Recommendation", 14.0)], size=10,
                       rows=[[f["ref"], f["text"]] for f in findings])),
        ("p", ""),
        ("bold", "Action plan"),
        ("table", dict(cols=[("Rec", 1.2), ("Action ref", 1.6), ("Action", 7.0), ("Responsible officer", 5.0),
                             ("Completion date", 3.0), ("Evidence of impact", 7.0)],
                       header_fill="D9E2F3", rows=rows)),
        ("p", "Next review by the Executive: 14 January 2027."),
    ]
    return dict(title=title, findings=findings, actions=actions, blocks=blocks,
                page=dict(landscape=True, font="Calibri", size=11, footer="ASCP Child R action plan"))


# ---------------------------------------------------------------- i02
RED, AMBER, GREEN, GREY = "FF0000", "FF9900", "92D050", "BFBFBF"


def i02():
    """Bramwell: an improvement tracker printed from a spreadsheet: spanning
    title and status rows, a Theme column, the finding repeated on every
    row, a Start column that is not the timescale, RAG as fill only and a
    % complete column."""
    F = {
        "A": "Contacts are not always progressed within one working day.",
        "B": "Care plans do not always show how children's views have shaped decisions.",
        "C": "Too few children in care have an up-to-date health assessment.",
        "D": "Caseloads in the assessment teams are too high for social workers to do their best work.",
    }
    theme = {"A": "Front door", "B": "Children in care", "C": "Children in care", "D": "Workforce"}
    findings = [dict(key=k, ref=None, section=theme[k], text=F[k]) for k in "ABCD"]
    actions, rows = [], []

    def act(ref, fk, text, owner, leads, start, target, ts, fill, rag, pct, complete, update, progress):
        actions.append(dict(ref=ref, finding=fk, section=theme[fk], text=norm(text), timescale=ts, leads=leads,
                            status=ST(None, rag, complete), progress=progress))
        rows.append([ref, theme[fk], F[fk], text, owner, start, target,
                     {"text": "", "fill": fill} if fill else "", pct, update])

    act("CSC-01", "A", "Recruit two additional MASH social workers to meet contact demand.",
        "Head of MASH", [L("Head of MASH", None, "Head of MASH", None)],
        "01/04/2026", "Jun-26", TS("Jun-26", D("Jun-26", "2026-06-01", "2026-06-30"), due="2026-06-30"),
        GREEN, "green", "100%", True,
        "30/06/26 – Both posts filled; contacts now progressed within one working day in 96% of cases.",
        [PR("30/06/26 – Both posts filled; contacts now progressed within one working day in 96% of cases.", "2026-06-30")])
    act("CSC-02", "A", "Introduce a daily management review of contacts waiting more than 24 hours.",
        "MASH Team Manager / Duty Practice Supervisor",
        [L("MASH Team Manager", None, "MASH Team Manager", None),
         L("Duty Practice Supervisor", None, "Duty Practice Supervisor", None)],
        "01/05/2026", "31/07/2026", TS("31/07/2026", D("31/07/2026", "2026-07-31"), due="2026-07-31"),
        AMBER, "amber", "60%", None,
        "Review in place since May; weekly figures show 11 contacts waiting over 24 hours, down from 40.",
        [PR("Review in place since May; weekly figures show 11 contacts waiting over 24 hours, down from 40.")])
    act("CSC-03", "B", "Revise the care plan template so that the child's own words open the plan.",
        "Principal Social Worker", [L("Principal Social Worker", None, "Principal Social Worker", None)],
        "01/06/2026", "Sep-26", TS("Sep-26", D("Sep-26", "2026-09-01", "2026-09-30"), due="2026-09-30"),
        GREEN, "green", "100%", True,
        "15/09/26 – New template live on the case recording system.",
        [PR("15/09/26 – New template live on the case recording system.", "2026-09-15")])
    act("CSC-04", "B", "Train all children in care social workers in writing plans to and for children.",
        "Workforce Development Manager (HR)", [L("Workforce Development Manager (HR)", None, "Workforce Development Manager", "HR")],
        "01/07/2026", "Q3 26/27", TS("Q3 26/27", D("Q3 26/27", "2026-10-01", "2026-12-31"), due="2026-12-31"),
        AMBER, "amber", "45%", None,
        "Two of five cohorts trained.\n20/09/26 – Third cohort booked for October.",
        [PR("Two of five cohorts trained."), PR("20/09/26 – Third cohort booked for October.", "2026-09-20")])
    act("CSC-05", "C", "Agree a joint escalation route with health for assessments overdue by more than 20 days.",
        "Rhian Lloyd, Designated Nurse Looked After Children, NHS Bramwell ICB",
        [L("Rhian Lloyd, Designated Nurse Looked After Children, NHS Bramwell ICB", "Rhian Lloyd", "Designated Nurse Looked After Children", "NHS Bramwell ICB")],
        "01/07/2026", "31/10/2026", TS("31/10/2026", D("31/10/2026", "2026-10-31"), due="2026-10-31"),
        RED, "red", "20%", None,
        "Draft route shared with the ICB; not yet agreed.",
        [PR("Draft route shared with the ICB; not yet agreed.")])
    act("CSC-06", "C", "Report overdue health assessments to the Corporate Parenting Board every quarter.",
        "Head of Children in Care", [L("Head of Children in Care", None, "Head of Children in Care", None)],
        "01/10/2026", "Dec-26", TS("Dec-26", D("Dec-26", "2026-12-01", "2026-12-31"), due="2026-12-31"),
        GREY, "grey", "0%", None, "", [])
    act("CSC-07", "D", "Open a second assessment team using agency staff while permanent recruitment runs.",
        "Assessment Service Manager", [L("Assessment Service Manager", None, "Assessment Service Manager", None)],
        "01/04/2026", "2026-08-31", TS("2026-08-31", D("2026-08-31", "2026-08-31"), due="2026-08-31"),
        GREEN, "green", "100%", True,
        "2026-08-28: Team open; average caseload now 19.",
        [PR("2026-08-28: Team open; average caseload now 19.", "2026-08-28")])
    act("CSC-08", "D", "Launch a refer-a-friend payment and a market supplement for experienced social workers.",
        "Head of HR Operations (Bramwell Council)",
        [L("Head of HR Operations (Bramwell Council)", None, "Head of HR Operations", "Bramwell Council")],
        "01/09/2026", "Q4 26/27", TS("Q4 26/27", D("Q4 26/27", "2027-01-01", "2027-03-31"), due="2027-03-31"),
        None, None, "n/a", None, "", [])
    act("CSC-09", "D", "Publish a caseload dashboard for team managers, refreshed weekly.",
        "Performance and Improvement Manager",
        [L("Performance and Improvement Manager", None, "Performance and Improvement Manager", None)],
        "01/08/2026", "30.11.26", TS("30.11.26", D("30.11.26", "2026-11-30"), due="2026-11-30"),
        AMBER, "amber", "70%", None,
        "Oct-26: Dashboard in test with two teams.",
        [PR("Oct-26: Dashboard in test with two teams.", "2026-10-01")])

    title = "Bramwell Borough Council - Children's Social Care Improvement Tracker 2026/27"
    blocks = [
        ("table", dict(
            cols=[("ID", 1.5), ("Theme", 2.0), ("Finding", 3.8), ("Action", 4.4), ("Owner", 3.0), ("Start", 1.9),
                  ("Target", 1.7), ("RAG", 1.2), ("% complete", 1.5), ("Latest update", 4.6)],
            size=7.5, header_fill="DDEBF7",
            top_rows=[{"text": "Bramwell Borough Council – Children’s Social Care Improvement Tracker 2026/27", "bold": True, "repeat": True},
                      {"text": "Status at 30/09/2026 – prepared by the Performance and Improvement Team", "repeat": True}],
            rows=rows)),
    ]
    return dict(title=title, findings=findings, actions=actions, blocks=blocks,
                page=dict(landscape=True, font="Arial", size=8, margin=1.2))


# ---------------------------------------------------------------- i03
def i03():
    """Harrowfield: no table; themes as Heading 1, recommendations as
    Heading 2 ("Recommendation 1: ..."), each action as labelled
    paragraphs (Action 1.1: / Lead: / Timescale: / Evidence of impact:),
    school-term dates."""
    findings, actions, blocks = [], [], []
    title = "Harrowfield Safeguarding Children Partnership: Education Safeguarding Action Plan 2026/27"
    blocks += [
        ("title", title),
        ("bold", "Following the thematic review of children educated at home"),
        ("h1", "Introduction"),
        ("p", "The thematic review was published in June 2026. It made three recommendations, grouped here under two themes. Each action names its lead, its timescale and how we will know it has worked."),
    ]

    def theme(name):
        blocks.append(("h1", name))
        return name

    def rec(section, n, text):
        findings.append(dict(key=n, ref=n, section=section, text=text))
        blocks.append(("h2", f"Recommendation {n}: {text}"))

    def act(section, fkey, ref, text, lead_lines, leads, when, ts, impact, complete=None):
        actions.append(dict(ref=ref, finding=fkey, section=section, text=norm(text), timescale=ts, leads=leads,
                            outcome=norm(impact), status=ST(None, None, complete)))
        blocks.append(("label", f"Action {ref}:", text))
        for line in lead_lines:
            blocks.append(("label", "Lead:", line))
        blocks.append(("label", "Timescale:", when))
        blocks.append(("label", "Evidence of impact:", impact))

    s = theme("Theme A: Knowing where children are")
    rec(s, "1", "The local authority should keep an accurate register of children educated at home.")
    act(s, "1", "1.1", "Reconcile the elective home education register with school roll data every half term.",
        ["Elective Home Education Officer, Harrowfield Council"],
        [L("Elective Home Education Officer, Harrowfield Council", None, "Elective Home Education Officer", "Harrowfield Council")],
        "Autumn Term 2026", TS("Autumn Term 2026", D("Autumn Term 2026", "2026-09-01", "2026-12-31"), due="2026-12-31"),
        "Every child on the register is seen or accounted for each term.")
    act(s, "1", "1.2", "Write to every family on the register to offer an annual visit.",
        ["Head of Inclusion (Harrowfield Council)"],
        [L("Head of Inclusion (Harrowfield Council)", None, "Head of Inclusion", "Harrowfield Council")],
        "By the end of the Spring Term 2027",
        TS("By the end of the Spring Term 2027", D("end of the Spring Term 2027", "2027-03-31"), due="2027-03-31"),
        "At least two thirds of families accept a visit.")
    rec(s, "2", "Partners should share concerns about children missing from education quickly.")
    act(s, "2", "2.1", "Add children missing education to the agenda of the daily MASH partner meeting.",
        ["MASH Strategic Manager"], [L("MASH Strategic Manager", None, "MASH Strategic Manager", None)],
        "w/c 7 September 2026", TS("w/c 7 September 2026", D("w/c 7 September 2026", "2026-09-07", "2026-09-13"), due="2026-09-13"),
        "Concerns about a child missing education reach the MASH within one working day.")
    act(s, "2", "2.2", "Publish a one-page guide for schools on when to tell the local authority that a child has stopped attending.",
        ["Education Safeguarding Adviser, Harrowfield Council", "Chair, Harrowfield Secondary Heads Group"],
        [L("Education Safeguarding Adviser, Harrowfield Council", None, "Education Safeguarding Adviser", "Harrowfield Council"),
         L("Chair, Harrowfield Secondary Heads Group", None, "Chair", "Harrowfield Secondary Heads Group")],
        "Summer term 2027", TS("Summer term 2027", D("Summer term 2027", "2027-04-01", "2027-07-31"), due="2027-07-31"),
        "Referrals from schools about children who have stopped attending rise.")
    s = theme("Theme B: Health and wellbeing")
    rec(s, "3", "Health partners should offer every child educated at home the same health reviews as children in school.")
    act(s, "3", "3.1", "Offer school-age immunisations to children educated at home through community clinics.",
        ["Immunisation Team Manager (Harrowfield Community Health NHS Trust)"],
        [L("Immunisation Team Manager (Harrowfield Community Health NHS Trust)", None, "Immunisation Team Manager", "Harrowfield Community Health NHS Trust")],
        "academic year 2026/27", TS("academic year 2026/27", D("academic year 2026/27", "2026-09-01", "2027-08-31"), due="2027-08-31"),
        "Immunisation uptake among children educated at home matches the borough average.")
    act(s, "3", "3.2", "Send the school nursing offer to every family on the register.",
        ["Kerry Adams, School Nursing Lead, Harrowfield Community Health NHS Trust"],
        [L("Kerry Adams, School Nursing Lead, Harrowfield Community Health NHS Trust", "Kerry Adams", "School Nursing Lead", "Harrowfield Community Health NHS Trust")],
        "Completed – letters sent on 14.09.26",
        TS("Completed – letters sent on 14.09.26", D("14.09.26", "2026-09-14"), due="2026-09-14"),
        "Families ask the school nursing service for reviews.", complete=True)
    blocks += [
        ("h1", "Monitoring"),
        ("p", "The Education Safeguarding Group will review this plan every term. Its next review is on 3 December 2026."),
    ]
    return dict(title=title, findings=findings, actions=actions, blocks=blocks,
                page=dict(landscape=False, font="Calibri", size=11))


# ---------------------------------------------------------------- i04
def i04():
    """Kelsworth: one action table with the area for improvement merged over
    its actions, opening with a bold label line; refs 1(i), 2(iii); RAG
    words on fills, with a key under the table in this plan's own words;
    one merged lead cell."""
    AFI = {
        "1": "The quality of return home interviews for children who go missing is too variable.",
        "2": "Strategy discussions for children at risk of exploitation do not always include the police and health.",
        "3": "Health practitioners do not consistently identify children at risk of criminal exploitation.",
    }
    findings = [dict(key=k, ref=k, text=v) for k, v in AFI.items()]
    fills = {"Green": "00B050", "Amber": "FFC000", "Red": "FF0000"}
    rag_of = {"Green": ("green", True), "Amber": ("amber", False), "Red": ("red", False)}
    actions, rows, seen = [], [], set()

    def act(fk, ref, text, lead_cell, leads, when, ts, rag_word, inherited=False):
        rag, complete = rag_of.get(rag_word, (None, None))
        actions.append(dict(ref=ref, finding=fk, text=norm(text), timescale=ts, leads=leads, inherited=inherited,
                            status=ST(rag_word or None, rag, complete)))
        afi = "^" if fk in seen else f"**Area for improvement {fk}**\n{AFI[fk]}"
        seen.add(fk)
        rows.append([afi, ref, text, lead_cell, when,
                     {"text": rag_word, "fill": fills[rag_word], "bold": True} if rag_word else ""])

    act("1", "1(i)", "Commission a single provider for return home interviews across the county.",
        "Head of Commissioning, Kelsworth County Council",
        [L("Head of Commissioning, Kelsworth County Council", None, "Head of Commissioning", "Kelsworth County Council")],
        "end Q3 26/27", TS("end Q3 26/27", D("end Q3 26/27", "2026-12-31"), due="2026-12-31"), "Green")
    act("1", "1(ii)", "Quality assure ten return home interviews a month and feed back to the provider.",
        "Missing and Exploitation Manager (KCC)",
        [L("Missing and Exploitation Manager (KCC)", None, "Missing and Exploitation Manager", "KCC")],
        "Oct 26 – Mar 27", TS("Oct 26 – Mar 27", D("Oct 26 – Mar 27", "2026-10-01", "2027-03-31"), due="2027-03-31"), "Amber")
    act("1", "1(iii)", "Share the themes from the interviews with the exploitation panel every month.",
        "^", [L("Missing and Exploitation Manager (KCC)", None, "Missing and Exploitation Manager", "KCC")],
        "Nov 26", TS("Nov 26", D("Nov 26", "2026-11-01", "2026-11-30"), due="2026-11-30"), "Amber", inherited=True)
    act("2", "2(i)", "Set up a daily exploitation strategy meeting slot with police and health attending.",
        "DI Sam Okafor, Kelsworth Police",
        [L("DI Sam Okafor, Kelsworth Police", "Sam Okafor", None, "Kelsworth Police")],
        "w/c 5 October 2026", TS("w/c 5 October 2026", D("w/c 5 October 2026", "2026-10-05", "2026-10-11"), due="2026-10-11"), "Red")
    act("2", "2(ii)", "Record attendance at every strategy discussion and report it to the partnership monthly.",
        "KSP Business Intelligence Manager",
        [L("KSP Business Intelligence Manager", None, "Business Intelligence Manager", "KSP")],
        "31.12.26", TS("31.12.26", D("31.12.26", "2026-12-31"), due="2026-12-31"), "Amber")
    act("2", "2(iii)", "Audit twenty strategy discussions to test whether the change has worked.",
        "Chair, KSP Quality and Performance Subgroup",
        [L("Chair, KSP Quality and Performance Subgroup", None, "Chair", "KSP Quality and Performance Subgroup")],
        "Q4 26/27", TS("Q4 26/27", D("Q4 26/27", "2027-01-01", "2027-03-31"), due="2027-03-31"), "")
    act("3", "3(i)", "Deliver exploitation training to emergency department staff.",
        "Named Nurse Safeguarding Children (Kelsworth Hospitals NHS Trust) and Named Doctor Safeguarding Children (Kelsworth Hospitals NHS Trust)",
        [L("Named Nurse Safeguarding Children (Kelsworth Hospitals NHS Trust)", None, "Named Nurse Safeguarding Children", "Kelsworth Hospitals NHS Trust"),
         L("Named Doctor Safeguarding Children (Kelsworth Hospitals NHS Trust)", None, "Named Doctor Safeguarding Children", "Kelsworth Hospitals NHS Trust")],
        "Spring 2027", TS("Spring 2027", D("Spring 2027", "2027-03-01", "2027-05-31"), due="2027-05-31"), "Green")
    act("3", "3(ii)", "Add an exploitation screening question to the emergency department triage record.",
        "Dr Priya Nair, Named Doctor Safeguarding Children, Kelsworth Hospitals NHS Trust",
        [L("Dr Priya Nair, Named Doctor Safeguarding Children, Kelsworth Hospitals NHS Trust", "Priya Nair", "Named Doctor Safeguarding Children", "Kelsworth Hospitals NHS Trust")],
        "By 30^th^ November 2026", TS("By 30th November 2026", D("30th November 2026", "2026-11-30"), due="2026-11-30"), "Amber")

    title = "Kelsworth Strategic Safeguarding Partnership - JTAI Action Plan: Children at Risk of Exploitation"
    blocks = [
        ("title", "Kelsworth Strategic Safeguarding Partnership – JTAI Action Plan: Children at Risk of Exploitation"),
        ("bold", "Version 4 – RAG ratings agreed at the Partnership Board, 22 September 2026"),
        ("p", "The joint targeted area inspection found three areas for improvement. The actions below answer them."),
        ("table", dict(cols=[("Area for improvement", 5.5), ("Ref", 1.4), ("Action", 7.0), ("Lead officer", 5.0),
                             ("Target date", 3.0), ("RAG", 1.6)], size=9, rows=rows)),
        ("p", ""),
        ("bold", "RAG rating key"),
        ("p", "Green – action completed and its impact evidenced"),
        ("p", "Amber – action under way and on course for its target date"),
        ("p", "Red – action not started or behind schedule"),
    ]
    return dict(title=title, findings=findings, actions=actions, blocks=blocks,
                page=dict(landscape=True, font="Arial", size=10))


# ---------------------------------------------------------------- i05
def i05():
    """Ryland: a health partners' response to a CQC review; each
    recommendation is itself the action (R1-R7, findings []); leads in
    "Name, Post, Org" and ";" forms; dd.mm.yy progress openings; status
    words with no key."""
    actions, rows = [], []

    def act(ref, text, lead_cell, leads, when, ts, progress_cell, progress, status, complete):
        actions.append(dict(ref=ref, text=norm(text), timescale=ts, leads=leads, progress=progress,
                            status=ST(status, None, complete)))
        rows.append([ref, text, lead_cell, when, progress_cell, status])

    act("R1", "Ensure that the emergency department records who accompanies a child under two and their relationship to the child.",
        "Gemma Hart, Matron for Paediatric Emergency Care, Ryland University Hospitals NHS Trust",
        [L("Gemma Hart, Matron for Paediatric Emergency Care, Ryland University Hospitals NHS Trust", "Gemma Hart", "Matron for Paediatric Emergency Care", "Ryland University Hospitals NHS Trust")],
        "30.06.26", TS("30.06.26", D("30.06.26", "2026-06-30"), due="2026-06-30"),
        "04.06.26 – Mandatory field added to the electronic record.\nAudit of 50 records in June: 47 complete.",
        [PR("04.06.26 – Mandatory field added to the electronic record. Audit of 50 records in June: 47 complete.", "2026-06-04")],
        "Complete", True)
    act("R2", "Ensure that health visitors complete a risk assessment when a family with a child on a plan moves into the area.",
        "Health Visiting Service Lead (Ryland Community NHS Trust)",
        [L("Health Visiting Service Lead (Ryland Community NHS Trust)", None, "Health Visiting Service Lead", "Ryland Community NHS Trust")],
        "Q2 26/27", TS("Q2 26/27", D("Q2 26/27", "2026-07-01", "2026-09-30"), due="2026-09-30"),
        "Standard operating procedure drafted.\n12.08.26 – Procedure agreed at the clinical governance group.",
        [PR("Standard operating procedure drafted."), PR("12.08.26 – Procedure agreed at the clinical governance group.", "2026-08-12")],
        "On track", False)
    act("R3", "Ensure that the designated professionals have enough time to carry out their statutory roles.",
        "Chief Nursing Officer, NHS Ryland ICB",
        [L("Chief Nursing Officer, NHS Ryland ICB", None, "Chief Nursing Officer", "NHS Ryland ICB")],
        "31 March 2027", TS("31 March 2027", D("31 March 2027", "2027-03-31"), due="2027-03-31"),
        "", [], "Not started", False)
    act("R4", "Ensure that initial health assessments for children in care are completed within 20 working days.",
        "Dr Lena Fisher, Designated Doctor for Looked After Children, NHS Ryland ICB; Head of Children in Care, Ryland Council",
        [L("Dr Lena Fisher, Designated Doctor for Looked After Children, NHS Ryland ICB", "Lena Fisher", "Designated Doctor for Looked After Children", "NHS Ryland ICB"),
         L("Head of Children in Care, Ryland Council", None, "Head of Children in Care", "Ryland Council")],
        "Sep-26", TS("Sep-26", D("Sep-26", "2026-09-01", "2026-09-30"), due="2026-09-30"),
        "Jul-26: 61% completed within timescale, up from 38%.",
        [PR("Jul-26: 61% completed within timescale, up from 38%.", "2026-07-01")],
        "Off track", False)
    act("R5", "Ensure that GP records flag children who are subject to a child protection plan.",
        "Named GP for Safeguarding Children, NHS Ryland ICB",
        [L("Named GP for Safeguarding Children, NHS Ryland ICB", None, "Named GP for Safeguarding Children", "NHS Ryland ICB")],
        "End of December 2026", TS("End of December 2026", D("End of December 2026", "2026-12-31"), due="2026-12-31"),
        "20.09.26 – Flagging audit started in 12 practices.",
        [PR("20.09.26 – Flagging audit started in 12 practices.", "2026-09-20")],
        "On track", False)
    act("R6", "Ensure that young people moving to adult mental health services have a joint transition plan.",
        "CAMHS Clinical Director (Ryland Partnership NHS Foundation Trust)",
        [L("CAMHS Clinical Director (Ryland Partnership NHS Foundation Trust)", None, "CAMHS Clinical Director", "Ryland Partnership NHS Foundation Trust")],
        "Ongoing", TS("Ongoing", due=None),
        "The transition protocol has been replaced by the new all-age mental health pathway.",
        [PR("The transition protocol has been replaced by the new all-age mental health pathway.")],
        "Superseded", None)
    act("R7", "Ensure that sexual health staff use the exploitation screening tool with every young person under 18.",
        "Sexual Health Service Manager / Safeguarding Lead, Ryland Sexual Health Service",
        [L("Sexual Health Service Manager", None, "Sexual Health Service Manager", None),
         L("Safeguarding Lead, Ryland Sexual Health Service", None, "Safeguarding Lead", "Ryland Sexual Health Service")],
        "Immediate", TS("Immediate", due=None),
        "06.05.26 – Tool in use in all clinics.",
        [PR("06.05.26 – Tool in use in all clinics.", "2026-05-06")],
        "Complete", True)

    title = "Ryland Health Partners: Response to the CQC Review of Health Services for Children Looked After and Safeguarding"
    blocks = [
        ("title", title),
        ("bold", "Progress at 30 September 2026"),
        ("p", "The Care Quality Commission made seven recommendations to the health partners in Ryland. Each is listed with the lead who answers for it and the progress made."),
        ("table", dict(cols=[("Rec. no.", 1.5), ("CQC recommendation", 7.0), ("Lead (name, post, organisation)", 5.5),
                             ("Timescale", 2.5), ("Progress to date", 7.0), ("Status", 2.0)],
                       size=9, header_fill="E2EFD9", rows=rows)),
        ("p", "Prepared by the Designated Nurse for Safeguarding Children, NHS Ryland ICB."),
    ]
    return dict(title=title, findings=[], actions=actions, blocks=blocks,
                page=dict(landscape=True, font="Arial", size=10))


# ---------------------------------------------------------------- i06
def i06():
    """Westmoor: workstream rows spanning the table as sections; findings
    as "AFI n" labels in a merged first column; action refs P1.1; a Start
    column that is not the timescale; a progress column; status words
    defined by a status key list above the table."""
    actions, rows, findings = [], [], []
    state = {"section": None}

    def workstream(name):
        state["section"] = norm(name)
        rows.append({"text": name, "fill": "D9D9D9", "bold": True})

    def afi(n, text):
        findings.append(dict(key=n, ref=f"AFI {n}", section=state["section"], text=norm(text)))
        return f"AFI {n} – {text}"

    def act(afi_cell, fk, ref, text, start, when, ts, owner, leads, status, complete, progress_cell, progress):
        actions.append(dict(ref=ref, finding=fk, section=state["section"], text=norm(text), timescale=ts,
                            leads=leads, status=ST(status, None, complete), progress=progress))
        rows.append([afi_cell, ref, text, start, when, owner, status, progress_cell])

    workstream("Workstream 1: Quality of practice")
    c = afi("1", "Managers' oversight does not always make sure that plans for children are progressed.")
    act(c, "1", "P1.1", "Introduce monthly supervision audits for every team manager.",
        "01/09/2026", "Autumn term 2026",
        TS("Autumn term 2026", D("Autumn term 2026", "2026-09-01", "2026-12-31"), due="2026-12-31"),
        "Head of Quality Assurance", [L("Head of Quality Assurance", None, "Head of Quality Assurance", None)],
        "In progress", False, "15.10.26 – First audits completed in six teams.",
        [PR("15.10.26 – First audits completed in six teams.", "2026-10-15")])
    act("^", "1", "P1.2", "Run a management development programme on reflective supervision.",
        "01/10/2026", "Jan 27 – Mar 27",
        TS("Jan 27 – Mar 27", D("Jan 27 – Mar 27", "2027-01-01", "2027-03-31"), due="2027-03-31"),
        "Leah Carter, Principal Social Worker, Westmoor Council",
        [L("Leah Carter, Principal Social Worker, Westmoor Council", "Leah Carter", "Principal Social Worker", "Westmoor Council")],
        "Not started", False, "", [])
    c = afi("2", "Children's plans are not always written in language that children and families understand.")
    act(c, "2", "P1.3", "Rewrite the child in need and child protection plan templates in plain English with children from the Youth Council.",
        "01/07/2026", "31/01/27", TS("31/01/27", D("31/01/27", "2027-01-31"), due="2027-01-31"),
        "Participation Lead (Westmoor Youth Council)",
        [L("Participation Lead (Westmoor Youth Council)", None, "Participation Lead", "Westmoor Youth Council")],
        "Achieved", True, "Templates agreed by the Youth Council.\n30.09.26 – Templates live.",
        [PR("Templates agreed by the Youth Council."), PR("30.09.26 – Templates live.", "2026-09-30")])
    workstream("Workstream 2: Partnership working")
    c = afi("3", "Police and health do not always attend initial child protection conferences.")
    act(c, "3", "P2.1", "Report attendance at conferences by agency to the partnership every quarter.",
        "01/07/2026", "Q2 26/27", TS("Q2 26/27", D("Q2 26/27", "2026-07-01", "2026-09-30"), due="2026-09-30"),
        "Conference and Review Manager; WSCP Business Manager",
        [L("Conference and Review Manager", None, "Conference and Review Manager", None),
         L("WSCP Business Manager", None, "Business Manager", "WSCP")],
        "Achieved", True, "First quarterly report presented in September.",
        [PR("First quarterly report presented in September.")])
    act("^", "3", "P2.2", "Offer conferences by video link to police and GPs who cannot attend in person.",
        "01/11/2026", "w/c 16 November 2026",
        TS("w/c 16 November 2026", D("w/c 16 November 2026", "2026-11-16", "2026-11-22"), due="2026-11-22"),
        "DCI Mark Ellison (Westmoor Police)",
        [L("DCI Mark Ellison (Westmoor Police)", "Mark Ellison", None, "Westmoor Police")],
        "Delayed", False, "", [])
    act("^", "3", "P2.3", "Agree a protocol for sharing conference reports with GPs before the conference.",
        "01/12/2026", "by 28.02.27", TS("by 28.02.27", D("28.02.27", "2027-02-28"), due="2027-02-28"),
        "Named GP, NHS Westmoor ICB", [L("Named GP, NHS Westmoor ICB", None, "Named GP", "NHS Westmoor ICB")],
        "On hold", None, "Waiting for the regional information sharing agreement.",
        [PR("Waiting for the regional information sharing agreement.")])

    title = "Westmoor Children's Services and Partners - Focused Visit Improvement Plan"
    blocks = [
        ("title", "Westmoor Children’s Services and Partners – Focused Visit Improvement Plan"),
        ("bold", "Update for the Improvement Board, October 2026"),
        ("p", "Ofsted's focused visit in May 2026 found three areas for improvement (AFI). This plan groups the actions into two workstreams."),
        ("bold", "Status key"),
        ("bullet", "Not started – work has not begun"),
        ("bullet", "In progress – work has begun and is on schedule"),
        ("bullet", "Delayed – work has begun but will miss its target"),
        ("bullet", "Achieved – the action is complete and the Board has seen the evidence"),
        ("bullet", "On hold – paused by agreement of the Improvement Board"),
        ("table", dict(cols=[("Area for improvement", 4.6), ("No.", 1.3), ("Action", 6.0), ("Start", 2.0), ("By", 2.6),
                             ("Owner", 4.3), ("Status", 1.8), ("Progress", 4.6)], size=8.5, rows=rows)),
    ]
    return dict(title=title, findings=findings, actions=actions, blocks=blocks,
                page=dict(landscape=True, font="Verdana", size=9, margin=1.5))


def _done(name, fn):
    spec = fn()
    spec["title"] = norm(spec["title"])
    for f in spec["findings"]:
        f["text"] = norm(f["text"])
    return (name, spec)


ALL = [
    ("i01", "i01-ashcombe-review", _done("i01", i01)[1]),
    ("i02", "i02-bramwell-tracker", _done("i02", i02)[1]),
    ("i03", "i03-harrowfield-labelled", _done("i03", i03)[1]),
    ("i04", "i04-kelsworth-jtai", _done("i04", i04)[1]),
    ("i05", "i05-ryland-cqc", _done("i05", i05)[1]),
    ("i06", "i06-westmoor-visit", _done("i06", i06)[1]),
]
