//! The public record over a large history: the statistics page, the ranking, agencies' scorecards
//! (page and JSON), the yearly report and its spreadsheet, each asked of a running portal over
//! HTTP on the loopback (pages rendered, nothing cached), on each database URL given.
//!
//!     cargo bench -p civicdesk-server --bench record -- sqlite://target/bench/queue.db postgres://…
//!
//! The databases are the queue benchmark's: filled the first time with the demo data and
//! `CIVICDESK_BENCH_CASES` (default 1,000,000) synthetic cases across 50 agencies.

use std::time::{Duration, Instant};

use chrono::Utc;
use civicdesk_domain::calendar::local_day;
use civicdesk_domain::stats::{Basis, Period, PeriodKind};
use civicdesk_server::config::Config;
use civicdesk_server::{startup, storage};

mod common;
use common::{ensure_cases, ms, percentile};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let urls: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    anyhow::ensure!(!urls.is_empty(), "give one or more database URLs");
    let target: u32 = std::env::var("CIVICDESK_BENCH_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    const ROUNDS: usize = 30;
    for url in urls {
        let store = storage::open(&url).await?;
        ensure_cases(store.as_ref(), &url, target).await?;
        let agencies = store.agency_records().await?;
        let mut fields = store.fields().await?;
        fields.sort_by_key(|f| std::cmp::Reverse(f.procedures));
        let fields: Vec<String> = fields.into_iter().take(10).map(|f| f.field.code).collect();
        drop(store);
        let data = tempfile::tempdir()?;
        let mut config = Config::from_env()?;
        config.database_url = url.clone();
        config.data_dir = data.path().to_path_buf();
        config.page_cache_ttl = Duration::ZERO;
        config.submit_limit = None;
        config.lookup_limit = None;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let base = format!("http://{}", listener.local_addr()?);
        config.public_url = base.clone();
        let (router, store) = startup::build(&config).await?;
        tokio::spawn(startup::serve(listener, router));
        let client = reqwest::Client::new();

        let today = local_day(Utc::now());
        let year = Period::containing(PeriodKind::Year, Basis::Decree09, today).previous().key();
        let slugs: Vec<&str> = agencies.iter().map(|a| a.slug.as_str()).step_by(5).take(10).collect();
        let mut kinds: Vec<(&str, Vec<String>)> = vec![
            ("/thong-ke, this quarter", vec!["/thong-ke".into()]),
            ("/thong-ke, last year", vec![format!("/thong-ke?ky=nam&so={year}")]),
            (
                "/thong-ke, one agency",
                slugs.iter().map(|s| format!("/thong-ke?ky=nam&so={year}&co-quan={s}")).collect(),
            ),
            (
                "/thong-ke, one field",
                fields.iter().map(|f| format!("/thong-ke?ky=nam&so={year}&linh-vuc={f}")).collect(),
            ),
            (
                "/thong-ke, agency and field",
                slugs.iter().zip(&fields).map(|(s, f)| format!("/thong-ke?co-quan={s}&linh-vuc={f}")).collect(),
            ),
            ("/thong-ke, category and channel", vec!["/thong-ke?loai=regulation&kenh=web".into()]),
            (
                "/thong-ke, 400 days",
                vec![format!(
                    "/thong-ke?tu={}&den={}",
                    today - chrono::Duration::days(400),
                    today - chrono::Duration::days(1)
                )],
            ),
            ("/thong-ke/co-quan, last year", vec![format!("/thong-ke/co-quan?ky=nam&so={year}&theo=hai-long")]),
            ("scorecard page /co-quan/…", slugs.iter().map(|s| format!("/co-quan/{s}")).collect()),
            ("scorecard JSON", slugs.iter().map(|s| format!("/api/v1/agencies/{s}/scorecard?period={year}")).collect()),
            ("yearly report", vec![format!("/thong-ke/bao-cao?ky=nam&so={year}")]),
            ("yearly report, XLSX", vec![format!("/thong-ke/tai/bao-cao.xlsx?ky=nam&so={year}")]),
            ("agencies table, CSV", vec![format!("/thong-ke/tai/co-quan.csv?ky=nam&so={year}")]),
            ("months table, CSV", vec![format!("/thong-ke/tai/thang.csv?ky=nam&so={year}")]),
        ];
        for (_, paths) in &kinds {
            for path in paths {
                let response = client.get(format!("{base}{path}")).send().await?;
                anyhow::ensure!(response.status().is_success(), "{path}: {}", response.status());
                response.bytes().await?;
            }
        }
        println!("the public record, {} with {target} cases ({ROUNDS} rounds of every address):", store.engine());
        let mut all = Vec::new();
        for (name, paths) in &mut kinds {
            let mut samples = Vec::with_capacity(ROUNDS * paths.len());
            let mut bytes = 0;
            for _ in 0..ROUNDS {
                for path in paths.iter() {
                    let started = Instant::now();
                    let body = client.get(format!("{base}{path}")).send().await?.bytes().await?;
                    samples.push(started.elapsed());
                    bytes = body.len();
                }
            }
            samples.sort();
            println!(
                "    {name:<34} {:>3} addresses  {bytes:>7} bytes  p50 {}  p99 {}",
                paths.len(),
                ms(percentile(&samples, 0.5)),
                ms(percentile(&samples, 0.99))
            );
            all.extend(samples);
        }
        all.sort();
        println!(
            "  all of them: p50 {}  p99 {}  max {}  (target p99 ≤ 50 ms)",
            ms(percentile(&all, 0.5)),
            ms(percentile(&all, 0.99)),
            ms(*all.last().expect("samples"))
        );
    }
    Ok(())
}
