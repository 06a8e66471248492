//! A synthetic catalogue for load tests: any number of procedures shaped like real ones
//! (names built from the vocabulary of real procedures, channels with units, fees, dossiers),
//! the same for the same seed.

use chrono::Utc;
use civicdesk_domain::agency::AgencyLevel;
use civicdesk_domain::import::ImportedProcedure;
use civicdesk_domain::procedure::*;
use civicdesk_domain::store::Store;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

use crate::demo;

/// (field code, field name, things its procedures are about)
const FIELDS: &[(&str, &str, &[&str])] = &[
    (
        "HT",
        "Hộ tịch",
        &[
            "khai sinh",
            "kết hôn",
            "khai tử",
            "nhận cha, mẹ, con",
            "giám hộ",
            "thay đổi, cải chính hộ tịch",
            "xác nhận tình trạng hôn nhân",
            "trích lục hộ tịch",
        ],
    ),
    (
        "CT",
        "Chứng thực",
        &["bản sao từ bản chính", "chữ ký", "hợp đồng, giao dịch", "văn bản thỏa thuận phân chia di sản"],
    ),
    (
        "XD",
        "Xây dựng",
        &[
            "giấy phép xây dựng",
            "chứng chỉ hành nghề hoạt động xây dựng",
            "thẩm định báo cáo nghiên cứu khả thi",
            "giấy phép di dời công trình",
            "nghiệm thu công trình",
        ],
    ),
    (
        "DD",
        "Đất đai",
        &[
            "giấy chứng nhận quyền sử dụng đất",
            "chuyển nhượng quyền sử dụng đất",
            "chuyển mục đích sử dụng đất",
            "thế chấp quyền sử dụng đất",
            "tách thửa, hợp thửa đất",
        ],
    ),
    (
        "DKKD",
        "Thành lập và hoạt động doanh nghiệp",
        &[
            "thành lập doanh nghiệp tư nhân",
            "thành lập công ty trách nhiệm hữu hạn",
            "thay đổi nội dung đăng ký doanh nghiệp",
            "tạm ngừng kinh doanh",
            "giải thể doanh nghiệp",
        ],
    ),
    (
        "HKD",
        "Hộ kinh doanh",
        &["thành lập hộ kinh doanh", "thay đổi nội dung đăng ký hộ kinh doanh", "chấm dứt hoạt động hộ kinh doanh"],
    ),
    (
        "GT",
        "Đường bộ",
        &["giấy phép lái xe", "đăng ký xe", "giấy phép lưu hành xe quá tải trọng", "biển hiệu xe ô tô vận tải"],
    ),
    (
        "LD",
        "Việc làm",
        &["giấy phép lao động cho người nước ngoài", "trợ cấp thất nghiệp", "giấy phép hoạt động dịch vụ việc làm"],
    ),
    (
        "BHXH",
        "Bảo hiểm xã hội",
        &["sổ bảo hiểm xã hội", "thẻ bảo hiểm y tế", "trợ cấp ốm đau", "chế độ thai sản", "lương hưu"],
    ),
    (
        "GD",
        "Giáo dục và đào tạo",
        &[
            "văn bằng tốt nghiệp",
            "chuyển trường học sinh",
            "thành lập trường mầm non",
            "công nhận trường đạt chuẩn quốc gia",
        ],
    ),
    (
        "YT",
        "Khám bệnh, chữa bệnh",
        &["giấy phép hành nghề khám bệnh, chữa bệnh", "giấy phép hoạt động phòng khám", "chứng chỉ hành nghề dược"],
    ),
    ("MT", "Môi trường", &["giấy phép môi trường", "đăng ký môi trường", "giấy phép khai thác nước dưới đất"]),
    (
        "CN",
        "Công nghiệp, thương mại",
        &["giấy phép kinh doanh rượu", "giấy phép bán lẻ xăng dầu", "giấy chứng nhận đủ điều kiện an toàn thực phẩm"],
    ),
    (
        "VH",
        "Văn hóa, thể thao",
        &["giấy phép tổ chức biểu diễn nghệ thuật", "giấy phép kinh doanh karaoke", "công nhận gia đình văn hóa"],
    ),
];

const ACTIONS: &[&str] = &[
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Đăng ký",
    "Gia hạn",
    "Điều chỉnh",
    "Thu hồi",
    "Xác nhận",
    "Công nhận",
    "Thẩm định",
    "Chấp thuận",
    "Giải quyết",
];
const QUALIFIERS: &[&str] = &[
    "",
    "",
    "",
    "có yếu tố nước ngoài",
    "cho người nước ngoài",
    "đối với công trình cấp III",
    "trong khu công nghiệp",
    "lưu động",
    "liên thông",
    "do bị mất, hỏng",
    "khi thay đổi nơi cư trú",
    "cho doanh nghiệp nhỏ và vừa",
];
const DOCUMENTS: &[&str] = &[
    "Tờ khai theo mẫu",
    "Giấy đề nghị",
    "Bản sao giấy tờ tùy thân",
    "Giấy ủy quyền (nếu nộp thay)",
    "Bản vẽ thiết kế",
    "Giấy xác nhận của cơ quan có thẩm quyền",
    "Ảnh 4x6 cm",
    "Hợp đồng",
    "Giấy chứng nhận đăng ký doanh nghiệp",
    "Báo cáo kết quả thực hiện",
];

/// One synthetic procedure, numbered `n`.
pub fn procedure(rng: &mut StdRng, n: u32, agencies: &[civicdesk_domain::Agency]) -> ImportedProcedure {
    let (field_code, field_name, objects) = FIELDS.choose(rng).expect("fields are listed");
    let name = [*ACTIONS.choose(rng).unwrap(), *objects.choose(rng).unwrap(), *QUALIFIERS.choose(rng).unwrap()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let agency = agencies.choose(rng).expect("agencies are listed");
    let level = if agency.level == AgencyLevel::Commune { AgencyLevel::Commune } else { AgencyLevel::Province };
    let unit = *[TimeUnit::WorkingDays, TimeUnit::WorkingDays, TimeUnit::Days, TimeUnit::Hours].choose(rng).unwrap();
    let limit = TimeLimit { amount: rng.random_range(1..=30), unit };
    let fee = Fee {
        kind: FeeKind::Charge,
        amount: format!("{}.000 đồng", rng.random_range(0..=50) * 10),
        note: String::new(),
    };
    let channel = |kind| Channel { kind, time_limit: Some(limit), time_note: String::new(), fees: vec![fee.clone()] };
    let online_level = *OnlineLevel::ALL.choose(rng).unwrap();
    let mut channels = vec![channel(ChannelKind::Direct), channel(ChannelKind::Postal)];
    if online_level != OnlineLevel::None {
        channels.push(channel(ChannelKind::Online));
    }
    let how_many = rng.random_range(1..=5);
    let documents = DOCUMENTS
        .choose_multiple(rng, how_many)
        .map(|d| DossierDocument { name: (*d).to_owned(), originals: 1, copies: rng.random_range(0..=2), form: None })
        .collect();
    let status = match rng.random_range(0..100) {
        0..=79 => ProcedureStatus::New,
        80..=94 => ProcedureStatus::Amended,
        95..=97 => ProcedureStatus::Replaced,
        _ => ProcedureStatus::Abolished,
    };
    let agency_ref = AgencyRef { code: agency.code.clone(), name: agency.name.clone() };
    ImportedProcedure {
        procedure: Procedure {
            code: format!("{}.{:06}.000.00.00.S{:02}", 1 + n / 900_000, n % 900_000 + 100_000, n % 97),
            name: capitalise(&name),
            levels: vec![level],
            kind: "TTHC được luật giao quy định chi tiết".into(),
            fields: vec![FieldRef { code: (*field_code).into(), name: (*field_name).into() }],
            subjects: if rng.random_bool(0.5) {
                vec![Subject::Individual]
            } else {
                vec![Subject::Individual, Subject::Organisation]
            },
            agencies: ProcedureAgencies { implementing: vec![agency_ref], ..Default::default() },
            receiving_address: agency.address.clone(),
            steps: vec!["Nộp hồ sơ".into(), "Cơ quan tiếp nhận kiểm tra, giải quyết".into(), "Trả kết quả".into()],
            channels,
            dossier: vec![DossierCase { case: String::new(), documents }],
            results: vec![format!("Văn bản {}", objects.choose(rng).unwrap())],
            legal_basis: vec![],
            conditions: String::new(),
            keywords: vec![],
            online_level,
            decision: None,
            status,
            effective_from: None,
            effective_until: None,
            replaced_by: None,
        },
        yearly_dossiers: rng.random_range(0..5_000),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Adds `count` synthetic procedures (and the demo agencies they name), in batches.
pub async fn fill(store: &dyn Store, count: u32, seed: u64) -> anyhow::Result<u32> {
    // Each import renumbers ranks and rebuilds the text index, so batches are large.
    const BATCH: u32 = 25_000;
    let agencies = demo::agencies()?;
    store.save_agencies(&agencies).await?;
    let mut rng = StdRng::seed_from_u64(seed);
    let mut created = 0;
    for start in (0..count).step_by(BATCH as usize) {
        let batch: Vec<_> = (start..(start + BATCH).min(count)).map(|n| procedure(&mut rng, n, &agencies)).collect();
        created += store.import_procedures(&batch, Utc::now()).await?.created;
        tracing::info!(done = start + batch.len() as u32, of = count, "generating");
    }
    Ok(created)
}
