//! The satisfaction survey: a survey checked and kept, and the results of a period by agency and
//! question.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use civicdesk_domain::catalogue::AgencyLink;
use civicdesk_domain::feedback::Problem;
use civicdesk_domain::stats::Span;
use civicdesk_domain::store::{Store, StoreError, StoreResult};
use civicdesk_domain::survey::{SurveyError, SurveyField, SurveyForm, SurveyResults};

#[derive(Debug, thiserror::Error)]
pub enum SurveyRefused {
    #[error("the survey has errors")]
    Invalid(Vec<SurveyError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A period's results: in all, and for each agency that was surveyed, by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeriodResults {
    pub total: SurveyResults,
    pub agencies: Vec<(AgencyLink, SurveyResults)>,
}

#[derive(Clone)]
pub struct Surveys {
    store: Arc<dyn Store>,
}

impl Surveys {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Surveys { store }
    }

    /// Checks and keeps a survey sent `at`: the agency (by slug or code) and any procedure must
    /// exist.
    pub async fn submit(&self, form: &SurveyForm, at: DateTime<Utc>) -> Result<(), SurveyRefused> {
        let checked = form.validate();
        let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
        let agency = match form.agency.trim() {
            "" => None,
            slug => self.store.agency(slug).await?,
        };
        if agency.is_none() && !form.agency.trim().is_empty() {
            errors.push(SurveyError { field: SurveyField::Agency, problem: Problem::Unknown });
        }
        let procedure = form.procedure.trim();
        if !procedure.is_empty()
            && !errors.iter().any(|e| e.field == SurveyField::Procedure)
            && self.store.procedure_for_case(procedure).await?.is_none()
        {
            errors.push(SurveyError { field: SurveyField::Procedure, problem: Problem::Unknown });
        }
        let (Ok(mut survey), Some(agency), true) = (checked, agency, errors.is_empty()) else {
            errors.sort_by_key(|e| e.field);
            return Err(SurveyRefused::Invalid(errors));
        };
        survey.agency = agency.code;
        self.store.save_survey(&survey, at, civicdesk_domain::calendar::local_day(at)).await?;
        Ok(())
    }

    /// The answers of `span`, for the agency with `agency`'s code or all.
    pub async fn results(&self, span: Span, agency: Option<&str>) -> StoreResult<PeriodResults> {
        let counts = self.store.survey_counts(span, agency).await?;
        let links: BTreeMap<String, AgencyLink> =
            self.store.agencies().await?.iter().map(|a| (a.agency.code.clone(), AgencyLink::of(&a.agency))).collect();
        let mut total = SurveyResults::default();
        let mut by_agency: BTreeMap<String, SurveyResults> = BTreeMap::new();
        for (code, question, value, n) in counts {
            total.add(question, value, n);
            by_agency.entry(code).or_default().add(question, value, n);
        }
        let mut agencies: Vec<(AgencyLink, SurveyResults)> = by_agency
            .into_iter()
            .map(|(code, results)| {
                let link =
                    links.get(&code).cloned().unwrap_or(AgencyLink { slug: String::new(), name: code.clone(), code });
                (link, results)
            })
            .collect();
        agencies.sort_by_key(|(a, _)| civicdesk_domain::text::fold(&a.name));
        Ok(PeriodResults { total, agencies })
    }
}
