//! Following a procedure by e-mail, as a business would: asked for from the procedure's page,
//! nothing sent before the address is confirmed, one message saying what changed at each revision
//! (once, however many instances tell), confirmations limited per address, and one click — a
//! mail program's POST, from anywhere — to stop.

use crate::feedback::plain_text;
use crate::helpers::{TestApp, engines};

const CODE: &str = "1.009999";
const RECORD: &str = r#"[{"MATTHC":"1.009999","TENTTHC":"Cấp giấy phép thử nghiệm","CAPTHUCHIEN":"1",
  "LINHVUCTHUCHIEN":[{"MALINHVUC":"TN","TENLINHVUC":"Thử nghiệm"}],
  "CACHTHUCTHUCHIEN":[{"KENH":"Trực tiếp","THOIGIAN":[{"THOIGIANGIAIQUYET":"5","DONVITINH":"Ngày làm việc"}]}]}]"#;

impl TestApp {
    /// Imports the procedure with the time limit `days`: a new revision each time it differs.
    fn import_days(&self, dir: &std::path::Path, days: u32) {
        let file = dir.join("catalogue.json");
        std::fs::write(&file, RECORD.replace("\"5\"", &format!("\"{days}\""))).unwrap();
        assert!(crate::import::civicdesk(self, &["import", file.to_str().unwrap()]).status.success());
    }

    async fn follow(&self, email: &str) -> reqwest::Response {
        self.client
            .post(format!("{}/theo-doi", self.base))
            .form(&[("thu-tuc", CODE), ("email", email)])
            .send()
            .await
            .unwrap()
    }

    async fn notify(&self) -> usize {
        self.follows().await.follows.notify_changes(chrono::Utc::now()).await.unwrap()
    }

    /// The following service of another instance of the portal, on the same database.
    async fn follows(&self) -> std::sync::Arc<civicdesk_services::Services> {
        civicdesk_services::Services::start(self.store.clone(), self.options()).await.unwrap()
    }

    async fn follow_agency(&self, email: &str, frequency: &str) -> reqwest::Response {
        let form = [("co-quan", "so-tu-phap"), ("email", email), ("tan-suat", frequency)];
        self.client.post(format!("{}/theo-doi", self.base)).form(&form).send().await.unwrap()
    }

    /// The newest message to `email` that `wanted` accepts, once the outbox has written it.
    async fn mail_to(&self, email: &str, wanted: impl Fn(&str) -> bool) -> String {
        for _ in 0..100 {
            let found =
                self.mail_files(0).await.into_iter().rev().find(|m| m.contains(&format!("To: {email}")) && wanted(m));
            if let Some(mail) = found {
                return mail;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("no such message to {email}");
    }

    /// Confirms the newest confirmation sent to `email`; returns its token.
    async fn confirm_newest(&self, email: &str) -> String {
        let token = token_in(&plain_text(&self.mail_to(email, |_| true).await));
        let confirmed = self.client.post(format!("{}/theo-doi/{token}/xac-nhan", self.base)).send().await.unwrap();
        assert_eq!(confirmed.status(), 303);
        token
    }

    fn options(&self) -> civicdesk_services::Options<'_> {
        civicdesk_services::Options {
            data_dir: &self.config.data_dir,
            public_url: &self.config.public_url,
            idle: civicdesk_services::accounts::IdleLimit(chrono::Duration::hours(1)),
            min_sample: 1,
        }
    }
}

/// The token of the first link to `/theo-doi/{token}` in a message.
fn token_in(text: &str) -> String {
    let at = text.find("/theo-doi/").expect("a link to the following") + "/theo-doi/".len();
    text[at..at + 48].to_owned()
}

engines! {
    async fn a_business_follows_a_procedure_and_hears_once_what_changed(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let dir = tempfile::tempdir().unwrap();
        app.import_days(dir.path(), 5);
        assert_eq!(app.notify().await, 0, "the notifier starts from now");

        // From the procedure's page, to a form; a wrong address is refused beside it, as typed.
        let (_, page) = app.get_html(&format!("/thu-tuc/{CODE}")).await;
        assert!(page.contains(&format!("/theo-doi?thu-tuc={CODE}")), "the page offers it");
        let (status, form) = app.get_html(&format!("/theo-doi?thu-tuc={CODE}")).await;
        assert_eq!(status, 200);
        assert!(form.contains("Cấp giấy phép thử nghiệm") && form.contains(r#"name="email""#));
        assert_eq!(app.get_html("/theo-doi?thu-tuc=KHONG-CO").await.0, 404);
        let refused = app.follow("\"><script>alert(1)</script>").await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        assert!(page.contains("field-invalid") && page.contains("&quot;&gt;&lt;script&gt;") && !page.contains("<script>alert(1)"), "{page}");

        // Asked: a confirmation, and nothing else until it is confirmed.
        let asked = app.follow("DoanhNghiep@Example.VN").await;
        assert_eq!(asked.status(), 303);
        assert!(asked.headers()["location"].to_str().unwrap().ends_with("&da-gui=1"));
        let mails = app.mail_files(1).await;
        assert!(mails[0].contains("To: DoanhNghiep@example.vn"), "{}", mails[0]);
        let confirmation = plain_text(&mails[0]);
        assert!(confirmation.contains("Cấp giấy phép thử nghiệm") && confirmation.contains("To confirm"));
        let token = token_in(&confirmation);
        app.import_days(dir.path(), 7);
        assert_eq!(app.notify().await, 0, "not confirmed: not told");
        let (_, manage) = app.get_html(&format!("/theo-doi/{token}")).await;
        assert!(manage.contains("Chưa xác nhận") && manage.contains("DoanhNghiep@example.vn"));
        let confirmed = app.client.post(format!("{}/theo-doi/{token}/xac-nhan", app.base)).send().await.unwrap();
        assert_eq!(confirmed.headers()["location"].to_str().unwrap(), format!("/theo-doi/{token}?xong=1"));
        let (_, manage) = app.get_html(&format!("/theo-doi/{token}?xong=1")).await;
        assert!(manage.contains("Đã xác nhận") && !manage.contains("Chưa xác nhận"));

        // Revised: one message, from two instances at once, saying what changed.
        app.import_days(dir.path(), 9);
        let (a, b) = tokio::join!(app.notify(), app.notify());
        assert_eq!(a + b, 1);
        assert_eq!(app.notify().await, 0, "once");
        let mails = app.mail_files(2).await;
        assert_eq!(mails.len(), 2);
        let told = &mails[1];
        let text = plain_text(told);
        let changed = civicdesk_texts::Lang::Vi.texts().record_part(civicdesk_domain::procedure::RecordPart::Channels);
        assert!(text.contains("Cấp giấy phép thử nghiệm") && text.contains(changed), "what changed: {text}");
        let unsubscribe = format!("{}/theo-doi/", app.base);
        let header = told.replace("\r\n", "\n").lines().find(|l| l.starts_with("List-Unsubscribe: ")).expect("List-Unsubscribe").to_owned();
        assert!(header.contains(&unsubscribe) && header.ends_with("/huy>"), "{header}");
        assert!(told.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));

        // Confirmations are limited per address, with the same answer.
        for _ in 0..4 {
            assert_eq!(app.follow("khac@example.vn").await.status(), 303);
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let to_other = app.mail_files(5).await.iter().filter(|m| m.contains("To: khac@example.vn")).count();
        assert_eq!(to_other, 3, "three confirmations a day to one address");

        // One click from a mail program, from no page of ours; nothing more is sent.
        let link = header.trim_start_matches("List-Unsubscribe: <").trim_end_matches('>').to_owned();
        let clicked = app.client.post(&link).header("origin", "https://mail.example.com")
            .header("content-type", "application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").send().await.unwrap();
        assert_eq!(clicked.status(), 200);
        assert!(clicked.text().await.unwrap().contains("Đã bỏ theo dõi"));
        app.import_days(dir.path(), 11);
        assert_eq!(app.notify().await, 0, "stopped");
        let (status, gone) = app.get_html(&format!("/theo-doi/{token}")).await;
        assert_eq!(status, 404);
        assert!(gone.contains("không còn dùng được"));
        let (_, page) = app.get_html(&format!("/thu-tuc/{CODE}")).await;
        assert!(!page.contains("example.vn"), "no follower is shown");
    }

    async fn a_citizen_follows_an_agency_weekly_and_stops_in_one_click(engine: Engine) {
        use crate::handling::{LEAD, OFFICER};
        let app = TestApp::spawn(engine).await;
        let follows = app.follows().await;
        assert_eq!(follows.follows.notify_answers(chrono::Utc::now()).await.unwrap(), 0, "starts from now");
        let (_, page) = app.get_html("/co-quan/so-tu-phap").await;
        assert!(page.contains("/theo-doi?co-quan=so-tu-phap"), "the agency's page offers it");
        let (_, form) = app.get_html("/theo-doi?co-quan=so-tu-phap").await;
        assert!(form.contains("Sở Tư pháp thành phố Hà Nội") && form.contains(r#"value="weekly""#));
        // A wrong address keeps the frequency chosen.
        let refused = app.follow_agency("tuan@", "weekly").await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        assert!(page.contains(r#"value="weekly" checked"#) && page.contains(r#"value="tuan@""#), "{page}");

        assert_eq!(app.follow_agency("tuan@example.vn", "weekly").await.status(), 303);
        let weekly = app.confirm_newest("tuan@example.vn").await;
        assert_eq!(app.follow_agency("ngay@example.vn", "immediate").await.status(), 303);
        app.confirm_newest("ngay@example.vn").await;
        let (_, manage) = app.get_html(&format!("/theo-doi/{weekly}")).await;
        assert!(manage.contains("Sở Tư pháp thành phố Hà Nội") && manage.contains("Mỗi tuần một thư"), "{manage}");

        // The agency answers twice.
        let (officer, lead) = (app.demo(OFFICER).await, app.demo(LEAD).await);
        let mut codes = Vec::new();
        for title in ["Bỏ bản sao giấy khai sinh", "Rút ngắn thời hạn chứng thực"] {
            let code = app.submit_regulation(None).await;
            app.act(&officer, &code, &[("action", "accept")]).await;
            app.act(&officer, &code, &[("action", "claim")]).await;
            app.act(&officer, &code, &[("action", "draft_answer"), ("text", title)]).await;
            app.act(&lead, &code, &[("action", "approve")]).await;
            assert_eq!(app.act(&lead, &code, &[("action", "publish")]).await.0, 303);
            codes.push(code);
        }
        let before = app.mail_files(2).await.len();
        // At once: to the one who asked for it, one message an answer, from two instances.
        let other = app.follows().await;
        let (a, b) = tokio::join!(follows.follows.notify_answers(chrono::Utc::now()), other.follows.notify_answers(chrono::Utc::now()));
        assert_eq!(a.unwrap() + b.unwrap(), 2);
        let mails = app.mail_files(before + 2).await;
        let at_once: Vec<&String> = mails[before..].iter().filter(|m| m.contains("To: ngay@example.vn")).collect();
        assert_eq!(at_once.len(), 2, "nothing at once to the weekly follower");
        assert!(plain_text(at_once[0]).contains(&codes[0]));

        // The weekly digest: the Monday after, from 7:00, once, both answers in one message.
        let today = civicdesk_domain::calendar::local_day(chrono::Utc::now());
        let mut monday = today + chrono::Days::new(1);
        while chrono::Datelike::weekday(&monday) != chrono::Weekday::Mon {
            monday = monday + chrono::Days::new(1);
        }
        let at = |hour: u32| monday.and_hms_opt(hour, 0, 0).unwrap();
        assert_eq!(follows.follows.send_digests(at(6), chrono::Utc::now()).await.unwrap(), 0, "not before 7:00");
        let (a, b) = tokio::join!(follows.follows.send_digests(at(8), chrono::Utc::now()), other.follows.send_digests(at(8), chrono::Utc::now()));
        assert_eq!(a.unwrap() + b.unwrap(), 1, "one digest, to the weekly follower");
        assert_eq!(follows.follows.send_digests(at(15), chrono::Utc::now()).await.unwrap(), 0, "once");
        let mails = app.mail_files(before + 3).await;
        let digest = mails.iter().find(|m| m.contains("To: tuan@example.vn") && m.contains("List-Unsubscribe:")).expect("the digest");
        let text = plain_text(digest);
        assert!(text.contains("có 2 câu trả lời mới được công khai") && text.contains(&codes[0]) && text.contains(&codes[1]), "{text}");

        // One click from a mail program; the next week's digest does not come.
        let header = digest.replace("\r\n", "\n").lines().find(|l| l.starts_with("List-Unsubscribe: ")).unwrap().to_owned();
        let link = header.trim_start_matches("List-Unsubscribe: <").trim_end_matches('>').to_owned();
        let clicked = app.client.post(&link).header("origin", "https://mail.example.com").body("List-Unsubscribe=One-Click").send().await.unwrap();
        assert_eq!(clicked.status(), 200);
        let next = monday + chrono::Days::new(7);
        let code = app.submit_regulation(None).await;
        app.act(&officer, &code, &[("action", "accept")]).await;
        app.act(&officer, &code, &[("action", "claim")]).await;
        app.act(&officer, &code, &[("action", "draft_answer"), ("text", "Một câu trả lời nữa")]).await;
        app.act(&lead, &code, &[("action", "approve")]).await;
        app.act(&lead, &code, &[("action", "publish")]).await;
        assert_eq!(follows.follows.send_digests(next.and_hms_opt(8, 0, 0).unwrap(), chrono::Utc::now()).await.unwrap(), 0, "stopped");
        let (_, manage) = app.get_html(&format!("/theo-doi/{weekly}")).await;
        assert!(manage.contains("không còn dùng được"));
    }

    async fn a_case_and_a_field_are_followed_step_by_step(engine: Engine) {
        use crate::handling::{COORDINATOR, OTHER_LEAD, OTHER_OFFICER};
        let app = TestApp::spawn(engine).await;
        let follows = app.follows().await;
        let now = chrono::Utc::now;
        assert_eq!(follows.follows.notify_answers(now()).await.unwrap(), 0, "starts from now");
        assert_eq!(follows.follows.notify_case_updates(now()).await.unwrap(), 0, "starts from now");
        // A birth registration matter, in the field of civil status (HT).
        let body = serde_json::json!({
            "submitter_kind": "individual", "name": "Lý Thị Hoa", "address": "5 Hàng Bạc, Hà Nội",
            "phone": "0912000333", "category": "official_conduct", "procedure": "1.001193", "area": "HN-HK",
            "title": "Chậm đăng ký khai sinh", "content": "Nộp hồ sơ đăng ký khai sinh đã hai tuần chưa có kết quả.",
            "consent": true
        });
        let (status, created) = app.post_case(body).await;
        assert_eq!(status, 201, "{created}");
        let code = created["code"].as_str().unwrap().to_owned();

        // Followed from its public page, and the field from the answers narrowed to it.
        let (_, page) = app.get_html(&format!("/phan-anh/{code}")).await;
        assert!(page.contains(&format!("/theo-doi?phan-anh={code}")), "the case's page offers it");
        let (_, list) = app.get_html("/phan-anh?linh-vuc=HT").await;
        assert!(list.contains("/theo-doi?linh-vuc=HT"));
        let (_, form) = app.get_html("/theo-doi?linh-vuc=HT").await;
        assert!(form.contains("Hộ tịch") && form.contains(r#"value="daily""#));
        let (_, form) = app.get_html(&format!("/theo-doi?phan-anh={code}")).await;
        assert!(form.contains(&code) && form.contains(r#"value="daily""#), "a case's steps too, at once or gathered");
        assert_eq!(app.get_html("/theo-doi?phan-anh=PAKN.20990101.0001").await.0, 404);
        let ask = |param: &'static str, key: String, email: &'static str| {
            let (client, url) = (app.client.clone(), format!("{}/theo-doi", app.base));
            async move { client.post(url).form(&[(param, key.as_str()), ("email", email), ("tan-suat", "immediate")]).send().await.unwrap() }
        };
        assert_eq!(ask("phan-anh", code.clone(), "theodoi@example.vn").await.status(), 303);
        let case_token = app.confirm_newest("theodoi@example.vn").await;
        assert_eq!(ask("linh-vuc", "HT".to_owned(), "hotich@example.vn").await.status(), 303);
        app.confirm_newest("hotich@example.vn").await;
        let told_before = follows.follows.notify_case_updates(now()).await.unwrap();
        assert_eq!(told_before, 1, "received: the one step so far");

        // Handled by the ward; each public step is told, the internal ones are not.
        let coordinator = app.demo(COORDINATOR).await;
        let (_, staff) = app.staff_case(&coordinator, &code).await;
        let mut public_steps = 0;
        if staff["handling"]["agency"] != "HN-XA-HK" {
            app.act(&coordinator, &code, &[("action", "transfer"), ("agency", "HN-XA-HK"), ("reason", "Thẩm quyền của phường")]).await;
            public_steps += 1;
        }
        let (officer, lead) = (app.demo(OTHER_OFFICER).await, app.demo(OTHER_LEAD).await);
        app.act(&officer, &code, &[("action", "accept")]).await;
        app.act(&officer, &code, &[("action", "claim")]).await;
        app.act(&officer, &code, &[("action", "draft_answer"), ("text", "Phường đã trả kết quả đăng ký khai sinh.")]).await;
        app.act(&lead, &code, &[("action", "approve")]).await;
        assert_eq!(app.act(&lead, &code, &[("action", "publish")]).await.0, 303);
        public_steps += 2;
        assert_eq!(follows.follows.notify_case_updates(now()).await.unwrap(), public_steps);
        assert_eq!(follows.follows.notify_answers(now()).await.unwrap(), 1, "the field's follower, once");
        let published = civicdesk_texts::Lang::Vi.feedback().event("published");
        let step = app.mail_to("theodoi@example.vn", |m| plain_text(m).contains(published)).await;
        assert!(plain_text(&step).contains(&format!("Phản ánh {code} có bước mới")) && step.contains("List-Unsubscribe:"));
        let field_mail = app.mail_to("hotich@example.vn", |m| m.contains("List-Unsubscribe:")).await;
        assert!(plain_text(&field_mail).contains(&code) && plain_text(&field_mail).contains("Bỏ theo dõi Hộ tịch"));

        // Stopped from its page: the case's next step is not told.
        let stopped = app.client.post(format!("{}/theo-doi/{case_token}/huy", app.base)).send().await.unwrap();
        assert_eq!(stopped.status(), 200);
        app.act(&lead, &code, &[("action", "close")]).await;
        assert_eq!(follows.follows.notify_case_updates(now()).await.unwrap(), 0);
    }

    async fn a_procedure_followed_weekly_then_at_once_from_its_page(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let dir = tempfile::tempdir().unwrap();
        app.import_days(dir.path(), 5);
        let follows = app.follows().await;
        assert_eq!(follows.follows.notify_changes(chrono::Utc::now()).await.unwrap(), 0, "starts from now");
        let form = [("thu-tuc", CODE), ("email", "tuan@example.vn"), ("tan-suat", "weekly")];
        assert_eq!(app.client.post(format!("{}/theo-doi", app.base)).form(&form).send().await.unwrap().status(), 303);
        let token = app.confirm_newest("tuan@example.vn").await;
        let (_, manage) = app.get_html(&format!("/theo-doi/{token}")).await;
        assert!(manage.contains(r#"<option value="weekly" selected"#), "{manage}");

        // Revised twice this week: nothing at once; the Monday after, one digest of the week.
        app.import_days(dir.path(), 7);
        app.import_days(dir.path(), 9);
        assert_eq!(follows.follows.notify_changes(chrono::Utc::now()).await.unwrap(), 0, "weekly: not at once");
        let today = civicdesk_domain::calendar::local_day(chrono::Utc::now());
        let mut monday = today + chrono::Days::new(1);
        while chrono::Datelike::weekday(&monday) != chrono::Weekday::Mon {
            monday = monday + chrono::Days::new(1);
        }
        let at = monday.and_hms_opt(8, 0, 0).unwrap();
        assert_eq!(follows.follows.send_digests(at, chrono::Utc::now()).await.unwrap(), 1);
        assert_eq!(follows.follows.send_digests(at, chrono::Utc::now()).await.unwrap(), 0, "once");
        let digest = app.mail_to("tuan@example.vn", |m| m.contains("List-Unsubscribe:")).await;
        let text = plain_text(&digest);
        let changed = civicdesk_texts::Lang::Vi.texts().revision_changes(&[civicdesk_domain::procedure::RecordPart::Channels]);
        // The week's: the first publication (before it was followed) and the two revisions.
        assert!(text.contains("có 3 thay đổi (Cấp giấy phép thử nghiệm)") && text.matches(&changed).count() == 2, "{text}");

        // Changed to "at once" from the page: the next revision is told by itself.
        let id = app.store.subscriptions_of("tuan@example.vn").await.unwrap()[0].id;
        let changed_to = app.client.post(format!("{}/theo-doi/{token}/tan-suat", app.base))
            .form(&[("id", id.to_string().as_str()), ("tan-suat", "immediate")]).send().await.unwrap();
        assert_eq!(changed_to.headers()["location"].to_str().unwrap(), format!("/theo-doi/{token}?doi=1"));
        let (_, manage) = app.get_html(&format!("/theo-doi/{token}?doi=1")).await;
        assert!(manage.contains("Đã đổi cách nhận thư.") && manage.contains(r#"<option value="immediate" selected"#));
        let other = app.client.post(format!("{}/theo-doi/{token}/tan-suat", app.base))
            .form(&[("id", (id + 1000).to_string().as_str()), ("tan-suat", "daily")]).send().await.unwrap();
        assert_eq!(other.status(), 404, "only the address's own");
        app.import_days(dir.path(), 11);
        assert_eq!(follows.follows.notify_changes(chrono::Utc::now()).await.unwrap(), 1);
    }
}
