//! A province sets itself up and runs its accounts: from an empty database to a published answer
//! without the demo; agencies, areas, fields, terms, templates and rules edited and deleted
//! through `/quan-tri`; accounts through their whole life cycle; and the audit trail that records
//! all of it and cannot be rewritten.

use civicdesk_domain::admin::{AuditAction, AuditFilter};
use serde_json::{Value, json};

use crate::handling::{ADMIN, COORDINATOR, LEAD, OFFICER, Staff};
use crate::helpers::{Engine, TestApp, engines};
use crate::import::civicdesk;

impl TestApp {
    /// Posts an administrators' form; answers the status and where it redirects, or the page.
    pub(crate) async fn admin_post(&self, staff: &Staff, fields: &[(&str, &str)]) -> (u16, String) {
        self.post_as(staff, "/quan-tri", fields).await
    }

    async fn trail(&self, action: Option<AuditAction>, subject: &str) -> Vec<civicdesk_domain::admin::AuditEntry> {
        let filter = AuditFilter {
            action,
            subject: Some(subject.to_owned()).filter(|s| !s.is_empty()),
            limit: 100,
            ..AuditFilter::default()
        };
        self.store.audit_entries(&filter).await.unwrap()
    }
}

/// The link in the last password e-mail to `email`, from the mail files.
async fn password_link(app: &TestApp, n: usize, email: &str) -> String {
    let mails = app.mail_files(n).await;
    let mail = mails.iter().rev().find(|m| m.contains(email) && m.contains("dat-mat-khau")).expect("a password e-mail");
    let text = crate::feedback::plain_text(mail);
    let start = text.find(&format!("{}/can-bo/dat-mat-khau/", app.base)).expect("the link");
    text[start..].split_whitespace().next().unwrap().to_owned()
}

const AGENCY: [(&str, &str); 11] = [
    ("action", "save_agency"),
    ("code", "SXD"),
    ("name", "Sở Xây dựng tỉnh Thử"),
    ("slug", ""),
    ("level", "tinh"),
    ("parent", ""),
    ("email", "sxd@tinhthu.gov.vn"),
    ("phone", "0203 111 222"),
    ("office_hours", "Thứ Hai – Thứ Sáu, 7:30–11:30 và 13:30–17:00"),
    ("cutoff", "16:30"),
    ("website", "https://sxd.tinhthu.gov.vn"),
];

engines! {
    async fn a_province_goes_from_an_empty_database_to_a_published_answer(engine: Engine) {
        let app = TestApp::spawn_with(engine, false).await;
        assert!(app.store.accounts().await.unwrap().is_empty(), "nothing but what the province creates");

        // The first administrator, with the command line; there is no office yet, so it makes one.
        let no_office = civicdesk(&app, &["create-admin", "--email", "qt@tinhthu.gov.vn", "--name", "Quản Trị"]);
        assert!(!no_office.status.success());
        assert!(String::from_utf8_lossy(&no_office.stderr).contains("--office-name"));
        let created = std::process::Command::new(env!("CARGO_BIN_EXE_civicdesk"))
            .args(["create-admin", "--email", "qt@tinhthu.gov.vn", "--name", "Quản Trị", "--office-name",
                "Văn phòng UBND tỉnh Thử", "--office-email", "vp@tinhthu.gov.vn"])
            .env("DATABASE_URL", &app.config.database_url)
            .env("CIVICDESK_DATA_DIR", &app.config.data_dir)
            .env("CIVICDESK_ADMIN_PASSWORD", "mat-khau-quan-tri-dai")
            .output()
            .unwrap();
        assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
        let said = String::from_utf8_lossy(&created.stdout);
        assert!(said.contains("created the coordinating office VP") && said.contains("created administrator"), "{said}");
        let admin = app.sign_in("qt@tinhthu.gov.vn", "mat-khau-quan-tri-dai").await.expect("the administrator signs in");

        // Agencies, an area and a field through the pages.
        assert_eq!(app.admin_post(&admin, &AGENCY).await, (303, "/quan-tri/co-quan?xong=save_agency".to_owned()));
        let commune = [("action", "save_agency"), ("code", "XA-AN"), ("name", "UBND xã An Bình"), ("level", "xa"),
            ("parent", "VP"), ("email", "anbinh@tinhthu.gov.vn"), ("cutoff", "")];
        assert_eq!(app.admin_post(&admin, &commune).await.0, 303);
        for area in [
            vec![("action", "save_area"), ("code", "TT"), ("name", "Tỉnh Thử"), ("parent", ""), ("agency", "")],
            vec![("action", "save_area"), ("code", "TT-AB"), ("name", "Xã An Bình"), ("parent", "TT"), ("agency", "XA-AN")],
        ] {
            assert_eq!(app.admin_post(&admin, &area).await, (303, "/quan-tri/dia-ban?xong=save_area".to_owned()));
        }
        assert_eq!(app.admin_post(&admin, &[("action", "save_field"), ("code", "XD"), ("name", "Xây dựng")]).await.0, 303);
        let (_, public) = app.get_html("/co-quan/so-xay-dung-tinh-thu").await;
        assert!(public.contains("Sở Xây dựng tỉnh Thử") && public.contains("sxd@tinhthu.gov.vn"), "the agency is public at once");

        // Accounts: a lead with a first password, an officer who sets theirs by the e-mailed link.
        let lead = [("action", "add_account"), ("name", "Lê Lãnh Đạo"), ("email", "lanhdao@sxd.tinhthu.gov.vn"),
            ("role", "lead"), ("agency", "SXD"), ("password", "mat-khau-lanh-dao")];
        assert_eq!(app.admin_post(&admin, &lead).await, (303, "/quan-tri/tai-khoan?xong=add_account".to_owned()));
        let officer = [("action", "add_account"), ("name", "Trần Chuyên Viên"), ("email", "chuyenvien@sxd.tinhthu.gov.vn"),
            ("role", "officer"), ("agency", "SXD"), ("password", "")];
        assert_eq!(app.admin_post(&admin, &officer).await.0, 303);
        let link = password_link(&app, 1, "chuyenvien@sxd.tinhthu.gov.vn").await;
        let path = link.trim_start_matches(&app.base).to_owned();
        assert_eq!(app.get_html(&path).await.0, 200);
        let set = app.client.post(&link).form(&[("new", "mat-khau-chuyen-vien"), ("again", "mat-khau-chuyen-vien")]).send().await.unwrap();
        assert_eq!(set.headers()["location"], "/can-bo/dang-nhap?xong=mat-khau");

        // Feedback about regulations goes to the department, by a rule made here.
        let rule = [("action", "save_rule"), ("category", "regulation"), ("area", ""), ("agency", "SXD"), ("note", "Quy định xây dựng")];
        assert_eq!(app.admin_post(&admin, &rule).await.0, 303);

        // The catalogue, with the command line.
        let dir = tempfile::tempdir().unwrap();
        let catalogue = dir.path().join("thu-tuc.json");
        std::fs::write(&catalogue, r#"[{"MATTHC":"1.009972","TENTTHC":"Cấp giấy phép xây dựng nhà ở riêng lẻ","CAPTHUCHIEN":"1",
            "LINHVUCTHUCHIEN":[{"MALINHVUC":"XD","TENLINHVUC":"Xây dựng"}],
            "COQUANTHUCHIEN":[{"MACOQUAN":"SXD","TENCOQUAN":"Sở Xây dựng tỉnh Thử"}],
            "CACHTHUCTHUCHIEN":[{"KENH":"Trực tiếp","THOIGIAN":[{"THOIGIANGIAIQUYET":"15","DONVITINH":"Ngày"}]}]}]"#).unwrap();
        let imported = civicdesk(&app, &["import", catalogue.to_str().unwrap()]);
        assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
        assert!(app.search_names("giay phep xay dung").await.contains(&"Cấp giấy phép xây dựng nhà ở riêng lẻ".to_owned()));

        // A citizen's feedback, answered and published.
        let code = app.submit_regulation(Some("tu@example.vn")).await;
        let officer = app.sign_in("chuyenvien@sxd.tinhthu.gov.vn", "mat-khau-chuyen-vien").await.expect("the officer signs in");
        let lead = app.sign_in("lanhdao@sxd.tinhthu.gov.vn", "mat-khau-lanh-dao").await.unwrap();
        let (_, case) = app.staff_case(&officer, &code).await;
        assert_eq!(case["handling"]["agency"], "SXD", "routed by the rule");
        app.act(&officer, &code, &[("action", "accept")]).await;
        app.act(&officer, &code, &[("action", "claim")]).await;
        let answer = "Sở Xây dựng đã đề nghị bỏ yêu cầu bản sao từ quý I năm 2027.";
        app.act(&officer, &code, &[("action", "draft_answer"), ("text", answer)]).await;
        app.act(&lead, &code, &[("action", "approve")]).await;
        assert!(app.act(&officer, &code, &[("action", "publish")]).await.1.ends_with("?xong=publish"));
        let public = app.get_json(&format!("/api/v1/cases/{code}")).await;
        assert_eq!((public["status"].as_str(), public["answer"].as_str()), (Some("answered"), Some(answer)));

        // The trail holds it all, by whom.
        let trail = app.trail(Some(AuditAction::Change), "").await;
        let changes: Vec<&str> = trail.iter().rev().map(|e| e.change.as_str()).collect();
        assert_eq!(&changes[..3], ["save_agency", "create_admin", "save_agency"], "{changes:?}");
        assert!(changes.contains(&"send_link") && changes.contains(&"save_rule") && changes.contains(&"add_account"));
        assert!(trail.iter().filter(|e| e.change == "save_area").all(|e| e.actor == "Quản Trị <qt@tinhthu.gov.vn>"));
        assert!(!format!("{trail:?}").contains("mat-khau-lanh-dao"), "no password reaches the trail");
    }

    async fn every_setting_can_be_edited_and_deleted_and_the_trail_says_before_and_after(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let admin = app.demo(ADMIN).await;
        let agency: Vec<(&str, &str)> =
            AGENCY.iter().map(|&(k, v)| if k == "parent" { (k, "HN-VP") } else { (k, v) }).collect();
        assert_eq!(app.admin_post(&admin, &agency).await.0, 303);

        // An edit keeps the code and changes the cut-off; the trail has 16:30 → 15:00.
        let mut edited: Vec<(&str, &str)> = agency.iter().filter(|(k, _)| *k != "code").copied().collect();
        edited.retain(|(k, _)| *k != "cutoff");
        edited.extend([("original", "SXD"), ("cutoff", "15:00")]);
        assert_eq!(app.admin_post(&admin, &edited).await.0, 303);
        let stored = app.store.agency("SXD").await.unwrap().unwrap();
        assert_eq!(stored.cutoff, "15:00");
        let entry = &app.trail(Some(AuditAction::Change), "SXD").await[0];
        assert!(entry.differences().contains(&("cutoff".to_owned(), "16:30".to_owned(), "15:00".to_owned())), "{entry:?}");
        let (_, page) = app.staff_page(&admin, "/quan-tri/nhat-ky?ve=SXD").await;
        assert!(page.contains("<del>16:30</del>") && page.contains("<ins>15:00</ins>"), "the page shows before and after");

        // Refusals come back filled in, with the reason next to the field.
        let mut bad: Vec<(&str, &str)> = agency.iter().filter(|(k, _)| !["code", "email"].contains(k)).copied().collect();
        bad.extend([("code", "SXD2"), ("email", "khong-phai-thu")]);
        let (status, page) = app.admin_post(&admin, &bad).await;
        assert_eq!(status, 422);
        assert!(page.contains("id=\"f-save-agency-email-error\"") && page.contains("aria-invalid=\"true\""));
        assert!(page.contains("value=\"khong-phai-thu\"") && page.contains("value=\"SXD2\""), "what was typed is kept");
        let (status, page) = app.admin_post(&admin, &AGENCY).await;
        assert_eq!(status, 422, "the code is taken");
        assert!(page.contains("f-save-agency-code-error"));
        let circle = [("action", "save_agency"), ("original", "HN-VP"), ("name", "Văn phòng"), ("level", "tinh"),
            ("parent", "SXD"), ("email", "vp@hanoi.gov.vn")];
        assert_eq!(app.admin_post(&admin, &circle).await.0, 422, "SXD is under HN-VP: no circle");

        // The coordinating office moves, and the old one stops being it.
        let mut coordinating: Vec<(&str, &str)> = edited.clone();
        coordinating.push(("coordinating", "on"));
        assert_eq!(app.admin_post(&admin, &coordinating).await.0, 303);
        assert_eq!(app.store.coordinating_agency().await.unwrap().as_deref(), Some("SXD"));
        assert!(!app.store.agency("HN-VP").await.unwrap().unwrap().coordinating);

        // Deleting what is in use is refused and says why; what is not is deleted.
        let (status, page) = app.admin_post(&admin, &[("action", "delete_agency"), ("original", "HN-STP")]).await;
        assert_eq!(status, 422);
        assert!(page.contains("Chưa xóa được"));
        let (status, page) = app.admin_post(&admin, &[("action", "delete_agency"), ("original", "SXD")]).await;
        assert_eq!(status, 422, "the coordinating office is never deleted");
        assert!(page.contains("văn phòng điều phối"));
        let mut unmarked: Vec<(&str, &str)> = edited.clone();
        unmarked.retain(|(k, _)| *k != "coordinating");
        assert_eq!(app.admin_post(&admin, &unmarked).await.0, 422, "there is always a coordinating office");
        let back = [("action", "save_agency"), ("original", "HN-VP"), ("name", "Văn phòng UBND thành phố Hà Nội"),
            ("level", "tinh"), ("email", "vanphong@hanoi.gov.vn"), ("coordinating", "on")];
        assert_eq!(app.admin_post(&admin, &back).await.0, 303);
        assert_eq!(app.admin_post(&admin, &[("action", "delete_agency"), ("original", "SXD")]).await.0, 303);
        assert!(app.store.agency("SXD").await.unwrap().is_none());
        let entry = &app.trail(Some(AuditAction::Change), "SXD").await[0];
        assert_eq!((entry.change.as_str(), entry.after.is_none()), ("delete_agency", true));
        assert_eq!(entry.before.as_ref().unwrap()["name"], "Sở Xây dựng tỉnh Thử");
    }

    async fn terms_templates_and_rules_are_edited_and_deleted_without_touching_dates_already_set(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let admin = app.demo(ADMIN).await;
        let lead = app.demo(LEAD).await;
        // A term: set, changed, deleted. A case received under the first keeps its date.
        app.admin_post(&admin, &[("action", "add_term"), ("agency", "HN-STP"), ("category", ""), ("amount", "10"), ("unit", "working_days")]).await;
        let first = app.submit_regulation(None).await;
        let (_, case) = app.staff_case(&lead, &first).await;
        let due = case["handling"]["answer_due"].clone();
        app.admin_post(&admin, &[("action", "add_term"), ("agency", "HN-STP"), ("category", ""), ("amount", "5"), ("unit", "working_days")]).await;
        assert_eq!(app.store.term_rules().await.unwrap().iter().filter(|r| r.agency.as_deref() == Some("HN-STP")).count(), 1);
        let second = app.submit_regulation(None).await;
        let (_, case) = app.staff_case(&lead, &second).await;
        assert_eq!(case["handling"]["answer_term"], json!({ "amount": 5, "unit": "working_days" }));
        let (_, case) = app.staff_case(&lead, &first).await;
        assert_eq!(case["handling"]["answer_due"], due, "a date already stored is never rewritten");
        assert_eq!(app.admin_post(&admin, &[("action", "delete_term"), ("agency", "HN-STP"), ("category", "")]).await.0, 303);
        assert!(app.store.term_rules().await.unwrap().iter().all(|r| r.agency.as_deref() != Some("HN-STP")));
        let (_, page) = app.staff_page(&admin, "/quan-tri?sua-thoi-han=HN-STP%7C*").await;
        assert_eq!(app.staff_page(&admin, "/quan-tri").await.0, 200);
        assert!(page.contains("Thời hạn trả lời"));

        // A template: added, edited (the form filled from ?sua-mau=), deleted.
        assert_eq!(app.admin_post(&admin, &[("action", "save_template"), ("agency", "HN-STP"), ("title", "Mẫu A"), ("body", "Nội dung A")]).await.0, 303);
        let (id, _, _) = app.store.templates("HN-STP").await.unwrap().into_iter().find(|t| t.1 == "Mẫu A").unwrap();
        let (_, page) = app.staff_page(&admin, &format!("/quan-tri?sua-mau={id}")).await;
        assert!(page.contains("Nội dung A</textarea>") && page.contains(&format!("name=\"id\" value=\"{id}\"")));
        let id_text = id.to_string();
        app.admin_post(&admin, &[("action", "save_template"), ("id", &id_text), ("agency", "HN-STP"), ("title", "Mẫu B"), ("body", "Nội dung B")]).await;
        assert_eq!(app.store.template(id).await.unwrap().unwrap().1, "Mẫu B");
        app.admin_post(&admin, &[("action", "delete_template"), ("id", &id_text)]).await;
        assert!(app.store.template(id).await.unwrap().is_none());
        let (status, page) = app.admin_post(&admin, &[("action", "delete_template"), ("id", &id_text)]).await;
        assert_eq!(status, 422);
        assert!(page.contains("không còn"), "deleting twice says it is gone");

        // A rule: edited to send proposals elsewhere, then deleted; routing follows at once.
        app.admin_post(&admin, &[("action", "save_rule"), ("category", "proposal"), ("area", ""), ("agency", "HN-SYT"), ("note", "")]).await;
        let (rule, _) = app.store.routing_rules_noted().await.unwrap().into_iter().find(|(r, _)| r.agency == "HN-SYT").unwrap();
        let rule_id = rule.id.to_string();
        app.admin_post(&admin, &[("action", "save_rule"), ("id", &rule_id), ("category", "proposal"), ("area", ""), ("agency", "HN-STP"), ("note", "Sửa")]).await;
        let rules = app.store.routing_rules_noted().await.unwrap();
        assert!(rules.iter().any(|(r, note)| r.id == rule.id && r.agency == "HN-STP" && note == "Sửa"));
        app.admin_post(&admin, &[("action", "delete_rule"), ("id", &rule_id)]).await;
        assert!(app.store.routing_rules().await.unwrap().iter().all(|r| r.id != rule.id));
        let kinds: Vec<String> = app.trail(Some(AuditAction::Change), "").await.iter().map(|e| e.change.clone()).collect();
        for change in ["add_term", "delete_term", "save_template", "delete_template", "save_rule", "delete_rule"] {
            assert!(kinds.iter().any(|k| k == change), "{change} is recorded");
        }
    }

    async fn accounts_are_deactivated_changed_reset_and_signed_out_everywhere(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let admin = app.demo(ADMIN).await;
        let officer = app.demo(OFFICER).await;
        let officer_id = app.store.official_by_email(OFFICER).await.unwrap().unwrap().0.id.to_string();

        // Deactivated: the open session ends at once, and signing in is refused.
        let deactivate = [("action", "update_account"), ("id", officer_id.as_str()), ("name", "Chuyên viên Tư pháp"),
            ("role", "officer"), ("agency", "HN-STP")];
        assert_eq!(app.admin_post(&admin, &deactivate).await.0, 303);
        assert_eq!(app.staff_page(&officer, "/can-bo").await.0, 303, "the session has ended");
        assert_eq!(app.sign_in(OFFICER, civicdesk_server::demo::DEMO_PASSWORD).await.unwrap_err().0, 401);
        let (_, page) = app.staff_page(&admin, "/quan-tri/tai-khoan").await;
        assert!(page.contains("Đã khóa"), "the list says so");
        // Active again, and moved to lead of another agency.
        let mut promoted = deactivate.to_vec();
        promoted.retain(|(k, _)| !["role", "agency"].contains(k));
        promoted.extend([("role", "lead"), ("agency", "HN-SYT"), ("active", "on")]);
        assert_eq!(app.admin_post(&admin, &promoted).await.0, 303);
        let (account, _) = app.store.official_by_email(OFFICER).await.unwrap().unwrap();
        assert_eq!((account.role, account.agency.as_str()), (civicdesk_domain::workflow::Role::Lead, "HN-SYT"));
        let entry = &app.trail(Some(AuditAction::Change), OFFICER).await[0];
        assert!(entry.differences().iter().any(|(k, b, a)| k == "agency" && b == "HN-STP" && a == "HN-SYT"));

        // An administrator cannot lock themselves out.
        let admin_id = app.store.official_by_email(ADMIN).await.unwrap().unwrap().0.id.to_string();
        let (status, page) = app.admin_post(&admin, &[("action", "update_account"), ("id", &admin_id), ("name", "QT"),
            ("role", "admin"), ("agency", "HN-VP")]).await;
        assert_eq!(status, 422);
        assert!(page.contains("Không thể tự khóa"));

        // A reset link: e-mailed through the outbox, used once, and every old session ends.
        let before = app.demo(OFFICER).await;
        assert_eq!(app.admin_post(&admin, &[("action", "send_link"), ("id", &officer_id)]).await.1, "/quan-tri/tai-khoan?xong=send_link");
        let link = password_link(&app, 1, OFFICER).await;
        // The link expires after a day.
        let hash = civicdesk_domain::cases::token_hash(link.rsplit('/').next().unwrap()).unwrap();
        let now = chrono::Utc::now();
        assert!(app.store.password_link(&hash, now).await.unwrap().is_some());
        let later = now + chrono::Duration::hours(civicdesk_domain::admin::RESET_LINK_HOURS) + chrono::Duration::minutes(1);
        assert!(app.store.password_link(&hash, later).await.unwrap().is_none(), "expired");
        let short = app.client.post(&link).form(&[("new", "ngan"), ("again", "ngan")]).send().await.unwrap();
        assert_eq!(short.status(), 422);
        assert!(short.text().await.unwrap().contains("Mật khẩu mới cần ít nhất 10 ký tự."));
        let set = app.client.post(&link).form(&[("new", "mat-khau-dat-lai"), ("again", "mat-khau-dat-lai")]).send().await.unwrap();
        assert_eq!(set.status(), 303);
        assert_eq!(app.staff_page(&before, "/can-bo").await.0, 303, "the sessions before the reset have ended");
        assert!(app.sign_in(OFFICER, "mat-khau-dat-lai").await.is_ok());
        let again = app.client.post(&link).form(&[("new", "mat-khau-lan-hai"), ("again", "mat-khau-lan-hai")]).send().await.unwrap();
        assert_eq!(again.status(), 404, "a link works once");
        assert!(again.text().await.unwrap().contains("Đường dẫn này đã được dùng"));
        assert!(app.sign_in(OFFICER, "mat-khau-lan-hai").await.is_err());
        let response = app.get(link.trim_start_matches(&app.base)).await;
        assert_eq!(response.headers()["referrer-policy"], "no-referrer");

        // Sign out everywhere, by the official.
        let here = app.demo(LEAD).await;
        let elsewhere = app.demo(LEAD).await;
        let out = app.client.post(format!("{}/can-bo/dang-xuat", app.base)).header("cookie", &here.cookie)
            .form(&[("csrf", here.csrf.as_str()), ("everywhere", "1")]).send().await.unwrap();
        assert_eq!(out.status(), 303);
        assert_eq!(app.staff_page(&elsewhere, "/can-bo").await.0, 303);
        assert_eq!(app.staff_page(&here, "/can-bo").await.0, 303);
        assert_eq!(app.trail(Some(AuditAction::SignOutEverywhere), LEAD).await.len(), 1);

        // A session idle for longer than the limit has ended.
        let idle = app.demo(LEAD).await;
        let token = idle.cookie.split_once('=').unwrap().1;
        let hash = civicdesk_domain::cases::token_hash(token).unwrap();
        let now = chrono::Utc::now();
        assert!(app.store.session(&hash, now, now - chrono::Duration::minutes(30)).await.unwrap().is_some());
        assert!(app.store.session(&hash, now, now + chrono::Duration::seconds(1)).await.unwrap().is_none(), "idle too long");
    }

    async fn the_trail_records_sign_ins_exports_and_views_of_personal_data_and_cannot_be_rewritten(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let code = app.submit_regulation(None).await;
        assert_eq!(app.sign_in(LEAD, "sai-mat-khau-roi").await.unwrap_err().0, 401);
        let lead = app.demo(LEAD).await;
        let coordinator = app.demo(COORDINATOR).await;
        let failed = app.trail(Some(AuditAction::SignInFailed), LEAD).await;
        assert_eq!((failed.len(), failed[0].actor.as_str(), failed[0].address.as_str()), (1, LEAD, "127.0.0.1"));
        assert_eq!(app.trail(Some(AuditAction::SignIn), LEAD).await.len(), 1);

        // The agency's own lead reads the case unrecorded; the coordinator, from outside, is recorded.
        app.staff_page(&lead, &format!("/can-bo/phan-anh/{code}")).await;
        assert!(app.trail(Some(AuditAction::PersonalView), &code).await.is_empty());
        assert_eq!(app.staff_page(&coordinator, &format!("/can-bo/phan-anh/{code}")).await.0, 200);
        app.staff_case(&coordinator, &code).await;
        let views = app.trail(Some(AuditAction::PersonalView), &code).await;
        assert_eq!(views.len(), 2, "the page and the JSON");
        assert!(views[0].actor.contains(COORDINATOR));

        let export = app.client.get(format!("{}/can-bo/xuat.csv", app.base)).header("cookie", &lead.cookie).send().await.unwrap();
        assert_eq!(export.status(), 200);
        assert_eq!(app.trail(Some(AuditAction::Export), "HN-STP").await.len(), 1);

        // Readable and filtered by administrators only.
        let admin = app.demo(ADMIN).await;
        let (_, page) = app.staff_page(&admin, "/quan-tri/nhat-ky?loai=personal_view").await;
        assert!(page.contains(&code) && !page.contains("sai-mat-khau"));
        assert_eq!(app.staff_page(&lead, "/quan-tri/nhat-ky").await.0, 404);

        // The database itself refuses to change or remove an entry.
        let url = &app.config.database_url;
        let (update, delete) = if url.starts_with("postgres") {
            let pool = sqlx::PgPool::connect(url).await.unwrap();
            (sqlx::query("UPDATE audit_log SET actor = 'ai đó'").execute(&pool).await.err(),
             sqlx::query("DELETE FROM audit_log").execute(&pool).await.err())
        } else {
            let pool = sqlx::SqlitePool::connect(url).await.unwrap();
            (sqlx::query("UPDATE audit_log SET actor = 'ai đó'").execute(&pool).await.err(),
             sqlx::query("DELETE FROM audit_log").execute(&pool).await.err())
        };
        for refused in [update, delete] {
            assert!(refused.expect("refused").to_string().contains("append-only"));
        }
    }
}

/// Importing a province's agencies and communes: all or nothing, errors by row and column.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agencies_and_communes_are_imported_whole_or_not_at_all() {
    let app = TestApp::spawn_with(Engine::Sqlite, false).await;
    let dir = tempfile::tempdir().unwrap();
    let good = "kind,code,name,level,parent,email,cutoff,agency\n\
        agency,VP,Văn phòng UBND tỉnh Thử,tinh,,vp@tinhthu.gov.vn,,\n\
        agency,XA-AN,UBND xã An Bình,xa,VP,anbinh@tinhthu.gov.vn,16:00,\n\
        area,TT,Tỉnh Thử,,,,,\n\
        area,TT-AB,Xã An Bình,,TT,,,XA-AN\n";
    let bad = good.replace("anbinh@tinhthu.gov.vn,16:00", "anbinh@tinhthu.gov.vn,4 giờ chiều");
    let bad_path = dir.path().join("bad.csv");
    std::fs::write(&bad_path, bad).unwrap();
    let out = civicdesk(&app, &["import-agencies", bad_path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("record 2 (XA-AN), field cutoff") && stderr.contains("nothing imported"), "{stderr}");
    assert!(app.store.agency_records().await.unwrap().is_empty() && app.store.areas().await.unwrap().is_empty());

    let path = dir.path().join("tinh.csv");
    std::fs::write(&path, good).unwrap();
    let out = civicdesk(&app, &["import-agencies", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 agencies, 2 areas"));
    assert_eq!(app.store.coordinating_agency().await.unwrap(), None, "the file names no coordinating office");
    let areas = app.store.areas().await.unwrap();
    let commune = areas.iter().find(|a| a.code == "TT-AB").unwrap();
    assert_eq!((commune.parent.as_deref(), commune.agency.as_deref()), (Some("TT"), Some("XA-AN")));

    // JSON, naming the coordinating office and changing a cut-off; the areas may refer to stored agencies.
    let json_path = dir.path().join("tinh.json");
    let json: Value = json!({ "agencies": [
        { "code": "VP", "name": "Văn phòng UBND tỉnh Thử", "level": "province", "email": "vp@tinhthu.gov.vn", "coordinating": true },
        { "code": "XA-AN", "name": "UBND xã An Bình", "level": "xa", "parent": "VP", "email": "anbinh@tinhthu.gov.vn", "cutoff": "16:30" }
    ], "areas": [ { "code": "TT-CD", "name": "Xã Cát Dài", "parent": "TT", "agency": "VP" } ] });
    std::fs::write(&json_path, json.to_string()).unwrap();
    let out = civicdesk(&app, &["import-agencies", json_path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(app.store.coordinating_agency().await.unwrap().as_deref(), Some("VP"));
    assert_eq!(app.store.agency("XA-AN").await.unwrap().unwrap().cutoff, "16:30");
    assert_eq!(app.store.areas().await.unwrap().len(), 3);
    let trail = app.trail(Some(AuditAction::Change), "tinh").await;
    assert_eq!(trail.len(), 2, "each import is recorded");
}
