//! Going live: no deployment has a known password. The demonstration runs only when asked for
//! and only on this machine's own address, and says so on every page; without it no account
//! exists; `create-admin` creates or, asked, resets an administrator and changes no other role.

use civicdesk_server::demo::{DEMO_OFFICIALS, DEMO_PASSWORD};
use civicdesk_server::startup;
use civicdesk_services::accounts::{self, AdminSetUp};

use crate::helpers::{TestApp, engines};

engines! {
    async fn without_the_demo_no_account_exists_and_no_page_says_demonstration(engine: Engine) {
        let app = TestApp::spawn_with(engine, false).await;
        for (email, ..) in DEMO_OFFICIALS {
            assert!(app.store.official_by_email(email).await.unwrap().is_none(), "{email}");
        }
        for path in ["/", "/can-bo/dang-nhap"] {
            let (_, page) = app.get_html(path).await;
            assert!(!page.contains("Bản trình diễn") && !page.contains(DEMO_PASSWORD), "{path}");
        }
    }

    async fn the_demonstration_says_so_and_lists_its_accounts(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let (_, home) = app.get_html("/").await;
        assert!(home.contains("class=\"demo-banner\""), "every page says it is a demonstration");
        let (_, page) = app.get_html("/can-bo/dang-nhap").await;
        assert!(page.contains(&format!("mật khẩu chung {DEMO_PASSWORD}")));
        for (email, ..) in DEMO_OFFICIALS {
            assert!(page.contains(email), "{email} is listed");
        }
    }

    async fn the_demonstration_refuses_to_face_the_internet(engine: Engine) {
        // Started with the demo on a public address: refused before anything is served.
        let app = TestApp::spawn_with(engine, true).await;
        let mut config = app.config.clone();
        config.public_url = "https://dichvucong.example.vn".into();
        let refused = startup::build(&config).await.err().expect("refused").to_string();
        assert!(refused.contains("CIVICDESK_DEMO=true") && refused.contains("https://dichvucong.example.vn"), "{refused}");
        // The demo switched off, but its accounts still in the database: refused too.
        config.load_demo = false;
        let refused = startup::build(&config).await.err().expect("refused").to_string();
        assert!(refused.contains("quantri@demo.civicdesk.vn"), "{refused}");
        // Once every demo password is changed, the same database may be served.
        for (email, name, role, agency) in DEMO_OFFICIALS {
            accounts::create_official(app.store.as_ref(), email, name, *role, agency, "mot-mat-khau-rieng-dai").await.unwrap();
        }
        assert!(startup::build(&config).await.is_ok());
    }

    async fn create_admin_creates_or_resets_an_administrator_and_changes_no_other_role(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let store = app.store.as_ref();
        let set_up = |email: &'static str, password: &'static str, reset: bool| {
            accounts::set_up_admin(store, email, "Quản Trị Viên", "HN-VP", password, reset)
        };
        let created = set_up("admin@tinh.gov.vn", "mat-khau-thu-nhat", false).await.unwrap();
        assert!(matches!(created, AdminSetUp::Created(_)));
        let again = set_up("admin@tinh.gov.vn", "mat-khau-thu-hai", false).await.unwrap_err().to_string();
        assert!(again.contains("--reset"), "{again}");
        assert!(matches!(set_up("ADMIN@tinh.gov.vn", "mat-khau-thu-hai", true).await.unwrap(), AdminSetUp::Reset(_)));
        let (_, hash) = store.official_by_email("admin@tinh.gov.vn").await.unwrap().unwrap();
        assert!(accounts::login(store, "admin@tinh.gov.vn", "mat-khau-thu-hai", "127.0.0.1".parse().unwrap(), chrono::Utc::now()).await.is_ok(), "{hash}");
        // An officer's e-mail: refused, and the officer is still an officer, password unchanged.
        let officer = DEMO_OFFICIALS[0].0;
        for reset in [false, true] {
            let refused = set_up(officer, "mat-khau-thu-ba-dai", reset).await.unwrap_err().to_string();
            assert!(refused.contains("changes no other role"), "{refused}");
        }
        let (account, _) = store.official_by_email(officer).await.unwrap().unwrap();
        assert_eq!(account.role, civicdesk_domain::workflow::Role::Officer);
        assert!(accounts::login(store, officer, DEMO_PASSWORD, "127.0.0.2".parse().unwrap(), chrono::Utc::now()).await.is_ok());
    }

    async fn an_official_changes_their_password_and_their_other_sessions_end(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let officer = crate::handling::OFFICER;
        let here = app.demo(officer).await;
        let elsewhere = app.demo(officer).await;
        let change = |current: &'static str, new: &'static str, again: &'static str| {
            app.client.post(format!("{}/can-bo/mat-khau", app.base)).header("cookie", &here.cookie)
                .form(&[("csrf", here.csrf.as_str()), ("current", current), ("new", new), ("again", again)])
                .send()
        };
        for (current, new, again, says) in [
            ("sai-mat-khau-roi", "mat-khau-moi-dai", "mat-khau-moi-dai", "Mật khẩu đang dùng không đúng."),
            (DEMO_PASSWORD, "ngan", "ngan", "Mật khẩu mới cần ít nhất 10 ký tự."),
            (DEMO_PASSWORD, "mat-khau-moi-dai", "mat-khau-moi-khac", "Hai lần nhập mật khẩu mới không giống nhau."),
        ] {
            let response = change(current, new, again).await.unwrap();
            assert_eq!(response.status(), 422, "{says}");
            let page = response.text().await.unwrap();
            assert!(page.contains(says), "{says}");
            assert!(!page.contains(new) || new == "ngan", "the passwords typed are not sent back");
        }
        let response = change(DEMO_PASSWORD, "mat-khau-moi-dai", "mat-khau-moi-dai").await.unwrap();
        assert_eq!(response.status(), 303);
        assert_eq!(response.headers()["location"], "/can-bo/mat-khau?xong=1");
        let (_, page) = app.staff_page(&here, "/can-bo/mat-khau?xong=1").await;
        assert!(page.contains("Đã đổi mật khẩu"));
        assert_eq!(app.staff_page(&here, "/can-bo").await.0, 200, "this session goes on");
        assert_eq!(app.staff_page(&elsewhere, "/can-bo").await.0, 303, "the other one has ended");
        assert_eq!(app.sign_in(officer, DEMO_PASSWORD).await.unwrap_err().0, 401, "the old password no longer works");
        assert!(app.sign_in(officer, "mat-khau-moi-dai").await.is_ok());
    }
}
