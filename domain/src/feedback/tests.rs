use chrono::NaiveDate;

use super::*;
use unicode_normalization::UnicodeNormalization;

fn valid() -> FeedbackForm {
    FeedbackForm {
        submitter_kind: "individual".into(),
        name: "Nguyễn Văn An".into(),
        address: "12 Hàng Bạc, phường Hoàn Kiếm".into(),
        phone: "0912 345 678".into(),
        email: "An.Nguyen@Example.VN".into(),
        category: "official_conduct".into(),
        title: "Chậm trả kết quả khai sinh".into(),
        content: "Tôi nộp hồ sơ ngày 3/11 nhưng đến nay chưa nhận được kết quả.".into(),
        consent: true,
        ..FeedbackForm::default()
    }
}

fn problems(form: &FeedbackForm) -> Vec<(Field, Problem)> {
    form.validate().unwrap_err().into_iter().map(|e| (e.field, e.problem)).collect()
}

#[test]
fn a_valid_form_is_normalised() {
    let case = valid().validate().unwrap();
    assert_eq!(case.submitter.phone, "0912345678");
    assert_eq!(case.submitter.email.as_deref(), Some("An.Nguyen@example.vn"));
    assert_eq!(case.category, Category::OfficialConduct);
    assert!(!case.submitter.show_name);
}

#[test]
fn name_address_phone_and_consent_are_required_and_all_problems_are_reported() {
    let form =
        FeedbackForm { name: " ".into(), address: String::new(), phone: String::new(), consent: false, ..valid() };
    assert_eq!(
        problems(&form),
        vec![
            (Field::Name, Problem::Required),
            (Field::Address, Problem::Required),
            (Field::Phone, Problem::Required),
            (Field::Consent, Problem::ConsentRequired),
        ]
    );
}

#[test]
fn email_is_optional_but_checked_when_given() {
    assert_eq!(FeedbackForm { email: String::new(), ..valid() }.validate().unwrap().submitter.email, None);
    for bad in ["an@", "an.example.vn", "an @x.vn", "an@x", "<a>@x.vn", "an@-x.vn"] {
        assert_eq!(
            problems(&FeedbackForm { email: bad.into(), ..valid() }),
            vec![(Field::Email, Problem::Email)],
            "{bad}"
        );
    }
}

#[test]
fn phones_in_common_shapes() {
    for (raw, national) in [
        ("0912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("(024) 3825.3536", "02438253536"),
        ("091-234-5678", "0912345678"),
    ] {
        assert_eq!(normalise_phone(raw).as_deref(), Some(national), "{raw}");
    }
    for bad in ["12345", "0912a45678", "+1 212 555 0100", "009123456789", "091234567890123"] {
        assert_eq!(normalise_phone(bad), None, "{bad}");
    }
}

#[test]
fn complaints_and_denunciations_are_out_of_scope() {
    for (raw, category) in [("complaint", Category::Complaint), ("denunciation", Category::Denunciation)] {
        assert_eq!(
            problems(&FeedbackForm { category: raw.into(), ..valid() }),
            vec![(Field::Category, Problem::OutOfScope(category))]
        );
    }
    assert_eq!(problems(&FeedbackForm { category: "x".into(), ..valid() }), vec![(Field::Category, Problem::Choice)]);
}

#[test]
fn organisations_name_themselves() {
    let form = FeedbackForm { submitter_kind: "organisation".into(), ..valid() };
    assert_eq!(problems(&form), vec![(Field::Organisation, Problem::Required)]);
    let form = FeedbackForm { organisation: "Công ty TNHH Ánh Dương".into(), ..form };
    assert_eq!(form.validate().unwrap().submitter.organisation.as_deref(), Some("Công ty TNHH Ánh Dương"));
    // An individual's stray organisation name is not kept.
    let person = FeedbackForm { organisation: "Công ty".into(), ..valid() };
    assert_eq!(person.validate().unwrap().submitter.organisation, None);
}

#[test]
fn lengths_and_control_characters() {
    assert_eq!(
        problems(&FeedbackForm { title: "Kém".into(), ..valid() }),
        vec![(Field::Title, Problem::TooShort { min: 5 })]
    );
    let long = "a".repeat(limits::CONTENT.1 + 1);
    assert_eq!(
        problems(&FeedbackForm { content: long, ..valid() }),
        vec![(Field::Content, Problem::TooLong { max: 10_000 })]
    );
    assert_eq!(
        problems(&FeedbackForm { name: "An\u{0}".into(), ..valid() }),
        vec![(Field::Name, Problem::BadCharacters)]
    );
    assert_eq!(
        problems(&FeedbackForm { content: "x\u{7}".repeat(20), ..valid() }),
        vec![(Field::Content, Problem::BadCharacters)]
    );
    // Line breaks are kept in the content, made one kind; a title's become spaces.
    let case = FeedbackForm {
        title: "Chậm\r\n  trả   kết quả".into(),
        content: "Dòng một dài hơn hai mươi ký tự\r\nDòng hai  ".into(),
        ..valid()
    }
    .validate()
    .unwrap();
    assert_eq!(case.title, "Chậm trả kết quả");
    assert_eq!(case.content, "Dòng một dài hơn hai mươi ký tự\nDòng hai");
}

#[test]
fn script_tags_are_just_text() {
    let case = FeedbackForm { title: "<script>alert(1)</script>".into(), ..valid() }.validate().unwrap();
    assert_eq!(case.title, "<script>alert(1)</script>");
}

#[test]
fn decomposed_input_is_composed() {
    let decomposed: String = "Nguyễn".nfd().collect();
    let case = FeedbackForm { name: decomposed, ..valid() }.validate().unwrap();
    assert_eq!(case.submitter.name, "Nguyễn");
}

#[test]
fn case_codes() {
    let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    assert_eq!(CaseCode::new(day, 7).as_str(), "PAKN.20261122.0007");
    assert_eq!(CaseCode::new(day, 12_345).as_str(), "PAKN.20261122.12345");
    assert_eq!(CaseCode::parse(" pakn.20261122.0007 "), Some(CaseCode::new(day, 7)));
    for bad in ["PAKN.20261322.0007", "PAKN.20261122.7", "PAKN.20261122.0000", "PAKN.20261122", "X.20261122.0001"] {
        assert_eq!(CaseCode::parse(bad), None, "{bad}");
    }
}

#[test]
fn routing_prefers_the_procedure_then_the_named_agency_then_the_most_specific_rule() {
    let rules = vec![
        RoutingRule { id: 1, category: Some(Category::Regulation), area: None, agency: "STP".into() },
        RoutingRule { id: 2, category: None, area: Some("HK".into()), agency: "XA-HK".into() },
        RoutingRule { id: 3, category: Some(Category::Regulation), area: Some("HK".into()), agency: "STP-HK".into() },
    ];
    let route = |p, n, c, a| route(p, n, c, a, &rules, "VP");
    assert_eq!(route(Some(("1.001193", "XA-BD")), Some("X"), Category::Other, None).0, "XA-BD");
    assert_eq!(route(None, Some("SYT"), Category::Other, Some("HK")), ("SYT".into(), RoutingReason::NamedAgency));
    assert_eq!(route(None, None, Category::Regulation, Some("HK")), ("STP-HK".into(), RoutingReason::Rule { rule: 3 }));
    assert_eq!(route(None, None, Category::Other, Some("HK")).0, "XA-HK");
    assert_eq!(route(None, None, Category::Regulation, Some("BD")).0, "STP");
    assert_eq!(route(None, None, Category::Proposal, Some("BD")), ("VP".into(), RoutingReason::Coordinating));
}

#[test]
fn public_statuses() {
    assert_eq!(CaseStatus::AnswerDrafted.public(), PublicStatus::InProgress);
    assert_eq!(CaseStatus::Closed.public(), PublicStatus::Answered);
    assert!(CaseStatus::AwaitingInformation.is_open() && !CaseStatus::Withdrawn.is_open());
}
