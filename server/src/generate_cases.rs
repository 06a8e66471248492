//! Synthetic feedback for load tests: any number of cases spread over the last two years and over
//! (at least) 50 agencies, most of them answered long ago and a fifth still open, with the legal
//! dates the real calendar gives. The same for the same seed.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveTime, Utc};
use civicdesk_domain::Agency;
use civicdesk_domain::agency::AgencyLevel;
use civicdesk_domain::calendar::{Calendar, default_cutoff};
use civicdesk_domain::feedback::{CaseStatus, Category, Channel, Submitter, SubmitterKind};
use civicdesk_domain::queue::ImportedCase;
use civicdesk_domain::store::Store;
use civicdesk_domain::workflow::{self, Handling};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

use crate::demo;

/// Communes and wards of Hà Nội that complete the demo agencies to the number asked.
const PLACES: &[&str] = &[
    "xã Ba Vì",
    "xã Phúc Thọ",
    "xã Đan Phượng",
    "xã Hoài Đức",
    "xã Quốc Oai",
    "xã Thạch Thất",
    "xã Chương Mỹ",
    "xã Thanh Oai",
    "xã Thường Tín",
    "xã Phú Xuyên",
    "xã Ứng Hòa",
    "xã Mỹ Đức",
    "xã Mê Linh",
    "xã Đông Anh",
    "xã Gia Lâm",
    "xã Thanh Trì",
    "phường Sơn Tây",
    "phường Tây Hồ",
    "phường Long Biên",
    "phường Hoàng Mai",
    "phường Thanh Xuân",
    "phường Đống Đa",
    "phường Hai Bà Trưng",
    "phường Từ Liêm",
    "phường Bạch Mai",
    "phường Kim Liên",
    "phường Văn Miếu – Quốc Tử Giám",
    "phường Ngọc Hà",
    "phường Giảng Võ",
    "phường Láng",
];

const MATTERS: &[&str] = &[
    "Bộ phận một cửa yêu cầu nộp thêm giấy tờ không có trong thủ tục",
    "Hồ sơ bị trả kết quả chậm so với giấy hẹn",
    "Đề nghị bỏ yêu cầu bản sao có chứng thực",
    "Cổng dịch vụ công báo lỗi khi nộp hồ sơ trực tuyến",
    "Quy định về thời hạn giải quyết chưa thống nhất giữa các cơ quan",
    "Cán bộ tiếp nhận không hướng dẫn đầy đủ một lần",
    "Đề xuất cho phép thanh toán lệ phí trực tuyến",
    "Biểu mẫu tờ khai chưa được cập nhật theo quy định mới",
    "Thời gian chờ tại bộ phận tiếp nhận quá lâu",
    "Kiến nghị niêm yết công khai phí, lệ phí tại nơi tiếp nhận",
];

const DETAILS: &[&str] = &[
    "Tôi đã đến nộp hồ sơ hai lần nhưng mỗi lần lại được yêu cầu bổ sung một giấy tờ khác.",
    "Giấy hẹn ghi trả kết quả sau năm ngày làm việc nhưng đến nay vẫn chưa có kết quả.",
    "Dữ liệu đã có trên cơ sở dữ liệu quốc gia về dân cư nên việc yêu cầu bản sao là không cần thiết.",
    "Hệ thống báo lỗi ở bước ký số và không lưu được hồ sơ đã nhập.",
    "Đề nghị cơ quan có thẩm quyền xem xét, sửa đổi để người dân và doanh nghiệp thuận tiện hơn.",
    "Nhiều người dân khác trong khu phố cũng gặp tình trạng tương tự.",
];

const ANSWERS: &[&str] = &[
    "Cơ quan đã kiểm tra, chấn chỉnh bộ phận tiếp nhận và hướng dẫn lại thành phần hồ sơ đúng quy định.",
    "Cơ quan đã kiến nghị cấp có thẩm quyền sửa đổi quy định theo nội dung phản ánh.",
    "Quy định hiện hành vẫn còn hiệu lực; ý kiến của ông/bà đã được tổng hợp để đề xuất khi sửa đổi.",
];

const NAMES: &[&str] = &[
    "Nguyễn Văn Hùng",
    "Trần Thị Mai",
    "Lê Văn Nam",
    "Phạm Thị Hương",
    "Hoàng Minh Tuấn",
    "Vũ Thị Lan",
    "Đặng Quốc Bảo",
    "Bùi Thị Thu",
];

/// The demo agencies, and communes made up from [`PLACES`] until there are `at_least`.
pub fn agencies(at_least: usize) -> anyhow::Result<Vec<Agency>> {
    let mut agencies = demo::agencies()?;
    let template = agencies.iter().find(|a| a.level == AgencyLevel::Commune).cloned();
    let Some(template) = template else { anyhow::bail!("the demo agencies name no commune") };
    for (n, place) in PLACES.iter().enumerate().take(at_least.saturating_sub(agencies.len())) {
        agencies.push(Agency {
            code: format!("HN-SYN-{:02}", n + 1),
            slug: format!("tong-hop-{:02}", n + 1),
            name: format!("Ủy ban nhân dân {place}"),
            email: format!("vanphong.{:02}@demo.civicdesk.vn", n + 1),
            ..template.clone()
        });
    }
    Ok(agencies)
}

/// What every generated case is made with.
struct World<'a> {
    calendar: &'a Calendar,
    today: NaiveDate,
    procedures: &'a [String],
}

/// One case received at local time `local`, in the state a case of that age would be in today.
fn case(
    rng: &mut StdRng,
    world: &World<'_>,
    code: String,
    local: chrono::NaiveDateTime,
    agency: &str,
    assignees: &[i64],
) -> ImportedCase {
    let World { calendar, today, procedures } = *world;
    let received_on = calendar.received_on(local, default_cutoff());
    let classify_due = calendar.due(received_on, workflow::CLASSIFY);
    let answer_due = calendar.due(received_on, workflow::ANSWER);
    let age = (today - received_on).num_days();
    // Older cases are mostly finished; recent ones mostly open, some of them late.
    let status = if age > 60 && rng.random_bool(0.97) {
        *[CaseStatus::Published, CaseStatus::Closed, CaseStatus::Published, CaseStatus::Refused, CaseStatus::Withdrawn]
            .choose(rng)
            .expect("listed")
    } else {
        *[
            CaseStatus::Received,
            CaseStatus::InProgress,
            CaseStatus::InProgress,
            CaseStatus::AwaitingInformation,
            CaseStatus::AnswerDrafted,
            CaseStatus::AnswerApproved,
            CaseStatus::Published,
        ]
        .choose(rng)
        .expect("listed")
    };
    let answered = matches!(status, CaseStatus::Published | CaseStatus::Closed);
    let drafted = answered || matches!(status, CaseStatus::AnswerDrafted | CaseStatus::AnswerApproved);
    let received_at = civicdesk_domain::calendar::from_local(local);
    let published_at = answered.then(|| received_at + Duration::days(rng.random_range(3..30)));
    let assignee = (status != CaseStatus::Received).then(|| assignees.choose(rng).copied()).flatten();
    let matter = MATTERS.choose(rng).expect("listed");
    let phone = format!("09{:08}", rng.random_range(0..100_000_000u32));
    ImportedCase {
        code,
        channel: *[Channel::Web, Channel::Web, Channel::Web, Channel::Api, Channel::Phone, Channel::Paper]
            .choose(rng)
            .expect("listed"),
        category: *[Category::OfficialConduct, Category::Regulation, Category::Proposal, Category::Other]
            .choose(rng)
            .expect("listed"),
        submitter: Submitter {
            kind: SubmitterKind::Individual,
            organisation: None,
            name: NAMES.choose(rng).expect("listed").to_string(),
            address: format!("{} ngõ {}, Hà Nội", rng.random_range(1..200), rng.random_range(1..90)),
            phone,
            email: rng.random_bool(0.6).then(|| format!("nguoidan{}@example.vn", rng.random_range(0..1_000_000))),
            show_name: rng.random_bool(0.3),
        },
        title: matter.to_string(),
        content: format!("{} {}", DETAILS.choose(rng).expect("listed"), DETAILS.choose(rng).expect("listed")),
        procedure: (rng.random_bool(0.4)).then(|| procedures.choose(rng).cloned()).flatten(),
        received_at,
        handling: Handling {
            status,
            agency: agency.to_owned(),
            assignee,
            received_on,
            classify_due,
            answer_term: workflow::ANSWER,
            answer_due,
            paused_on: (status == CaseStatus::AwaitingInformation).then_some(today.min(answer_due)),
            // Approved the day of publication or up to four days before: mostly in time.
            publish_due: match published_at {
                Some(at) => {
                    let approved = civicdesk_domain::calendar::local_day(at) - Duration::days(rng.random_range(0..5));
                    Some(calendar.due(approved.max(received_on), workflow::PUBLISH))
                }
                None => (status == CaseStatus::AnswerApproved).then(|| calendar.due(today, workflow::PUBLISH)),
            },
            progress_due: None,
            answer: drafted.then(|| ANSWERS.choose(rng).expect("listed").to_string()),
            public_title: None,
            public_content: None,
            answer_days: published_at.map(|at| {
                let days = calendar.working_days_between(received_on, civicdesk_domain::calendar::local_day(at));
                u32::try_from(days).unwrap_or(0)
            }),
            published_at,
            version: 1,
            lead: None,
        },
    }
}

/// Adds `count` synthetic cases across at least `agencies` agencies (created as needed), in
/// batches. Cases go to the officials each agency has, when it has any. Meant for a database
/// without earlier generated cases: codes are numbered from 0001 each day, up to yesterday.
pub async fn fill(store: &dyn Store, count: u32, agency_count: usize, seed: u64) -> anyhow::Result<u32> {
    const BATCH: usize = 10_000;
    let agencies = agencies(agency_count)?;
    store.save_agencies(&agencies).await?;
    let mut assignees: HashMap<String, Vec<i64>> = HashMap::new();
    for agency in &agencies {
        let ids = store.officials_of(&agency.code).await?.into_iter().filter(|o| o.handles_cases()).map(|o| o.id);
        assignees.insert(agency.code.clone(), ids.collect());
    }
    let procedures: Vec<String> = store.popular_procedures(60).await?.into_iter().map(|p| p.code).collect();
    let calendar = Calendar::new(store.calendar_days().await?);
    let now = civicdesk_domain::calendar::local_time(Utc::now());
    let today = now.date();
    let world = World { calendar: &calendar, today, procedures: &procedures };
    let mut rng = StdRng::seed_from_u64(seed);
    // Receipt times over two years, in order, so codes run sequentially per day.
    let span = Duration::days(730).num_seconds();
    let mut times: Vec<i64> = (0..count).map(|_| rng.random_range(0..span)).collect();
    times.sort_unstable();
    let mut per_day: HashMap<NaiveDate, u32> = HashMap::new();
    let mut written = 0;
    for chunk in times.chunks(BATCH) {
        let batch: Vec<ImportedCase> = chunk
            .iter()
            .map(|offset| {
                // Up to yesterday: today's codes belong to real submissions.
                let local = now - Duration::days(1) - Duration::seconds(span - offset);
                // Office hours, so most count from the day they arrive.
                let local = local.date().and_time(NaiveTime::from_hms_opt(7, 30, 0).expect("a time"))
                    + Duration::seconds(offset % (10 * 3600));
                let day = local.date();
                let n = per_day.entry(day).and_modify(|n| *n += 1).or_insert(1);
                let code = format!("PAKN.{}.{:04}", day.format("%Y%m%d"), n);
                let agency = &agencies.choose(&mut rng).expect("agencies").code;
                let ids = assignees.get(agency).map(Vec::as_slice).unwrap_or_default();
                case(&mut rng, &world, code, local, agency, ids)
            })
            .collect();
        store.import_cases(&batch).await?;
        written += batch.len() as u32;
        tracing::info!(done = written, of = count, "generating cases");
    }
    Ok(written)
}
