//! The public record's running totals, on both engines: kept with every change of a case, equal
//! to a recount from the cases, and summed right for any period and filter.

use chrono::NaiveDate;
use civicdesk_domain::feedback::{Category, Channel};
use civicdesk_domain::stats::buckets::Level;
use civicdesk_domain::stats::{Basis, Delta, Measure, Period, PeriodKind, STATES, Scope, Span, Sums};
use civicdesk_domain::store::{RecordBy, RecordQuery};

use crate::helpers::{TestApp, engines};

/// The running totals as kept equal a recount from the cases.
pub(crate) async fn assert_record_kept(app: &TestApp) {
    let kept = app.store.record_totals().await.unwrap();
    let recount = app.store.recount_record().await.unwrap();
    assert!(!recount.is_empty());
    assert_eq!(kept, recount, "the record's running totals equal a recount from the cases");
}

/// What `query` should give in total, summed here from the recount's days of whole keys alone.
fn expected(recount: &Delta, query: &RecordQuery) -> Sums {
    let mut sums = Sums::default();
    let (first, last) = (query.span.first, query.span.last);
    for ((level, bucket, scope), tally) in recount {
        let Scope::Key(key) = scope else { continue };
        if *level != Level::Day
            || query.agency.as_ref().is_some_and(|a| *a != key.agency)
            || query.field.as_ref().is_some_and(|f| *f != key.field)
            || query.category.is_some_and(|c| c != key.category)
            || query.channel.is_some_and(|c| c != key.channel)
        {
            continue;
        }
        let day = NaiveDate::parse_from_str(bucket, "%Y-%m-%d").unwrap();
        if day < first {
            sums.before.add_all(&tally.restricted_to(&STATES));
        }
        if day <= last {
            sums.through.add_all(&tally.restricted_to(&STATES));
        }
        if query.span.contains(day) {
            sums.flows.add_all(tally);
            if day < query.today {
                sums.due_open_past += tally.get(Measure::DueOpen);
            }
        }
    }
    sums
}

fn total(parts: Vec<(String, Sums)>) -> Sums {
    let mut sums = Sums::default();
    for (_, s) in &parts {
        sums.merge(s);
    }
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

/// One case as the test recounts it: agency, status, received on, answer due, publish due,
/// published at, rating, queue date, working days to its answer.
type CaseRow = (
    String,
    String,
    NaiveDate,
    NaiveDate,
    Option<NaiveDate>,
    Option<chrono::DateTime<chrono::Utc>>,
    Option<String>,
    Option<NaiveDate>,
    Option<i64>,
);

async fn case_rows(app: &TestApp) -> Vec<CaseRow> {
    let sql = "SELECT agency, status, received_on, answer_due, publish_due, published_at, rating, next_due, \
               CAST(answer_days AS BIGINT) FROM cases";
    let url = &app.config.database_url;
    if url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        sqlx::query_as(sql).fetch_all(&pool).await.unwrap()
    } else {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        sqlx::query_as(sql).fetch_all(&pool).await.unwrap()
    }
}

/// An agency's rates and open cases as this test counts them from the rows, by the definitions
/// of DOMAIN.md §1.7 written out again here.
#[derive(Debug, Default, PartialEq, Eq)]
struct Recount {
    received: u64,
    answered: u64,
    on_time: (u64, u64),
    satisfaction: (u64, u64),
    promptly: (u64, u64),
    open: u64,
    open_past_due: u64,
    paused: u64,
    /// The working days each answer of the span took, as many as the record tells apart.
    days: Vec<i64>,
}

impl Recount {
    /// The median and 90th percentile of `days` by nearest rank.
    fn days_to_answer(&self) -> Option<(i64, i64)> {
        let mut days = self.days.clone();
        days.sort_unstable();
        let at = |q: f64| days[((q * days.len() as f64).ceil() as usize).max(1) - 1];
        (!days.is_empty()).then(|| (at(0.5), at(0.9)))
    }
}

fn recount(rows: &[CaseRow], agency: &str, span: Span, today: NaiveDate) -> Recount {
    let mut r = Recount::default();
    for (a, status, received_on, answer_due, publish_due, published_at, rating, next_due, days) in rows {
        if a != agency {
            continue;
        }
        let published = published_at.map(civicdesk_domain::calendar::local_day);
        let answered = matches!(status.as_str(), "published" | "closed");
        let open = matches!(
            status.as_str(),
            "received" | "in_progress" | "awaiting_information" | "answer_drafted" | "answer_approved"
        );
        r.received += u64::from(span.contains(*received_on));
        if span.contains(*answer_due) {
            if answered {
                r.on_time.1 += 1;
                r.on_time.0 += u64::from(published.unwrap() <= *answer_due);
            } else if open && *answer_due < today {
                r.on_time.1 += 1;
            }
        }
        if let (true, Some(day)) = (answered, published)
            && span.contains(day)
        {
            r.answered += 1;
            r.days.push(days.expect("an answer knows how long it took").min(30));
            r.satisfaction.1 += 1;
            r.satisfaction.0 += u64::from(day <= *answer_due && rating.as_deref().is_none_or(|r| r == "satisfied"));
            if let Some(due) = publish_due {
                r.promptly.1 += 1;
                r.promptly.0 += u64::from(day <= *due);
            }
        }
        if open {
            r.open += 1;
            if status == "awaiting_information" {
                r.paused += 1;
            } else if next_due.is_some_and(|d| d < today) {
                r.open_past_due += 1;
            }
        }
    }
    r
}

/// The number in the summary row named `label`.
pub(crate) fn figure(page: &str, label: &str) -> i64 {
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
        let key = recount
            .keys()
            .find_map(|(_, _, scope)| match scope {
                Scope::Key(key) if !key.field.is_empty() => Some(key.clone()),
                _ => None,
            })
            .expect("generated cases concern procedures of some fields");
        let mut queries = Vec::new();
        for kind in PeriodKind::ALL {
            for basis in [Basis::Decree09, Basis::Calendar] {
                let mut p = Period::containing(kind, basis, today);
                for _ in 0..3 {
                    queries.push(RecordQuery::all(p.span(), today));
                    p = p.previous();
                }
            }
        }
        let free = Span::new(today - chrono::Duration::days(400), today - chrono::Duration::days(3)).unwrap();
        let all = RecordQuery::all(free, today);
        queries.push(RecordQuery { agency: Some(key.agency.clone()), ..all.clone() });
        queries.push(RecordQuery { field: Some(key.field.clone()), ..all.clone() });
        queries.push(RecordQuery { field: Some(String::new()), ..all.clone() });
        queries.push(RecordQuery { agency: Some(key.agency.clone()), field: Some(key.field.clone()), ..all.clone() });
        queries.push(RecordQuery { category: Some(Category::Regulation), ..all.clone() });
        queries.push(RecordQuery { channel: Some(Channel::Web), ..all.clone() });
        // The category and channel, alone, together and with an agency, a field or both: each read
        // from the rows of its own scope.
        let kind = RecordQuery { category: Some(key.category), channel: Some(key.channel), ..all.clone() };
        queries.push(kind.clone());
        queries.push(RecordQuery { agency: Some(key.agency.clone()), channel: Some(key.channel), ..all.clone() });
        queries.push(RecordQuery { field: Some(key.field.clone()), category: Some(key.category), ..all.clone() });
        queries.push(RecordQuery { agency: Some(key.agency.clone()), field: Some(key.field.clone()), ..kind.clone() });
        let by_field: Vec<RecordQuery> = queries.iter().map(|q| RecordQuery { by: RecordBy::Field, ..q.clone() }).collect();
        for query in queries.iter().chain(&by_field) {
            let want = expected(&recount, query);
            let parts = app.store.record(query).await.unwrap();
            // Each part is what the same query gives for that agency or field alone.
            for (part, sums) in parts.iter().take(3) {
                let alone = match query.by {
                    RecordBy::Field => RecordQuery { field: Some(part.clone()), ..query.clone() },
                    _ => RecordQuery { agency: Some(part.clone()), ..query.clone() },
                };
                assert_eq!(*sums, expected(&recount, &alone), "{part} in {query:?}");
            }
            assert_eq!(total(parts), want, "{query:?}");
        }
        // Month by month, each month's flows are those of its days.
        let months = app.store.record(&RecordQuery { by: RecordBy::Month, ..all.clone() }).await.unwrap();
        assert!(months.len() >= 12, "{}", months.len());
        for (bucket, sums) in &months {
            let first = NaiveDate::parse_from_str(&format!("{bucket}-01"), "%Y-%m-%d").unwrap();
            let last = (first + chrono::Months::new(1)).pred_opt().unwrap();
            let want = expected(&recount, &RecordQuery::all(Span::new(first, last).unwrap(), today));
            assert_eq!(sums.flows, want.flows, "{bucket}");
        }
        // And so for one category and channel, one agency's, or one field's.
        for narrowed in [
            kind.clone(),
            RecordQuery { agency: Some(key.agency.clone()), ..kind.clone() },
            RecordQuery { field: Some(key.field.clone()), ..kind.clone() },
        ] {
            let months = app.store.record(&RecordQuery { by: RecordBy::Month, ..narrowed.clone() }).await.unwrap();
            assert!(!months.is_empty() || narrowed != kind, "the generated cases hold this kind in some month");
            for (bucket, sums) in &months {
                let first = NaiveDate::parse_from_str(&format!("{bucket}-01"), "%Y-%m-%d").unwrap();
                let last = (first + chrono::Months::new(1)).pred_opt().unwrap();
                let month = RecordQuery { span: Span::new(first, last).unwrap(), ..narrowed.clone() };
                assert_eq!(sums.flows, expected(&recount, &month).flows, "{bucket} in {narrowed:?}");
            }
        }
        let year = &queries.iter().find(|q| q.span.days() > 300).unwrap();
        let flows = total(app.store.record(year).await.unwrap()).flows;
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

        // Narrowed to a field, or to the cases about no procedure: the cases counted under it.
        let fields = app.store.fields().await.unwrap();
        let field = &fields.iter().max_by_key(|f| f.procedures).unwrap().field;
        for (param, value) in [(field.code.as_str(), field.code.as_str()), ("khong", "")] {
            let sql = format!("SELECT COUNT(*) FROM cases WHERE received_on >= $1 AND received_on <= $2 AND field = '{value}'");
            let want = count(&app, &sql, span.first, span.last).await;
            assert!(want > 0, "{param}: {want}");
            let (status, narrowed) = app.get_html(&format!("{path}&linh-vuc={param}")).await;
            assert_eq!(status, 200);
            assert_eq!(figure(&narrowed, "Tiếp nhận trong kỳ"), want, "{param}");
            assert!(narrowed.contains(&format!("<option value=\"{param}\" selected")), "{param} stays chosen");
        }
        let (_, narrowed) = app.get_html(&format!("{path}&linh-vuc={}", field.code)).await;
        assert!(
            narrowed.contains(&format!("/phan-anh?tu={}&amp;den={}&amp;linh-vuc={}", span.first, span.last, field.code)),
            "the answered figure links to the field's answers"
        );

        // Time to answer: the median and 90th percentile of the year's answers, recounted.
        let rows = case_rows(&app).await;
        let agencies: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        let mut all = Recount::default();
        for agency in agencies {
            all.days.extend(recount(&rows, agency, span, today).days);
        }
        let (median, p90) = all.days_to_answer().unwrap();
        assert_eq!(figure(&page, "Số ngày làm việc để trả lời: trung vị"), median.min(30));
        assert_eq!(figure(&page, "Số ngày làm việc để trả lời: 90 % trả lời trong"), p90.min(30));
        assert!(page.contains(&format!("{median} ngày làm việc")), "said in words");

        // The months and the fields: each table's rows add up to the year, in its download too.
        let csv_rows = |body: String| -> Vec<csv::StringRecord> {
            csv::Reader::from_reader(body.trim_start_matches('\u{feff}').as_bytes()).records().map(Result::unwrap).collect()
        };
        let query = path.trim_start_matches("/thong-ke?");
        for table in ["thang", "linh-vuc"] {
            let rows = csv_rows(app.get(&format!("/thong-ke/tai/{table}.csv?{query}")).await.text().await.unwrap());
            let sum: i64 = rows.iter().map(|r| r[1].parse::<i64>().unwrap()).sum();
            assert_eq!(sum, received, "{table}");
            let answered_sum: i64 = rows.iter().map(|r| r[2].parse::<i64>().unwrap()).sum();
            assert_eq!(answered_sum, answered, "{table}");
            if table == "thang" {
                assert_eq!(rows.len(), 12);
                assert_eq!(&rows[0][0], &format!("Tháng 1/{}", span.first.format("%Y")));
            }
        }
        assert!(page.contains("id=\"theo-thang-bieu-do\"") && page.contains("bar-outline"), "the trend is drawn");

        // The home page: the last 30 days' figures, and the answers published last.
        let month = count(
            &app,
            "SELECT COUNT(*) FROM cases WHERE received_on >= $1 AND received_on <= $2",
            today - chrono::Duration::days(29),
            today,
        )
        .await;
        let (status, home) = app.get_html("/").await;
        assert_eq!(status, 200);
        let first = home.split("<strong class=\"figure\">").nth(1).unwrap().split('<').next().unwrap();
        assert_eq!(first.parse::<i64>().unwrap(), month, "received in the last 30 days");
        let (latest, _) = app
            .store
            .answered_cases(&civicdesk_domain::queue::AnsweredFilter { page: 1, ..Default::default() })
            .await
            .unwrap();
        assert!(home.contains(&format!("/phan-anh/{}", latest[0].code)), "the newest answer is on the home page");
    }

    async fn scorecards_the_ranking_and_the_downloads_show_what_a_count_of_the_cases_gives(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        civicdesk_server::generate_cases::fill(app.store.as_ref(), 2_000, 50, 9).await.unwrap();
        // A hostile name, for every place an agency's name reaches.
        let hostile = "=HYPERLINK(\"http://x\")</td><script>alert(1)</script>\"'&";
        let mut agencies: Vec<_> = app.store.agency_records().await.unwrap();
        agencies.sort_by(|a, b| a.code.cmp(&b.code));
        let named = agencies.iter_mut().find(|a| a.slug.starts_with("tong-hop-")).unwrap();
        named.name = hostile.into();
        let named = named.clone();
        app.store.save_agencies(std::slice::from_ref(&named)).await.unwrap();
        let rows = case_rows(&app).await;
        let today = civicdesk_domain::calendar::local_day(chrono::Utc::now());
        let last_year = Period::containing(PeriodKind::Year, Basis::Calendar, today).previous();
        let span = last_year.span();
        let codes: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        assert!(codes.len() >= 40, "{}", codes.len());

        // The JSON scorecard of every agency equals the recount.
        let mut checked = 0;
        for agency in agencies.iter().filter(|a| codes.contains(a.code.as_str())) {
            let want = recount(&rows, &agency.code, span, today);
            let card =
                app.get_json(&format!("/api/v1/agencies/{}/scorecard?period={}&basis=lich", agency.slug, last_year.key())).await;
            let pair = |v: &serde_json::Value| (v["hits"].as_u64().unwrap(), v["total"].as_u64().unwrap());
            assert_eq!(card["period"]["first"], span.first.to_string());
            assert_eq!(card["counts"]["received"].as_u64().unwrap(), want.received, "{}", agency.code);
            assert_eq!(card["counts"]["answered"].as_u64().unwrap(), want.answered, "{}", agency.code);
            assert_eq!(pair(&card["on_time"]), want.on_time, "{}", agency.code);
            assert_eq!(pair(&card["satisfaction"]), want.satisfaction, "{}", agency.code);
            assert_eq!(pair(&card["published_within_2_working_days"]), want.promptly, "{}", agency.code);
            let days = &card["working_days_to_answer"];
            let got = days.as_object().map(|d| (d["median"].as_i64().unwrap(), d["p90"].as_i64().unwrap()));
            assert_eq!(got, want.days_to_answer(), "{}", agency.code);
            if !days.is_null() {
                assert_eq!(days["answers"].as_u64().unwrap(), want.answered, "{}", agency.code);
            }
            let open = &card["open_today"];
            assert_eq!(open["total"].as_u64().unwrap(), want.open, "{}", agency.code);
            assert_eq!(open["paused"].as_u64().unwrap(), want.paused, "{}", agency.code);
            let late = open["overdue"].as_u64().unwrap() + open["very_overdue"].as_u64().unwrap();
            assert_eq!(late, want.open_past_due, "{}", agency.code);
            let enough = want.on_time.1 >= 10;
            assert_eq!(card["on_time"]["enough_cases"], enough);
            assert_eq!(card["on_time"]["place"].is_null(), !enough, "ranked exactly when there are enough cases");
            checked += 1;
        }
        assert!(checked >= 40);
        let missing = app.get("/api/v1/agencies/khong-co/scorecard").await;
        assert_eq!(missing.status(), 404);
        assert!(missing.json::<serde_json::Value>().await.unwrap()["errors"].is_array());
        let bad = app.get(&format!("/api/v1/agencies/{}/scorecard?period=%3Cb%3E", named.slug)).await;
        assert_eq!(bad.status(), 400);

        // The ranking's download: every agency once, ranked best first by the lower bound, the
        // small ones apart, each with its recounted rate.
        let query = format!("ky=nam&so={}&co-so=lich", last_year.key());
        let csv_rows = |body: String| -> Vec<csv::StringRecord> {
            let body = body.strip_prefix('\u{feff}').expect("a byte-order mark for spreadsheets").to_owned();
            csv::Reader::from_reader(body.as_bytes()).records().map(Result::unwrap).collect()
        };
        let response = app.get(&format!("/thong-ke/tai/xep-hang.csv?{query}")).await;
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let ranking = csv_rows(response.text().await.unwrap());
        assert_eq!(ranking.len(), codes.len(), "every agency with cases, once");
        let mut last_low = f64::INFINITY;
        let mut seen_unranked = false;
        for row in &ranking {
            let agency = agencies.iter().find(|a| a.name == row[0] || format!("'{}", a.name) == row[0]).unwrap();
            let want = recount(&rows, &agency.code, span, today);
            // Agency, place, then the on-time rate's five columns.
            let (hits, total): (u64, u64) = (row[5].parse().unwrap(), row[6].parse().unwrap());
            assert_eq!((hits, total), want.on_time, "{}", agency.code);
            if row[1].parse::<u32>().is_ok() {
                assert!(!seen_unranked, "the ranked come first");
                let low: f64 = row[3].parse().unwrap();
                assert!(low <= last_low, "best first by the lower bound");
                last_low = low;
                assert!(total >= 10);
            } else {
                seen_unranked = true;
                assert!(total < 10 && row[2].is_empty(), "too few: no share given");
            }
        }
        assert!(ranking.iter().any(|r| r[0].starts_with("'=HYPERLINK")), "a name is never a formula");

        // The agencies' table: its rows add up to the whole, each equal to the recount.
        let table = csv_rows(app.get(&format!("/thong-ke/tai/co-quan.csv?{query}")).await.text().await.unwrap());
        let received: u64 = table.iter().map(|r| r[1].parse::<u64>().unwrap()).sum();
        let summary = csv_rows(app.get(&format!("/thong-ke/tai/tong-hop.csv?{query}")).await.text().await.unwrap());
        assert_eq!(&summary[1][0], "Tiếp nhận trong kỳ");
        assert_eq!(summary[1][1].parse::<u64>().unwrap(), received);
        let english = app.get(&format!("/en/thong-ke/tai/co-quan.csv?{query}")).await.text().await.unwrap();
        assert!(english.lines().next().unwrap().contains("Received in the period"), "{english:.200}");
        assert_eq!(app.get("/thong-ke/tai/khong-co.csv").await.status(), 404);

        // The pages: the ranking, and the scorecard on the agency's own page, escape the name.
        let (status, page) = app.get_html(&format!("/thong-ke/co-quan?{query}")).await;
        assert_eq!(status, 200);
        assert!(!page.contains("<script>alert(1)") && page.contains("&lt;script&gt;alert(1)"), "the name stays text");
        assert!(page.contains("/thong-ke/tai/xep-hang.csv?ky=nam"), "the download keeps the choice");
        let (status, page) = app.get_html(&format!("/co-quan/{}", agencies[0].slug)).await;
        assert_eq!(status, 200);
        assert!(page.contains("Kết quả xử lý phản ánh, kiến nghị") && page.contains("Phản ánh đang xử lý hôm nay"));
    }

    async fn the_periodic_report_adds_up_in_every_format_and_equals_the_recount(engine: Engine) {
        use calamine::{Data, Reader, Xlsx};
        let app = TestApp::spawn(engine).await;
        civicdesk_server::generate_cases::fill(app.store.as_ref(), 2_000, 50, 13).await.unwrap();
        let rows = case_rows(&app).await;
        let agencies = app.store.agency_records().await.unwrap();
        let today = civicdesk_domain::calendar::local_day(chrono::Utc::now());
        // Last year on the basis of Decree 09: 15 December to 14 December.
        let year = Period::containing(PeriodKind::Year, Basis::Decree09, today).previous();
        let span = year.span();
        assert_eq!(span.first.format("%m-%d").to_string(), "12-15");
        let query = format!("ky=nam&so={}", year.key());

        let response = app.get(&format!("/thong-ke/tai/bao-cao.xlsx?{query}")).await;
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"].to_str().unwrap().contains("spreadsheetml"));
        let bytes = response.bytes().await.unwrap().to_vec();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let sheet = book.worksheet_range_at(0).unwrap().unwrap();
        let cells: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
        let text = |d: &Data| match d {
            Data::String(s) => s.clone(),
            _ => String::new(),
        };
        let number = |d: &Data| match d {
            Data::Float(f) => *f,
            Data::Int(i) => *i as f64,
            Data::Empty => 0.0,
            other => panic!("not a number: {other:?}"),
        };
        assert!(cells.iter().take(4).any(|r| text(&r[0]).contains("Năm")), "the period heads the sheet");
        let header = cells.iter().position(|r| text(&r[0]) == "Cơ quan").expect("a header row");
        assert_eq!(text(&cells[header][1]), "Tiếp nhận: tổng số");
        let rest = &cells[header + 1..];
        let at_total = rest.iter().position(|r| text(&r[0]) == "Tổng cộng").expect("a totals row");
        let (body, total, by_field) = (&rest[..at_total], &rest[at_total], &rest[at_total + 1..]);
        let is_group = |r: &&Vec<Data>| ["I. ", "II. ", "III. ", "IV. "].iter().any(|p| text(&r[0]).starts_with(p));
        let groups: Vec<&Vec<Data>> = body.iter().filter(is_group).collect();
        let members: Vec<&Vec<Data>> = body.iter().filter(|r| !is_group(r)).collect();
        assert!(groups.len() >= 2 && members.len() >= 40, "{} groups, {} agencies", groups.len(), members.len());
        // Every count and both sides of every rate: the total is the sum of the agencies' rows
        // and of the groups' rows.
        let count_columns = (1..=13).chain([17, 18, 22, 23]);
        for col in count_columns.clone() {
            let of = |rows: &[&Vec<Data>]| rows.iter().map(|r| number(&r[col])).sum::<f64>();
            assert_eq!(number(&total[col]), of(&members), "column {col}");
            assert_eq!(number(&total[col]), of(&groups), "column {col}");
        }
        // The same cases by field: the field rows add up to the total, and their subtotal says so.
        let (field_subtotal, fields) = by_field.split_first().expect("rows by field");
        assert!(text(&field_subtotal[0]).starts_with("Theo lĩnh vực"), "{:?}", field_subtotal[0]);
        assert!(fields.len() >= 3, "{} fields", fields.len());
        assert!(fields.iter().any(|r| text(&r[0]) == "Không gắn với thủ tục hành chính"), "cases about no procedure");
        for col in count_columns.clone() {
            assert_eq!(number(&field_subtotal[col]), number(&total[col]), "column {col}");
            assert_eq!(fields.iter().map(|r| number(&r[col])).sum::<f64>(), number(&total[col]), "column {col}");
        }
        // Each agency's row is its recount.
        for row in &members {
            let agency = agencies.iter().find(|a| a.name == text(&row[0])).unwrap();
            let want = recount(&rows, &agency.code, span, today);
            let received = number(&row[1]) - number(&row[4]);
            assert_eq!(received as u64, want.received, "{}", agency.code);
            assert_eq!(number(&row[2]) + number(&row[3]), received, "online and otherwise make the whole");
            assert_eq!(number(&row[5]) as u64, want.answered, "{}", agency.code);
            assert_eq!((number(&row[17]) as u64, number(&row[18]) as u64), want.on_time, "{}", agency.code);
            assert_eq!((number(&row[22]) as u64, number(&row[23]) as u64), want.satisfaction, "{}", agency.code);
        }

        // The CSV holds the same rows; the page shows the same total; English speaks English.
        let csv = app.get(&format!("/thong-ke/tai/bao-cao.csv?{query}")).await.text().await.unwrap();
        let records: Vec<csv::StringRecord> =
            csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes()).records().map(Result::unwrap).collect();
        assert_eq!(records.len(), rest.len());
        let last = &records[at_total];
        for col in count_columns {
            assert_eq!(last[col].parse::<f64>().unwrap(), number(&total[col]), "column {col}");
        }
        let (status, page) = app.get_html(&format!("/thong-ke/bao-cao?{query}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Tổng cộng") && page.contains("Ngày lập"), "{page:.300}");
        // The demonstration's areas are wards side by side: the report is headed by the city.
        assert!(page.contains("<p class=\"report-province\">Thành phố Hà Nội</p>"), "headed by the province");
        assert!(page.contains(&format!("/thong-ke/tai/bao-cao.xlsx?ky=nam&amp;so={}", year.key())));
        let english = app.get(&format!("/en/thong-ke/tai/bao-cao.xlsx?{query}")).await.bytes().await.unwrap().to_vec();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(english)).unwrap();
        let sheet = book.worksheet_range_at(0).unwrap().unwrap();
        assert!(sheet.rows().any(|r| text(&r[1]) == "Received: total"));
        // A month is not a reporting period: the current quarter is shown instead.
        let (status, page) = app.get_html("/thong-ke/bao-cao?ky=thang").await;
        assert_eq!(status, 200);
        assert!(page.contains("Quý"), "falls back to a quarter");
        assert_eq!(app.get("/thong-ke/tai/bao-cao.pdf").await.status(), 404);
    }
}
