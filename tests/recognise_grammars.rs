//! User grammar directories (`--grammars DIR`) change what the recognisers
//! read, on top of the built-in words.

use docket::recognise::{Grammars, date, lead};

/// A user grammar directory that names a body as an organisation changes
/// the lead's organisation (and the rest of the defaults still apply).
#[test]
fn user_grammar_adds_an_organisation() {
    let cell = "Jane Doe, Barnardo's";
    let builtin = Grammars::builtin();
    let before = lead::split_leads(cell, &builtin);
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].organisation, None);

    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("organisations.toml"),
        "names = [\"Barnardo's\"]\n",
    )
    .expect("write");
    let g = Grammars::load(Some(dir.path())).expect("load");
    let after = lead::split_leads(cell, &g);
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].name.as_deref(), Some("Jane Doe"));
    assert_eq!(after[0].organisation.as_deref(), Some("Barnardo's"));
    assert_eq!(after[0].role, None);
    // The defaults are still there.
    let other = lead::split_leads("Ann Poe - Sussex Police", &g);
    assert_eq!(other[0].organisation.as_deref(), Some("Sussex Police"));
}

/// A user date file adds a month spelling.
#[test]
fn user_grammar_adds_a_month_spelling() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("dates.toml"),
        "[months]\nseptember = [\"sep-tember\", \"septembre\"]\n",
    )
    .expect("write");
    let g = Grammars::load(Some(dir.path())).expect("load");
    // Unknown spelling: only the bare year is a date.
    let before = date::find_dates("septembre 2020", &Grammars::builtin());
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].text, "2020");
    let d = date::find_dates("septembre 2020", &g);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].end.to_string(), "2020-09-30");
    // A misspelt key is a clear error.
    std::fs::write(
        dir.path().join("dates.toml"),
        "[months]\nseptmber = [\"x\"]\n",
    )
    .expect("write");
    let err = Grammars::load(Some(dir.path())).expect_err("bad key");
    assert_eq!(err.code(), "grammar.invalid");
}
