//! Telling the officials who must act: the receiving agency's leads of a transfer, the assignee
//! of an assignment, and each morning's digests, which go up the hierarchy (a parent agency's
//! leads and the coordinating office see the overdue cases below them, those newly very overdue
//! first), one a day to each official however many instances send them.

use chrono::{Duration, NaiveDate};
use civicdesk_domain::feedback::CaseStatus;
use civicdesk_domain::workflow::{DeadlineState, Role, listed_state};
use civicdesk_server::workers::digests::send_digests;
use civicdesk_services::calendar::Calendars;
use civicdesk_services::mail::Composer;

use crate::feedback::{html_part, plain_text};
use crate::handling::{COORDINATOR, LEAD, OFFICER, OTHER_LEAD, OTHER_OFFICER};
use crate::helpers::{TestApp, engines};

const HOSTILE: &str = "<script>alert('chuyen')</script> Thuộc thẩm quyền phường & \"tổ dân phố\"";
/// A lead of the Department of Natural Resources and Environment, above the land registration office.
const PARENT_LEAD: &str = "lanhdao.nnmt@example.gov.vn";

impl TestApp {
    /// The messages written so far to `to`, as files.
    async fn mails_to(&self, to: &str, at_least: usize) -> Vec<String> {
        let all = self.mail_files(at_least).await;
        all.into_iter().filter(|m| m.replace("\r\n", "\n").lines().any(|l| l == format!("To: {to}"))).collect()
    }
}

/// The first working day on which a case received-status dated `due` is very overdue.
fn first_very_overdue_day(calendars: &Calendars, due: NaiveDate) -> NaiveDate {
    let calendar = calendars.current();
    let mut day = due;
    while !(calendar.is_working_day(day)
        && listed_state(&calendar, day, CaseStatus::Received, due) == DeadlineState::VeryOverdue)
    {
        day += Duration::days(1);
    }
    day
}

engines! {
    async fn the_receiving_leads_hear_of_a_transfer_and_the_assignee_of_an_assignment(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let code = app.submit_regulation(None).await; // no e-mail of the submitter's: only officials are written to
        let officer = app.demo(OFFICER).await;
        let (status, _) = app.act(&officer, &code, &[("action", "transfer"), ("agency", "HN-XA-HK"), ("reason", HOSTILE)]).await;
        assert_eq!(status, 303);
        let told = app.mails_to(OTHER_LEAD, 1).await;
        assert_eq!(told.len(), 1, "the ward's lead is told");
        let text = plain_text(&told[0]);
        assert!(text.contains(&format!("Sở Tư pháp thành phố Hà Nội đã chuyển phản ánh, kiến nghị {code}")), "{text}");
        assert!(text.contains(HOSTILE) && text.contains("has transferred case"), "the reason, as typed, in both languages");
        assert!(text.contains(&format!("{}/can-bo/phan-anh/{code}", app.base)), "a link to the case");
        let html = html_part(&told[0]);
        assert!(html.contains("&lt;script&gt;alert(") && !html.contains("<script>"), "escaped in the HTML part: {html}");

        // The ward's lead assigns it: the officer hears, with the date to answer by.
        let other_lead = app.demo(OTHER_LEAD).await;
        app.act(&other_lead, &code, &[("action", "accept")]).await;
        let officer_id = app.store.official_by_email(OTHER_OFFICER).await.unwrap().unwrap().0.id.to_string();
        let (status, _) = app.act(&other_lead, &code, &[("action", "assign"), ("assignee", officer_id.as_str())]).await;
        assert_eq!(status, 303);
        let assigned = app.mails_to(OTHER_OFFICER, 2).await;
        assert_eq!(assigned.len(), 1);
        let text = plain_text(&assigned[0]);
        let (_, case) = app.staff_case(&other_lead, &code).await;
        let due: NaiveDate = case["handling"]["answer_due"].as_str().unwrap().parse().unwrap();
        let due = due.format("%d/%m/%Y").to_string();
        assert!(text.contains("Phạm Quốc Huy đã giao anh/chị xử lý phản ánh") && text.contains(&due), "{text}");
        assert!(text.contains(&format!("Phạm Quốc Huy has assigned case {code}")));

        // Taking a case oneself tells no one.
        let other_lead_id = app.store.official_by_email(OTHER_LEAD).await.unwrap().unwrap().0.id.to_string();
        app.act(&other_lead, &code, &[("action", "assign"), ("assignee", other_lead_id.as_str())]).await;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert_eq!(app.mail_files(2).await.len(), 2, "no message for assigning to oneself");
    }

    async fn digests_go_up_the_hierarchy_once_a_day_to_each_official(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        civicdesk_services::accounts::create_official(app.store.as_ref(), PARENT_LEAD, "Ngô Bảo Châu", Role::Lead, "HN-SNNMT", "mot-mat-khau-dai")
            .await
            .unwrap();
        // One case at the Department of Justice (its parent, the coordinating office, has no
        // leads), one moved to the land registration office below the Department of Natural
        // Resources and Environment (no leads of its own).
        let justice = app.submit_regulation(None).await;
        let land = app.submit_regulation(None).await;
        let coordinator = app.demo(COORDINATOR).await;
        let (status, _) = app.act(&coordinator, &land, &[("action", "transfer"), ("agency", "HN-VPDKDD"), ("reason", "Đất đai")]).await;
        assert_eq!(status, 303);
        let before = app.mail_files(0).await.len();

        let calendars = Calendars::load(app.store.clone()).await.unwrap();
        let (_, case) = app.staff_case(&coordinator, &land).await;
        let due: NaiveDate = case["handling"]["classify_due"].as_str().unwrap().parse().unwrap();
        let day = first_very_overdue_day(&calendars, due);
        let at = |day: NaiveDate, local_hour: u32| day.and_hms_opt(local_hour, 0, 0).unwrap();
        let now = chrono::Utc::now();
        let composer = Composer { public_url: "https://portal.example.vn".into() };
        let send = |local| send_digests(app.store.as_ref(), &calendars, &composer, local, now);
        assert_eq!(send(at(day, 6)).await.unwrap(), 0, "not before 7:00");
        // Two instances at once: the Department of Justice's lead, the parent department's lead
        // and the coordinator, once each.
        let (a, b) = tokio::join!(send(at(day, 8)), send(at(day, 8)));
        assert_eq!(a.unwrap() + b.unwrap(), 3);
        assert_eq!(send(at(day, 15)).await.unwrap(), 0, "once a day");
        let mails = app.mail_files(before + 3).await;
        assert_eq!(mails.len(), before + 3);

        let own = plain_text(&app.mails_to(LEAD, before + 3).await[0]);
        assert!(own.contains(&justice) && !own.contains(&land), "a lead's own agency: {own}");
        assert!(own.contains("Quá hạn nghiêm trọng") && own.contains("Very overdue"));
        assert!(!own.contains("Mới quá hạn nghiêm trọng"), "nothing below the Department of Justice");

        let parent = app.mails_to(PARENT_LEAD, before + 3).await;
        assert_eq!(parent.len(), 1);
        let parent = plain_text(&parent[0]);
        assert!(parent.contains(&land) && !parent.contains(&justice), "only the agencies below: {parent}");
        assert!(parent.contains("Mới quá hạn nghiêm trọng, đề nghị đôn đốc (1 phản ánh)"), "{parent}");
        assert!(parent.contains("Newly very overdue, to be followed up (1):"));
        assert!(parent.contains("Văn phòng Đăng ký đất đai"), "which agency has it");

        let coordinating = plain_text(&app.mails_to(COORDINATOR, before + 3).await[0]);
        assert!(coordinating.contains(&land) && coordinating.contains(&justice), "every agency's: {coordinating}");
        assert!(coordinating.contains("(2 phản ánh)"));

        // The next working day they are still listed, no longer as news.
        let mut next = day + Duration::days(1);
        while !calendars.current().is_working_day(next) {
            next += Duration::days(1);
        }
        assert_eq!(send(at(next, 7)).await.unwrap(), 3);
        let parent = app.mails_to(PARENT_LEAD, before + 6).await;
        let parent = plain_text(&parent[1]);
        assert!(parent.contains(&land) && parent.contains("Quá hạn ở các cơ quan trực thuộc (1 phản ánh)"), "{parent}");
        assert!(!parent.contains("Mới quá hạn nghiêm trọng"));
    }
}
