//! E-mail the portal sends, composed: Vietnamese first, then English; plain text and HTML. The
//! messages go into the outbox in the transaction that causes them; the server's outbox worker
//! delivers them.

use chrono::NaiveDate;
use civicdesk_domain::calendar::Calendar;
use civicdesk_domain::cases::{CaseRecord, OutgoingMail, Submission};
use civicdesk_domain::catalogue::ProcedureChange;
use civicdesk_domain::feedback::CaseCode;
use civicdesk_domain::follow::{CaseUpdate, FollowKind, Frequency, PublishedAnswer, Subscription};
use civicdesk_domain::queue::QueueItem;
use civicdesk_domain::workflow::{DeadlineState, Official, Refusal, listed_state, oversight};
use civicdesk_texts::{FeedbackTexts, FollowTexts, Lang, StaffTexts, date, fill};

/// Builds the messages the portal sends.
#[derive(Clone, Debug)]
pub struct Composer {
    /// The portal's public address, for links: `https://…` without a trailing slash.
    pub public_url: String,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Turns plain text into HTML paragraphs, with links made clickable.
fn html_paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(|para| {
            let lines: Vec<String> = para
                .lines()
                .map(|line| {
                    if line.starts_with("http://") || line.starts_with("https://") {
                        format!("<a href=\"{0}\">{0}</a>", escape(line))
                    } else {
                        escape(line)
                    }
                })
                .collect();
            format!("<p>{}</p>", lines.join("<br>"))
        })
        .collect()
}

impl Composer {
    fn both(
        &self,
        recipient: &str,
        subject: impl Fn(&FeedbackTexts) -> String,
        body: impl Fn(&FeedbackTexts) -> String,
    ) -> OutgoingMail {
        self.in_both(recipient, |lang| subject(lang.feedback()), |lang| body(lang.feedback()))
    }

    /// One message with its subject and body in Vietnamese, then English.
    fn in_both(
        &self,
        recipient: &str,
        subject: impl Fn(Lang) -> String,
        body: impl Fn(Lang) -> String,
    ) -> OutgoingMail {
        let (vi, en) = (Lang::Vi.feedback(), Lang::En.feedback());
        let (body_vi, body_en) = (body(Lang::Vi), body(Lang::En));
        let text = format!(
            "{}\n\n-- \n{}\n\n========== English ==========\n\n{}\n\n-- \n{}\n",
            body_vi, vi.mail_signature, body_en, en.mail_signature
        );
        let html = format!(
            "<!doctype html><html><body style=\"font-family:sans-serif;line-height:1.5\">\
             <div lang=\"vi\">{}<p style=\"color:#555\">{}</p></div><hr>\
             <div lang=\"en\">{}<p style=\"color:#555\">{}</p></div></body></html>",
            html_paragraphs(&body_vi),
            escape(vi.mail_signature),
            html_paragraphs(&body_en),
            escape(en.mail_signature)
        );
        OutgoingMail {
            recipient: recipient.to_owned(),
            subject: format!("{} / {}", subject(Lang::Vi), subject(Lang::En)),
            text,
            html,
            unsubscribe: None,
        }
    }

    /// One official's daily digest: their agency's overdue and due-soon cases (`own`), most
    /// urgent first, then the overdue cases of the agencies they oversee (`below`, most overdue
    /// first), those that became very overdue since the previous working day set apart at the top.
    pub fn digest(
        &self,
        to: &Official,
        agency: &str,
        own: &[QueueItem],
        below: &[&QueueItem],
        today: NaiveDate,
        calendar: &Calendar,
    ) -> OutgoingMail {
        let state = |c: &QueueItem| listed_state(calendar, today, c.status, c.next_due.unwrap_or(today));
        let overdue = own.iter().filter(|c| matches!(state(c), DeadlineState::Overdue | DeadlineState::VeryOverdue));
        let overdue = overdue.count();
        let soon = own.len() - overdue;
        let (newly, rest): (Vec<&QueueItem>, Vec<&QueueItem>) =
            below.iter().partition(|c| oversight::newly_very_overdue(calendar, today, c));
        let (counts, day) = ((overdue.to_string(), soon.to_string()), date(today));
        let queue = format!("{}/can-bo?xem=qua-han", self.public_url);
        let own_list = |s: &StaffTexts| {
            own.iter()
                .map(|c| {
                    let link = self.staff_link(&c.code);
                    let due = c.next_due.map(date).unwrap_or_default();
                    fill(
                        s.mail_digest_line,
                        &[
                            ("code", &c.code),
                            ("title", &c.title),
                            ("due", &due),
                            ("state", s.deadline_state(state(c))),
                            ("status", s.status(c.status)),
                            ("link", &link),
                        ],
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        // The agencies below: at most this many lines in all, the rest counted.
        const LISTED: usize = 30;
        let below_part = |s: &StaffTexts, template: &str, cases: &[&QueueItem], room: usize| {
            if cases.is_empty() {
                return String::new();
            }
            let mut lines: Vec<String> = cases
                .iter()
                .take(room)
                .map(|c| {
                    let due = c.next_due.map(date).unwrap_or_default();
                    fill(
                        s.mail_digest_below_line,
                        &[
                            ("code", &c.code),
                            ("title", &c.title),
                            ("agency", &c.agency.name),
                            ("due", &due),
                            ("state", s.deadline_state(state(c))),
                        ],
                    )
                })
                .collect();
            if cases.len() > room {
                lines.push(fill(s.mail_digest_more, &[("count", &(cases.len() - room).to_string())]));
            }
            fill(template, &[("count", &cases.len().to_string()), ("list", &lines.join("\n"))])
        };
        let body = |lang: Lang| {
            let s = lang.staff();
            let paragraph = |part: String| if part.is_empty() { part } else { format!("{part}\n\n") };
            fill(
                s.mail_digest_body,
                &[
                    ("name", &to.name),
                    ("newly", &paragraph(below_part(s, s.mail_digest_newly, &newly, LISTED))),
                    ("date", &day),
                    ("agency", agency),
                    ("overdue", &counts.0),
                    ("soon", &counts.1),
                    ("list", &own_list(s)),
                    (
                        "below",
                        &paragraph(below_part(s, s.mail_digest_below, &rest, LISTED.saturating_sub(newly.len()))),
                    ),
                    ("queue", &queue),
                ],
            )
        };
        let total_overdue = (overdue + below.len()).to_string();
        self.in_both(
            &to.email,
            |lang| {
                fill(
                    lang.staff().mail_digest_subject,
                    &[("agency", agency), ("overdue", &total_overdue), ("soon", &counts.1), ("date", &day)],
                )
            },
            body,
        )
    }

    /// The one-time link for an official to set a password.
    pub fn password_link(&self, official: &civicdesk_domain::workflow::Official, token: &str) -> OutgoingMail {
        let link = format!("{}/can-bo/dat-mat-khau/{token}", self.public_url);
        let hours = civicdesk_domain::admin::RESET_LINK_HOURS.to_string();
        self.in_both(
            &official.email,
            |lang| lang.admin().mail_link_subject.to_owned(),
            |lang| {
                fill(
                    lang.admin().mail_link_body,
                    &[("name", &official.name), ("email", &official.email), ("hours", &hours), ("link", &link)],
                )
            },
        )
    }

    pub fn follow_url(&self, token: &str) -> String {
        format!("{}/phan-anh/tra-cuu/{token}", self.public_url)
    }

    /// The acknowledgement of a new case, when the submitter gave an e-mail address.
    pub fn acknowledgement(&self, s: &Submission, code: &CaseCode, token: &str, agency: &str) -> Vec<OutgoingMail> {
        let Some(email) = &s.case.submitter.email else { return Vec::new() };
        let link = self.follow_url(token);
        let lookup = format!("{}/phan-anh/tra-cuu", self.public_url);
        let (received, due) = (date(s.received_on), date(s.answer_due));
        let values = |t: &FeedbackTexts| {
            fill(
                t.mail_ack_body,
                &[
                    ("name", &s.case.submitter.name),
                    ("title", &s.case.title),
                    ("received", &received),
                    ("code", code.as_str()),
                    ("agency", agency),
                    ("due", &due),
                    ("link", &link),
                    ("lookup", &lookup),
                ],
            )
        };
        vec![self.both(email, |t| fill(t.mail_ack_subject, &[("code", code.as_str())]), values)]
    }

    /// A message about an existing case: `body` gets the name, code, title, the look-up and
    /// public pages' addresses, and what `extra` gives in each language.
    fn about_case(
        &self,
        case: &CaseRecord,
        subject: fn(&FeedbackTexts) -> &'static str,
        body: fn(&FeedbackTexts) -> &'static str,
        extra: impl Fn(&FeedbackTexts) -> Vec<(&'static str, String)>,
    ) -> Vec<OutgoingMail> {
        let Some(email) = &case.submitter.email else { return Vec::new() };
        let code = case.code.as_str();
        let lookup = format!("{}/phan-anh/tra-cuu?ma={code}", self.public_url);
        let public = format!("{}/phan-anh/{code}", self.public_url);
        let text = |t: &FeedbackTexts| {
            let extra = extra(t);
            let mut values: Vec<(&str, &str)> = vec![
                ("name", &case.submitter.name),
                ("code", code),
                ("title", &case.title),
                ("lookup", &lookup),
                ("public", &public),
            ];
            values.extend(extra.iter().map(|(k, v)| (*k, v.as_str())));
            fill(body(t), &values)
        };
        vec![self.both(email, |t| fill(subject(t), &[("code", code)]), text)]
    }

    pub fn information_requested(&self, case: &CaseRecord, message: &str) -> Vec<OutgoingMail> {
        self.about_case(case, |t| t.mail_info_subject, |t| t.mail_info_body, |_| vec![("message", message.to_owned())])
    }

    pub fn progress_update(&self, case: &CaseRecord, text: &str) -> Vec<OutgoingMail> {
        self.about_case(
            case,
            |t| t.mail_progress_subject,
            |t| t.mail_progress_body,
            |_| vec![("message", text.to_owned())],
        )
    }

    pub fn answer_published(&self, case: &CaseRecord, answer: &str) -> Vec<OutgoingMail> {
        self.about_case(
            case,
            |t| t.mail_answer_subject,
            |t| t.mail_answer_body,
            |_| vec![("message", answer.to_owned())],
        )
    }

    /// The new date, once the submitter asked for the answer to be examined again.
    pub fn reexamination_requested(&self, case: &CaseRecord, due: NaiveDate) -> Vec<OutgoingMail> {
        self.about_case(case, |t| t.mail_reexamine_subject, |t| t.mail_reexamine_body, |_| vec![("due", date(due))])
    }

    /// One message to each of `officials`, in both languages; `body` gets the recipient.
    fn to_staff(
        &self,
        officials: &[Official],
        subject: impl Fn(&StaffTexts) -> String,
        body: impl Fn(&StaffTexts, &Official) -> String,
    ) -> Vec<OutgoingMail> {
        officials
            .iter()
            .map(|to| self.in_both(&to.email, |lang| subject(lang.staff()), |lang| body(lang.staff(), to)))
            .collect()
    }

    fn staff_link(&self, code: &str) -> String {
        format!("{}/can-bo/phan-anh/{code}", self.public_url)
    }

    /// To the responsible agency's leads: a case is back with them to be examined again.
    pub fn reexamination_to_leads(
        &self,
        case: &CaseRecord,
        leads: &[Official],
        due: NaiveDate,
        reason: &str,
    ) -> Vec<OutgoingMail> {
        let (code, due, link) = (case.code.as_str(), date(due), self.staff_link(case.code.as_str()));
        self.to_staff(
            leads,
            |s| fill(s.mail_reexamine_subject, &[("code", code), ("due", &due)]),
            |s, lead| {
                fill(
                    s.mail_reexamine_body,
                    &[
                        ("name", &lead.name),
                        ("code", code),
                        ("title", &case.title),
                        ("agency", &case.agency.name),
                        ("due", &due),
                        ("reason", reason),
                        ("link", &link),
                    ],
                )
            },
        )
    }

    /// To the receiving agency's leads: a case transferred to them, to be classified by `due`.
    pub fn transfer_to_leads(
        &self,
        case: &CaseRecord,
        leads: &[Official],
        to: &str,
        reason: &str,
        due: NaiveDate,
    ) -> Vec<OutgoingMail> {
        let (code, due, link) = (case.code.as_str(), date(due), self.staff_link(case.code.as_str()));
        self.to_staff(
            leads,
            |s| fill(s.mail_transfer_subject, &[("code", code), ("agency", to)]),
            |s, lead| {
                fill(
                    s.mail_transfer_body,
                    &[
                        ("name", &lead.name),
                        ("code", code),
                        ("title", &case.title),
                        ("from", &case.agency.name),
                        ("agency", to),
                        ("reason", reason),
                        ("due", &due),
                        ("link", &link),
                    ],
                )
            },
        )
    }

    /// To the official `by` assigned a case to, to be answered by `due`.
    pub fn assigned(&self, case: &CaseRecord, assignee: &Official, by: &str, due: NaiveDate) -> Vec<OutgoingMail> {
        let (code, due, link) = (case.code.as_str(), date(due), self.staff_link(case.code.as_str()));
        self.to_staff(
            std::slice::from_ref(assignee),
            |s| fill(s.mail_assigned_subject, &[("code", code), ("due", &due)]),
            |s, to| {
                fill(
                    s.mail_assigned_body,
                    &[
                        ("name", &to.name),
                        ("code", code),
                        ("title", &case.title),
                        ("by", by),
                        ("due", &due),
                        ("link", &link),
                    ],
                )
            },
        )
    }

    /// The link that confirms `email` is to follow `code` (named `name`), told at `frequency`.
    pub fn follow_confirmation(
        &self,
        email: &str,
        kind: FollowKind,
        code: &str,
        name: &str,
        frequency: Frequency,
        token: &str,
    ) -> OutgoingMail {
        let link = self.follow_page(token);
        match kind {
            FollowKind::Procedure => self.in_both(
                email,
                |lang| fill(lang.follow().mail_confirm_subject, &[("name", name)]),
                |lang| fill(lang.follow().mail_confirm_body, &[("name", name), ("code", code), ("link", &link)]),
            ),
            FollowKind::Agency | FollowKind::Field => self.in_both(
                email,
                |lang| fill(lang.follow().mail_confirm_answers_subject, &[("name", name)]),
                |lang| {
                    let w = lang.follow();
                    fill(
                        w.mail_confirm_answers_body,
                        &[("name", name), ("frequency", w.frequency(frequency)), ("link", &link)],
                    )
                },
            ),
            FollowKind::Case => self.in_both(
                email,
                |lang| fill(lang.follow().mail_confirm_case_subject, &[("code", code)]),
                |lang| fill(lang.follow().mail_confirm_case_body, &[("code", code), ("link", &link)]),
            ),
        }
    }

    /// To a follower of an agency or a field told at once: an answer published.
    pub fn answer_to_follower(&self, follower: &Subscription, answer: &PublishedAnswer, token: &str) -> OutgoingMail {
        let link = format!("{}/phan-anh/{}", self.public_url, answer.code);
        let (manage, unsubscribe) = (self.follow_page(token), self.unfollow_url(token));
        let agency = answer.agency.name.as_str();
        let mut mail = self.in_both(
            &follower.email,
            |lang| fill(lang.follow().mail_answer_subject, &[("agency", agency), ("code", &answer.code)]),
            |lang| {
                fill(
                    lang.follow().mail_answer_body,
                    &[
                        ("agency", agency),
                        ("code", &answer.code),
                        ("title", &answer.title),
                        ("link", &link),
                        ("followed", &follower.target_name),
                        ("manage", &manage),
                        ("unsubscribe", &unsubscribe),
                    ],
                )
            },
        );
        mail.unsubscribe = Some(unsubscribe);
        mail
    }

    /// To a follower of a case: a step its public timeline took.
    pub fn case_update(&self, follower: &Subscription, update: &CaseUpdate, token: &str) -> OutgoingMail {
        let link = format!("{}/phan-anh/{}", self.public_url, update.code);
        let (manage, unsubscribe) = (self.follow_page(token), self.unfollow_url(token));
        let day = date(civicdesk_domain::calendar::local_day(update.at));
        let mut mail = self.in_both(
            &follower.email,
            |lang| {
                let event = lang.feedback().event(&update.kind);
                fill(lang.follow().mail_update_subject, &[("code", &update.code), ("event", event)])
            },
            |lang| {
                fill(
                    lang.follow().mail_update_body,
                    &[
                        ("code", &update.code),
                        ("date", &day),
                        ("event", lang.feedback().event(&update.kind)),
                        ("link", &link),
                        ("manage", &manage),
                        ("unsubscribe", &unsubscribe),
                    ],
                )
            },
        );
        mail.unsubscribe = Some(unsubscribe);
        mail
    }

    /// A follower's digest of a procedure's revisions or a case's steps from `first` to the day
    /// before `until`: `lines` gives each, in a language, as `(local day, what)`.
    pub fn updates_digest(
        &self,
        follower: &Subscription,
        lines: impl Fn(Lang) -> Vec<(NaiveDate, String)>,
        first: NaiveDate,
        until: NaiveDate,
        token: &str,
    ) -> OutgoingMail {
        let list = |lang: Lang| {
            let line = lang.follow().mail_updates_digest_line;
            lines(lang).into_iter().map(|(day, what)| fill(line, &[("date", &date(day)), ("what", &what)])).collect()
        };
        let kind = |w: &'static FollowTexts| (w.mail_updates_digest_subject, w.mail_updates_digest_body);
        self.follower_digest(follower, list, kind, (first, until), token)
    }

    /// A follower's digest of the answers of an agency or a field published from `first` to the
    /// day before `until`.
    pub fn answers_digest(
        &self,
        follower: &Subscription,
        answers: &[&PublishedAnswer],
        first: NaiveDate,
        until: NaiveDate,
        token: &str,
    ) -> OutgoingMail {
        let list = |lang: Lang| {
            let line = lang.follow().mail_digest_line;
            answers
                .iter()
                .map(|a| {
                    let link = format!("{}/phan-anh/{}", self.public_url, a.code);
                    fill(line, &[("code", &a.code), ("title", &a.title), ("link", &link)])
                })
                .collect()
        };
        let kind = |w: &'static FollowTexts| (w.mail_digest_subject, w.mail_digest_body);
        self.follower_digest(follower, list, kind, (first, until), token)
    }

    /// A digest to a follower: the `list` of a language's lines, under the subject and body
    /// `texts` picks, for the period `[first, until)`, with the links to manage and end it.
    fn follower_digest(
        &self,
        follower: &Subscription,
        list: impl Fn(Lang) -> Vec<String>,
        texts: impl Fn(&'static FollowTexts) -> (&'static str, &'static str),
        (first, until): (NaiveDate, NaiveDate),
        token: &str,
    ) -> OutgoingMail {
        let (manage, unsubscribe) = (self.follow_page(token), self.unfollow_url(token));
        let followed = follower.target_name.as_str();
        let count = list(Lang::Vi).len().to_string();
        let (first, last) = (date(first), date(until.pred_opt().unwrap_or(until)));
        let mut mail = self.in_both(
            &follower.email,
            |lang| fill(texts(lang.follow()).0, &[("followed", followed), ("count", &count)]),
            |lang| {
                fill(
                    texts(lang.follow()).1,
                    &[
                        ("followed", followed),
                        ("count", &count),
                        ("first", &first),
                        ("last", &last),
                        ("list", &list(lang).join("\n")),
                        ("manage", &manage),
                        ("unsubscribe", &unsubscribe),
                    ],
                )
            },
        );
        mail.unsubscribe = Some(unsubscribe);
        mail
    }

    /// To a follower of a procedure: what its revision changed, with the links to manage and end
    /// the following (and the one-click unsubscribe of RFC 8058).
    pub fn procedure_changed(&self, email: &str, change: &ProcedureChange, token: &str) -> OutgoingMail {
        let (code, name) = (change.procedure.code.as_str(), change.procedure.name.as_str());
        let page = format!("{}/thu-tuc/{code}#history-heading", self.public_url);
        let (manage, unsubscribe) = (self.follow_page(token), self.unfollow_url(token));
        let day = date(civicdesk_domain::calendar::local_day(change.revision.recorded_at));
        let mut mail = self.in_both(
            email,
            |lang| fill(lang.follow().mail_change_subject, &[("name", name)]),
            |lang| {
                fill(
                    lang.follow().mail_change_body,
                    &[
                        ("name", name),
                        ("code", code),
                        ("date", &day),
                        ("changes", &lang.texts().revision_changes(&change.revision.changed)),
                        ("page", &page),
                        ("manage", &manage),
                        ("unsubscribe", &unsubscribe),
                    ],
                )
            },
        );
        mail.unsubscribe = Some(unsubscribe);
        mail
    }

    /// The page where the address a follow message went to manages what it follows.
    pub fn follow_page(&self, token: &str) -> String {
        format!("{}/theo-doi/{token}", self.public_url)
    }

    /// Where one click (a form's, or a mail program's POST) ends a following.
    pub fn unfollow_url(&self, token: &str) -> String {
        format!("{}/theo-doi/{token}/huy", self.public_url)
    }

    pub fn refused(&self, case: &CaseRecord, refusal: &Refusal, note: &str) -> Vec<OutgoingMail> {
        self.about_case(
            case,
            |t| t.mail_refused_subject,
            |t| t.mail_refused_body,
            |t| vec![("reason", t.refusal(refusal).to_owned()), ("note", note.to_owned())],
        )
    }

    pub fn withdrawal_receipt(&self, case: &CaseRecord) -> Vec<OutgoingMail> {
        let Some(email) = &case.submitter.email else { return Vec::new() };
        let code = case.code.as_str();
        let body = |t: &FeedbackTexts| {
            fill(t.mail_withdrawn_body, &[("name", &case.submitter.name), ("code", code), ("title", &case.title)])
        };
        vec![self.both(email, |t| fill(t.mail_withdrawn_subject, &[("code", code)]), body)]
    }
}
