//! The submitter's control of their own data before publication: correcting contact details and
//! withdrawing the permission to show their name, from the private link, each change an event that
//! names what changed and holds none of it.

use serde_json::{Value, json};

use crate::handling::{LEAD, OFFICER};
use crate::helpers::{TestApp, engines};

engines! {
    async fn a_submitter_corrects_their_contacts_and_withdraws_their_name_before_publication(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let body = json!({
            "submitter_kind": "individual", "name": "Hoàng Văn Tư", "address": "3 Tràng Tiền, Hà Nội",
            "phone": "0983111222", "email": "tu@example.vn", "category": "regulation", "show_name": true,
            "title": "Yêu cầu nộp bản sao không cần thiết",
            "content": "Thủ tục chứng thực vẫn đòi bản sao giấy khai sinh.", "consent": true
        });
        let created: Value = app.client.post(format!("{}/api/v1/cases", app.base)).json(&body).send().await.unwrap().json().await.unwrap();
        let code = created["code"].as_str().unwrap().to_owned();
        let private = created["follow_url"].as_str().unwrap().trim_start_matches(&app.base).to_owned();
        let (_, mine) = app.get_html(&private).await;
        assert!(mine.contains("Sửa thông tin liên hệ") && mine.contains(r#"value="0983111222""#), "the stored details fill the form");
        let post = |fields: Vec<(&'static str, &'static str)>| {
            let (url, client) = (format!("{}{private}/thong-tin", app.base), app.client.clone());
            async move { client.post(url).form(&fields).send().await.unwrap() }
        };

        // Wrong details are refused beside their fields, as typed, escaped; nothing changes.
        let refused = post(vec![("address", "\"><script>alert(1)</script>"), ("phone", "12ab"), ("email", "an@")]).await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        assert!(page.contains(r#"value="12ab""#) && page.contains(r#"value="an@""#), "what was typed is kept");
        assert!(page.contains("&quot;&gt;&lt;script&gt;") && !page.contains("<script>alert(1)"), "escaped in the attribute");
        assert!(page.matches("field-invalid").count() >= 2, "each error beside its field");
        let lead = app.demo(LEAD).await;
        let (_, staff) = app.staff_case(&lead, &code).await;
        assert_eq!(staff["submitter"]["phone"], "0983111222");

        // Corrected, and the name no longer to be shown.
        let saved = post(vec![("address", "12 Hàng Bài, Hà Nội"), ("phone", "0912 000 111"), ("email", "Moi@Example.vn"), ("hide_name", "on")]).await;
        assert!(saved.headers()["location"].to_str().unwrap().ends_with("?thong-tin=1"));
        let (_, staff) = app.staff_case(&lead, &code).await;
        let s = &staff["submitter"];
        assert_eq!((s["phone"].as_str(), s["email"].as_str(), s["address"].as_str(), s["show_name"].as_bool()),
            (Some("0912000111"), Some("Moi@example.vn"), Some("12 Hàng Bài, Hà Nội"), Some(false)), "the domain in lower case, as the form keeps it");
        let event = staff["events"].as_array().unwrap().iter().find(|e| e["event"]["kind"] == "details_corrected").expect("an event");
        assert_eq!(event["event"]["changed"], json!(["address", "phone", "email", "show_name"]));
        assert!(!event.to_string().contains("0912000111") && !event.to_string().contains("0983111222"), "the event holds no details");
        assert_eq!(event["public"], false);
        let same = post(vec![("address", "12 Hàng Bài, Hà Nội"), ("phone", "0912000111"), ("email", "Moi@example.vn")]).await;
        assert_eq!(same.headers()["location"].to_str().unwrap(), private, "nothing changed, nothing recorded");

        // The case is found by the new phone, no longer by the old.
        let lookup = |contact: &'static str| {
            let (url, client, code) = (format!("{}/phan-anh/tra-cuu", app.base), app.client.clone(), code.clone());
            async move { client.post(url).form(&[("code", code.as_str()), ("contact", contact)]).send().await.unwrap().status().as_u16() }
        };
        assert_eq!(lookup("0912000111").await, 303);
        assert_eq!(lookup("0983111222").await, 404);

        // Published: the name is not shown, and the details can no longer be changed here.
        let officer = app.demo(OFFICER).await;
        app.act(&officer, &code, &[("action", "accept")]).await;
        app.act(&officer, &code, &[("action", "claim")]).await;
        app.act(&officer, &code, &[("action", "draft_answer"), ("text", "Sở Tư pháp đã bỏ yêu cầu bản sao giấy khai sinh.")]).await;
        app.act(&lead, &code, &[("action", "approve")]).await;
        app.act(&lead, &code, &[("action", "publish")]).await;
        let (_, public) = app.get_html(&format!("/phan-anh/{code}")).await;
        assert!(public.contains("Sở Tư pháp đã bỏ yêu cầu") && !public.contains("Hoàng Văn Tư"), "the name withdrawn is not shown");
        let (_, mine) = app.get_html(&private).await;
        assert!(!mine.contains("Sửa thông tin liên hệ"));
        let late = post(vec![("address", "Khác"), ("phone", "0912000999"), ("email", "")]).await;
        assert_eq!(late.headers()["location"].to_str().unwrap(), private);
        let (_, staff) = app.staff_case(&lead, &code).await;
        assert_eq!(staff["submitter"]["phone"], "0912000111", "unchanged after publication");
    }
}
