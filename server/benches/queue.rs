//! The officials' queue over a large history: the first page (and its counts per view) for one
//! agency, with the filters officials use, measured inside the server process (the storage call
//! the queue page makes, without HTTP), on each database URL given.
//!
//!     cargo bench -p civicdesk-server --bench queue -- sqlite://target/bench/queue.db postgres://…
//!
//! A database is filled the first time with the demo data and `CIVICDESK_BENCH_CASES` (default
//! 1,000,000) synthetic cases across 50 agencies, and reused afterwards.

use std::time::Instant;

use chrono::Utc;
use civicdesk_domain::calendar::Calendar;
use civicdesk_domain::calendar::local_day;
use civicdesk_domain::feedback::{CaseStatus, Category};
use civicdesk_domain::queue::{QueueFilter, QueueView};
use civicdesk_domain::workflow::due_soon_until;
use civicdesk_server::storage;

mod common;
use common::{ensure_cases, ms, percentile};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let urls: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    anyhow::ensure!(!urls.is_empty(), "give one or more database URLs");
    let target: u32 = std::env::var("CIVICDESK_BENCH_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    const ROUNDS: usize = 50;
    for url in urls {
        if let Some(path) = url.strip_prefix("sqlite://").and_then(|p| std::path::Path::new(p).parent()) {
            std::fs::create_dir_all(path)?;
        }
        let store = storage::open(&url).await?;
        ensure_cases(store.as_ref(), &url, target).await?;
        let officer = store.official_by_email("chuyenvien.tuphap@demo.civicdesk.vn").await?.expect("demo officer").0;
        let calendar = Calendar::new(store.calendar_days().await?);
        let today = local_day(Utc::now());
        let base = QueueFilter::of(
            QueueView::Open,
            Some(officer.agency.clone()),
            officer.id,
            today,
            due_soon_until(&calendar, today),
        );
        let cases: Vec<(&str, QueueFilter)> = vec![
            ("open, no filter", base.clone()),
            ("overdue", QueueFilter { view: QueueView::Overdue, ..base.clone() }),
            ("mine", QueueFilter { view: QueueView::Mine, ..base.clone() }),
            (
                "in progress, regulation",
                QueueFilter {
                    status: Some(CaseStatus::InProgress),
                    category: Some(Category::Regulation),
                    ..base.clone()
                },
            ),
            (
                "due within 30 days",
                QueueFilter { due_from: Some(today), due_to: Some(today + chrono::Duration::days(30)), ..base.clone() },
            ),
            ("field HT", QueueFilter { field: Some("HT".into()), ..base.clone() }),
            ("search 'ban sao'", QueueFilter { words: vec!["ban".into(), "sao".into()], ..base.clone() }),
            ("answered, page 3", QueueFilter { view: QueueView::Answered, page: 3, ..base.clone() }),
            ("coordinator, overdue", QueueFilter { view: QueueView::Overdue, agency: None, ..base.clone() }),
        ];
        for (_, filter) in &cases {
            store.queue(filter).await?; // warm caches once
        }
        let mut all = Vec::new();
        println!("queue first page, {} with {target} cases ({} rounds each):", store.engine(), ROUNDS);
        for (name, filter) in &cases {
            let mut samples = Vec::with_capacity(ROUNDS);
            let mut total = 0;
            for _ in 0..ROUNDS {
                let started = Instant::now();
                let page = store.queue(filter).await?;
                samples.push(started.elapsed());
                total = page.total;
            }
            samples.sort();
            println!(
                "    {name:<26} {total:>7} matching  p50 {}  p99 {}",
                ms(percentile(&samples, 0.5)),
                ms(percentile(&samples, 0.99))
            );
            // The coordinator's all-agency view is reported but is not the one-agency target.
            if filter.agency.is_some() {
                all.extend(samples);
            }
        }
        all.sort();
        println!(
            "  one agency, all filters: p50 {}  p99 {}  max {}  (target p99 ≤ 20 ms on SQLite)",
            ms(percentile(&all, 0.5)),
            ms(percentile(&all, 0.99)),
            ms(*all.last().expect("samples"))
        );
    }
    Ok(())
}
