"""Invented plans (i01-i06) and their hand-written gold. Every value in GOLD is typed by hand."""
import hashlib, json, os, sys
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

OUT = sys.argv[1]; GOLDDIR = sys.argv[2]

def shade(cell, hexfill):
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement('w:shd'); shd.set(qn('w:val'), 'clear'); shd.set(qn('w:color'), 'auto'); shd.set(qn('w:fill'), hexfill)
    tcPr.append(shd)

def put(cell, text, bold=False):
    paras = text.split('\n')
    cell.paragraphs[0].text = ''
    for i, t in enumerate(paras):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        r = p.add_run(t); r.bold = bold

def table(doc, rows, header_fill='D9E2F3'):
    ncol = len(rows[0])
    t = doc.add_table(rows=len(rows), cols=ncol); t.style = 'Table Grid'
    for ri, row in enumerate(rows):
        for ci, v in enumerate(row):
            if v is None: continue
            put(t.cell(ri, ci), v, bold=(ri == 0))
            if ri == 0: shade(t.cell(ri, ci), header_fill)
    return t

def labelled(doc, label, text):
    p = doc.add_paragraph(); r = p.add_run(label + ':'); r.bold = True; p.add_run(' ' + text)

def A(id, ref, finding, section, text, ts, dates, due, leads, inh=False, outcome=None, status=(None, None, None), progress=()):
    return {"id": id, "ref": ref, "finding": finding, "section": section, "text": text,
            "timescale": {"text": ts, "dates": [{"text": a, "start": b, "end": c} for a, b, c in dates], "due": due},
            "leads": [{"text": t, "name": n, "role": r, "organisation": o} for t, n, r, o in leads],
            "leads_inherited": inh, "outcome": outcome,
            "status": {"text": status[0], "rag": status[1], "complete": status[2]},
            "progress": [{"text": t, "date": d} for t, d in progress], "at": {"page": None, "line": None}}

def F(id, ref, section, text):
    return {"id": id, "ref": ref, "section": section, "text": text, "at": {"page": None, "line": None}}

def save(doc, name, title, findings, actions):
    path = os.path.join(OUT, name + '.docx'); doc.save(path)
    sha = hashlib.sha256(open(path, 'rb').read()).hexdigest()
    gold = {"schema": "docket/1", "source": {"file": name + '.docx', "format": "docx", "sha256": sha, "pages": None},
            "kind": "action_plan", "title": title, "findings": findings, "actions": actions, "report": None, "diagnostics": []}
    json.dump(gold, open(os.path.join(GOLDDIR, name[:3] + '.json'), 'w'), indent=2, ensure_ascii=False)

# ---------------------------------------------------------------- i01: merged findings, unknown lead header
d = Document()
T1 = "Wexcombe Safeguarding Partnership – Child Q Rapid Review: Multi-agency Action Plan"
d.add_paragraph(T1, style='Title')
d.add_paragraph("The rapid review met on 2 June 2026. This plan answers its three recommendations.")
rows = [["Ref", "Recommendation", "What we will do", "Accountable manager", "Target", "Status"],
        ["1.1", "1. Schools should tell the family help service the same day when a pupil known to social care misses three days in a row.", "Add a same-day missing-pupil alert to the schools' safeguarding portal.", "Dana Okafor, Education Safeguarding Manager, Wexcombe Council", "31/01/2027", "On track"],
        ["1.2", None, "Brief every designated safeguarding lead on the alert at the spring network meetings.", "Head of Inclusion (Wexcombe Council)", "Spring term 2027", "Not started"],
        ["2.1", "2. Health and social care records did not show who the child's main carer was.", "Add a 'main carer' field to the child health record and the social care record.", "Clinical Systems Lead, Wexcombe Community Health NHS Trust", "Q2 2026/27", "Complete"],
        ["2.2", None, "Audit 40 records a quarter to check that the field is completed.", "Principal Social Worker", "December 2026", "Delayed"],
        ["3.1", "3. Practitioners were not confident to challenge decisions made by other agencies.", "Relaunch the escalation protocol with a short film for practitioners.", "Partnership Manager, Wexcombe Safeguarding Partnership", "End of March 2027", "On hold"]]
t = table(d, rows)
t.cell(1, 1).merge(t.cell(2, 1)); put(t.cell(1, 1), rows[1][1])
t.cell(3, 1).merge(t.cell(4, 1)); put(t.cell(3, 1), rows[3][1])
d.add_paragraph("The partnership's executive will review this plan every two months.")
save(d, "s01-wexcombe", T1,
     [F("f1", "1", None, "Schools should tell the family help service the same day when a pupil known to social care misses three days in a row."),
      F("f2", "2", None, "Health and social care records did not show who the child's main carer was."),
      F("f3", "3", None, "Practitioners were not confident to challenge decisions made by other agencies.")],
     [A("a1", "1.1", "f1", None, "Add a same-day missing-pupil alert to the schools' safeguarding portal.", "31/01/2027", [("31/01/2027", "2027-01-31", "2027-01-31")], "2027-01-31",
        [("Dana Okafor, Education Safeguarding Manager, Wexcombe Council", "Dana Okafor", "Education Safeguarding Manager", "Wexcombe Council")], status=("On track", None, False)),
      A("a2", "1.2", "f1", None, "Brief every designated safeguarding lead on the alert at the spring network meetings.", "Spring term 2027", [("Spring term 2027", "2027-01-01", "2027-03-31")], "2027-03-31",
        [("Head of Inclusion (Wexcombe Council)", None, "Head of Inclusion", "Wexcombe Council")], status=("Not started", None, False)),
      A("a3", "2.1", "f2", None, "Add a 'main carer' field to the child health record and the social care record.", "Q2 2026/27", [("Q2 2026/27", "2026-07-01", "2026-09-30")], "2026-09-30",
        [("Clinical Systems Lead, Wexcombe Community Health NHS Trust", None, "Clinical Systems Lead", "Wexcombe Community Health NHS Trust")], status=("Complete", None, True)),
      A("a4", "2.2", "f2", None, "Audit 40 records a quarter to check that the field is completed.", "December 2026", [("December 2026", "2026-12-01", "2026-12-31")], "2026-12-31",
        [("Principal Social Worker", None, "Principal Social Worker", None)], status=("Delayed", None, False)),
      A("a5", "3.1", "f3", None, "Relaunch the escalation protocol with a short film for practitioners.", "End of March 2027", [("End of March 2027", "2027-03-31", "2027-03-31")], "2027-03-31",
        [("Partnership Manager, Wexcombe Safeguarding Partnership", None, "Partnership Manager", "Wexcombe Safeguarding Partnership")], status=("On hold", None, None))])

# ---------------------------------------------------------------- i02: findings in their own table, linked by a column
d = Document()
T2 = "Harrowfield Children's Partnership – Multi-agency Neglect Audit: Improvement Plan"
d.add_paragraph(T2, style='Title')
d.add_paragraph("The audit looked at 30 cases of children on plans for neglect. It found three things to improve.")
p = d.add_paragraph(); p.add_run("What the audit found").bold = True
table(d, [["No.", "What the audit found"],
          ["F1", "Cumulative neglect was not always recognised because each visit was judged on its own."],
          ["F2", "Early years settings were unsure when to refer concerns about neglect."],
          ["F3", "The partnership board had no regular picture of neglect across the borough."]])
p = d.add_paragraph(); p.add_run("Our improvement plan").bold = True
table(d, [["Action ref", "Links to", "Action", "Owner", "Complete by", "RAG"],
          ["H1", "F2", "Write a one-page guide to neglect thresholds for early years settings.", "Early Years Safeguarding Officer", "30.11.2026", "Green"],
          ["H2", "F1", "Add the graded care profile to the neglect toolkit and train 60 practitioners to use it.", "Mo Adeyemi (Neglect Lead, Harrowfield Council)", "Feb 2027", "Amber"],
          ["H3", "F1", "Review every child who has been on a plan for neglect for more than 12 months.", "Head of Safeguarding and Quality Assurance", "Q4 2026/27", "Red"],
          ["H4", "F3", "Publish a quarterly neglect dashboard for the partnership board.", "Performance & Insight Manager", "w/c 7 September 2026", "Blue"]])
save(d, "s02-harrowfield", T2,
     [F("f1", "F1", None, "Cumulative neglect was not always recognised because each visit was judged on its own."),
      F("f2", "F2", None, "Early years settings were unsure when to refer concerns about neglect."),
      F("f3", "F3", None, "The partnership board had no regular picture of neglect across the borough.")],
     [A("a1", "H1", "f2", None, "Write a one-page guide to neglect thresholds for early years settings.", "30.11.2026", [("30.11.2026", "2026-11-30", "2026-11-30")], "2026-11-30",
        [("Early Years Safeguarding Officer", None, "Early Years Safeguarding Officer", None)], status=("Green", "green", None)),
      A("a2", "H2", "f1", None, "Add the graded care profile to the neglect toolkit and train 60 practitioners to use it.", "Feb 2027", [("Feb 2027", "2027-02-01", "2027-02-28")], "2027-02-28",
        [("Mo Adeyemi (Neglect Lead, Harrowfield Council)", "Mo Adeyemi", "Neglect Lead", "Harrowfield Council")], status=("Amber", "amber", None)),
      A("a3", "H3", "f1", None, "Review every child who has been on a plan for neglect for more than 12 months.", "Q4 2026/27", [("Q4 2026/27", "2027-01-01", "2027-03-31")], "2027-03-31",
        [("Head of Safeguarding and Quality Assurance", None, "Head of Safeguarding and Quality Assurance", None)], status=("Red", "red", None)),
      A("a4", "H4", "f3", None, "Publish a quarterly neglect dashboard for the partnership board.", "w/c 7 September 2026", [("w/c 7 September 2026", "2026-09-07", "2026-09-13")], "2026-09-13",
        [("Performance & Insight Manager", None, "Performance & Insight Manager", None)], status=("Blue", "blue", None))])

# ---------------------------------------------------------------- i03: no table, headings and labelled paragraphs
d = Document()
T3 = "Brackley Safeguarding Partnership – Thematic Review of Children Under Five: Action Plan"
d.add_paragraph(T3, style='Title')
d.add_heading("Introduction", level=1)
d.add_paragraph("The review was published on 14 May 2026. Its two recommendations are answered below.")
d.add_heading("Theme A – Hearing the child", level=1)
d.add_heading("Recommendation 1: Practitioners should record the child's own words at every visit.", level=2)
labelled(d, "Action", "Add a 'child's voice' box to the home visit template.")
labelled(d, "Lead", "Head of Practice Standards, Brackley County Council")
labelled(d, "Timescale", "31 October 2026")
labelled(d, "Evidence of impact", "Audits find the child's words recorded in 80% of visits.")
labelled(d, "Action", "Run four practice workshops on direct work with children under five.")
labelled(d, "Lead", "Principal Social Worker")
labelled(d, "Lead", "Named Nurse for Safeguarding, Brackley Health NHS Trust")
labelled(d, "Timescale", "January to March 2027")
labelled(d, "Evidence of impact", "Staff who attend say they are more confident.")
d.add_heading("Theme B – Working together", level=1)
d.add_heading("Recommendation 2: Agencies should share safety plans when a child moves to another area.", level=2)
labelled(d, "Action", "Agree a transfer checklist with the three neighbouring partnerships.")
labelled(d, "Lead", "Partnership Business Manager, Brackley Safeguarding Partnership")
labelled(d, "Timescale", "Summer 2027")
labelled(d, "Evidence of impact", "Every transfer in the sample has a shared safety plan.")
d.add_heading("Monitoring", level=1)
d.add_paragraph("The partnership's quality group will check progress in December 2026.")
save(d, "s03-brackley", T3,
     [F("f1", "1", "Theme A - Hearing the child", "Practitioners should record the child's own words at every visit."),
      F("f2", "2", "Theme B - Working together", "Agencies should share safety plans when a child moves to another area.")],
     [A("a1", None, "f1", "Theme A - Hearing the child", "Add a 'child's voice' box to the home visit template.", "31 October 2026", [("31 October 2026", "2026-10-31", "2026-10-31")], "2026-10-31",
        [("Head of Practice Standards, Brackley County Council", None, "Head of Practice Standards", "Brackley County Council")], outcome="Audits find the child's words recorded in 80% of visits."),
      A("a2", None, "f1", "Theme A - Hearing the child", "Run four practice workshops on direct work with children under five.", "January to March 2027", [("January to March 2027", "2027-01-01", "2027-03-31")], "2027-03-31",
        [("Principal Social Worker", None, "Principal Social Worker", None),
         ("Named Nurse for Safeguarding, Brackley Health NHS Trust", None, "Named Nurse for Safeguarding", "Brackley Health NHS Trust")], outcome="Staff who attend say they are more confident."),
      A("a3", None, "f2", "Theme B - Working together", "Agree a transfer checklist with the three neighbouring partnerships.", "Summer 2027", [("Summer 2027", "2027-06-01", "2027-08-31")], "2027-08-31",
        [("Partnership Business Manager, Brackley Safeguarding Partnership", None, "Partnership Business Manager", "Brackley Safeguarding Partnership")], outcome="Every transfer in the sample has a shared safety plan.")])

# ---------------------------------------------------------------- i04: spreadsheet tracker, fills, revised target, % complete
d = Document()
T4 = "Ashcombe Borough Council – SEND Improvement Tracker"
AF1 = "1. Identify children's needs earlier in the early years."
AF2 = "2. Reduce waits for autism assessment."
AF3 = "3. Plan the move to adult services from age 14."
rows = [[T4] + [None] * 9,
        ["Updated 03/03/2027 by the Programme Office"] + [None] * 9,
        ["ID", "Strand", "Area for improvement", "Task", "Owner", "Start", "Target", "Revised target", "% complete", "Status"],
        ["1.01", "Identification", AF1, "Train nursery staff in the two-year check.", "Early Years SEND Lead", "01/09/2026", "31/12/2026", "", "100%", ""],
        ["1.02", "Identification", AF1, "Place an educational psychologist in each family hub.", "Educational Psychology Service Manager", "01/10/2026", "28/02/2027", "30/04/2027", "40%", ""],
        ["2.01", "Identification", AF2, "Commission a second assessment provider.", "Kay Lund (Head of Neurodevelopmental Pathway)", "Jan-27", "Jun-27", "", "10%", ""],
        ["3.01", "Preparing for adulthood", AF3, "Hold a transition review for every Year 9 pupil with a plan.", "Transitions Team Manager", "2026-09-01", "2027-07-31", "", "0%", ""],
        ["3.02", "Preparing for adulthood", AF3, "Agree a joint protocol with adult social care.", "Head of Adult Social Care / Head of SEND", "01/11/2026", "31-Mar-27", "", "n/a", ""]]
t = d.add_table(rows=len(rows), cols=10); t.style = 'Table Grid'
for ri, row in enumerate(rows):
    for ci, v in enumerate(row):
        if v is None or v == "": continue
        put(t.cell(ri, ci), v, bold=(ri in (0, 2)))
t.cell(0, 0).merge(t.cell(0, 9)); put(t.cell(0, 0), T4, bold=True)
t.cell(1, 0).merge(t.cell(1, 9)); put(t.cell(1, 0), rows[1][0])
for ri, fill in [(3, "00B050"), (4, "FFC000"), (5, "C00000"), (7, "0070C0")]:
    shade(t.cell(ri, 9), fill)
save(d, "s04-ashcombe", T4,
     [F("f1", "1", "Identification", "Identify children's needs earlier in the early years."),
      F("f2", "2", "Identification", "Reduce waits for autism assessment."),
      F("f3", "3", "Preparing for adulthood", "Plan the move to adult services from age 14.")],
     [A("a1", "1.01", "f1", "Identification", "Train nursery staff in the two-year check.", "31/12/2026", [("31/12/2026", "2026-12-31", "2026-12-31")], "2026-12-31",
        [("Early Years SEND Lead", None, "Early Years SEND Lead", None)], status=(None, "green", True)),
      A("a2", "1.02", "f1", "Identification", "Place an educational psychologist in each family hub.", "30/04/2027", [("30/04/2027", "2027-04-30", "2027-04-30")], "2027-04-30",
        [("Educational Psychology Service Manager", None, "Educational Psychology Service Manager", None)], status=(None, "amber", None)),
      A("a3", "2.01", "f2", "Identification", "Commission a second assessment provider.", "Jun-27", [("Jun-27", "2027-06-01", "2027-06-30")], "2027-06-30",
        [("Kay Lund (Head of Neurodevelopmental Pathway)", "Kay Lund", "Head of Neurodevelopmental Pathway", None)], status=(None, "red", None)),
      A("a4", "3.01", "f3", "Preparing for adulthood", "Hold a transition review for every Year 9 pupil with a plan.", "2027-07-31", [("2027-07-31", "2027-07-31", "2027-07-31")], "2027-07-31",
        [("Transitions Team Manager", None, "Transitions Team Manager", None)]),
      A("a5", "3.02", "f3", "Preparing for adulthood", "Agree a joint protocol with adult social care.", "31-Mar-27", [("31-Mar-27", "2027-03-31", "2027-03-31")], "2027-03-31",
        [("Head of Adult Social Care", None, "Head of Adult Social Care", None), ("Head of SEND", None, "Head of SEND", None)], status=(None, "blue", None))])

# ---------------------------------------------------------------- i05: recommendations are the actions, dated progress
d = Document()
T5 = "Calderfield LSCB – Response to the Serious Case Review of Family M"
d.add_paragraph(T5, style='Title')
d.add_paragraph("Each recommendation of the review is an action for the agency named.")
table(d, [["Rec No.", "Recommendation", "Lead agency", "By when", "Progress update"],
          ["R1", "The LSCB should ask all agencies to audit how they use chronologies.", "Calderfield LSCB", "September 2026", "14/05/2026: Audit tool agreed by the subgroup.\nReturns are due from five agencies.\n30/06/2026 – Four returns received."],
          ["R2", "Health agencies should make sure that fathers are recorded in maternity and health visiting records.", "Designated Nurse, Calderfield ICB; Head of Midwifery, Calderfield Hospitals NHS Trust", "By 31 December 2026", ""],
          ["R3", "Children's social care should stop using written agreements as a safety plan.", "Head of Service, Child Protection, Calderfield Council", "Completed", "Guidance withdrawn in April 2026."],
          ["R4", "Police should attend every initial child protection conference or send a written report.", "DI Sam Reyes, Calderfield Police", "Ongoing", "Jul 2026 – Attendance was 88% in the first quarter."]])
save(d, "s05-calderfield", T5, [],
     [A("a1", "R1", None, None, "The LSCB should ask all agencies to audit how they use chronologies.", "September 2026", [("September 2026", "2026-09-01", "2026-09-30")], "2026-09-30",
        [("Calderfield LSCB", None, None, "Calderfield LSCB")],
        progress=[("14/05/2026: Audit tool agreed by the subgroup. Returns are due from five agencies.", "2026-05-14"), ("30/06/2026 - Four returns received.", "2026-06-30")]),
      A("a2", "R2", None, None, "Health agencies should make sure that fathers are recorded in maternity and health visiting records.", "By 31 December 2026", [("31 December 2026", "2026-12-31", "2026-12-31")], "2026-12-31",
        [("Designated Nurse, Calderfield ICB", None, "Designated Nurse", "Calderfield ICB"), ("Head of Midwifery, Calderfield Hospitals NHS Trust", None, "Head of Midwifery", "Calderfield Hospitals NHS Trust")]),
      A("a3", "R3", None, None, "Children's social care should stop using written agreements as a safety plan.", "Completed", [], None,
        [("Head of Service, Child Protection, Calderfield Council", None, "Head of Service, Child Protection", "Calderfield Council")], status=(None, None, True),
        progress=[("Guidance withdrawn in April 2026.", None)]),
      A("a4", "R4", None, None, "Police should attend every initial child protection conference or send a written report.", "Ongoing", [], None,
        [("DI Sam Reyes, Calderfield Police", "Sam Reyes", None, "Calderfield Police")],
        progress=[("Jul 2026 - Attendance was 88% in the first quarter.", "2026-07-01")])])

# ---------------------------------------------------------------- i06: priority rows as sections, digit scores with a key under the table
d = Document()
T6 = "Northmoor Partnership – Domestic Abuse and Children: Delivery Plan 2026–28"
d.add_paragraph(T6, style='Title')
d.add_paragraph("This plan sets out what the partnership will do in the first year of its domestic abuse strategy.")
P1 = "Priority 1 – Children living with domestic abuse are seen and heard"
P2 = "Priority 2 – Those who harm are held to account"
rows = [["Ref", "Action", "Responsible officer", "Deadline", "Score"],
        [P1, None, None, None, None],
        ["1a", "Offer every child in a refuge a named support worker.", "Domestic Abuse Coordinator, Northmoor Council", "end Q1 26/27", "3"],
        ["1b", "Add a question about children to the police risk assessment.", "DCI Ola Grant, Northmoor Police", "June 2026 and then monthly", "2"],
        [P2, None, None, None, None],
        ["2a", "Commission a programme for fathers who harm.", "Ann Pike, Head of Early Help", "2026/27", "1"],
        ["2b", "Track the outcomes of every family that completes the programme.", None, "Autumn Term 2026 – Spring Term 2027", "2"]]
t = table(d, rows)
for ri, txt in [(1, P1), (4, P2)]:
    t.cell(ri, 0).merge(t.cell(ri, 4)); put(t.cell(ri, 0), txt, bold=True); shade(t.cell(ri, 0), "EDEDED")
t.cell(5, 2).merge(t.cell(6, 2)); put(t.cell(5, 2), "Ann Pike, Head of Early Help")
p = d.add_paragraph(); p.add_run("Key to scores").bold = True
for k in ["1 – Not started", "2 – Under way", "3 – Complete and evidenced"]:
    d.add_paragraph(k, style='List Bullet')
save(d, "s06-northmoor", T6, [],
     [A("a1", "1a", None, P1.replace("–", "-"), "Offer every child in a refuge a named support worker.", "end Q1 26/27", [("end Q1 26/27", "2026-06-30", "2026-06-30")], "2026-06-30",
        [("Domestic Abuse Coordinator, Northmoor Council", None, "Domestic Abuse Coordinator", "Northmoor Council")], status=("3", None, True)),
      A("a2", "1b", None, P1.replace("–", "-"), "Add a question about children to the police risk assessment.", "June 2026 and then monthly", [("June 2026", "2026-06-01", "2026-06-30")], "2026-06-30",
        [("DCI Ola Grant, Northmoor Police", "Ola Grant", None, "Northmoor Police")], status=("2", None, False)),
      A("a3", "2a", None, P2, "Commission a programme for fathers who harm.", "2026/27", [("2026/27", "2026-04-01", "2027-03-31")], "2027-03-31",
        [("Ann Pike, Head of Early Help", "Ann Pike", "Head of Early Help", None)], status=("1", None, False)),
      A("a4", "2b", None, P2, "Track the outcomes of every family that completes the programme.", "Autumn Term 2026 - Spring Term 2027", [("Autumn Term 2026 - Spring Term 2027", "2026-09-01", "2027-03-31")], "2027-03-31",
        [("Ann Pike, Head of Early Help", "Ann Pike", "Head of Early Help", None)], inh=True, status=("2", None, False))])
