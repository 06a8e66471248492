//! The end of the retention period: the administrators set it, the privacy notice states it, and
//! the worker erases the personal data of finished cases once it has passed — once, whatever
//! runs it — keeping what was published and the statistics as they were.

use reqwest::multipart::{Form, Part};
use serde_json::json;

use crate::handling::{ADMIN, LEAD, OFFICER};
use crate::helpers::{TestApp, engines};

const NAME: &str = "Hoàng Văn Tư";
const ADDED: &str = "Bổ sung: biên nhận số 123/BN của ông Hoàng Văn Tư, điện thoại 0983111222.";
const RATING: &str = "Tôi là Hoàng Văn Tư, chưa hài lòng.";

impl TestApp {
    /// A case sent through the API by a submitter who shows their name: its code and private page.
    async fn submit_named(&self, title: &str) -> (String, String) {
        let (_, created) = self
            .post_case(json!({
                "submitter_kind": "individual", "name": NAME, "address": "3 Tràng Tiền, Hà Nội",
                "phone": "0983111222", "email": "tu@example.vn", "category": "regulation", "show_name": true,
                "title": title, "content": "Thủ tục chứng thực vẫn đòi bản sao giấy khai sinh.", "consent": true
            }))
            .await;
        let private = created["follow_url"].as_str().unwrap().trim_start_matches(&self.base).to_owned();
        (created["code"].as_str().unwrap().to_owned(), private)
    }

    fn uploads(&self) -> usize {
        std::fs::read_dir(self.config.data_dir.join("uploads"))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().is_file())
            .count()
    }
}

engines! {
    async fn personal_data_of_finished_cases_is_erased_once_its_period_ends(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let admin = app.demo(ADMIN).await;
        // The administrators set the period; a wrong number is refused beside its field, as typed.
        let (status, page) = app.post_as(&admin, "/quan-tri", &[("action", "save_retention"), ("keep_days", "30")]).await;
        assert_eq!(status, 422);
        assert!(page.contains("Thời hạn lưu trữ là số ngày từ 365 đến 3650.") && page.contains(r#"value="30""#), "{page}");
        let (status, _) = app.post_as(&admin, "/quan-tri", &[("action", "save_retention"), ("keep_days", "400")]).await;
        assert_eq!(status, 303);
        let (_, trail) = app.staff_page(&admin, "/quan-tri/nhat-ky").await;
        assert!(trail.contains("save_retention"));
        // The privacy notice says it, in both languages.
        let (_, form) = app.get_html("/phan-anh/gui").await;
        assert!(form.contains("Nghị định 13/2023/NĐ-CP") && form.contains("400 ngày sau khi phản ánh kết thúc"), "{form}");
        assert!(app.get_html("/en/phan-anh/gui").await.1.contains("400 days after the case is finished"));

        // One answered (with a file and a rating), one withdrawn, one still open.
        let (answered, answered_private) = app.submit_named("Bản sao giấy khai sinh").await;
        let (withdrawn, withdrawn_private) = app.submit_named("Rút lại").await;
        let (open, _) = app.submit_named("Còn đang xử lý").await;
        let file = Part::bytes(crate::helpers::pdf("Bien nhan", "Hoang Van Tu")).file_name("bien-nhan.pdf");
        let added = app.post_form(&format!("{answered_private}/bo-sung"), Form::new().text("content", ADDED).part("attachments", file)).await;
        assert_eq!(added.status(), 303);
        assert_eq!(app.uploads(), 1);
        let (officer, lead) = (app.demo(OFFICER).await, app.demo(LEAD).await);
        app.act(&officer, &answered, &[("action", "accept")]).await;
        app.act(&officer, &answered, &[("action", "claim")]).await;
        app.act(&officer, &answered, &[("action", "draft_answer"), ("text", "Sở Tư pháp đã bỏ yêu cầu bản sao.")]).await;
        app.act(&lead, &answered, &[("action", "approve")]).await;
        assert_eq!(app.act(&lead, &answered, &[("action", "publish")]).await.0, 303);
        app.client.post(format!("{}{answered_private}/danh-gia", app.base)).form(&[("satisfied", "no"), ("reason", RATING)]).send().await.unwrap();
        app.client.post(format!("{}{withdrawn_private}/rut", app.base)).form(&[("reason", "Ông Tư đã tự giải quyết")]).send().await.unwrap();
        assert_eq!(app.get_json(&format!("/api/v1/cases/{withdrawn}")).await["status"], "withdrawn");
        let (_, public) = app.get_html(&format!("/phan-anh/{answered}")).await;
        assert!(public.contains(NAME), "shown while the submitter wants it");
        let totals = app.store.record_totals().await.unwrap();

        // Not before the period ends; then both finished cases, once.
        use civicdesk_server::workers::retention::erase_due;
        let uploads = app.config.data_dir.join("uploads");
        let at = |days: i64| chrono::Utc::now() + chrono::Duration::days(days);
        assert_eq!(erase_due(app.store.as_ref(), &uploads, at(399)).await.unwrap(), 0);
        let (a, b) = tokio::join!(erase_due(app.store.as_ref(), &uploads, at(401)), erase_due(app.store.as_ref(), &uploads, at(401)));
        assert_eq!(a.unwrap() + b.unwrap(), 2, "two instances at once erase each case once");
        assert_eq!(erase_due(app.store.as_ref(), &uploads, at(500)).await.unwrap(), 0, "nothing twice");

        let (_, staff) = app.staff_case(&lead, &answered).await;
        let kept = staff.to_string();
        for personal in [NAME, "0983111222", "tu@example.vn", "Tràng Tiền", "biên nhận số 123", RATING] {
            assert!(!kept.contains(personal), "{personal} erased: {kept}");
        }
        let events = staff["events"].as_array().unwrap();
        assert!(events.iter().any(|e| e["event"]["kind"] == "personal_data_erased" && e["public"] == false));
        assert!(events.iter().any(|e| e["event"]["kind"] == "rated" && e["event"]["satisfied"] == false), "the rating counts still");
        assert_eq!(app.uploads(), 0, "the file the submitter sent is deleted");
        assert_eq!(app.get_html(&answered_private).await.0, 404, "the private link no longer opens");
        let (status, public) = app.get_html(&format!("/phan-anh/{answered}")).await;
        assert_eq!(status, 200);
        assert!(public.contains("Sở Tư pháp đã bỏ yêu cầu bản sao.") && public.contains("Bản sao giấy khai sinh"), "the published record stays");
        assert!(!public.contains(NAME));
        let (_, staff) = app.staff_case(&lead, &withdrawn).await;
        assert!(!staff.to_string().contains("Ông Tư") && !staff.to_string().contains("giấy khai sinh"), "{staff}");
        let (_, staff) = app.staff_case(&lead, &open).await;
        assert_eq!(staff["submitter"]["name"], NAME, "an open case keeps everything");
        assert_eq!(app.store.record_totals().await.unwrap(), totals, "the statistics are untouched");
        crate::record::assert_record_kept(&app).await;
    }
}
