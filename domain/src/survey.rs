//! The one-stop satisfaction survey (phiếu khảo sát): its questions on their scales (DOMAIN.md
//! §1.7), the form as typed and what it is checked into, and the share of answers that count as
//! satisfied, for each question. A survey holds no personal data; its comment is kept private.

use serde::{Deserialize, Serialize};

use crate::feedback::Problem;
use crate::feedback::{clean_line, clean_text};
use crate::stats::Rate;

/// Each question, with the scale it is answered on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Question {
    Overall,
    Convenience,
    OnTimeResult,
    StaffAttitude,
    TimeVsLimit,
    Visits,
    AgenciesVisited,
    Publicity,
    FeedbackHandling,
    OnlineQuality,
}

/// A question's answers, numbered from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scale {
    /// 1 very dissatisfied … 5 very satisfied; 4 and 5 count as satisfied.
    Satisfaction,
    /// 1 earlier than promised, 2 as promised, 3 later; 1 and 2 count.
    Promise,
    /// 1 shorter than the legal limit, 2 the same, 3 longer; 1 and 2 count.
    Limit,
    /// 1, 2, or 3 or more (visits, agencies); only 1 counts.
    Times,
}

impl Scale {
    /// How many answers it has.
    pub fn answers(self) -> u8 {
        match self {
            Scale::Satisfaction => 5,
            Scale::Promise | Scale::Limit | Scale::Times => 3,
        }
    }

    /// Whether answer `value` counts as satisfied.
    pub fn satisfied(self, value: u8) -> bool {
        match self {
            Scale::Satisfaction => value >= 4,
            Scale::Promise | Scale::Limit => value <= 2,
            Scale::Times => value == 1,
        }
    }
}

impl Question {
    pub const ALL: [Question; 10] = [
        Question::Overall,
        Question::Convenience,
        Question::OnTimeResult,
        Question::StaffAttitude,
        Question::TimeVsLimit,
        Question::Visits,
        Question::AgenciesVisited,
        Question::Publicity,
        Question::FeedbackHandling,
        Question::OnlineQuality,
    ];

    pub fn scale(self) -> Scale {
        match self {
            Question::OnTimeResult => Scale::Promise,
            Question::TimeVsLimit => Scale::Limit,
            Question::Visits | Question::AgenciesVisited => Scale::Times,
            _ => Scale::Satisfaction,
        }
    }

    /// Its name in forms and storage.
    pub fn as_str(self) -> &'static str {
        match self {
            Question::Overall => "hai-long-chung",
            Question::Convenience => "thuan-tien",
            Question::OnTimeResult => "dung-hen",
            Question::StaffAttitude => "thai-do",
            Question::TimeVsLimit => "thoi-gian",
            Question::Visits => "so-lan-di-lai",
            Question::AgenciesVisited => "so-co-quan",
            Question::Publicity => "cong-khai",
            Question::FeedbackHandling => "phan-anh",
            Question::OnlineQuality => "truc-tuyen",
        }
    }

    pub fn parse(word: &str) -> Option<Self> {
        Question::ALL.into_iter().find(|q| q.as_str() == word)
    }

    /// Whether the survey needs an answer to it (the overall satisfaction, which is the Decision
    /// 766 figure).
    pub fn required(self) -> bool {
        self == Question::Overall
    }
}

/// A field of the survey form, for errors shown beside it; in the order the form shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SurveyField {
    Agency,
    Procedure,
    Receipt,
    Answer(Question),
    Comment,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyError {
    pub field: SurveyField,
    pub problem: Problem,
}

/// Limits of the form, in characters after trimming.
pub mod limits {
    pub const RECEIPT: usize = 60;
    pub const COMMENT: usize = 2_000;
}

/// The form as typed, every value kept as a string so a page with errors can show it back.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyForm {
    pub agency: String,
    pub procedure: String,
    pub receipt: String,
    /// By question, the answer's number as typed.
    pub answers: Vec<(Question, String)>,
    pub comment: String,
}

/// A survey as checked: the agency's code (or slug, until storage resolves it), answers on their
/// scales.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Survey {
    pub agency: String,
    pub procedure: Option<String>,
    pub receipt: Option<String>,
    pub answers: Vec<(Question, u8)>,
    pub comment: Option<String>,
}

impl SurveyForm {
    /// The form from posted fields: `co-quan`, `thu-tuc`, `ma-ho-so`, `y-kien` and one per
    /// question by its name.
    pub fn from_fields(get: impl Fn(&str) -> Option<String>) -> Self {
        SurveyForm {
            agency: get("co-quan").unwrap_or_default(),
            procedure: get("thu-tuc").unwrap_or_default(),
            receipt: get("ma-ho-so").unwrap_or_default(),
            answers: Question::ALL
                .into_iter()
                .filter_map(|q| get(q.as_str()).filter(|v| !v.trim().is_empty()).map(|v| (q, v)))
                .collect(),
            comment: get("y-kien").unwrap_or_default(),
        }
    }

    /// The answer typed for `question`.
    pub fn answer(&self, question: Question) -> &str {
        self.answers.iter().find(|(q, _)| *q == question).map_or("", |(_, v)| v.as_str())
    }

    /// Checks the form: the agency and the overall answer are required, each answer on its
    /// scale, the receipt code a code, the comment text. Whether the agency and procedure exist
    /// is for the caller, which knows them.
    pub fn validate(&self) -> Result<Survey, Vec<SurveyError>> {
        let mut errors = Vec::new();
        let mut fail = |field, problem| errors.push(SurveyError { field, problem });
        let agency = self.agency.trim().to_owned();
        if agency.is_empty() {
            fail(SurveyField::Agency, Problem::Required);
        }
        let procedure = self.procedure.trim();
        let procedure = match procedure {
            "" => None,
            p if p.len() <= crate::feedback::limits::CODE && p.chars().all(is_code_char) => Some(p.to_owned()),
            _ => {
                fail(SurveyField::Procedure, Problem::Unknown);
                None
            }
        };
        let receipt = match clean_line(&self.receipt) {
            None => {
                fail(SurveyField::Receipt, Problem::BadCharacters);
                None
            }
            Some(r) if r.is_empty() => None,
            Some(r) if r.chars().count() > limits::RECEIPT => {
                fail(SurveyField::Receipt, Problem::TooLong { max: limits::RECEIPT });
                None
            }
            Some(r) if !r.chars().all(is_code_char) => {
                fail(SurveyField::Receipt, Problem::BadCharacters);
                None
            }
            Some(r) => Some(r),
        };
        let mut answers = Vec::new();
        for question in Question::ALL {
            let typed = self.answer(question).trim();
            match typed.parse::<u8>() {
                _ if typed.is_empty() => {
                    if question.required() {
                        fail(SurveyField::Answer(question), Problem::Required);
                    }
                }
                Ok(v) if (1..=question.scale().answers()).contains(&v) => answers.push((question, v)),
                _ => fail(SurveyField::Answer(question), Problem::Choice),
            }
        }
        let comment = match clean_text(&self.comment) {
            None => {
                fail(SurveyField::Comment, Problem::BadCharacters);
                None
            }
            Some(c) if c.is_empty() => None,
            Some(c) if c.chars().count() > limits::COMMENT => {
                fail(SurveyField::Comment, Problem::TooLong { max: limits::COMMENT });
                None
            }
            Some(c) => Some(c),
        };
        if errors.is_empty() { Ok(Survey { agency, procedure, receipt, answers, comment }) } else { Err(errors) }
    }
}

/// Letters a procedure or receipt code is written with.
fn is_code_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/' | '_')
}

/// One question's answers in a period: how many gave each answer, and the share satisfied with
/// its 95 % interval (DOMAIN.md §1.7: for "satisfaction with procedures", the share of
/// "satisfied or very satisfied" stands for the agency's figure where there are no case files).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub question: Question,
    /// Index 0 is answer 1.
    pub counts: Vec<u64>,
}

impl QuestionResult {
    pub fn empty(question: Question) -> Self {
        QuestionResult { question, counts: vec![0; usize::from(question.scale().answers())] }
    }

    pub fn add(&mut self, value: u8, n: u64) {
        if let Some(slot) = usize::from(value).checked_sub(1).and_then(|i| self.counts.get_mut(i)) {
            *slot += n;
        }
    }

    /// The share who answered as satisfied, of those who answered.
    pub fn satisfied(&self) -> Rate {
        let scale = self.question.scale();
        let mut rate = Rate::default();
        for (i, n) in self.counts.iter().enumerate() {
            rate.total += n;
            if scale.satisfied(u8::try_from(i + 1).unwrap_or(u8::MAX)) {
                rate.hits += n;
            }
        }
        rate
    }
}

/// Every question's results for one agency (or all).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyResults {
    pub questions: Vec<QuestionResult>,
}

impl Default for SurveyResults {
    fn default() -> Self {
        SurveyResults { questions: Question::ALL.into_iter().map(QuestionResult::empty).collect() }
    }
}

impl SurveyResults {
    pub fn add(&mut self, question: Question, value: u8, n: u64) {
        if let Some(r) = self.questions.iter_mut().find(|r| r.question == question) {
            r.add(value, n);
        }
    }

    pub fn of(&self, question: Question) -> &QuestionResult {
        self.questions.iter().find(|r| r.question == question).expect("every question has a result")
    }

    /// How many surveys: those that answered the one required question.
    pub fn surveys(&self) -> u64 {
        self.of(Question::Overall).counts.iter().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(answers: &[(Question, &str)]) -> SurveyForm {
        SurveyForm {
            agency: "so-tu-phap".into(),
            answers: answers.iter().map(|(q, v)| (*q, (*v).to_owned())).collect(),
            ..SurveyForm::default()
        }
    }

    #[test]
    fn only_the_agency_and_the_overall_answer_are_required_and_answers_stay_on_their_scale() {
        let ok = form(&[(Question::Overall, "4"), (Question::Visits, "3")]).validate().unwrap();
        assert_eq!(ok.answers, vec![(Question::Overall, 4), (Question::Visits, 3)]);
        let errors = SurveyForm {
            receipt: "<script>".into(),
            comment: "a\u{0}b".into(),
            ..form(&[(Question::Visits, "4"), (Question::Convenience, "x")])
        }
        .validate()
        .unwrap_err();
        let fields: Vec<SurveyField> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                SurveyField::Receipt,
                SurveyField::Answer(Question::Overall),
                SurveyField::Answer(Question::Convenience),
                SurveyField::Answer(Question::Visits),
                SurveyField::Comment
            ]
        );
        let none = SurveyForm::default().validate().unwrap_err();
        assert_eq!(none[0], SurveyError { field: SurveyField::Agency, problem: Problem::Required });
    }

    #[test]
    fn satisfied_is_each_scale_s_good_end() {
        let mut r = QuestionResult::empty(Question::Overall);
        for (v, n) in [(1, 2), (3, 3), (4, 4), (5, 1)] {
            r.add(v, n);
        }
        assert_eq!(r.satisfied(), Rate::new(5, 10));
        let mut visits = QuestionResult::empty(Question::Visits);
        visits.add(1, 6);
        visits.add(2, 3);
        visits.add(3, 1);
        visits.add(9, 100);
        assert_eq!(visits.satisfied(), Rate::new(6, 10), "an answer off the scale is not counted");
    }
}
