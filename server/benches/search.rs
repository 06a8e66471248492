//! Search latency over a large synthetic catalogue, measured inside the server process (the
//! storage call a page or API request makes, without HTTP), on each database URL given.
//!
//!     cargo bench -p civicdesk-server --bench search -- sqlite://target/bench/search.db postgres://…
//!
//! A database is filled with `CIVICDESK_BENCH_PROCEDURES` (default 100,000) synthetic procedures
//! the first time and reused afterwards.

use std::time::{Duration, Instant};

use civicdesk_domain::agency::AgencyLevel;
use civicdesk_domain::catalogue::ProcedureFilter;
use civicdesk_domain::procedure::Subject;
use civicdesk_server::{generate, storage};

mod common;
use common::{ms, percentile};

/// What people type, from one short word to long phrases, codes, and filters.
fn queries() -> Vec<ProcedureFilter> {
    let q = |text: &str| ProcedureFilter { q: text.into(), page: 1, ..ProcedureFilter::default() };
    let mut list: Vec<ProcedureFilter> = [
        "khai sinh",
        "dang ky",
        "giay phep xay dung",
        "cap lai",
        "giay phep lao dong cho nguoi nuoc ngoai",
        "ho kinh doanh",
        "chung chi hanh nghe",
        "bao hiem",
        "dat dai",
        "thu",
        "g",
        "cấp đổi giấy phép",
        "1.100123.000.00.00.S00",
        "khong co tu nay",
    ]
    .into_iter()
    .map(q)
    .collect();
    list.push(ProcedureFilter { level: Some(AgencyLevel::Commune), ..q("dang ky") });
    list.push(ProcedureFilter { field: Some("DD".into()), subject: Some(Subject::Organisation), ..q("") });
    list.push(ProcedureFilter { page: 5, ..q("giay phep") });
    list.push(q(""));
    list
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let urls: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    anyhow::ensure!(!urls.is_empty(), "give one or more database URLs");
    let target: u64 = std::env::var("CIVICDESK_BENCH_PROCEDURES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    const ROUNDS: usize = 40;
    for url in urls {
        if let Some(path) = url.strip_prefix("sqlite://").and_then(|p| std::path::Path::new(p).parent()) {
            std::fs::create_dir_all(path)?;
        }
        let store = storage::open(&url).await?;
        let existing = store.procedure_count().await?;
        if existing == 0 {
            let started = Instant::now();
            generate::fill(store.as_ref(), u32::try_from(target)?, 42).await?;
            println!("{}: generated {target} procedures in {:.0} s", store.engine(), started.elapsed().as_secs_f64());
        } else if existing != target {
            anyhow::bail!("{url} holds {existing} procedures, not {target}: delete it to regenerate");
        }
        let queries = queries();
        for filter in &queries {
            store.search_procedures(filter).await?; // warm caches once
        }
        let mut all = Vec::new();
        let mut worst: Vec<(Duration, String)> = Vec::new();
        for filter in &queries {
            let mut samples = Vec::with_capacity(ROUNDS);
            for _ in 0..ROUNDS {
                let started = Instant::now();
                let results = store.search_procedures(filter).await?;
                samples.push(started.elapsed());
                std::hint::black_box(results);
            }
            samples.sort();
            worst.push((
                percentile(&samples, 0.99),
                format!(
                    "{:?}{}",
                    filter.q,
                    if filter.has_filters() || filter.page > 1 { " +filters/page" } else { "" }
                ),
            ));
            all.extend(samples);
        }
        all.sort();
        worst.sort_by_key(|w| std::cmp::Reverse(w.0));
        println!(
            "search latency, {} with {target} procedures, {} searches: p50 {}  p99 {}  max {}",
            store.engine(),
            all.len(),
            ms(percentile(&all, 0.5)),
            ms(percentile(&all, 0.99)),
            ms(*all.last().unwrap()),
        );
        for (p99, query) in worst.iter().take(3) {
            println!("    slowest: {query} p99 {}", ms(*p99));
        }
    }
    Ok(())
}
