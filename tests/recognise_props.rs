//! Property tests of the recognisers: every supported date form parses to a
//! range containing the printed day, no input makes any recogniser panic,
//! and splitting leads never loses a name.

use docket::recognise::{Date, Grammars, date, lead, reference, status};
use proptest::prelude::*;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec",
];

fn ordinal(d: u8) -> &'static str {
    match d {
        1 | 21 | 31 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    }
}

/// Every printed form of a day (and the wider ranges that contain it).
fn forms(d: Date) -> Vec<String> {
    let m = usize::from(d.month - 1);
    let (day, month, year) = (d.day, MONTHS[m], d.year);
    let fy = if d.month >= 4 { year } else { year - 1 };
    let q = match d.month {
        4..=6 => 1,
        7..=9 => 2,
        10..=12 => 3,
        _ => 4,
    };
    let season = match d.month {
        3..=5 => format!("Spring {year}"),
        6..=8 => format!("Summer {year}"),
        9..=11 => format!("Autumn {year}"),
        12 => format!("Winter {year}"),
        _ => format!("Winter {}", year - 1),
    };
    vec![
        format!("{day}{} {month} {year}", ordinal(day)),
        format!("{day} {} {month} {year}", ordinal(day)),
        format!("{day} {month} {year}"),
        format!("{day:02}/{:02}/{:02}", d.month, year % 100),
        format!("{day:02}.{:02}.{year}", d.month),
        format!("{month} {year}"),
        format!("{}-{:02}", SHORT[m], year % 100),
        format!("{} {year}", SHORT[m]),
        format!("End of {month} {year}"),
        format!("Q{q} {fy}/{:02}", (fy + 1) % 100),
        format!("{fy}/{:02}", (fy + 1) % 100),
        format!("{fy}/{}", fy + 1),
        season,
        format!("{} {year} to December {year}", MONTHS[0]),
        format!("{year}"),
    ]
}

fn any_date() -> impl Strategy<Value = Date> {
    (2000i32..2090, 1u8..=12, 1u8..=31).prop_filter_map("valid day", |(y, m, d)| Date::new(y, m, d))
}

proptest! {
    // A fixed seed: CI runs the same 256 cases every time, so a red run is
    // a change, not luck. Search wider by hand with PROPTEST_CASES and
    // another seed (recognise_props is where a lead grammar change shows).
    #![proptest_config(ProptestConfig {
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed_d0c7),
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_form_contains_its_day(d in any_date()) {
        let g = Grammars::builtin();
        for f in forms(d) {
            let found = date::find_dates(&format!("Due {f} as agreed"), &g);
            prop_assert_eq!(found.len(), 1, "{}: {:?}", f, found);
            let e = &found[0];
            prop_assert_eq!(e.text.as_str(), f.as_str());
            if f.starts_with("End of") {
                prop_assert!(e.start == e.end && e.end >= d, "{}: {:?}", f, e);
            } else {
                prop_assert!(e.start <= d && d <= e.end, "{}: {:?}", f, e);
            }
        }
    }

    #[test]
    fn nothing_panics(s in "\\PC{0,200}") {
        let g = Grammars::builtin();
        let _ = date::find_dates(&s, &g);
        let _ = date::due(&s, &g);
        let _ = lead::split_leads(&s, &g);
        let _ = status::status(&s, &g);
        let _ = status::progress_entries(&[s.clone(), s.clone()], &g);
        let _ = status::rag_from_colour(&s);
        let _ = date::leading_date(&s, &g);
        let _ = reference::split_ref(&s);
        let _ = reference::whole_ref(&s);
    }

    #[test]
    fn nothing_panics_on_lead_like_text(
        parts in prop::collection::vec(
            prop_oneof![
                Just("DCI".to_string()), Just("T/".to_string()), Just("Dr".to_string()),
                Just("–".to_string()), Just("-".to_string()), Just(",".to_string()),
                Just("(".to_string()), Just(")".to_string()), Just("/".to_string()),
                Just("and".to_string()), Just("&".to_string()), Just("\n".to_string()),
                Just("Head of".to_string()), Just("CCG".to_string()), Just("Police".to_string()),
                Just("3 rd".to_string()), Just("June".to_string()), Just("2020/21".to_string()),
                Just("Q2".to_string()), Just("End of".to_string()), Just("Lee- ".to_string()),
                "[A-Z][a-z]{1,8}", "[a-z]{1,6}", "[0-9]{1,4}",
            ],
            0..30,
        )
    ) {
        let g = Grammars::builtin();
        let s = parts.join(" ");
        let _ = lead::split_leads(&s, &g);
        let _ = date::find_dates(&s, &g);
        let _ = date::due(&s, &g);
    }

    /// Invented names (capitalised words in no lexicon), each with an
    /// optional rank, organisation and post, joined by any separator: every
    /// name comes out.
    #[test]
    fn splitting_leads_never_loses_a_name(
        people in prop::collection::vec(
            (
                "[BCFJKPVWXZ][aeiouy][bcdfgkmnprstvxz]{2}[aeiou]",
                "[BCFJKPVWXZ][aeiouy][bcdfgkmnprstvxz]{2}[aeiou][kxz]",
                prop::option::of(prop_oneof![Just("DCI"), Just("Dr"), Just("T/DCI"), Just("Insp")]),
                prop::option::of(prop_oneof![Just("CCG"), Just("Sussex Police"), Just("NHS Trust"), Just("Children's Services")]),
                prop::option::of(prop_oneof![Just("Head of Service"), Just("Named Nurse"), Just("Designated Lead for Safeguarding")]),
                0usize..3,
            ),
            1..5,
        ),
        sep in prop_oneof![Just("\n"), Just(", "), Just(" and "), Just(" / "), Just(" ")],
    ) {
        let g = Grammars::builtin();
        // An invented name that happens to be a word of the lexicons
        // ("Force") is not a name.
        let o = &g.organisations;
        let r = &g.roles;
        let known: Vec<String> = [&r.heads, &r.modifiers, &r.subjects, &o.words, &o.agencies, &o.places]
            .into_iter()
            .flatten()
            .map(|w| w.to_lowercase())
            .collect();
        for (first, last, ..) in &people {
            prop_assume!(!known.contains(&first.to_lowercase()) && !known.contains(&last.to_lowercase()));
        }
        let mut cell = Vec::new();
        let mut names = Vec::new();
        for (first, last, rank, org, role, shape) in &people {
            let name = format!("{first} {last}");
            let person = match rank {
                Some(r) => format!("{r} {name}"),
                None => name.clone(),
            };
            let text = match (shape, org, role) {
                (0, Some(o), Some(r)) => format!("{o} – {person}, {r}"),
                (1, Some(o), _) => format!("{person} - {o}"),
                (2, _, Some(r)) => format!("{person}, {r}"),
                (_, Some(o), None) => format!("{person} ({o})"),
                _ => person,
            };
            names.push(name);
            cell.push(text);
        }
        let cell = cell.join(sep);
        let got: Vec<String> = lead::split_leads(&cell, &g)
            .into_iter()
            .filter_map(|l| l.name)
            .collect();
        for n in &names {
            prop_assert!(got.contains(n), "{:?} lost {:?}: {:?}", cell, n, got);
        }
    }
}

/// The words of a text, as the lead check compares them: letters and
/// digits, case ignored.
fn lead_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// No word of a lead cell is lost: each ends in some lead's name, role
    /// or organisation, or is a rank or title (taken off a name) or a
    /// separator word ("and").
    #[test]
    fn splitting_leads_never_loses_a_word(
        leads in prop::collection::vec(
            (
                "[BCFJKPVWXZ][aeiouy][bcdfgkmnprstvxz]{2}[aeiou]",
                "[BCFJKPVWXZ][aeiouy][bcdfgkmnprstvxz]{2}[aeiou][kxz]",
                prop::option::of(prop_oneof![Just("DS"), Just("Dr"), Just("Detective Inspector"), Just("Ms")]),
                prop::option::of(prop_oneof![
                    Just("Head of Early Help"),
                    Just("Named Nurse for Safeguarding"),
                    Just("Service Manager"),
                    Just("Principal Social Worker"),
                ]),
                // A body from an invented place word and an organisation word.
                prop::option::of(("[BDGHLMRTW][aeo][lnrst]{2}[aeo](mouth|ford|wick|by)", prop_oneof![
                    Just("Council"),
                    Just("Police"),
                    Just("NHS Trust"),
                    Just("Borough Council"),
                ])),
                any::<bool>(),
                0usize..5,
            ),
            1..4,
        ),
        sep in prop_oneof![Just("\n"), Just(" / "), Just("; "), Just(" and "), Just(" & ")],
    ) {
        let g = Grammars::builtin();
        let mut parts = Vec::new();
        for (first, last, rank, post, body, named, shape) in &leads {
            let body = body.as_ref().map(|(p, w)| format!("{p} {w}"));
            let person = named.then(|| match rank {
                Some(r) => format!("{r} {first} {last}"),
                None => format!("{first} {last}"),
            });
            let text = match (person, post, body, shape) {
                (Some(n), Some(p), Some(b), 0) => format!("{n}, {p}, {b}"),
                (Some(n), Some(p), Some(b), 1) => format!("{n} ({p}, {b})"),
                (Some(n), Some(p), Some(b), 2) => format!("{b} – {n}, {p}"),
                (Some(n), Some(p), Some(b), _) => format!("{n} – {p} – {b}"),
                (Some(n), Some(p), None, _) => format!("{n}, {p}"),
                (Some(n), None, Some(b), 0) => format!("{n} ({b})"),
                (Some(n), None, Some(b), _) => format!("{n}, {b}"),
                (Some(n), None, None, _) => n,
                (None, Some(p), Some(b), 0) => format!("{p} ({b})"),
                (None, Some(p), Some(b), _) => format!("{p}, {b}"),
                (None, Some(p), None, _) => p.to_string(),
                (None, None, Some(b), _) => b,
                (None, None, None, _) => continue,
            };
            parts.push(text);
        }
        prop_assume!(!parts.is_empty());
        let cell = parts.join(sep);
        let got = lead::split_leads(&cell, &g);
        let mut kept: Vec<String> = Vec::new();
        for l in &got {
            for f in [&l.name, &l.role, &l.organisation].into_iter().flatten() {
                kept.extend(lead_words(f));
            }
        }
        let mut spare: Vec<String> = g.ranks.ranks.iter().chain(&g.ranks.titles)
            .flat_map(|r| lead_words(r))
            .collect();
        spare.push("and".into());
        for w in lead_words(&cell) {
            prop_assert!(
                kept.contains(&w) || spare.contains(&w),
                "{:?} lost {:?}: {:?}", cell, w, got
            );
        }
    }
}
