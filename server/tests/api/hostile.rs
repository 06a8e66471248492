//! Hostile input is normal input: break-outs for every context a text reaches (HTML text, text
//! areas, attributes, titles, URLs, JSON, CSV, e-mail headers), control and bidi characters and
//! over-long Unicode, posted into the fields of the public and staff forms and the API. Then
//! every page, export and e-mail that shows them is read back: no marker outside escaped text,
//! no server error.

use reqwest::multipart::Form;
use serde_json::json;

use crate::feedback::valid;
use crate::handling::{ADMIN, COORDINATOR, LEAD, OFFICER};
use crate::helpers::{TestApp, encode, engines};

/// Each entry tries to leave the context it lands in; each carries a marker (`xss1`…) that
/// must never appear as live markup.
const HOSTILE: &[&str] = &[
    "</textarea><script>alert('xss1')</script><textarea>",
    "\"><img src=x onerror=alert('xss2')>",
    "'><svg onload=alert('xss3')>",
    "javascript:alert('xss4')",
    "</title><script>alert('xss5')</script>",
    "</script><script>alert('xss6')</script>{\"a\":\"\u{2028}\"}",
    "=HYPERLINK(\"http://evil.example\",\"xss7\")",
    "Bcc: victim@example.com\r\nX-Injected: xss8",
    "\u{202E}gnp.exe xss9\u{0007}\u{0000}",
    "<!-- xss10 --><style>body{display:none}</style>",
];

/// What a break-out would have left in a page: markup that was not written by the portal.
fn assert_inert(body: &str, context: &str) {
    for live in ["<script>alert(", "<img src=x", "<svg onload", "href=\"javascript:", "<style>body", "<!-- xss10"] {
        assert!(!body.contains(live), "{context}: {live} is live");
    }
}

/// An e-mail as a mail reader parses it: no header a submitter typed, and an inert HTML part.
fn assert_mail_inert(mail: &str) {
    let parsed = mailparse::parse_mail(mail.as_bytes()).expect("the message parses");
    for header in &parsed.headers {
        let key = header.get_key();
        assert!(
            !key.eq_ignore_ascii_case("x-injected") && !key.eq_ignore_ascii_case("bcc"),
            "a header was injected: {key}"
        );
    }
    let mut html = 0;
    let mut parts = vec![&parsed];
    while let Some(part) = parts.pop() {
        parts.extend(part.subparts.iter());
        if part.ctype.mimetype == "text/html" {
            html += 1;
            assert_inert(&part.get_body().unwrap(), "an e-mail's HTML");
        }
    }
    assert!(html > 0, "every message has an HTML part");
}

/// The over-long entry: twice what any field takes, in characters that are several bytes.
fn over_long() -> String {
    "Ứng dụng ".repeat(2_500)
}

/// The valid form with `changes`, as a browser posts it.
fn form_with(changes: &[(&str, &str)]) -> Form {
    let mut fields: Vec<(String, String)> = valid()
        .into_iter()
        .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    fields.extend(changes.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    fields.into_iter().fold(Form::new(), |form, (k, v)| form.text(k, v))
}

impl TestApp {
    async fn post_hostile_form(&self, path: &str, form: Form) -> (u16, String) {
        let response = self.client.post(format!("{}{path}", self.base)).multipart(form).send().await.unwrap();
        let status = response.status().as_u16();
        let location = response.headers().get("location").map(|l| l.to_str().unwrap().to_owned());
        let body = response.text().await.unwrap();
        assert!(status < 500, "{path}: {status} {body}");
        (status, location.unwrap_or(body))
    }
}

engines! {
    async fn hostile_text_stays_text_in_every_page_export_and_mail(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let long = over_long();
        let mut corpus: Vec<&str> = HOSTILE.to_vec();
        corpus.push(long.as_str());
        let mut codes = Vec::new();

        for (i, bad) in corpus.iter().enumerate() {
            // Every text field of the public form at once: refused (the phone is hostile too) and
            // shown again.
            let content = format!("Nội dung phản ánh đủ dài: {bad}");
            let form = form_with(&[
                ("name", bad), ("organisation", bad), ("address", bad), ("phone", bad), ("email", bad),
                ("title", bad), ("content", &content), ("procedure", bad),
            ]);
            let (status, page) = app.post_hostile_form("/phan-anh/gui", form).await;
            assert_eq!(status, 422, "entry {i}: the phone is not a phone");
            assert_inert(&page, &format!("entry {i}: the refilled form"));

            // Accepted where the rules allow it: name, address, title and content.
            let title = format!("Tiêu đề {}", bad.chars().take(150).collect::<String>());
            let name = format!("Người gửi {}", bad.chars().take(80).collect::<String>());
            let address: String = content.chars().take(290).collect();
            let form = form_with(&[("name", &name), ("address", &address), ("title", &title), ("content", &content)]);
            let (status, location) = app.post_hostile_form("/phan-anh/gui", form).await;
            if status == 303 {
                let follow = location.split('?').next().unwrap().to_owned();
                let (status, page) = app.get_html(&follow).await;
                assert_eq!(status, 200);
                assert_inert(&page, &format!("entry {i}: the submitter's page"));
                let code = format!("PAKN.{}", &page.split("PAKN.").nth(1).unwrap()[..13]);
                // What the submitter adds, and the look-up form.
                let (status, page) = app.post_hostile_form(&format!("{follow}/bo-sung"), Form::new().text("content", content.clone())).await;
                assert!(status == 303 || status == 422, "entry {i}: {status}");
                assert_inert(&page, &format!("entry {i}: adding information"));
                let (_, page) = app.post_hostile_form("/phan-anh/tra-cuu", Form::new().text("code", bad.to_string()).text("contact", bad.to_string())).await;
                assert_inert(&page, &format!("entry {i}: the look-up form"));
                codes.push(code);
            } else {
                assert_inert(&location, &format!("entry {i}: refused"));
            }

            // The API: created or refused, always JSON that parses.
            for path in ["/api/v1/procedures?q=", "/api/v1/procedures?linh-vuc=", "/api/v1/procedures/", "/api/v1/cases/", "/api/v1/calendar/deadline?received="] {
                let response = app.get(&format!("{path}{}", encode(&bad.chars().take(500).collect::<String>()))).await;
                assert!(response.status().as_u16() < 500, "{path} entry {i}: {}", response.status());
            }
            let response = app.client.post(format!("{}/api/v1/cases", app.base)).json(&json!({
                "submitter_kind": "individual", "name": bad, "address": bad, "phone": "0912345678",
                "category": "proposal", "title": title, "content": content, "consent": true,
            })).send().await.unwrap();
            assert!(response.status() == 201 || response.status() == 422, "entry {i}: {}", response.status());
            assert_eq!(response.headers()["content-type"], "application/json");
            let _: serde_json::Value = response.json().await.expect("the API's answer parses");

            // Searches reflect what was typed (as long as an address may be).
            let typed: String = bad.chars().take(500).collect();
            let bad = typed.as_str();
            for path in [
                "/thu-tuc?q=", "/phan-anh?q=", "/en/thu-tuc?q=", "/thu-tuc?linh-vuc=", "/thu-tuc?co-quan=",
                "/thu-tuc?cap=", "/phan-anh?co-quan=", "/phan-anh?linh-vuc=", "/phan-anh?thu-tuc=", "/phan-anh/",
                "/thu-tuc/", "/co-quan/", "/phan-anh/tra-cuu/", "/tinh-han?ngay=", "/phan-anh.atom?co-quan=",
                "/phan-anh.atom?linh-vuc=",
            ] {
                let (status, page) = app.get_html(&format!("{path}{}", encode(bad))).await;
                assert!(matches!(status, 200 | 400 | 404), "{path} entry {i}: {status}");
                assert_inert(&page, &format!("entry {i}: {path}"));
            }
        }
        assert!(codes.len() >= HOSTILE.len() - 1, "most entries were filed: {}", codes.len());

        // Officials write hostile text into every action that takes text.
        let coordinator = app.demo(COORDINATOR).await;
        let officer = app.demo(OFFICER).await;
        let lead = app.demo(LEAD).await;
        let target = app.submit_regulation(Some("tu@example.vn")).await;
        app.act(&officer, &target, &[("action", "accept")]).await;
        app.act(&officer, &target, &[("action", "claim")]).await;
        for (i, bad) in corpus.iter().enumerate() {
            for fields in [
                vec![("action", "note"), ("text", *bad)],
                vec![("action", "progress_update"), ("text", *bad)],
                vec![("action", "redact"), ("title", *bad), ("content", *bad)],
                vec![("action", "transfer"), ("agency", "HN-STP"), ("reason", *bad), ("public_note", *bad)],
            ] {
                let (status, page) = app.act(&officer, &target, &fields).await;
                assert!(status < 500, "entry {i} {:?}: {status}", fields[0]);
                assert_inert(&page, &format!("entry {i} {:?}", fields[0]));
            }
        }
        let bad = HOSTILE[1];
        app.act(&officer, &target, &[("action", "draft_answer"), ("text", bad)]).await;
        let (_, page) = app.act(&lead, &target, &[("action", "return"), ("reason", " ")]).await;
        assert_inert(&page, "the draft refilled");
        app.act(&lead, &target, &[("action", "return"), ("reason", bad)]).await;
        app.act(&officer, &target, &[("action", "request_information"), ("message", HOSTILE[7])]).await;
        for code in codes.iter().chain([&target]) {
            let (status, page) = app.staff_page(&coordinator, &format!("/can-bo/phan-anh/{code}")).await;
            assert_eq!(status, 200, "{code}");
            assert_inert(&page, &format!("the staff page of {code}"));
            let (_, page) = app.get_html(&format!("/phan-anh/{code}")).await;
            assert_inert(&page, &format!("the public page of {code}"));
            // Its feed is well-formed Atom whatever was written into the timeline.
            let feed = app.get(&format!("/phan-anh/{code}/dong-thoi-gian.atom")).await.text().await.unwrap();
            assert_eq!(crate::feeds::parse_feed(&feed)["bozo"], 0, "the timeline feed of {code}: {feed}");
            // JSON is JSON (served as such, never sniffed): it only has to parse.
            let (status, json) = app.staff_case(&coordinator, code).await;
            assert_eq!(status, 200);
            assert!(json["code"].is_string(), "the staff JSON parses");
        }
        for q in HOSTILE {
            for key in ["q", "loai", "thu-tuc", "linh-vuc", "can-bo", "han-tu", "trang", "xem"] {
                let (status, page) = app.staff_page(&coordinator, &format!("/can-bo?{key}={}", encode(q))).await;
                assert!(status == 200 || (status == 400 && q.contains('\0')), "{key}={q}: {status}");
                assert_inert(&page, "the queue's filters");
            }
        }
        let (status, page) = app.staff_page(&coordinator, "/can-bo").await;
        assert_eq!(status, 200);
        assert_inert(&page, "the queue");

        // Administrators' forms, refused and accepted.
        let admin = app.demo(ADMIN).await;
        for bad in &corpus {
            for fields in [
                vec![("action", "save_template"), ("agency", "HN-STP"), ("title", *bad), ("body", *bad)],
                vec![("action", "add_day"), ("date", *bad), ("kind", "day_off"), ("note", *bad)],
                vec![("action", "add_account"), ("email", *bad), ("name", *bad), ("role", "officer"), ("agency", "HN-STP"), ("password", "mat-khau-du-dai")],
            ] {
                let mut form = vec![("csrf", admin.csrf.as_str())];
                form.extend(fields);
                let response = app.client.post(format!("{}/quan-tri", app.base)).header("cookie", &admin.cookie).form(&form).send().await.unwrap();
                assert!(response.status().as_u16() < 500, "{:?}", form[1]);
                assert_inert(&response.text().await.unwrap(), &format!("the administrators' {:?}", form[1]));
            }
        }
        let (_, page) = app.staff_page(&admin, "/quan-tri").await;
        assert_inert(&page, "the administration page");
        let (_, page) = app.staff_page(&officer, &format!("/can-bo/phan-anh/{target}")).await;
        assert_inert(&page, "the templates offered on a case");

        // The leads' export: no formula, no broken row.
        let export = app.client.get(format!("{}/can-bo/xuat.csv", app.base)).header("cookie", &coordinator.cookie).send().await.unwrap();
        assert_eq!(export.status(), 200);
        let csv = export.text().await.unwrap();
        let mut reader = csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let width = reader.headers().unwrap().len();
        for row in reader.records() {
            let row = row.expect("every row parses");
            assert_eq!(row.len(), width);
            for cell in row.iter() {
                assert!(!cell.starts_with(['=', '+', '-', '@']), "a formula: {cell}");
            }
        }

        // E-mails: no header injected, HTML parts inert.
        let mails = app.mail_files(codes.len() + 3).await;
        for mail in &mails {
            assert_mail_inert(mail);
        }
    }
}
