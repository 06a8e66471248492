//! The public record: how many cases each agency received and how it handled them, in reporting
//! periods, with the rates of Decision 766/QĐ-TTg and how sure each rate is. Every figure is
//! defined here once, as a pure function of the cases' facts (`figures`); the periods are in
//! `period`, the rates, intervals, bands and ranking in `rates`, the running totals that storage
//! keeps of them in `tally`, and an agency's scorecard and the agencies' ranking in `scorecard`.

pub mod buckets;
pub mod figures;
pub mod period;
pub mod rates;
pub mod scorecard;
pub mod tally;

pub use figures::{
    CaseFacts, Counts, DaysToAnswer, End, LONGEST_DAYS, RefusedFor, Timing, counts, days_to_answer, on_time,
    published_promptly, satisfaction,
};
pub use period::{Basis, Period, PeriodKind, Span};
pub use rates::{Band, DEFAULT_MIN_SAMPLE, Interval, Rate, median_and_p90, rank};
pub use scorecard::{OpenToday, RankBy, Ranking, Scorecard, Standing};
pub use tally::{
    AgencyFigures, Delta, FieldFigures, Figures, Key, Measure, RecordView, STATES, Scope, Sums, Tally, assemble,
    change, contributions,
};
