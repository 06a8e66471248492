//! Texts of the open-data page: the API and its document, the feeds and the sitemap.

pub struct OpenDataTexts {
    pub nav: &'static str,
    pub title: &'static str,
    pub lead: &'static str,
    pub api_title: &'static str,
    pub api_intro: &'static str,
    pub document_link: &'static str,
    pub operations_caption: &'static str,
    pub method_column: &'static str,
    pub address_column: &'static str,
    pub purpose_column: &'static str,
    pub session_note: &'static str,
    pub feeds_title: &'static str,
    pub feeds_intro: &'static str,
    pub feed_procedures: &'static str,
    pub feed_answers: &'static str,
    pub feed_filters: &'static str,
    pub feed_pages: &'static str,
    pub sitemap_title: &'static str,
    pub sitemap_text: &'static str,
    pub privacy: &'static str,
}

pub const VI: OpenDataTexts = OpenDataTexts {
    nav: "Dữ liệu mở",
    title: "Dữ liệu mở và API",
    lead: "Hệ thống khác, nhà báo và nhà nghiên cứu đọc dữ liệu của cổng ở dạng máy đọc được, không cần \
           chép từ trang web.",
    api_title: "API",
    api_intro: "Mọi lời gọi trả về JSON; khi từ chối, lời gọi trả về danh sách lỗi theo từng trường. Tài \
                liệu OpenAPI 3.1 mô tả đủ tham số, mã trạng thái và cấu trúc dữ liệu (phần mô tả bằng tiếng Anh).",
    document_link: "Tài liệu OpenAPI 3.1 (JSON)",
    operations_caption: "Các lời gọi của API",
    method_column: "Phương thức",
    address_column: "Địa chỉ",
    purpose_column: "Nội dung",
    session_note: "cần phiên đăng nhập của cán bộ",
    feeds_title: "Nguồn tin Atom",
    feeds_intro: "Mở bằng trình đọc tin để được báo khi có thay đổi.",
    feed_procedures: "Thủ tục mới và thủ tục sửa đổi",
    feed_answers: "Câu trả lời vừa công khai",
    feed_filters: "Thêm ?co-quan= (mã hoặc tên viết tắt của cơ quan) hoặc ?linh-vuc= (mã lĩnh vực) để \
                   chỉ theo một cơ quan hay một lĩnh vực.",
    feed_pages: "Mỗi thủ tục có nguồn tin lịch sử sửa đổi, mỗi phản ánh đã công khai có nguồn tin diễn biến; \
                 liên kết nằm trên trang của thủ tục hay phản ánh đó.",
    sitemap_title: "Sơ đồ trang",
    sitemap_text: "Sơ đồ trang liệt kê mọi thủ tục, cơ quan và câu trả lời đã công khai, kèm lần thay đổi \
                   gần nhất.",
    privacy: "Không dữ liệu nào ở đây chứa thông tin cá nhân của người gửi phản ánh.",
};

pub const EN: OpenDataTexts = OpenDataTexts {
    nav: "Open data",
    title: "Open data and API",
    lead: "Other systems, journalists and researchers read the portal's data in machine-readable form, \
           with no need to copy it from its pages.",
    api_title: "API",
    api_intro: "Every call answers in JSON; a refusal lists what was wrong, field by field. The OpenAPI 3.1 \
                document describes every parameter, status and structure.",
    document_link: "The OpenAPI 3.1 document (JSON)",
    operations_caption: "The API's calls",
    method_column: "Method",
    address_column: "Address",
    purpose_column: "What it does",
    session_note: "needs an official's session",
    feeds_title: "Atom feeds",
    feeds_intro: "Open them in a feed reader to hear of changes.",
    feed_procedures: "New and amended procedures",
    feed_answers: "Answers just published",
    feed_filters: "Add ?co-quan= (an agency's code or slug) or ?linh-vuc= (a field's code) for one agency or \
                   one field only.",
    feed_pages: "Each procedure has a feed of its revisions and each published case a feed of its timeline; \
                 their pages link to them.",
    sitemap_title: "Sitemap",
    sitemap_text: "The sitemap lists every procedure, agency and published answer, with when each last changed.",
    privacy: "Nothing here holds personal data of those who filed feedback.",
};
