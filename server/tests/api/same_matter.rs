//! The same matter raised by many: the cases that read the same are suggested beside each other,
//! officials link them under a lead case (and take one out, on the record), and the lead's answer,
//! published once, reaches every submitter under their own code, with their own dates.

use serde_json::{Value, json};

use crate::feedback::plain_text;
use crate::handling::{LEAD, OFFICER, OTHER_OFFICER};
use crate::helpers::{TestApp, engines};

const HOSTILE: &str = "<script>alert('gop')</script>";

impl TestApp {
    /// A case about a regulation (for the Department of Justice) from `email`: its code.
    async fn submit_matter(&self, email: &str, title: &str, content: &str) -> String {
        let (_, created) = self
            .post_case(json!({
                "submitter_kind": "individual", "name": "Người dân", "address": "3 Tràng Tiền, Hà Nội",
                "phone": "0983111222", "email": email, "category": "regulation",
                "title": title, "content": content, "consent": true
            }))
            .await;
        created["code"].as_str().expect("created").to_owned()
    }
}

engines! {
    async fn ten_complaints_about_one_matter_are_answered_once_and_each_submitter_hears(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let mut codes = Vec::new();
        for i in 0..10 {
            let title = if i == 8 { format!("Bỏ yêu cầu nộp bản sao giấy khai sinh khi chứng thực {HOSTILE}") } else { "Bỏ yêu cầu nộp bản sao giấy khai sinh khi chứng thực".to_owned() };
            let content = format!("Thủ tục chứng thực vẫn đòi bản sao giấy khai sinh dù đã có cơ sở dữ liệu hộ tịch điện tử ({i}).");
            codes.push(app.submit_matter(&format!("nguoi{i}@example.vn"), &title, &content).await);
        }
        let unrelated = app.submit_matter("khac@example.vn", "Đèn đường hỏng trên phố Huế", "Ba cột đèn trước số 40 phố Huế không sáng từ tuần trước.").await;
        let lead_code = codes[0].clone();
        let officer = app.demo(OFFICER).await;

        // Opening the first, the official is shown the others, not the unrelated one.
        let (status, page) = app.staff_page(&officer, &format!("/can-bo/phan-anh/{lead_code}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Cùng nội dung") && page.contains(&codes[9]) && !page.contains(&unrelated), "{page}");
        assert!(page.contains("&lt;script&gt;alert(") && !page.contains(HOSTILE), "a suggestion's title is escaped: {}", &page[page.find("same-matter").unwrap_or(0)..]);

        // The others are linked under it (a code typed in any case); what cannot be is refused.
        for code in &codes[1..] {
            let (status, _) = app.act(&officer, code, &[("action", "link"), ("lead", &lead_code.to_lowercase())]).await;
            assert_eq!(status, 303, "{code}");
        }
        let (status, page) = app.act(&officer, &lead_code, &[("action", "link"), ("lead", &codes[1])]).await;
        assert_eq!(status, 422, "a lead is not linked under one of its own");
        assert!(page.contains("Không gộp được"), "{page}");
        assert_eq!(app.act(&officer, &unrelated, &[("action", "link"), ("lead", &unrelated)]).await.0, 422, "not under itself");
        let (_, staff) = app.staff_case(&officer, &codes[1]).await;
        assert_eq!(staff["handling"]["lead"], lead_code.as_str());
        // Taken out and put back: both on the record.
        assert_eq!(app.act(&officer, &codes[9], &[("action", "unlink")]).await.0, 303);
        let (_, staff) = app.staff_case(&officer, &codes[9]).await;
        assert_eq!(staff["handling"]["lead"], Value::Null);
        assert_eq!(app.act(&officer, &codes[9], &[("action", "link"), ("lead", &lead_code)]).await.0, 303);
        let (_, staff) = app.staff_case(&officer, &codes[9]).await;
        let kinds: Vec<&str> = staff["events"].as_array().unwrap().iter().map(|e| e["event"]["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["submitted", "linked", "unlinked", "linked"]);
        let (_, page) = app.staff_page(&officer, &format!("/can-bo/phan-anh/{lead_code}")).await;
        assert!(page.contains("9 phản ánh đã được gộp vào phản ánh này"), "{page}");
        // Another agency's official sees none of it.
        let other = app.demo(OTHER_OFFICER).await;
        assert_eq!(app.act(&other, &unrelated, &[("action", "link"), ("lead", &lead_code)]).await.0, 404);

        let dues: Vec<Value> = {
            let mut dues = Vec::new();
            for code in &codes {
                dues.push(app.get_json(&format!("/api/v1/cases/{code}")).await["answer_due"].clone());
            }
            dues
        };
        // One answer, approved and published once.
        let lead = app.demo(LEAD).await;
        app.act(&officer, &lead_code, &[("action", "accept")]).await;
        app.act(&officer, &lead_code, &[("action", "claim")]).await;
        app.act(&officer, &lead_code, &[("action", "draft_answer"), ("text", "Sở Tư pháp đã bỏ yêu cầu bản sao giấy khai sinh từ ngày 01/12.")]).await;
        app.act(&lead, &lead_code, &[("action", "approve")]).await;
        assert_eq!(app.act(&lead, &lead_code, &[("action", "publish")]).await.0, 303);

        for (code, due) in codes.iter().zip(&dues) {
            let public = app.get_json(&format!("/api/v1/cases/{code}")).await;
            assert_eq!(public["status"], "answered", "{code}");
            assert_eq!(public["answer"], "Sở Tư pháp đã bỏ yêu cầu bản sao giấy khai sinh từ ngày 01/12.");
            assert_eq!(&public["answer_due"], due, "each keeps its own date");
            assert!(!public.to_string().contains("<script>"), "the lead's wording is what is published");
        }
        // Each submitter is told, under their own code: ten acknowledgements, ten answers.
        let mails = app.mail_files(21).await;
        for (i, code) in codes.iter().enumerate() {
            let told = mails.iter().map(|m| (m, plain_text(m))).filter(|(m, t)| m.contains(&format!("To: nguoi{i}@example.vn")) && t.contains("từ ngày 01/12")).count();
            assert_eq!(told, 1, "{code}: one answer to nguoi{i}");
        }
        let (_, page) = app.get_html(&format!("/phan-anh/{lead_code}")).await;
        assert!(page.contains("10 người đã phản ánh cùng nội dung này"), "{page}");
        let (_, page) = app.get_html(&format!("/phan-anh/{}", codes[5])).await;
        assert!(page.contains("được trả lời chung với phản ánh") && page.contains(&format!("/phan-anh/{lead_code}")));
        let (_, list) = app.get_html("/phan-anh").await;
        assert!(list.contains(&lead_code) && !list.contains(&codes[5]), "listed once, as the lead");
        crate::record::assert_record_kept(&app).await;
    }
}
