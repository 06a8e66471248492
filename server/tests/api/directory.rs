//! The directory's search and JSON API, as a client sees them.

use unicode_normalization::UnicodeNormalization;

use crate::helpers::{Engine, TestApp, engines};

engines! {
    async fn health_names_the_engine(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let body = app.get_json("/healthz").await;
        assert_eq!(body["status"], "ok");
        let expected = if engine == Engine::Sqlite { "sqlite" } else { "postgresql" };
        assert_eq!(body["database"], expected);
    }

    async fn finds_a_procedure_however_it_is_typed(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let decomposed: String = "khai sinh".nfd().collect();
        for query in ["khai sinh", "dang ky khai sinh", "Đăng ký khai sinh", "ĐĂNG KÝ KHAI SINH", "đăng ky khai sinh", "khai si", decomposed.as_str()] {
            let names = app.search_names(query).await;
            assert_eq!(names.first().map(String::as_str), Some("Đăng ký khai sinh"), "query {query:?} gave {names:?}");
        }
    }

    async fn folds_d_with_stroke_and_two_mark_letters(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        // "đất đai" typed as "dat dai"; "hộ" (two marks) typed as "ho".
        assert!(app.search_names("dat dai").await.iter().any(|n| n.contains("đất đai")));
        assert!(app.search_names("chuyen nhuong").await.iter().any(|n| n.contains("chuyển nhượng")));
        assert!(app.search_names("ho kinh doanh").await.first().unwrap().contains("hộ kinh doanh"));
    }

    async fn ranks_names_above_other_text(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        // "hộ chiếu" is also listed among the identity papers of many procedures.
        let names = app.search_names("ho chieu").await;
        assert!(names.len() > 4, "{names:?}");
        assert!(names[..4].iter().all(|n| n.contains("hộ chiếu")), "{names:?}");
        // A keyword phrase ("sổ đỏ") outranks names that merely contain "so" and "do…".
        let names = app.search_names("so do").await;
        assert!(names[0].contains("quyền sử dụng đất"), "{names:?}");
    }

    async fn looks_up_exact_codes(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let body = app.get_json("/api/v1/procedures?q=1.001193").await;
        assert_eq!(body["total"], 1);
        assert_eq!(body["items"][0]["code"], "1.001193");
        assert_eq!(body["items"][0]["fields"][0]["name"], "Hộ tịch");
    }

    async fn returns_the_full_record(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let body = app.get_json("/api/v1/procedures/1.001193").await;
        let record = &body["record"];
        assert_eq!(record["name"], "Đăng ký khai sinh");
        assert_eq!(record["channels"][0]["time_limit"]["unit"], "working_days");
        assert_eq!(record["dossier"][0]["documents"][0]["originals"], 1);
        assert!(record["legal_basis"].as_array().unwrap().iter().any(|d| d["number"] == "60/2014/QH13"));
        assert_eq!(body["revisions"].as_array().unwrap().len(), 1);
        let missing = app.get("/api/v1/procedures/9.999999").await;
        assert_eq!(missing.status(), 404);
    }

    async fn filters_by_every_facet(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let total = |body: &serde_json::Value| body["total"].as_u64().unwrap();
        let all = total(&app.get_json("/api/v1/procedures").await);
        assert!(all >= 80, "the demo catalogue has at least 80 procedures, found {all}");
        for (param, check) in [
            ("linh-vuc=HT", "fields"),
            ("cap=xa", "levels"),
            ("truc-tuyen=toan-trinh", "online_level"),
            ("tinh-trang=bai-bo", "status"),
        ] {
            let body = app.get_json(&format!("/api/v1/procedures?{param}")).await;
            let n = total(&body);
            assert!(n > 0 && n < all, "{param}: {n} of {all}");
            for item in body["items"].as_array().unwrap() {
                let value = &item[check];
                let ok = match param {
                    "linh-vuc=HT" => value.as_array().unwrap().iter().any(|f| f["code"] == "HT"),
                    "cap=xa" => value.as_array().unwrap().iter().any(|l| l == "commune"),
                    "truc-tuyen=toan-trinh" => value == "full",
                    _ => value == "abolished",
                };
                assert!(ok, "{param}: {item}");
            }
        }
        let agency = app.get_json("/api/v1/procedures?co-quan=so-tu-phap").await;
        let items = agency["items"].as_array().unwrap();
        assert!(!items.is_empty(), "the Department of Justice implements procedures");
        assert!(items.iter().all(|i| i["implementing"][0] == "Sở Tư pháp thành phố Hà Nội"));
        let organisations = total(&app.get_json("/api/v1/procedures?doi-tuong=to-chuc").await);
        let individuals = total(&app.get_json("/api/v1/procedures?doi-tuong=ca-nhan").await);
        assert!(organisations > 0 && individuals > organisations);
        let combined = app.get_json("/api/v1/procedures?q=dang+ky&cap=xa&linh-vuc=HT").await;
        assert!(total(&combined) > 0 && total(&combined) < 12);
    }

    async fn pages_through_results(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let first = app.get_json("/api/v1/procedures").await;
        let second = app.get_json("/api/v1/procedures?trang=2").await;
        let codes = |b: &serde_json::Value| b["items"].as_array().unwrap().iter().map(|i| i["code"].clone()).collect::<Vec<_>>();
        assert_eq!(codes(&first).len(), 20);
        assert!(codes(&second).iter().all(|c| !codes(&first).contains(c)));
        assert_eq!(second["page"], 2);
        // A word query is read tier by tier; its pages must neither repeat nor skip a match.
        let total = app.get_json("/api/v1/procedures?q=dang+ky").await["total"].as_u64().unwrap() as usize;
        assert!(total > 40, "{total}");
        let mut seen = Vec::new();
        for page in 1..=total.div_ceil(20) {
            seen.extend(codes(&app.get_json(&format!("/api/v1/procedures?q=dang+ky&trang={page}")).await));
        }
        let mut unique = seen.clone();
        unique.sort_by_key(|c| c.to_string());
        unique.dedup();
        assert_eq!((seen.len(), unique.len()), (total, total));
        let far = app.get_json("/api/v1/procedures?trang=99999").await;
        assert_eq!(far["items"].as_array().unwrap().len(), 0);
    }

    async fn keeps_history_and_links_replacements(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let amended = app.get_json("/api/v1/procedures?q=giay+phep+lao+dong+cho+nguoi+lao+dong+nuoc+ngoai").await;
        let code = amended["items"][0]["code"].as_str().unwrap().to_owned();
        let detail = app.get_json(&format!("/api/v1/procedures/{code}")).await;
        let revisions = detail["revisions"].as_array().unwrap();
        assert_eq!(revisions.len(), 2);
        assert_eq!(revisions[0]["status"], "amended");
        assert!(revisions[0]["changed"].as_array().unwrap().contains(&"legal_basis".into()));
        assert_eq!(detail["record"]["channels"][0]["time_limit"]["amount"], 10);

        let abolished = app.get_json("/api/v1/procedures?q=chung+minh+nhan+dan").await;
        let code = abolished["items"][0]["code"].as_str().unwrap().to_owned();
        let detail = app.get_json(&format!("/api/v1/procedures/{code}")).await;
        assert_eq!(detail["record"]["status"], "abolished");
        assert!(detail["replacement"]["name"].as_str().unwrap().contains("căn cước"));
    }

    async fn never_fails_on_odd_queries(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        for query in ["\"", "'; DROP TABLE procedures; --", "khai* OR sinh", "NEAR(a b)", "a:b", "(", "!!!", "x".repeat(5000).as_str(), "<script>"] {
            let response = app.get(&format!("/api/v1/procedures?q={}", crate::helpers::encode(query))).await;
            assert_eq!(response.status(), 200, "query {query:?}");
        }
        assert!(!app.search_names("khai sinh").await.is_empty(), "the table is still there");
    }
}

/// The same query gives the same results in the same order on both engines.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(postgres_tests), ignore = "PostgreSQL: build with CIVICDESK_TEST_POSTGRES set (scripts/test does)")]
async fn both_engines_rank_alike() {
    let sqlite = TestApp::spawn(Engine::Sqlite).await;
    let postgres = TestApp::spawn(Engine::Postgres).await;
    for query in
        ["khai sinh", "dang ky", "giay phep", "so do", "can cuoc", "thue", "xay dung nha o", "1.000894", "bao hiem"]
    {
        let path = format!("/api/v1/procedures?q={}", crate::helpers::encode(query));
        let a = sqlite.get_json(&path).await;
        let b = postgres.get_json(&path).await;
        assert_eq!(a["total"], b["total"], "{query}");
        assert_eq!(a["items"], b["items"], "{query}");
    }
}
