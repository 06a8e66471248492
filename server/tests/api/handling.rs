//! Officials' work over HTTP: signing in, every action of the life cycle, agency scope for every
//! role, throttling, CSRF, and the public calendar.

use civicdesk_domain::cases::token_hash;
use civicdesk_server::demo::{DEMO_OFFICIALS, DEMO_PASSWORD};
use serde_json::{Value, json};

use crate::helpers::{TestApp, engines};

/// A signed-in official: the session cookie and the CSRF token its forms carry.
#[derive(Debug)]
pub(crate) struct Staff {
    pub(crate) cookie: String,
    pub(crate) csrf: String,
}

impl TestApp {
    /// Signs in; a refusal is the page shown again: its status and body.
    pub(crate) async fn sign_in(&self, email: &str, password: &str) -> Result<Staff, (u16, String)> {
        let (cookie, token) = self.login_form().await;
        let response = self
            .client
            .post(format!("{}/can-bo/dang-nhap", self.base))
            .header("cookie", cookie)
            .form(&[("email", email), ("password", password), ("login_token", &token)])
            .send()
            .await
            .unwrap();
        if response.status() != 303 {
            return Err((response.status().as_u16(), response.text().await.unwrap()));
        }
        assert_eq!(response.headers()["location"], "/can-bo");
        let cookie = response.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
        assert!(response.headers()["set-cookie"].to_str().unwrap().contains("HttpOnly"));
        let token = cookie.split_once('=').unwrap().1;
        let now = chrono::Utc::now();
        let session = self
            .store
            .session(&token_hash(token).unwrap(), now, now - chrono::Duration::hours(1))
            .await
            .unwrap()
            .unwrap();
        Ok(Staff { cookie, csrf: session.csrf })
    }

    /// Opens the sign-in page as a browser does: the cookie it sets and the token its form holds.
    pub(crate) async fn login_form(&self) -> (String, String) {
        let response = self.get("/can-bo/dang-nhap").await;
        let set = response.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"), "{set}");
        let cookie = set.split(';').next().unwrap().to_owned();
        let html = response.text().await.unwrap();
        let token = html.split("name=\"login_token\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
        assert_eq!(cookie, format!("civicdesk_login={token}"));
        (cookie, token)
    }

    pub(crate) async fn demo(&self, email: &str) -> Staff {
        self.sign_in(email, DEMO_PASSWORD).await.expect("the demo account signs in")
    }

    /// Posts an action; returns the status and where it redirects (or, when the action is
    /// refused, the page shown again).
    pub(crate) async fn act(&self, staff: &Staff, code: &str, fields: &[(&str, &str)]) -> (u16, String) {
        self.post_as(staff, &format!("/can-bo/phan-anh/{code}"), fields).await
    }

    /// Posts a staff form with the session's token; returns the status and where it redirects
    /// (or, when refused, the page shown again).
    pub(crate) async fn post_as(&self, staff: &Staff, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let mut form: Vec<(&str, &str)> = vec![("csrf", &staff.csrf)];
        form.extend_from_slice(fields);
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header("cookie", &staff.cookie)
            .form(&form)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        match response.headers().get("location") {
            Some(location) => (status, location.to_str().unwrap().to_owned()),
            None => (status, response.text().await.unwrap()),
        }
    }

    /// A staff page as the official sees it.
    pub(crate) async fn staff_page(&self, staff: &Staff, path: &str) -> (u16, String) {
        let response =
            self.client.get(format!("{}{path}", self.base)).header("cookie", &staff.cookie).send().await.unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    pub(crate) async fn staff_case(&self, staff: &Staff, code: &str) -> (u16, Value) {
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
    pub(crate) async fn submit_regulation(&self, email: Option<&str>) -> String {
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

pub(crate) const OFFICER: &str = "chuyenvien.tuphap@demo.civicdesk.vn";
pub(crate) const LEAD: &str = "lanhdao.tuphap@demo.civicdesk.vn";
pub(crate) const OTHER_OFFICER: &str = "chuyenvien.hoankiem@demo.civicdesk.vn";
pub(crate) const OTHER_LEAD: &str = "lanhdao.hoankiem@demo.civicdesk.vn";
pub(crate) const COORDINATOR: &str = "vanphong@demo.civicdesk.vn";
pub(crate) const ADMIN: &str = "quantri@demo.civicdesk.vn";

engines! {
    async fn a_case_goes_from_submission_to_a_published_answer(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let code = app.submit_regulation(Some("tu@example.vn")).await;
        let officer = app.demo(OFFICER).await;
        let lead = app.demo(LEAD).await;

        assert_eq!(app.act(&officer, &code, &[("action", "accept")]).await.1, format!("/can-bo/phan-anh/{code}?xong=accept"));
        app.act(&officer, &code, &[("action", "claim")]).await;
        app.act(&officer, &code, &[("action", "draft_answer"), ("text", "Sở Tư pháp đã kiến nghị bỏ yêu cầu này.")]).await;
        // Only a lead approves; the lead returns the draft once.
        let (status, page) = app.act(&officer, &code, &[("action", "approve")]).await;
        assert_eq!(status, 403);
        assert!(page.contains("Vai trò của bạn không được làm thao tác này"), "the page says why");
        let (status, page) = app.act(&lead, &code, &[("action", "return"), ("reason", "  ")]).await;
        assert_eq!(status, 422);
        assert!(page.contains("Vui lòng nhập đủ nội dung"));
        assert!(page.contains("Sở Tư pháp đã kiến nghị bỏ yêu cầu này."), "the case page is shown as it is now");
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
        let mails = app.mail_files(2).await;
        let to_submitter: Vec<String> =
            mails.iter().filter(|m| m.contains("To: tu@example.vn")).map(|m| crate::feedback::plain_text(m)).collect();
        assert_eq!(to_submitter.len(), 2, "the acknowledgement and the answer");
        assert!(to_submitter.iter().any(|m| m.contains(&code) && m.contains("Công văn 123/STP")), "the answer's text is in it");
        crate::record::assert_record_kept(&app).await;
    }

    async fn no_official_sees_what_is_not_theirs(engine: Engine) {
        let app = TestApp::spawn(engine).await;
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
        // Without a session: 401, in the API's shape, saying where to sign in.
        let anonymous = app.client.get(format!("{}/api/v1/staff/cases/{code}", app.base)).send().await.unwrap();
        assert_eq!(anonymous.status(), 401);
        let refusal: Value = anonymous.json().await.unwrap();
        assert!(refusal["errors"][0]["message"].as_str().unwrap().contains("/can-bo/dang-nhap"), "{refusal}");
        // A transfer moves the case out of reach of its first agency, into the other's.
        app.act(&officer, &code, &[("action", "transfer"), ("agency", "HN-XA-HK"), ("reason", "Thuộc thẩm quyền phường")]).await;
        assert_eq!(app.staff_case(&officer, &code).await.0, 404);
        let other = app.demo(OTHER_OFFICER).await;
        let (_, case) = app.staff_case(&other, &code).await;
        assert_eq!(case["handling"]["agency"], "HN-XA-HK");
        assert_eq!(case["handling"]["status"], "received");
        crate::record::assert_record_kept(&app).await;
    }

    async fn asking_for_information_pauses_the_deadline_until_the_submitter_replies(engine: Engine) {
        let app = TestApp::spawn(engine).await;
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
        // As if the request had gone out ten days ago: the reply moves the answer date by the pause.
        let due_before: chrono::NaiveDate = serde_json::from_value(case["handling"]["answer_due"].clone()).unwrap();
        let paused_on = civicdesk_domain::calendar::local_day(chrono::Utc::now()) - chrono::Duration::days(10);
        let url = &app.config.database_url;
        let sql = "UPDATE cases SET paused_on = $1 WHERE code = $2";
        if url.starts_with("postgres") {
            let pool = sqlx::PgPool::connect(url).await.unwrap();
            sqlx::query(sql).bind(paused_on).bind(&code).execute(&pool).await.unwrap();
        } else {
            let pool = sqlx::SqlitePool::connect(url).await.unwrap();
            sqlx::query(sql).bind(paused_on).bind(&code).execute(&pool).await.unwrap();
        }
        let added = app.client.post(format!("{}{private}/bo-sung", app.base)).form(&[("content", "Số biên nhận 45/BN.")]).send().await.unwrap();
        assert_eq!(added.status(), 303);
        let (_, case) = app.staff_case(&officer, &code).await;
        assert_eq!(case["handling"]["status"], "in_progress", "the reply resumes the case");
        assert_eq!(case["handling"]["paused_on"], Value::Null);
        let due_after: chrono::NaiveDate = serde_json::from_value(case["handling"]["answer_due"].clone()).unwrap();
        let moved = (due_after - due_before).num_days();
        assert!((10..=14).contains(&moved), "the answer date moves by the ten days paused (to a working day): {moved}");
        assert!(case["events"].as_array().unwrap().iter().any(|e| e["event"]["kind"] == "resumed"));
        crate::record::assert_record_kept(&app).await;
    }

    async fn sign_in_is_throttled_and_forms_need_their_token(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let (status, page) = app.sign_in(OFFICER, "wrong password").await.unwrap_err();
        assert_eq!(status, 401);
        assert!(page.contains("Thư điện tử hoặc mật khẩu không đúng."));
        assert!(page.contains(&format!("value=\"{OFFICER}\"")), "the e-mail typed is kept");
        for _ in 0..4 {
            let _ = app.sign_in(OFFICER, "wrong password").await;
        }
        let (status, page) = app.sign_in(OFFICER, DEMO_PASSWORD).await.unwrap_err();
        assert_eq!(status, 429, "five failures lock the account for a while");
        assert!(page.contains("Vui lòng thử lại sau 15 phút"));
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
        assert_eq!(app.staff_case(&lead, &code).await.0, 401);
        assert_eq!(DEMO_OFFICIALS.len(), 6);
    }

    async fn the_calendar_api_knows_tet_and_counts_deadlines(engine: Engine) {
        let app = TestApp::spawn(engine).await;
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
        use civicdesk_domain::queue::{AnsweredFilter, QueueFilter, QueueView};
        let app = TestApp::spawn(engine).await;
        let first = app.submit_regulation(Some("a@example.vn")).await;
        let second = app.submit_regulation(None).await;
        let officer = app.demo(OFFICER).await;
        let lead = app.demo(LEAD).await;
        app.act(&officer, &first, &[("action", "accept")]).await;
        app.act(&officer, &first, &[("action", "claim")]).await;
        let me = app.store.official_by_email(OFFICER).await.unwrap().unwrap().0.id;
        let today = chrono::Utc::now().date_naive();
        let filter =
            |view| QueueFilter::of(view, Some("HN-STP".into()), me, today, today + chrono::Duration::days(3));
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
        let app = TestApp::spawn(engine).await;
        let code = app.submit_regulation(Some("tu@example.vn")).await;
        let lead = app.demo(LEAD).await;
        let done = app.act(&lead, &code, &[("action", "refuse"), ("refusal", "complaint"), ("note", "Xin gửi đơn đến Ban Tiếp công dân.")]).await;
        assert!(done.1.ends_with("?xong=refuse"), "{}", done.1);
        let mails = app.mail_files(2).await;
        let refusal = mails.iter().map(|m| crate::feedback::plain_text(m)).find(|m| m.contains("không được tiếp nhận")).expect("a refusal e-mail");
        assert!(refusal.contains("đây là khiếu nại") && refusal.contains("it is a complaint"), "{refusal}");
        assert!(refusal.contains("Xin gửi đơn đến Ban Tiếp công dân.") && !refusal.contains("{reason}"), "{refusal}");
        assert_eq!(app.get_json(&format!("/api/v1/cases/{code}")).await["status"], "refused");
        crate::record::assert_record_kept(&app).await;
    }

    async fn officials_work_through_the_pages_and_the_public_sees_only_what_was_published(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let body = json!({
            "submitter_kind": "individual", "name": "Hoàng Văn Tư", "address": "3 Tràng Tiền, Hà Nội",
            "phone": "0983111222", "email": "tu@example.vn", "category": "regulation",
            "title": "Yêu cầu nộp bản sao không cần thiết",
            "content": "Tôi là Hoàng Văn Tư, số căn cước 001099000123: thủ tục chứng thực vẫn đòi bản sao giấy khai sinh.",
            "consent": true
        });
        let created: Value = app.client.post(format!("{}/api/v1/cases", app.base)).json(&body).send().await.unwrap().json().await.unwrap();
        let code = created["code"].as_str().unwrap().to_owned();
        let private = created["follow_url"].as_str().unwrap().trim_start_matches(&app.base).to_owned();
        let officer = app.demo(OFFICER).await;
        let lead = app.demo(LEAD).await;
        let other = app.demo(OTHER_OFFICER).await;
        let case_page = format!("/can-bo/phan-anh/{code}");

        // The queue and the case page, inside the agency only.
        let (status, queue) = app.staff_page(&officer, "/can-bo").await;
        assert_eq!(status, 200);
        assert!(queue.contains(&code) && queue.contains("Trong hạn"), "listed with where it stands");
        assert!(!app.staff_page(&other, "/can-bo").await.1.contains(&code));
        let (status, page) = app.staff_page(&other, &case_page).await;
        assert_eq!(status, 404);
        assert!(!page.contains("0983111222"));
        let (status, page) = app.staff_page(&officer, &case_page).await;
        assert_eq!(status, 200);
        assert!(page.contains("0983111222") && page.contains("tu@example.vn"), "staff see the contact details");
        assert!(page.contains(r#"value="accept""#) && !page.contains(r#"value="approve""#), "only what an officer may do");
        let anonymous = app.client.get(format!("{}/can-bo", app.base)).send().await.unwrap();
        assert_eq!(anonymous.status().as_u16() / 100, 3);
        assert_eq!(anonymous.headers()["location"], "/can-bo/dang-nhap");

        // The lead assigns from the queue.
        let officer_id = app.store.official_by_email(OFFICER).await.unwrap().unwrap().0.id.to_string();
        let assigned = app.client.post(format!("{}/can-bo/giao-viec", app.base)).header("cookie", &lead.cookie)
            .form(&[("csrf", lead.csrf.as_str()), ("code", code.as_str()), ("assignee", officer_id.as_str()), ("back", "/can-bo?xem=moi")])
            .send().await.unwrap();
        assert_eq!(assigned.headers()["location"], "/can-bo?xem=moi&giao=1");
        assert!(app.staff_page(&officer, "/can-bo?xem=cua-toi").await.1.contains(&code), "now in the officer's own view");

        // Before the answer the public page gives the legal date and nothing of the question.
        let (status, public) = app.get_html(&format!("/phan-anh/{code}")).await;
        assert_eq!(status, 200);
        assert!(public.contains("phải trả lời trước ngày"), "the legal due date is stated");
        for private_detail in ["0983111222", "tu@example.vn", "Tràng Tiền", "Hoàng Văn Tư", "001099000123"] {
            assert!(!public.contains(private_detail), "{private_detail} is not public");
        }

        app.act(&officer, &code, &[("action", "accept")]).await;
        app.act(&officer, &code, &[("action", "redact"), ("title", "Yêu cầu nộp bản sao không cần thiết"),
            ("content", "Tôi là [đã che]: thủ tục chứng thực vẫn đòi bản sao giấy khai sinh.")]).await;
        app.act(&officer, &code, &[("action", "draft_answer"), ("text", "Sở Tư pháp đã bỏ yêu cầu bản sao giấy khai sinh.")]).await;
        app.act(&lead, &code, &[("action", "approve")]).await;
        app.act(&lead, &code, &[("action", "publish")]).await;

        let (_, public) = app.get_html(&format!("/phan-anh/{code}")).await;
        assert!(public.contains("Sở Tư pháp đã bỏ yêu cầu bản sao giấy khai sinh.") && public.contains("[đã che]"));
        for private_detail in ["0983111222", "tu@example.vn", "Tràng Tiền", "Hoàng Văn Tư", "001099000123"] {
            assert!(!public.contains(private_detail), "{private_detail} is not public once answered either");
        }
        let (_, list) = app.get_html("/phan-anh?q=giay+khai+sinh").await;
        assert!(list.contains(&code), "the answer is found by its words, typed without accents");
        assert!(app.get_html("/phan-anh?co-quan=so-tu-phap").await.1.contains(&code));
        assert!(!app.get_html("/phan-anh?co-quan=phuong-hoan-kiem").await.1.contains(&code), "another agency's answers");

        // The submitter rates the answer from the private page, once.
        let rate = |fields: Vec<(&'static str, &'static str)>| {
            let url = format!("{}{private}/danh-gia", app.base);
            let client = app.client.clone();
            async move { client.post(url).form(&fields).send().await.unwrap() }
        };
        let refused = rate(vec![("satisfied", "no"), ("reason", "")]).await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains("checked"), "the choice is kept");
        let rated = rate(vec![("satisfied", "no"), ("reason", "Chưa nói rõ từ ngày nào áp dụng.")]).await;
        assert!(rated.headers()["location"].to_str().unwrap().ends_with("?danh-gia=1"));
        rate(vec![("satisfied", "yes"), ("reason", "")]).await;
        let (_, case) = app.staff_case(&lead, &code).await;
        assert_eq!(case["rating"], json!({ "satisfied": false, "reason": "Chưa nói rõ từ ngày nào áp dụng." }), "the first rating stands");
        crate::record::assert_record_kept(&app).await;
        let (_, mine) = app.get_html(&private).await;
        assert!(mine.contains("Không hài lòng") && mine.contains("Chưa nói rõ"));

        // The lead exports the agency's cases with their milestones; an officer may not.
        let export = app.client.get(format!("{}/can-bo/xuat.csv", app.base)).header("cookie", &lead.cookie).send().await.unwrap();
        assert_eq!(export.status(), 200);
        assert!(export.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let csv = export.text().await.unwrap();
        let header: Vec<&str> = csv.lines().next().unwrap().trim_start_matches('\u{feff}').split(',').collect();
        let row: Vec<&str> = csv.lines().find(|l| l.starts_with(&code)).expect("the case is exported").split(',').collect();
        let column = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
        assert!(!column("accepted_at").is_empty() && !column("published_at").is_empty());
        assert!(column("refused_at").is_empty());
        assert!(!csv.contains("0983111222"), "no contact details in the export");
        let denied = app.client.get(format!("{}/can-bo/xuat.csv", app.base)).header("cookie", &officer.cookie).send().await.unwrap();
        assert_eq!(denied.status(), 403);
    }

    async fn the_deadline_calculator_page_counts_around_tet(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let (status, page) = app.get_html("/tinh-han?nhan=2026-02-13T09%3A30&han=5&don-vi=working_days").await;
        assert_eq!(status, 200);
        assert!(page.contains(r#"id="calc-due"><strong>27/02/2026"#), "Tết and the weekends are skipped");
        assert!(page.contains("Tết Nguyên đán (mùng 1)"));
        let (_, page) = app.get_html("/en/tinh-han?nhan=hom-qua&han=0").await;
        assert!(page.contains("Enter the date and time of receipt.") && page.contains("The term is a number of days"));
    }

    async fn the_case_generator_fills_fifty_agencies_with_cases_the_queue_and_public_list_read(engine: Engine) {
        use civicdesk_domain::queue::{AnsweredFilter, QueueFilter, QueueView};
        let app = TestApp::spawn(engine).await;
        let written = civicdesk_server::generate_cases::fill(app.store.as_ref(), 3_000, 50, 7).await.unwrap();
        assert_eq!(written, 3_000);
        assert!(app.store.agencies().await.unwrap().len() >= 50);
        let today = chrono::Utc::now().date_naive();
        let all = QueueFilter::of(QueueView::Open, None, 0, today, today);
        let open = app.store.queue(&all).await.unwrap();
        assert!(open.total > 100 && open.total < 3_000, "a share is still open: {}", open.total);
        let dues: Vec<_> = open.items.iter().map(|i| i.next_due).collect();
        assert!(dues.windows(2).all(|w| w[0] <= w[1]), "in deadline order");
        let (answered, total) = app.store.answered_cases(&AnsweredFilter::default()).await.unwrap();
        assert!(total > 1_000, "most old cases are answered: {total}");
        let (status, public) = app.get_html(&format!("/phan-anh/{}", answered[0].code)).await;
        assert_eq!(status, 200);
        assert!(public.contains("official-answer"));
    }

    async fn an_official_records_feedback_given_on_paper(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let officer = app.demo(OTHER_OFFICER).await;
        let (status, page) = app.staff_page(&officer, "/can-bo/ghi-nhan").await;
        assert_eq!(status, 200);
        assert!(page.contains(r#"value="paper""#));
        let post = |fields: Vec<(&'static str, &'static str)>| {
            let mut form = vec![("csrf", officer.csrf.clone())];
            form.extend(fields.into_iter().map(|(k, v)| (k, v.to_owned())));
            let request = app.client.post(format!("{}/can-bo/ghi-nhan", app.base)).header("cookie", &officer.cookie).form(&form);
            async move { request.send().await.unwrap() }
        };
        let base = vec![
            ("channel", "paper"), ("submitter_kind", "individual"), ("name", "Ngô Thị Hoa"), ("address", "14 Hàng Đào, Hoàn Kiếm"),
            ("category", "official_conduct"), ("title", "Bộ phận một cửa đóng cửa sớm"),
            ("content", "Bộ phận một cửa phường đóng cửa lúc 16 giờ dù lịch tiếp dân ghi đến 17 giờ."), ("consent", "on"),
        ];
        // No phone: the form comes back with everything, the paper channel still chosen.
        let refused = post(base.clone()).await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        assert!(page.contains("Ngô Thị Hoa") && page.contains(r#"value="paper" checked"#), "what was typed is kept");
        let mut full = base;
        full.push(("phone", "0241234567"));
        let done = post(full.clone()).await;
        assert_eq!(done.status(), 303);
        let follow = done.headers()["location"].to_str().unwrap().to_owned();
        assert!(follow.starts_with("/phan-anh/tra-cuu/") && follow.ends_with("?moi=1"), "{follow}");
        let (_, private) = app.get_html(&follow).await;
        let code = private.split("PAKN.").nth(1).unwrap()[..13].to_owned();
        let coordinator = app.demo(COORDINATOR).await;
        let (_, case) = app.staff_case(&coordinator, &format!("PAKN.{code}")).await;
        assert_eq!(case["channel"], "paper");
        // Without a session, with another site's form or without the form's token, nothing is recorded.
        let before = app.store.milestones(None).await.unwrap().len();
        let url = format!("{}/can-bo/ghi-nhan", app.base);
        let anonymous = app.client.post(&url).form(&full).send().await.unwrap();
        assert_eq!(anonymous.status(), 303, "to the sign-in page");
        let mut signed = full.iter().map(|(k, v)| (*k, v.to_string())).collect::<Vec<_>>();
        signed.push(("csrf", officer.csrf.clone()));
        let elsewhere = app.client.post(&url).header("cookie", &officer.cookie).header("origin", "https://elsewhere.example")
            .form(&signed).send().await.unwrap();
        assert_eq!(elsewhere.status(), 403);
        signed.retain(|(k, _)| *k != "csrf");
        let tokenless = app.client.post(&url).header("cookie", &officer.cookie).form(&signed).send().await.unwrap();
        assert_eq!(tokenless.status(), 403);
        assert_eq!(app.store.milestones(None).await.unwrap().len(), before, "no case was recorded");
    }

    async fn administrators_keep_the_calendar_terms_accounts_and_routing(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let admin = app.demo(ADMIN).await;
        let lead = app.demo(LEAD).await;
        let post = |staff: &Staff, fields: Vec<(&'static str, &'static str)>| {
            let mut form = vec![("csrf", staff.csrf.clone())];
            form.extend(fields.into_iter().map(|(k, v)| (k, v.to_owned())));
            let request = app.client.post(format!("{}/quan-tri", app.base)).header("cookie", &staff.cookie).form(&form);
            async move { request.send().await.unwrap() }
        };
        assert_eq!(app.staff_page(&admin, "/quan-tri").await.0, 200);
        assert_eq!(app.staff_page(&lead, "/quan-tri").await.0, 404, "administration is for administrators");
        assert_eq!(post(&lead, vec![("action", "add_day"), ("date", "2027-01-02"), ("note", "x")]).await.status(), 404);

        // A make-up Saturday and an announced day off change deadlines at once.
        let before = app.get_json("/api/v1/calendar/deadline?received=2027-01-01T09:00&term=5&unit=working_days").await;
        let done = post(&admin, vec![("action", "add_day"), ("date", "2027-01-09"), ("kind", "working_day"), ("note", "Làm bù cho ngày 2/1")]).await;
        assert_eq!(done.headers()["location"], "/quan-tri?xong=add_day");
        let after = app.get_json("/api/v1/calendar/deadline?received=2027-01-01T09:00&term=5&unit=working_days").await;
        assert_ne!(before["due"], after["due"], "the make-up Saturday counts: {before} {after}");
        let holidays = app.get_json("/api/v1/calendar/holidays?year=2027").await;
        assert!(holidays["days"].as_array().unwrap().iter().any(|d| d["date"] == "2027-01-09" && d["kind"] == "make_up_working_day"));
        post(&admin, vec![("action", "delete_day"), ("date", "2027-01-09")]).await;
        assert_eq!(app.get_json("/api/v1/calendar/deadline?received=2027-01-01T09:00&term=5&unit=working_days").await, before);

        // A bad date comes back with the note typed.
        let refused = post(&admin, vec![("action", "add_day"), ("date", "32/13/2027"), ("kind", "day_off"), ("note", "Nghỉ Tết dương lịch bù")]).await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        assert!(page.contains("Nhập ngày dạng năm-tháng-ngày.") && page.contains("Nghỉ Tết dương lịch bù"));

        // A shorter term for the Department of Justice applies to the next case.
        post(&admin, vec![("action", "add_term"), ("agency", "HN-STP"), ("category", ""), ("amount", "10"), ("unit", "working_days")]).await;
        let code = app.submit_regulation(None).await;
        let (_, case) = app.staff_case(&lead, &code).await;
        assert_eq!(case["handling"]["answer_term"], json!({ "amount": 10, "unit": "working_days" }));

        // A new account signs in; a duplicate is refused without echoing the password.
        let created = post(&admin, vec![("action", "add_account"), ("name", "Trịnh Văn Sơn"), ("email", "son.tv@demo.civicdesk.vn"),
            ("role", "officer"), ("agency", "HN-SYT"), ("password", "mat-khau-dai-du")]).await;
        assert_eq!(created.status(), 303);
        assert!(app.sign_in("son.tv@demo.civicdesk.vn", "mat-khau-dai-du").await.is_ok());
        let again = post(&admin, vec![("action", "add_account"), ("name", "Trịnh Văn Sơn"), ("email", "son.tv@demo.civicdesk.vn"),
            ("role", "officer"), ("agency", "HN-SYT"), ("password", "mat-khau-dai-du")]).await;
        assert_eq!(again.status(), 422);
        let page = again.text().await.unwrap();
        assert!(page.contains("Đã có mục này") && !page.contains("mat-khau-dai-du"));

        // A routing rule takes effect: the next proposal goes to the Department of Health.
        post(&admin, vec![("action", "save_rule"), ("category", "proposal"), ("area", ""), ("agency", "HN-SYT"), ("note", "Đề xuất về y tế")]).await;
        let body = json!({
            "submitter_kind": "individual", "name": "Hoàng Văn Tư", "address": "3 Tràng Tiền, Hà Nội",
            "phone": "0983111229", "category": "proposal", "title": "Đề xuất mở thêm điểm tiêm chủng",
            "content": "Đề xuất mở thêm điểm tiêm chủng vào cuối tuần cho người đi làm.", "consent": true
        });
        let created: Value = app.client.post(format!("{}/api/v1/cases", app.base)).json(&body).send().await.unwrap().json().await.unwrap();
        let coordinator = app.demo(COORDINATOR).await;
        let (_, case) = app.staff_case(&coordinator, created["code"].as_str().unwrap()).await;
        assert_eq!(case["handling"]["agency"], "HN-SYT", "routed by the new rule");
    }

    async fn an_agency_publishes_chosen_attachments_with_its_answer(engine: Engine) {
        use reqwest::multipart::{Form, Part};
        let app = TestApp::spawn(engine).await;
        let fields = [
            ("submitter_kind", "individual"), ("name", "Nguyễn Văn An"), ("address", "12 Hàng Bạc, phường Hoàn Kiếm"),
            ("phone", "0912345678"), ("category", "official_conduct"), ("area", "HN-HK"),
            ("title", "Vỉa hè trước số 12 Hàng Bạc bị lấn chiếm"), ("content", "Vỉa hè bị lấn chiếm làm nơi để xe, người đi bộ phải xuống lòng đường."),
            ("consent", "on"),
        ];
        let form = fields.iter().fold(Form::new(), |form, (k, v)| form.text(*k, *v))
            .part("attachments", Part::bytes(crate::helpers::pdf("Anh via he", "Nguyen Van An")).file_name("via-he_Nguyen-Van-An_0912345678.pdf"))
            .part("attachments", Part::bytes(crate::helpers::pdf("Giay to ca nhan", "Nguyen Van An")).file_name("can-cuoc.pdf"))
            .part("attachments", Part::bytes(b"%PDF-1.4 nothing a reader can follow".to_vec()).file_name("hong.pdf"));
        let refused = app.client.post(format!("{}/phan-anh/gui", app.base)).multipart(form).send().await.unwrap();
        assert_eq!(refused.status(), 422, "a PDF that cannot be cleaned is not kept");
        assert!(refused.text().await.unwrap().contains("Không đọc được tệp hong.pdf để xóa thông tin tác giả"));
        let form = fields.iter().fold(Form::new(), |form, (k, v)| form.text(*k, *v))
            .part("attachments", Part::bytes(crate::helpers::pdf("Anh via he", "Nguyen Van An")).file_name("via-he_Nguyen-Van-An_0912345678.pdf"))
            .part("attachments", Part::bytes(crate::helpers::pdf("Giay to ca nhan", "Nguyen Van An")).file_name("can-cuoc.pdf"));
        let sent = app.client.post(format!("{}/phan-anh/gui", app.base)).multipart(form).send().await.unwrap();
        let follow = sent.headers()["location"].to_str().unwrap().to_owned();
        let (_, private) = app.get_html(&follow).await;
        let code = format!("PAKN.{}", &private.split("PAKN.").nth(1).unwrap()[..13]);
        let officer = app.demo(OTHER_OFFICER).await;
        let lead = app.demo(OTHER_LEAD).await;
        let (_, case) = app.staff_case(&officer, &code).await;
        let ids: Vec<i64> = case["attachments"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect();
        assert_eq!(ids.len(), 2);
        let publish = |staff: &Staff, id: i64, on: &'static str| {
            let request = app.client.post(format!("{}/can-bo/phan-anh/{code}/tep/{id}", app.base))
                .header("cookie", &staff.cookie).form(&[("csrf", staff.csrf.as_str()), ("published", on)]);
            async move { request.send().await.unwrap() }
        };
        // Another agency's official cannot touch it.
        let stranger = app.demo(OFFICER).await;
        assert_eq!(publish(&stranger, ids[0], "1").await.status(), 404);
        let chosen = publish(&officer, ids[0], "1").await;
        assert!(chosen.headers()["location"].to_str().unwrap().ends_with("?xong=attachment"));
        // Chosen but the answer not yet published: nothing public.
        assert_eq!(app.get(&format!("/phan-anh/{code}/tep/{}", ids[0])).await.status(), 404);
        app.act(&officer, &code, &[("action", "accept")]).await;
        app.act(&officer, &code, &[("action", "draft_answer"), ("text", "Phường đã xử lý, trả lại vỉa hè cho người đi bộ.")]).await;
        app.act(&lead, &code, &[("action", "approve")]).await;
        app.act(&lead, &code, &[("action", "publish")]).await;

        let (_, public) = app.get_html(&format!("/phan-anh/{code}")).await;
        assert!(public.contains("Tệp đính kèm 1.pdf"), "listed under a neutral name");
        assert!(!public.contains("via-he") && !public.contains("can-cuoc") && !public.contains("0912345678"));
        let file = app.get(&format!("/phan-anh/{code}/tep/{}", ids[0])).await;
        assert_eq!(file.status(), 200);
        assert_eq!(file.headers()["content-type"], "application/pdf");
        assert_eq!(file.headers()["content-disposition"], "attachment; filename*=UTF-8''T%E1%BB%87p%20%C4%91%C3%ADnh%20k%C3%A8m%201.pdf");
        let bytes = file.bytes().await.unwrap();
        assert!(crate::helpers::contains(&bytes, "Anh via he"), "the page is there");
        assert!(!crate::helpers::contains(&bytes, "Nguyen Van An"), "its author is not");
        assert_eq!(app.get(&format!("/phan-anh/{code}/tep/{}", ids[1])).await.status(), 404, "the other stays private");
        let public_json = app.get_json(&format!("/api/v1/cases/{code}")).await;
        assert_eq!(public_json["attachments"].as_array().unwrap().len(), 1);
        // Withdrawn again, and the change is on the record.
        publish(&officer, ids[0], "0").await;
        assert_eq!(app.get(&format!("/phan-anh/{code}/tep/{}", ids[0])).await.status(), 404);
        let (_, case) = app.staff_case(&officer, &code).await;
        let kinds: Vec<&str> = case["events"].as_array().unwrap().iter().map(|e| e["event"]["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds.iter().filter(|k| **k == "attachment_published").count(), 2);
    }
}
