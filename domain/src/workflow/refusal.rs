//! Why a case is not accepted (Decree 20/2008 Art. 8 and what belongs to another channel).

use serde::{Deserialize, Serialize};

/// Why a case is not accepted (DOMAIN.md §1.2–1.3). Lack of competence is never one: that is a
/// transfer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Refusal {
    /// Fails the legal requirements of a submission (Decree 20 Art. 7).
    Requirements,
    /// A complaint: the submitter is guided to the Law on Complaints' channel.
    Complaint,
    /// A denunciation: guided to the Law on Denunciations' channel.
    Denunciation,
    /// The same matter as another case, which is handled instead.
    Duplicate { of: String },
}

impl Refusal {
    pub fn as_str(&self) -> &'static str {
        match self {
            Refusal::Requirements => "requirements",
            Refusal::Complaint => "complaint",
            Refusal::Denunciation => "denunciation",
            Refusal::Duplicate { .. } => "duplicate",
        }
    }
}
