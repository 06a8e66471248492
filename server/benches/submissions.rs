//! Durable submissions per second and their latency, through the real HTTP API (`POST
//! /api/v1/cases`, JSON, no attachments), against the real server on each database URL given.
//! Each submission commits its case, event, private link and acknowledgement e-mail in one
//! transaction (SQLite with `synchronous=FULL`) before it is answered.
//!
//!     cargo bench -p civicdesk-server --bench submissions -- sqlite://target/bench/submit.db postgres://…
//!
//! `BENCH_SUBMISSIONS` (default 4,000) submissions are sent by `BENCH_CLIENTS` (default 32)
//! clients at once; the database should be empty (a SQLite file is deleted first).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use civicdesk_server::config::Config;
use civicdesk_server::startup;

mod common;
use common::{ms, percentile};

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let urls: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    anyhow::ensure!(!urls.is_empty(), "give one or more database URLs");
    let total = env_number("BENCH_SUBMISSIONS", 4_000);
    let clients = env_number("BENCH_CLIENTS", 32);
    for url in urls {
        let data = tempfile::tempdir()?;
        if let Some(path) = url.strip_prefix("sqlite://") {
            let _ = std::fs::remove_file(path);
            let _ = std::fs::remove_file(format!("{path}-wal"));
            let _ = std::fs::remove_file(format!("{path}-shm"));
        }
        let mut config = Config::from_env()?;
        config.data_dir = data.path().to_path_buf();
        config.database_url = url.clone();
        config.load_demo = true; // its agencies route the submissions
        config.submit_limit = None;
        config.lookup_limit = None;
        let (router, store) = startup::build(&config).await?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let endpoint = format!("http://{}/api/v1/cases", listener.local_addr()?);
        tokio::spawn(startup::serve(listener, router));

        let client = reqwest::Client::new();
        let next = Arc::new(AtomicUsize::new(0));
        let started = Instant::now();
        let workers: Vec<_> = (0..clients)
            .map(|_| {
                let (client, endpoint, next) = (client.clone(), endpoint.clone(), next.clone());
                tokio::spawn(async move {
                    let mut samples = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= total {
                            break;
                        }
                        let body = serde_json::json!({
                            "submitter_kind": "individual",
                            "name": "Nguyễn Thị Thu",
                            "address": "18 Lê Thánh Tông, phường Hoàn Kiếm",
                            "phone": format!("09{:08}", i),
                            "email": format!("nguoi{i}@example.vn"),
                            "category": "proposal",
                            "title": format!("Đề nghị đơn giản hóa thủ tục số {i}"),
                            "content": "Đề nghị bỏ yêu cầu nộp bản sao chứng thực khi cơ quan đã khai thác được dữ liệu điện tử.",
                            "consent": true
                        });
                        let sent = Instant::now();
                        let response = client.post(&endpoint).json(&body).send().await?;
                        anyhow::ensure!(response.status() == 201, "submission {i}: {}", response.status());
                        samples.push(sent.elapsed());
                    }
                    Ok::<_, anyhow::Error>(samples)
                })
            })
            .collect();
        let mut all = Vec::with_capacity(total);
        for worker in workers {
            all.extend(worker.await??);
        }
        let elapsed = started.elapsed();
        all.sort();
        println!(
            "submissions, {}: {total} by {clients} clients in {:.1} s = {:.0}/s; latency p50 {}  p99 {}  max {}",
            store.engine(),
            elapsed.as_secs_f64(),
            total as f64 / elapsed.as_secs_f64(),
            ms(percentile(&all, 0.5)),
            ms(percentile(&all, 0.99)),
            ms(*all.last().expect("at least one submission")),
        );
    }
    Ok(())
}
