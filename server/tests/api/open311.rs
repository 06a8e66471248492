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
}
