//! The values bound to statements built at run time (searches, queue views, the audit trail's
//! filters), and the `$n` placeholders that stand for them in the SQL. SQLite accepts `$n` too.

use chrono::{DateTime, NaiveDate, Utc};

/// A value bound to a built statement.
pub enum Bind {
    Text(String),
    Int(i64),
    Date(NaiveDate),
    Time(DateTime<Utc>),
}

/// Collects bind values and hands out their placeholders.
#[derive(Default)]
pub struct Binds(pub Vec<Bind>);

impl Binds {
    /// Binds `value`; returns its placeholder.
    pub fn push(&mut self, value: Bind) -> String {
        self.0.push(value);
        format!("${}", self.0.len())
    }

    pub fn text(&mut self, value: impl Into<String>) -> String {
        self.push(Bind::Text(value.into()))
    }

    pub fn int(&mut self, value: i64) -> String {
        self.push(Bind::Int(value))
    }

    pub fn date(&mut self, value: NaiveDate) -> String {
        self.push(Bind::Date(value))
    }

    /// The placeholder the next value will have (for a value bound by the caller).
    pub fn next(&self) -> String {
        format!("${}", self.0.len() + 1)
    }
}
