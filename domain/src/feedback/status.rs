//! Where a case stands, what the public sees of it, and the channel it came by.

use serde::{Deserialize, Serialize};

/// Where a case stands. Staff see these; the public sees [`PublicStatus`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Received,
    InProgress,
    AwaitingInformation,
    AnswerDrafted,
    AnswerApproved,
    Published,
    Closed,
    Refused,
    Withdrawn,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 9] = [
        CaseStatus::Received,
        CaseStatus::InProgress,
        CaseStatus::AwaitingInformation,
        CaseStatus::AnswerDrafted,
        CaseStatus::AnswerApproved,
        CaseStatus::Published,
        CaseStatus::Closed,
        CaseStatus::Refused,
        CaseStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Received => "received",
            CaseStatus::InProgress => "in_progress",
            CaseStatus::AwaitingInformation => "awaiting_information",
            CaseStatus::AnswerDrafted => "answer_drafted",
            CaseStatus::AnswerApproved => "answer_approved",
            CaseStatus::Published => "published",
            CaseStatus::Closed => "closed",
            CaseStatus::Refused => "refused",
            CaseStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn public(self) -> PublicStatus {
        match self {
            CaseStatus::Received => PublicStatus::Received,
            CaseStatus::InProgress | CaseStatus::AnswerDrafted | CaseStatus::AnswerApproved => PublicStatus::InProgress,
            CaseStatus::AwaitingInformation => PublicStatus::AwaitingInformation,
            CaseStatus::Published | CaseStatus::Closed => PublicStatus::Answered,
            CaseStatus::Refused => PublicStatus::Refused,
            CaseStatus::Withdrawn => PublicStatus::Withdrawn,
        }
    }

    /// Whether the submitter can still add information or withdraw.
    pub fn is_open(self) -> bool {
        !matches!(self, CaseStatus::Published | CaseStatus::Closed | CaseStatus::Refused | CaseStatus::Withdrawn)
    }
}

/// The status shown to everyone (PRODUCT.md): Đã tiếp nhận · Đang xử lý · Chờ bổ sung thông tin ·
/// Đã trả lời · Không tiếp nhận · Đã rút.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PublicStatus {
    Received,
    InProgress,
    AwaitingInformation,
    Answered,
    Refused,
    Withdrawn,
}

/// Submitted through which channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = FeedbackChannel))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Web,
    Api,
    Email,
    Phone,
    Paper,
}

impl Channel {
    pub const ALL: [Channel; 5] = [Channel::Web, Channel::Api, Channel::Email, Channel::Phone, Channel::Paper];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Api => "api",
            Channel::Email => "email",
            Channel::Phone => "phone",
            Channel::Paper => "paper",
        }
    }
}
