//! The public record over a case history built by hand, through the portal's own services at the
//! moments it happened: known outcomes (early, on time, late, paused, transferred, refused,
//! withdrawn, rated, carried over, open at the end) either side of the Decree 09 cut-off (the
//! 14th/15th, with a Saturday and the office's closing time in it) and across Tết 2026. Every
//! figure expected below was worked out by hand from the story told beside it, not by the code
//! under test.

use chrono::{DateTime, NaiveDate, Utc};
use civicdesk_domain::feedback::{CaseCode, Channel, FeedbackForm};
use civicdesk_domain::rating::Rating;
use civicdesk_domain::workflow::{Action, Official, Refusal};
use civicdesk_services::{Options, Services};

use crate::helpers::{TestApp, engines};
use crate::record::figure;

/// A moment in Vietnam (UTC+7).
fn at(local: &str) -> DateTime<Utc> {
    civicdesk_domain::calendar::from_local(chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap())
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

struct Story {
    services: std::sync::Arc<Services>,
    stp: Official,
    hk: Official,
}

impl Story {
    async fn submit(&self, when: &str, title: &str) -> CaseCode {
        let form = FeedbackForm {
            submitter_kind: "individual".into(),
            name: "Nguyễn Văn Thành".into(),
            address: "12 Hàng Gai, Hoàn Kiếm, Hà Nội".into(),
            phone: "0912345678".into(),
            category: "proposal".into(),
            title: title.into(),
            content: format!("{title}: đề nghị cơ quan xem xét, giải quyết theo quy định và trả lời công khai."),
            agency: "so-tu-phap".into(),
            consent: true,
            ..FeedbackForm::default()
        };
        match self.services.intake.submit(&form, Vec::new(), Channel::Web, at(when)).await {
            Ok(submitted) => submitted.code,
            Err(_) => panic!("{title}: the submission is refused"),
        }
    }

    async fn act(&self, who: &Official, code: &CaseCode, action: Action, when: &str) {
        let done = self.services.casework.act(who, code.as_str(), &action, at(when)).await;
        assert!(done.is_ok(), "{code} {action:?} at {when}");
    }

    /// Accepted, drafted, approved and published, each on the day given.
    async fn answer(&self, who: &Official, code: &CaseCode, accepted: &str, approved: &str, published: &str) {
        self.act(who, code, Action::Accept, accepted).await;
        let text = "Cơ quan đã xem xét và tiếp thu; quy trình sẽ được điều chỉnh trong tháng tới.".to_owned();
        self.act(who, code, Action::DraftAnswer { text }, approved).await;
        self.act(who, code, Action::Approve, approved).await;
        self.act(who, code, Action::Publish, published).await;
    }

    async fn case(&self, code: &CaseCode) -> civicdesk_domain::cases::CaseRecord {
        self.services.store.case_by_code(code).await.unwrap().unwrap()
    }
}

/// The number in the summary row named `label` of `path`.
async fn figures(app: &TestApp, path: &str, labels: &[&str]) -> Vec<i64> {
    let (status, page) = app.get_html(path).await;
    assert_eq!(status, 200, "{path}");
    labels.iter().map(|l| figure(&page, l)).collect()
}

const SUMMARY: [&str; 10] = [
    "Từ kỳ trước chuyển sang",
    "Tiếp nhận trong kỳ",
    "Đã trả lời",
    "Trả lời trước hạn",
    "Trả lời đúng hạn",
    "Trả lời quá hạn",
    "Không tiếp nhận",
    "Người gửi rút",
    "Đang xử lý, trong hạn",
    "Đang xử lý, quá hạn",
];

engines! {
    async fn a_history_told_by_hand_gives_the_figures_worked_out_by_hand(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let store = app.store.clone();
        let options = Options {
            data_dir: &app.config.data_dir,
            public_url: &app.config.public_url,
            idle: civicdesk_services::accounts::IdleLimit(chrono::Duration::minutes(30)),
            min_sample: 1,
        };
        let services = Services::start(store.clone(), options).await.unwrap();
        let official = |email: &'static str| {
            let store = store.clone();
            async move { store.official_by_email(email).await.unwrap().unwrap().0 }
        };
        let story = Story {
            services,
            stp: official("lanhdao.tuphap@demo.civicdesk.vn").await,
            hk: official("lanhdao.hoankiem@demo.civicdesk.vn").await,
        };
        let (stp, hk) = (&story.stp, &story.hk);

        // M: received in the quarter before (Decree 09's Q4 2025 ends on 14 December), due on
        // 30 December, answered late on 5 January: carried over into Q1, late in it, 17 working
        // days (11–12, 15–19, 22–26, 29–31 December, 2 and 5 January; 1 January a holiday).
        let m = story.submit("2025-12-10 09:00", "M: giấy hẹn trả kết quả").await;
        story.answer(stp, &m, "2025-12-11 09:00", "2026-01-02 09:00", "2026-01-05 09:00").await;
        // B: 5 January, due 20 days later on Sunday 25, so Monday 26; published that day (on
        // time), 15 working days; rated "not satisfied".
        let b = story.submit("2026-01-05 09:00", "B: bản sao chứng thực").await;
        story.answer(stp, &b, "2026-01-06 09:00", "2026-01-26 09:00", "2026-01-26 10:00").await;
        let rating = Rating { satisfied: false, reason: "Chưa giải quyết được vướng mắc.".into() };
        assert!(story.services.casework.rate(&story.case(&b).await, &rating, at("2026-01-27 09:00")).await.unwrap());
        // C: 6 January, due Monday 26 January, published 4 February: late, 21 working days.
        let c = story.submit("2026-01-06 09:00", "C: thời hạn giải quyết").await;
        story.answer(stp, &c, "2026-01-07 09:00", "2026-02-03 09:00", "2026-02-04 09:00").await;
        // D: refused on 8 January; E: withdrawn on 12 January.
        let d = story.submit("2026-01-07 09:00", "D: nội dung chưa đủ").await;
        let refusal = Action::Refuse { refusal: Refusal::Requirements, note: "Chưa nêu rõ nội dung.".into() };
        story.act(stp, &d, refusal, "2026-01-08 09:00").await;
        let e = story.submit("2026-01-08 09:00", "E: người gửi rút").await;
        story.act(stp, &e, Action::Accept, "2026-01-09 09:00").await;
        let case = story.case(&e).await;
        assert!(story.services.intake.withdraw(&case, "Đã được giải quyết.", at("2026-01-12 09:00")).await.unwrap());
        // F: sent to the Department of Justice on 9 January, transferred to the ward on the 12th,
        // which answers early on the 20th: the ward's, its days counted from the day it received
        // it, 6 working days.
        let f = story.submit("2026-01-09 09:00", "F: thuộc thẩm quyền phường").await;
        let transfer = Action::Transfer {
            to: "HN-XA-HK".into(),
            reason: "Thuộc thẩm quyền của phường.".into(),
            public_note: String::new(),
        };
        story.act(stp, &f, transfer, "2026-01-12 09:00").await;
        story.answer(hk, &f, "2026-01-13 09:00", "2026-01-19 09:00", "2026-01-20 09:00").await;
        // G: 2 February, paused for information from the 4th to the 9th, published early on the
        // 12th: 8 working days.
        let g = story.submit("2026-02-02 09:00", "G: bổ sung thông tin").await;
        story.act(stp, &g, Action::Accept, "2026-02-03 09:00").await;
        let ask = Action::RequestInformation { message: "Đề nghị cho biết số hồ sơ.".into() };
        story.act(stp, &g, ask, "2026-02-04 09:00").await;
        story.services.casework.resume(&story.case(&g).await, at("2026-02-09 09:00")).await.unwrap();
        let text = "Cơ quan đã tiếp thu và điều chỉnh quy trình tiếp nhận.".to_owned();
        story.act(stp, &g, Action::DraftAnswer { text }, "2026-02-11 09:00").await;
        story.act(stp, &g, Action::Approve, "2026-02-11 10:00").await;
        story.act(stp, &g, Action::Publish, "2026-02-12 09:00").await;
        // A: Thursday 12 February, before Tết (16–20 February off), published on the 25th, early
        // (due 4 March): 4 working days (13, 23, 24, 25 February); rated satisfied.
        let a = story.submit("2026-02-12 09:00", "A: trước Tết").await;
        story.answer(stp, &a, "2026-02-13 09:00", "2026-02-24 09:00", "2026-02-25 09:00").await;
        let rating = Rating { satisfied: true, reason: String::new() };
        assert!(story.services.casework.rate(&story.case(&a).await, &rating, at("2026-02-26 09:00")).await.unwrap());
        // H: 9 February, due 1 March, a Sunday, so 2 March; still open at the cut-off, overdue;
        // answered late on 18 March (the next quarter), 22 working days.
        let h = story.submit("2026-02-09 09:00", "H: quá hạn qua kỳ").await;
        story.answer(stp, &h, "2026-02-10 09:00", "2026-03-17 09:00", "2026-03-18 09:00").await;
        // I: Friday 13 March before closing time: Q1, open (due 2 April) at its end. J: the same
        // Friday after 17:00, and K: Saturday the 14th, both received on Monday the 16th: Q2.
        let i = story.submit("2026-03-13 10:00", "I: trước giờ chốt").await;
        let j = story.submit("2026-03-13 17:30", "J: sau giờ làm việc").await;
        let k = story.submit("2026-03-14 10:00", "K: ngày thứ Bảy").await;

        // The dates the story rests on, as stored when each thing happened.
        let facts = [(&m, "2025-12-10", "2025-12-30"), (&b, "2026-01-05", "2026-01-26"), (&a, "2026-02-12", "2026-03-04")];
        for (code, received, due) in facts {
            let h = story.case(code).await.handling;
            assert_eq!((h.received_on, h.answer_due), (day(received), day(due)), "{code}");
        }
        for (code, received) in [(&i, "2026-03-13"), (&j, "2026-03-16"), (&k, "2026-03-16")] {
            assert_eq!(story.case(code).await.handling.received_on, day(received), "{code}");
        }
        let days: Vec<Option<u32>> =
            futures_util::future::join_all([&m, &b, &c, &g, &a, &h, &f].map(|code| story.case(code))).await.into_iter()
                .map(|case| case.handling.answer_days)
                .collect();
        assert_eq!(story.case(&f).await.handling.received_on, day("2026-01-12"), "the ward counts from the transfer");
        assert_eq!(days, [17, 15, 21, 8, 4, 22, 6].map(Some), "working days to each answer, Tết not counted");

        // Q1 2026 on Decree 09's cut-off (15 December – 14 March), the Department of Justice:
        // carried over M; received B C D E G A H I (F went to the ward, J and K fell after);
        // answered early G A, on time B, late C M; refused D; withdrawn E; open at the end I
        // within its date, H past it.
        let q1 = "/thong-ke?ky=quy&so=2026-q1&co-quan=so-tu-phap";
        assert_eq!(figures(&app, q1, &SUMMARY).await, [1, 8, 5, 2, 1, 2, 1, 1, 1, 1]);
        let (_, page) = app.get_html(q1).await;
        // Days to answer, sorted 4 8 15 17 21: the median is the third, the 90th percentile the fifth.
        assert_eq!(figure(&page, "Số ngày làm việc để trả lời: trung vị"), 15);
        assert_eq!(figure(&page, "Số ngày làm việc để trả lời: 90 % trả lời trong"), 21);
        // The same cases concern no procedure: the field filter gives the same.
        assert_eq!(figures(&app, &format!("{q1}&linh-vuc=khong"), &SUMMARY).await, [1, 8, 5, 2, 1, 2, 1, 1, 1, 1]);
        // On the calendar's quarter J and K are in, M was still open on 31 December.
        let calendar = figures(&app, "/thong-ke?ky=quy&so=2026-q1&co-so=lich&co-quan=so-tu-phap", &SUMMARY[..2]).await;
        assert_eq!(calendar, [1, 10]);
        // Q2: carried over H I; received J K; H answered late; I J K open and overdue at its end.
        let q2 = "/thong-ke?ky=quy&so=2026-q2&co-quan=so-tu-phap";
        assert_eq!(figures(&app, q2, &SUMMARY).await, [2, 2, 1, 0, 0, 1, 0, 0, 0, 3]);
        // The ward: F received, transferred to it, answered early.
        let ward = figures(&app, "/thong-ke?ky=quy&so=2026-q1&co-quan=phuong-hoan-kiem", &SUMMARY).await;
        assert_eq!(ward, [0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);

        // The scorecard's JSON for Q1. On time: due in the quarter (from 15 December) M A B C G H
        // (D refused and E withdrawn were never to be answered), in time A B G. Satisfaction: answered A B C G M,
        // less B (not satisfied), C and M (late). Published within 2 working days of approval: all.
        let card = app.get_json("/api/v1/agencies/so-tu-phap/scorecard?period=2026-q1").await;
        let pair = |v: &serde_json::Value| (v["hits"].as_u64().unwrap(), v["total"].as_u64().unwrap());
        assert_eq!(pair(&card["on_time"]), (3, 6));
        assert_eq!(pair(&card["satisfaction"]), (2, 5));
        assert_eq!(pair(&card["published_within_2_working_days"]), (5, 5));
        assert_eq!(card["counts"]["carried_over"], 1);
        assert_eq!(card["counts"]["refused"], 1);
        let days = &card["working_days_to_answer"];
        assert_eq!((days["answers"].as_u64(), days["median"].as_u64(), days["p90"].as_u64()), (Some(5), Some(15), Some(21)));

        // The quarter's report: the department's and the ward's rows, and the total adds them.
        let csv = app.get("/thong-ke/tai/bao-cao.csv?ky=quy&so=2026-q1").await.text().await.unwrap();
        let rows: Vec<csv::StringRecord> =
            csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes()).records().map(Result::unwrap).collect();
        let row = |name: &str| rows.iter().find(|r| &r[0] == name).unwrap_or_else(|| panic!("no row {name}")).clone();
        let counts = |r: &csv::StringRecord| (1..=13).map(|i| r[i].parse::<u64>().unwrap()).collect::<Vec<_>>();
        // Received in all (carried over + received), online, in person, carried over; answered in
        // all, early, on time, late; open in all, within, overdue; refused; withdrawn.
        assert_eq!(counts(&row("Sở Tư pháp thành phố Hà Nội")), [9, 8, 0, 1, 5, 2, 1, 2, 2, 1, 1, 1, 1]);
        assert_eq!(counts(&row("Ủy ban nhân dân phường Hoàn Kiếm")), [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(counts(&row("Tổng cộng")), [10, 9, 0, 1, 6, 3, 1, 2, 2, 1, 1, 1, 1]);

        // The internal copy lists the cases a period counts whose answer is not public today: of
        // Q1, I alone (H was answered since; J and K came after); of Q2, I J K. Nothing of the
        // submitter or their words; for leads and the coordinating office only.
        let listed = |page: &str| -> Vec<String> {
            page.split("<a href=\"/can-bo/phan-anh/").skip(1).map(|s| s.split('"').next().unwrap().to_owned()).collect()
        };
        for email in ["lanhdao.tuphap@demo.civicdesk.vn", "vanphong@demo.civicdesk.vn"] {
            let staff = app.demo(email).await;
            let (status, page) = app.staff_page(&staff, "/can-bo/bao-cao?ky=quy&so=2026-q1").await;
            assert_eq!(status, 200, "{email}");
            assert!(page.contains("Bản nội bộ") && page.contains("Tổng cộng"), "{email}: the report and its copy");
            assert_eq!(listed(&page), [i.to_string()], "{email}");
            for private in ["Nguyễn Văn Thành", "0912345678", "Hàng Gai", "trước giờ chốt"] {
                assert!(!page.contains(private), "{email}: {private}");
            }
            let (_, page) = app.staff_page(&staff, "/can-bo/bao-cao?ky=quy&so=2026-q2").await;
            let mut q2 = listed(&page);
            q2.sort();
            let mut want = vec![i.to_string(), j.to_string(), k.to_string()];
            want.sort();
            assert_eq!(q2, want, "{email}");
        }
        // The ward's lead sees only the ward's cases: none are open.
        let ward = app.demo("lanhdao.hoankiem@demo.civicdesk.vn").await;
        let (_, page) = app.staff_page(&ward, "/can-bo/bao-cao?ky=quy&so=2026-q2").await;
        assert!(listed(&page).is_empty(), "another agency's cases");
        let officer = app.demo("chuyenvien.tuphap@demo.civicdesk.vn").await;
        let (status, page) = app.staff_page(&officer, "/can-bo/bao-cao").await;
        assert_eq!(status, 403);
        assert!(!page.contains(&i.to_string()));
        assert_eq!(app.get("/can-bo/bao-cao").await.status(), 303, "signed out: to the sign-in page");
    }
}
