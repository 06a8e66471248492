//! `/can-bo/ghi-nhan`: an official records feedback received by phone or on paper.

use leptos::prelude::*;

use super::{Me, StaffBar};
use crate::components::LoadFailed;
use crate::i18n::{use_lang, use_texts};
use crate::pages::PageTitle;

/// Who is recording, and what the form offers.
#[server]
pub async fn get_record_form() -> Result<(Me, crate::components::feedback_form::FormChoices), ServerFnError> {
    let me = super::me().await?;
    Ok((me, crate::pages::feedback::get_form_choices(String::new()).await?))
}

/// `/can-bo/ghi-nhan`: an official records feedback received by phone or on paper.
#[component]
pub fn RecordPage() -> impl IntoView {
    use civicdesk_domain::feedback::{FeedbackForm, SubmitterKind};

    use crate::components::feedback_form::{FeedbackFormView, OnBehalf};
    use crate::pages::feedback::{Posted, use_posted};
    let t = use_texts();
    let lang = use_lang();
    let s = lang.staff();
    let data = Resource::new(|| (), |_| get_record_form());
    let posted = use_posted();
    view! {
        <PageTitle text=s.record_title />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let posted = posted.await;
                match data.await {
                    Ok((me, choices)) => {
                        let (form, errors, channel) = match posted {
                            Some(Posted::OnBehalf { form, errors, channel }) => (*form, errors, channel),
                            _ => (
                                FeedbackForm { submitter_kind: SubmitterKind::Individual.as_str().to_owned(), ..FeedbackForm::default() },
                                Vec::new(),
                                "phone".to_owned(),
                            ),
                        };
                        let on_behalf = OnBehalf {
                            csrf: me.csrf.clone(),
                            channel,
                            title: s.record_title.to_owned(),
                            intro: s.record_intro.to_owned(),
                            channel_label: s.record_channel.to_owned(),
                            phone: s.channels[3].to_owned(),
                            paper: s.channels[4].to_owned(),
                        };
                        view! {
                            <StaffBar me />
                            <FeedbackFormView lang choices form errors automated=false on_behalf />
                        }.into_any()
                    }
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
