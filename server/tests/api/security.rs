//! Security over HTTP: text that tries to break out of where it is shown, the headers every
//! answer carries, forged and origin-less posts, and walking the public case codes.

use std::time::Duration;

use civicdesk_server::config::RateLimit;
use serde_json::json;

use crate::feedback::{form_of, valid, with};
use crate::handling::{ADMIN, COORDINATOR, LEAD, OFFICER};
use crate::helpers::{TestApp, engines};

/// The break-out from the report: it ends a `<textarea>` and starts a script.
const BREAKOUT: &str = "Nội dung</textarea><script>alert(1)</script><textarea>";

/// The page shows `BREAKOUT` only as text: no script of its own, no element it opened.
fn assert_inert(html: &str, context: &str) {
    assert!(!html.contains("<script>alert(1)"), "{context}: the script became markup");
    assert!(!html.contains("</textarea><script"), "{context}: the text area was ended by the text");
    assert!(
        html.contains("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{context}: the text is shown, escaped"
    );
}

/// Every nonce on the page's scripts is the one its policy allows, and every script has one.
pub(crate) fn assert_scripts_carry_the_policys_nonce(html: &str, policy: &str) {
    let scripts: Vec<&str> = html.split("<script").skip(1).map(|s| s.split('>').next().unwrap()).collect();
    assert!(!scripts.is_empty(), "a page hydrates with scripts");
    for attributes in scripts {
        let nonce = attributes.split("nonce=\"").nth(1).map(|n| n.split('"').next().unwrap());
        let nonce = nonce.unwrap_or_else(|| panic!("a script without a nonce: <script{attributes}>"));
        assert!(policy.contains(&format!("'nonce-{nonce}'")), "{policy} allows {nonce}");
    }
}

impl TestApp {
    /// A client that sends whatever headers each request names, and no `Origin` of its own.
    fn bare_client() -> reqwest::Client {
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
    }
}

impl TestApp {
    /// Files a case through the API; returns its code.
    async fn file(&self, title: &str, content: &str) -> String {
        let body = json!({
            "submitter_kind": "individual", "name": "Phạm Thị Mai", "address": "9 Hàng Gai, Hà Nội",
            "phone": "0983 111 222", "email": "mai.pham@example.vn", "category": "regulation",
            "title": title, "content": content, "consent": true, "show_name": false
        });
        let response = self.client.post(format!("{}/api/v1/cases", self.base)).json(&body).send().await.unwrap();
        assert_eq!(response.status(), 201);
        response.json::<serde_json::Value>().await.unwrap()["code"].as_str().unwrap().to_owned()
    }
}

engines! {
    async fn a_citizens_text_stays_text_in_every_form_that_shows_it(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        // The public form, refilled after a refusal (consent missing).
        let refused = with(&valid(), &[("content", BREAKOUT), ("consent", "")]);
        let response = app.post_form("/phan-anh/gui", form_of(&refused)).await;
        assert_eq!(response.status(), 422);
        assert_inert(&response.text().await.unwrap(), "the refilled feedback form");

        // Submitted, then opened by the coordinator: the redaction form holds the content.
        let submitted = with(&valid(), &[("content", BREAKOUT)]);
        let response = app.post_form("/phan-anh/gui", form_of(&submitted)).await;
        assert_eq!(response.status(), 303);
        let follow = response.headers()["location"].to_str().unwrap().split('?').next().unwrap().to_owned();
        let (_, html) = app.get_html(&follow).await;
        assert!(html.contains("&lt;/textarea&gt;&lt;script&gt;"), "the submitter's page shows the text");
        assert!(!html.contains("<script>alert(1)"));
        let code = html.split("PAKN.").nth(1).unwrap()[..13].to_owned();
        let code = format!("PAKN.{code}");
        let coordinator = app.demo(COORDINATOR).await;
        let (status, html) = app.staff_page(&coordinator, &format!("/can-bo/phan-anh/{code}")).await;
        assert_eq!(status, 200);
        assert_inert(&html, "the staff case page");
        assert!(html.contains("name=\"content\""), "the redaction form is there");

        // A draft answer refilled after a refusal, and an answer template.
        let code = app.submit_regulation(None).await;
        let officer = app.demo(OFFICER).await;
        app.act(&officer, &code, &[("action", "accept")]).await;
        app.act(&officer, &code, &[("action", "claim")]).await;
        let (_, location) = app.act(&officer, &code, &[("action", "draft_answer"), ("text", BREAKOUT)]).await;
        assert!(location.ends_with("?xong=draft_answer"), "{location}");
        let lead = app.demo(LEAD).await;
        let (status, html) = app.act(&lead, &code, &[("action", "return"), ("reason", " ")]).await;
        assert_eq!(status, 422);
        assert_inert(&html, "the draft shown again to the lead");
        let (_, html) = app.staff_page(&officer, &format!("/can-bo/phan-anh/{code}")).await;
        assert_inert(&html, "the officer's draft");

        let admin = app.demo(ADMIN).await;
        let response = app.client.post(format!("{}/quan-tri", app.base)).header("cookie", &admin.cookie)
            .form(&[("csrf", admin.csrf.as_str()), ("action", "save_template"), ("title", ""), ("body", BREAKOUT)])
            .send().await.unwrap();
        assert_eq!(response.status(), 422, "a template without a title is refused and shown again");
        assert_inert(&response.text().await.unwrap(), "the refilled template form");
    }

    async fn every_answer_carries_the_headers_that_keep_it_in_its_place(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        for path in ["/", "/thu-tuc?q=khai+sinh", "/phan-anh/gui", "/can-bo/dang-nhap", "/en/phan-anh"] {
            let response = app.get(path).await;
            let headers = response.headers().clone();
            let policy = headers["content-security-policy"].to_str().unwrap().to_owned();
            assert!(!policy.contains("unsafe-inline"), "{path}: {policy}");
            for part in ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"] {
                assert!(policy.contains(part), "{path}: {policy} lacks {part}");
            }
            assert_eq!(headers["x-frame-options"], "DENY", "{path}");
            assert_eq!(headers["referrer-policy"], "strict-origin-when-cross-origin", "{path}");
            assert!(!headers.contains_key("strict-transport-security"), "not over plain HTTP");
            assert_scripts_carry_the_policys_nonce(&response.text().await.unwrap(), &policy);
        }
        // Two renders of one page have different nonces.
        let nonce = |policy: &str| policy.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_owned();
        let first = app.get("/phan-anh/gui").await.headers()["content-security-policy"].to_str().unwrap().to_owned();
        let second = app.get("/phan-anh/gui").await.headers()["content-security-policy"].to_str().unwrap().to_owned();
        assert_ne!(nonce(&first), nonce(&second));

        // The private link: never stored, never sent on as a referrer.
        let response = app.post_form("/phan-anh/gui", form_of(&valid())).await;
        let follow = response.headers()["location"].to_str().unwrap().split('?').next().unwrap().to_owned();
        let response = app.get(&follow).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["referrer-policy"], "no-referrer");
        assert_eq!(response.headers()["cache-control"], "no-store");
        // Staff pages and the staff JSON: never stored.
        let code = app.submit_regulation(None).await;
        let officer = app.demo(OFFICER).await;
        for path in ["/can-bo".to_owned(), format!("/can-bo/phan-anh/{code}"), format!("/api/v1/staff/cases/{code}")] {
            let response = app.client.get(format!("{}{path}", app.base)).header("cookie", &officer.cookie).send().await.unwrap();
            assert_eq!(response.status(), 200, "{path}");
            assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
        }
        // Built files and the 429/403 pages are framed by nobody either.
        let response = app.get("/favicon.svg").await;
        assert_eq!(response.headers()["x-frame-options"], "DENY");
    }

    async fn posts_from_elsewhere_or_from_nowhere_are_refused(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let code = app.submit_regulation(None).await;
        let lead = app.demo(LEAD).await;
        let bare = TestApp::bare_client();
        let action = |origin: Option<&'static str>, fetch_site: Option<&'static str>| {
            let mut request = bare
                .post(format!("{}/can-bo/phan-anh/{code}", app.base))
                .header("cookie", &lead.cookie)
                .form(&[("csrf", lead.csrf.as_str()), ("action", "note"), ("text", "Ghi chú")]);
            if let Some(origin) = origin {
                request = request.header("origin", origin);
            }
            if let Some(site) = fetch_site {
                request = request.header("sec-fetch-site", site);
            }
            request.send()
        };
        let https_twin: &'static str = Box::leak(app.base.replace("http://", "https://").into_boxed_str());
        for (origin, site, why) in [
            (None, None, "no Origin, no Sec-Fetch-Site, no Referer"),
            (Some("https://evil.example"), None, "another site"),
            (Some(https_twin), None, "the same host under another scheme"),
            (Some("null"), None, "an opaque origin"),
            (Some("null"), Some("cross-site"), "a sandboxed frame elsewhere"),
            (None, Some("cross-site"), "a browser that says cross-site"),
        ] {
            let response = action(origin, site).await.unwrap();
            assert_eq!(response.status(), 403, "{why}");
            assert!(response.text().await.unwrap().contains("Yêu cầu bị từ chối"), "{why}: the page says why");
        }
        let own: &'static str = Box::leak(app.base.clone().into_boxed_str());
        assert_eq!(action(Some(own), None).await.unwrap().status(), 303, "this site's own form");
        assert_eq!(action(None, Some("same-origin")).await.unwrap().status(), 303, "a browser that says same-origin");
        assert_eq!(
            action(Some("null"), Some("same-origin")).await.unwrap().status(),
            303,
            "a form on a page sent without referrers (the private link's) posts with Origin: null"
        );

        // A citizen's form too.
        let response = bare.post(format!("{}/phan-anh/gui", app.base)).multipart(form_of(&valid())).send().await.unwrap();
        assert_eq!(response.status(), 403);
        // Machines filing through the API send no Origin and need none: it carries no cookie.
        let response = bare.post(format!("{}/api/v1/cases", app.base)).json(&json!({})).send().await.unwrap();
        assert_eq!(response.status(), 422);

        // Sign-in needs the token of the sign-in page's own cookie (no login CSRF).
        let response = app.client.post(format!("{}/can-bo/dang-nhap", app.base))
            .form(&[("email", OFFICER), ("password", civicdesk_server::demo::DEMO_PASSWORD)]).send().await.unwrap();
        assert_eq!(response.status(), 303);
        assert_eq!(response.headers()["location"], "/can-bo/dang-nhap?loi=het-han");
        assert!(!response.headers().contains_key("set-cookie"), "no session is opened");
        let (cookie, _) = app.login_form().await;
        let response = app.client.post(format!("{}/can-bo/dang-nhap", app.base)).header("cookie", cookie)
            .form(&[("email", OFFICER), ("password", civicdesk_server::demo::DEMO_PASSWORD), ("login_token", "x".repeat(22).as_str())])
            .send().await.unwrap();
        assert_eq!(response.headers()["location"], "/can-bo/dang-nhap?loi=het-han", "a token not matching the cookie");
        let (_, page) = app.get_html("/can-bo/dang-nhap?loi=het-han").await;
        assert!(page.contains("Trang đăng nhập đã cũ"), "the page says what happened");

        // Signing out is protected like every other action.
        let response = bare.post(format!("{}/can-bo/dang-xuat", app.base)).header("cookie", &lead.cookie)
            .form(&[("csrf", lead.csrf.as_str())]).send().await.unwrap();
        assert_eq!(response.status(), 403);
        assert_eq!(app.staff_case(&lead, &code).await.0, 200, "the session is still open");
    }

    async fn walking_the_public_codes_meets_the_look_up_limit(engine: Engine) {
        let limit = RateLimit { burst: 3, every: Duration::from_secs(60) };
        let app = TestApp::spawn_configured(engine, |c| c.lookup_limit = Some(limit)).await;
        let code = app.submit_regulation(None).await;
        let (prefix, number) = code.rsplit_once('.').unwrap();
        let number: u32 = number.parse().unwrap();
        let mut statuses = Vec::new();
        for n in number..number + 5 {
            let response = app.get(&format!("/phan-anh/{prefix}.{n:04}")).await;
            statuses.push(response.status().as_u16());
            if response.status() == 429 {
                assert!(response.headers()["retry-after"].to_str().unwrap().parse::<u64>().unwrap() > 0);
            }
        }
        assert_eq!(statuses, [200, 404, 404, 429, 429]);
        // The list of answers and the directory are not look-ups by code.
        assert_eq!(app.get("/phan-anh").await.status(), 200);
        assert_eq!(app.get("/thu-tuc/1.001193").await.status(), 200);
    }

    async fn over_https_cookies_are_secure_and_browsers_are_told_to_stay(engine: Engine) {
        // (On this machine's own name: the demonstration runs only there.)
        let app = TestApp::spawn_configured(engine, |c| c.public_url = "https://localhost:8443".into()).await;
        let response = app.get("/can-bo/dang-nhap").await;
        assert_eq!(response.headers()["strict-transport-security"], "max-age=31536000");
        assert!(response.headers()["set-cookie"].to_str().unwrap().ends_with("; Secure"));
        // The test client posts from http://127.0.0.1: another origin for this portal.
        let response = app.post_form("/phan-anh/gui", form_of(&valid())).await;
        assert_eq!(response.status(), 403);
        let response = app.client.post(format!("{}/phan-anh/gui", app.base))
            .header("origin", "https://localhost:8443").multipart(form_of(&valid())).send().await.unwrap();
        assert_eq!(response.status(), 303, "the portal's own origin");
    }


    async fn what_looks_personal_stops_publication_until_it_is_redacted_or_confirmed(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let content = "Tôi là Phạm Thị Mai, gọi tôi theo số 0983 111 222 hoặc thư mai.pham@example.vn. \
                       Bộ phận một cửa vẫn đòi bản sao giấy khai sinh có chứng thực.";
        let code = app.file("Bỏ yêu cầu bản sao có chứng thực", content).await;
        let officer = app.demo(OFFICER).await;
        let lead = app.demo(LEAD).await;
        app.act(&officer, &code, &[("action", "accept")]).await;
        app.act(&officer, &code, &[("action", "claim")]).await;
        let answer = "Sở Tư pháp đã bỏ yêu cầu này. Mọi vướng mắc xin gọi đường dây nóng 024 3825 1234.";
        app.act(&officer, &code, &[("action", "draft_answer"), ("text", answer)]).await;

        // Approval is refused, and the page says what was found, and where.
        let (status, page) = app.act(&lead, &code, &[("action", "approve")]).await;
        assert_eq!(status, 422);
        assert!(page.contains("còn thông tin trông giống thông tin cá nhân"), "the page says why");
        for line in [
            "“0983 111 222” trong nội dung: số điện thoại của người gửi",
            "“mai.pham@example.vn” trong nội dung: thư điện tử của người gửi",
            "“Phạm Thị Mai” trong nội dung: tên người gửi",
            "“024 3825 1234” trong câu trả lời: số điện thoại",
        ] {
            assert!(page.contains(line), "the finding is listed: {line}");
        }
        // The submitter's own number cannot be waved through; a hotline can, on the record.
        app.act(&lead, &code, &[("action", "confirm_not_personal"), ("text", "0983 111 222")]).await;
        assert_eq!(app.act(&lead, &code, &[("action", "approve")]).await.0, 422);
        let (_, done) = app.act(&lead, &code, &[("action", "confirm_not_personal"), ("text", "024 3825 1234")]).await;
        assert!(done.ends_with("?xong=confirm_not_personal"), "{done}");
        assert_eq!(app.act(&lead, &code, &[("action", "approve")]).await.0, 422, "the question still holds the submitter's details");
        let redacted = "Bộ phận một cửa vẫn đòi bản sao giấy khai sinh có chứng thực.";
        app.act(&officer, &code, &[("action", "redact"), ("title", "Bỏ yêu cầu bản sao có chứng thực"), ("content", redacted)]).await;
        let (status, location) = app.act(&lead, &code, &[("action", "approve")]).await;
        assert_eq!((status, location.ends_with("?xong=approve")), (303, true), "{location}");
        assert!(app.act(&lead, &code, &[("action", "publish")]).await.1.ends_with("?xong=publish"));

        let public = app.get_json(&format!("/api/v1/cases/{code}")).await;
        assert_eq!(public["content"], redacted);
        assert_eq!(public["submitter_name"], serde_json::Value::Null);
        let text = public.to_string();
        assert!(!text.contains("0983") && !text.contains("mai.pham"), "{text}");
        // Times are to the hour.
        for event in public["timeline"].as_array().unwrap() {
            let at = chrono::DateTime::parse_from_rfc3339(event["at"].as_str().unwrap()).unwrap();
            assert_eq!((chrono::Timelike::minute(&at), chrono::Timelike::second(&at), chrono::Timelike::nanosecond(&at)), (0, 0, 0), "{event}");
        }
        let (_, page) = app.get_html(&format!("/phan-anh/{code}")).await;
        assert!(!page.contains("0983") && !page.contains("mai.pham") && !page.contains("Phạm Thị Mai"));
        let (_, list) = app.get_html("/phan-anh?q=0983").await;
        assert!(!list.contains(&code), "the answers search finds no one by their phone");
        // The confirmations are in the staff timeline, internal.
        let (_, case) = app.staff_case(&lead, &code).await;
        let confirmed: Vec<&str> = case["events"].as_array().unwrap().iter()
            .filter(|e| e["event"]["kind"] == "not_personal_confirmed")
            .map(|e| e["event"]["text"].as_str().unwrap()).collect();
        assert_eq!(confirmed, ["0983 111 222", "024 3825 1234"]);
        assert!(case["events"].as_array().unwrap().iter().filter(|e| e["event"]["kind"] == "not_personal_confirmed").all(|e| e["public"] == false));
    }

    async fn transfer_reasons_stay_internal_and_the_public_reads_the_sentence_written_for_it(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let code = app.file("Thủ tục cấp phép hành nghề y", "Đề nghị rút ngắn thời gian cấp chứng chỉ hành nghề.").await;
        let officer = app.demo(OFFICER).await;
        let reason = "Bà Phạm Thị Mai (0983 111 222) hỏi về chứng chỉ hành nghề y: thuộc Sở Y tế.";
        let (status, page) = app.act(&officer, &code, &[
            ("action", "transfer"), ("agency", "HN-SYT"), ("reason", reason),
            ("public_note", "Liên hệ bà Mai qua số 0983 111 222."),
        ]).await;
        assert_eq!(status, 422, "a public sentence holding a phone number is refused");
        assert!(page.contains("Liên hệ bà Mai qua số 0983 111 222."), "what was typed is kept");
        let (status, _) = app.act(&officer, &code, &[
            ("action", "transfer"), ("agency", "HN-SYT"), ("reason", reason),
            ("public_note", "Chứng chỉ hành nghề y thuộc thẩm quyền của Sở Y tế."),
        ]).await;
        assert_eq!(status, 303);
        let public = app.get_json(&format!("/api/v1/cases/{code}")).await;
        let transfer = public["timeline"].as_array().unwrap().iter().find(|e| e["kind"] == "transferred").unwrap()["transfer"].clone();
        assert_eq!(transfer, json!({"from": "HN-STP", "to": "HN-SYT", "note": "Chứng chỉ hành nghề y thuộc thẩm quyền của Sở Y tế."}));
        assert!(!public.to_string().contains("0983"));
        let (_, page) = app.get_html(&format!("/phan-anh/{code}")).await;
        assert!(page.contains("Chứng chỉ hành nghề y thuộc thẩm quyền của Sở Y tế."));
        assert!(!page.contains("0983") && !page.contains("Phạm Thị Mai"));

        // The sentence can be redacted later, like the question; the redaction is checked too.
        let coordinator = app.demo(COORDINATOR).await;
        let (_, case) = app.staff_case(&coordinator, &code).await;
        let transfer = case["events"].as_array().unwrap().iter().find(|e| e["event"]["kind"] == "transferred").unwrap();
        assert_eq!(transfer["event"]["reason"], reason, "the reason is kept for staff");
        let field = format!("transfer_note_{}", transfer["id"]);
        let (_, page) = app.staff_page(&coordinator, &format!("/can-bo/phan-anh/{code}")).await;
        assert!(page.contains(&format!("name=\"{field}\"")), "the redaction form offers the sentence");
        let title = ("title", "Thủ tục cấp phép hành nghề y");
        let content = ("content", "Đề nghị rút ngắn thời gian cấp chứng chỉ hành nghề.");
        let with_phone = [("action", "redact"), title, content, (field.as_str(), "Gọi 0983 111 222 để biết thêm.")];
        assert_eq!(app.act(&coordinator, &code, &with_phone).await.0, 422);
        let neutral = [("action", "redact"), title, content, (field.as_str(), "Thuộc thẩm quyền của Sở Y tế.")];
        assert_eq!(app.act(&coordinator, &code, &neutral).await.0, 303);
        let public = app.get_json(&format!("/api/v1/cases/{code}")).await;
        let transfer = public["timeline"].as_array().unwrap().iter().find(|e| e["kind"] == "transferred").unwrap();
        assert_eq!(transfer["transfer"]["note"], "Thuộc thẩm quyền của Sở Y tế.");
    }

    async fn the_server_functions_behind_the_case_pages_share_the_look_up_limit(engine: Engine) {
        use civicdesk_app::pages::answers::GetPublicCase;
        use leptos::server_fn::ServerFn;
        let limit = RateLimit { burst: 3, every: Duration::from_secs(60) };
        let app = TestApp::spawn_configured(engine, |c| c.lookup_limit = Some(limit)).await;
        let code = app.submit_regulation(None).await;
        let mut statuses = Vec::new();
        for _ in 0..5 {
            let response = app.client.post(format!("{}{}", app.base, GetPublicCase::PATH))
                .form(&[("code", code.as_str())]).send().await.unwrap();
            statuses.push(response.status().as_u16());
            if response.status() == 429 {
                assert!(response.headers().contains_key("retry-after"));
            }
        }
        assert_eq!(statuses, [200, 200, 200, 429, 429], "{}", GetPublicCase::PATH);
    }
}
