//! The open data sets: the catalogue as JSON in the national export's shape, which the importer
//! reads back unchanged into the same portal and into a new one, and as CSV; streamed across
//! many pages of the store; each with a version that conditional requests are answered by.

use civicdesk_domain::import::CSV_COLUMNS;

use crate::helpers::{TestApp, engines};
use crate::import::civicdesk;

async fn download(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = app.client.get(format!("{}{path}", app.base));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

fn import(app: &TestApp, dir: &std::path::Path, name: &str, body: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    let out = civicdesk(app, &["import", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

engines! {
    async fn the_catalogue_goes_out_as_open_data_and_comes_back_in_unchanged(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        // More procedures than a page of the stream holds, several times over.
        civicdesk_server::generate::fill(app.store.as_ref(), 1_000, 5).await.unwrap();
        let count = app.store.procedure_count().await.unwrap();
        assert!(count > 1_000);

        let response = download(&app, "/du-lieu-mo/thu-tuc.json", &[]).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "application/json");
        assert!(response.headers()["content-disposition"].to_str().unwrap().contains("thu-tuc.json"));
        let tag = response.headers()["etag"].to_str().unwrap().to_owned();
        let modified = response.headers()["last-modified"].to_str().unwrap().to_owned();
        let json = response.bytes().await.unwrap();
        let records: Vec<serde_json::Value> = serde_json::from_slice(&json).unwrap();
        assert_eq!(records.len() as u64, count);
        assert!(records.iter().all(|r| r["MATTHC"].is_string() && r["TENTTHC"].is_string() && r["SOHOSONAM"].is_number()));

        // Read back by the portal's own importer: into the same portal, nothing changes.
        let dir = tempfile::tempdir().unwrap();
        let said = import(&app, dir.path(), "thu-tuc.json", &json);
        assert!(said.contains(&format!("0 new, 0 revised, {count} unchanged")), "{said}");
        // Into a new portal: the same records, and the same most-used procedures first.
        let copy = TestApp::spawn_with(engine, false).await;
        let said = import(&copy, dir.path(), "thu-tuc.json", &json);
        assert!(said.contains(&format!("{count} new, 0 revised, 0 unchanged")), "{said}");
        for record in records.iter().step_by(7) {
            let code = record["MATTHC"].as_str().unwrap();
            let original = app.store.procedure(code).await.unwrap().unwrap().record;
            assert_eq!(copy.store.procedure(code).await.unwrap().unwrap().record, original, "{code}");
        }
        let popular = |app: &TestApp| {
            let store = app.store.clone();
            async move { store.popular_procedures(20).await.unwrap().into_iter().map(|p| p.code).collect::<Vec<_>>() }
        };
        assert_eq!(popular(&copy).await, popular(&app).await);

        // The same version again: 304, nothing sent; by tag or by date.
        for header in [("if-none-match", tag.as_str()), ("if-modified-since", modified.as_str())] {
            let response = download(&app, "/du-lieu-mo/thu-tuc.json", &[header]).await;
            assert_eq!(response.status(), 304, "{header:?}");
            assert_eq!(response.headers()["etag"], tag.as_str());
            assert!(response.bytes().await.unwrap().is_empty());
        }

        // CSV: the importer's columns, one row per procedure, readable by a spreadsheet (a byte
        // order mark) and by the importer.
        let response = download(&app, "/du-lieu-mo/thu-tuc.csv", &[]).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
        assert_eq!(response.headers()["etag"], tag.as_str(), "one version for the catalogue");
        let csv = response.bytes().await.unwrap();
        assert!(csv.starts_with("\u{feff}".as_bytes()));
        let mut reader = csv::Reader::from_reader(&csv[3..]);
        assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), CSV_COLUMNS);
        let codes: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
        let json_codes: Vec<&str> = records.iter().map(|r| r["MATTHC"].as_str().unwrap()).collect();
        assert_eq!(codes, json_codes);
        let fresh = TestApp::spawn_with(engine, false).await;
        let said = import(&fresh, dir.path(), "thu-tuc.csv", &csv);
        assert!(said.contains(&format!("{count} new")), "{said}");

        // A revision is a new version: the old tag no longer holds.
        let mut amended = records[0].clone();
        amended["TENTTHC"] = format!("{} (sửa đổi)", amended["TENTTHC"].as_str().unwrap()).into();
        let body = serde_json::to_vec(&[amended]).unwrap();
        assert!(import(&app, dir.path(), "amended.json", &body).contains("0 new, 1 revised"));
        let response = download(&app, "/du-lieu-mo/thu-tuc.json", &[("if-none-match", tag.as_str())]).await;
        assert_eq!(response.status(), 200);
        assert_ne!(response.headers()["etag"], tag.as_str());
    }

    async fn published_answers_and_agencies_go_out_without_personal_data(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        civicdesk_server::generate_cases::fill(app.store.as_ref(), 2_500, 8, 23).await.unwrap();
        let published = crate::feeds::count(&app, "SELECT COUNT(*) FROM cases WHERE published_at IS NOT NULL AND status IN ('published', 'closed')").await;
        assert!(published > 1_000, "more than a range of ids holds: {published}");

        let response = download(&app, "/du-lieu-mo/phan-anh.json", &[]).await;
        assert_eq!(response.status(), 200);
        let tag = response.headers()["etag"].to_str().unwrap().to_owned();
        assert!(response.headers().contains_key("last-modified"));
        let body = response.text().await.unwrap();
        let answers: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
        assert_eq!(answers.len() as i64, published);
        let keys: Vec<&str> = answers[0].as_object().unwrap().keys().map(String::as_str).collect();
        let mut expected = civicdesk_server::http::public::open_data::ANSWER_COLUMNS.to_vec();
        expected.sort_unstable();
        assert_eq!(keys, expected);
        assert!(answers.iter().all(|a| !a["answer"].as_str().unwrap().is_empty() && !a["question"].as_str().unwrap().is_empty()));
        // The same as each case's public view.
        let sample = &answers[answers.len() / 2];
        let public = app.get_json(&format!("/api/v1/cases/{}", sample["code"].as_str().unwrap())).await;
        assert_eq!(sample["answer"], public["answer"]);
        assert_eq!(sample["question"], public["content"]);
        // No phone number or name of any submitter.
        let url = &app.config.database_url;
        let private: Vec<(String, String)> = if url.starts_with("postgres") {
            sqlx::query_as("SELECT phone, name FROM cases").fetch_all(&sqlx::PgPool::connect(url).await.unwrap()).await.unwrap()
        } else {
            sqlx::query_as("SELECT phone, name FROM cases").fetch_all(&sqlx::SqlitePool::connect(url).await.unwrap()).await.unwrap()
        };
        for (phone, name) in private.iter().step_by(13) {
            assert!(!body.contains(phone.as_str()) && !body.contains(&format!("\"{name}\"")), "{phone} {name}");
        }
        let response = download(&app, "/du-lieu-mo/phan-anh.json", &[("if-none-match", tag.as_str())]).await;
        assert_eq!(response.status(), 304);
        let csv = download(&app, "/du-lieu-mo/phan-anh.csv", &[]).await.bytes().await.unwrap();
        let mut reader = csv::Reader::from_reader(&csv[3..]);
        assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), civicdesk_server::http::public::open_data::ANSWER_COLUMNS);
        assert_eq!(reader.records().count() as i64, published);

        // The agencies, in both formats; a tag that holds while they do not change.
        let response = download(&app, "/du-lieu-mo/co-quan.json", &[]).await;
        let tag = response.headers()["etag"].to_str().unwrap().to_owned();
        let agencies: Vec<serde_json::Value> = response.json().await.unwrap();
        assert!(agencies.iter().any(|a| a["slug"] == "so-tu-phap" && a["email"].is_string()));
        assert_eq!(download(&app, "/du-lieu-mo/co-quan.json", &[("if-none-match", tag.as_str())]).await.status(), 304);
        let csv = download(&app, "/du-lieu-mo/co-quan.csv", &[]).await.bytes().await.unwrap();
        let mut reader = csv::Reader::from_reader(&csv[3..]);
        assert_eq!(reader.records().count(), agencies.len());
        assert_eq!(download(&app, "/du-lieu-mo/khong-co.csv", &[]).await.status(), 404);

        // The monthly statistics: 24 calendar months, each agency's figures as its scorecard for
        // that month gives them.
        let response = download(&app, "/du-lieu-mo/thong-ke-thang.json", &[]).await;
        let tag = response.headers()["etag"].to_str().unwrap().to_owned();
        let months: Vec<serde_json::Value> = response.json().await.unwrap();
        let distinct: std::collections::BTreeSet<&str> = months.iter().map(|r| r["month"].as_str().unwrap()).collect();
        assert_eq!(distinct.len(), 24);
        assert!(months.iter().any(|r| r["scope"] == "field") && months.iter().any(|r| r["scope"] == "agency"));
        let busiest = months
            .iter()
            .filter(|r| r["scope"] == "agency")
            .max_by_key(|r| r["received"].as_str().unwrap().parse::<u64>().unwrap())
            .unwrap();
        let slug = agencies.iter().find(|a| a["code"] == busiest["code"]).unwrap()["slug"].as_str().unwrap().to_owned();
        let key = busiest["month"].as_str().unwrap().replace('-', "-m");
        let card = app.get_json(&format!("/api/v1/agencies/{slug}/scorecard?period={key}&basis=lich")).await;
        for (column, figure) in [("received", &card["counts"]["received"]), ("answered", &card["counts"]["answered"]), ("on_time", &card["on_time"]["hits"])] {
            assert_eq!(busiest[column].as_str().unwrap(), figure.to_string(), "{column} of {slug} in {key}");
        }
        assert_eq!(download(&app, "/du-lieu-mo/thong-ke-thang.json", &[("if-none-match", tag.as_str())]).await.status(), 304);
        let csv = download(&app, "/du-lieu-mo/thong-ke-thang.csv", &[]).await.bytes().await.unwrap();
        assert_eq!(csv::Reader::from_reader(&csv[3..]).records().count(), months.len());

        // Each column described on /du-lieu-mo, in both languages; each file linked there.
        use civicdesk_server::http::public::open_data::{AGENCY_COLUMNS, ANSWER_COLUMNS, STATISTICS_COLUMNS};
        use civicdesk_texts::open_data::{AGENCIES_EN, AGENCIES_VI, ANSWERS_EN, ANSWERS_VI, STATISTICS_EN, STATISTICS_VI};
        for (columns, dictionaries) in [
            (&ANSWER_COLUMNS[..], [ANSWERS_VI, ANSWERS_EN]),
            (&AGENCY_COLUMNS[..], [AGENCIES_VI, AGENCIES_EN]),
            (&STATISTICS_COLUMNS[..], [STATISTICS_VI, STATISTICS_EN]),
        ] {
            for dictionary in dictionaries {
                assert_eq!(dictionary.iter().map(|t| t.key).collect::<Vec<_>>(), columns);
            }
        }
        let (_, page) = app.get_html("/du-lieu-mo").await;
        for file in ["thu-tuc.json", "thu-tuc.csv", "phan-anh.json", "phan-anh.csv", "co-quan.json", "co-quan.csv", "thong-ke-thang.json", "thong-ke-thang.csv", "khao-sat.json", "khao-sat.csv"] {
            assert!(page.contains(&format!("href=\"/du-lieu-mo/{file}\"")), "{file}");
        }
        let agencies_named = format!("{} cơ quan", agencies.len());
        assert!(crate::helpers::visible_text(&page).contains(&agencies_named), "{agencies_named}");
    }
}
