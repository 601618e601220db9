//! Timescale cells as plans print them, table-driven: every row is an
//! invented cell (years and wording made up for the test, none copied from
//! any plan) with the dates it must give, as (text, start, end), and its
//! due. The expected ranges are computed here from the calendar, apart from
//! the recogniser: the forms are those of the contract's date table (days
//! in every spelling, months, quarters and financial years, seasons and
//! school terms, academic years, ends of periods, week-commencing dates,
//! ranges across "–" and "to", shared-year pairs) and its non-dates.

use docket::recognise::{Grammars, date};

/// (text, start, end) of one date.
type D = (String, String, String);

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

fn leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn last_day(y: i32, m: u32) -> u32 {
    match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn iso(y: i32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn month_end(y: i32, m: u32) -> String {
    iso(y, m, last_day(y, m))
}

fn short(m: u32) -> &'static str {
    &MONTHS[m as usize - 1][..3]
}

fn d(text: &str, start: String, end: String) -> D {
    (text.to_string(), start, end)
}

/// One row: a cell, its dates and its due.
struct Row {
    cell: String,
    dates: Vec<D>,
    due: Option<String>,
}

fn row(cell: impl Into<String>, dates: Vec<D>, due: Option<String>) -> Row {
    Row {
        cell: cell.into(),
        dates,
        due,
    }
}

/// A cell that is one date, its due the date's end.
fn whole(cell: impl Into<String>, start: String, end: String) -> Row {
    let cell = cell.into();
    let due = Some(end.clone());
    row(cell.clone(), vec![d(&cell, start, end)], due)
}

/// Day of the week of a date, 0 = Monday (Zeller, Gregorian).
fn weekday(y: i32, m: u32, d: u32) -> u32 {
    let (y, m) = if m < 3 { (y - 1, m + 12) } else { (y, m) };
    let k = y.rem_euclid(100) as u32;
    let j = y.div_euclid(100) as u32;
    let h = (d + (13 * (m + 1)) / 5 + k + k / 4 + j / 4 + 5 * j) % 7; // 0 = Saturday
    (h + 5) % 7
}

fn plus_days(y: i32, m: u32, d: u32, n: u32) -> (i32, u32, u32) {
    let (mut y, mut m, mut d) = (y, m, d + n);
    while d > last_day(y, m) {
        d -= last_day(y, m);
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    (y, m, d)
}

fn ordinal(d: u32) -> String {
    let suffix = match (d % 10, d % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{d}{suffix}")
}

/// Days: every spelling over a spread of invented days.
fn days() -> Vec<Row> {
    let mut rows = Vec::new();
    let picks = [
        (2027, 1, 14),
        (2027, 3, 31),
        (2028, 2, 29),
        (2028, 6, 7),
        (2029, 9, 30),
        (2029, 11, 2),
        (2030, 4, 18),
        (2030, 12, 23),
    ];
    for (y, m, dd) in picks {
        let day = iso(y, m, dd);
        let yy = y % 100;
        let name = MONTHS[m as usize - 1];
        rows.push(whole(format!("{dd} {name} {y}"), day.clone(), day.clone()));
        rows.push(whole(
            format!("{} {name} {y}", ordinal(dd)),
            day.clone(),
            day.clone(),
        ));
        rows.push(whole(
            format!("{dd:02}/{m:02}/{y}"),
            day.clone(),
            day.clone(),
        ));
        rows.push(whole(
            format!("{dd:02}/{m:02}/{yy:02}"),
            day.clone(),
            day.clone(),
        ));
        rows.push(whole(
            format!("{dd:02}.{m:02}.{yy:02}"),
            day.clone(),
            day.clone(),
        ));
        rows.push(whole(
            format!("{dd:02}.{m:02}.{y}"),
            day.clone(),
            day.clone(),
        ));
        rows.push(whole(
            format!("{dd:02}-{}-{yy:02}", short(m)),
            day.clone(),
            day.clone(),
        ));
        rows.push(whole(day.clone(), day.clone(), day.clone()));
        // A leading "by" is not part of the date.
        let t = format!("{dd} {name} {y}");
        rows.push(row(
            format!("By {t}"),
            vec![d(&t, day.clone(), day.clone())],
            Some(day.clone()),
        ));
    }
    rows
}

/// Months: names, abbreviations, "Mon-yy", "Mon yy", ends of months.
fn months() -> Vec<Row> {
    let mut rows = Vec::new();
    for (k, y) in [2027, 2028, 2029, 2030, 2031, 2032].into_iter().enumerate() {
        for m in [(k as u32 * 2) % 12 + 1, (k as u32 * 5 + 3) % 12 + 1] {
            let first = iso(y, m, 1);
            let last = month_end(y, m);
            let yy = y % 100;
            let name = MONTHS[m as usize - 1];
            rows.push(whole(format!("{name} {y}"), first.clone(), last.clone()));
            rows.push(whole(
                format!("{}-{yy:02}", short(m)),
                first.clone(),
                last.clone(),
            ));
            rows.push(whole(
                format!("{} {yy:02}", short(m)),
                first.clone(),
                last.clone(),
            ));
            let end = format!("End of {name} {y}");
            rows.push(whole(end, last.clone(), last.clone()));
            let end = format!("end {} {yy:02}", short(m));
            rows.push(whole(end, last.clone(), last.clone()));
        }
    }
    rows.push(whole("Sept 2029", iso(2029, 9, 1), month_end(2029, 9)));
    rows
}

/// Quarters and financial years (UK: Q1 = April to June).
fn quarters() -> Vec<Row> {
    let mut rows = Vec::new();
    for y in [2027, 2029, 2031] {
        let yy = y % 100;
        let ny = (y + 1) % 100;
        let q = |n: u32| -> (String, String) {
            let (sy, sm) = match n {
                1 => (y, 4),
                2 => (y, 7),
                3 => (y, 10),
                _ => (y + 1, 1),
            };
            (iso(sy, sm, 1), month_end(sy, sm + 2))
        };
        for n in 1..=4 {
            let (s, e) = q(n);
            rows.push(whole(format!("Q{n} {y}/{ny:02}"), s.clone(), e.clone()));
            rows.push(whole(format!("Q{n} {yy}/{ny:02}"), s.clone(), e.clone()));
            rows.push(whole(
                format!("end Q{n} {yy}/{ny:02}"),
                e.clone(),
                e.clone(),
            ));
        }
        let fy = (iso(y, 4, 1), iso(y + 1, 3, 31));
        rows.push(whole(format!("{y}/{ny:02}"), fy.0.clone(), fy.1.clone()));
        rows.push(whole(format!("{y}/{}", y + 1), fy.0.clone(), fy.1.clone()));
        rows.push(whole(format!("{yy}/{ny:02}"), fy.0.clone(), fy.1.clone()));
    }
    rows
}

/// Seasons (meteorological) and school terms ("term" decides).
fn seasons_and_terms() -> Vec<Row> {
    let mut rows = Vec::new();
    for y in [2027, 2028, 2030] {
        rows.push(whole(format!("Spring {y}"), iso(y, 3, 1), iso(y, 5, 31)));
        rows.push(whole(format!("Summer {y}"), iso(y, 6, 1), iso(y, 8, 31)));
        rows.push(whole(format!("Autumn {y}"), iso(y, 9, 1), iso(y, 11, 30)));
        rows.push(whole(
            format!("Winter {y}"),
            iso(y, 12, 1),
            month_end(y + 1, 2),
        ));
        rows.push(whole(
            format!("Autumn Term {y}"),
            iso(y, 9, 1),
            iso(y, 12, 31),
        ));
        rows.push(whole(
            format!("Spring term {y}"),
            iso(y, 1, 1),
            iso(y, 3, 31),
        ));
        rows.push(whole(
            format!("summer term {y}"),
            iso(y, 4, 1),
            iso(y, 7, 31),
        ));
        rows.push(whole(
            format!("Spring {y} term"),
            iso(y, 1, 1),
            iso(y, 3, 31),
        ));
        rows.push(whole(
            format!("end of the summer term {y}"),
            iso(y, 7, 31),
            iso(y, 7, 31),
        ));
        rows.push(whole(
            format!("End of Autumn term {y}"),
            iso(y, 12, 31),
            iso(y, 12, 31),
        ));
        let ny = (y + 1) % 100;
        let ay = (iso(y, 9, 1), iso(y + 1, 8, 31));
        rows.push(whole(
            format!("academic year {y}/{ny:02}"),
            ay.0.clone(),
            ay.1.clone(),
        ));
        // A leading "the" is not part of the date.
        let t = format!("{y}/{ny:02} academic year");
        rows.push(row(
            format!("the {t}"),
            vec![d(&t, ay.0.clone(), ay.1.clone())],
            Some(ay.1.clone()),
        ));
        rows.push(whole(
            format!("end of the {y}/{ny:02} academic year"),
            ay.1.clone(),
            ay.1.clone(),
        ));
        // Two terms sharing one year: two ranges, the due the later end.
        let t = format!("Spring and Summer terms {y}");
        rows.push(row(
            t.clone(),
            vec![
                d(&t, iso(y, 1, 1), iso(y, 3, 31)),
                d(&t, iso(y, 4, 1), iso(y, 7, 31)),
            ],
            Some(iso(y, 7, 31)),
        ));
    }
    rows
}

/// Weeks commencing: Monday to Sunday.
fn weeks() -> Vec<Row> {
    let mut rows = Vec::new();
    for (y, m, dd) in [(2027, 3, 1), (2028, 5, 8), (2029, 10, 29), (2030, 12, 30)] {
        // Move to the Monday on or after the picked day.
        let w = weekday(y, m, dd);
        let (y, m, dd) = plus_days(y, m, dd, (7 - w) % 7);
        assert_eq!(weekday(y, m, dd), 0);
        let (ey, em, ed) = plus_days(y, m, dd, 6);
        let name = MONTHS[m as usize - 1];
        rows.push(whole(
            format!("w/c {dd} {name} {y}"),
            iso(y, m, dd),
            iso(ey, em, ed),
        ));
        rows.push(whole(
            format!("w/c {dd:02}/{m:02}/{y}"),
            iso(y, m, dd),
            iso(ey, em, ed),
        ));
    }
    rows
}

/// Ranges: "A – B", "A to B", a year printed once for both ends.
fn ranges() -> Vec<Row> {
    let mut rows = Vec::new();
    for (y1, m1, y2, m2) in [
        (2027, 11, 2028, 2),
        (2028, 5, 2029, 3),
        (2029, 1, 2029, 6),
        (2030, 9, 2031, 1),
    ] {
        let (s, e) = (iso(y1, m1, 1), month_end(y2, m2));
        let (a, b) = (MONTHS[m1 as usize - 1], MONTHS[m2 as usize - 1]);
        rows.push(whole(format!("{a} {y1} to {b} {y2}"), s.clone(), e.clone()));
        rows.push(whole(
            format!(
                "{} {:02} – {} {:02}",
                short(m1),
                y1 % 100,
                short(m2),
                y2 % 100
            ),
            s.clone(),
            e.clone(),
        ));
        rows.push(whole(
            format!(
                "{} {:02} - {} {:02}",
                short(m1),
                y1 % 100,
                short(m2),
                y2 % 100
            ),
            s.clone(),
            e.clone(),
        ));
    }
    rows.push(whole(
        "January to March 2029",
        iso(2029, 1, 1),
        iso(2029, 3, 31),
    ));
    rows.push(whole(
        "Autumn Term 2028 – Spring Term 2029",
        iso(2028, 9, 1),
        iso(2029, 3, 31),
    ));
    rows
}

/// Cells with no date, and durations beside a date.
fn not_dates() -> Vec<Row> {
    let mut rows = Vec::new();
    for t in [
        "TBC",
        "Ongoing",
        "Immediate",
        "With immediate effect",
        "Within 90 days",
        "Within six months",
        "Quarterly",
        "Ongoing – every term",
        "Completed",
        "3 months after the new service opens",
        "",
    ] {
        rows.push(row(t, vec![], None));
    }
    let t = "Within 8 weeks of the report (March 2029)";
    rows.push(row(
        t,
        vec![d("March 2029", iso(2029, 3, 1), iso(2029, 3, 31))],
        Some(iso(2029, 3, 31)),
    ));
    let t = "June 2028 and then monthly";
    rows.push(row(
        t,
        vec![d("June 2028", iso(2028, 6, 1), iso(2028, 6, 30))],
        Some(iso(2028, 6, 30)),
    ));
    let t = "First report due October 2027";
    rows.push(row(
        t,
        vec![d("October 2027", iso(2027, 10, 1), iso(2027, 10, 31))],
        Some(iso(2027, 10, 31)),
    ));
    // A later review date is recorded, but the first date is the due.
    let t = "30 April 2029 (review by 31 October 2029)";
    rows.push(row(
        t,
        vec![
            d("30 April 2029", iso(2029, 4, 30), iso(2029, 4, 30)),
            d("31 October 2029", iso(2029, 10, 31), iso(2029, 10, 31)),
        ],
        Some(iso(2029, 4, 30)),
    ));
    rows
}

fn all() -> Vec<Row> {
    [
        days(),
        months(),
        quarters(),
        seasons_and_terms(),
        weeks(),
        ranges(),
        not_dates(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[test]
fn at_least_one_hundred_and_fifty_rows() {
    assert!(all().len() >= 150, "{}", all().len());
}

#[test]
fn every_row() {
    let g = Grammars::builtin();
    let mut bad = Vec::new();
    let rows = all();
    for r in &rows {
        let have: Vec<D> = date::find_dates(&r.cell, &g)
            .into_iter()
            .map(|x| (x.text, x.start.to_string(), x.end.to_string()))
            .collect();
        let due = date::due(&r.cell, &g).map(|x| x.to_string());
        if have != r.dates || due != r.due {
            bad.push(format!(
                "{:?}\n   want {:?} due {:?}\n   have {have:?} due {due:?}",
                r.cell, r.dates, r.due
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

#[test]
fn weekday_helper() {
    // 1 January 2024 was a Monday, 7 December 2026 is one too.
    assert_eq!(weekday(2024, 1, 1), 0);
    assert_eq!(weekday(2026, 12, 7), 0);
    assert_eq!(weekday(2026, 12, 13), 6);
}
