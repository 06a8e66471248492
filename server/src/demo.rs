//! The demo catalogue shipped with civicdesk: agencies of Hà Nội under the two-level structure
//! of 2025 and the procedures people use most, loaded into an empty database on first start.

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use civicdesk_domain::Agency;
use civicdesk_domain::import;
use civicdesk_domain::store::Store;
use civicdesk_domain::workflow::Role;

const AGENCIES: &str = include_str!("../demo/agencies.json");
/// The catalogue as first published.
const CATALOGUE: &str = include_str!("../demo/catalogue.json");
/// Later decisions that amended, replaced or abolished some of those procedures.
const AMENDMENTS: &str = include_str!("../demo/amendments.json");
/// Areas (wards and communes) and the routing rules of feedback.
const ROUTING: &str = include_str!("../demo/routing.json");

#[derive(serde::Deserialize)]
struct Routing {
    areas: Vec<civicdesk_domain::cases::Area>,
    rules: Vec<Rule>,
}

#[derive(serde::Deserialize)]
struct Rule {
    category: Option<civicdesk_domain::feedback::Category>,
    area: Option<String>,
    agency: String,
    note: String,
}

pub fn agencies() -> anyhow::Result<Vec<Agency>> {
    serde_json::from_str(AGENCIES).context("demo/agencies.json is malformed")
}

fn at(date: (i32, u32, u32)) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(date.0, date.1, date.2)
        .and_then(|d| d.and_hms_opt(1, 0, 0))
        .expect("a valid demo date")
        .and_utc()
}

/// Loads the demo data when the database holds no procedure yet.
pub async fn load_if_empty(store: &dyn Store) -> anyhow::Result<()> {
    if store.procedure_count().await? > 0 {
        return Ok(());
    }
    store.save_agencies(&agencies()?).await?;
    let first = import::from_json(CATALOGUE).map_err(|e| anyhow::anyhow!("demo/catalogue.json: {e}"))?;
    let later = import::from_json(AMENDMENTS).map_err(|e| anyhow::anyhow!("demo/amendments.json: {e}"))?;
    let report = store.import_procedures(&first, at((2025, 7, 1))).await?;
    store.import_procedures(&later, at((2026, 3, 2))).await?;
    let routing: Routing = serde_json::from_str(ROUTING).context("demo/routing.json is malformed")?;
    store.save_areas(&routing.areas).await?;
    for rule in routing.rules {
        let rule_data = civicdesk_domain::feedback::RoutingRule {
            id: 0,
            category: rule.category,
            area: rule.area,
            agency: rule.agency,
        };
        store.save_routing_rule(&rule_data, &rule.note).await?;
    }
    for (email, name, role, agency) in DEMO_OFFICIALS {
        civicdesk_services::accounts::create_official(store, email, name, *role, agency, DEMO_PASSWORD).await?;
    }
    for (agency, title, body) in DEMO_TEMPLATES {
        store.save_template(agency, title, body).await?;
    }
    tracing::info!(procedures = report.created, "loaded the demo catalogue");
    Ok(())
}

/// What every page of the demonstration shows about it (see `civicdesk_app::components::layout::Demo`).
pub fn about() -> civicdesk_app::components::layout::Demo {
    civicdesk_app::components::layout::Demo {
        password: DEMO_PASSWORD.to_owned(),
        accounts: DEMO_OFFICIALS
            .iter()
            .map(|(email, _, role, agency)| ((*email).to_owned(), *role, (*agency).to_owned()))
            .collect(),
    }
}

/// The demo accounts in this database that still have the published password.
pub async fn accounts_with_known_password(store: &dyn Store) -> anyhow::Result<Vec<&'static str>> {
    let mut found = Vec::new();
    for (email, ..) in DEMO_OFFICIALS {
        if let Some((_, hash)) = store.official_by_email(email).await?
            && civicdesk_services::accounts::verify_password(DEMO_PASSWORD, &hash)
        {
            found.push(*email);
        }
    }
    Ok(found)
}

/// The password of every demo account: for trying the portal locally, never for a deployment.
pub const DEMO_PASSWORD: &str = "civicdesk-demo";

/// One demo account per role (README lists them).
pub const DEMO_OFFICIALS: &[(&str, &str, Role, &str)] = &[
    ("chuyenvien.tuphap@demo.civicdesk.vn", "Nguyễn Thu Hà", Role::Officer, "HN-STP"),
    ("lanhdao.tuphap@demo.civicdesk.vn", "Trần Minh Đức", Role::Lead, "HN-STP"),
    ("chuyenvien.hoankiem@demo.civicdesk.vn", "Lê Thị Mai", Role::Officer, "HN-XA-HK"),
    ("lanhdao.hoankiem@demo.civicdesk.vn", "Phạm Quốc Huy", Role::Lead, "HN-XA-HK"),
    ("vanphong@demo.civicdesk.vn", "Đỗ Thanh Bình", Role::Coordinator, "HN-VP"),
    ("quantri@demo.civicdesk.vn", "Vũ Hoàng Nam", Role::Admin, "HN-VP"),
];

/// Answer templates the demo agencies keep.
const DEMO_TEMPLATES: &[(&str, &str, &str)] = &[
    (
        "HN-STP",
        "Đã kiến nghị sửa đổi quy định",
        "Sở Tư pháp thành phố Hà Nội cảm ơn ông/bà đã phản ánh. Sau khi rà soát, Sở nhận thấy nội dung phản ánh \
         có cơ sở và đã có văn bản kiến nghị cơ quan có thẩm quyền sửa đổi quy định. Trong thời gian chờ sửa đổi, \
         Sở đã hướng dẫn các cơ quan chứng thực không yêu cầu giấy tờ đã có trong cơ sở dữ liệu điện tử.",
    ),
    (
        "HN-STP",
        "Quy định hiện hành vẫn còn hiệu lực",
        "Sở Tư pháp thành phố Hà Nội cảm ơn ông/bà đã phản ánh. Yêu cầu nêu trong phản ánh được quy định tại \
         văn bản quy phạm pháp luật còn hiệu lực, nên cơ quan giải quyết thủ tục vẫn phải thực hiện. Ý kiến của \
         ông/bà đã được tổng hợp để đề xuất khi sửa đổi văn bản.",
    ),
    (
        "HN-XA-HK",
        "Đã chấn chỉnh cán bộ tiếp nhận",
        "Ủy ban nhân dân phường Hoàn Kiếm cảm ơn ông/bà đã phản ánh. Phường đã kiểm tra, chấn chỉnh cán bộ bộ \
         phận một cửa và niêm yết lại thành phần hồ sơ đúng quy định tại nơi tiếp nhận.",
    ),
];
