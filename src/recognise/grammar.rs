//! Grammar data: the vocabulary recognisers and interpreters use, loaded from
//! `grammars/*.toml`.
//!
//! Why data and not code: every partnership prints its own column headers,
//! ranks and agency names. A user who meets a new one edits a TOML file (or
//! passes `--grammars DIR`) instead of waiting for a release. The defaults are
//! embedded in the binary so it works alone.
//!
//! Merge rule for a user directory: a file with the same name as a default
//! extends it (lists are appended, tables merged key by key, other values
//! replaced); a file that sets `replace = true` at its top replaces the
//! default file outright.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::phrase::Phrases;

#[derive(Debug, thiserror::Error)]
pub enum GrammarError {
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    #[error("{dir}: {message}")]
    Io { dir: String, message: String },
}

impl GrammarError {
    pub fn code(&self) -> &'static str {
        match self {
            GrammarError::Invalid { .. } => "grammar.invalid",
            GrammarError::Io { .. } => "grammar.io",
        }
    }
}

/// The embedded default grammar files: (file name, contents).
pub const DEFAULTS: &[(&str, &str)] = &[
    ("columns.toml", include_str!("../../grammars/columns.toml")),
    ("dates.toml", include_str!("../../grammars/dates.toml")),
    ("ranks.toml", include_str!("../../grammars/ranks.toml")),
    (
        "organisations.toml",
        include_str!("../../grammars/organisations.toml"),
    ),
    ("roles.toml", include_str!("../../grammars/roles.toml")),
    ("status.toml", include_str!("../../grammars/status.toml")),
    ("report.toml", include_str!("../../grammars/report.toml")),
    ("cells.toml", include_str!("../../grammars/cells.toml")),
    ("plan.toml", include_str!("../../grammars/plan.toml")),
];

/// Column meanings, each with its header aliases.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Columns {
    #[serde(rename = "ref")]
    pub ref_: Vec<String>,
    pub finding: Vec<String>,
    pub action: Vec<String>,
    pub timescale: Vec<String>,
    pub lead: Vec<String>,
    pub outcome: Vec<String>,
    pub status: Vec<String>,
    pub progress: Vec<String>,
}

/// Date words (`dates.toml`): month and season spellings, cue words.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct DateWords {
    /// Month key (`january` … `december`) → printed forms.
    pub months: BTreeMap<String, Vec<String>>,
    /// Season key (`spring`, `summer`, `autumn`, `winter`) → printed forms.
    pub seasons: BTreeMap<String, Vec<String>>,
    pub end_cues: Vec<String>,
    pub range_words: Vec<String>,
    pub list_words: Vec<String>,
    pub ordinals: Vec<String>,
    pub quarters: Vec<String>,
    pub deadline_cues: Vec<String>,
    pub year_min: i32,
    pub year_max: i32,
    /// Words after a season that make it a school term ("Spring term 2026").
    pub term_words: Vec<String>,
    /// Words that make a financial-year form an academic year.
    pub academic_year: Vec<String>,
    /// Words before a day that make it the week starting that day ("w/c").
    pub week_cues: Vec<String>,
    /// Words a financial year may carry after it and still be the whole
    /// timescale ("2024/25 financial year").
    pub year_words: Vec<String>,
    /// Any year outside `[first, last]` is not a year ("1066", "9999").
    pub calendar: Vec<i32>,
}

/// Ranks and titles (`ranks.toml`), taken off names.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Ranks {
    pub ranks: Vec<String>,
    pub titles: Vec<String>,
    pub acting_prefixes: Vec<String>,
    pub name_particles: Vec<String>,
}

/// Organisation vocabulary (`organisations.toml`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Organisations {
    pub acronyms: Vec<String>,
    pub not_acronyms: Vec<String>,
    pub words: Vec<String>,
    pub names: Vec<String>,
    pub places: Vec<String>,
    /// Words that make a phrase an agency, the body a lead works for
    /// ("Council", "Police", "Trust"), as against a service or team inside
    /// one ("Service", "Team"): only an agency ends a lead as its
    /// organisation after a post.
    pub agencies: Vec<String>,
    /// Endings of acronyms that name an agency ("TSCP", "KCC", "GBC"): such
    /// an acronym before a post is the organisation ("TSCP Partnership
    /// Manager").
    pub agency_endings: Vec<String>,
    /// Acronyms of teams, services and posts: before a post they stay in the
    /// role ("MASH Practice Manager", "IRO Service Manager").
    pub teams: Vec<String>,
}

/// Role vocabulary (`roles.toml`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Roles {
    pub heads: Vec<String>,
    pub modifiers: Vec<String>,
    pub subjects: Vec<String>,
}

/// Status words (`status.toml`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct StatusWords {
    /// Colour key (`red`, `amber`, `green`, `blue`, `grey`) → words.
    pub rag: BTreeMap<String, Vec<String>>,
    pub complete: Vec<String>,
    pub not_complete: Vec<String>,
    pub future_markers: Vec<String>,
    /// Done-words that count only as a whole status cell ("Closed").
    pub complete_cell: Vec<String>,
    /// Under-way words that count only as a whole status cell ("On track").
    pub not_complete_cell: Vec<String>,
    /// Words saying the action is neither done nor under way ("On hold").
    pub neither: Vec<String>,
    /// Texts a Word content control shows when nothing was entered.
    pub placeholders: Vec<String>,
}

/// Cell cues (`cells.toml`) for a plan that arrives as a flow of text with
/// no grid: which lines read as a lead, which words open a deadline. Month,
/// season and rank words come from `dates.toml` and `ranks.toml`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct CellWords {
    pub posts: Vec<String>,
    pub lead_ins: Vec<String>,
    pub function_words: Vec<String>,
}

/// Plan-shape vocabulary (`plan.toml`): paragraph labels of plans with no
/// table, columns beyond `columns.toml`, and the words that open a key.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct PlanWords {
    /// Lead-cell texts meaning "the leads of the row above".
    pub as_above: Vec<String>,
    /// Last words of a heading that names a whole table, not a section.
    pub captions: Vec<String>,
    pub labels: PlanLabels,
    pub columns: PlanColumns,
    pub keys: KeyWords,
}

/// Paragraph labels by the field they open.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct PlanLabels {
    pub action: Vec<String>,
    pub lead: Vec<String>,
    pub timescale: Vec<String>,
    pub outcome: Vec<String>,
    pub status: Vec<String>,
    pub progress: Vec<String>,
    pub finding: Vec<String>,
}

/// Column headers beyond the core meanings of `columns.toml`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct PlanColumns {
    pub section: Vec<String>,
    pub start: Vec<String>,
    pub revised: Vec<String>,
    pub percent: Vec<String>,
}

/// Words that introduce a key or legend.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct KeyWords {
    pub headings: Vec<String>,
    /// A key line's meaning, tested in this order.
    pub not_complete: Vec<String>,
    pub neither: Vec<String>,
    pub complete: Vec<String>,
}

/// Annual-report vocabulary (`report.toml`): header, cue and heading words.
/// The report interpreter gives it its lookups (`interpret::report::vocab`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct ReportWords {
    pub report_names: Vec<String>,
    pub report_of: Vec<String>,
    pub lead_cues: Vec<String>,
    pub lead_separators: Vec<String>,
    pub person_name_headers: Vec<String>,
    pub person_post_headers: Vec<String>,
    pub person_organisation_headers: Vec<String>,
    pub honorifics: Vec<String>,
    pub months: Vec<String>,
    pub tenure_words: Vec<String>,
    pub post_of_body: Vec<String>,
    pub organisation_words: Vec<String>,
    pub role_words: Vec<String>,
    pub glossary_headings: Vec<String>,
    pub glossary_term_headers: Vec<String>,
    pub glossary_meaning_headers: Vec<String>,
    pub income_words: Vec<String>,
    pub expenditure_words: Vec<String>,
    pub total_words: Vec<String>,
    pub page_words: Vec<String>,
    pub page_of_words: Vec<String>,
    /// Small lower-case words inside a person's name ("Anna de Wit").
    pub name_particles: Vec<String>,
    /// Words that join the words of a body's name ("Office for Students").
    pub joiners: Vec<String>,
    /// The lists as phrase matchers, built on first use.
    #[serde(skip)]
    matchers: Cache<ReportPhrases>,
}

/// A table built from a grammar on first use. A clone starts empty, like
/// [`Prepared`]: it may be given other lists.
pub struct Cache<T>(std::sync::OnceLock<T>);

impl<T> Default for Cache<T> {
    fn default() -> Self {
        Cache(std::sync::OnceLock::new())
    }
}

impl<T> Clone for Cache<T> {
    fn clone(&self) -> Self {
        Cache(std::sync::OnceLock::new())
    }
}

impl<T> std::fmt::Debug for Cache<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cache")
    }
}

/// The `report.toml` lists as phrase matchers (`recognise::phrase`): the
/// one way the report reader looks up its vocabulary.
#[derive(Debug)]
pub struct ReportPhrases {
    pub report_names: Phrases<()>,
    pub report_of: Phrases<()>,
    pub lead_cues: Phrases<()>,
    pub person_name_headers: Phrases<()>,
    pub person_post_headers: Phrases<()>,
    pub person_organisation_headers: Phrases<()>,
    pub honorifics: Phrases<()>,
    pub months: Phrases<()>,
    pub tenure_words: Phrases<()>,
    pub post_of_body: Phrases<()>,
    pub organisation_words: Phrases<()>,
    pub role_words: Phrases<()>,
    pub glossary_headings: Phrases<()>,
    pub glossary_term_headers: Phrases<()>,
    pub glossary_meaning_headers: Phrases<()>,
    pub income_words: Phrases<()>,
    pub expenditure_words: Phrases<()>,
    pub total_words: Phrases<()>,
    pub page_words: Phrases<()>,
    pub page_of_words: Phrases<()>,
    pub name_particles: Phrases<()>,
    pub joiners: Phrases<()>,
}

impl ReportPhrases {
    fn new(w: &ReportWords) -> Self {
        ReportPhrases {
            report_names: Phrases::list(&w.report_names),
            report_of: Phrases::list(&w.report_of),
            lead_cues: Phrases::list(&w.lead_cues),
            person_name_headers: Phrases::list(&w.person_name_headers),
            person_post_headers: Phrases::list(&w.person_post_headers),
            person_organisation_headers: Phrases::list(&w.person_organisation_headers),
            honorifics: Phrases::list(&w.honorifics),
            months: Phrases::list(&w.months),
            tenure_words: Phrases::list(&w.tenure_words),
            post_of_body: Phrases::list(&w.post_of_body),
            organisation_words: Phrases::list(&w.organisation_words),
            role_words: Phrases::list(&w.role_words),
            glossary_headings: Phrases::list(&w.glossary_headings),
            glossary_term_headers: Phrases::list(&w.glossary_term_headers),
            glossary_meaning_headers: Phrases::list(&w.glossary_meaning_headers),
            income_words: Phrases::list(&w.income_words),
            expenditure_words: Phrases::list(&w.expenditure_words),
            total_words: Phrases::list(&w.total_words),
            page_words: Phrases::list(&w.page_words),
            page_of_words: Phrases::list(&w.page_of_words),
            name_particles: Phrases::list(&w.name_particles),
            joiners: Phrases::list(&w.joiners),
        }
    }
}

impl ReportWords {
    /// The lists as phrase matchers (built once; change the lists before
    /// the first call, or on a clone).
    pub fn phrases(&self) -> &ReportPhrases {
        self.matchers.0.get_or_init(|| ReportPhrases::new(self))
    }

    /// Words lower-cased and trimmed, longest first in every list (so "joint
    /// leads" is tried before "lead").
    pub fn prepared(mut self) -> Self {
        self.lower();
        self
    }

    fn lower(&mut self) {
        for list in [
            &mut self.report_names,
            &mut self.report_of,
            &mut self.lead_cues,
            &mut self.person_name_headers,
            &mut self.person_post_headers,
            &mut self.person_organisation_headers,
            &mut self.honorifics,
            &mut self.months,
            &mut self.tenure_words,
            &mut self.post_of_body,
            &mut self.organisation_words,
            &mut self.role_words,
            &mut self.glossary_headings,
            &mut self.glossary_term_headers,
            &mut self.glossary_meaning_headers,
            &mut self.income_words,
            &mut self.expenditure_words,
            &mut self.total_words,
            &mut self.page_words,
            &mut self.page_of_words,
            &mut self.name_particles,
            &mut self.joiners,
        ] {
            for w in list.iter_mut() {
                *w = w.trim().to_lowercase();
            }
            list.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        }
    }
}

/// What a table column holds: the keys of `columns.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnMeaning {
    Ref,
    Finding,
    Action,
    Timescale,
    Lead,
    Outcome,
    Status,
    Progress,
}

impl Columns {
    /// Each column meaning with its header aliases, in the file's order.
    pub fn by_meaning(&self) -> [(ColumnMeaning, &Vec<String>); 8] {
        [
            (ColumnMeaning::Ref, &self.ref_),
            (ColumnMeaning::Finding, &self.finding),
            (ColumnMeaning::Action, &self.action),
            (ColumnMeaning::Timescale, &self.timescale),
            (ColumnMeaning::Lead, &self.lead),
            (ColumnMeaning::Outcome, &self.outcome),
            (ColumnMeaning::Status, &self.status),
            (ColumnMeaning::Progress, &self.progress),
        ]
    }
}

/// Every grammar, typed.
///
/// The recognisers turn these lists into lookup tables on first use and keep
/// them (a lead cell would otherwise rebuild hundreds of sets). So change
/// the lists before the first recogniser call, or on a clone: a clone starts
/// with no tables of its own.
#[derive(Debug)]
pub struct Grammars {
    pub columns: Columns,
    pub dates: DateWords,
    pub ranks: Ranks,
    pub organisations: Organisations,
    pub roles: Roles,
    pub status: StatusWords,
    /// Annual-report words, prepared (lower case, longest first).
    pub report: ReportWords,
    /// Cell cues for plans without a grid.
    pub cells: CellWords,
    /// Plan shapes: paragraph labels, extra columns, key words.
    pub plan: PlanWords,
    /// Lookup tables built from the lists on first use. Public only so that
    /// `Grammars { columns, ..Grammars::builtin() }` keeps working; it has
    /// nothing to read or set.
    #[doc(hidden)]
    pub prepared: Prepared,
}

impl Clone for Grammars {
    fn clone(&self) -> Self {
        Grammars {
            columns: self.columns.clone(),
            dates: self.dates.clone(),
            ranks: self.ranks.clone(),
            organisations: self.organisations.clone(),
            roles: self.roles.clone(),
            status: self.status.clone(),
            report: self.report.clone(),
            cells: self.cells.clone(),
            plan: self.plan.clone(),
            prepared: Prepared::default(),
        }
    }
}

/// Lookup tables built from the lists, once.
#[derive(Default)]
pub struct Prepared {
    pub(crate) dates: std::sync::OnceLock<super::date::Lexicon>,
    pub(crate) leads: std::sync::OnceLock<super::lead::Lex>,
    pub(crate) status: std::sync::OnceLock<super::status::StatusLex>,
    pub(crate) plan: std::sync::OnceLock<PlanPhrases>,
}

/// `plan.toml` lists the plan reader matches text against, as phrase
/// matchers.
#[derive(Debug)]
pub struct PlanPhrases {
    /// Lead-cell texts meaning "the leads of the row above".
    pub as_above: Phrases<()>,
    /// Last words of a heading that names a whole table.
    pub captions: Phrases<()>,
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared").finish_non_exhaustive()
    }
}

impl Grammars {
    pub(crate) fn date_lexicon(&self) -> &super::date::Lexicon {
        self.prepared
            .dates
            .get_or_init(|| super::date::Lexicon::new(self))
    }

    pub(crate) fn lead_lexicon(&self) -> &super::lead::Lex {
        self.prepared
            .leads
            .get_or_init(|| super::lead::Lex::new(self))
    }

    /// The plan-shape words as phrase matchers.
    pub fn plan_phrases(&self) -> &PlanPhrases {
        self.prepared.plan.get_or_init(|| PlanPhrases {
            as_above: Phrases::list(&self.plan.as_above),
            captions: Phrases::list(&self.plan.captions),
        })
    }

    /// The status words as phrase matchers.
    pub(crate) fn status_lexicon(&self) -> &super::status::StatusLex {
        self.prepared
            .status
            .get_or_init(|| super::status::StatusLex::new(self))
    }
}

/// The default grammars are the embedded ones: an empty vocabulary would
/// silently find nothing.
impl Default for Grammars {
    fn default() -> Self {
        Self::builtin()
    }
}

impl Grammars {
    /// The embedded defaults.
    pub fn builtin() -> Self {
        Self::load(None).expect("embedded grammars are valid")
    }

    /// Defaults, extended or replaced by the files in `dir`.
    pub fn load(dir: Option<&Path>) -> Result<Self, GrammarError> {
        let mut merged: BTreeMap<&str, toml::Table> = BTreeMap::new();
        for (name, text) in DEFAULTS {
            merged.insert(name, parse(name, text)?);
        }
        if let Some(dir) = dir {
            check_folder(dir)?;
            for (name, _) in DEFAULTS {
                let path = dir.join(name);
                if !path.exists() {
                    continue;
                }
                let text = std::fs::read_to_string(&path).map_err(|e| GrammarError::Io {
                    dir: dir.display().to_string(),
                    message: e.to_string(),
                })?;
                let user = parse(&path.display().to_string(), &text)?;
                check_keys(name, &path.display().to_string(), &user)?;
                if let Some(base) = merged.get_mut(name) {
                    overlay(base, user);
                }
            }
        }
        let get = |name: &str| -> Result<&toml::Table, GrammarError> {
            merged.get(name).ok_or_else(|| GrammarError::Invalid {
                file: name.to_string(),
                message: "missing".to_string(),
            })
        };
        let g = Grammars {
            columns: typed("columns.toml", get("columns.toml")?)?,
            dates: typed("dates.toml", get("dates.toml")?)?,
            ranks: typed("ranks.toml", get("ranks.toml")?)?,
            organisations: typed("organisations.toml", get("organisations.toml")?)?,
            roles: typed("roles.toml", get("roles.toml")?)?,
            status: typed("status.toml", get("status.toml")?)?,
            report: typed::<ReportWords>("report.toml", get("report.toml")?)?.prepared(),
            cells: typed("cells.toml", get("cells.toml")?)?,
            plan: typed("plan.toml", get("plan.toml")?)?,
            prepared: Prepared::default(),
        };
        g.check()?;
        Ok(g)
    }

    /// Keys that code gives meaning to must be the known ones: a typo in a
    /// user file ("septmber") is an error, not a silently ignored month.
    fn check(&self) -> Result<(), GrammarError> {
        let bad = |file: &str, key: &str| GrammarError::Invalid {
            file: file.to_string(),
            message: format!("unknown key `{key}`"),
        };
        for k in self.dates.months.keys() {
            if super::date::month_number(k).is_none() {
                return Err(bad("dates.toml", k));
            }
        }
        for k in self.dates.seasons.keys() {
            if !["spring", "summer", "autumn", "winter"].contains(&k.as_str()) {
                return Err(bad("dates.toml", k));
            }
        }
        for k in self.status.rag.keys() {
            if super::status::rag_from_key(k).is_none() {
                return Err(bad("status.toml", k));
            }
        }
        Ok(())
    }
}

/// A user folder must exist and hold only grammar files docket knows: a
/// misspelt file name ("column.toml") would otherwise be skipped in silence
/// and the user's words never read. Files that are not `.toml` (a README,
/// notes) are left alone.
fn check_folder(dir: &Path) -> Result<(), GrammarError> {
    let io = |message: String| GrammarError::Io {
        dir: dir.display().to_string(),
        message,
    };
    if !dir.is_dir() {
        return Err(io("no such grammar folder".to_string()));
    }
    let entries = std::fs::read_dir(dir).map_err(|e| io(e.to_string()))?;
    let mut unknown: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml") && !DEFAULTS.iter().any(|(d, _)| d == n))
        .collect();
    unknown.sort();
    match unknown.first() {
        None => Ok(()),
        Some(first) => {
            let known: Vec<&str> = DEFAULTS.iter().map(|(d, _)| *d).collect();
            Err(GrammarError::Invalid {
                file: dir.join(first).display().to_string(),
                message: format!("unknown grammar file (known: {})", known.join(", ")),
            })
        }
    }
}

/// A user file's keys checked against its type on their own, so that a
/// misspelt key is reported against the user's file, not the merged one.
fn check_keys(name: &str, file: &str, user: &toml::Table) -> Result<(), GrammarError> {
    let mut user = user.clone();
    user.remove("replace");
    match name {
        "columns.toml" => typed::<Columns>(file, &user).map(drop),
        "dates.toml" => typed::<DateWords>(file, &user).map(drop),
        "ranks.toml" => typed::<Ranks>(file, &user).map(drop),
        "organisations.toml" => typed::<Organisations>(file, &user).map(drop),
        "roles.toml" => typed::<Roles>(file, &user).map(drop),
        "status.toml" => typed::<StatusWords>(file, &user).map(drop),
        "report.toml" => typed::<ReportWords>(file, &user).map(drop),
        "cells.toml" => typed::<CellWords>(file, &user).map(drop),
        "plan.toml" => typed::<PlanWords>(file, &user).map(drop),
        _ => Ok(()),
    }
}

fn parse(file: &str, text: &str) -> Result<toml::Table, GrammarError> {
    text.parse::<toml::Table>()
        .map_err(|e| GrammarError::Invalid {
            file: file.to_string(),
            message: one_line(&e.to_string()),
        })
}

/// An error message on one line: toml's parse errors quote the offending
/// line under the message, and docket reports every error as one line.
fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn typed<T: for<'de> Deserialize<'de>>(file: &str, table: &toml::Table) -> Result<T, GrammarError> {
    toml::Value::Table(table.clone())
        .try_into()
        .map_err(|e: toml::de::Error| GrammarError::Invalid {
            file: file.to_string(),
            message: one_line(&e.to_string()),
        })
}

/// Apply a user file over a default one (see the module docs).
fn overlay(base: &mut toml::Table, mut user: toml::Table) {
    if matches!(user.remove("replace"), Some(toml::Value::Boolean(true))) {
        *base = user;
        return;
    }
    for (key, value) in user {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Array(b)), toml::Value::Array(u)) => {
                for v in u {
                    if !b.contains(&v) {
                        b.push(v);
                    }
                }
            }
            (Some(toml::Value::Table(b)), toml::Value::Table(u)) => overlay(b, u),
            (_, v) => {
                base.insert(key, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads() {
        let g = Grammars::builtin();
        assert!(g.columns.lead.iter().any(|a| a == "lead"));
    }

    #[test]
    fn user_dir_extends_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("columns.toml"),
            "lead = [\"named officer\"]\n",
        )
        .unwrap();
        let g = Grammars::load(Some(dir.path())).unwrap();
        assert!(g.columns.lead.iter().any(|a| a == "named officer"));
        assert!(g.columns.lead.iter().any(|a| a == "lead"));

        std::fs::write(
            dir.path().join("columns.toml"),
            "replace = true\nlead = [\"owner\"]\n",
        )
        .unwrap();
        let g = Grammars::load(Some(dir.path())).unwrap();
        assert_eq!(g.columns.lead, vec!["owner".to_string()]);
        assert!(g.columns.ref_.is_empty());
    }

    #[test]
    fn misspelt_key_names_the_user_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ranks.toml"), "rnaks = [\"Sergeant\"]\n").unwrap();
        let err = Grammars::load(Some(dir.path())).unwrap_err();
        assert_eq!(err.code(), "grammar.invalid");
        let line = err.to_string();
        assert!(
            line.contains("ranks.toml") && line.contains("rnaks"),
            "{line}"
        );
        assert!(!line.contains('\n'), "{line}");
    }

    #[test]
    fn misspelt_key_under_replace_is_still_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("cells.toml"),
            "replace = true\nposts = [\"warden\"]\nlead_in = [\"by\"]\n",
        )
        .unwrap();
        let err = Grammars::load(Some(dir.path())).unwrap_err();
        assert!(err.to_string().contains("lead_in"), "{err}");
    }

    #[test]
    fn unknown_grammar_file_is_an_error_other_files_are_not() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("NOTES.md"), "my words").unwrap();
        assert!(Grammars::load(Some(dir.path())).is_ok());
        std::fs::write(dir.path().join("column.toml"), "lead = [\"owner\"]\n").unwrap();
        let err = Grammars::load(Some(dir.path())).unwrap_err();
        assert_eq!(err.code(), "grammar.invalid");
        assert!(err.to_string().contains("column.toml"), "{err}");
    }

    #[test]
    fn missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = Grammars::load(Some(&dir.path().join("no-such"))).unwrap_err();
        assert_eq!(err.code(), "grammar.io");
        assert!(err.to_string().contains("no-such"), "{err}");
    }

    #[test]
    fn syntax_error_is_one_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("roles.toml"), "heads = [\n\"chair\"\n").unwrap();
        let err = Grammars::load(Some(dir.path())).unwrap_err();
        assert!(!err.to_string().contains('\n'), "{err}");
    }

    #[test]
    fn broken_user_file_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("columns.toml"), "lead = [").unwrap();
        let err = Grammars::load(Some(dir.path())).unwrap_err();
        assert_eq!(err.code(), "grammar.invalid");
    }
}
