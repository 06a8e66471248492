//! Texts of following by e-mail: the form, the page where an address manages what it follows, and
//! the messages (`{…}` are filled in).

pub struct FollowTexts {
    /// On a procedure's page, the link to follow it.
    pub procedure_link: &'static str,
    pub title: &'static str,
    /// `{name}`: the procedure's.
    pub lead: &'static str,
    pub email_label: &'static str,
    pub email_hint: &'static str,
    pub privacy: &'static str,
    pub send: &'static str,
    pub not_found: &'static str,
    pub sent_title: &'static str,
    pub sent_text: &'static str,
    pub manage_title: &'static str,
    /// `{email}`: the address the link was sent to.
    pub manage_lead: &'static str,
    pub pending: &'static str,
    pub confirm: &'static str,
    pub confirmed: &'static str,
    pub unfollow: &'static str,
    pub ended_title: &'static str,
    pub ended_text: &'static str,
    pub none: &'static str,
    pub gone: &'static str,
    /// `{name}`, `{code}`, `{link}`.
    pub mail_confirm_subject: &'static str,
    pub mail_confirm_body: &'static str,
    /// `{name}`, `{code}`, `{date}`, `{changes}`, `{page}`, `{manage}`, `{unsubscribe}`.
    pub mail_change_subject: &'static str,
    pub mail_change_body: &'static str,
    /// On an agency's page, the link to follow its answers.
    pub agency_link: &'static str,
    pub agency_title: &'static str,
    /// `{name}`: the agency's.
    pub agency_lead: &'static str,
    pub frequency_label: &'static str,
    /// On the page of what an address follows: the button to change how often, and what it says then.
    pub change_frequency: &'static str,
    pub frequency_changed: &'static str,
    /// A digest of a procedure's revisions or a case's steps: `{followed}`, `{count}`, `{first}`,
    /// `{last}`, `{list}`, `{manage}`, `{unsubscribe}`.
    pub mail_updates_digest_subject: &'static str,
    pub mail_updates_digest_body: &'static str,
    /// A line of it: `{date}`, `{what}`.
    pub mail_updates_digest_line: &'static str,
    /// At once, daily, weekly (in the order of `Frequency::ALL`).
    pub frequencies: [&'static str; 3],
    /// Following the answers of an agency or a field: `{name}`, `{frequency}`, `{link}`.
    pub mail_confirm_answers_subject: &'static str,
    pub mail_confirm_answers_body: &'static str,
    /// `{agency}`, `{code}`, `{title}`, `{link}`, `{followed}`, `{manage}`, `{unsubscribe}`.
    pub mail_answer_subject: &'static str,
    pub mail_answer_body: &'static str,
    /// `{followed}`, `{count}`, `{first}`, `{last}`, `{list}`, `{manage}`, `{unsubscribe}`.
    pub mail_digest_subject: &'static str,
    pub mail_digest_body: &'static str,
    /// `{code}`, `{title}`, `{link}`.
    pub mail_digest_line: &'static str,
    /// On the answers' list narrowed to a field, the link to follow it.
    pub field_link: &'static str,
    pub field_title: &'static str,
    /// `{name}`: the field's.
    pub field_lead: &'static str,
    /// On a case's public page, the link to follow it.
    pub case_link: &'static str,
    pub case_title: &'static str,
    /// `{name}`: the case's code.
    pub case_lead: &'static str,
    /// `{code}`, `{link}`.
    pub mail_confirm_case_subject: &'static str,
    pub mail_confirm_case_body: &'static str,
    /// `{code}`, `{date}`, `{event}`, `{link}`, `{manage}`, `{unsubscribe}`.
    pub mail_update_subject: &'static str,
    pub mail_update_body: &'static str,
}

impl FollowTexts {
    pub fn frequency(&self, frequency: civicdesk_domain::follow::Frequency) -> &'static str {
        use civicdesk_domain::follow::Frequency;
        self.frequencies[Frequency::ALL.iter().position(|f| *f == frequency).unwrap_or(0)]
    }
}

pub static VI: FollowTexts = FollowTexts {
    procedure_link: "Nhận thư khi thủ tục này thay đổi",
    title: "Theo dõi thủ tục",
    lead: "Nhận thư điện tử khi thành phần hồ sơ, lệ phí, thời hạn hay bất kỳ mục nào của thủ tục “{name}” thay đổi; thư nói rõ mục nào thay đổi. Chúng tôi gửi trước một thư xác nhận; chưa xác nhận thì không có thư nào khác.",
    email_label: "Thư điện tử",
    email_hint: "Ví dụ: ten@example.vn",
    privacy: "Địa chỉ của bạn chỉ dùng để gửi thư theo dõi: không công khai, không chia sẻ. Mỗi thư có liên kết bỏ theo dõi bằng một lần bấm.",
    send: "Theo dõi",
    not_found: "Không tìm thấy thủ tục này.",
    sent_title: "Hãy kiểm tra hộp thư",
    sent_text: "Nếu địa chỉ này chưa theo dõi thủ tục, chúng tôi vừa gửi đến đó một thư có liên kết xác nhận. Chưa xác nhận thì không có thư nào khác.",
    manage_title: "Theo dõi của bạn",
    manage_lead: "Những gì địa chỉ {email} đang theo dõi.",
    pending: "Chưa xác nhận",
    confirm: "Xác nhận theo dõi",
    confirmed: "Đã xác nhận: bạn sẽ nhận thư khi thủ tục thay đổi.",
    unfollow: "Bỏ theo dõi",
    ended_title: "Đã bỏ theo dõi",
    ended_text: "Bạn sẽ không nhận thư này nữa.",
    none: "Địa chỉ này không theo dõi mục nào.",
    gone: "Liên kết này không còn dùng được: theo dõi đã được bỏ.",
    mail_confirm_subject: "Xác nhận theo dõi thủ tục {name}",
    mail_confirm_body: "Có người (có thể là bạn) đề nghị gửi đến địa chỉ này thư báo khi thủ tục “{name}” ({code}) thay đổi.\n\nĐể xác nhận, mở liên kết:\n{link}\n\nNếu không phải bạn, hãy bỏ qua thư này: sẽ không có thư nào khác.",
    mail_change_subject: "Thủ tục {name} đã thay đổi",
    mail_change_body: "Thủ tục “{name}” ({code}) được cập nhật ngày {date}. {changes}.\n\nXem thủ tục và lịch sử thay đổi:\n{page}\n\nQuản lý theo dõi:\n{manage}\n\nBỏ theo dõi thủ tục này:\n{unsubscribe}",
    agency_link: "Nhận thư khi cơ quan này công khai câu trả lời",
    agency_title: "Theo dõi câu trả lời của cơ quan",
    agency_lead: "Nhận thư điện tử khi {name} công khai câu trả lời phản ánh, kiến nghị: ngay khi có, hoặc gộp mỗi ngày hay mỗi tuần. Chúng tôi gửi trước một thư xác nhận; chưa xác nhận thì không có thư nào khác.",
    frequency_label: "Nhận thư",
    change_frequency: "Đổi",
    frequency_changed: "Đã đổi cách nhận thư.",
    mail_updates_digest_subject: "{followed}: {count} thay đổi",
    mail_updates_digest_body: "Từ ngày {first} đến hết ngày {last}, có {count} thay đổi ({followed}):\n\n{list}\n\nQuản lý theo dõi:\n{manage}\n\nBỏ theo dõi {followed}:\n{unsubscribe}",
    mail_updates_digest_line: "- {date}: {what}",
    frequencies: ["Ngay khi có câu trả lời", "Mỗi ngày một thư", "Mỗi tuần một thư (thứ Hai)"],
    mail_confirm_answers_subject: "Xác nhận theo dõi câu trả lời: {name}",
    mail_confirm_answers_body: "Có người (có thể là bạn) đề nghị gửi đến địa chỉ này thư về các câu trả lời được công khai — {name} ({frequency}).\n\nĐể xác nhận, mở liên kết:\n{link}\n\nNếu không phải bạn, hãy bỏ qua thư này: sẽ không có thư nào khác.",
    mail_answer_subject: "{agency} đã trả lời phản ánh {code}",
    mail_answer_body: "{agency} đã công khai câu trả lời phản ánh {code} “{title}”.\n\nĐọc câu trả lời:\n{link}\n\nQuản lý theo dõi:\n{manage}\n\nBỏ theo dõi {followed}:\n{unsubscribe}",
    mail_digest_subject: "{followed}: {count} câu trả lời mới",
    mail_digest_body: "Từ ngày {first} đến hết ngày {last}, có {count} câu trả lời mới được công khai ({followed}):\n\n{list}\n\nQuản lý theo dõi:\n{manage}\n\nBỏ theo dõi {followed}:\n{unsubscribe}",
    mail_digest_line: "- {code} — {title}: {link}",
    field_link: "Nhận thư khi có câu trả lời trong lĩnh vực này",
    field_title: "Theo dõi câu trả lời trong một lĩnh vực",
    field_lead: "Nhận thư điện tử khi có câu trả lời phản ánh, kiến nghị về các thủ tục của lĩnh vực “{name}”: ngay khi có, hoặc gộp mỗi ngày hay mỗi tuần. Chúng tôi gửi trước một thư xác nhận; chưa xác nhận thì không có thư nào khác.",
    case_link: "Nhận thư khi phản ánh này có bước mới",
    case_title: "Theo dõi phản ánh",
    case_lead: "Nhận thư điện tử ở mỗi bước công khai của phản ánh {name}: tiếp nhận, chuyển cơ quan, câu trả lời. Chúng tôi gửi trước một thư xác nhận; chưa xác nhận thì không có thư nào khác.",
    mail_confirm_case_subject: "Xác nhận theo dõi phản ánh {code}",
    mail_confirm_case_body: "Có người (có thể là bạn) đề nghị gửi đến địa chỉ này thư ở mỗi bước công khai của phản ánh {code}.\n\nĐể xác nhận, mở liên kết:\n{link}\n\nNếu không phải bạn, hãy bỏ qua thư này: sẽ không có thư nào khác.",
    mail_update_subject: "Phản ánh {code}: {event}",
    mail_update_body: "Phản ánh {code} có bước mới ngày {date}: {event}.\n\nXem phản ánh:\n{link}\n\nQuản lý theo dõi:\n{manage}\n\nBỏ theo dõi phản ánh này:\n{unsubscribe}",
};

pub static EN: FollowTexts = FollowTexts {
    procedure_link: "Get an e-mail when this procedure changes",
    title: "Follow a procedure",
    lead: "Get an e-mail when the papers, fees, time limits or anything else of the procedure “{name}” change; the message says what changed. We send a confirmation first; nothing else is sent until you confirm.",
    email_label: "E-mail",
    email_hint: "For example: name@example.vn",
    privacy: "Your address is used only for these messages: never published, never shared. Every message has a one-click link to stop them.",
    send: "Follow",
    not_found: "This procedure was not found.",
    sent_title: "Check your mailbox",
    sent_text: "If this address does not follow the procedure yet, we have just sent it a message with a confirmation link. Nothing else is sent until it is confirmed.",
    manage_title: "What you follow",
    manage_lead: "What the address {email} follows.",
    pending: "Not confirmed",
    confirm: "Confirm",
    confirmed: "Confirmed: you will get an e-mail when the procedure changes.",
    unfollow: "Stop following",
    ended_title: "You no longer follow it",
    ended_text: "You will not get these messages any more.",
    none: "This address follows nothing.",
    gone: "This link no longer works: the following was stopped.",
    mail_confirm_subject: "Confirm following the procedure {name}",
    mail_confirm_body: "Someone (perhaps you) asked for this address to be told when the procedure “{name}” ({code}) changes.\n\nTo confirm, open:\n{link}\n\nIf it was not you, ignore this message: nothing else will be sent.",
    mail_change_subject: "The procedure {name} has changed",
    mail_change_body: "The procedure “{name}” ({code}) was updated on {date}. {changes}.\n\nThe procedure and its history of changes:\n{page}\n\nManage what you follow:\n{manage}\n\nStop following this procedure:\n{unsubscribe}",
    agency_link: "Get an e-mail when this agency publishes an answer",
    agency_title: "Follow an agency's answers",
    agency_lead: "Get an e-mail when {name} publishes an answer to feedback or a petition: at once, or gathered once a day or once a week. We send a confirmation first; nothing else is sent until you confirm.",
    frequency_label: "How often",
    change_frequency: "Change",
    frequency_changed: "How often you hear has been changed.",
    mail_updates_digest_subject: "{followed}: {count} changes",
    mail_updates_digest_body: "From {first} to the end of {last}, {count} changes ({followed}):\n\n{list}\n\nManage what you follow:\n{manage}\n\nStop following {followed}:\n{unsubscribe}",
    mail_updates_digest_line: "- {date}: {what}",
    frequencies: ["As each answer is published", "Once a day", "Once a week (Mondays)"],
    mail_confirm_answers_subject: "Confirm following the answers: {name}",
    mail_confirm_answers_body: "Someone (perhaps you) asked for this address to be told of the answers published — {name} ({frequency}).\n\nTo confirm, open:\n{link}\n\nIf it was not you, ignore this message: nothing else will be sent.",
    mail_answer_subject: "{agency} answered case {code}",
    mail_answer_body: "{agency} has published its answer to case {code} “{title}”.\n\nRead the answer:\n{link}\n\nManage what you follow:\n{manage}\n\nStop following {followed}:\n{unsubscribe}",
    mail_digest_subject: "{followed}: {count} new answers",
    mail_digest_body: "From {first} to the end of {last}, {count} new answers were published ({followed}):\n\n{list}\n\nManage what you follow:\n{manage}\n\nStop following {followed}:\n{unsubscribe}",
    mail_digest_line: "- {code} — {title}: {link}",
    field_link: "Get an e-mail when an answer is published in this field",
    field_title: "Follow the answers in a field",
    field_lead: "Get an e-mail when an answer is published to feedback or a petition about the procedures of the field “{name}”: at once, or gathered once a day or once a week. We send a confirmation first; nothing else is sent until you confirm.",
    case_link: "Get an e-mail at each new step of this case",
    case_title: "Follow a case",
    case_lead: "Get an e-mail at each public step of case {name}: accepted, transferred, answered. We send a confirmation first; nothing else is sent until you confirm.",
    mail_confirm_case_subject: "Confirm following case {code}",
    mail_confirm_case_body: "Someone (perhaps you) asked for this address to be told of each public step of case {code}.\n\nTo confirm, open:\n{link}\n\nIf it was not you, ignore this message: nothing else will be sent.",
    mail_update_subject: "Case {code}: {event}",
    mail_update_body: "Case {code} took a new step on {date}: {event}.\n\nSee the case:\n{link}\n\nManage what you follow:\n{manage}\n\nStop following this case:\n{unsubscribe}",
};
