//! Every user-visible string, in Vietnamese (the default) and English (under `/en/`).
//!
//! One struct of texts per language: a missing translation is a compile error, not a blank.
//! Pages, e-mails and the APIs all read them here; nothing in this crate knows the web framework.

use civicdesk_domain::agency::AgencyLevel;
use civicdesk_domain::procedure::{ChannelKind, FeeKind, OnlineLevel, ProcedureStatus, RecordPart, Subject, TimeUnit};

pub mod admin;
pub mod feedback;
pub mod follow;
pub mod open_data;
pub mod record;
pub mod staff;
pub mod survey;
pub use admin::AdminTexts;
pub use feedback::{FeedbackTexts, fill};
pub use follow::FollowTexts;
pub use open_data::{OpenDataTexts, Term};
pub use record::RecordTexts;
pub use staff::StaffTexts;
pub use survey::SurveyTexts;

/// The language of a page; islands receive it as a property, since the context that gives it
/// on the server does not reach the browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn feedback(self) -> &'static FeedbackTexts {
        match self {
            Lang::Vi => &feedback::VI,
            Lang::En => &feedback::EN,
        }
    }

    pub fn admin(self) -> &'static AdminTexts {
        match self {
            Lang::Vi => &admin::VI,
            Lang::En => &admin::EN,
        }
    }

    pub fn record(self) -> &'static RecordTexts {
        match self {
            Lang::Vi => &record::VI,
            Lang::En => &record::EN,
        }
    }

    pub fn open_data(self) -> &'static OpenDataTexts {
        match self {
            Lang::Vi => &open_data::VI,
            Lang::En => &open_data::EN,
        }
    }

    pub fn follow(self) -> &'static FollowTexts {
        match self {
            Lang::Vi => &follow::VI,
            Lang::En => &follow::EN,
        }
    }

    pub fn survey(self) -> &'static SurveyTexts {
        match self {
            Lang::Vi => &survey::VI,
            Lang::En => &survey::EN,
        }
    }

    pub fn staff(self) -> &'static StaffTexts {
        match self {
            Lang::Vi => &staff::VI,
            Lang::En => &staff::EN,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    /// A portal path in this language: `/thu-tuc` stays, or becomes `/en/thu-tuc`.
    pub fn href(self, path: &str) -> String {
        match (self, path) {
            (Lang::Vi, _) => path.to_owned(),
            (Lang::En, "/") => "/en".to_owned(),
            (Lang::En, _) => format!("/en{path}"),
        }
    }

    /// The same page in the other language, from the current path (with its query).
    pub fn switch_href(self, current: &str) -> String {
        match self {
            Lang::Vi => Lang::En.href(current),
            Lang::En => match current.strip_prefix("/en") {
                Some("") => "/".to_owned(),
                Some(rest) if rest.starts_with('/') || rest.starts_with('?') => {
                    if rest.starts_with('?') {
                        format!("/{rest}")
                    } else {
                        rest.to_owned()
                    }
                }
                _ => current.to_owned(),
            },
        }
    }
}

pub struct Texts {
    pub portal_name: &'static str,
    pub portal_tagline: &'static str,
    pub skip_to_content: &'static str,
    /// Shown on every page when the portal runs the demonstration.
    pub demo_banner: &'static str,
    pub nav_label: &'static str,
    pub nav_procedures: &'static str,
    pub nav_agencies: &'static str,
    pub other_language: &'static str,
    pub other_language_label: &'static str,
    pub footer_note: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,

    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_hint: &'static str,
    pub search_button: &'static str,
    pub fields_heading: &'static str,
    pub popular_heading: &'static str,
    pub procedures_count: fn(u64) -> String,

    pub directory_title: &'static str,
    pub filters_heading: &'static str,
    pub filter_field: &'static str,
    pub filter_agency: &'static str,
    pub filter_level: &'static str,
    pub filter_subject: &'static str,
    pub filter_online: &'static str,
    pub filter_status: &'static str,
    pub filter_any: &'static str,
    pub apply_filters: &'static str,
    pub clear_filters: &'static str,
    pub results_count: fn(u64) -> String,
    pub results_count_over: fn(u64) -> String,
    pub results_for: fn(&str) -> String,
    pub no_results: &'static str,
    pub no_results_hint: &'static str,
    pub pagination_label: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub page_of: fn(u32, u32) -> String,

    pub code_label: &'static str,
    pub field_label: &'static str,
    pub level_label: &'static str,
    pub subject_label: &'static str,
    pub kind_label: &'static str,
    pub online_label: &'static str,
    pub status_label: &'static str,
    pub time_limit_label: &'static str,
    pub implementing_label: &'static str,
    pub competent_label: &'static str,
    pub delegated_label: &'static str,
    pub coordinating_label: &'static str,
    pub effective_from_label: &'static str,
    pub effective_until_label: &'static str,
    pub decision_label: &'static str,

    pub checklist_heading: &'static str,
    pub checklist_general_case: &'static str,
    /// How many papers are ticked: `{done}` of `{all}`.
    pub checklist_progress: &'static str,
    pub originals: fn(u32) -> String,
    pub copies: fn(u32) -> String,
    pub form_label: &'static str,
    pub no_documents: &'static str,
    pub channels_heading: &'static str,
    pub channel_column: &'static str,
    pub time_column: &'static str,
    pub fees_column: &'static str,
    pub no_fee: &'static str,
    pub not_stated: &'static str,
    pub where_heading: &'static str,
    pub receiving_address_label: &'static str,
    pub steps_heading: &'static str,
    pub results_heading: &'static str,
    pub conditions_heading: &'static str,
    pub legal_basis_heading: &'static str,
    pub history_heading: &'static str,
    /// The catalogue's feed of changes, and one procedure's (`{name}`).
    pub feed_changes_title: &'static str,
    pub changes_title: &'static str,
    pub changes_lead: &'static str,
    pub changes_none: &'static str,
    pub changes_api: &'static str,
    pub changes_link: &'static str,
    pub feed_history_title: &'static str,
    /// The links to them.
    pub feed_changes_link: &'static str,
    pub feed_history_link: &'static str,
    pub revision_label: fn(u32) -> String,
    pub first_publication: &'static str,
    pub changed_label: &'static str,
    pub print: &'static str,
    pub printable_view: &'static str,
    pub abolished_notice: &'static str,
    pub replaced_notice: &'static str,
    pub replacement_link: &'static str,
    pub procedure_not_found: &'static str,
    pub back_to_directory: &'static str,
    pub breadcrumb_label: &'static str,

    pub agencies_title: &'static str,
    pub agencies_lead: &'static str,
    pub coordinating_office: &'static str,
    pub contact_heading: &'static str,
    pub email_label: &'static str,
    pub phone_label: &'static str,
    pub address_label: &'static str,
    pub office_hours_label: &'static str,
    pub cutoff_label: fn(&str) -> String,
    pub website_label: &'static str,
    pub parent_agency_label: &'static str,
    pub child_agencies_label: &'static str,
    pub agency_procedures_heading: &'static str,
    pub agency_not_found: &'static str,

    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    /// A page that could not be rendered in time (the server is overloaded).
    pub busy_title: &'static str,
    pub busy_text: &'static str,
    pub unavailable_title: &'static str,
    pub unavailable_text: &'static str,
    /// A form posted from another site (or not saying where from), refused.
    pub forged_title: &'static str,
    pub forged_text: &'static str,
    /// An address holding a character no page has (U+0000).
    pub bad_address_title: &'static str,
    pub bad_address_text: &'static str,
    pub go_home: &'static str,

    pub levels: [&'static str; 4],
    pub level_agencies: [&'static str; 4],
    pub subjects: [&'static str; 2],
    pub online_levels: [&'static str; 3],
    pub statuses: [&'static str; 4],
    pub channels: [&'static str; 3],
    pub fee_kinds: [&'static str; 2],
    pub record_parts: [&'static str; 10],
    pub units: fn(u32, TimeUnit) -> String,
}

impl Texts {
    pub fn level(&self, l: AgencyLevel) -> &'static str {
        self.levels[l as usize]
    }
    pub fn level_agencies(&self, l: AgencyLevel) -> &'static str {
        self.level_agencies[l as usize]
    }
    pub fn subject(&self, s: Subject) -> &'static str {
        self.subjects[s as usize]
    }
    pub fn online(&self, o: OnlineLevel) -> &'static str {
        self.online_levels[o as usize]
    }
    pub fn status(&self, s: ProcedureStatus) -> &'static str {
        self.statuses[s as usize]
    }
    pub fn channel(&self, c: ChannelKind) -> &'static str {
        self.channels[c as usize]
    }
    pub fn fee_kind(&self, f: FeeKind) -> &'static str {
        self.fee_kinds[f as usize]
    }
    pub fn record_part(&self, p: RecordPart) -> &'static str {
        self.record_parts[p as usize]
    }
    /// What a revision changed, as the change history and the feeds say it.
    pub fn revision_changes(&self, changed: &[RecordPart]) -> String {
        if changed.is_empty() {
            self.first_publication.to_owned()
        } else {
            let parts: Vec<&str> = changed.iter().map(|c| self.record_part(*c)).collect();
            format!("{}: {}", self.changed_label, parts.join(", "))
        }
    }
}

pub static VI: Texts = Texts {
    portal_name: "Cổng Dịch vụ công và Phản ánh kiến nghị",
    portal_tagline: "Thành phố Hà Nội",
    skip_to_content: "Bỏ qua, đến nội dung chính",
    demo_banner: "Bản trình diễn: cơ quan, thủ tục, phản ánh và tài khoản ở đây là dữ liệu mẫu; mật khẩu các tài khoản được công bố. Không gửi thông tin thật.",
    nav_label: "Điều hướng chính",
    nav_procedures: "Thủ tục hành chính",
    nav_agencies: "Cơ quan",
    other_language: "English",
    other_language_label: "Xem trang này bằng tiếng Anh",
    footer_note: "Thông tin thủ tục hành chính được công bố theo quyết định của cơ quan có thẩm quyền. \
                  Ngày tháng theo định dạng ngày/tháng/năm.",
    loading: "Đang tải…",
    load_failed: "Không tải được dữ liệu. Vui lòng thử lại sau ít phút.",

    home_title: "Tra cứu thủ tục hành chính",
    home_lead: "Biết ngay cần mang giấy tờ gì, mất bao lâu, tốn bao nhiêu và nộp ở đâu. \
                Gõ có dấu hay không dấu đều được.",
    search_label: "Tìm thủ tục",
    search_placeholder: "Ví dụ: khai sinh, ho chieu, 1.001193",
    search_hint: "Nhập tên thủ tục, từ khóa hoặc mã thủ tục.",
    search_button: "Tìm kiếm",
    fields_heading: "Lĩnh vực",
    popular_heading: "Thủ tục được thực hiện nhiều nhất",
    procedures_count: |n| format!("{n} thủ tục"),

    directory_title: "Thủ tục hành chính",
    filters_heading: "Lọc kết quả",
    filter_field: "Lĩnh vực",
    filter_agency: "Cơ quan thực hiện",
    filter_level: "Cấp thực hiện",
    filter_subject: "Đối tượng",
    filter_online: "Dịch vụ công trực tuyến",
    filter_status: "Tình trạng",
    filter_any: "Tất cả",
    apply_filters: "Áp dụng",
    clear_filters: "Xóa bộ lọc",
    results_count: |n| format!("{n} thủ tục"),
    results_count_over: |n| format!("Hơn {n} thủ tục"),
    results_for: |q| format!("Kết quả cho «{q}»"),
    no_results: "Không tìm thấy thủ tục phù hợp.",
    no_results_hint: "Thử từ khóa ngắn hơn, bỏ bớt bộ lọc, hoặc tìm theo lĩnh vực.",
    pagination_label: "Phân trang",
    previous_page: "Trang trước",
    next_page: "Trang sau",
    page_of: |p, n| format!("Trang {p}/{n}"),

    code_label: "Mã thủ tục",
    field_label: "Lĩnh vực",
    level_label: "Cấp thực hiện",
    subject_label: "Đối tượng thực hiện",
    kind_label: "Loại thủ tục",
    online_label: "Dịch vụ công trực tuyến",
    status_label: "Tình trạng",
    time_limit_label: "Thời hạn giải quyết",
    implementing_label: "Cơ quan thực hiện",
    competent_label: "Cơ quan có thẩm quyền",
    delegated_label: "Cơ quan được ủy quyền",
    coordinating_label: "Cơ quan phối hợp",
    effective_from_label: "Có hiệu lực từ",
    effective_until_label: "Hết hiệu lực từ",
    decision_label: "Quyết định công bố",

    checklist_heading: "Giấy tờ cần chuẩn bị",
    checklist_general_case: "Hồ sơ gồm",
    checklist_progress: "Đã chuẩn bị {done}/{all} giấy tờ",
    originals: |n| format!("{n} bản chính"),
    copies: |n| format!("{n} bản sao"),
    form_label: "Mẫu đơn, tờ khai",
    no_documents: "Không yêu cầu hồ sơ giấy.",
    channels_heading: "Cách thức nộp, thời hạn và phí",
    channel_column: "Cách thức",
    time_column: "Thời hạn",
    fees_column: "Phí, lệ phí",
    no_fee: "Không thu phí",
    not_stated: "Không quy định",
    where_heading: "Nơi nộp hồ sơ",
    receiving_address_label: "Địa chỉ tiếp nhận",
    steps_heading: "Trình tự thực hiện",
    results_heading: "Kết quả",
    conditions_heading: "Yêu cầu, điều kiện",
    legal_basis_heading: "Căn cứ pháp lý",
    history_heading: "Lịch sử thay đổi",
    feed_changes_title: "Thủ tục hành chính mới công bố và được sửa đổi",
    changes_title: "Thủ tục mới thay đổi",
    changes_lead: "50 lần công bố và sửa đổi thủ tục gần nhất, mới nhất trước, kèm những phần đã thay đổi: \
                   giấy tờ, phí, thời hạn, cơ quan, căn cứ pháp lý.",
    changes_none: "Chưa có thủ tục nào được công bố.",
    changes_api: "Hệ thống khác theo dõi thay đổi bằng /api/v1/procedures?changed-since= (xem trang Dữ liệu mở).",
    changes_link: "Thủ tục mới thay đổi",
    feed_history_title: "Lịch sử thay đổi: {name}",
    feed_changes_link: "Theo dõi thủ tục mới và được sửa đổi (Atom)",
    feed_history_link: "Theo dõi thay đổi của thủ tục này (Atom)",
    revision_label: |n| format!("Phiên bản {n}"),
    first_publication: "Công bố lần đầu",
    changed_label: "Thay đổi",
    print: "In trang này",
    printable_view: "Bản để in",
    abolished_notice: "Thủ tục này đã bị bãi bỏ và không còn được thực hiện.",
    replaced_notice: "Thủ tục này đã được thay thế.",
    replacement_link: "Xem thủ tục thay thế",
    procedure_not_found: "Không có thủ tục với mã này.",
    back_to_directory: "Quay lại danh mục thủ tục",
    breadcrumb_label: "Vị trí trang",

    agencies_title: "Cơ quan",
    agencies_lead: "Các cơ quan tiếp nhận, giải quyết thủ tục hành chính và phản ánh kiến nghị.",
    coordinating_office: "Cơ quan đầu mối",
    contact_heading: "Liên hệ",
    email_label: "Thư điện tử",
    phone_label: "Điện thoại",
    address_label: "Địa chỉ",
    office_hours_label: "Giờ làm việc",
    cutoff_label: |t| format!("Hồ sơ nộp sau {t} được tính là tiếp nhận vào ngày làm việc tiếp theo."),
    website_label: "Trang thông tin điện tử",
    parent_agency_label: "Cơ quan cấp trên",
    child_agencies_label: "Đơn vị trực thuộc",
    agency_procedures_heading: "Thủ tục do cơ quan thực hiện",
    agency_not_found: "Không có cơ quan này.",

    not_found_title: "Không tìm thấy trang",
    not_found_text: "Địa chỉ này không có trên cổng, hoặc đã được chuyển đi.",
    busy_title: "Cổng đang quá tải",
    busy_text: "Trang chưa tạo được lúc này. Vui lòng tải lại sau {seconds} giây.",
    unavailable_title: "Chưa lưu được",
    unavailable_text: "Hệ thống lưu trữ đang tạm thời gián đoạn; chưa có gì được lưu. Vui lòng quay lại trang trước và gửi lại sau {seconds} giây.",
    forged_title: "Yêu cầu bị từ chối",
    bad_address_title: "Địa chỉ không hợp lệ",
    bad_address_text: "Địa chỉ trang có ký tự không dùng được. Vui lòng kiểm tra lại đường dẫn.",
    forged_text: "Biểu mẫu này không được gửi từ trang của cổng nên không được xử lý. Vui lòng mở lại trang trên cổng và gửi lại.",
    go_home: "Về trang chủ",

    levels: ["Trung ương", "Cấp tỉnh", "Cấp huyện (cũ)", "Cấp xã"],
    level_agencies: ["Cơ quan trung ương", "Cơ quan cấp tỉnh", "Cơ quan cấp huyện (cũ)", "Ủy ban nhân dân cấp xã"],
    subjects: ["Cá nhân", "Tổ chức, doanh nghiệp"],
    online_levels: ["Toàn trình", "Một phần", "Không trực tuyến"],
    statuses: ["Đang thực hiện", "Đã sửa đổi, bổ sung", "Đã bị thay thế", "Đã bãi bỏ"],
    channels: ["Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"],
    fee_kinds: ["Phí", "Lệ phí"],
    record_parts: [
        "tên thủ tục",
        "cách thức, thời hạn, phí",
        "thành phần hồ sơ",
        "trình tự",
        "cơ quan, nơi nộp",
        "căn cứ pháp lý",
        "kết quả",
        "yêu cầu, điều kiện",
        "mức độ trực tuyến",
        "tình trạng, hiệu lực",
    ],
    units: |n, unit| match unit {
        TimeUnit::Hours => format!("{n} giờ"),
        TimeUnit::Days => format!("{n} ngày"),
        TimeUnit::WorkingDays => format!("{n} ngày làm việc"),
        TimeUnit::Months => format!("{n} tháng"),
    },
};

pub static EN: Texts = Texts {
    portal_name: "Public Services and Feedback Portal",
    portal_tagline: "Hanoi City",
    skip_to_content: "Skip to main content",
    demo_banner: "Demonstration: the agencies, procedures, cases and accounts here are sample data, and the accounts' password is published. Do not send real details.",
    nav_label: "Main navigation",
    nav_procedures: "Procedures",
    nav_agencies: "Agencies",
    other_language: "Tiếng Việt",
    other_language_label: "View this page in Vietnamese",
    footer_note: "Procedure information is published by decision of the competent authorities. \
                  Dates are day/month/year.",
    loading: "Loading…",
    load_failed: "The data could not be loaded. Please try again in a few minutes.",

    home_title: "Find an administrative procedure",
    home_lead: "See at once which papers to bring, how long it takes, what it costs and where to submit. \
                Type with or without Vietnamese accents.",
    search_label: "Search procedures",
    search_placeholder: "For example: khai sinh, ho chieu, 1.001193",
    search_hint: "Type a procedure name, a keyword or a procedure code.",
    search_button: "Search",
    fields_heading: "Fields",
    popular_heading: "Most used procedures",
    procedures_count: |n| if n == 1 { "1 procedure".to_owned() } else { format!("{n} procedures") },

    directory_title: "Administrative procedures",
    filters_heading: "Filter results",
    filter_field: "Field",
    filter_agency: "Implementing agency",
    filter_level: "Level of government",
    filter_subject: "Who it is for",
    filter_online: "Online service",
    filter_status: "Status",
    filter_any: "Any",
    apply_filters: "Apply",
    clear_filters: "Clear filters",
    results_count: |n| if n == 1 { "1 procedure".to_owned() } else { format!("{n} procedures") },
    results_count_over: |n| format!("More than {n} procedures"),
    results_for: |q| format!("Results for “{q}”"),
    no_results: "No procedure matches.",
    no_results_hint: "Try a shorter keyword, remove a filter, or browse by field.",
    pagination_label: "Pagination",
    previous_page: "Previous page",
    next_page: "Next page",
    page_of: |p, n| format!("Page {p} of {n}"),

    code_label: "Procedure code",
    field_label: "Field",
    level_label: "Level of government",
    subject_label: "Who may apply",
    kind_label: "Procedure type",
    online_label: "Online service",
    status_label: "Status",
    time_limit_label: "Time limit",
    implementing_label: "Implementing agency",
    competent_label: "Competent agency",
    delegated_label: "Delegated agency",
    coordinating_label: "Coordinating agency",
    effective_from_label: "In force from",
    effective_until_label: "In force until",
    decision_label: "Publication decision",

    checklist_heading: "Papers to prepare",
    checklist_general_case: "The dossier contains",
    checklist_progress: "{done} of {all} papers ready",
    originals: |n| if n == 1 { "1 original".to_owned() } else { format!("{n} originals") },
    copies: |n| if n == 1 { "1 copy".to_owned() } else { format!("{n} copies") },
    form_label: "Form",
    no_documents: "No paper dossier is required.",
    channels_heading: "How to submit, time limits and fees",
    channel_column: "Channel",
    time_column: "Time limit",
    fees_column: "Fees and charges",
    no_fee: "No fee",
    not_stated: "Not specified",
    where_heading: "Where to submit",
    receiving_address_label: "Receiving address",
    steps_heading: "Steps",
    results_heading: "Result",
    conditions_heading: "Requirements and conditions",
    legal_basis_heading: "Legal basis",
    history_heading: "Change history",
    feed_changes_title: "Administrative procedures newly published and amended",
    changes_title: "Recently changed procedures",
    changes_lead: "The latest 50 publications and amendments of procedures, newest first, with the parts that \
                   changed: documents, fees, time limits, agencies, legal basis.",
    changes_none: "No procedure has been published yet.",
    changes_api: "Other systems follow the changes with /api/v1/procedures?changed-since= (see Open data).",
    changes_link: "Recently changed procedures",
    feed_history_title: "Change history: {name}",
    feed_changes_link: "Follow new and amended procedures (Atom)",
    feed_history_link: "Follow this procedure's changes (Atom)",
    revision_label: |n| format!("Revision {n}"),
    first_publication: "First published",
    changed_label: "Changed",
    print: "Print this page",
    printable_view: "Printable view",
    abolished_notice: "This procedure has been abolished and is no longer carried out.",
    replaced_notice: "This procedure has been replaced.",
    replacement_link: "See the procedure that replaces it",
    procedure_not_found: "There is no procedure with this code.",
    back_to_directory: "Back to the procedure directory",
    breadcrumb_label: "Breadcrumb",

    agencies_title: "Agencies",
    agencies_lead: "The agencies that receive and handle administrative procedures and feedback.",
    coordinating_office: "Coordinating office",
    contact_heading: "Contact",
    email_label: "E-mail",
    phone_label: "Telephone",
    address_label: "Address",
    office_hours_label: "Office hours",
    cutoff_label: |t| format!("Submissions after {t} count as received on the next working day."),
    website_label: "Website",
    parent_agency_label: "Reports to",
    child_agencies_label: "Units under it",
    agency_procedures_heading: "Procedures this agency carries out",
    agency_not_found: "There is no such agency.",

    not_found_title: "Page not found",
    not_found_text: "This address is not on the portal, or it has moved.",
    busy_title: "The portal is overloaded",
    busy_text: "The page could not be prepared just now. Please reload it in {seconds} seconds.",
    unavailable_title: "Not saved",
    unavailable_text: "Storage is briefly unavailable; nothing was saved. Please go back and send it again in {seconds} seconds.",
    forged_title: "Request refused",
    bad_address_title: "Invalid address",
    bad_address_text: "The page address holds a character that cannot be used. Please check the link.",
    forged_text: "This form was not sent from a page of the portal, so it was not processed. Please open the page on the portal again and send it from there.",
    go_home: "Go to the home page",

    levels: ["Central", "Province", "District (former)", "Commune"],
    level_agencies: [
        "Central agencies",
        "Provincial agencies",
        "District agencies (former)",
        "Commune people's committees",
    ],
    subjects: ["Individuals", "Organisations and businesses"],
    online_levels: ["Fully online", "Partly online", "Not online"],
    statuses: ["In force", "Amended", "Replaced", "Abolished"],
    channels: ["In person", "Online", "By post"],
    fee_kinds: ["Fee", "Charge"],
    record_parts: [
        "name",
        "channels, time limits, fees",
        "dossier",
        "steps",
        "agencies, where to submit",
        "legal basis",
        "result",
        "requirements",
        "online level",
        "status, dates",
    ],
    units: |n, unit| match (unit, n) {
        (TimeUnit::Hours, 1) => "1 hour".to_owned(),
        (TimeUnit::Hours, _) => format!("{n} hours"),
        (TimeUnit::Days, 1) => "1 day".to_owned(),
        (TimeUnit::Days, _) => format!("{n} days"),
        (TimeUnit::WorkingDays, 1) => "1 working day".to_owned(),
        (TimeUnit::WorkingDays, _) => format!("{n} working days"),
        (TimeUnit::Months, 1) => "1 month".to_owned(),
        (TimeUnit::Months, _) => format!("{n} months"),
    },
};

/// Dates as Vietnamese readers write them: dd/mm/yyyy, in both languages.
pub fn date(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_paths_mirror_vietnamese_ones() {
        assert_eq!(Lang::En.href("/thu-tuc/1.001193"), "/en/thu-tuc/1.001193");
        assert_eq!(Lang::En.href("/"), "/en");
        assert_eq!(Lang::Vi.switch_href("/thu-tuc?q=khai"), "/en/thu-tuc?q=khai");
        assert_eq!(Lang::En.switch_href("/en/thu-tuc?q=khai"), "/thu-tuc?q=khai");
        assert_eq!(Lang::En.switch_href("/en"), "/");
        assert_eq!(Lang::En.switch_href("/en?q=x"), "/?q=x");
    }

    #[test]
    fn units_are_always_spelled_out() {
        assert_eq!((VI.units)(15, TimeUnit::WorkingDays), "15 ngày làm việc");
        assert_eq!((EN.units)(1, TimeUnit::WorkingDays), "1 working day");
    }
}
