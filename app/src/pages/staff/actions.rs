//! The case page's forms: one per action the official may take now.

use civicdesk_domain::cases::EventKind;
use leptos::prelude::*;

use super::{ActionPosted, StaffCase};
use crate::components::text_area::TextArea;
use crate::i18n::{date, use_lang};
use crate::islands::use_template::UseTemplate;

/// One form per action the official may take now.
#[component]
pub(super) fn ActionForms(data: StaffCase, posted: Option<ActionPosted>) -> impl IntoView {
    let lang = use_lang();
    let f = lang.feedback();
    let s = lang.staff();
    let code = data.case.code.to_string();
    let action_url = lang.href(&format!("/can-bo/phan-anh/{code}"));
    let csrf = data.me.csrf.clone();
    // A refused post comes back with what was typed.
    let typed = move |action: &str, field: &str| ActionPosted::typed(&posted, action, field);
    let h = data.case.handling.clone();
    let form = {
        let action_url = action_url.clone();
        let csrf = csrf.clone();
        move |action: &'static str, body: AnyView, button: &'static str, secondary: bool| {
            view! {
                <form method="post" action=action_url.clone() class=format!("action-form action-{action}")>
                    <input type="hidden" name="csrf" value=csrf.clone() />
                    <input type="hidden" name="action" value=action />
                    {body}
                    <p><button type="submit" class=if secondary { "button button-secondary" } else { "button" }>{button}</button></p>
                </form>
            }
        }
    };
    let text_field = move |action: &'static str, name: &'static str, label: &'static str, rows: u32, value: String| {
        let id = format!("f-{action}-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <TextArea value={value} {..} id=id name=name rows=rows.to_string() maxlength="20000" required=true />
            </div>
        }
    };
    data.offered
        .iter()
        .map(|action| {
            let action: &'static str = match action.as_str() {
                "accept" => "accept",
                "claim" => "claim",
                "assign" => "assign",
                "draft_answer" => "draft_answer",
                "approve" => "approve",
                "return" => "return",
                "publish" => "publish",
                "close" => "close",
                "request_information" => "request_information",
                "progress_update" => "progress_update",
                "transfer" => "transfer",
                "refuse" => "refuse",
                "redact" => "redact",
                _ => "note",
            };
            let body: AnyView = match action {
                "accept" | "claim" | "approve" | "publish" | "close" => ().into_any(),
                "assign" => view! {
                    <div class="field">
                        <label for="f-assign-assignee">{s.assign_to}</label>
                        <select id="f-assign-assignee" name="assignee" required>
                            <option value="">{s.choose_official}</option>
                            {data.officials.iter().map(|(id, name)| view! {
                                <option value=id.to_string() selected=h.assignee == Some(*id)>{name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                }
                .into_any(),
                "draft_answer" => {
                    let current = Some(typed(action, "text")).filter(|t| !t.is_empty()).or_else(|| h.answer.clone());
                    // Once the island runs, a template goes into the answer with one click;
                    // without JavaScript it is there to copy.
                    view! {
                        {(!data.templates.is_empty()).then(|| view! {
                            <details class="templates">
                                <summary>{s.templates}</summary>
                                {data.templates.iter().map(|(title, body)| {
                                    view! {
                                        <h4>{title.clone()}</h4>
                                        <p class="event-text">{body.clone()}</p>
                                        <UseTemplate label=s.use_template.to_owned() body=body.clone()
                                            target="f-draft_answer-text".to_owned() />
                                    }
                                }).collect_view()}
                            </details>
                        })}
                        <div class="field">
                            <label for="f-draft_answer-text">{s.answer_text}</label>
                            <TextArea value={current.unwrap_or_default()} {..} id="f-draft_answer-text" name="text" rows="10"
                                maxlength="20000" required=true />
                        </div>
                    }
                    .into_any()
                }
                "return" => text_field(action, "reason", s.return_reason, 3, typed(action, "reason")).into_any(),
                "request_information" => {
                    text_field(action, "message", s.information_message, 4, typed(action, "message")).into_any()
                }
                "progress_update" => text_field(action, "text", s.progress_text, 4, typed(action, "text")).into_any(),
                "transfer" => view! {
                    <div class="field">
                        <label for="f-transfer-agency">{s.transfer_to}</label>
                        <select id="f-transfer-agency" name="agency" required>
                            <option value="">{s.choose_agency}</option>
                            {data.agencies.iter().map(|a| view! {
                                <option value=a.code.clone() selected=typed(action, "agency") == a.code>{a.name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    {text_field(action, "reason", s.transfer_reason, 3, typed(action, "reason"))}
                    <div class="field">
                        <label for="f-transfer-public_note">{s.transfer_public_note}</label>
                        <p class="hint" id="f-transfer-public_note-hint">{s.transfer_public_note_hint}</p>
                        <TextArea value={typed(action, "public_note")} {..} id="f-transfer-public_note" name="public_note"
                            rows="2" maxlength="500" aria-describedby="f-transfer-public_note-hint" />
                    </div>
                }
                .into_any(),
                "refuse" => {
                    let chosen = typed(action, "refusal");
                    view! {
                        <fieldset>
                            <legend>{s.refusal_reason}</legend>
                            {["requirements", "complaint", "denunciation", "duplicate"].into_iter().map(|r| {
                                let label = match r {
                                    "requirements" => f.refusal_requirements,
                                    "complaint" => f.refusal_complaint,
                                    "denunciation" => f.refusal_denunciation,
                                    _ => f.refusal_duplicate,
                                };
                                view! {
                                    <label class="choice">
                                        <input type="radio" name="refusal" value=r required checked=chosen == r />
                                        " " {label}
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                        <div class="field">
                            <label for="f-refuse-duplicate">{s.duplicate_of}</label>
                            <input id="f-refuse-duplicate" name="duplicate_of" type="text" maxlength="40"
                                value=Some(typed(action, "duplicate_of")).filter(|t| !t.is_empty()).or_else(|| data.case.duplicate_of.clone()).unwrap_or_default() />
                        </div>
                        {text_field(action, "note", s.refusal_note, 3, typed(action, "note"))}
                    }
                    .into_any()
                }
                "redact" => {
                    let title = Some(typed(action, "title"))
                        .filter(|t| !t.is_empty())
                        .or_else(|| h.public_title.clone())
                        .unwrap_or_else(|| data.case.title.clone());
                    let content = Some(typed(action, "content"))
                        .filter(|t| !t.is_empty())
                        .or_else(|| h.public_content.clone())
                        .unwrap_or_else(|| data.case.content.clone());
                    // Each transfer's public sentence, as it stands, can be rewritten too.
                    let transfers: Vec<(String, String, String)> = data
                        .case
                        .events
                        .iter()
                        .filter_map(|e| match &e.event {
                            EventKind::Transferred { public_note, .. } => {
                                let name = format!("transfer_note_{}", e.id);
                                let note = Some(typed(action, &name))
                                    .filter(|t| !t.is_empty())
                                    .unwrap_or_else(|| data.case.transfer_note(e.id, public_note));
                                Some((name, note, date(civicdesk_domain::calendar::local_day(e.at))))
                            }
                            _ => None,
                        })
                        .collect();
                    // What was found, where the official removes it.
                    let found: Vec<String> = data
                        .findings
                        .iter()
                        .filter(|f| f.place != civicdesk_domain::privacy::Place::Answer)
                        .map(|f| format!("“{}”", f.found))
                        .collect();
                    view! {
                        <p class="hint">{s.redact_hint}</p>
                        {(!found.is_empty()).then(|| view! {
                            <p class="notice notice-warn">
                                <a href="#personal-data">{s.findings_title}</a> ": " {found.join(", ")}
                            </p>
                        })}
                        <div class="field">
                            <label for="f-redact-title">{f.title_label}</label>
                            <input id="f-redact-title" name="title" type="text" maxlength="200" required value=title />
                        </div>
                        {text_field(action, "content", f.content_label, 6, content)}
                        {transfers.into_iter().map(|(name, note, day)| {
                            let id = format!("f-redact-{name}");
                            view! {
                                <div class="field">
                                    <label for=id.clone()>{s.transfer_public_note} " (" {day} ")"</label>
                                    <TextArea value={note} {..} id=id name=name rows="2" maxlength="500" />
                                </div>
                            }
                        }).collect_view()}
                    }
                    .into_any()
                }
                _ => text_field(action, "text", s.note_text, 3, typed(action, "text")).into_any(),
            };
            let secondary = matches!(action, "refuse" | "return" | "note" | "redact" | "close" | "transfer");
            view! {
                <details class="action" open=!matches!(action, "refuse" | "transfer" | "redact" | "note" | "request_information" | "progress_update")>
                    <summary>{s.action_name(action)}</summary>
                    {form(action, body, s.action_name(action), secondary)}
                </details>
            }
        })
        .collect_view()
}
