//! The public record's running totals, on both engines: kept with every change of a case, equal
//! to a recount from the cases, and summed right for any period and filter.

use chrono::NaiveDate;
use civicdesk_domain::feedback::{Category, Channel};
use civicdesk_domain::stats::buckets::Level;
use civicdesk_domain::stats::{Basis, Delta, Measure, Period, PeriodKind, Span, Sums, Tally};
use civicdesk_domain::store::RecordQuery;

use crate::helpers::{TestApp, engines};

/// The running totals as kept equal a recount from the cases.
pub(crate) async fn assert_record_kept(app: &TestApp) {
    let kept = app.store.record_totals().await.unwrap();
    let recount = app.store.recount_record().await.unwrap();
    assert!(!recount.is_empty());
    assert_eq!(kept, recount, "the record's running totals equal a recount from the cases");
}

/// What `query` should give, summed here from the recount's days alone.
fn expected(recount: &Delta, query: &RecordQuery) -> Sums {
    let mut sums = Sums::default();
    let (first, last) = (query.span.first, query.span.last);
    for ((level, bucket, key), tally) in recount {
        if *level != Level::Day
            || query.agency.as_ref().is_some_and(|a| *a != key.agency)
            || query.category.is_some_and(|c| c != key.category)
            || query.channel.is_some_and(|c| c != key.channel)
        {
            continue;
        }
        let day = NaiveDate::parse_from_str(bucket, "%Y-%m-%d").unwrap();
        if day < first {
            sums.before.add_all(tally);
        }
        if day <= last {
            sums.through.add_all(tally);
        }
        if query.span.contains(day) {
            sums.merge(&Sums { flows: vec![(key.channel, key.category, *tally)], ..Sums::default() });
            if day < query.today {
                sums.due_open_past += tally.get(Measure::DueOpen);
            }
        }
    }
    sums
}

fn total(by_agency: Vec<(String, Sums)>) -> Sums {
    let mut sums = Sums::default();
    for (_, s) in &by_agency {
        sums.merge(s);
    }
    sums.flows.sort_by_key(|(ch, ca, _)| (*ch, *ca));
    sums
}

engines! {
    async fn the_record_is_kept_with_every_case_and_sums_any_period(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        civicdesk_server::generate_cases::fill(app.store.as_ref(), 2_000, 50, 11).await.unwrap();
        assert_record_kept(&app).await;
        let recount = app.store.recount_record().await.unwrap();
        let today = civicdesk_domain::calendar::local_day(chrono::Utc::now());
        let agency = recount.keys().next().unwrap().2.agency.clone();
        let mut queries = Vec::new();
        for kind in PeriodKind::ALL {
            for basis in [Basis::Decree09, Basis::Calendar] {
                let mut p = Period::containing(kind, basis, today);
                for _ in 0..3 {
                    queries.push(RecordQuery { span: p.span(), today, agency: None, category: None, channel: None });
                    p = p.previous();
                }
            }
        }
        let free = Span::new(today - chrono::Duration::days(400), today - chrono::Duration::days(3)).unwrap();
        queries.push(RecordQuery { span: free, today, agency: Some(agency), category: None, channel: None });
        queries.push(RecordQuery { span: free, today, agency: None, category: Some(Category::Regulation), channel: None });
        queries.push(RecordQuery { span: free, today, agency: None, category: None, channel: Some(Channel::Web) });
        for query in &queries {
            let mut want = expected(&recount, query);
            want.flows.sort_by_key(|(ch, ca, _)| (*ch, *ca));
            let got = total(app.store.record(query).await.unwrap());
            assert_eq!(got, want, "{query:?}");
        }
        let year = &queries.iter().find(|q| q.span.days() > 300).unwrap();
        let flows: Tally = total(app.store.record(year).await.unwrap()).flows.iter().fold(Tally::default(), |mut t, f| {
            t.add_all(&f.2);
            t
        });
        assert!(flows.get(Measure::Received) > 100, "a year holds many of the generated cases");
    }
}
