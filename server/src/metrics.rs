//! The process's counters and histograms in Prometheus' model (`prometheus`): requests by route,
//! method and status with their latency, page renders that stalled or failed, and mail delivery
//! attempts by outcome; and the process's own memory, CPU and open files. What is read from the
//! database at each scrape (the outbox, open cases, the pools) is added by `/metrics` itself
//! (`http::metrics`).

use std::sync::LazyLock;

use prometheus::{HistogramOpts, HistogramVec, IntCounter, IntCounterVec, Opts, Registry};

pub struct Metrics {
    pub registry: Registry,
    /// `civicdesk_http_requests_total{route, method, status}`.
    pub requests: IntCounterVec,
    /// `civicdesk_http_request_duration_seconds{route}`.
    pub latency: HistogramVec,
    /// `civicdesk_render_stalls_total`: attempts at a page dropped for missing their deadline.
    pub render_stalls: IntCounter,
    /// `civicdesk_render_failures_total`: pages answered "busy" after every attempt stalled.
    pub render_failures: IntCounter,
    /// `civicdesk_mail_attempts_total{outcome}`: `sent`, `retry` (failed, will be tried again) or
    /// `given_up`.
    pub mail_attempts: IntCounterVec,
}

/// Latency buckets, in seconds: a page renders in milliseconds; the budgets are 10–50 ms.
const BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// The process's metrics, shared by every part of it.
pub fn metrics() -> &'static Metrics {
    static METRICS: LazyLock<Metrics> = LazyLock::new(|| {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new("civicdesk_http_requests_total", "HTTP requests answered, by route, method and status"),
            &["route", "method", "status"],
        )
        .expect("a valid metric");
        let latency = HistogramVec::new(
            HistogramOpts::new("civicdesk_http_request_duration_seconds", "Time to answer an HTTP request, by route")
                .buckets(BUCKETS.to_vec()),
            &["route"],
        )
        .expect("a valid metric");
        let render_stalls = IntCounter::new(
            "civicdesk_render_stalls_total",
            "Attempts at rendering a page dropped after missing their deadline",
        )
        .expect("a valid metric");
        let render_failures = IntCounter::new(
            "civicdesk_render_failures_total",
            "Pages answered busy because every attempt at rendering them stalled",
        )
        .expect("a valid metric");
        let mail_attempts = IntCounterVec::new(
            Opts::new("civicdesk_mail_attempts_total", "Attempts at delivering an e-mail, by outcome"),
            &["outcome"],
        )
        .expect("a valid metric");
        for metric in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(latency.clone()),
            Box::new(render_stalls.clone()),
            Box::new(render_failures.clone()),
            Box::new(mail_attempts.clone()),
        ] {
            registry.register(metric).expect("each metric registered once");
        }
        #[cfg(target_os = "linux")]
        registry
            .register(Box::new(prometheus::process_collector::ProcessCollector::for_self()))
            .expect("the process collector registered once");
        Metrics { registry, requests, latency, render_stalls, render_failures, mail_attempts }
    });
    &METRICS
}
