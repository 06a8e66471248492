//! The directory's statements built at run time (search, with its facets) and its rows read back.

use chrono::{DateTime, Utc};
use civicdesk_domain::agency::{Agency, AgencyLevel};
use civicdesk_domain::catalogue::{
    COUNT_LIMIT, ChangeCursor, ProcedureChange, ProcedureFilter, ProcedureLink, ProcedureSummary, RevisionSummary,
};
use civicdesk_domain::procedure::{Procedure, Subject};
use civicdesk_domain::store::StoreError;
use civicdesk_domain::text::{SearchQuery, fold, search_text};
use serde::Serialize;

pub use super::binds::Binds;
use serde::de::DeserializeOwned;

/// A statement with its bind values.
pub struct Statement {
    pub sql: String,
    pub binds: Binds,
}

/// A directory search: statements that list matches in order, best first, each taking one more
/// bind (how many rows are still wanted), and the capped count.
pub struct SearchSql {
    pub pages: Vec<Statement>,
    pub count: Statement,
}

/// How well a procedure matches a query; lower ranks first. Both engines put each record in the
/// same tier, so the same query lists the same procedures in the same order.
/// (A code typed whole is looked up directly and comes before all of these.)
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    /// The name holds the words as typed, in order.
    NamePhrase = 1,
    /// The words in order elsewhere: a keyword such as "sổ đỏ", a paper, an agency. This ranks
    /// above scattered words in the name, where short words ("so", "do") match by chance.
    Phrase = 2,
    /// The name holds every word.
    NameWords = 3,
    /// Every word somewhere.
    Words = 4,
}

/// The text tiers, best first.
const TEXT_TIERS: [Tier; 4] = [Tier::NamePhrase, Tier::Phrase, Tier::NameWords, Tier::Words];

/// Which procedures an engine's full-text condition selects. Every word is matched whole except
/// the last, which is matched as a prefix: people type the last word as they search.
#[derive(Clone, Copy)]
pub enum TextCondition {
    /// Exactly the procedures of one tier (tiers never overlap).
    Tier(Tier),
    /// Every procedure with all the words (the union of the tiers).
    AllWords,
}

/// What a search asks of the engine's index: words (with the tier wanted) and facet tokens
/// (see [`facets`]), either of which may be absent.
pub struct Match<'a> {
    pub words: Option<(&'a [String], TextCondition)>,
    pub facets: &'a [String],
}

/// An engine's full-text match: what to select from (with the procedures as `p`), the condition,
/// and the expression that orders matches by `search_rank` so a `LIMIT` can stop early.
pub struct TextSource {
    pub from: &'static str,
    /// What counting needs to select from: often less than `from`.
    pub count_from: &'static str,
    pub condition: String,
    pub rank: &'static str,
}

pub type TextMatcher = fn(&Match, &mut Binds) -> TextSource;

/// Builds the search. Words and filters are both answered from the engine's text index (filters
/// as facet tokens), read in `search_rank` order and cut where the page ends; a tier is only asked
/// for when the better ones did not fill the page. So a broad query ("dang ky", "g"), with or
/// without filters, reads a few dozen index entries instead of sorting or joining every match.
/// The count stops at [`COUNT_LIMIT`]. `agency_code` is the filter's agency, already looked up.
pub fn search_sql(filter: &ProcedureFilter, agency_code: Option<&str>, text: TextMatcher) -> SearchSql {
    let query = SearchQuery::parse(&filter.q);
    let facets = facets::of_filter(filter, agency_code);
    let statement = |source: &dyn Fn(&mut Binds) -> (String, String, String), counting: bool| {
        let mut binds = Binds::default();
        let (from, condition, order) = source(&mut binds);
        let sql = if counting {
            let cap = binds.int(COUNT_LIMIT as i64 + 1);
            format!("SELECT count(*) FROM (SELECT 1 FROM {from} WHERE {condition} LIMIT {cap}) c")
        } else {
            let limit = binds.next();
            format!("SELECT p.summary FROM {from} WHERE {condition} ORDER BY {order} LIMIT {limit}")
        };
        Statement { sql, binds }
    };
    let plain = |condition: &dyn Fn(&mut Binds) -> (String, String)| {
        let source = |binds: &mut Binds| {
            let (condition, order) = condition(binds);
            ("procedures p".to_owned(), condition, order)
        };
        SearchSql { pages: vec![statement(&source, false)], count: statement(&source, true) }
    };
    let indexed_count = |words| indexed(text, words, &facets, true);
    let indexed = |words| indexed(text, words, &facets, false);
    if let Some(code) = &query.code {
        // A code names one procedure (and a national code its local instances), whatever the filters.
        plain(&|binds: &mut Binds| {
            let code = binds.text(code.clone());
            (
                format!("(p.code = {code} OR p.national_code = {code})"),
                format!("CASE WHEN p.code = {code} THEN 0 ELSE 1 END, p.search_rank"),
            )
        })
    } else if !query.words.is_empty() {
        let words = query.words.as_slice();
        SearchSql {
            pages: TEXT_TIERS
                .iter()
                .map(|&tier| statement(&indexed(Some((words, TextCondition::Tier(tier)))), false))
                .collect(),
            count: statement(&indexed_count(Some((words, TextCondition::AllWords))), true),
        }
    } else if !facets.is_empty() {
        SearchSql { pages: vec![statement(&indexed(None), false)], count: statement(&indexed_count(None), true) }
    } else {
        plain(&|_: &mut Binds| ("TRUE".to_owned(), "p.search_rank".to_owned()))
    }
}

/// A statement source answered from the engine's index; `counting` selects from what a count
/// needs, which is often less than what a page of summaries needs.
fn indexed<'a>(
    text: TextMatcher,
    words: Option<(&'a [String], TextCondition)>,
    facets: &'a [String],
    counting: bool,
) -> impl Fn(&mut Binds) -> (String, String, String) + 'a {
    move |binds| {
        let s = text(&Match { words, facets }, binds);
        let from = if counting { s.count_from } else { s.from };
        (from.to_owned(), s.condition, s.rank.to_owned())
    }
}

/// Filters as index tokens. A procedure's facets are stored beside its text; a filter asks for
/// tokens that must all be present. Tokens are ASCII letters and digits with a `zz` prefix, so
/// both engines' tokenizers keep each whole and no folded Vietnamese word collides with them.
pub mod facets {
    use civicdesk_domain::agency::AgencyLevel;
    use civicdesk_domain::catalogue::ProcedureFilter;
    use civicdesk_domain::procedure::{OnlineLevel, Procedure, ProcedureStatus, Subject};

    fn token(kind: &str, value: &str) -> String {
        let value: String = value.chars().filter(char::is_ascii_alphanumeric).collect();
        format!("zz{kind}{}", value.to_ascii_lowercase())
    }
    fn level(l: AgencyLevel) -> String {
        token("lv", l.slug())
    }
    fn subject(s: Subject) -> String {
        token("sj", s.slug())
    }
    fn online(o: OnlineLevel) -> String {
        token("ol", o.slug())
    }
    fn status(s: ProcedureStatus) -> String {
        token("st", s.slug())
    }
    fn field(code: &str) -> String {
        token("f", code)
    }
    fn agency(code: &str) -> String {
        token("ag", code)
    }

    /// The tokens stored for a procedure.
    pub fn of_procedure(p: &Procedure) -> String {
        let mut tokens: Vec<String> = p.levels.iter().map(|l| level(*l)).collect();
        tokens.extend(p.subjects.iter().map(|s| subject(*s)));
        tokens.push(online(p.online_level));
        tokens.push(status(p.status));
        tokens.extend(p.fields.iter().map(|f| field(&f.code)));
        tokens.extend(p.agencies.implementing.iter().map(|a| agency(&a.code)));
        tokens.join(" ")
    }

    /// The tokens a filter requires; `agency_code` is the code of the filter's agency slug.
    pub fn of_filter(f: &ProcedureFilter, agency_code: Option<&str>) -> Vec<String> {
        let mut tokens = Vec::new();
        tokens.extend(f.level.map(level));
        tokens.extend(f.subject.map(subject));
        tokens.extend(f.online.map(online));
        tokens.extend(f.status.map(status));
        tokens.extend(f.field.as_deref().map(field));
        tokens.extend(agency_code.map(agency));
        tokens
    }
}

/// The national part of a code: `1.001612` of `1.001612.000.00.00.H01`.
pub fn national_code(code: &str) -> &str {
    code.match_indices('.').nth(1).map_or(code, |(i, _)| &code[..i])
}

/// Renumbers `search_rank` in the directory's order: in force first, most used first, then in
/// the order procedures were first stored (the same on every engine).
/// Recounts the procedures of each field and implementing agency (`catalogue_counts`), in the
/// import's transaction.
pub const RECOUNT: [&str; 3] = [
    "DELETE FROM catalogue_counts",
    "INSERT INTO catalogue_counts (kind, code, procedures) \
     SELECT 'field', field_code, count(*) FROM procedure_fields GROUP BY field_code",
    "INSERT INTO catalogue_counts (kind, code, procedures) \
     SELECT 'agency', agency_code, count(*) FROM procedure_agencies WHERE role = 'implementing' GROUP BY agency_code",
];

pub const RENUMBER_RANKS: &str = "UPDATE procedures SET search_rank = ranked.n FROM \
     (SELECT id, row_number() OVER (ORDER BY in_force DESC, popularity DESC, id) AS n FROM procedures) AS ranked \
     WHERE ranked.id = procedures.id AND procedures.search_rank <> ranked.n";

fn level_bit(level: AgencyLevel) -> i64 {
    1 << (level as u32)
}

/// The columns a procedure is filtered and ranked by, derived from its record.
pub struct ProcedureColumns {
    pub national_code: String,
    pub facets: String,
    pub status: String,
    pub in_force: bool,
    pub online_level: String,
    pub level_mask: i64,
    pub for_individuals: bool,
    pub for_organisations: bool,
    pub summary: String,
    pub record: String,
    pub name_search: String,
    pub body_search: String,
}

impl ProcedureColumns {
    pub fn of(p: &Procedure) -> Self {
        ProcedureColumns {
            national_code: national_code(&p.code).to_owned(),
            facets: facets::of_procedure(p),
            status: to_text(&p.status),
            in_force: p.status.in_force(),
            online_level: to_text(&p.online_level),
            level_mask: p.levels.iter().map(|l| level_bit(*l)).fold(0, |a, b| a | b),
            for_individuals: p.serves(Subject::Individual),
            for_organisations: p.serves(Subject::Organisation),
            summary: to_json(&ProcedureSummary::from(p)),
            record: to_json(p),
            name_search: search_text(&format!("{} {}", p.name, p.code)),
            body_search: search_text(&p.body_text()),
        }
    }
}

/// The change history from stored revisions, newest first.
/// One revision as the change history tells it: what differs from the one before (nothing for
/// the first).
fn revision_summary(
    number: i64,
    recorded_at: DateTime<Utc>,
    record: &Procedure,
    previous: Option<&Procedure>,
) -> RevisionSummary {
    RevisionSummary {
        number: u32::try_from(number).unwrap_or_default(),
        recorded_at,
        status: record.status,
        decision: record.decision.clone(),
        changed: previous.map(|p| record.changed_parts(p)).unwrap_or_default(),
    }
}

pub fn revision_history(rows: Vec<(i64, DateTime<Utc>, String)>) -> Result<Vec<RevisionSummary>, StoreError> {
    let mut previous: Option<Procedure> = None;
    let mut history = Vec::with_capacity(rows.len());
    for (number, recorded_at, record) in rows {
        let record: Procedure = from_json(&record)?;
        history.push(revision_summary(number, recorded_at, &record, previous.as_ref()));
        previous = Some(record);
    }
    history.reverse();
    Ok(history)
}

/// The catalogue's revisions, each with the record before it (none for the first), as
/// [`ChangeRow`]s; the reader adds the order and the range.
pub const CHANGES: &str = "SELECT r.procedure_id, p.code, p.name, r.number, r.recorded_at, r.record, \
    prev.record AS previous FROM procedure_revisions r JOIN procedures p ON p.id = r.procedure_id \
    LEFT JOIN procedure_revisions prev ON prev.procedure_id = r.procedure_id AND prev.number = r.number - 1";

/// A revision of the catalogue's list of changes, with the record before it (none for the first).
#[derive(sqlx::FromRow)]
pub struct ChangeRow {
    procedure_id: i64,
    code: String,
    name: String,
    number: i64,
    recorded_at: DateTime<Utc>,
    record: String,
    previous: Option<String>,
}

impl ChangeRow {
    /// Where a reader stands after this revision.
    pub fn cursor(&self) -> ChangeCursor {
        ChangeCursor { at: self.recorded_at, procedure: self.procedure_id }
    }

    pub fn into_change(self) -> Result<ProcedureChange, StoreError> {
        let record: Procedure = from_json(&self.record)?;
        let previous: Option<Procedure> = self.previous.as_deref().map(from_json).transpose()?;
        Ok(ProcedureChange {
            revision: revision_summary(self.number, self.recorded_at, &record, previous.as_ref()),
            procedure: ProcedureLink { code: self.code, name: self.name },
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct AgencyRow {
    pub code: String,
    pub slug: String,
    pub name: String,
    pub level: String,
    pub parent: Option<String>,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub office_hours: String,
    pub cutoff: String,
    pub website: Option<String>,
    pub coordinating: bool,
}

impl AgencyRow {
    pub fn into_agency(self) -> Result<Agency, StoreError> {
        Ok(Agency {
            level: from_text(&self.level)?,
            code: self.code,
            slug: self.slug,
            name: self.name,
            parent: self.parent,
            email: self.email,
            phone: self.phone,
            address: self.address,
            office_hours: self.office_hours,
            cutoff: self.cutoff,
            website: self.website,
            coordinating: self.coordinating,
        })
    }
}

/// Adds an agency; a code already stored is refused (a unique violation).
pub const INSERT_AGENCY: &str = "INSERT INTO agencies (code, slug, name, level, parent, email, phone, address, \
    office_hours, cutoff, website, coordinating) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

/// Adds an agency or replaces every value of the one with its code.
pub const UPSERT_AGENCY: &str = "INSERT INTO agencies (code, slug, name, level, parent, email, phone, address, \
    office_hours, cutoff, website, coordinating) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
    ON CONFLICT (code) DO UPDATE SET slug = excluded.slug, name = excluded.name, level = excluded.level, \
    parent = excluded.parent, email = excluded.email, phone = excluded.phone, address = excluded.address, \
    office_hours = excluded.office_hours, cutoff = excluded.cutoff, website = excluded.website, \
    coordinating = excluded.coordinating";

/// Binds an agency's values in the order of [`INSERT_AGENCY`] and [`UPSERT_AGENCY`].
pub fn bind_agency<'q, DB: sqlx::Database>(
    query: sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>,
    a: &Agency,
) -> sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>
where
    String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<String>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    bool: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    query
        .bind(a.code.clone())
        .bind(a.slug.clone())
        .bind(a.name.clone())
        .bind(to_text(&a.level))
        .bind(a.parent.clone())
        .bind(a.email.clone())
        .bind(a.phone.clone())
        .bind(a.address.clone())
        .bind(a.office_hours.clone())
        .bind(a.cutoff.clone())
        .bind(a.website.clone())
        .bind(a.coordinating)
}

/// Adds an area or replaces the one with its code.
pub const UPSERT_AREA: &str = "INSERT INTO areas (code, name, agency, parent) VALUES ($1, $2, $3, $4) \
    ON CONFLICT (code) DO UPDATE SET name = excluded.name, agency = excluded.agency, parent = excluded.parent";

pub const AGENCY_COLUMNS: &str =
    "code, slug, name, level, parent, email, phone, address, office_hours, cutoff, website, coordinating";

/// Orders by level of government, the coordinating office first within its level, then by
/// name as a Vietnamese reader expects (accents do not push "Đ" after "Z").
pub fn agency_order(a: &Agency) -> (AgencyLevel, bool, String) {
    (a.level, !a.coordinating, fold(&a.name))
}

/// An enum's serde name (`"working_days"`), the form it is stored in.
pub fn to_text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => unreachable!("stored enums serialise as strings, got {other:?}"),
    }
}

pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|e| StoreError::Corrupt(format!("{text:?}: {e}")))
}

pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("domain records always serialise")
}

pub fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(e.to_string()))
}
