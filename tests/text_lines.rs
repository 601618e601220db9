//! Plans saved as plain text by a word processor, one cell paragraph per
//! line (`soffice --headless --convert-to "txt:Text (encoded):UTF8"
//! corpus/rendered/NNN.docx`, kept as corpus/variants/NNN-lotxt.txt), read
//! through the real pipeline. The scoreboard holds their overall scores;
//! these tests pin the structure the line reader must get back.

use serde_json::Value;

mod common;

use common::corpus::{action, lead_names, s, variant as run};
use docket::batch::{Options, extract_output};

#[test]
fn merged_cells_blank_paragraphs_and_section_rows_000() {
    let doc = run("000-lotxt.txt");
    assert_eq!(doc["kind"], "action_plan");
    assert_eq!(doc["findings"].as_array().map(Vec::len), Some(18));
    assert_eq!(doc["actions"].as_array().map(Vec::len), Some(78));
    // A date cell of two paragraphs, then a lead cell whose names are
    // separated by an empty paragraph.
    let a = action(&doc, "6.1");
    assert_eq!(
        s(&a["timescale"]["text"]),
        "September 2020 Review December 2020"
    );
    assert_eq!(lead_names(a), ["Matt Stone", "Celia Lamden"]);
    // The empty lead cell under it inherits.
    assert_eq!(action(&doc, "6.2")["leads_inherited"], true);
    // Section rows ("Health", "Police") are one line each.
    assert_eq!(s(&action(&doc, "10.1")["section"]), "Health");
    assert_eq!(
        s(&action(&doc, "1.1")["section"]),
        "Multi- agency areas for development"
    );
}

#[test]
fn nine_columns_with_empty_cells_001() {
    let doc = run("001-lotxt.txt");
    assert_eq!(doc["actions"].as_array().map(Vec::len), Some(18));
    let a = action(&doc, "3.5");
    assert_eq!(s(&a["timescale"]["text"]), "Nov-15");
    assert_eq!(a["progress"].as_array().map(Vec::len), Some(2));
}

#[test]
fn theme_tables_and_a_rating_key_004() {
    let doc = run("004-lotxt.txt");
    let actions = doc["actions"].as_array().cloned().unwrap_or_default();
    assert_eq!(actions.len(), 21);
    // The rating key under the last table is no action.
    assert!(actions.iter().all(|a| !s(&a["text"]).starts_with("RED")));
    // The lead cell's trailing empty paragraph does not shift the outcome.
    let a = actions
        .iter()
        .find(|a| s(&a["text"]).starts_with("Review potential of joint training"))
        .cloned()
        .unwrap_or_default();
    assert!(s(&a["outcome"]).starts_with("Casework evidences"));
    assert_eq!(s(&a["section"]), "THEME 2: Service Provision");
}

/// A small plan of our own (seven columns, vertical merges, a bullet list,
/// a lead cell of two names, section rows, a key under the table), made in
/// LibreOffice from HTML and saved as text the same way. Its lines are all
/// short, so the text reader joins them into paragraphs as it does a
/// wrapped dump; the line reader must still read it as the table.
const SMALL_PLAN: &str = "Northshire Safeguarding Partnership: JTAI action plan
No.
Recommendation
Action
Lead Officer
Target Date
RAG
Progress Update
Early help
1
Partners should make sure that referrals to early help are timely and well informed.
1.1 Refresh the early help referral pathway and publish it on the partnership website
Karen Holt, Head of Early Help
March 2023
Green
Pathway drafted and consulted on.


1.2 Train front line staff on the refreshed pathway

June 2023
Amber

2
Leaders should improve the quality of assessments.
2.1 Introduce a quarterly multi-agency audit of assessments covering:
    • the voice of the child
    • analysis of risk
Police - DCI Sam Reed
Health - Dr Priya Shah, Designated Doctor
September 2023
Review January 2024
Red
May 2023 - audit tool agreed.
July 2023 - first audit completed.
Exploitation
3
Children at risk of exploitation are not always identified early.
3.1 Launch a child exploitation screening tool across all agencies
Mark Ellis, Service Manager
April 2023
Green
Tool launched on 3rd April 2023.


3.2 Review the return home interview offer

August 2023




3.3 Report quarterly to the partnership board on exploitation data
Lucy Grant, Performance Lead
Quarterly from July 2023
Amber

Key: Red = off track; Amber = at risk; Green = on track.
";

#[test]
fn a_short_lined_plan_saved_as_text() {
    let out =
        extract_output(SMALL_PLAN.as_bytes(), "plan.txt", &Options::default()).expect("extracts");
    let doc = serde_json::to_value(&out).expect("json");
    assert_eq!(doc["findings"].as_array().map(Vec::len), Some(3));
    assert_eq!(doc["actions"].as_array().map(Vec::len), Some(6));
    let a = action(&doc, "1.2");
    assert_eq!(a["leads_inherited"], true);
    assert_eq!(s(&a["status"]["text"]), "Amber");
    let a = action(&doc, "2.1");
    assert_eq!(lead_names(a), ["Sam Reed", "Priya Shah"]);
    assert_eq!(a["progress"].as_array().map(Vec::len), Some(2));
    assert_eq!(s(&action(&doc, "3.1")["section"]), "Exploitation");
    let a = action(&doc, "3.3");
    assert_eq!(s(&a["timescale"]["text"]), "Quarterly from July 2023");
    assert_eq!(s(&a["status"]["text"]), "Amber");
    assert_eq!(a["progress"].as_array().map(Vec::len), Some(0));
}

/// Another plan of our own, made the same way: no ref column, findings
/// merged down the first column, and notes straight after the last row
/// (no blank line between: the last cell is empty, its blank line is the
/// row's own).
const NOTES_AFTER: &str = "Westborough Children's Partnership
Response to the inspection of local authority children's services
This plan sets out how partners will respond to the areas for improvement identified in the inspection report published in May 2022.
Area for improvement
Action
Responsible
By when
Evidence of impact
Status
The quality and timeliness of return home interviews for children who go missing.
a) Recommission the return home interview service with a clear service specification
Director of Commissioning
31/10/2022
Return home interviews are offered within 72 hours and their learning informs plans.
Complete

b) Monthly performance reporting to the missing and exploitation panel
Head of Service, Safeguarding
From November 2022

On track

c) Audit a sample of interviews each quarter
Principal Social Worker
Q3 2022/23


Management oversight of work with care leavers.
a) Introduce a supervision standard for personal advisers
Sarah Bright
Team Manager, Leaving Care
December 2022
Supervision records show clear direction and challenge.
In progress

b) Quarterly thematic audit of pathway plans
Quality Assurance Manager
March 2023
Audits show improving quality of plans.

Progress against this plan will be reported to the partnership board every quarter.
Appendix: glossary of terms used in this plan
RHI means return home interview.
";

#[test]
fn text_after_the_last_row_stays_out_of_its_cells() {
    let out =
        extract_output(NOTES_AFTER.as_bytes(), "plan.txt", &Options::default()).expect("extracts");
    let doc = serde_json::to_value(&out).expect("json");
    assert_eq!(doc["findings"].as_array().map(Vec::len), Some(2));
    let actions = doc["actions"].as_array().cloned().unwrap_or_default();
    assert_eq!(actions.len(), 5);
    let last = actions.last().cloned().unwrap_or_default();
    assert_eq!(
        s(&last["outcome"]),
        "Audits show improving quality of plans."
    );
    assert_eq!(last["status"]["text"], Value::Null);
    assert_eq!(s(&actions[1]["status"]["text"]), "On track");
}
