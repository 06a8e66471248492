//! The API's contract: the OpenAPI document at `/api/v1/openapi.json` is valid OpenAPI 3.1 (as
//! `openapi-spec-validator` reads it), names every endpoint, and the real server keeps to it
//! under Schemathesis, a property-based tester written by others: thousands of generated calls,
//! valid and not, with no 5xx, every status, content type, header and body as documented,
//! refusals of what the document rules out, 405 for undocumented methods, and 401 where the
//! official's session is left off. `scripts/setup --test` installs both.

use std::collections::BTreeSet;

use civicdesk_domain::AgencyLevel;
use civicdesk_domain::procedure::{OnlineLevel, ProcedureStatus, Subject};
use serde_json::{Value, json};

use crate::handling::COORDINATOR;
use crate::helpers::{TestApp, engines};

/// Every endpoint the API has, as its routes name them.
const ENDPOINTS: [&str; 9] = [
    "/healthz",
    "/api/v1/procedures",
    "/api/v1/procedures/{code}",
    "/api/v1/calendar/holidays",
    "/api/v1/calendar/deadline",
    "/api/v1/agencies/{slug}/scorecard",
    "/api/v1/cases",
    "/api/v1/cases/{code}",
    "/api/v1/staff/cases/{code}",
];

/// Schemathesis' settings: real codes and slugs for the path parameters (most of the time;
/// otherwise generated ones), the official's session for the scheme the document names, and
/// the warnings that would mean the run did not reach the API's logic made failures. (Not the
/// warning that most generated filings are refused: the form's rules, on cleaned text, are more
/// than a schema can say.)
fn config(cookie: &str, cases: &[String], procedures: &[String], agencies: &[String]) -> String {
    let list = |values: &[String]| serde_json::to_string(values).unwrap();
    format!(
        r#"
seed = 20261207

[auth.openapi.session]
api_key = {session}

[warnings]
fail-on = ["missing_auth", "missing_test_data", "unresolvable_reference", "unsupported_regex"]

[generation]
max-examples = 40

[dictionaries.cases]
values = {cases}

[dictionaries.procedures]
values = {procedures}

[dictionaries.agencies]
values = {agencies}

[[operations]]
include-operation-id = ["getCase", "getStaffCase"]
parameters = {{ "path.code" = {{ dictionary = "cases", probability = 0.6 }} }}

[[operations]]
include-operation-id = "getProcedure"
parameters = {{ "path.code" = {{ dictionary = "procedures", probability = 0.6 }} }}

[[operations]]
include-operation-id = "getScorecard"
parameters = {{ "path.slug" = {{ dictionary = "agencies", probability = 0.6 }} }}
"#,
        session = serde_json::to_string(cookie.split_once('=').unwrap().1).unwrap(),
        cases = list(cases),
        procedures = list(procedures),
        agencies = list(agencies),
    )
}

engines! {
    async fn the_api_keeps_to_its_openapi_document_under_schemathesis(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        civicdesk_server::generate_cases::fill(app.store.as_ref(), 300, 8, 11).await.unwrap();

        // The document: OpenAPI 3.1, valid, every endpoint in it with its operation named.
        let document = app.get_json("/api/v1/openapi.json").await;
        assert_eq!(document["openapi"], "3.1.0");
        let paths: BTreeSet<&str> = document["paths"].as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(paths, ENDPOINTS.into_iter().collect::<BTreeSet<_>>());
        let validate = r#"
import json, sys
from openapi_spec_validator import validate
from openapi_spec_validator.validation import OpenAPIV31SpecValidator
validate(json.load(sys.stdin), cls=OpenAPIV31SpecValidator)
print(json.dumps("valid"))
"#;
        assert_eq!(crate::feeds::python(validate, &document.to_string()), json!("valid"));

        // Real values for the path parameters: published answers, cases just filed, the
        // catalogue's codes and the agencies' slugs.
        let mut cases: Vec<String> =
            app.store.published_between(0, i64::MAX).await.unwrap().into_iter().map(|(code, _)| code).take(40).collect();
        for _ in 0..3 {
            cases.push(app.submit_regulation(None).await);
        }
        let procedures: Vec<String> =
            app.store.procedures_between(0, i64::MAX).await.unwrap().into_iter().map(|(code, _)| code).take(40).collect();
        let agencies: Vec<String> = app.store.agencies().await.unwrap().into_iter().map(|a| a.agency.slug).collect();
        assert!(cases.len() > 10 && procedures.len() > 10 && agencies.len() > 3);
        // The coordinator may read every agency's cases.
        let coordinator = app.demo(COORDINATOR).await;

        let dir = tempfile::tempdir().unwrap();
        let config_path = dir.path().join("schemathesis.toml");
        std::fs::write(&config_path, config(&coordinator.cookie, &cases, &procedures, &agencies)).unwrap();
        let document_url = format!("{}/api/v1/openapi.json", app.base);
        let output = tokio::task::spawn_blocking(move || {
            // As a module of the Python that scripts/setup installed it into, shims or no shims.
            std::process::Command::new("python3")
                .args(["-m", "schemathesis.cli", "--config-file"])
                .arg(&config_path)
                // Every check but one: a schema-valid body can still be refused for what a schema
                // cannot say (a procedure, agency or area that does not exist, a phone number that
                // is not Vietnamese, a complaint, which another law governs). Those refusals are
                // documented (422 and 400 with the fields at fault) and held to it by the others.
                .args(["--no-color", "run", "--checks", "all", "--exclude-checks", "positive_data_acceptance"])
                .args(["--generation-database", "none"])
                .arg(document_url)
                .current_dir(dir.path())
                .output()
                .expect("schemathesis runs (scripts/setup --test installs it)")
        })
        .await
        .unwrap();
        let report = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "schemathesis found problems:\n{report}\n{}", String::from_utf8_lossy(&output.stderr));
        // It did call every operation, and many times.
        assert!(report.contains("Tested: 9"), "{report}");
        let generated: u32 = report
            .lines()
            .find_map(|l| l.trim().split_once(" generated, ").and_then(|(n, _)| n.parse().ok()))
            .unwrap_or_else(|| panic!("a count of test cases in:\n{report}"));
        assert!(generated >= 500, "{generated} test cases:\n{report}");
    }

    async fn the_document_describes_what_the_api_answers(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let document = app.get_json("/api/v1/openapi.json").await;
        // The directory's parameters are the pages' own, each documented.
        let parameters: Vec<&str> = document["paths"]["/api/v1/procedures"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        for name in ["q", "linh-vuc", "co-quan", "cap", "doi-tuong", "truc-tuyen", "tinh-trang", "trang", "changed-since", "after", "limit"] {
            assert!(parameters.contains(&name), "{name} in {parameters:?}");
        }
        // The directory's filter values, all named in the descriptions.
        let described = |name: &str| -> String {
            let parameter = document["paths"]["/api/v1/procedures"]["get"]["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["name"] == name)
                .unwrap();
            parameter["description"].as_str().unwrap().to_owned()
        };
        for (name, slugs) in [
            ("cap", AgencyLevel::ALL.map(AgencyLevel::slug).to_vec()),
            ("doi-tuong", Subject::ALL.map(Subject::slug).to_vec()),
            ("truc-tuyen", OnlineLevel::ALL.map(OnlineLevel::slug).to_vec()),
            ("tinh-trang", ProcedureStatus::ALL.map(ProcedureStatus::slug).to_vec()),
        ] {
            let text = described(name);
            for slug in slugs {
                assert!(text.contains(&format!("`{slug}`")), "{name}: {text}");
            }
        }
        // The filing's link leads to the case; the officials' call names the session cookie.
        let filed = &document["paths"]["/api/v1/cases"]["post"]["responses"]["201"];
        assert_eq!(filed["links"]["case"]["operationId"], "getCase");
        assert_eq!(document["components"]["securitySchemes"]["session"]["in"], "cookie");
        assert_eq!(document["components"]["securitySchemes"]["session"]["name"], "civicdesk_session");
        // Both channels' schemas are there, under their own names.
        let schemas = document["components"]["schemas"].as_object().unwrap();
        assert_eq!(schemas["FeedbackChannel"]["enum"], json!(["web", "api", "email", "phone", "paper"]));
        assert!(schemas["Channel"]["properties"].is_object());
        // The open-data page lists every call with its summary, in both languages, and links to
        // the document; every page's footer links to it.
        for (path, heading) in [("/du-lieu-mo", "Dữ liệu mở và API"), ("/en/du-lieu-mo", "Open data and API")] {
            let (status, html) = app.get_html(path).await;
            assert_eq!(status, 200);
            let text = crate::helpers::visible_text(&html);
            assert!(text.contains(heading), "{text}");
            assert!(html.contains("href=\"/api/v1/openapi.json\""));
            for endpoint in ENDPOINTS {
                assert!(text.contains(endpoint), "{endpoint} on {path}");
            }
            assert!(text.contains("Searches the directory, or lists the catalogue's changes."), "{text}");
            assert!(!text.contains("oldest first"), "the summary only: {text}");
        }
        // The data sets, each with its files, size, licence and dictionaries.
        let (_, html) = app.get_html("/du-lieu-mo").await;
        let text = crate::helpers::visible_text(&html);
        assert!(html.contains("href=\"/du-lieu-mo/thu-tuc.json\"") && html.contains("href=\"/du-lieu-mo/thu-tuc.csv\""));
        let count = app.store.procedure_count().await.unwrap();
        assert!(text.contains(&format!("{count} thủ tục")), "{text}");
        assert!(text.contains("CC BY 4.0") && text.contains("SOHOSONAM") && text.contains("THANHPHANHOSO[].GIAYTO[].SOBANSAO"));
        let (_, html) = app.get_html("/en/du-lieu-mo").await;
        assert!(crate::helpers::visible_text(&html).contains("Dossiers a year"));
        let (_, home) = app.get_html("/").await;
        assert!(home.contains("href=\"/du-lieu-mo\""));
        // The document is served as JSON, and a NUL in an API address is refused in JSON.
        let response = app.get("/api/v1/openapi.json").await;
        assert_eq!(response.headers()["content-type"], "application/json");
        let response = app.get("/api/v1/procedures?q=%00").await;
        assert_eq!(response.status(), 400);
        let refusal: Value = response.json().await.unwrap();
        assert!(refusal["errors"][0]["message"].as_str().unwrap().contains("NUL"));
    }
}
