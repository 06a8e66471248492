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
    pub open311_title: &'static str,
    pub open311_text: &'static str,
    pub open311_filing: &'static str,
    pub feeds_title: &'static str,
    pub feeds_intro: &'static str,
    pub feed_procedures: &'static str,
    pub feed_answers: &'static str,
    pub feed_filters: &'static str,
    pub feed_pages: &'static str,
    pub sitemap_title: &'static str,
    pub sitemap_text: &'static str,
    pub privacy: &'static str,
    pub data_sets_title: &'static str,
    pub data_sets_intro: &'static str,
    pub catalogue_title: &'static str,
    pub catalogue_text: &'static str,
    pub json_format: &'static str,
    pub csv_format: &'static str,
    pub updated: &'static str,
    pub size: &'static str,
    pub licence: &'static str,
    pub licence_name: &'static str,
    pub json_dictionary: &'static str,
    pub csv_dictionary: &'static str,
    pub key_column: &'static str,
    pub meaning_column: &'static str,
    pub unit_column: &'static str,
    pub catalogue_json: &'static [Term],
    pub catalogue_csv: &'static [Term],
    pub answers_title: &'static str,
    pub answers_text: &'static str,
    pub agencies_title: &'static str,
    pub agencies_text: &'static str,
    /// "{n} agencies".
    pub agencies_count: &'static str,
    pub json_plain: &'static str,
    pub dictionary: &'static str,
    pub answers_terms: &'static [Term],
    pub agencies_terms: &'static [Term],
    pub statistics_title: &'static str,
    pub statistics_text: &'static str,
    pub statistics_terms: &'static [Term],
    pub survey_title: &'static str,
    pub survey_text: &'static str,
    pub survey_terms: &'static [Term],
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
    open311_title: "Open311",
    open311_text: "Ứng dụng 311 và hệ thống khác đọc danh mục loại phản ánh và theo dõi phản ánh theo chuẩn \
                   Open311 GeoReport v2, bằng XML hoặc JSON, từ địa chỉ dưới đây (bắt đầu bằng discovery).",
    open311_filing: "Để gửi phản ánh thay cho người dân, doanh nghiệp, hệ thống cần khóa API riêng (api_key): \
                     đơn vị vận hành đề nghị quản trị viên của cổng cấp. Phản ánh gửi qua Open311 được kiểm tra, \
                     chuyển đến cơ quan và tính hạn như phản ánh gửi trên trang; họ tên, địa chỉ và số điện \
                     thoại của người phản ánh là bắt buộc.",
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
    data_sets_title: "Bộ dữ liệu",
    data_sets_intro: "Mỗi bộ dữ liệu được tải trọn vẹn, không giới hạn số dòng. Máy đọc có thể hỏi lại bằng \
                      If-None-Match hoặc If-Modified-Since: khi dữ liệu chưa đổi, cổng trả 304 và không gửi lại.",
    catalogue_title: "Danh mục thủ tục hành chính",
    catalogue_text: "Toàn bộ thủ tục, mỗi thủ tục đủ các trường của Cơ sở dữ liệu quốc gia. Bản JSON theo đúng \
                     cấu trúc tệp xuất của Cơ sở dữ liệu quốc gia: lệnh civicdesk import đọc lại không đổi. Bản \
                     CSV mỗi thủ tục một dòng, để mở bằng bảng tính.",
    json_format: "JSON (cấu trúc Cơ sở dữ liệu quốc gia)",
    csv_format: "CSV (bảng tính)",
    updated: "Cập nhật",
    size: "Số dòng",
    licence: "Giấy phép",
    licence_name: "Creative Commons Ghi công 4.0 (CC BY 4.0): được dùng lại, kể cả cho mục đích thương mại, khi ghi rõ nguồn.",
    json_dictionary: "Từ điển dữ liệu của bản JSON",
    csv_dictionary: "Từ điển dữ liệu của bản CSV",
    key_column: "Trường",
    meaning_column: "Ý nghĩa",
    unit_column: "Đơn vị, dạng",
    catalogue_json: CATALOGUE_JSON_VI,
    catalogue_csv: CATALOGUE_CSV_VI,
    answers_title: "Câu trả lời đã công khai",
    answers_text: "Mọi phản ánh, kiến nghị đã có câu trả lời công khai: câu hỏi như đã được biên tập để công \
                   khai, câu trả lời của cơ quan, các mốc thời gian. Không có tên, địa chỉ, số điện thoại, thư \
                   điện tử của người gửi.",
    agencies_title: "Cơ quan",
    agencies_text: "Các cơ quan tiếp nhận, xử lý phản ánh và thực hiện thủ tục, với địa chỉ liên hệ công khai.",
    agencies_count: "{n} cơ quan",
    json_plain: "JSON",
    dictionary: "Từ điển dữ liệu",
    answers_terms: ANSWERS_VI,
    agencies_terms: AGENCIES_VI,
    statistics_title: "Thống kê theo tháng",
    statistics_text: "Số liệu của trang Thống kê cho từng tháng dương lịch trong 24 tháng gần nhất, theo từng cơ \
                      quan và từng lĩnh vực: tiếp nhận, trả lời, đúng hạn, hài lòng, công khai.",
    statistics_terms: STATISTICS_VI,
    survey_title: "Khảo sát sự hài lòng",
    survey_text: "Số câu trả lời khảo sát cho từng câu hỏi, từng cơ quan, từng tháng dương lịch trong 24 tháng \
                  gần nhất. Không có ý kiến viết tay hay mã hồ sơ của người trả lời.",
    survey_terms: SURVEY_VI,
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
    open311_title: "Open311",
    open311_text: "311 apps and other systems read the kinds of feedback taken and follow cases by the Open311 \
                   GeoReport v2 standard, in XML or JSON, at the address below (start with discovery).",
    open311_filing: "To file feedback on behalf of citizens and businesses, a system needs its own API key \
                     (api_key): whoever runs it asks the portal's administrators for one. Feedback filed through \
                     Open311 is checked, routed and given its deadline as on the web form; the submitter's name, \
                     address and phone number are required.",
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
    data_sets_title: "Data sets",
    data_sets_intro: "Each data set downloads whole, with no limit on its rows. A machine may ask again with \
                      If-None-Match or If-Modified-Since: while the data has not changed, the portal answers 304 \
                      and sends nothing.",
    catalogue_title: "The directory of administrative procedures",
    catalogue_text: "Every procedure, with every field of the national database. The JSON follows the national \
                     database's export: the civicdesk import command reads it back unchanged. The CSV has one row \
                     per procedure, for spreadsheets.",
    json_format: "JSON (the national database's shape)",
    csv_format: "CSV (spreadsheets)",
    updated: "Updated",
    size: "Rows",
    licence: "Licence",
    licence_name: "Creative Commons Attribution 4.0 (CC BY 4.0): reuse, commercial reuse included, with the source named.",
    json_dictionary: "Data dictionary of the JSON",
    csv_dictionary: "Data dictionary of the CSV",
    key_column: "Field",
    meaning_column: "Meaning",
    unit_column: "Unit or form",
    catalogue_json: CATALOGUE_JSON_EN,
    catalogue_csv: CATALOGUE_CSV_EN,
    answers_title: "Published answers",
    answers_text: "Every piece of feedback or petition whose answer is public: the question as edited for \
                   publication, the agency's answer, and its dates. No submitter's name, address, phone or \
                   e-mail.",
    agencies_title: "Agencies",
    agencies_text: "The agencies that receive and handle feedback and carry out procedures, with their public contacts.",
    agencies_count: "{n} agencies",
    json_plain: "JSON",
    dictionary: "Data dictionary",
    answers_terms: ANSWERS_EN,
    agencies_terms: AGENCIES_EN,
    statistics_title: "Monthly statistics",
    statistics_text: "The figures of the Statistics page for each calendar month of the last 24, by agency and by \
                      field: received, answered, on time, satisfied, published.",
    statistics_terms: STATISTICS_EN,
    survey_title: "Satisfaction survey",
    survey_text: "The survey's answers to each question, for each agency and each calendar month of the last 24. \
                  No written comment or dossier number of those who answered.",
    survey_terms: SURVEY_EN,
};

/// One column (or key) of a data set: what it holds and in what unit or form.
pub struct Term {
    pub key: &'static str,
    pub meaning: &'static str,
    pub unit: &'static str,
}

const fn term(key: &'static str, meaning: &'static str, unit: &'static str) -> Term {
    Term { key, meaning, unit }
}

/// The catalogue in the national export's shape: every key, by its path (`[]` marks a list).
pub const CATALOGUE_JSON_VI: &[Term] = &[
    term("MATTHC", "Mã thủ tục trong Cơ sở dữ liệu quốc gia", "văn bản, ví dụ 1.001193"),
    term("TENTTHC", "Tên thủ tục", "văn bản"),
    term("CAPTHUCHIEN[]", "Cấp thực hiện", "số: 0 trung ương, 1 tỉnh, 2 huyện, 3 xã"),
    term("LOAITTHC", "Loại thủ tục", "văn bản"),
    term("LINHVUCTHUCHIEN[].MALINHVUC", "Mã lĩnh vực", "văn bản"),
    term("LINHVUCTHUCHIEN[].TENLINHVUC", "Tên lĩnh vực", "văn bản"),
    term("DOITUONGTHUCHIEN", "Đối tượng thực hiện", "văn bản: Công dân Việt Nam, Tổ chức"),
    term("COQUANTHUCHIEN[].MACOQUAN", "Mã cơ quan thực hiện", "văn bản"),
    term("COQUANTHUCHIEN[].TENCOQUAN", "Tên cơ quan thực hiện", "văn bản"),
    term("COQUANCOTHAMQUYEN[]", "Cơ quan có thẩm quyền (MACOQUAN, TENCOQUAN)", "danh sách"),
    term("COQUANDUOCUYQUYEN[]", "Cơ quan được ủy quyền (MACOQUAN, TENCOQUAN)", "danh sách"),
    term("COQUANPHOIHOP[]", "Cơ quan phối hợp (MACOQUAN, TENCOQUAN)", "danh sách"),
    term("DIACHITIEPNHAN", "Địa chỉ tiếp nhận hồ sơ", "văn bản"),
    term("TRINHTUTHUCHIEN[]", "Các bước thực hiện, theo thứ tự", "văn bản"),
    term("CACHTHUCTHUCHIEN[].KENH", "Cách thức nộp", "Trực tiếp, Trực tuyến, Dịch vụ bưu chính"),
    term("CACHTHUCTHUCHIEN[].THOIGIAN[].THOIGIANGIAIQUYET", "Thời hạn giải quyết", "số, theo DONVITINH"),
    term("CACHTHUCTHUCHIEN[].THOIGIAN[].DONVITINH", "Đơn vị của thời hạn", "Giờ, Ngày, Ngày làm việc, Tháng"),
    term("CACHTHUCTHUCHIEN[].THOIGIAN[].MOTA", "Ghi chú về thời hạn", "văn bản"),
    term("CACHTHUCTHUCHIEN[].THOIGIAN[].PHILEPHI[].LOAIPHI", "Loại khoản thu", "Phí, Lệ phí"),
    term("CACHTHUCTHUCHIEN[].THOIGIAN[].PHILEPHI[].SOTIEN", "Mức thu, như được công bố", "văn bản, đồng"),
    term("CACHTHUCTHUCHIEN[].THOIGIAN[].PHILEPHI[].MOTA", "Ghi chú về khoản thu", "văn bản"),
    term("THANHPHANHOSO[].TRUONGHOP", "Trường hợp áp dụng thành phần hồ sơ", "văn bản, trống: mọi trường hợp"),
    term("THANHPHANHOSO[].GIAYTO[].TENGIAYTO", "Tên giấy tờ phải nộp", "văn bản"),
    term("THANHPHANHOSO[].GIAYTO[].SOBANCHINH", "Số bản chính", "số bản"),
    term("THANHPHANHOSO[].GIAYTO[].SOBANSAO", "Số bản sao", "số bản"),
    term("THANHPHANHOSO[].GIAYTO[].TENMAUDON", "Mẫu đơn, tờ khai", "văn bản hoặc null"),
    term("THANHPHANHOSO[].GIAYTO[].URL", "Nơi tải mẫu đơn", "địa chỉ web hoặc null"),
    term("KETQUATHUCHIEN[].TENKETQUA", "Kết quả thực hiện", "văn bản"),
    term("CANCUPHAPLY[].SOVANBAN", "Số hiệu văn bản là căn cứ pháp lý", "văn bản"),
    term("CANCUPHAPLY[].TENVANBAN", "Trích yếu văn bản", "văn bản"),
    term("CANCUPHAPLY[].NGAYBANHANH", "Ngày ban hành", "ngày dd/mm/yyyy hoặc null"),
    term("CANCUPHAPLY[].COQUANBANHANH", "Cơ quan ban hành", "văn bản"),
    term("YEUCAU", "Yêu cầu, điều kiện thực hiện", "văn bản"),
    term("TUKHOA", "Từ khóa", "văn bản, cách nhau bởi dấu chấm phẩy"),
    term("MUCDO", "Mức độ dịch vụ công trực tuyến", "Toàn trình, Một phần, trống: không"),
    term("QUYETDINHCONGBO.SOQUYETDINH", "Số quyết định công bố", "văn bản; QUYETDINHCONGBO có thể null"),
    term("QUYETDINHCONGBO.NGAYBANHANH", "Ngày ban hành quyết định", "ngày dd/mm/yyyy hoặc null"),
    term("QUYETDINHCONGBO.COQUANBANHANH", "Cơ quan ban hành quyết định", "văn bản"),
    term("TRANGTHAI", "Tình trạng của thủ tục", "Mới, Sửa đổi, Thay thế, Bãi bỏ"),
    term("NGAYHIEULUC", "Ngày có hiệu lực", "ngày dd/mm/yyyy hoặc null"),
    term("NGAYHETHIEULUC", "Ngày hết hiệu lực", "ngày dd/mm/yyyy hoặc null"),
    term("THUTUCTHAYTHE", "Mã thủ tục thay thế", "văn bản hoặc null"),
    term("SOHOSONAM", "Số hồ sơ mỗi năm (xếp thủ tục dùng nhiều lên trước)", "số hồ sơ"),
];

pub const CATALOGUE_JSON_EN: &[Term] = &[
    term("MATTHC", "The procedure's code in the national database", "text, e.g. 1.001193"),
    term("TENTTHC", "The procedure's name", "text"),
    term(
        "CAPTHUCHIEN[]",
        "Levels of government that carry it out",
        "number: 0 central, 1 province, 2 district, 3 commune",
    ),
    term("LOAITTHC", "Kind of procedure", "text"),
    term("LINHVUCTHUCHIEN[].MALINHVUC", "Field code", "text"),
    term("LINHVUCTHUCHIEN[].TENLINHVUC", "Field name", "text"),
    term("DOITUONGTHUCHIEN", "Who it is for", "text: Công dân Việt Nam (citizens), Tổ chức (organisations)"),
    term("COQUANTHUCHIEN[].MACOQUAN", "Code of an implementing agency", "text"),
    term("COQUANTHUCHIEN[].TENCOQUAN", "Name of an implementing agency", "text"),
    term("COQUANCOTHAMQUYEN[]", "Competent agencies (MACOQUAN, TENCOQUAN)", "list"),
    term("COQUANDUOCUYQUYEN[]", "Agencies it is delegated to (MACOQUAN, TENCOQUAN)", "list"),
    term("COQUANPHOIHOP[]", "Coordinating agencies (MACOQUAN, TENCOQUAN)", "list"),
    term("DIACHITIEPNHAN", "Where dossiers are received", "text"),
    term("TRINHTUTHUCHIEN[]", "The steps, in order", "text"),
    term(
        "CACHTHUCTHUCHIEN[].KENH",
        "How it is submitted",
        "Trực tiếp (in person), Trực tuyến (online), Dịch vụ bưu chính (by post)",
    ),
    term("CACHTHUCTHUCHIEN[].THOIGIAN[].THOIGIANGIAIQUYET", "Time limit", "number, in DONVITINH"),
    term(
        "CACHTHUCTHUCHIEN[].THOIGIAN[].DONVITINH",
        "Unit of the time limit",
        "Giờ (hours), Ngày (days), Ngày làm việc (working days), Tháng (months)",
    ),
    term("CACHTHUCTHUCHIEN[].THOIGIAN[].MOTA", "Note on the time limit", "text"),
    term("CACHTHUCTHUCHIEN[].THOIGIAN[].PHILEPHI[].LOAIPHI", "Kind of charge", "Phí (fee), Lệ phí (charge)"),
    term("CACHTHUCTHUCHIEN[].THOIGIAN[].PHILEPHI[].SOTIEN", "Amount, as published", "text, Vietnamese đồng"),
    term("CACHTHUCTHUCHIEN[].THOIGIAN[].PHILEPHI[].MOTA", "Note on the charge", "text"),
    term("THANHPHANHOSO[].TRUONGHOP", "The case the documents apply to", "text, empty: every case"),
    term("THANHPHANHOSO[].GIAYTO[].TENGIAYTO", "A document to submit", "text"),
    term("THANHPHANHOSO[].GIAYTO[].SOBANCHINH", "Originals", "copies"),
    term("THANHPHANHOSO[].GIAYTO[].SOBANSAO", "Copies", "copies"),
    term("THANHPHANHOSO[].GIAYTO[].TENMAUDON", "Its form", "text or null"),
    term("THANHPHANHOSO[].GIAYTO[].URL", "Where the form is downloaded", "web address or null"),
    term("KETQUATHUCHIEN[].TENKETQUA", "What the procedure results in", "text"),
    term("CANCUPHAPLY[].SOVANBAN", "Number of a legal document it rests on", "text"),
    term("CANCUPHAPLY[].TENVANBAN", "Its title", "text"),
    term("CANCUPHAPLY[].NGAYBANHANH", "Its date", "date dd/mm/yyyy or null"),
    term("CANCUPHAPLY[].COQUANBANHANH", "Its issuer", "text"),
    term("YEUCAU", "Requirements and conditions", "text"),
    term("TUKHOA", "Keywords", "text, separated by semicolons"),
    term("MUCDO", "How far it can be done online", "Toàn trình (entirely), Một phần (partly), empty: not"),
    term(
        "QUYETDINHCONGBO.SOQUYETDINH",
        "Number of the decision that announced it",
        "text; QUYETDINHCONGBO may be null",
    ),
    term("QUYETDINHCONGBO.NGAYBANHANH", "Date of that decision", "date dd/mm/yyyy or null"),
    term("QUYETDINHCONGBO.COQUANBANHANH", "Issuer of that decision", "text"),
    term("TRANGTHAI", "The record's standing", "Mới (new), Sửa đổi (amended), Thay thế (replaced), Bãi bỏ (abolished)"),
    term("NGAYHIEULUC", "In force from", "date dd/mm/yyyy or null"),
    term("NGAYHETHIEULUC", "In force until", "date dd/mm/yyyy or null"),
    term("THUTUCTHAYTHE", "Code of the procedure that replaces it", "text or null"),
    term("SOHOSONAM", "Dossiers a year (ranks the most used first)", "dossiers"),
];

/// The catalogue as CSV: one row per procedure; lists separated by `; `.
pub const CATALOGUE_CSV_VI: &[Term] = &[
    term("MATTHC", "Mã thủ tục", "văn bản"),
    term("TENTTHC", "Tên thủ tục", "văn bản"),
    term("CAPTHUCHIEN", "Cấp thực hiện", "số: 0 trung ương, 1 tỉnh, 2 huyện, 3 xã"),
    term("MALINHVUC", "Mã các lĩnh vực", "danh sách"),
    term("TENLINHVUC", "Tên các lĩnh vực, cùng thứ tự", "danh sách"),
    term("DOITUONGTHUCHIEN", "Đối tượng thực hiện", "văn bản"),
    term("MACOQUAN", "Mã các cơ quan thực hiện", "danh sách"),
    term("TENCOQUAN", "Tên các cơ quan thực hiện, cùng thứ tự", "danh sách"),
    term("KENH", "Các cách thức nộp", "danh sách"),
    term("THOIGIANGIAIQUYET", "Thời hạn ngắn nhất", "số, theo DONVITINH"),
    term("DONVITINH", "Đơn vị của thời hạn", "Giờ, Ngày, Ngày làm việc, Tháng"),
    term("PHILEPHI", "Các mức phí, lệ phí", "danh sách, đồng"),
    term("GIAYTO", "Tên các giấy tờ phải nộp", "danh sách"),
    term("KETQUATHUCHIEN", "Các kết quả", "danh sách"),
    term("CANCUPHAPLY", "Số hiệu các văn bản căn cứ", "danh sách"),
    term("MUCDO", "Mức độ trực tuyến", "Toàn trình, Một phần, trống"),
    term("TRANGTHAI", "Tình trạng", "Mới, Sửa đổi, Thay thế, Bãi bỏ"),
    term("NGAYHIEULUC", "Ngày có hiệu lực", "ngày dd/mm/yyyy"),
    term("THUTUCTHAYTHE", "Mã thủ tục thay thế", "văn bản"),
    term("SOHOSONAM", "Số hồ sơ mỗi năm", "số hồ sơ"),
];

pub const CATALOGUE_CSV_EN: &[Term] = &[
    term("MATTHC", "Procedure code", "text"),
    term("TENTTHC", "Procedure name", "text"),
    term("CAPTHUCHIEN", "Levels of government", "number: 0 central, 1 province, 2 district, 3 commune"),
    term("MALINHVUC", "Field codes", "list"),
    term("TENLINHVUC", "Field names, in the same order", "list"),
    term("DOITUONGTHUCHIEN", "Who it is for", "text"),
    term("MACOQUAN", "Implementing agencies' codes", "list"),
    term("TENCOQUAN", "Implementing agencies' names, in the same order", "list"),
    term("KENH", "How it can be submitted", "list"),
    term("THOIGIANGIAIQUYET", "The shortest time limit", "number, in DONVITINH"),
    term("DONVITINH", "Unit of the time limit", "Giờ, Ngày, Ngày làm việc, Tháng"),
    term("PHILEPHI", "Fees and charges", "list, Vietnamese đồng"),
    term("GIAYTO", "Documents to submit", "list"),
    term("KETQUATHUCHIEN", "What it results in", "list"),
    term("CANCUPHAPLY", "Numbers of the legal documents it rests on", "list"),
    term("MUCDO", "How far it can be done online", "Toàn trình, Một phần, empty"),
    term("TRANGTHAI", "Standing", "Mới, Sửa đổi, Thay thế, Bãi bỏ"),
    term("NGAYHIEULUC", "In force from", "date dd/mm/yyyy"),
    term("THUTUCTHAYTHE", "Code of the procedure that replaces it", "text"),
    term("SOHOSONAM", "Dossiers a year", "dossiers"),
];

/// The published answers, in JSON and CSV alike.
pub const ANSWERS_VI: &[Term] = &[
    term("code", "Mã phản ánh", "PAKN.YYYYMMDD.NNNN"),
    term("category", "Loại phản ánh", "official_conduct, regulation, proposal, other"),
    term("agency_code", "Mã cơ quan trả lời", "văn bản"),
    term("agency_name", "Tên cơ quan trả lời", "văn bản"),
    term("procedure_code", "Mã thủ tục liên quan", "văn bản, trống nếu không có"),
    term("received_on", "Ngày làm việc bắt đầu tính thời hạn", "ngày YYYY-MM-DD"),
    term("answer_due", "Hạn trả lời theo quy định", "ngày YYYY-MM-DD"),
    term("published_at", "Thời điểm công khai câu trả lời, đến giờ", "thời điểm RFC 3339, UTC"),
    term("title", "Tiêu đề, như được công khai", "văn bản"),
    term("question", "Nội dung phản ánh, như được công khai", "văn bản"),
    term("answer", "Câu trả lời của cơ quan", "văn bản"),
];

pub const ANSWERS_EN: &[Term] = &[
    term("code", "Case code", "PAKN.YYYYMMDD.NNNN"),
    term("category", "Category", "official_conduct, regulation, proposal, other"),
    term("agency_code", "Code of the agency that answered", "text"),
    term("agency_name", "Name of the agency that answered", "text"),
    term("procedure_code", "Code of the procedure concerned", "text, empty if none"),
    term("received_on", "The working day the legal term counts from", "date YYYY-MM-DD"),
    term("answer_due", "The legal answer date", "date YYYY-MM-DD"),
    term("published_at", "When the answer was published, to the hour", "RFC 3339 instant, UTC"),
    term("title", "Title, as published", "text"),
    term("question", "The matter raised, as published", "text"),
    term("answer", "The agency's answer", "text"),
];

/// The agencies, in JSON and CSV alike.
pub const AGENCIES_VI: &[Term] = &[
    term("code", "Mã cơ quan", "văn bản"),
    term("slug", "Tên viết tắt trong địa chỉ trang, /co-quan/{slug}", "văn bản"),
    term("name", "Tên cơ quan", "văn bản"),
    term("level", "Cấp", "trung-uong, tinh, huyen, xa"),
    term("parent", "Mã cơ quan cấp trên", "văn bản, trống nếu không có"),
    term("email", "Thư điện tử liên hệ", "địa chỉ thư"),
    term("phone", "Điện thoại liên hệ", "văn bản"),
    term("address", "Địa chỉ", "văn bản"),
    term("office_hours", "Giờ làm việc", "văn bản"),
    term("website", "Trang thông tin", "địa chỉ web, trống nếu không có"),
    term("procedures", "Số thủ tục cơ quan thực hiện", "số thủ tục"),
];

pub const AGENCIES_EN: &[Term] = &[
    term("code", "Agency code", "text"),
    term("slug", "Short name in its page's address, /co-quan/{slug}", "text"),
    term("name", "Agency name", "text"),
    term("level", "Level", "trung-uong, tinh, huyen, xa"),
    term("parent", "Code of the agency above it", "text, empty if none"),
    term("email", "Contact e-mail", "address"),
    term("phone", "Contact phone", "text"),
    term("address", "Address", "text"),
    term("office_hours", "Office hours", "text"),
    term("website", "Website", "web address, empty if none"),
    term("procedures", "Procedures it carries out", "procedures"),
];

/// The monthly statistics, in JSON and CSV alike (counts of cases).
pub const STATISTICS_VI: &[Term] = &[
    term("month", "Tháng dương lịch", "YYYY-MM"),
    term("scope", "Dòng này theo cơ quan hay theo lĩnh vực", "agency, field"),
    term("code", "Mã cơ quan hoặc mã lĩnh vực", "văn bản, trống: không liên quan thủ tục nào"),
    term("name", "Tên cơ quan hoặc lĩnh vực", "văn bản"),
    term("received", "Tiếp nhận trong tháng", "số phản ánh"),
    term("answered", "Đã trả lời trong tháng", "số phản ánh"),
    term("answered_late", "Trả lời quá hạn", "số phản ánh"),
    term("refused", "Không tiếp nhận", "số phản ánh"),
    term("withdrawn", "Người gửi rút", "số phản ánh"),
    term("transferred", "Chuyển cơ quan khác", "số phản ánh"),
    term("on_time", "Trả lời đúng hạn (sớm hoặc đúng hạn)", "số phản ánh"),
    term("satisfied", "Người gửi hài lòng", "số đánh giá"),
    term("rated", "Người gửi đã đánh giá", "số đánh giá"),
    term("published_promptly", "Công khai trong 2 ngày làm việc", "số câu trả lời"),
    term("published", "Câu trả lời đã công khai", "số câu trả lời"),
    term("open_overdue", "Còn mở và quá hạn vào cuối tháng", "số phản ánh"),
];

pub const STATISTICS_EN: &[Term] = &[
    term("month", "Calendar month", "YYYY-MM"),
    term("scope", "Whether the row is an agency's or a field's", "agency, field"),
    term("code", "Agency or field code", "text, empty: concerning no procedure"),
    term("name", "Agency or field name", "text"),
    term("received", "Received in the month", "cases"),
    term("answered", "Answered in the month", "cases"),
    term("answered_late", "Answered late", "cases"),
    term("refused", "Not accepted", "cases"),
    term("withdrawn", "Withdrawn by the submitter", "cases"),
    term("transferred", "Transferred to another agency", "cases"),
    term("on_time", "Answered on time (early or on the day)", "cases"),
    term("satisfied", "Submitters satisfied", "ratings"),
    term("rated", "Submitters who rated the answer", "ratings"),
    term("published_promptly", "Published within 2 working days", "answers"),
    term("published", "Answers published", "answers"),
    term("open_overdue", "Open and overdue at the month's end", "cases"),
];

/// The survey's answers, in JSON and CSV alike.
pub const SURVEY_VI: &[Term] = &[
    term("month", "Tháng dương lịch", "YYYY-MM"),
    term("agency_code", "Mã cơ quan được đánh giá", "văn bản"),
    term("agency_name", "Tên cơ quan được đánh giá", "văn bản"),
    term(
        "question",
        "Câu hỏi",
        "hai-long-chung, thuan-tien, dung-hen, thai-do, thoi-gian, so-lan-di-lai, so-co-quan, cong-khai, phan-anh, truc-tuyen",
    ),
    term("answered", "Số người trả lời câu hỏi", "số người"),
    term("satisfied", "Số người hài lòng (hoặc đúng hẹn, không quá hạn, một lần)", "số người"),
    term("answer_1", "Số người chọn phương án 1", "số người"),
    term("answer_2", "Số người chọn phương án 2", "số người"),
    term("answer_3", "Số người chọn phương án 3", "số người"),
    term("answer_4", "Số người chọn phương án 4 (trống nếu câu hỏi có 3 phương án)", "số người"),
    term("answer_5", "Số người chọn phương án 5 (trống nếu câu hỏi có 3 phương án)", "số người"),
];

pub const SURVEY_EN: &[Term] = &[
    term("month", "Calendar month", "YYYY-MM"),
    term("agency_code", "Code of the agency rated", "text"),
    term("agency_name", "Name of the agency rated", "text"),
    term(
        "question",
        "The question",
        "hai-long-chung, thuan-tien, dung-hen, thai-do, thoi-gian, so-lan-di-lai, so-co-quan, cong-khai, phan-anh, truc-tuyen",
    ),
    term("answered", "People who answered it", "people"),
    term("satisfied", "People satisfied (or as promised, within the limit, once)", "people"),
    term("answer_1", "People who chose answer 1", "people"),
    term("answer_2", "People who chose answer 2", "people"),
    term("answer_3", "People who chose answer 3", "people"),
    term("answer_4", "People who chose answer 4 (empty where the question has 3)", "people"),
    term("answer_5", "People who chose answer 5 (empty where the question has 3)", "people"),
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use civicdesk_domain::import::{CSV_COLUMNS, from_json, to_national};
    use serde_json::Value;

    use super::*;

    /// Every key of a value, by path; a list of scalars is one key, as is each list of agencies
    /// but the implementing one (described key by key).
    fn keys(value: &Value, path: &str, out: &mut BTreeSet<String>) {
        let Value::Object(object) = value else { return };
        for (key, child) in object {
            let here = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
            match child {
                Value::Array(items) if here.starts_with("COQUAN") && here != "COQUANTHUCHIEN" => {
                    out.insert(format!("{here}[]"));
                }
                Value::Array(items) if items.iter().all(|i| !i.is_object()) => {
                    out.insert(format!("{here}[]"));
                }
                Value::Array(items) => items.iter().for_each(|i| keys(i, &format!("{here}[]"), out)),
                Value::Object(_) => keys(child, &here, out),
                // A null says nothing of the shape (an absent decision); others name the key.
                Value::Null => {}
                _ => {
                    out.insert(here);
                }
            }
        }
    }

    #[test]
    fn every_column_and_key_the_data_sets_write_is_described_in_both_languages() {
        let mut demo = from_json(include_str!("../../server/demo/catalogue.json")).unwrap();
        demo.extend(from_json(include_str!("../../server/demo/amendments.json")).unwrap());
        // With what the demonstration leaves empty: a decision, and a form to download.
        let mut full = demo[0].procedure.clone();
        full.decision = Some(civicdesk_domain::procedure::Decision {
            number: "1/QĐ-UBND".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 5),
            issuer: "UBND".into(),
        });
        let document = &mut full.dossier[0].documents[0];
        document.form =
            Some(civicdesk_domain::procedure::FormFile { name: "Mẫu 01".into(), url: Some("https://x/m".into()) });
        demo.push(civicdesk_domain::import::ImportedProcedure { procedure: full, yearly_dossiers: 1 });
        let mut written = BTreeSet::new();
        for p in &demo {
            keys(&to_national(&p.procedure, p.yearly_dossiers), "", &mut written);
        }
        for dictionary in [CATALOGUE_JSON_VI, CATALOGUE_JSON_EN] {
            let described: BTreeSet<String> = dictionary.iter().map(|t| t.key.to_owned()).collect();
            assert_eq!(described, written);
            assert!(dictionary.iter().all(|t| !t.meaning.is_empty() && !t.unit.is_empty()));
        }
        for dictionary in [CATALOGUE_CSV_VI, CATALOGUE_CSV_EN] {
            assert_eq!(dictionary.iter().map(|t| t.key).collect::<Vec<_>>(), CSV_COLUMNS);
        }
    }
}
