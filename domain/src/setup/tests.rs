use super::*;

fn agency(code: &str) -> AgencyInput {
    AgencyInput {
        code: code.to_owned(),
        name: format!("Cơ quan {code}"),
        level: "tinh".to_owned(),
        email: format!("{}@example.gov.vn", code.to_lowercase()),
        ..AgencyInput::default()
    }
}

#[test]
fn an_agency_is_checked_field_by_field() {
    let a = agency("VP").check().unwrap();
    assert_eq!((a.slug.as_str(), a.cutoff.as_str(), a.level), ("co-quan-vp", "17:00", AgencyLevel::Province));
    let refused = |input: AgencyInput| input.check().unwrap_err().field;
    assert_eq!(refused(AgencyInput { code: "a b".into(), ..agency("X") }), AdminField::Code);
    assert_eq!(refused(AgencyInput { name: " ".into(), ..agency("X") }), AdminField::Name);
    assert_eq!(refused(AgencyInput { level: "thon".into(), ..agency("X") }), AdminField::Level);
    assert_eq!(refused(AgencyInput { email: "x@".into(), ..agency("X") }), AdminField::Email);
    assert_eq!(refused(AgencyInput { cutoff: "25:00".into(), ..agency("X") }), AdminField::Cutoff);
    assert_eq!(refused(AgencyInput { website: "javascript:alert(1)".into(), ..agency("X") }), AdminField::Website);
    assert_eq!(refused(AgencyInput { slug: "Sở".into(), ..agency("X") }), AdminField::Slug);
    assert_eq!(refused(AgencyInput { parent: "X".into(), ..agency("X") }), AdminField::Parent);
    assert_eq!(refused(AgencyInput { phone: "1\n2".into(), ..agency("X") }), AdminField::Phone);
}

#[test]
fn a_csv_file_names_the_row_and_column_of_its_first_fault() {
    let csv = "kind,code,name,level,parent,email,agency\n\
               agency,VP,Văn phòng,tinh,,vp@example.gov.vn,\n\
               agency,XA1,UBND xã 1,xa,VP,xa1@example.gov.vn,\n\
               area,T,Tỉnh,,,,\n\
               area,X1,Xã 1,,T,,XA1\n";
    let file = from_csv(csv).unwrap();
    assert_eq!((file.agencies.len(), file.areas.len()), (2, 2));
    file.check(&Existing::default()).unwrap();

    let bad = csv.replace("xa1@example.gov.vn", "not-an-address");
    let e = from_csv(&bad).unwrap_err();
    assert_eq!((e.record, e.field.as_str(), e.code.as_deref()), (2, "email", Some("XA1")));

    let unknown = from_csv(&csv.replace(",T,,XA1", ",T,,XA9")).unwrap();
    let e = unknown.check(&Existing::default()).unwrap_err();
    assert_eq!((e.record, e.field.as_str()), (4, "agency"));
}

#[test]
fn a_json_file_is_checked_whole_against_what_is_stored() {
    let json = r#"{"agencies": [
        {"code": "A", "name": "A", "level": "province", "parent": "B", "email": "a@example.gov.vn"},
        {"code": "B", "name": "B", "level": 1, "parent": "A", "email": "b@example.gov.vn", "coordinating": true}
    ]}"#;
    let file = from_json(json).unwrap();
    assert!(file.agencies[1].coordinating);
    let e = file.check(&Existing::default()).unwrap_err();
    assert_eq!((e.record, e.field.as_str()), (1, "parent"), "{e}");

    let stored = agency("C").check().unwrap();
    let file = from_json(r#"[{"code": "D", "name": "D", "level": "xa", "parent": "C", "email": "d@example.gov.vn"}]"#)
        .unwrap();
    file.check(&Existing { agencies: vec![stored.clone()], areas: vec![] }).unwrap();
    assert!(file.check(&Existing::default()).is_err(), "C is not known without the stored agencies");

    let same_slug = from_json(&format!(
        r#"[{{"code": "E", "name": "E", "slug": "{}", "level": "xa", "email": "e@example.gov.vn"}}]"#,
        stored.slug
    ))
    .unwrap();
    assert_eq!(same_slug.check(&Existing { agencies: vec![stored], areas: vec![] }).unwrap_err().field, "slug");
    assert_eq!(from_json(r#"{"agency": []}"#).unwrap_err().record, 0);
}
