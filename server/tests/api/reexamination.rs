//! Re-examination of an answer the submitter is not satisfied with: the period the administrators
//! set, the request from the private page (once, with a reason), the case back with the agency's
//! leads with its own date, what the public and the submitter see meanwhile, and the e-mails.

use civicdesk_domain::calendar::{Calendar, Term, TermUnit, local_day};
use serde_json::{Value, json};

use crate::feedback::plain_text;
use crate::handling::{ADMIN, LEAD, OFFICER};
use crate::helpers::{TestApp, engines};

const HOSTILE: &str = "</textarea><script>alert('xem-lai')</script> Câu trả lời chưa nói từ ngày nào áp dụng.";

engines! {
    async fn a_dissatisfied_submitter_asks_once_for_re_examination_and_is_answered_again(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let admin = app.demo(ADMIN).await;
        // The administrators set the periods; a wrong number is refused beside its field, as typed.
        let (status, page) = app.post_as(&admin, "/quan-tri", &[("action", "save_reexamination"), ("within_days", "0"), ("term_days", "5")]).await;
        assert_eq!(status, 422);
        assert!(page.contains("Số ngày được đề nghị xem xét lại là số từ 1 đến 365.") && page.contains(r#"value="0""#), "{page}");
        let (status, to) = app.post_as(&admin, "/quan-tri", &[("action", "save_reexamination"), ("within_days", "20"), ("term_days", "5")]).await;
        assert_eq!((status, to.as_str()), (303, "/quan-tri?xong=save_reexamination"));
        let (_, trail) = app.staff_page(&admin, "/quan-tri/nhat-ky").await;
        assert!(trail.contains("save_reexamination"), "the change is in the audit trail");

        let body = json!({
            "submitter_kind": "individual", "name": "Hoàng Văn Tư", "address": "3 Tràng Tiền, Hà Nội",
            "phone": "0983111222", "email": "tu@example.vn", "category": "regulation",
            "title": "Yêu cầu nộp bản sao không cần thiết",
            "content": "Thủ tục chứng thực vẫn đòi bản sao giấy khai sinh.", "consent": true
        });
        let created: Value = app.client.post(format!("{}/api/v1/cases", app.base)).json(&body).send().await.unwrap().json().await.unwrap();
        let code = created["code"].as_str().unwrap().to_owned();
        let private = created["follow_url"].as_str().unwrap().trim_start_matches(&app.base).to_owned();
        let (officer, lead) = (app.demo(OFFICER).await, app.demo(LEAD).await);
        app.act(&officer, &code, &[("action", "accept")]).await;
        app.act(&officer, &code, &[("action", "claim")]).await;
        app.act(&officer, &code, &[("action", "draft_answer"), ("text", "Sở Tư pháp đã bỏ yêu cầu bản sao giấy khai sinh.")]).await;
        app.act(&lead, &code, &[("action", "approve")]).await;
        app.act(&lead, &code, &[("action", "publish")]).await;
        let ask = |reason: &'static str| {
            let (url, client) = (format!("{}{private}/xem-xet-lai", app.base), app.client.clone());
            async move { client.post(url).form(&[("reason", reason)]).send().await.unwrap() }
        };

        // Not before the submitter has said they are not satisfied.
        let (_, mine) = app.get_html(&private).await;
        assert!(!mine.contains("/xem-xet-lai\""), "no re-examination form before a rating");
        let early = ask("Chưa rõ").await;
        assert_eq!(early.headers()["location"].to_str().unwrap(), private, "back to the page, nothing done");
        assert_eq!(app.get_json(&format!("/api/v1/cases/{code}")).await["status"], "answered");
        let rated = app.client.post(format!("{}{private}/danh-gia", app.base))
            .form(&[("satisfied", "no"), ("reason", "Chưa nói rõ từ ngày nào áp dụng.")]).send().await.unwrap();
        assert!(rated.headers()["location"].to_str().unwrap().ends_with("?danh-gia=1"));

        // Now the page offers it, until the twentieth day after the publication.
        let today = local_day(chrono::Utc::now());
        let until = (today + chrono::Days::new(20)).format("%d/%m/%Y").to_string();
        let (_, mine) = app.get_html(&private).await;
        assert!(mine.contains("Đề nghị xem xét lại") && mine.contains(&format!("đến hết ngày {until}")), "{mine}");

        // A reason is required; what was typed comes back, escaped, beside the field.
        let refused = ask("   ").await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        assert!(page.contains("field-invalid") && page.contains("Vui lòng nhập mục này."), "{page}");
        let refused = ask("</textarea><script>alert('xem-lai')</script>\u{7}").await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        assert!(!page.contains("<script>alert('xem-lai')") && page.contains("&lt;/textarea&gt;&lt;script&gt;"), "{page}");
        assert_eq!(app.get_json(&format!("/api/v1/cases/{code}")).await["status"], "answered", "nothing was written");

        let asked = ask(HOSTILE).await;
        assert!(asked.headers()["location"].to_str().unwrap().ends_with("?xem-xet-lai=1"));
        let calendar = Calendar::default();
        let due = calendar.due(calendar.working_day_from(today), Term { amount: 5, unit: TermUnit::WorkingDays });
        let due_shown = due.format("%d/%m/%Y").to_string();

        // The public sees the answer given so far, that it is being examined again, and the new date;
        // not the reason.
        let public = app.get_json(&format!("/api/v1/cases/{code}")).await;
        assert_eq!(public["status"], "in_progress");
        assert_eq!(public["answer_due"], due.to_string());
        assert_eq!(public["answer"], "Sở Tư pháp đã bỏ yêu cầu bản sao giấy khai sinh.");
        assert!(public["timeline"].as_array().unwrap().iter().any(|e| e["kind"] == "reexamination_requested"));
        let (_, page) = app.get_html(&format!("/phan-anh/{code}")).await;
        assert!(page.contains("đang được cơ quan xem xét lại") && page.contains("Người gửi đề nghị xem xét lại câu trả lời"));
        assert!(page.contains(&due_shown) && page.contains("Sở Tư pháp đã bỏ yêu cầu"));
        assert!(!page.contains("chưa nói từ ngày nào áp dụng") && !page.contains("xem-lai"), "the reason is not public");
        let (_, mine) = app.get_html(&private).await;
        assert!(mine.contains(&format!("Cơ quan trả lời lại chậm nhất ngày {due_shown}")), "{mine}");
        assert!(mine.contains("&lt;/textarea&gt;&lt;script&gt;") && !mine.contains("<script>alert('xem-lai')"));

        // Back with the agency, unassigned, for its leads; they see why.
        let (_, staff) = app.staff_case(&lead, &code).await;
        assert_eq!(staff["handling"]["status"], "in_progress");
        assert_eq!(staff["handling"]["assignee"], Value::Null);
        let (_, case_page) = app.staff_page(&lead, &format!("/can-bo/phan-anh/{code}")).await;
        assert!(case_page.contains("&lt;/textarea&gt;&lt;script&gt;") && !case_page.contains("<script>alert('xem-lai')"));
        let (_, queue) = app.staff_page(&lead, "/can-bo?xem=dang-mo").await;
        assert!(queue.contains(&code), "in the leads' open view");

        // The submitter is told the date, and the agency's leads are told the case is back.
        let mails = app.mail_files(4).await;
        let texts: Vec<String> = mails.iter().map(|m| plain_text(m)).collect();
        let told = texts.iter().find(|m| m.contains("đề nghị xem xét lại câu trả lời cho phản ánh")).expect("the submitter is told");
        assert!(told.contains(&due_shown) && told.contains("to examine again its answer"));
        let (lead_mail, lead_text) = mails.iter().zip(&texts).find(|(_, t)| t.contains("không hài lòng với câu trả lời đã công khai")).expect("the leads are told");
        assert!(lead_mail.contains(&format!("To: {LEAD}")), "{lead_mail}");
        assert!(lead_text.contains("Câu trả lời chưa nói từ ngày nào áp dụng.") && lead_text.contains(&due_shown));

        // Once only.
        let again = ask("Vẫn chưa rõ").await;
        assert_eq!(again.headers()["location"].to_str().unwrap(), private);
        let (_, staff) = app.staff_case(&lead, &code).await;
        let asked = staff["events"].as_array().unwrap().iter().filter(|e| e["event"]["kind"] == "reexamination_requested").count();
        assert_eq!(asked, 1);

        // The agency answers again; the new answer replaces the first, and the case counts as
        // complained about again in the record.
        app.act(&lead, &code, &[("action", "claim")]).await;
        app.act(&lead, &code, &[("action", "draft_answer"), ("text", "Bổ sung: quy định áp dụng từ ngày 01/01/2027.")]).await;
        app.act(&lead, &code, &[("action", "approve")]).await;
        let (status, _) = app.act(&lead, &code, &[("action", "publish")]).await;
        assert_eq!(status, 303);
        let public = app.get_json(&format!("/api/v1/cases/{code}")).await;
        assert_eq!((public["status"].as_str(), public["answer"].as_str()), (Some("answered"), Some("Bổ sung: quy định áp dụng từ ngày 01/01/2027.")));
        let (_, mine) = app.get_html(&private).await;
        assert!(mine.contains("Bạn đã đề nghị xem xét lại") && !mine.contains("/xem-xet-lai\""), "no second request");
        crate::record::assert_record_kept(&app).await;
    }
}
