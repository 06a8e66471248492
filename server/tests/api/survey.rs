//! The satisfaction survey, on both engines: sent without an account, refused beside its fields
//! with what was typed kept (hostile text included), counted in its results, its comment never
//! shown; and the form's limits.

use std::time::Duration;

use crate::feedback::form_of;
use crate::helpers::{Engine, TestApp, engines};

const HOSTILE: &str = "</textarea><script>alert(1)</script>\"'><b>&amp;";

/// The surveys stored, asked of the database directly.
async fn stored(app: &TestApp) -> i64 {
    let url = &app.config.database_url;
    let sql = "SELECT COUNT(*) FROM surveys";
    if url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap()
    } else {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap()
    }
}

engines! {
    async fn a_survey_is_sent_refused_beside_its_fields_and_counted_in_the_results(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let (status, page) = app.get_html("/khao-sat?co-quan=so-tu-phap").await;
        assert_eq!(status, 200);
        assert!(page.contains("name=\"hai-long-chung\"") && page.contains("type=\"radio\""));
        assert!(page.contains("value=\"so-tu-phap\" selected"), "the agency from the address is chosen");

        // Wrong: no agency, an answer off its scale, a receipt code that is markup; all kept.
        let wrong = [
            ("co-quan", ""),
            ("hai-long-chung", "9"),
            ("thai-do", "4"),
            ("ma-ho-so", HOSTILE),
            ("y-kien", HOSTILE),
        ];
        let response = app.post_form("/khao-sat", form_of(&wrong)).await;
        assert_eq!(response.status(), 422);
        let page = response.text().await.unwrap();
        assert!(page.contains("href=\"#ks-co-quan\"") && page.contains("href=\"#ks-hai-long-chung\""), "each problem listed");
        assert!(page.contains("id=\"ks-co-quan-error\"") && page.contains("id=\"ks-hai-long-chung-error\""));
        assert!(page.contains("id=\"ks-ma-ho-so-error\""), "the receipt code is refused");
        assert!(!page.contains("<script>alert(1)") && !page.contains("\"'><b>"), "what was typed stays text");
        assert!(page.contains("&lt;/textarea&gt;&lt;script&gt;alert(1)"), "the comment is kept, escaped");
        assert!(page.contains("value=\"4\" checked"), "the answer given is still ticked");
        assert_eq!(stored(&app).await, 0, "nothing half-written");

        // A bot fills the hidden field: nothing is kept.
        let bot = [("co-quan", "so-tu-phap"), ("hai-long-chung", "5"), ("website", "http://spam")];
        assert_eq!(app.post_form("/khao-sat", form_of(&bot)).await.status(), 422);
        // An unknown agency or procedure is refused beside its field.
        let unknown = [("co-quan", "khong-co"), ("hai-long-chung", "5"), ("thu-tuc", "9.999999")];
        let page = app.post_form("/khao-sat", form_of(&unknown)).await.text().await.unwrap();
        assert!(page.contains("id=\"ks-co-quan-error\"") && page.contains("id=\"ks-thu-tuc-error\""));
        assert_eq!(stored(&app).await, 0);

        // Twelve surveys of one agency, nine satisfied overall.
        for n in 0..12 {
            let overall = if n < 9 { "5" } else { "2" };
            let comment = format!("{HOSTILE} riêng tư {n}");
            let fields = [
                ("co-quan", "so-tu-phap"),
                ("hai-long-chung", overall),
                ("so-lan-di-lai", "1"),
                ("thu-tuc", "1.001193"),
                ("ma-ho-so", "000.00.12.H26-260105-0001"),
                ("y-kien", comment.as_str()),
            ];
            let response = app.post_form("/khao-sat", form_of(&fields)).await;
            assert_eq!(response.status(), 303);
            assert_eq!(response.headers()["location"], "/khao-sat?da-gui=1");
        }
        assert_eq!(stored(&app).await, 12);
        // As open data: this month's counts for the agency and question, and nothing any one
        // person wrote or gave.
        let body = app.get("/du-lieu-mo/khao-sat.json").await.text().await.unwrap();
        let rows: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
        let month = civicdesk_domain::calendar::local_day(chrono::Utc::now()).format("%Y-%m").to_string();
        let overall = rows
            .iter()
            .find(|r| r["month"] == month.as_str() && r["agency_code"] == "HN-STP" && r["question"] == "hai-long-chung")
            .expect("this month's row");
        assert_eq!((overall["answered"].as_str(), overall["satisfied"].as_str()), (Some("12"), Some("9")));
        assert_eq!((overall["answer_5"].as_str(), overall["answer_2"].as_str()), (Some("9"), Some("3")));
        assert!(!body.contains("riêng tư") && !body.contains("000.00.12.H26"), "no comment, no dossier number");
        let keys: Vec<&str> = civicdesk_texts::open_data::SURVEY_EN.iter().map(|t| t.key).collect();
        assert_eq!(keys, civicdesk_server::http::public::open_data::SURVEY_COLUMNS);
        let csv = app.get("/du-lieu-mo/khao-sat.csv").await.bytes().await.unwrap();
        assert_eq!(csv::Reader::from_reader(&csv[3..]).records().count(), rows.len());
        let (_, thanks) = app.get_html("/khao-sat?da-gui=1").await;
        assert!(thanks.contains("Cảm ơn bạn đã trả lời khảo sát"));

        let (status, results) = app.get_html("/thong-ke/khao-sat").await;
        assert_eq!(status, 200);
        assert!(results.contains("12 phiếu"), "{results:.400}");
        assert!(results.contains("75.0 % (9/12;"), "the overall share with its sample");
        assert!(!results.contains("riêng tư"), "a comment is never published");
        let (_, english) = app.get_html("/en/thong-ke/khao-sat?co-quan=so-tu-phap").await;
        assert!(english.contains("12 surveys") && english.contains("Sở Tư pháp"));
        let (_, other) = app.get_html("/thong-ke/khao-sat?co-quan=phuong-hoan-kiem").await;
        assert!(other.contains("0 phiếu"));
        let (_, ago) = app.get_html("/thong-ke/khao-sat?tu=2020-01-01&den=2020-12-31").await;
        assert!(ago.contains("0 phiếu"), "a period without surveys");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_survey_is_rate_limited_per_address() {
    use civicdesk_server::config::RateLimit;
    let limit = RateLimit { burst: 2, every: Duration::from_secs(60) };
    let app = TestApp::spawn_configured(Engine::Sqlite, |c| c.submit_limit = Some(limit)).await;
    let fields = [("co-quan", "so-tu-phap"), ("hai-long-chung", "4")];
    for _ in 0..2 {
        assert_eq!(app.post_form("/khao-sat", form_of(&fields)).await.status(), 303);
    }
    assert_eq!(app.post_form("/khao-sat", form_of(&fields)).await.status(), 429);
    assert_eq!(stored(&app).await, 2);
}
