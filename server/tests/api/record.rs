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

/// The number of cases `sql` counts, asked of the database directly.
async fn count(app: &TestApp, sql: &str, first: NaiveDate, last: NaiveDate) -> i64 {
    let url = &app.config.database_url;
    if url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        sqlx::query_scalar(sql).bind(first).bind(last).fetch_one(&pool).await.unwrap()
    } else {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        sqlx::query_scalar(sql).bind(first).bind(last).fetch_one(&pool).await.unwrap()
    }
}

/// The number in the summary row named `label`.
fn figure(page: &str, label: &str) -> i64 {
    let row = page.split(&format!("<th scope=\"row\">{label}</th>")).nth(1).unwrap_or_else(|| panic!("no row {label}"));
    let cell = row.split("<td class=\"num\">").nth(1).unwrap().split("</td>").next().unwrap();
    // The text of the cell, without a link's tags.
    let mut text = String::new();
    let mut in_tag = false;
    for c in cell.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag && c.is_ascii_digit() => text.push(c),
            _ => {}
        }
    }
    text.parse().unwrap_or_else(|_| panic!("{label}: {cell:.80}"))
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

    async fn the_statistics_page_shows_what_a_count_of_the_cases_gives(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        civicdesk_server::generate_cases::fill(app.store.as_ref(), 1_500, 50, 5).await.unwrap();
        let today = civicdesk_domain::calendar::local_day(chrono::Utc::now());
        let last_year = Period::containing(PeriodKind::Year, Basis::Calendar, today).previous();
        let span = last_year.span();
        let path = format!("/thong-ke?ky=nam&so={}&co-so=lich", last_year.key());
        let (status, page) = app.get_html(&path).await;
        assert_eq!(status, 200);
        let received =
            count(&app, "SELECT COUNT(*) FROM cases WHERE received_on >= $1 AND received_on <= $2", span.first, span.last).await;
        assert!(received > 100, "{received}");
        assert_eq!(figure(&page, "Tiếp nhận trong kỳ"), received);
        let answered = figure(&page, "Đã trả lời");
        let parts: i64 = ["Trả lời trước hạn", "Trả lời đúng hạn", "Trả lời quá hạn"].iter().map(|l| figure(&page, l)).sum();
        assert_eq!(answered, parts, "answered is early + on time + late");
        assert!(page.contains(&format!("/phan-anh?tu={}&amp;den={}", span.first, span.last)), "the answered figure links to its cases");
        assert!(page.contains("<svg") && page.contains("role=\"img\"") && page.contains("<title"), "the chart is drawn on the server");
        // The English page, a free range and a refused one, and hostile parameters.
        let (status, english) = app.get_html(&format!("/en{path}")).await;
        assert_eq!(status, 200);
        assert_eq!(figure(&english, "Received in the period"), received);
        let (_, ranged) = app.get_html(&format!("/thong-ke?tu={}&den={}", span.first, span.last)).await;
        assert_eq!(figure(&ranged, "Tiếp nhận trong kỳ"), received, "the same days as a free range");
        for bad in ["/thong-ke?tu=2026-02-01&den=2026-01-01", "/thong-ke?ky=%3Cscript%3E&so=%22%3E%3Cb%3E&co-quan=%27&kenh=x&loai=y"] {
            let (status, page) = app.get_html(bad).await;
            assert_eq!(status, 200, "{bad}");
            assert!(!page.contains("<script>") && !page.contains("\"><b>"), "{bad}");
        }
        assert!(app.get_html("/thong-ke?tu=2026-02-01&den=2026-01-01").await.1.contains("Khoảng ngày chưa đúng"));
    }
}
