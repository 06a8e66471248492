//! Texts of setting up a province and running its accounts: the administrators' pages for
//! agencies, areas, fields and accounts, the audit trail, and the one-time password link.
//! Placeholders in braces are filled by [`super::fill`].

use civicdesk_domain::admin::AuditAction;
use civicdesk_domain::problems::{AdminField, AdminProblem};

pub struct AdminTexts {
    pub nav_label: &'static str,
    pub nav_settings: &'static str,
    pub nav_agencies: &'static str,
    pub nav_areas: &'static str,
    pub nav_fields: &'static str,
    pub nav_accounts: &'static str,
    pub nav_audit: &'static str,

    pub edit: &'static str,
    pub cancel: &'static str,
    pub none: &'static str,
    pub saved: &'static str,
    pub code: &'static str,
    pub code_hint: &'static str,
    pub code_fixed: &'static str,
    pub name: &'static str,
    pub delete_hint: &'static str,

    pub agencies_title: &'static str,
    pub agencies_intro: &'static str,
    pub agency_add: &'static str,
    pub agency_edit: &'static str,
    pub slug: &'static str,
    pub slug_hint: &'static str,
    pub level: &'static str,
    pub parent_agency: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub address: &'static str,
    pub office_hours: &'static str,
    pub office_hours_hint: &'static str,
    pub cutoff: &'static str,
    pub cutoff_hint: &'static str,
    pub website: &'static str,
    pub coordinating: &'static str,
    pub coordinating_hint: &'static str,
    pub coordinating_mark: &'static str,

    pub areas_title: &'static str,
    pub areas_intro: &'static str,
    pub area_add: &'static str,
    pub area_edit: &'static str,
    pub parent_area: &'static str,
    pub area_agency: &'static str,

    pub fields_title: &'static str,
    pub fields_intro: &'static str,
    pub field_add: &'static str,
    pub field_edit: &'static str,
    pub procedures: &'static str,

    pub accounts_title: &'static str,
    pub accounts_intro: &'static str,
    pub account_add: &'static str,
    pub account_edit: &'static str,
    pub active: &'static str,
    pub inactive: &'static str,
    pub active_label: &'static str,
    pub active_hint: &'static str,
    pub sessions: &'static str,
    pub first_password: &'static str,
    pub first_password_hint: &'static str,
    pub end_sessions: &'static str,
    pub send_link: &'static str,
    pub link_sent: &'static str,
    pub sessions_ended: &'static str,

    pub audit_title: &'static str,
    pub audit_intro: &'static str,
    pub audit_action: &'static str,
    pub audit_actor: &'static str,
    pub audit_subject: &'static str,
    pub audit_from: &'static str,
    pub audit_until: &'static str,
    pub audit_filter: &'static str,
    pub audit_time: &'static str,
    pub audit_what: &'static str,
    pub audit_address: &'static str,
    pub audit_none: &'static str,
    pub audit_older: &'static str,
    pub audit_actions: [&'static str; 8],
    pub changes: &'static [(&'static str, &'static str)],

    pub sign_out_everywhere: &'static str,
    pub link_title: &'static str,
    pub link_intro: &'static str,
    pub link_unusable: &'static str,
    pub link_submit: &'static str,
    pub link_done: &'static str,
    pub mail_link_subject: &'static str,
    pub mail_link_body: &'static str,

    /// Why a form was refused, beside the field at fault or above the form.
    pub problem: fn(AdminProblem) -> &'static str,
}

impl AdminTexts {
    pub fn audit_action(&self, action: AuditAction) -> &'static str {
        self.audit_actions[AuditAction::ALL.iter().position(|a| *a == action).unwrap_or(0)]
    }

    /// The name of an administrative change (`save_agency`), or the word itself.
    pub fn change(&self, change: &str) -> String {
        self.changes.iter().find(|(c, _)| *c == change).map_or_else(|| change.to_owned(), |(_, t)| (*t).to_owned())
    }
}

pub static VI: AdminTexts = AdminTexts {
    nav_label: "Các mục quản trị",
    nav_settings: "Lịch, thời hạn, mẫu, định tuyến",
    nav_agencies: "Cơ quan",
    nav_areas: "Địa bàn",
    nav_fields: "Lĩnh vực",
    nav_accounts: "Tài khoản",
    nav_audit: "Nhật ký",

    edit: "Sửa",
    cancel: "Thôi, không sửa",
    none: "— Không —",
    saved: "Đã lưu thay đổi.",
    code: "Mã",
    code_hint: "Chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch nối; tối đa 40 ký tự. Không đổi được sau khi tạo.",
    code_fixed: "Mã không đổi được: phản ánh, tài khoản và đường dẫn đều dùng mã này.",
    name: "Tên",
    delete_hint: "Chỉ xóa được khi không còn phản ánh, tài khoản, quy tắc hay thủ tục nào gắn với mục này.",

    agencies_title: "Cơ quan",
    agencies_intro: "Các cơ quan tiếp nhận, xử lý phản ánh và thực hiện thủ tục, theo cấp và đơn vị chủ quản. Một cơ quan là văn phòng điều phối: nhận phản ánh không có quy tắc định tuyến và xem được mọi phản ánh. Thay đổi giờ chốt nhận áp dụng cho phản ánh nhận từ nay; hạn đã tính giữ nguyên.",
    agency_add: "Thêm cơ quan",
    agency_edit: "Sửa cơ quan",
    slug: "Đường dẫn",
    slug_hint: "Chữ thường không dấu và gạch nối, dùng trong địa chỉ trang /co-quan/…; để trống để tạo từ tên.",
    level: "Cấp",
    parent_agency: "Trực thuộc",
    email: "Thư điện tử",
    phone: "Điện thoại",
    address: "Địa chỉ",
    office_hours: "Giờ làm việc",
    office_hours_hint: "Như công bố, ví dụ: Thứ Hai – Thứ Sáu, 7:30–11:30 và 13:30–17:00.",
    cutoff: "Giờ chốt nhận trong ngày",
    cutoff_hint: "Giờ Việt Nam, dạng 16:30. Phản ánh gửi sau giờ này tính là nhận vào ngày làm việc kế tiếp.",
    website: "Trang thông tin điện tử",
    coordinating: "Là văn phòng điều phối",
    coordinating_hint: "Chỉ một cơ quan; chọn ở đây thì cơ quan đang là văn phòng điều phối thôi vai trò đó.",
    coordinating_mark: "văn phòng điều phối",

    areas_title: "Địa bàn",
    areas_intro: "Tỉnh, thành phố và các xã, phường mà người gửi chọn khi phản ánh; mỗi xã, phường gắn với Ủy ban nhân dân của mình để định tuyến.",
    area_add: "Thêm địa bàn",
    area_edit: "Sửa địa bàn",
    parent_area: "Thuộc",
    area_agency: "Cơ quan của địa bàn",

    fields_title: "Lĩnh vực",
    fields_intro: "Lĩnh vực của thủ tục hành chính (hộ tịch, đất đai…). Danh mục thủ tục nhập từ Cơ sở dữ liệu quốc gia cũng thêm lĩnh vực.",
    field_add: "Thêm lĩnh vực",
    field_edit: "Sửa lĩnh vực",
    procedures: "Số thủ tục",

    accounts_title: "Tài khoản cán bộ",
    accounts_intro: "Thêm tài khoản, đổi vai trò hoặc cơ quan, khóa tài khoản (mọi phiên đăng nhập kết thúc ngay) và gửi đường dẫn đặt mật khẩu một lần qua thư điện tử.",
    account_add: "Thêm tài khoản",
    account_edit: "Sửa tài khoản",
    active: "Đang hoạt động",
    inactive: "Đã khóa",
    active_label: "Tài khoản hoạt động",
    active_hint: "Bỏ chọn để khóa: cán bộ không đăng nhập được và mọi phiên đang mở kết thúc ngay.",
    sessions: "Phiên đang mở",
    first_password: "Mật khẩu ban đầu (không bắt buộc)",
    first_password_hint: "Để trống thì cán bộ nhận thư có đường dẫn đặt mật khẩu (dùng một lần, hết hạn sau 24 giờ). Nếu nhập: ít nhất 10 ký tự.",
    end_sessions: "Đăng xuất khỏi mọi nơi",
    send_link: "Gửi đường dẫn đặt mật khẩu",
    link_sent: "Đã gửi thư có đường dẫn đặt mật khẩu.",
    sessions_ended: "Mọi phiên đăng nhập của tài khoản đã kết thúc.",

    audit_title: "Nhật ký quản trị",
    audit_intro: "Ai đã làm gì, lúc nào: mọi thay đổi quản trị (trước → sau), mọi lần đăng nhập và đăng nhập sai, mọi lần xuất dữ liệu và mọi lần cán bộ ngoài cơ quan xử lý xem thông tin cá nhân của người gửi. Nhật ký chỉ được ghi thêm, không sửa, không xóa.",
    audit_action: "Loại",
    audit_actor: "Người thực hiện",
    audit_subject: "Đối tượng",
    audit_from: "Từ ngày",
    audit_until: "Đến ngày",
    audit_filter: "Lọc",
    audit_time: "Thời điểm",
    audit_what: "Nội dung",
    audit_address: "Địa chỉ IP",
    audit_none: "Không có mục nào.",
    audit_older: "Cũ hơn",
    audit_actions: [
        "Thay đổi quản trị",
        "Đăng nhập",
        "Đăng nhập sai",
        "Đăng xuất khỏi mọi nơi",
        "Đổi mật khẩu",
        "Đặt mật khẩu qua đường dẫn",
        "Xuất dữ liệu",
        "Xem thông tin cá nhân",
    ],
    changes: &[
        ("add_day", "Lưu ngày nghỉ, làm bù"),
        ("delete_day", "Xóa ngày nghỉ, làm bù"),
        ("add_term", "Lưu thời hạn trả lời"),
        ("delete_term", "Xóa thời hạn trả lời"),
        ("save_template", "Lưu mẫu trả lời"),
        ("delete_template", "Xóa mẫu trả lời"),
        ("save_rule", "Lưu quy tắc định tuyến"),
        ("delete_rule", "Xóa quy tắc định tuyến"),
        ("save_agency", "Lưu cơ quan"),
        ("delete_agency", "Xóa cơ quan"),
        ("save_area", "Lưu địa bàn"),
        ("delete_area", "Xóa địa bàn"),
        ("save_field", "Lưu lĩnh vực"),
        ("delete_field", "Xóa lĩnh vực"),
        ("add_account", "Thêm tài khoản"),
        ("update_account", "Sửa tài khoản"),
        ("send_link", "Gửi đường dẫn đặt mật khẩu"),
        ("import_agencies", "Nhập cơ quan, địa bàn từ tệp"),
        ("create_admin", "Tạo quản trị viên (dòng lệnh)"),
        ("reset_admin", "Đặt lại quản trị viên (dòng lệnh)"),
    ],

    sign_out_everywhere: "Đăng xuất khỏi mọi nơi",
    link_title: "Đặt mật khẩu",
    link_intro: "Đặt mật khẩu cho tài khoản {email}. Sau khi đặt, mọi phiên đăng nhập cũ của tài khoản kết thúc.",
    link_unusable: "Đường dẫn này đã được dùng, đã hết hạn hoặc không đúng. Đề nghị quản trị viên gửi đường dẫn mới.",
    link_submit: "Đặt mật khẩu",
    link_done: "Đã đặt mật khẩu. Mời đăng nhập.",
    mail_link_subject: "Đặt mật khẩu tài khoản cán bộ",
    mail_link_body: "Kính gửi {name},\n\nQuản trị viên cổng đã gửi cho anh/chị đường dẫn đặt mật khẩu tài khoản {email}. Đường dẫn dùng được một lần, trong {hours} giờ:\n{link}\n\nNếu anh/chị không chờ thư này, hãy báo quản trị viên và không mở đường dẫn.",

    problem: |problem| match problem {
        AdminProblem::Field(AdminField::Code) => {
            "Mã chưa đúng: chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch nối, tối đa 40 ký tự, và chưa có mục nào dùng."
        }
        AdminProblem::Field(AdminField::Name) => "Nhập tên (tối đa 200 ký tự).",
        AdminProblem::Field(AdminField::Slug) => {
            "Đường dẫn chỉ gồm chữ thường không dấu, số và gạch nối, và chưa cơ quan nào dùng."
        }
        AdminProblem::Field(AdminField::Level) => "Chọn cấp của cơ quan.",
        AdminProblem::Field(AdminField::Parent) => {
            "Đơn vị trực thuộc (hoặc địa bàn cha) không có trong danh sách, hoặc tạo thành vòng lặp."
        }
        AdminProblem::Field(AdminField::Email) => "Thư điện tử chưa đúng, ví dụ: vanphong@tinh.gov.vn.",
        AdminProblem::Field(AdminField::Phone) => "Điện thoại viết trên một dòng, tối đa 40 ký tự.",
        AdminProblem::Field(AdminField::Address) => "Địa chỉ viết trên một dòng, tối đa 300 ký tự.",
        AdminProblem::Field(AdminField::OfficeHours) => "Giờ làm việc viết trên một dòng, tối đa 300 ký tự.",
        AdminProblem::Field(AdminField::Cutoff) => "Giờ chốt nhận viết dạng giờ:phút, ví dụ 16:30.",
        AdminProblem::Field(AdminField::Website) => "Địa chỉ trang bắt đầu bằng https:// và không có khoảng trắng.",
        AdminProblem::Field(AdminField::Agency) => "Chọn một cơ quan có trong danh sách.",
        AdminProblem::Field(AdminField::Area) => "Chọn một địa bàn có trong danh sách.",
        AdminProblem::Field(AdminField::Category) => "Chọn một loại phản ánh có trong danh sách.",
        AdminProblem::Field(AdminField::Date) => "Nhập ngày dạng năm-tháng-ngày.",
        AdminProblem::Field(AdminField::Note) => "Nhập ghi chú.",
        AdminProblem::Field(AdminField::Amount) => "Thời hạn là số từ 1 đến 365.",
        AdminProblem::Field(AdminField::Title) => "Nhập tiêu đề.",
        AdminProblem::Field(AdminField::Body) => "Nhập nội dung.",
        AdminProblem::Field(AdminField::Role) => "Chọn vai trò.",
        AdminProblem::Field(AdminField::Password) => {
            "Mật khẩu ban đầu cần ít nhất 10 ký tự, hoặc để trống để gửi đường dẫn."
        }
        AdminProblem::Exists => "Đã có mục này (mã, đường dẫn hoặc thư điện tử đã được dùng).",
        AdminProblem::InUse => {
            "Chưa xóa được: còn phản ánh, tài khoản, quy tắc, thủ tục hoặc đơn vị trực thuộc gắn với mục này."
        }
        AdminProblem::Gone => "Mục này không còn (có thể vừa bị người khác xóa). Tải lại trang.",
        AdminProblem::OwnAccount => "Không thể tự khóa hay bỏ vai trò quản trị của chính mình.",
        AdminProblem::CoordinatorNeeded => {
            "Luôn phải có một văn phòng điều phối: chọn cơ quan khác làm văn phòng điều phối trước, rồi mới bỏ hoặc xóa cơ quan này."
        }
        AdminProblem::Inactive => "Tài khoản đã khóa: mở lại trước khi gửi đường dẫn.",
        AdminProblem::UnknownAction
        | AdminProblem::Field(AdminField::Coordinating | AdminField::Kind | AdminField::Unit | AdminField::Active) => {
            "Chưa lưu được. Kiểm tra lại các ô đã nhập."
        }
    },
};

pub static EN: AdminTexts = AdminTexts {
    nav_label: "Administration sections",
    nav_settings: "Calendar, terms, templates, routing",
    nav_agencies: "Agencies",
    nav_areas: "Areas",
    nav_fields: "Fields",
    nav_accounts: "Accounts",
    nav_audit: "Audit trail",

    edit: "Edit",
    cancel: "Cancel editing",
    none: "— None —",
    saved: "Changes saved.",
    code: "Code",
    code_hint: "Unaccented letters, digits, dot, underscore or hyphen; at most 40. Cannot change once created.",
    code_fixed: "The code cannot change: cases, accounts and links use it.",
    name: "Name",
    delete_hint: "Only what no case, account, rule or procedure refers to can be deleted.",

    agencies_title: "Agencies",
    agencies_intro: "The agencies that receive and handle feedback and carry out procedures, by level and parent. One is the coordinating office: it receives feedback no routing rule places and sees every case. A new receipt cut-off applies to cases received from now on; dates already computed stay.",
    agency_add: "Add an agency",
    agency_edit: "Edit agency",
    slug: "Link word",
    slug_hint: "Lower-case unaccented letters and hyphens, used in /co-quan/…; leave empty to make one from the name.",
    level: "Level",
    parent_agency: "Under",
    email: "E-mail",
    phone: "Telephone",
    address: "Address",
    office_hours: "Office hours",
    office_hours_hint: "As published, e.g. Monday – Friday, 7:30–11:30 and 13:30–17:00.",
    cutoff: "Daily receipt cut-off",
    cutoff_hint: "Vietnam time, as 16:30. Feedback sent later counts as received on the next working day.",
    website: "Website",
    coordinating: "Is the coordinating office",
    coordinating_hint: "Only one agency; choosing it here ends that role for the agency that has it now.",
    coordinating_mark: "coordinating office",

    areas_title: "Areas",
    areas_intro: "The province or city and the communes and wards submitters choose from; each commune or ward is tied to its people's committee for routing.",
    area_add: "Add an area",
    area_edit: "Edit area",
    parent_area: "Within",
    area_agency: "The area's agency",

    fields_title: "Fields",
    fields_intro: "Fields of administrative procedures (civil status, land…). Importing the catalogue from the national database adds fields too.",
    field_add: "Add a field",
    field_edit: "Edit field",
    procedures: "Procedures",

    accounts_title: "Staff accounts",
    accounts_intro: "Add accounts, change a role or agency, deactivate an account (its sessions end at once) and e-mail a one-time link to set a password.",
    account_add: "Add an account",
    account_edit: "Edit account",
    active: "Active",
    inactive: "Deactivated",
    active_label: "Account active",
    active_hint: "Untick to deactivate: the official cannot sign in and every open session ends at once.",
    sessions: "Open sessions",
    first_password: "First password (optional)",
    first_password_hint: "Leave empty and the official is e-mailed a link to set one (single use, expires after 24 hours). If given: at least 10 characters.",
    end_sessions: "Sign out everywhere",
    send_link: "Send a link to set the password",
    link_sent: "The e-mail with a link to set the password is on its way.",
    sessions_ended: "Every session of the account has ended.",

    audit_title: "Audit trail",
    audit_intro: "Who did what, and when: every administrative change (before → after), every sign-in and failed sign-in, every export, and every view of a submitter's personal data by an official outside the handling agency. Entries are only ever added: never changed, never deleted.",
    audit_action: "Kind",
    audit_actor: "By",
    audit_subject: "About",
    audit_from: "From",
    audit_until: "Until",
    audit_filter: "Filter",
    audit_time: "When",
    audit_what: "What",
    audit_address: "IP address",
    audit_none: "No entries.",
    audit_older: "Older",
    audit_actions: [
        "Administrative change",
        "Sign-in",
        "Failed sign-in",
        "Signed out everywhere",
        "Password changed",
        "Password set by link",
        "Export",
        "Personal data viewed",
    ],
    changes: &[
        ("add_day", "Save a day off or make-up day"),
        ("delete_day", "Delete a day off or make-up day"),
        ("add_term", "Save an answer term"),
        ("delete_term", "Delete an answer term"),
        ("save_template", "Save a template"),
        ("delete_template", "Delete a template"),
        ("save_rule", "Save a routing rule"),
        ("delete_rule", "Delete a routing rule"),
        ("save_agency", "Save an agency"),
        ("delete_agency", "Delete an agency"),
        ("save_area", "Save an area"),
        ("delete_area", "Delete an area"),
        ("save_field", "Save a field"),
        ("delete_field", "Delete a field"),
        ("add_account", "Add an account"),
        ("update_account", "Change an account"),
        ("send_link", "Send a password link"),
        ("import_agencies", "Import agencies and areas from a file"),
        ("create_admin", "Create an administrator (command line)"),
        ("reset_admin", "Reset an administrator (command line)"),
    ],

    sign_out_everywhere: "Sign out everywhere",
    link_title: "Set your password",
    link_intro: "Set the password of the account {email}. Once set, every earlier session of the account ends.",
    link_unusable: "This link has been used, has expired or is not right. Ask an administrator for a new one.",
    link_submit: "Set the password",
    link_done: "Your password is set. Please sign in.",
    mail_link_subject: "Set the password of your staff account",
    mail_link_body: "Dear {name},\n\nAn administrator of the portal has sent you a link to set the password of the account {email}. It works once, within {hours} hours:\n{link}\n\nIf you did not expect this message, tell an administrator and do not open the link.",

    problem: |problem| match problem {
        AdminProblem::Field(AdminField::Code) => {
            "The code is not right: unaccented letters, digits, dot, underscore or hyphen, at most 40, not used yet."
        }
        AdminProblem::Field(AdminField::Name) => "Give the name (at most 200 characters).",
        AdminProblem::Field(AdminField::Slug) => {
            "The link word takes lower-case unaccented letters, digits and hyphens, and must not be another agency's."
        }
        AdminProblem::Field(AdminField::Level) => "Choose the agency's level.",
        AdminProblem::Field(AdminField::Parent) => "The parent is not in the list, or would make a circle.",
        AdminProblem::Field(AdminField::Email) => "The e-mail address is not right, e.g. office@province.gov.vn.",
        AdminProblem::Field(AdminField::Phone) => "The telephone goes on one line, at most 40 characters.",
        AdminProblem::Field(AdminField::Address) => "The address goes on one line, at most 300 characters.",
        AdminProblem::Field(AdminField::OfficeHours) => "Office hours go on one line, at most 300 characters.",
        AdminProblem::Field(AdminField::Cutoff) => "Write the cut-off as hours:minutes, e.g. 16:30.",
        AdminProblem::Field(AdminField::Website) => "The website starts with https:// and has no spaces.",
        AdminProblem::Field(AdminField::Agency) => "Choose an agency from the list.",
        AdminProblem::Field(AdminField::Area) => "Choose an area from the list.",
        AdminProblem::Field(AdminField::Category) => "Choose a category from the list.",
        AdminProblem::Field(AdminField::Date) => "Give the date as year-month-day.",
        AdminProblem::Field(AdminField::Note) => "Give a note.",
        AdminProblem::Field(AdminField::Amount) => "The term is a number from 1 to 365.",
        AdminProblem::Field(AdminField::Title) => "Give a title.",
        AdminProblem::Field(AdminField::Body) => "Give the text.",
        AdminProblem::Field(AdminField::Role) => "Choose a role.",
        AdminProblem::Field(AdminField::Password) => {
            "A first password needs at least 10 characters, or leave it empty to send a link."
        }
        AdminProblem::Exists => "This already exists (the code, link word or e-mail is taken).",
        AdminProblem::InUse => "Not deleted: cases, accounts, rules, procedures or child agencies still refer to it.",
        AdminProblem::Gone => "This is no longer there (someone may just have deleted it). Reload the page.",
        AdminProblem::OwnAccount => "You cannot deactivate yourself or give up your own administrator role.",
        AdminProblem::CoordinatorNeeded => {
            "There is always a coordinating office: make another agency the coordinating office first, then unmark or delete this one."
        }
        AdminProblem::Inactive => "The account is deactivated: activate it before sending a link.",
        AdminProblem::UnknownAction
        | AdminProblem::Field(AdminField::Coordinating | AdminField::Kind | AdminField::Unit | AdminField::Active) => {
            "Not saved. Please check what you entered."
        }
    },
};
