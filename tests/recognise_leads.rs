//! Lead cells as partnerships print them, table-driven: every row is an
//! invented cell (names, places and bodies made up for the test, none from
//! any plan) with the leads it must give, as (name, role, organisation).
//! The forms are those of the contract and the wild-plan notes: "Post
//! (ORG)", "Name (Post, Org)", "ORG – Name, Post", "Name – Post – Org",
//! "Post, Org / Post, Org", "DS Name & DC Name (Org)", spelled-out ranks,
//! agency acronyms before posts, bodies built from place words, body-only
//! and post-only leads.

use docket::recognise::{Grammars, lead};

type Want = (
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

fn got(cell: &str, g: &Grammars) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    lead::split_leads(cell, g)
        .into_iter()
        .map(|l| (l.name, l.role, l.organisation))
        .collect()
}

fn own(w: &[Want]) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    let s = |x: Option<&str>| x.map(str::to_string);
    w.iter().map(|(n, r, o)| (s(*n), s(*r), s(*o))).collect()
}

/// Check every row; report all failures at once.
fn check(rows: &[(String, Vec<Want>)]) {
    let g = Grammars::builtin();
    let mut bad = Vec::new();
    for (cell, want) in rows {
        let have = got(cell, &g);
        if have != own(want) {
            bad.push(format!(
                "{cell:?}\n   want {:?}\n   have {have:?}",
                own(want)
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {} rows wrong:\n{}",
        bad.len(),
        rows.len(),
        bad.join("\n")
    );
}

const NAMES: [&str; 8] = [
    "Orla Penhale",
    "Tobias Quarrie",
    "Hester Vane",
    "Ravi Lomond",
    "Ines Carbury",
    "Milo Tregarth",
    "Greta Solway",
    "Femi Ashdown",
];

const POSTS: [&str; 8] = [
    "Head of Early Help",
    "Designated Nurse for Safeguarding Children",
    "Service Manager",
    "Principal Social Worker",
    "Named GP for Safeguarding",
    "Quality Assurance Manager",
    "Strategic Lead for Exploitation",
    "Assistant Director of Children's Social Care",
];

const BODIES: [&str; 8] = [
    "Ashcombe Council",
    "Brindlemoor Police",
    "Dunstow Community Health NHS Trust",
    "NHS Eskwick and Farrowdale ICB",
    "Coldharbour District Council",
    "Wexmoor Constabulary",
    "Harlow Vale Hospitals NHS Foundation Trust",
    "Ostley Borough Council",
];

const ACRONYMS: [&str; 8] = ["BMBC", "DSCP", "EWCC", "ICB", "HCT", "OBC", "KSCB", "CFT"];

fn s(x: &'static str) -> Option<&'static str> {
    Some(x)
}

/// Generated rows: every form over the invented names, posts and bodies.
fn generated() -> Vec<(String, Vec<Want>)> {
    let mut rows: Vec<(String, Vec<Want>)> = Vec::new();
    for k in 0..8 {
        let (n, p, b, a) = (NAMES[k], POSTS[k], BODIES[k], ACRONYMS[k]);
        let (p2, b2) = (POSTS[(k + 3) % 8], BODIES[(k + 5) % 8]);
        let n2 = NAMES[(k + 1) % 8];
        rows.push((format!("{p}, {b}"), vec![(None, s(p), s(b))]));
        rows.push((format!("{p} ({a})"), vec![(None, s(p), s(a))]));
        rows.push((format!("{n}, {p}, {b}"), vec![(s(n), s(p), s(b))]));
        rows.push((format!("{n} ({p}, {b})"), vec![(s(n), s(p), s(b))]));
        rows.push((format!("{n} ({p})"), vec![(s(n), s(p), None)]));
        rows.push((format!("{a} – {n}, {p}"), vec![(s(n), s(p), s(a))]));
        rows.push((format!("{a} - {n}, {p}"), vec![(s(n), s(p), s(a))]));
        rows.push((format!("{n} – {p} – {b}"), vec![(s(n), s(p), s(b))]));
        rows.push((format!("DS {n}, {b}"), vec![(s(n), None, s(b))]));
        rows.push((
            format!("Detective Inspector {n} ({b})"),
            vec![(s(n), None, s(b))],
        ));
        rows.push((format!("Dr {n}, {p} ({a})"), vec![(s(n), s(p), s(a))]));
        rows.push((p.to_string(), vec![(None, s(p), None)]));
        rows.push((b.to_string(), vec![(None, None, s(b))]));
        rows.push((
            format!("{p}, {b} / {p2}, {b2}"),
            vec![(None, s(p), s(b)), (None, s(p2), s(b2))],
        ));
        rows.push((
            format!("{p}, {b}\n{p2}, {b2}"),
            vec![(None, s(p), s(b)), (None, s(p2), s(b2))],
        ));
        rows.push((
            format!("{p}, {b}; {n2}, {p2}"),
            vec![(None, s(p), s(b)), (s(n2), s(p2), None)],
        ));
        rows.push((
            format!("{n}, {p} and {n2}, {p2}"),
            vec![(s(n), s(p), None), (s(n2), s(p2), None)],
        ));
        rows.push((
            format!("DS {n} & DC {n2} ({b})"),
            vec![(s(n), None, s(b)), (s(n2), None, s(b))],
        ));
        rows.push((format!("{b} – DCI {n}"), vec![(s(n), None, s(b))]));
        rows.push((format!("{a} {p}"), vec![(None, s(p), s(a))]));
        rows.push((
            format!("{n}, {p}, {b} and {n2}, {p2}, {b2}"),
            vec![(s(n), s(p), s(b)), (s(n2), s(p2), s(b2))],
        ));
        rows.push((
            format!("Detective Sergeant {n}, {p}, {b}"),
            vec![(s(n), s(p), s(b))],
        ));
    }
    rows
}

#[test]
fn generated_forms() {
    let rows = generated();
    assert!(rows.len() >= 170);
    check(&rows);
}

/// Hand-written rows: the forms' edges.
fn edges() -> Vec<(String, Vec<Want>)> {
    let rows: Vec<(&str, Vec<Want>)> = vec![
        // Post (ORG): a bracket after a post is its organisation, whatever it holds.
        (
            "Workforce Planning Lead (HR)",
            vec![(None, s("Workforce Planning Lead"), s("HR"))],
        ),
        (
            "Family Hubs Manager (Early Help)",
            vec![(None, s("Family Hubs Manager"), s("Early Help"))],
        ),
        (
            "Tenancy Sustainment Manager (Ashcombe Homes)",
            vec![(None, s("Tenancy Sustainment Manager"), s("Ashcombe Homes"))],
        ),
        (
            "Head of Service – Family Support (EWCC)",
            vec![(None, s("Head of Service – Family Support"), s("EWCC"))],
        ),
        // A service after a post stays in the role; the agency at the end is the body.
        (
            "Service Manager, Child Protection",
            vec![(None, s("Service Manager, Child Protection"), None)],
        ),
        (
            "Head of Service, Court Work",
            vec![(None, s("Head of Service, Court Work"), None)],
        ),
        (
            "Assistant Director, Adult Social Care",
            vec![(None, s("Assistant Director, Adult Social Care"), None)],
        ),
        (
            "Assistant Director, Adult Social Care (OBC)",
            vec![(None, s("Assistant Director, Adult Social Care"), s("OBC"))],
        ),
        (
            "Service Manager, Children's Sensory Service, Brindlemoor Community Health NHS Trust",
            vec![(
                None,
                s("Service Manager, Children's Sensory Service"),
                s("Brindlemoor Community Health NHS Trust"),
            )],
        ),
        (
            "Head of Safeguarding, Anyplace Valley Community Health NHS Trust",
            vec![(
                None,
                s("Head of Safeguarding"),
                s("Anyplace Valley Community Health NHS Trust"),
            )],
        ),
        // Chair, Body.
        (
            "Co-Chair, Ashcombe Parent and Carer Voice",
            vec![(None, s("Co-Chair"), s("Ashcombe Parent and Carer Voice"))],
        ),
        (
            "Chair, DSCP Learning and Review Group",
            vec![(None, s("Chair"), s("DSCP Learning and Review Group"))],
        ),
        (
            "Independent Chair, Wexmoor LSCB",
            vec![(None, s("Independent Chair"), s("Wexmoor LSCB"))],
        ),
        (
            "Board Manager, Wexmoor LSCB",
            vec![(None, s("Board Manager"), s("Wexmoor LSCB"))],
        ),
        (
            "Chair of the Neglect Subgroup",
            vec![(None, s("Chair of the Neglect Subgroup"), None)],
        ),
        // Agency acronyms before a post; team acronyms stay in the role.
        (
            "DSCP Business Manager",
            vec![(None, s("Business Manager"), s("DSCP"))],
        ),
        (
            "KSCB Learning and Development Officer",
            vec![(None, s("Learning and Development Officer"), s("KSCB"))],
        ),
        (
            "MASH Team Manager",
            vec![(None, s("MASH Team Manager"), None)],
        ),
        (
            "IRO Service Manager",
            vec![(None, s("IRO Service Manager"), None)],
        ),
        (
            "CAMHS Single Point of Access Team Manager",
            vec![(None, s("CAMHS Single Point of Access Team Manager"), None)],
        ),
        (
            "SEND Participation and Engagement Officer",
            vec![(None, s("SEND Participation and Engagement Officer"), None)],
        ),
        ("HoS Front Door", vec![(None, s("HoS Front Door"), None)]),
        (
            "AD Family Help & Child Protection",
            vec![(None, s("AD Family Help & Child Protection"), None)],
        ),
        (
            "Ravi Lomond (HoS CIN/CP)",
            vec![(s("Ravi Lomond"), s("HoS CIN/CP"), None)],
        ),
        // "and" and "&" inside posts and bodies do not split.
        (
            "Head of Access and Inclusion",
            vec![(None, s("Head of Access and Inclusion"), None)],
        ),
        (
            "Head of Quality & Practice Improvement",
            vec![(None, s("Head of Quality & Practice Improvement"), None)],
        ),
        (
            "Head of Sufficiency & Commissioning",
            vec![(None, s("Head of Sufficiency & Commissioning"), None)],
        ),
        (
            "Designated Nurse, NHS Ostley and Wexmoor ICB",
            vec![(None, s("Designated Nurse"), s("NHS Ostley and Wexmoor ICB"))],
        ),
        (
            "Ines Carbury, Head of Inclusion & Strategic Lead for SEND, Ashcombe Council",
            vec![(
                s("Ines Carbury"),
                s("Head of Inclusion & Strategic Lead for SEND"),
                s("Ashcombe Council"),
            )],
        ),
        // ... but two whole people, posts or bodies do.
        (
            "Quality Assurance Manager, Ostley Borough Council and Missing Persons Co-ordinator, Wexmoor Constabulary",
            vec![
                (
                    None,
                    s("Quality Assurance Manager"),
                    s("Ostley Borough Council"),
                ),
                (
                    None,
                    s("Missing Persons Co-ordinator"),
                    s("Wexmoor Constabulary"),
                ),
            ],
        ),
        (
            "Anyplace Youth Service and Anyplace General Hospital",
            vec![
                (None, None, s("Anyplace Youth Service")),
                (None, None, s("Anyplace General Hospital")),
            ],
        ),
        (
            "Chair of the Audit Subgroup / DSCP Business Manager",
            vec![
                (None, s("Chair of the Audit Subgroup"), None),
                (None, s("Business Manager"), s("DSCP")),
            ],
        ),
        (
            "Hester Vane (Principal Social Worker, EWCC)\nDesignated Nurse Safeguarding Children, ICB",
            vec![
                (s("Hester Vane"), s("Principal Social Worker"), s("EWCC")),
                (None, s("Designated Nurse Safeguarding Children"), s("ICB")),
            ],
        ),
        // Heading bodies.
        (
            "Education – Greta Solway, Head of Education Safeguarding",
            vec![(
                s("Greta Solway"),
                s("Head of Education Safeguarding"),
                s("Education"),
            )],
        ),
        (
            "Brindlemoor Police – DCI Femi Ashdown",
            vec![(s("Femi Ashdown"), None, s("Brindlemoor Police"))],
        ),
        // Ranks and titles are never the role.
        (
            "Detective Chief Inspector Milo Tregarth, Wexmoor Constabulary",
            vec![(s("Milo Tregarth"), None, s("Wexmoor Constabulary"))],
        ),
        (
            "Inspector Orla Penhale, Neighbourhood Policing Lead, Brindlemoor Police",
            vec![(
                s("Orla Penhale"),
                s("Neighbourhood Policing Lead"),
                s("Brindlemoor Police"),
            )],
        ),
        (
            "DI Tobias Quarrie (Wexmoor Constabulary)",
            vec![(s("Tobias Quarrie"), None, s("Wexmoor Constabulary"))],
        ),
        (
            "Mrs H. Vane, Headteacher",
            vec![(s("H. Vane"), s("Headteacher"), None)],
        ),
        ("Dr Ines Carbury", vec![(s("Ines Carbury"), None, None)]),
        // Post only, body only.
        (
            "Conference and Review Manager",
            vec![(None, s("Conference and Review Manager"), None)],
        ),
        (
            "Performance & Systems Manager",
            vec![(None, s("Performance & Systems Manager"), None)],
        ),
        (
            "Ashcombe Council Performance Team",
            vec![(None, None, s("Ashcombe Council Performance Team"))],
        ),
        // Places are not people.
        (
            "Head of Safeguarding, Farrowdale Healthcare NHS Trust",
            vec![(
                None,
                s("Head of Safeguarding"),
                s("Farrowdale Healthcare NHS Trust"),
            )],
        ),
        (
            "Elective Home Education Adviser, OBC",
            vec![(None, s("Elective Home Education Adviser"), s("OBC"))],
        ),
        (
            "Head of First Response, EWCC",
            vec![(None, s("Head of First Response"), s("EWCC"))],
        ),
        // A word broken over a line at its hyphen is one word again.
        (
            "Chair of the Audit Sub\n-group / DSCP Business Manager",
            vec![
                (None, s("Chair of the Audit Sub-group"), None),
                (None, s("Business Manager"), s("DSCP")),
            ],
        ),
        // A post in a bracket after the last of several names is each one's.
        (
            "Orla Penhale & Milo Tregarth (Family Hub Co-ordinators)",
            vec![
                (s("Orla Penhale"), s("Family Hub Co-ordinators"), None),
                (s("Milo Tregarth"), s("Family Hub Co-ordinators"), None),
            ],
        ),
        // A person's unit before the agency is the role; a rank in the
        // bracket after a name is not.
        (
            "Detective Inspector Hester Vane – Public Protection Unit – Wexmoor Constabulary",
            vec![(
                s("Hester Vane"),
                s("Public Protection Unit"),
                s("Wexmoor Constabulary"),
            )],
        ),
        (
            "Sgt Femi Ashdown, Missing Persons Unit, Brindlemoor Police",
            vec![(
                s("Femi Ashdown"),
                s("Missing Persons Unit"),
                s("Brindlemoor Police"),
            )],
        ),
        (
            "Ravi Lomond (DI, Brindlemoor Police)",
            vec![(s("Ravi Lomond"), None, s("Brindlemoor Police"))],
        ),
        // A rank with no name is the post.
        (
            "Head of Safeguarding, Ashcombe Council & Detective Chief Inspector, Brindlemoor Police",
            vec![
                (None, s("Head of Safeguarding"), s("Ashcombe Council")),
                (
                    None,
                    s("Detective Chief Inspector"),
                    s("Brindlemoor Police"),
                ),
            ],
        ),
        (
            "Partnership Manager, DSCP; Chair, DSCP Practice Review Group",
            vec![
                (None, s("Partnership Manager"), s("DSCP")),
                (None, s("Chair"), s("DSCP Practice Review Group")),
            ],
        ),
        // Two posts, each with its own body, are two leads; a bracket
        // never replaces a heading body.
        (
            "Ashcombe Council – Orla Penhale, Head of Early Help and Service Manager (Ostley Borough Council)",
            vec![
                (
                    s("Orla Penhale"),
                    s("Head of Early Help"),
                    s("Ashcombe Council"),
                ),
                (None, s("Service Manager"), s("Ostley Borough Council")),
            ],
        ),
        // A name run together with a body after it.
        (
            "Orla Penhale Essex Police",
            vec![(s("Orla Penhale"), None, s("Essex Police"))],
        ),
        (
            "Milo Tregarth Ostley CCG",
            vec![(s("Milo Tregarth"), None, s("Ostley CCG"))],
        ),
        // Two people run together before a body: the body is not their
        // name's start, and the second takes it.
        (
            "Tamsin Gorle Idris Vellacott Essex Police – Pella Quist, Head of Service",
            vec![
                (s("Tamsin Gorle"), None, None),
                (s("Idris Vellacott"), None, None),
                (s("Pella Quist"), s("Head of Service"), s("Essex Police")),
            ],
        ),
        (
            "Tamsin Gorle Idris Vellacott Essex Police",
            vec![
                (s("Tamsin Gorle"), None, None),
                (s("Idris Vellacott"), None, s("Essex Police")),
            ],
        ),
        (
            "Tamsin Gorle and Idris Vellacott and Essex Police – Pella Quist, Head of Service",
            vec![
                (s("Tamsin Gorle"), None, None),
                (s("Idris Vellacott"), None, None),
                (s("Pella Quist"), s("Head of Service"), s("Essex Police")),
            ],
        ),
        // Three words before the body are one person.
        (
            "Ann Marie Poldew Essex Police",
            vec![(s("Ann Marie Poldew"), None, s("Essex Police"))],
        ),
        // Carry markers name no lead.
        ("As above", vec![]),
        ("as above.", vec![]),
        ("Same as above", vec![]),
    ];
    rows.into_iter().map(|(c, w)| (c.to_string(), w)).collect()
}

#[test]
fn edge_forms() {
    check(&edges());
}

#[test]
fn at_least_two_hundred_rows() {
    assert!(generated().len() + edges().len() >= 200);
}

#[test]
fn carry_markers() {
    let g = Grammars::builtin();
    for t in [
        "As above",
        "As above.",
        "see above",
        "Ditto",
        "as per above",
    ] {
        assert!(lead::is_carry_marker(t, &g), "{t}");
    }
    for t in ["Above average lead", "Head of Service (as above)", ""] {
        assert!(!lead::is_carry_marker(t, &g), "{t}");
    }
}
