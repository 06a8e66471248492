//! `/metrics` as Prometheus reads it: parsed by the Prometheus project's own Python client
//! (`prometheus-client`, installed by `scripts/setup --test`), which refuses what is not its text
//! format; reachable only directly from the configured addresses.

use serde_json::Value;

use crate::helpers::{TestApp, engines};

/// Every sample of a scrape, as `[name, labels, value]`.
fn samples(text: &str) -> Vec<(String, Value, f64)> {
    let read = r#"
import json, sys
from prometheus_client.parser import text_string_to_metric_families
out = []
for family in text_string_to_metric_families(sys.stdin.read()):
    for s in family.samples:
        out.append([s.name, s.labels, s.value])
print(json.dumps(out))
"#;
    serde_json::from_value(crate::feeds::python(read, text)).unwrap()
}

fn value(samples: &[(String, Value, f64)], name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    samples.iter().find(|(n, l, _)| n == name && labels.iter().all(|(k, v)| l[*k] == *v)).map(|(_, _, value)| *value)
}

engines! {
    async fn prometheus_reads_requests_the_outbox_open_cases_and_the_pools(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        for path in ["/thu-tuc", "/thu-tuc/1.001193", "/thu-tuc/1.001193", "/khong-co-trang-nay", "/api/v1/procedures"] {
            app.get(path).await;
        }
        let code = app.submit_regulation(None).await;
        assert!(!code.is_empty());

        let response = app.get("/metrics").await;
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
        let scrape = samples(&response.text().await.unwrap());

        // Requests by the route they matched, method and status, with their latency.
        let page = [("route", "/thu-tuc/{code}"), ("method", "GET"), ("status", "200")];
        assert!(value(&scrape, "civicdesk_http_requests_total", &page).unwrap() >= 2.0, "{scrape:?}");
        assert!(value(&scrape, "civicdesk_http_requests_total", &[("route", "unmatched"), ("status", "404")]).is_some());
        assert!(value(&scrape, "civicdesk_http_requests_total", &[("route", "/api/v1/cases"), ("method", "POST"), ("status", "201")]).is_some());
        let slow = value(&scrape, "civicdesk_http_request_duration_seconds_bucket", &[("route", "/thu-tuc"), ("le", "+Inf")]);
        assert!(slow.unwrap() >= 1.0);
        assert!(value(&scrape, "civicdesk_http_request_duration_seconds_count", &[("route", "/thu-tuc")]).unwrap() >= 1.0);
        // No address asked becomes a label of its own.
        assert!(!scrape.iter().any(|(_, labels, _)| labels["route"].as_str().is_some_and(|r| r.contains("1.001193"))));

        // What the database holds now: this portal's one open case, received today.
        assert_eq!(value(&scrape, "civicdesk_open_cases", &[("deadline", "on_time")]), Some(1.0));
        let open: f64 = scrape.iter().filter(|(n, _, _)| n == "civicdesk_open_cases").map(|(_, _, v)| v).sum();
        assert_eq!(open, 1.0);
        assert!(value(&scrape, "civicdesk_outbox_pending", &[]).is_some());
        assert!(value(&scrape, "civicdesk_outbox_oldest_age_seconds", &[]).unwrap() >= 0.0);
        let pool = if app.config.database_url.starts_with("postgres") { "shared" } else { "readers" };
        assert!(value(&scrape, "civicdesk_db_connections_max", &[("pool", pool)]).unwrap() >= 1.0);
        assert!(value(&scrape, "civicdesk_db_connections", &[("pool", pool), ("state", "idle")]).is_some());
        // Render stalls and mail attempts are counted (none yet need be).
        assert!(value(&scrape, "civicdesk_render_stalls_total", &[]).is_some());
        // The process itself.
        assert!(value(&scrape, "process_resident_memory_bytes", &[]).unwrap() > 1e6);

        // Relayed by a proxy, even from loopback: refused.
        let relayed = app.client.get(format!("{}/metrics", app.base)).header("x-forwarded-for", "203.0.113.9").send().await.unwrap();
        assert_eq!(relayed.status(), 403);
        // From an address not configured: refused.
        let elsewhere = TestApp::spawn_configured(engine, |c| c.metrics_from = vec!["10.1.2.3".parse().unwrap()]).await;
        assert_eq!(elsewhere.get("/metrics").await.status(), 403);
        let nobody = TestApp::spawn_configured(engine, |c| c.metrics_from = Vec::new()).await;
        assert_eq!(nobody.get("/metrics").await.status(), 403);
    }
}
