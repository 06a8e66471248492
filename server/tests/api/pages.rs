//! The server-rendered pages: what a browser without JavaScript receives.

use std::sync::Arc;
use std::time::Duration;

use crate::helpers::{TestApp, encode, engines, visible_text};

engines! {
    async fn every_page_type_renders(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        for (path, expected) in [
            ("/", "Tra cứu thủ tục hành chính"),
            ("/thu-tuc", "Thủ tục hành chính"),
            ("/thu-tuc?q=khai+sinh&cap=xa", "Đăng ký khai sinh"),
            ("/thu-tuc/1.001193", "Giấy chứng sinh"),
            ("/co-quan", "Sở Tư pháp thành phố Hà Nội"),
            ("/co-quan/so-tu-phap", "Cấp Phiếu lý lịch tư pháp"),
            ("/en", "Find an administrative procedure"),
            ("/en/thu-tuc/1.001193", "Papers to prepare"),
        ] {
            let (status, html) = app.get_html(path).await;
            assert_eq!(status, 200, "{path}");
            assert!(visible_text(&html).contains(expected), "{path} should show {expected:?}");
        }
    }

    async fn public_pages_are_served_from_the_cache_but_never_to_a_signed_in_official(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        for page in ["/thu-tuc/1.001193", "/en/co-quan/so-tu-phap", "/thu-tuc?q=khai+sinh"] {
            let first = app.get(page).await;
            assert_eq!(first.headers()["x-cache"], "miss", "{page}");
            let first = first.text().await.unwrap();
            let second = app.get(page).await;
            assert_eq!(second.headers()["x-cache"], "hit", "{page}");
            assert_eq!(second.headers()["cache-control"], "no-cache", "browsers still revalidate");
            assert_eq!(second.text().await.unwrap(), first, "{page}: the same page");
        }
        // Each accepted encoding has its own copy.
        let gzip = app.client.get(format!("{}/thu-tuc/1.001193", app.base)).header("accept-encoding", "gzip").send().await.unwrap();
        assert_eq!(gzip.headers()["x-cache"], "miss");
        assert_eq!(gzip.headers()["content-encoding"], "gzip");
        let gzip = app.client.get(format!("{}/thu-tuc/1.001193", app.base)).header("accept-encoding", "gzip").send().await.unwrap();
        assert_eq!((gzip.headers()["x-cache"].to_str().unwrap(), gzip.headers()["content-encoding"].to_str().unwrap()), ("hit", "gzip"));

        let signed_in = app.client.get(format!("{}/thu-tuc/1.001193", app.base)).header("cookie", "civicdesk_session=x").send().await.unwrap();
        assert_eq!(signed_in.status(), 200);
        assert!(signed_in.headers().get("x-cache").is_none(), "an official's request bypasses the cache");
        let missing = app.get("/thu-tuc/9.999999").await;
        assert_eq!(missing.status(), 404);
        assert!(app.get("/thu-tuc/9.999999").await.headers().get("x-cache").is_none(), "only successful pages are kept");
    }

    async fn pages_declare_their_language(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        assert!(app.get_html("/thu-tuc").await.1.contains("<html lang=\"vi\""));
        let (_, english) = app.get_html("/en/thu-tuc").await;
        assert!(english.contains("<html lang=\"en\""));
        assert!(english.contains("href=\"/thu-tuc\""), "the language switch leads to the Vietnamese page");
    }

    async fn search_results_mark_matched_words(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let (_, html) = app.get_html("/thu-tuc?q=khai+si").await;
        assert!(html.contains("<mark>khai</mark> <mark>sinh</mark>"), "highlighted name");
        assert!(html.contains("value=\"khai si\""), "the query stays in the box");
    }

    async fn procedure_page_lays_out_what_to_bring(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let (status, html) = app.get_html("/thu-tuc/1.001193").await;
        assert_eq!(status, 200);
        for text in ["Tờ khai đăng ký khai sinh", "1 bản chính", "1 ngày làm việc", "Luật Hộ tịch", "Lịch sử thay đổi", "type=\"checkbox\""] {
            assert!(html.contains(text), "missing {text:?}");
        }
    }

    async fn abolished_procedures_point_to_their_replacement(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let found = app.get_json("/api/v1/procedures?q=chung+minh+nhan+dan").await;
        let code = found["items"][0]["code"].as_str().unwrap().to_owned();
        let replacement = app.get_json(&format!("/api/v1/procedures/{code}")).await["replacement"]["code"].as_str().unwrap().to_owned();
        let (status, html) = app.get_html(&format!("/thu-tuc/{code}")).await;
        assert_eq!(status, 200);
        assert!(html.contains("đã bị bãi bỏ"));
        assert!(html.contains(&format!("href=\"/thu-tuc/{replacement}\"")));
    }

    async fn agency_pages_place_the_agency_in_the_hierarchy(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let (_, html) = app.get_html("/co-quan/so-tu-phap").await;
        assert!(html.contains("Cơ quan cấp trên"));
        assert!(html.contains("href=\"/co-quan/van-phong-ubnd-thanh-pho\""));
        let (_, html) = app.get_html("/co-quan/so-nong-nghiep-va-moi-truong").await;
        assert!(html.contains("Đơn vị trực thuộc"));
        assert!(html.contains("Văn phòng Đăng ký đất đai Hà Nội"));
    }

    async fn unknown_pages_answer_404(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        for path in ["/thu-tuc/9.999999", "/co-quan/khong-co", "/khong-co-trang-nay", "/en/thu-tuc/9.999999"] {
            let (status, html) = app.get_html(path).await;
            assert_eq!(status, 404, "{path}");
            assert!(html.contains("<h1>"), "{path} still renders a page");
        }
    }

    async fn pages_escape_what_users_type(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        // Closing the title element first is how a script would escape it.
        let (status, html) = app.get_html("/thu-tuc?q=%3C%2Ftitle%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
        assert_eq!(status, 200);
        assert!(!html.contains("<script>alert(1)</script>"), "the query must never become markup");
        assert!(html.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    async fn every_page_is_answered_whole_when_many_render_at_once(engine: Engine) {
        // Rendered afresh every time (no page cache), on the multi-threaded runtime: a render's
        // resources load on their own tasks, and a race between them once left a page without
        // an answer or dropped the connection.
        let app = Arc::new(TestApp::spawn_configured(engine, |config| config.page_cache_ttl = Duration::ZERO).await);
        let queries = ["khai sinh", "ket hon", "ho chieu", "dat dai", "giay phep xay dung", "ly lich tu phap"];
        let mut clients = tokio::task::JoinSet::new();
        for client in 0..16 {
            let app = app.clone();
            clients.spawn(async move {
                for round in 0..25 {
                    let q = queries[(client + round) % queries.len()];
                    let path = format!("/thu-tuc?q={}", encode(q));
                    let response = app.client.get(format!("{}{path}", app.base)).send().await;
                    let response = response.unwrap_or_else(|e| panic!("{path}, request {round} of client {client}: {e}"));
                    assert_eq!(response.status(), 200, "{path}");
                    let policy = response.headers()["content-security-policy"].to_str().unwrap().to_owned();
                    let html = response.text().await.unwrap_or_else(|e| panic!("{path}: the page broke off: {e}"));
                    crate::security::assert_scripts_carry_the_policys_nonce(&html, &policy);
                    assert!(html.contains(&format!("<title>Kết quả cho «{q}»")), "{path}: the title names the search");
                    assert!(html.contains("</html>"), "{path}: the whole page");
                }
            });
        }
        while let Some(done) = clients.join_next().await {
            done.unwrap();
        }
    }

    async fn pages_are_small_when_compressed(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        for path in ["/thu-tuc", "/thu-tuc/1.001193", "/thu-tuc?q=dang+ky"] {
            let response = app.client.get(format!("{}{path}", app.base)).header("accept-encoding", "gzip").send().await.unwrap();
            assert_eq!(response.headers()["content-encoding"], "gzip", "{path}");
            let compressed = response.bytes().await.unwrap().len();
            assert!(compressed <= 30 * 1024, "{path}: {compressed} bytes compressed");
        }
    }
}
