//! Officials' work over HTTP: signing in, every action of the life cycle, agency scope for every
//! role, throttling, CSRF, and the public calendar.

use civicdesk_domain::cases::token_hash;
use civicdesk_server::demo::{DEMO_OFFICIALS, DEMO_PASSWORD};
use serde_json::{Value, json};

use crate::helpers::{TestApp, engines, spawn_or_skip};

/// A signed-in official: the session cookie and the CSRF token its forms carry.
#[derive(Debug)]
struct Staff {
    cookie: String,
    csrf: String,
}

impl TestApp {
    async fn sign_in(&self, email: &str, password: &str) -> Result<Staff, String> {
        let response = self
            .client
            .post(format!("{}/can-bo/dang-nhap", self.base))
            .form(&[("email", email), ("password", password)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303);
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        let Some(cookie) = response.headers().get("set-cookie") else { return Err(location) };
        let cookie = cookie.to_str().unwrap().split(';').next().unwrap().to_owned();
        assert!(response.headers()["set-cookie"].to_str().unwrap().contains("HttpOnly"));
        let token = cookie.split_once('=').unwrap().1;
        let session = self.store.session(&token_hash(token).unwrap(), chrono::Utc::now()).await.unwrap().unwrap();
        Ok(Staff { cookie, csrf: session.csrf })
    }

    async fn demo(&self, email: &str) -> Staff {
        self.sign_in(email, DEMO_PASSWORD).await.expect("the demo account signs in")
    }

    /// Posts an action; returns the status and where it redirects.
    async fn act(&self, staff: &Staff, code: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let mut form: Vec<(&str, &str)> = vec![("csrf", &staff.csrf)];
        form.extend_from_slice(fields);
        let response = self
            .client
            .post(format!("{}/can-bo/phan-anh/{code}", self.base))
            .header("cookie", &staff.cookie)
            .form(&form)
            .send()
            .await
            .unwrap();
        let location = response.headers().get("location").map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default();
        (response.status().as_u16(), location)
    }

    async fn staff_case(&self, staff: &Staff, code: &str) -> (u16, Value) {
        let response = self
            .client
            .get(format!("{}/api/v1/staff/cases/{code}", self.base))
            .header("cookie", &staff.cookie)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, if status == 200 { response.json().await.unwrap() } else { Value::Null })
    }

    /// Submits a case about a regulation (routed to the Department of Justice, HN-STP).
    async fn submit_regulation(&self, email: Option<&str>) -> String {
        let mut body = json!({
            "submitter_kind": "individual", "name": "Hoàng Văn Tư", "address": "3 Tràng Tiền, Hà Nội",
            "phone": "0983111222", "category": "regulation", "title": "Yêu cầu nộp bản sao không cần thiết",
            "content": "Thủ tục chứng thực vẫn đòi bản sao giấy khai sinh dù đã có cơ sở dữ liệu hộ tịch điện tử.",
            "consent": true
        });
        if let Some(email) = email {
            body["email"] = json!(email);
        }
        let response = self.client.post(format!("{}/api/v1/cases", self.base)).json(&body).send().await.unwrap();
        assert_eq!(response.status(), 201);
        response.json::<Value>().await.unwrap()["code"].as_str().unwrap().to_owned()
    }
}

const OFFICER: &str = "chuyenvien.tuphap@demo.civicdesk.vn";
const LEAD: &str = "lanhdao.tuphap@demo.civicdesk.vn";
const OTHER_OFFICER: &str = "chuyenvien.hoankiem@demo.civicdesk.vn";
const OTHER_LEAD: &str = "lanhdao.hoankiem@demo.civicdesk.vn";
const COORDINATOR: &str = "vanphong@demo.civicdesk.vn";
const ADMIN: &str = "quantri@demo.civicdesk.vn";

engines! {
    async fn a_case_goes_from_submission_to_a_published_answer(engine: Engine) {
        let app = spawn_or_skip!(engine);
        let code = app.submit_regulation(Some("tu@example.vn")).await;
        let officer = app.demo(OFFICER).await;
        let lead = app.demo(LEAD).await;

        assert_eq!(app.act(&officer, &code, &[("action", "accept")]).await.1, format!("/can-bo/phan-anh/{code}?xong=accept"));
        app.act(&officer, &code, &[("action", "claim")]).await;
        app.act(&officer, &code, &[("action", "draft_answer"), ("text", "Sở Tư pháp đã kiến nghị bỏ yêu cầu này.")]).await;
        // Only a lead approves; the lead returns the draft once.
        assert!(app.act(&officer, &code, &[("action", "approve")]).await.1.ends_with("?loi=khong-duoc-phep"));
        assert!(app.act(&lead, &code, &[("action", "return"), ("reason", "")]).await.1.ends_with("?loi=thieu-noi-dung"));
        app.act(&lead, &code, &[("action", "return"), ("reason", "Nêu rõ văn bản và thời điểm áp dụng.")]).await;
        let answer = "Sở Tư pháp đã kiến nghị bỏ yêu cầu bản sao giấy khai sinh từ ngày 01/01/2027 (Công văn 123/STP).";
        app.act(&officer, &code, &[("action", "draft_answer"), ("text", answer)]).await;
        app.act(&lead, &code, &[("action", "approve")]).await;
        // Before publication the public sees no answer.
        assert_eq!(app.get_json(&format!("/api/v1/cases/{code}")).await["answer"], Value::Null);
        assert!(app.act(&officer, &code, &[("action", "publish")]).await.1.ends_with("?xong=publish"));

        let public = app.get_json(&format!("/api/v1/cases/{code}")).await;
        assert_eq!(public["status"], "answered");
        assert_eq!(public["answer"], answer);
        let kinds: Vec<&str> = public["timeline"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["submitted", "accepted", "published"], "drafts and reviews stay internal");

        let (_, case) = app.staff_case(&officer, &code).await;
        assert_eq!(case["handling"]["status"], "published");
        let events: Vec<&str> = case["events"].as_array().unwrap().iter().map(|e| e["event"]["kind"].as_str().unwrap()).collect();
        assert_eq!(events, ["submitted", "accepted", "assigned", "answer_drafted", "answer_returned", "answer_drafted", "answer_approved", "published"]);
        assert!(case["assignee"].as_str().unwrap().contains("Nguyễn Thu Hà"));
        // The submitter is told, with the answer.
        let mail_dir = app.config.data_dir.join("mail");
        let mut found = false;
        for _ in 0..100 {
            found = std::fs::read_dir(&mail_dir).map(|d| d.count() >= 2).unwrap_or(false);
            if found { break; }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(found, "the acknowledgement and the answer were written");
    }

    async fn no_official_sees_what_is_not_theirs(engine: Engine) {
        let app = spawn_or_skip!(engine);
        let code = app.submit_regulation(None).await; // the Department of Justice's case
        // (account, may see it)
        let matrix = [(OFFICER, true), (LEAD, true), (COORDINATOR, true), (OTHER_OFFICER, false), (OTHER_LEAD, false), (ADMIN, false)];
        for (email, sees) in matrix {
            let staff = app.demo(email).await;
            let (status, _) = app.staff_case(&staff, &code).await;
            assert_eq!(status == 200, sees, "{email} reading");
            if !sees {
                for action in ["accept", "claim", "note", "approve", "publish", "transfer", "refuse"] {
                    let (status, _) = app.act(&staff, &code, &[("action", action), ("text", "x"), ("agency", "HN-SYT"), ("reason", "x"), ("refusal", "complaint")]).await;
                    assert_eq!(status, 404, "{email} {action}");
                }
            }
        }
        // Nothing those attempts did reached the case.
        let officer = app.demo(OFFICER).await;
        let (_, case) = app.staff_case(&officer, &code).await;
        assert_eq!(case["events"].as_array().unwrap().len(), 1);
        assert_eq!(case["handling"]["status"], "received");
        // Without a session: to the sign-in page.
        let anonymous = app.client.get(format!("{}/api/v1/staff/cases/{code}", app.base)).send().await.unwrap();
        assert_eq!(anonymous.status(), 303);
        // A transfer moves the case out of reach of its first agency, into the other's.
        app.act(&officer, &code, &[("action", "transfer"), ("agency", "HN-XA-HK"), ("reason", "Thuộc thẩm quyền phường")]).await;
        assert_eq!(app.staff_case(&officer, &code).await.0, 404);
        let other = app.demo(OTHER_OFFICER).await;
        let (_, case) = app.staff_case(&other, &code).await;
        assert_eq!(case["handling"]["agency"], "HN-XA-HK");
        assert_eq!(case["handling"]["status"], "received");
    }

    async fn asking_for_information_pauses_the_deadline_until_the_submitter_replies(engine: Engine) {
        let app = spawn_or_skip!(engine);
        let body = json!({
            "submitter_kind": "individual", "name": "Hoàng Văn Tư", "address": "3 Tràng Tiền, Hà Nội",
            "phone": "0983111223", "category": "regulation", "title": "Bản sao không cần thiết",
            "content": "Thủ tục chứng thực vẫn đòi bản sao giấy khai sinh dù đã có dữ liệu điện tử.", "consent": true
        });
        let created: Value = app.client.post(format!("{}/api/v1/cases", app.base)).json(&body).send().await.unwrap().json().await.unwrap();
        let code = created["code"].as_str().unwrap().to_owned();
        let private = created["follow_url"].as_str().unwrap().trim_start_matches(&app.base).to_owned();
        let officer = app.demo(OFFICER).await;
        app.act(&officer, &code, &[("action", "accept")]).await;
        app.act(&officer, &code, &[("action", "request_information"), ("message", "Xin gửi số biên nhận hồ sơ.")]).await;
        let (_, case) = app.staff_case(&officer, &code).await;
        assert_eq!(case["handling"]["status"], "awaiting_information");
        assert_eq!(app.get_json(&format!("/api/v1/cases/{code}")).await["status"], "awaiting_information");
        let added = app.client.post(format!("{}{private}/bo-sung", app.base)).form(&[("content", "Số biên nhận 45/BN.")]).send().await.unwrap();
        assert_eq!(added.status(), 303);
        let (_, case) = app.staff_case(&officer, &code).await;
        assert_eq!(case["handling"]["status"], "in_progress", "the reply resumes the case");
        assert_eq!(case["handling"]["paused_on"], Value::Null);
        assert!(case["events"].as_array().unwrap().iter().any(|e| e["event"]["kind"] == "resumed"));
    }

    async fn sign_in_is_throttled_and_forms_need_their_token(engine: Engine) {
        let app = spawn_or_skip!(engine);
        assert!(app.sign_in(OFFICER, "wrong password").await.unwrap_err().ends_with("?loi=sai"));
        for _ in 0..4 {
            let _ = app.sign_in(OFFICER, "wrong password").await;
        }
        let locked = app.sign_in(OFFICER, DEMO_PASSWORD).await.unwrap_err();
        assert!(locked.ends_with("?loi=tam-khoa"), "five failures lock the account for a while: {locked}");
        // Another account from the same address still signs in.
        let lead = app.demo(LEAD).await;
        let code = app.submit_regulation(None).await;
        let forged = Staff { cookie: lead.cookie.clone(), csrf: "0".repeat(48) };
        assert_eq!(app.act(&forged, &code, &[("action", "accept")]).await.0, 403);
        let response = app.client.post(format!("{}/can-bo/phan-anh/{code}", app.base))
            .header("cookie", &lead.cookie).header("origin", "https://evil.example")
            .form(&[("csrf", lead.csrf.as_str()), ("action", "accept")]).send().await.unwrap();
        assert_eq!(response.status(), 403, "another site's form is refused");
        // Signing out ends the session everywhere.
        let out = app.client.post(format!("{}/can-bo/dang-xuat", app.base)).header("cookie", &lead.cookie)
            .form(&[("csrf", lead.csrf.as_str())]).send().await.unwrap();
        assert_eq!(out.status(), 303);
        assert_eq!(app.staff_case(&lead, &code).await.0, 303);
        assert_eq!(DEMO_OFFICIALS.len(), 6);
    }

    async fn the_calendar_api_knows_tet_and_counts_deadlines(engine: Engine) {
        let app = spawn_or_skip!(engine);
        let year = app.get_json("/api/v1/calendar/holidays?year=2030").await;
        let days = year["days"].as_array().unwrap();
        assert!(days.iter().any(|d| d["date"] == "2030-02-02" && d["kind"] == "statutory"), "Tết 2030 at UTC+7");
        assert!(!days.iter().any(|d| d["date"] == "2030-02-08"));
        assert!(days.iter().any(|d| d["date"] == "2030-04-12" && d["name"].as_str().unwrap().contains("Hùng Vương")));
        // Friday 13 Feb 2026, 9:30, five working days: Tết (16–20 Feb) and the weekends skipped.
        let due = app.get_json("/api/v1/calendar/deadline?received=2026-02-13T09:30&term=5&unit=working_days").await;
        assert_eq!(due, json!({ "received_effective": "2026-02-13", "due": "2026-02-27" }));
        // After the cut-off it counts from the next working day.
        let due = app.get_json("/api/v1/calendar/deadline?received=2026-11-20T17:30&term=20&unit=days").await;
        assert_eq!(due["received_effective"], "2026-11-23");
        assert_eq!(due["due"], "2026-12-14");
        let bad = app.get("/api/v1/calendar/deadline?received=hôm+qua&term=5&unit=days").await;
        assert_eq!(bad.status(), 400);
    }

    async fn the_queue_sorts_by_deadline_counts_each_view_and_the_public_list_shows_answers(engine: Engine) {
        use civicdesk_domain::handling::{AnsweredFilter, QueueFilter, QueueView};
        let app = spawn_or_skip!(engine);
        let first = app.submit_regulation(Some("a@example.vn")).await;
        let second = app.submit_regulation(None).await;
        let officer = app.demo(OFFICER).await;
        let lead = app.demo(LEAD).await;
        app.act(&officer, &first, &[("action", "accept")]).await;
        app.act(&officer, &first, &[("action", "claim")]).await;
        let me = app.store.official_by_email(OFFICER).await.unwrap().unwrap().0.id;
        let today = chrono::Utc::now().date_naive();
        let filter = |view| QueueFilter {
            view,
            agency: Some("HN-STP".into()),
            me,
            today,
            soon_until: today + chrono::Duration::days(3),
            status: None,
            category: None,
            procedure: None,
            field: None,
            assignee: None,
            due_from: None,
            due_to: None,
            words: Vec::new(),
            page: 1,
        };
        let open = app.store.queue(&filter(QueueView::Open)).await.unwrap();
        let codes: Vec<&str> = open.items.iter().map(|i| i.code.as_str()).collect();
        // The new case is due for classification (5 working days) before the accepted one's answer.
        assert_eq!(codes, [second.as_str(), first.as_str()]);
        let count = |view| open.counts.iter().find(|(v, _)| *v == view).unwrap().1;
        assert_eq!((count(QueueView::Open), count(QueueView::New), count(QueueView::Mine)), (2, 1, 1));
        assert_eq!(open.items[1].assignee.as_deref(), Some("Nguyễn Thu Hà"));
        let searched = app.store.queue(&QueueFilter { words: vec!["ban sao".into()], ..filter(QueueView::Open) }).await.unwrap();
        assert_eq!(searched.total, 2, "folded words find the text");
        let none = app.store.queue(&QueueFilter { agency: Some("HN-SYT".into()), ..filter(QueueView::Open) }).await.unwrap();
        assert_eq!(none.total, 0);

        // Redacted and published: the public list finds the published wording only.
        app.act(&officer, &first, &[("action", "redact"), ("title", "Yêu cầu nộp bản sao không cần thiết"),
            ("content", "Thủ tục chứng thực vẫn đòi bản sao giấy khai sinh [đã che].")]).await;
        app.act(&officer, &first, &[("action", "draft_answer"), ("text", "Đã kiến nghị bãi bỏ yêu cầu.")]).await;
        app.act(&lead, &first, &[("action", "approve")]).await;
        app.act(&officer, &first, &[("action", "publish")]).await;
        let (answered, total) = app.store.answered_cases(&AnsweredFilter { words: vec!["kien nghi".into()], ..AnsweredFilter::default() }).await.unwrap();
        assert_eq!((total, answered[0].code.as_str()), (1, first.as_str()));
        let (_, total) = app.store.answered_cases(&AnsweredFilter { words: vec!["dien tu".into()], ..AnsweredFilter::default() }).await.unwrap();
        assert_eq!(total, 0, "a redacted passage is not searchable");
        let (_, total) = app.store.answered_cases(&AnsweredFilter { agency: Some("so-y-te".into()), ..AnsweredFilter::default() }).await.unwrap();
        assert_eq!(total, 0);
        let public = app.get_json(&format!("/api/v1/cases/{first}")).await;
        assert!(public["content"].as_str().unwrap().contains("[đã che]"));
        let answered = app.store.queue(&filter(QueueView::Answered)).await.unwrap();
        assert_eq!(answered.total, 1);
    }

    async fn a_refusal_tells_the_submitter_why_in_both_languages(engine: Engine) {
        let app = spawn_or_skip!(engine);
        let code = app.submit_regulation(Some("tu@example.vn")).await;
        let lead = app.demo(LEAD).await;
        let done = app.act(&lead, &code, &[("action", "refuse"), ("refusal", "complaint"), ("note", "Xin gửi đơn đến Ban Tiếp công dân.")]).await;
        assert!(done.1.ends_with("?xong=refuse"), "{}", done.1);
        let mails = app.mail_files(2).await;
        let refusal = mails.iter().map(|m| crate::feedback::plain_text(m)).find(|m| m.contains("không được tiếp nhận")).expect("a refusal e-mail");
        assert!(refusal.contains("đây là khiếu nại") && refusal.contains("it is a complaint"), "{refusal}");
        assert!(refusal.contains("Xin gửi đơn đến Ban Tiếp công dân.") && !refusal.contains("{reason}"), "{refusal}");
        assert_eq!(app.get_json(&format!("/api/v1/cases/{code}")).await["status"], "refused");
    }
}
