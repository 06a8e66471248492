//! Open311 GeoReport v2 as a client written by others reads it: PyPI's `georeport`, in JSON and
//! in XML (which it reads with `xmltodict`), against the real server; every JSON answer held to
//! a JSON Schema written here from the specification (checked by `jsonschema_rs`); and never a
//! submitter's personal data.

use serde_json::{Value, json};

use crate::helpers::{TestApp, engines};

/// The specification's answers as JSON Schemas (GeoReport v2: services, service definition,
/// service requests, errors, discovery).
fn schemas() -> Value {
    let text = json!({ "type": ["string", "null"] });
    json!({
        "services": {
            "type": "array", "minItems": 1,
            "items": {
                "type": "object",
                "required": ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"],
                "properties": {
                    "service_code": { "type": "string", "minLength": 1 },
                    "service_name": { "type": "string", "minLength": 1 },
                    "description": text, "keywords": text, "group": text,
                    "metadata": { "type": "boolean" },
                    "type": { "enum": ["realtime", "batch", "blackbox"] }
                }
            }
        },
        "service_definition": {
            "type": "object", "required": ["service_code", "attributes"],
            "properties": {
                "service_code": { "type": "string" },
                "attributes": { "type": "array", "items": {
                    "type": "object",
                    "required": ["variable", "code", "datatype", "required", "datatype_description", "order", "description"],
                    "properties": {
                        "variable": { "type": "boolean" },
                        "code": { "type": "string", "minLength": 1 },
                        "datatype": { "enum": ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"] },
                        "required": { "type": "boolean" },
                        "order": { "type": "integer", "minimum": 1 },
                        "values": { "type": "array", "items": {
                            "type": "object", "required": ["key", "name"],
                            "properties": { "key": { "type": "string" }, "name": { "type": "string" } }
                        } }
                    },
                    "if": { "properties": { "datatype": { "enum": ["singlevaluelist", "multivaluelist"] } } },
                    "then": { "required": ["values"] }
                } }
            }
        },
        "service_requests": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["service_request_id", "status", "service_code", "requested_datetime"],
                "properties": {
                    "service_request_id": { "type": "string", "pattern": "^PAKN\\.[0-9]{8}\\.[0-9]{4,}$" },
                    "status": { "enum": ["open", "closed"] },
                    "status_notes": text, "service_name": text, "description": text,
                    "agency_responsible": text, "service_notice": text, "address": text,
                    "address_id": text, "zipcode": text, "media_url": text,
                    "service_code": { "type": "string" },
                    "requested_datetime": { "type": "string", "format": "date-time" },
                    "updated_datetime": { "type": ["string", "null"], "format": "date-time" },
                    "expected_datetime": { "type": ["string", "null"], "format": "date-time" },
                    "lat": { "type": ["number", "null"] }, "long": { "type": ["number", "null"] }
                }
            }
        },
        "created": {
            "type": "array", "minItems": 1, "maxItems": 1,
            "items": {
                "type": "object", "required": ["service_request_id"],
                "not": { "required": ["token"] },
                "properties": {
                    "service_request_id": { "type": "string", "pattern": "^PAKN\\.[0-9]{8}\\.[0-9]{4,}$" },
                    "service_notice": text, "account_id": text
                }
            }
        },
        "tokens": {
            "type": "array", "minItems": 1,
            "items": { "type": "object", "required": ["service_request_id", "token"],
                "properties": { "service_request_id": { "type": "string" }, "token": { "type": "string" } } }
        },
        "errors": {
            "type": "array", "minItems": 1,
            "items": { "type": "object", "required": ["code", "description"],
                "properties": { "code": { "type": "integer" }, "description": { "type": "string", "minLength": 1 } } }
        },
        "discovery": {
            "type": "object", "required": ["changeset", "contact", "key_service", "endpoints"],
            "properties": { "endpoints": { "type": "array", "minItems": 1, "items": {
                "type": "object", "required": ["specification", "url", "changeset", "type", "formats"],
                "properties": { "formats": { "type": "array", "contains": { "const": "application/json" } } }
            } } }
        }
    })
}

/// Checks `value` against the schema named `name`.
fn conforms(name: &str, value: &Value) {
    let check = r#"
import json, sys
import jsonschema_rs
given = json.load(sys.stdin)
errors = [str(e) for e in jsonschema_rs.validator_for(given["schema"], validate_formats=True).iter_errors(given["value"])]
print(json.dumps(errors))
"#;
    let input = json!({ "schema": schemas()[name], "value": value }).to_string();
    assert_eq!(crate::feeds::python(check, &input), json!([]), "{name}: {value}");
}

/// What `georeport` reads, in both formats, lists made lists (xmltodict gives one item alone).
const CLIENT: &str = r#"
import json, sys
from georeport import GeoReport
ask = json.load(sys.stdin)
def listed(x):
    return x if isinstance(x, list) else [x]
out = {}
for fmt in ["json", "xml"]:
    client = GeoReport(ask["base"] + "/open311/v2", jurisdiction="civicdesk", output_format=fmt)
    services = listed(client.get_service_list())
    definition = client.get_service_definition("regulation")
    attributes = definition["attributes"]
    if fmt == "xml":
        attributes = listed(attributes["attribute"])
        for a in attributes:
            if "values" in a and a["values"]:
                a["values"] = listed(a["values"]["value"])
    one = client.get_service_request(ask["answered"])
    several = listed(client.get_service_requests(service_request_id=",".join(ask["ids"])))
    closed = listed(client.get_service_requests(status="closed", service_code="regulation,other,proposal,official_conduct",
                                                start_date=ask["start"], end_date=ask["end"]))
    out[fmt] = {
        "services": [(s["service_code"], str(s["metadata"]).lower()) for s in services],
        "attributes": {a["code"]: [v["key"] for v in (a.get("values") or [])] for a in attributes},
        "required": [a["code"] for a in attributes if str(a["required"]).lower() == "true"],
        "one": {k: one.get(k) for k in ["service_request_id", "status", "status_notes", "agency_responsible", "expected_datetime", "service_code"]},
        "several": [r["service_request_id"] for r in several],
        "closed": [(r["service_request_id"], r["status"]) for r in closed],
    }
print(json.dumps(out))
"#;

/// A client system as one would be written against the specification: it reads the service
/// definition (with `georeport`), fills every attribute it requires, and posts form-encoded
/// requests (with `requests`), once asking for JSON and once for XML (read with `xmltodict`, as
/// `georeport` reads XML). No client from the ecosystem posts: `georeport` only reads.
const FILER: &str = r#"
import json, sys
import requests, xmltodict
from georeport import GeoReport
ask = json.load(sys.stdin)
root = ask["base"] + "/open311/v2"
definition = GeoReport(root, output_format="json").get_service_definition("regulation")
chosen = {"submitter_kind": "individual", "consent": "true", "show_name": "false"}
out = {"filed": []}
for n, (fmt, person) in enumerate(zip(["json", "xml"], ask["people"])):
    form = {"api_key": ask["key"], "jurisdiction_id": "civicdesk", "service_code": "regulation",
            "lat": "21.0245", "long": "105.8412", "media_url": "https://example.org/photo.jpg"}
    form.update(person)
    for a in definition["attributes"]:
        code = a["code"]
        if a["required"] and code not in chosen:
            chosen[code] = ask["title"]
        if code in chosen:
            form["attribute[%s]" % code] = chosen[code]
    answer = requests.post("%s/requests.%s" % (root, fmt), data=form)
    if fmt == "json":
        body = answer.json()
    else:
        body = xmltodict.parse(answer.content)["service_requests"]["request"]
        body = [dict(body)]
    token = requests.get("%s/tokens/%s.%s" % (root, body[0]["service_request_id"], fmt))
    out["filed"].append({"status": answer.status_code, "type": answer.headers["content-type"],
                         "location": answer.headers.get("location"), "body": body, "token": token.status_code})
print(json.dumps(out))
"#;

/// `georeport` following the requests filed to their answers, in both formats.
const FOLLOWER: &str = r#"
import json, sys
from georeport import GeoReport
ask = json.load(sys.stdin)
out = {}
for fmt in ["json", "xml"]:
    client = GeoReport(ask["base"] + "/open311/v2", output_format=fmt)
    out[fmt] = [{k: r.get(k) for k in ["service_request_id", "status", "status_notes", "agency_responsible", "description"]}
                for r in (client.get_service_request(id) for id in ask["ids"])]
print(json.dumps(out))
"#;

impl TestApp {
    /// Posts a form to Open311's `requests`; the status and the errors' descriptions (or the
    /// filed request).
    async fn file_311(&self, format: &str, form: &[(&str, &str)]) -> (u16, Value) {
        let response = self
            .client
            .post(format!("{}/open311/v2/requests.{format}", self.base))
            .form(form)
            .header("accept-language", "en")
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap())
    }

    /// Issues a key through `/quan-tri/khoa-api`; the key, as the page shows it once.
    async fn issue_key(&self, admin: &crate::handling::Staff, name: &str) -> (String, String) {
        let (status, page) = self.admin_post(admin, &[("action", "issue_api_key"), ("name", name)]).await;
        assert_eq!(status, 200, "{page}");
        let start = page.find(r#"<code class="issued-key">"#).expect("the new key is shown") + 25;
        let key = page[start..].split('<').next().unwrap().to_owned();
        assert_eq!(key.len(), 48, "{key}");
        (key, page)
    }
}

/// Every problem's description, as a client reads the list.
fn descriptions(errors: &Value) -> Vec<String> {
    errors.as_array().unwrap().iter().map(|e| e["description"].as_str().unwrap().to_owned()).collect()
}

engines! {
    async fn a_311_client_reads_services_and_requests_in_json_and_xml(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        civicdesk_server::generate_cases::fill(app.store.as_ref(), 300, 6, 17).await.unwrap();
        let fresh = app.submit_regulation(None).await;
        let published = app.store.published_between(0, i64::MAX).await.unwrap();
        let answered = published.last().unwrap().0.clone();
        let public = app.get_json(&format!("/api/v1/cases/{answered}")).await;
        let ids = vec![answered.clone(), fresh.clone(), published[0].0.clone()];
        let end = chrono::Utc::now();
        let start = end - chrono::Duration::days(60);
        let w3c = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let ask = json!({ "base": app.base, "answered": answered, "ids": ids, "start": w3c(start), "end": w3c(end) });
        let read = crate::feeds::python(CLIENT, &ask.to_string());

        // Both formats say the same.
        assert_eq!(read["json"], read["xml"]);
        let read = &read["json"];
        let services: Vec<&str> = read["services"].as_array().unwrap().iter().map(|s| s[0].as_str().unwrap()).collect();
        assert_eq!(services, ["official_conduct", "regulation", "proposal", "other"]);
        assert!(read["services"].as_array().unwrap().iter().all(|s| s[1] == "true"));
        let agencies = read["attributes"]["agency"].as_array().unwrap();
        assert!(agencies.contains(&json!("so-tu-phap")), "{agencies:?}");
        assert_eq!(read["attributes"]["submitter_kind"], json!(["individual", "organisation"]));
        assert_eq!(read["required"], json!(["submitter_kind", "title", "consent"]));
        // One request: its public view.
        let one = &read["one"];
        assert_eq!(one["service_request_id"], answered.as_str());
        assert_eq!(one["status"], "closed");
        assert_eq!(one["status_notes"], public["answer"]);
        assert_eq!(one["agency_responsible"], public["agency"]["name"]);
        assert!(one["expected_datetime"].as_str().unwrap().starts_with(public["answer_due"].as_str().unwrap()));
        // Several by id, in the order asked; the span and status filters.
        assert_eq!(read["several"], json!(ids));
        let closed = read["closed"].as_array().unwrap();
        assert!(!closed.is_empty());
        assert!(closed.iter().all(|r| r[1] == "closed"));
        assert!(!closed.iter().any(|r| r[0] == fresh.as_str()), "the new case is open");

        // Every JSON answer as the specification has it.
        conforms("discovery", &app.get_json("/open311/v2/discovery.json").await);
        conforms("services", &app.get_json("/open311/v2/services.json").await);
        conforms("service_definition", &app.get_json("/open311/v2/services/regulation.json").await);
        let requests = app.get_json("/open311/v2/requests.json?page_size=200").await;
        conforms("service_requests", &requests);
        conforms("service_requests", &app.get_json(&format!("/open311/v2/requests/{fresh}.json")).await);
        // Pages do not overlap.
        let page = |n: u32| {
            let app = &app;
            async move {
                let list = app.get_json(&format!("/open311/v2/requests.json?page_size=5&page={n}")).await;
                list.as_array().unwrap().iter().map(|r| r["service_request_id"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
            }
        };
        let (first, second) = (page(1).await, page(2).await);
        assert_eq!(first.len(), 5);
        assert!(first.iter().all(|id| !second.contains(id)));

        // Refusals: the specification's list of errors, in both formats, with their status.
        for (path, status) in [
            ("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", 400),
            ("/open311/v2/requests.json?status=pending", 400),
            ("/open311/v2/requests.json?service_code=complaint", 400),
            ("/open311/v2/requests/PAKN.20200101.9999.json", 404),
            ("/open311/v2/services/nothing.json", 404),
        ] {
            let response = app.get(path).await;
            assert_eq!(response.status(), status, "{path}");
            conforms("errors", &response.json().await.unwrap());
            let xml = app.get(&path.replace(".json", ".xml")).await;
            assert_eq!(xml.status(), status, "{path}");
            assert_eq!(xml.headers()["content-type"], "text/xml; charset=utf-8");
            let text = xml.text().await.unwrap();
            assert!(text.contains(&format!("<errors><error><code>{status}</code><description>")), "{text}");
        }

        // Nothing personal, anywhere: the fresh case's submitter is the test's own.
        let (_, staff_view) = {
            let officer = app.demo(crate::handling::OFFICER).await;
            app.staff_case(&officer, &fresh).await
        };
        let submitter = &staff_view["submitter"];
        for path in [format!("/open311/v2/requests/{fresh}.xml"), format!("/open311/v2/requests/{fresh}.json"), "/open311/v2/requests.xml?page_size=200".to_owned()] {
            let body = app.get(&path).await.text().await.unwrap();
            for private in [&submitter["name"], &submitter["phone"], &submitter["address"]] {
                assert!(!body.contains(private.as_str().unwrap()), "{path} shows {private}");
            }
        }
    }

    async fn a_client_system_files_through_open311_with_its_key_and_follows_the_request_to_the_answer(engine: Engine) {
        use crate::handling::{ADMIN, LEAD, OFFICER};
        let app = TestApp::spawn_configured(engine, |c| {
            c.open311_limit = Some(civicdesk_server::config::RateLimit { burst: 5, every: std::time::Duration::from_secs(3600) });
        })
        .await;
        let admin = app.demo(ADMIN).await;

        // The administrator issues a key per client system, shown once; the page and the trail
        // keep only how it starts.
        let (key, page) = app.issue_key(&admin, "Ứng dụng 311 Hà Nội <script>alert(1)</script>").await;
        assert!(page.contains("Ứng dụng 311 Hà Nội &lt;script&gt;alert(1)&lt;/script&gt;"), "the name as text");
        let (other_key, _) = app.issue_key(&admin, "Cổng dịch vụ công khác").await;
        assert_ne!(key, other_key);
        let (_, list) = app.staff_page(&admin, "/quan-tri/khoa-api").await;
        assert!(list.contains(&format!("{}…", &key[..6])) && list.contains("Cổng dịch vụ công khác"));
        assert!(!list.contains(&key) && !list.contains(&other_key), "a key is never shown again");
        let trail = app.store.audit_entries(&civicdesk_domain::admin::AuditFilter { limit: 100, ..Default::default() }).await.unwrap();
        let issued: Vec<_> = trail.iter().filter(|e| e.change == "issue_api_key").collect();
        assert_eq!(issued.len(), 2);
        assert!(trail.iter().all(|e| !format!("{e:?}").contains(&key)), "the trail never holds a key");
        let (officer, lead) = (app.demo(OFFICER).await, app.demo(LEAD).await);

        // A client system files two requests, in JSON and in XML, as the web form would be filed.
        let people = json!([
            { "first_name": "Văn Tư", "last_name": "Hoàng", "phone": "0983111222", "email": "tu@example.vn",
              "address_string": "3 Tràng Tiền, Hoàn Kiếm, Hà Nội",
              "description": "Thủ tục chứng thực vẫn đòi bản sao giấy khai sinh dù đã có cơ sở dữ liệu hộ tịch." },
            { "first_name": "Thị Mai", "last_name": "Lê", "phone": "0912000111",
              "address_string": "5 Hàng Bài, Hà Nội",
              "description": "Xin bỏ yêu cầu nộp bản sao sổ hộ khẩu khi đăng ký kết hôn </description><script>alert(1)</script> ]]>" },
        ]);
        let ask = json!({ "base": app.base, "key": key, "people": people, "title": "Yêu cầu bản sao không cần thiết" });
        let filed = crate::feeds::python(FILER, &ask.to_string());
        let mut codes = Vec::new();
        for (n, one) in filed["filed"].as_array().unwrap().iter().enumerate() {
            assert_eq!(one["status"], 201, "{one}");
            assert_eq!(one["type"], if n == 0 { "application/json" } else { "text/xml; charset=utf-8" });
            assert_eq!(one["token"], 200, "the id serves as its own token");
            let request = &one["body"][0];
            let code = request["service_request_id"].as_str().unwrap().to_owned();
            assert!(code.starts_with("PAKN."), "{code}");
            assert!(one["location"].as_str().unwrap().ends_with(&format!("/requests/{code}.{}", if n == 0 { "json" } else { "xml" })));
            assert!(request["service_notice"].as_str().unwrap().contains("Sở Tư pháp"), "{request}");
            codes.push(code);
        }
        // Stored as the web form stores it: the legal fields, routed, with its deadline.
        let (_, case) = app.staff_case(&officer, &codes[0]).await;
        assert_eq!(case["channel"], "api");
        assert_eq!(case["submitter"]["name"], "Hoàng Văn Tư", "family name first");
        assert_eq!(case["submitter"]["address"], "3 Tràng Tiền, Hoàn Kiếm, Hà Nội");
        assert_eq!(case["submitter"]["phone"], "0983111222");
        assert_eq!(case["title"], "Yêu cầu bản sao không cần thiết");
        assert_eq!(case["agency"]["code"], "HN-STP");
        assert!(case["handling"]["answer_due"].is_string());
        let (_, hostile) = app.staff_case(&officer, &codes[1]).await;
        assert!(hostile["content"].as_str().unwrap().ends_with("</description><script>alert(1)</script> ]]>"), "kept as typed");
        // The submitter who gave an e-mail address is told, as from the web form.
        let mail = app.mail_files(1).await.remove(0);
        assert!(mail.contains(&codes[0]) && mail.contains("tu@example.vn"));

        // Answered and published by the agency; the client follows both to the answer.
        let answer = "Sở Tư pháp đã kiến nghị bỏ yêu cầu bản sao giấy khai sinh từ ngày 01/01/2027.";
        for code in &codes {
            app.act(&officer, code, &[("action", "accept")]).await;
            app.act(&officer, code, &[("action", "claim")]).await;
            app.act(&officer, code, &[("action", "draft_answer"), ("text", answer)]).await;
            app.act(&lead, code, &[("action", "approve")]).await;
            assert!(app.act(&officer, code, &[("action", "publish")]).await.1.ends_with("?xong=publish"));
        }
        let followed = crate::feeds::python(FOLLOWER, &json!({ "base": app.base, "ids": codes }).to_string());
        assert_eq!(followed["json"], followed["xml"], "both formats say the same");
        for (request, code) in followed["json"].as_array().unwrap().iter().zip(&codes) {
            assert_eq!(request["service_request_id"], code.as_str());
            assert_eq!(request["status"], "closed");
            assert_eq!(request["status_notes"], answer);
            assert_eq!(request["agency_responsible"], "Sở Tư pháp thành phố Hà Nội");
        }
        assert!(followed["json"][1]["description"].as_str().unwrap().ends_with("<script>alert(1)</script> ]]>"));
        for code in &codes {
            let xml = app.get(&format!("/open311/v2/requests/{code}.xml")).await.text().await.unwrap();
            assert!(!xml.contains("<script>") && !xml.contains("0912000111") && !xml.contains("Hàng Bài"), "{xml}");
        }

        // Refusals: the specification's list, one error per problem, nothing stored.
        let before = app.get_json("/open311/v2/requests.json?page_size=200").await.as_array().unwrap().len();
        let (status, errors) = app.file_311("json", &[("service_code", "regulation")]).await;
        assert_eq!(status, 403);
        assert!(descriptions(&errors)[0].contains("api_key is required"));
        let (status, _) = app.file_311("json", &[("api_key", &"0".repeat(48)), ("service_code", "regulation")]).await;
        assert_eq!(status, 403);
        let (status, errors) = app.file_311("json", &[("api_key", &other_key)]).await;
        assert_eq!((status, descriptions(&errors)[0].starts_with("service_code")), (400, true));
        let (status, errors) = app.file_311("json", &[("api_key", &other_key), ("service_code", "complaint")]).await;
        assert_eq!(status, 404);
        assert!(descriptions(&errors)[0].contains("complaint"), "{errors}");
        let (status, errors) = app
            .file_311("json", &[("api_key", &other_key), ("service_code", "regulation"), ("first_name", "An"), ("description", "Ngắn"),
                ("email", "not-an-address"), ("attribute[submitter_kind]", "individual"), ("attribute[consent]", "true")])
            .await;
        assert_eq!(status, 400);
        conforms("errors", &errors);
        let said = descriptions(&errors);
        for parameter in ["address_string", "phone", "email", "attribute[title]", "description"] {
            assert!(said.iter().any(|d| d.starts_with(&format!("{parameter}: "))), "{parameter} in {said:?}");
        }
        let xml = app.client.post(format!("{}/open311/v2/requests.xml", app.base))
            .form(&[("api_key", other_key.as_str()), ("service_code", "regulation")]).send().await.unwrap();
        assert_eq!(xml.status(), 400);
        assert!(xml.text().await.unwrap().contains("<errors><error><code>400</code><description>"));
        let json_body = app.client.post(format!("{}/open311/v2/requests.json", app.base))
            .json(&json!({ "api_key": other_key })).send().await.unwrap();
        assert_eq!(json_body.status(), 400, "only a form, as the specification says");
        let after = app.get_json("/open311/v2/requests.json?page_size=200").await.as_array().unwrap().len();
        assert_eq!(before, after, "nothing refused was stored");

        // Each key has its own budget: the other key has used four of its five, then all; this
        // one files on.
        let refused = [("api_key", other_key.as_str()), ("service_code", "regulation")];
        assert_eq!(app.file_311("json", &refused).await.0, 400);
        let limited = app.client.post(format!("{}/open311/v2/requests.json", app.base)).form(&refused).send().await.unwrap();
        assert_eq!(limited.status(), 429);
        assert!(limited.headers().contains_key("retry-after"));
        assert!(descriptions(&limited.json().await.unwrap())[0].contains("too many"));
        let person = &people[0];
        let text = |name: &str| person[name].as_str().unwrap().to_owned();
        let form = [
            ("api_key", key.clone()), ("service_code", "regulation".into()), ("first_name", text("first_name")),
            ("last_name", text("last_name")), ("phone", text("phone")), ("address_string", text("address_string")),
            ("description", text("description")), ("attribute[submitter_kind]", "individual".into()),
            ("attribute[title]", "Thêm một yêu cầu".into()), ("attribute[consent]", "true".into()),
        ];
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, created) = app.file_311("json", &form).await;
        assert_eq!(status, 201);
        conforms("created", &created);
        let id = created[0]["service_request_id"].as_str().unwrap();
        conforms("tokens", &app.get_json(&format!("/open311/v2/tokens/{id}.json")).await);
        let unknown = app.get("/open311/v2/tokens/abc.json").await;
        assert_eq!(unknown.status(), 404);
        conforms("errors", &unknown.json().await.unwrap());

        // Revoked, a key files nothing more; the list says since when.
        let clients = app.store.api_clients().await.unwrap();
        let first = clients.iter().find(|c| c.name.starts_with("Ứng dụng 311")).unwrap();
        assert!(first.last_used_at.is_some(), "its use is recorded");
        let id = first.id.to_string();
        let (status, to) = app.admin_post(&admin, &[("action", "revoke_api_key"), ("id", &id)]).await;
        assert_eq!((status, to.as_str()), (303, "/quan-tri/khoa-api?xong=revoke_api_key"));
        let (status, errors) = app.file_311("json", &form).await;
        assert_eq!(status, 403);
        assert!(descriptions(&errors)[0].contains("revoked"));
        let (_, list) = app.staff_page(&admin, "/quan-tri/khoa-api").await;
        assert!(list.contains("Đã thu hồi ngày"));
        // Only administrators see the keys.
        assert_eq!(app.staff_page(&officer, "/quan-tri/khoa-api").await.0, 404);
    }
}
