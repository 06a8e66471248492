//! Feedback and petitions over HTTP, as a browser and as an API client would send them.

use std::time::Duration;

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::helpers::{Engine, TestApp, engines};

pub(crate) fn valid() -> Vec<(&'static str, &'static str)> {
    vec![
        ("submitter_kind", "individual"),
        ("name", "Nguyễn Văn An"),
        ("address", "12 Hàng Bạc, phường Hoàn Kiếm"),
        ("phone", "0912 345 678"),
        ("email", "an@example.vn"),
        ("category", "official_conduct"),
        ("area", "HN-HK"),
        ("title", "Chậm trả kết quả đăng ký khai sinh"),
        ("content", "Tôi nộp hồ sơ ngày 3/11 nhưng đến nay chưa nhận được kết quả, cũng không được báo lý do."),
        ("consent", "on"),
    ]
}

pub(crate) fn form_of(fields: &[(&str, &str)]) -> Form {
    fields.iter().fold(Form::new(), |form, (k, v)| form.text(k.to_string(), v.to_string()))
}

pub(crate) fn with(
    fields: &[(&'static str, &'static str)],
    changes: &[(&'static str, &'static str)],
) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<_> = fields.iter().filter(|(k, _)| !changes.iter().any(|(c, _)| c == k)).copied().collect();
    out.extend(changes.iter().filter(|(_, v)| !v.is_empty()).copied());
    out
}

impl TestApp {
    pub(crate) async fn post_form(&self, path: &str, form: Form) -> reqwest::Response {
        self.client.post(format!("{}{path}", self.base)).multipart(form).send().await.unwrap()
    }

    pub(crate) async fn post_case(&self, body: Value) -> (u16, Value) {
        let response = self.client.post(format!("{}/api/v1/cases", self.base)).json(&body).send().await.unwrap();
        (response.status().as_u16(), response.json().await.unwrap())
    }

    /// Waits for the outbox worker to write `n` messages as files; returns their text.
    pub(crate) async fn mail_files(&self, n: usize) -> Vec<String> {
        let dir = self.config.data_dir.join("mail");
        for _ in 0..100 {
            let mut names: Vec<_> = std::fs::read_dir(&dir)
                .map(|d| {
                    d.filter_map(|e| e.ok())
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                        .collect()
                })
                .unwrap_or_default();
            if names.len() >= n {
                names.sort();
                return names.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{n} e-mails were not written");
    }
}

fn api_case(changes: &[(&str, Value)]) -> Value {
    let mut body = json!({
        "submitter_kind": "individual", "name": "Trần Thị Bình", "address": "5 Lý Thái Tổ, Hà Nội",
        "phone": "0987654321", "category": "proposal", "title": "Bỏ bản sao chứng thực",
        "content": "Đề nghị không yêu cầu bản sao chứng thực khi đã có bản điện tử trên hệ thống.", "consent": true
    });
    for (k, v) in changes {
        body[*k] = v.clone();
    }
    body
}

engines! {
    async fn a_valid_submission_is_stored_routed_acknowledged_and_followed(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let response = app.post_form("/phan-anh/gui", form_of(&valid())).await;
        assert_eq!(response.status(), 303, "post, redirect, get");
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.starts_with("/phan-anh/tra-cuu/") && location.ends_with("?moi=1"), "{location}");

        let (status, page) = app.get_html(&location).await;
        assert_eq!(status, 200);
        let day = (chrono::Utc::now() + chrono::Duration::hours(7)).format("%Y%m%d").to_string();
        let code = format!("PAKN.{day}.0001");
        assert!(page.contains(&code), "the confirmation shows the code");
        assert!(page.contains("Ủy ban nhân dân phường Hoàn Kiếm"), "routed by the area rule");
        assert!(page.contains("Hạn trả lời"));

        // The acknowledgement, in Vietnamese then English, with the code and the private link.
        let mail = app.mail_files(1).await.remove(0);
        assert!(mail.contains("To: an@example.vn"));
        let text = plain_text(&mail);
        assert!(text.contains(&code), "{text}");
        assert!(text.contains(&format!("{}{}", app.base, location.trim_end_matches("?moi=1"))), "{text}");
        assert!(text.contains("Kính gửi Nguyễn Văn An") && text.contains("English") && text.contains("Dear Nguyễn Văn An"), "{text}");

        // The public view has no personal data.
        let public = app.get_json(&format!("/api/v1/cases/{code}")).await;
        assert_eq!(public["code"], code.as_str());
        assert_eq!(public["status"], "received");
        let text = public.to_string();
        for private in ["0912345678", "an@example.vn", "Hàng Bạc", "Nguyễn Văn An"] {
            assert!(!text.contains(private), "{private} must not be public");
        }
        let case = app.store.case_by_code(&civicdesk_domain::feedback::CaseCode::parse(&code).unwrap()).await.unwrap().unwrap();
        assert_eq!(case.agency.code, "HN-XA-HK");
        assert!(matches!(&case.events[0].event, civicdesk_domain::cases::EventKind::Submitted { routing: civicdesk_domain::feedback::RoutingReason::Rule { .. }, .. }));
    }

    async fn errors_are_shown_next_to_their_fields_with_what_was_typed(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let before = app.store.milestones(None).await.unwrap().len();
        let fields = with(&valid(), &[("phone", "12ab"), ("title", "</textarea><script>alert(1)</script>"), ("consent", ""), ("email", "an@")]);
        let response = app.post_form("/phan-anh/gui", form_of(&fields)).await;
        assert_eq!(response.status(), 422);
        let page = response.text().await.unwrap();
        assert!(page.contains("Số điện thoại chưa đúng"));
        assert!(page.contains("Địa chỉ thư chưa đúng"));
        assert!(page.contains("Vui lòng đánh dấu đồng ý"));
        assert!(page.contains("Chưa gửi được"), "a summary at the top");
        assert!(page.contains("value=\"12ab\""), "what was typed is kept");
        assert!(page.contains("Tôi nộp hồ sơ ngày 3/11"), "the content is kept");
        assert!(!page.contains("<script>alert(1)</script>"), "markup is shown as text");
        assert!(page.contains("&lt;/textarea&gt;&lt;script&gt;") || page.contains("&lt;/textarea>&lt;script>"));
        assert_eq!(app.store.milestones(None).await.unwrap().len(), before, "no case was written");
        // The same in English.
        let page = app.post_form("/en/phan-anh/gui", form_of(&fields)).await.text().await.unwrap();
        assert!(page.contains("Not a phone number"), "errors in the page's language");
    }

    async fn complaints_and_denunciations_get_guidance_instead(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let page = app.post_form("/phan-anh/gui", form_of(&with(&valid(), &[("category", "complaint")]))).await.text().await.unwrap();
        assert!(page.contains("Khiếu nại không gửi qua kênh này"));
        let (status, body) = app.post_case(api_case(&[("category", json!("denunciation"))])).await;
        assert_eq!(status, 422);
        assert_eq!(body["errors"][0]["field"], "category");
        assert!(body["errors"][0]["message"].as_str().unwrap().contains("Tố cáo"));
    }

    async fn routing_follows_the_procedure_the_named_agency_then_the_coordinating_office(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let agency_of = |code: &str| {
            let store = app.store.clone();
            let code = civicdesk_domain::feedback::CaseCode::parse(code).unwrap();
            async move { store.case_by_code(&code).await.unwrap().unwrap().agency.code }
        };
        let procedure = app.store.procedure_for_case("1.001193").await.unwrap().unwrap();
        let (status, body) = app.post_case(api_case(&[("procedure", json!("1.001193")), ("agency", json!("so-y-te"))])).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(agency_of(body["code"].as_str().unwrap()).await, procedure.1.unwrap(), "the procedure's implementing agency");
        let (_, body) = app.post_case(api_case(&[("agency", json!("so-y-te"))])).await;
        assert_eq!(agency_of(body["code"].as_str().unwrap()).await, "HN-SYT", "the agency named");
        let (_, body) = app.post_case(api_case(&[("category", json!("regulation"))])).await;
        assert_eq!(agency_of(body["code"].as_str().unwrap()).await, "HN-STP", "a category rule");
        let (_, body) = app.post_case(api_case(&[])).await;
        assert_eq!(agency_of(body["code"].as_str().unwrap()).await, "HN-VP", "the coordinating office");
        assert!(body["follow_url"].as_str().unwrap().starts_with(&format!("{}/phan-anh/tra-cuu/", app.base)));
        let (status, body) = app.post_case(api_case(&[("procedure", json!("9.999999")), ("area", json!("XX"))])).await;
        assert_eq!(status, 422);
        let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["procedure", "area"]);
    }

    async fn the_procedure_can_be_named_by_its_name_typed_without_accents(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let case_of = |code: &str| {
            let store = app.store.clone();
            let code = civicdesk_domain::feedback::CaseCode::parse(code).unwrap();
            async move { store.case_by_code(&code).await.unwrap().unwrap() }
        };
        for typed in ["Đăng ký khai sinh", "dang ky khai sinh"] {
            let (status, body) = app.post_case(api_case(&[("procedure", json!(typed))])).await;
            assert_eq!(status, 201, "{typed}: {body}");
            let case = case_of(body["code"].as_str().unwrap()).await;
            assert_eq!(case.procedure.unwrap().code, "1.001193", "stored by its code");
        }
        // A name that fits many procedures is not guessed.
        let (status, body) = app.post_case(api_case(&[("procedure", json!("đăng ký"))])).await;
        assert_eq!(status, 422);
        assert_eq!(body["errors"][0]["field"], "procedure");
        // The form's suggestions, as the hydrated page asks for them.
        let suggestions = app.client.post(format!("{}/api/suggest_procedures", app.base))
            .form(&[("q", "khai sinh")]).send().await.unwrap();
        let text = suggestions.text().await.unwrap();
        assert!(text.contains("1.001193") && text.contains("Đăng ký khai sinh"), "{text}");
    }

    async fn concurrent_submissions_get_distinct_sequential_codes(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let posts = (0..24).map(|i| {
            let client = app.client.clone();
            let url = format!("{}/api/v1/cases", app.base);
            let body = api_case(&[("phone", json!(format!("09123456{i:02}")))]);
            tokio::spawn(async move { client.post(url).json(&body).send().await.unwrap().json::<Value>().await.unwrap() })
        });
        let mut codes: Vec<String> = Vec::new();
        for post in posts {
            codes.push(post.await.unwrap()["code"].as_str().expect("every submission stored").to_owned());
        }
        codes.sort();
        let numbers: Vec<u32> = codes.iter().map(|c| c.rsplit('.').next().unwrap().parse().unwrap()).collect();
        assert_eq!(numbers, (1..=24).collect::<Vec<_>>());
    }

    async fn a_submission_that_fails_leaves_the_others_committed_with_it_stored(engine: Engine) {
        use civicdesk_domain::calendar::{Term, TermUnit};
        use civicdesk_domain::cases::{MailBuilder, OutgoingMail, Submission};
        use civicdesk_domain::feedback::{CaseCode, Category, NewCase, RoutingReason, Submitter, SubmitterKind};
        let app = TestApp::spawn(engine).await;
        let coordinating = app.store.coordinating_agency().await.unwrap().expect("the demo has a coordinating office");
        let now = chrono::Utc::now();
        let day = chrono::NaiveDate::from_ymd_opt(2031, 5, 6).unwrap();
        let submission = |i: usize, agency: &str| Submission {
            case: NewCase {
                submitter: Submitter {
                    kind: SubmitterKind::Individual,
                    organisation: None,
                    name: format!("Người gửi {i}"),
                    address: "1 Tràng Tiền".into(),
                    phone: format!("09000000{i:02}"),
                    email: Some(format!("nguoi{i}@example.vn")),
                    show_name: false,
                },
                category: Category::Proposal,
                title: format!("Kiến nghị số {i}"),
                content: format!("Nội dung kiến nghị thứ {i} về thủ tục cấp phép."),
                procedure: None,
                agency: None,
                area: None,
            },
            channel: civicdesk_domain::feedback::Channel::Api,
            received_at: now,
            day,
            received_on: day,
            classify_due: day,
            answer_term: Term { amount: 10, unit: TermUnit::WorkingDays },
            answer_due: day,
            token_hash: format!("{i:064}"),
            agency: agency.to_owned(),
            routing: RoutingReason::Coordinating,
            attachments: Vec::new(),
        };
        // Twenty at once, so that they share commits; every fifth names an agency that does not
        // exist, which the database refuses.
        let tasks: Vec<_> = (0..20)
            .map(|i| {
                let store = app.store.clone();
                let s = submission(i, if i % 5 == 4 { "KHONG-CO" } else { &coordinating });
                let mails: MailBuilder = Box::new(|s: &Submission, code: &CaseCode| {
                    vec![OutgoingMail {
                        recipient: s.case.submitter.email.clone().unwrap(),
                        subject: code.as_str().to_owned(),
                        text: String::new(),
                        html: String::new(),
                        unsubscribe: None,
                    }]
                });
                tokio::spawn(async move { store.submit_case(s, mails).await })
            })
            .collect();
        let mut stored = Vec::new();
        for (i, task) in tasks.into_iter().enumerate() {
            match task.await.unwrap() {
                Ok(code) => stored.push(code),
                Err(_) => assert_eq!(i % 5, 4, "submission {i} failed"),
            }
        }
        assert_eq!(stored.len(), 16);
        // The refused ones took no number: the stored ones are numbered 1 to 16, each complete.
        let mut numbers: Vec<String> = stored.iter().map(|c| c.as_str().rsplit('.').next().unwrap().to_owned()).collect();
        numbers.sort();
        assert_eq!(numbers, (1..=16).map(|n| format!("{n:04}")).collect::<Vec<_>>());
        for code in &stored {
            let case = app.store.case_by_code(code).await.unwrap().expect("a stored case");
            assert_eq!(case.events.len(), 1, "{code} has its first event");
        }
        let next = CaseCode::parse("PAKN.20310506.0017").unwrap();
        assert!(app.store.case_by_code(&next).await.unwrap().is_none());
    }

    async fn attachments_are_checked_by_content_and_photos_lose_their_metadata(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let fake = Part::bytes(b"<svg onload=alert(1)>".to_vec()).file_name("photo.png").mime_str("image/png").unwrap();
        let page = app.post_form("/phan-anh/gui", form_of(&valid()).part("attachments", fake)).await;
        assert_eq!(page.status(), 422);
        assert!(page.text().await.unwrap().contains("Tệp photo.png không phải ảnh"));

        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x11]; // the length counts itself: 2 + 15
        jpeg.extend_from_slice(b"Exif\0\0GPS21.02N");
        jpeg.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 7, 7, 0xFF, 0xD9]);
        let form = form_of(&valid())
            .part("attachments", Part::bytes(jpeg).file_name("anh.jpg"))
            .part("attachments", Part::bytes(crate::helpers::pdf("Don de nghi", "Nguyen Van An")).file_name("don.pdf"));
        let response = app.post_form("/phan-anh/gui", form).await;
        assert_eq!(response.status(), 303);
        let location = response.headers()["location"].to_str().unwrap().trim_end_matches("?moi=1").to_owned();
        let page = app.get_html(&location).await.1;
        assert!(page.contains("anh.jpg") && page.contains("don.pdf"));
        let link = page.split("href=\"").find(|s| s.contains("/tep/")).unwrap().split('"').next().unwrap().to_owned();
        let file = app.get(&link).await;
        assert_eq!(file.headers()["content-type"], "image/jpeg");
        let bytes = file.bytes().await.unwrap();
        assert!(!bytes.windows(4).any(|w| w == b"Exif"), "EXIF removed");
        assert!(bytes.ends_with(&[7, 7, 0xFF, 0xD9]), "the image kept");
        let uploads = app.config.data_dir.join("uploads");
        let stored: Vec<_> = std::fs::read_dir(&uploads).unwrap().filter_map(|e| e.ok()).filter(|e| e.path().is_file()).collect();
        assert_eq!(stored.len(), 2, "two files kept, nothing from the refused submission");
        assert_eq!(std::fs::read_dir(uploads.join("incoming")).unwrap().count(), 0);
    }

    async fn a_case_is_found_by_code_and_contact_and_can_be_added_to_and_withdrawn(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let (_, body) = app.post_case(api_case(&[("email", json!("binh@example.vn"))])).await;
        let code = body["code"].as_str().unwrap().to_owned();
        let lookup = |code: String, contact: &'static str| {
            app.client.post(format!("{}/phan-anh/tra-cuu", app.base)).form(&[("code", code), ("contact", contact.to_owned())]).send()
        };
        let wrong = lookup(code.clone(), "0900000000").await.unwrap();
        assert_eq!(wrong.status(), 404);
        let page = wrong.text().await.unwrap();
        assert!(page.contains("Không tìm thấy phản ánh") && page.contains(&code), "the code typed is kept");
        for contact in ["0987 654 321", "+84987654321", "Binh@Example.vn"] {
            assert_eq!(lookup(code.to_lowercase(), contact).await.unwrap().status(), 303, "{contact}");
        }
        let found = lookup(code.clone(), "0987654321").await.unwrap();
        let private = found.headers()["location"].to_str().unwrap().to_owned();
        assert!(app.get_html(&private).await.1.contains("Trần Thị Bình"), "the submitter sees their own details");

        let form = Form::new().text("content", "Bổ sung: số biên nhận 123/BN.").part("attachments", Part::bytes(crate::helpers::pdf("Bien nhan", "Nguyen Van An")).file_name("bien-nhan.pdf"));
        let added = app.post_form(&format!("{private}/bo-sung"), form).await;
        assert_eq!(added.status(), 303);
        let page = app.get_html(&private).await.1;
        assert!(page.contains("số biên nhận 123/BN") && page.contains("bien-nhan.pdf"));

        let done = app.client.post(format!("{}{private}/rut", app.base)).form(&[("reason", "Đã được giải quyết")]).send().await.unwrap();
        assert_eq!(done.status(), 303);
        assert!(app.get_html(&private).await.1.contains("Đã rút"));
        assert_eq!(app.get_json(&format!("/api/v1/cases/{code}")).await["status"], "withdrawn");
        let again = app.post_form(&format!("{private}/bo-sung"), Form::new().text("content", "thêm")).await;
        assert_eq!(again.status(), 303, "a closed case takes nothing more");
        assert!(!app.get_html(&private).await.1.contains(">thêm<"));
        crate::record::assert_record_kept(&app).await;
        let mails = app.mail_files(2).await;
        assert!(mails.iter().any(|m| plain_text(m).contains("was withdrawn at your request")));

        // A link that is not a case's sends the browser back to its page and writes nothing.
        let unknown = format!("/phan-anh/tra-cuu/{}", "ab".repeat(24));
        for action in ["bo-sung", "rut", "danh-gia"] {
            let posted = app.client.post(format!("{}{unknown}/{action}", app.base)).form(&[("content", "x"), ("reason", "x")]).send().await.unwrap();
            assert_eq!(posted.status(), 303, "{action}");
            assert_eq!(posted.headers()["location"], unknown.as_str(), "{action}");
        }
        assert_eq!(app.mail_files(2).await.len(), mails.len(), "nothing was sent for an unknown link");
    }

    async fn bad_input_never_gets_a_500(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let post = |path: &'static str, content_type: &'static str, body: Vec<u8>| {
            app.client.post(format!("{}{path}", app.base)).header("content-type", content_type).body(body).send()
        };
        let cases: Vec<(&str, &str, Vec<u8>)> = vec![
            ("/phan-anh/gui", "multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nAn".to_vec()),
            ("/phan-anh/gui", "multipart/form-data", b"garbage".to_vec()),
            ("/phan-anh/gui", "application/x-www-form-urlencoded", b"name=%FF%FE&content=\x01\x02&title=a%00b".to_vec()),
            ("/phan-anh/gui", "text/plain", vec![0xC3, 0x28]),
            ("/phan-anh/gui", "application/x-www-form-urlencoded", format!("content={}", "a".repeat(200_000)).into_bytes()),
            ("/api/v1/cases", "application/json", b"{\"name\": ".to_vec()),
            ("/api/v1/cases", "application/json", b"[1,2]".to_vec()),
            ("/api/v1/cases", "application/json", vec![b'"'; 300_000]),
            ("/phan-anh/tra-cuu", "application/x-www-form-urlencoded", b"code=%ZZ&contact=\x00".to_vec()),
        ];
        for (path, content_type, body) in cases {
            let response = post(path, content_type, body).await.unwrap();
            let status = response.status().as_u16();
            assert!((400..500).contains(&status), "{path} {content_type}: {status}");
        }
        let oversized = Part::bytes(vec![b'%'; 11 * 1024 * 1024]).file_name("big.pdf");
        let response = app.post_form("/phan-anh/gui", form_of(&valid()).part("attachments", oversized)).await;
        assert_eq!(response.status(), 422);
        let page = response.text().await.unwrap();
        assert!(page.contains("Tệp big.pdf lớn hơn 10 MB") && page.contains("Nguyễn Văn An"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn submitting_and_looking_up_are_rate_limited_per_address() {
    use civicdesk_server::config::RateLimit;
    let limit = RateLimit { burst: 2, every: Duration::from_secs(60) };
    let app = TestApp::spawn_configured(Engine::Sqlite, |c| {
        c.submit_limit = Some(limit);
        c.lookup_limit = Some(limit);
    })
    .await;
    for _ in 0..2 {
        assert_ne!(app.post_form("/phan-anh/gui", form_of(&valid())).await.status(), 429);
    }
    // Refused with a large attachment on the way: the answer is the page, not a reset connection.
    let scan = Part::bytes(vec![b'%'; 4 * 1024 * 1024]).file_name("scan.pdf");
    let limited = app.post_form("/phan-anh/gui", form_of(&valid()).part("attachments", scan)).await;
    assert_eq!(limited.status(), 429);
    assert!(limited.headers()["retry-after"].to_str().unwrap().parse::<u64>().unwrap() > 0);
    assert!(limited.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let page = limited.text().await.unwrap();
    assert!(page.contains("Quá nhiều yêu cầu") && page.contains("Too many requests"));
    // The API shares the submitter's budget and answers in JSON.
    let api = app.client.post(format!("{}/api/v1/cases", app.base)).json(&api_case(&[])).send().await.unwrap();
    assert_eq!(api.status(), 429);
    assert!(api.headers().contains_key("retry-after"));
    assert!(api.json::<Value>().await.unwrap()["errors"][0]["message"].as_str().unwrap().contains("retry"));
    // Reading pages is not limited.
    assert_eq!(app.get("/phan-anh/gui").await.status(), 200);
}

/// The plain-text part of a message as written (lettre encodes UTF-8 as base64 or
/// quoted-printable), decoded.
pub(crate) fn plain_text(eml: &str) -> String {
    mail_part(eml, "text/plain")
}

/// A message's HTML part, decoded.
pub(crate) fn html_part(eml: &str) -> String {
    mail_part(eml, "text/html")
}

fn mail_part(eml: &str, kind: &str) -> String {
    use base64::Engine as _;
    let eml = eml.replace("\r\n", "\n");
    let part = eml.split(&format!("Content-Type: {kind}")).nth(1).expect("the part asked for");
    let (headers, body) = part.split_once("\n\n").unwrap();
    let boundary = eml.split("boundary=\"").nth(1).and_then(|b| b.split('"').next()).expect("a multipart message");
    let body = body.split(&format!("\n--{boundary}")).next().unwrap();
    if headers.contains("base64") {
        let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
        return String::from_utf8(base64::engine::general_purpose::STANDARD.decode(compact).unwrap()).unwrap();
    }
    if !headers.contains("quoted-printable") {
        return body.to_owned();
    }
    let joined = body.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && let Some(b) = joined.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// Starts a real SMTP server (aiosmtpd) on `port`, writing what it receives to a maildir.
fn smtp_server(port: u16, maildir: &std::path::Path) -> std::process::Child {
    std::process::Command::new("python3")
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
        .arg(maildir)
        .spawn()
        .expect("python3 -m aiosmtpd runs (scripts/setup --test installs it)")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn delivered(maildir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(maildir.join("new"))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| std::fs::read_to_string(e.path()).unwrap()).collect())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn e_mail_waits_through_an_smtp_outage_and_then_arrives_once() {
    let port = free_port();
    let folder = tempfile::tempdir().unwrap();
    // A maildir the server creates (it does not fill in a folder that exists already).
    let maildir = folder.path().join("maildir");
    let app =
        TestApp::spawn_configured(Engine::Sqlite, |c| c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))).await;
    // Nothing listens yet: the message is kept and retried.
    let response = app.post_form("/phan-anh/gui", form_of(&valid())).await;
    assert_eq!(response.status(), 303, "the submission does not wait for e-mail");
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(app.store.mail_pending().await.unwrap(), 1, "kept in the outbox while the server is down");

    let mut server = smtp_server(port, &maildir);
    let mut arrived = Vec::new();
    for _ in 0..200 {
        arrived = delivered(&maildir);
        if !arrived.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let arrived_later = delivered(&maildir);
    server.kill().unwrap();
    let _ = server.wait();
    assert_eq!(arrived.len(), 1, "delivered once the server is back");
    assert_eq!(arrived_later.len(), 1, "and only once");
    let mail = &arrived[0];
    assert!(mail.contains("an@example.vn") && mail.contains("PAKN."));
    assert!(mail.contains("multipart/alternative"), "plain text and HTML");
    assert_eq!(app.store.mail_pending().await.unwrap(), 0);
}
