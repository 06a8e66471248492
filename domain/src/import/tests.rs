use chrono::NaiveDate;

use super::*;
use crate::agency::AgencyLevel;

fn record(extra: &str) -> String {
    format!(
        r#"{{"MATTHC":"1.001193","TENTTHC":"Đăng ký khai sinh","CAPTHUCHIEN":"3",
        "LINHVUCTHUCHIEN":[{{"MALINHVUC":"HT","TENLINHVUC":"Hộ tịch"}}]{extra}}}"#
    )
}

#[test]
fn reads_a_full_record() {
    let json = format!(
        "[{}]",
        record(
            r#","DOITUONGTHUCHIEN":"Công dân Việt Nam","MUCDO":"Toàn trình",
            "CACHTHUCTHUCHIEN":[{"KENH":"Trực tiếp","THOIGIAN":[{"THOIGIANGIAIQUYET":"1","DONVITINH":"Ngày làm việc",
              "PHILEPHI":[{"LOAIPHI":"Lệ phí","SOTIEN":"Miễn lệ phí"}]}]}],
            "THANHPHANHOSO":[{"TRUONGHOP":"","GIAYTO":[{"TENGIAYTO":"Tờ khai đăng ký khai sinh","SOBANCHINH":"1","SOBANSAO":0,"TENMAUDON":"Mẫu TK-KS"}]}],
            "CANCUPHAPLY":[{"SOVANBAN":"60/2014/QH13","TENVANBAN":"Luật Hộ tịch","NGAYBANHANH":"20/11/2014"}],
            "SOHOSONAM":1200"#
        )
    );
    let parsed = from_json(&json).unwrap();
    let p = &parsed[0].procedure;
    assert_eq!(p.levels, [AgencyLevel::Commune]);
    assert_eq!(p.subjects, [Subject::Individual]);
    assert_eq!(p.online_level, OnlineLevel::Full);
    assert_eq!(p.channels[0].time_limit, Some(TimeLimit { amount: 1, unit: TimeUnit::WorkingDays }));
    assert_eq!(p.dossier[0].documents[0].originals, 1);
    assert_eq!(p.dossier[0].documents[0].form.as_ref().unwrap().name, "Mẫu TK-KS");
    assert_eq!(p.legal_basis[0].date, NaiveDate::from_ymd_opt(2014, 11, 20));
    assert_eq!(parsed[0].yearly_dossiers, 1200);
}

#[test]
fn names_the_record_and_nested_field_of_a_bad_value() {
    let good = record("");
    let bad =
        record(r#","THANHPHANHOSO":[{"GIAYTO":[{"TENGIAYTO":"Tờ khai"},{"TENGIAYTO":"Bản sao","SOBANSAO":"hai"}]}]"#)
            .replace("1.001193", "1.000894");
    let err = from_json(&format!("[{good},{bad}]")).unwrap_err();
    assert_eq!(err.record, 2);
    assert_eq!(err.code.as_deref(), Some("1.000894"));
    assert_eq!(err.field, "THANHPHANHOSO[0].GIAYTO[1].SOBANSAO");
    assert!(err.to_string().contains("\"hai\" is not a whole number"), "{err}");
}

#[test]
fn a_time_limit_without_a_known_unit_is_rejected() {
    let bad = record(
        r#","CACHTHUCTHUCHIEN":[{"KENH":"Trực tuyến","THOIGIAN":[{"THOIGIANGIAIQUYET":"15","DONVITINH":"tuần"}]}]"#,
    );
    let err = from_json(&format!("[{bad}]")).unwrap_err();
    assert_eq!(err.field, "CACHTHUCTHUCHIEN[0].THOIGIAN[0].DONVITINH");
}

#[test]
fn rejects_missing_name_duplicate_codes_and_bad_codes() {
    let no_name = record("").replace("Đăng ký khai sinh", "");
    assert_eq!(from_json(&format!("[{no_name}]")).unwrap_err().field, "TENTTHC");
    let twice = record("");
    let err = from_json(&format!("[{twice},{twice}]")).unwrap_err();
    assert_eq!((err.record, err.field.as_str()), (2, "MATTHC"));
    let bad_code = record("").replace("1.001193", "khai sinh");
    assert_eq!(from_json(&format!("[{bad_code}]")).unwrap_err().field, "MATTHC");
}

#[test]
fn accepts_the_national_sync_package_shapes() {
    let json = r#"[{"MATTHC":"1.001612","TENTTHC":"Đăng ký thành lập hộ kinh doanh",
        "CAPTHUCHIEN":[{"CAPTHUCHIEN":"3","MOTACOQUANTHUCHIEN":"UBND cấp xã"}],
        "LINHVUCTHUCHIEN":[{"MALINHVUC":"HKD","TENLINHVUC":"Hộ kinh doanh"}],
        "DOITUONGTHUCHIEN":[{"TENDOITUONG":"Công dân Việt Nam"}],
        "COQUANTHUCHIEN":[{"MADONVI":"XA","TENDONVI":"Ủy ban nhân dân cấp xã"}],
        "CACHTHUCTHUCHIEN":[{"KENH":"1","THOIGIAN":[{"THOIGIANGIAIQUYET":3,"DONVITINH":"Ngày làm việc"}],
            "PHILEPHI":[{"SOTIEN":"100.000 đồng"}]}],
        "THANHPHANHOSO":[{"GIAYTO":[{"TENGIAYTO":"Giấy đề nghị","Url":"https://example.org/mau.docx"}]}]}]"#;
    let p = from_json(json).unwrap().remove(0).procedure;
    assert_eq!(p.levels, [AgencyLevel::Commune]);
    assert_eq!(p.subjects, [Subject::Individual]);
    assert_eq!(p.agencies.implementing[0].code, "XA");
    assert_eq!(p.channels[0].kind, ChannelKind::Direct);
    assert_eq!(p.channels[0].fees[0].amount, "100.000 đồng");
    assert_eq!(p.dossier[0].documents[0].form, None);
}

#[test]
fn invalid_json_is_reported_with_its_position() {
    let err = from_json("[{\"MATTHC\": }]").unwrap_err();
    assert_eq!(err.record, 0);
    assert!(err.message.contains("line 1"), "{}", err.message);
}

#[test]
fn reads_csv_through_the_same_rules() {
    let csv = "MATTHC,TENTTHC,CAPTHUCHIEN,MALINHVUC,TENLINHVUC,KENH,THOIGIANGIAIQUYET,DONVITINH,GIAYTO\n\
               1.001193,Đăng ký khai sinh,3,HT,Hộ tịch,Trực tiếp;Trực tuyến,1,Ngày làm việc,Tờ khai;Giấy chứng sinh\n";
    let parsed = from_csv(csv).unwrap();
    let p = &parsed[0].procedure;
    assert_eq!(p.channels.len(), 2);
    assert_eq!(p.channels[1].kind, ChannelKind::Online);
    assert_eq!(p.dossier[0].documents.len(), 2);

    let bad = "MATTHC,TENTTHC,CAPTHUCHIEN,MALINHVUC,TENLINHVUC\n1.001193,Khai sinh,3,HT,Hộ tịch\n1.000894,Kết hôn,9,HT,Hộ tịch\n";
    let err = from_csv(bad).unwrap_err();
    assert_eq!((err.record, err.field.as_str()), (2, "CAPTHUCHIEN"));
}

/// What the portal publishes as open data reads back as the very same procedures, with their
/// yearly numbers of dossiers: every procedure of the demonstration's catalogue and amendments
/// (every status, channel, fee kind, level and field there is), as JSON and, where CSV holds
/// them, as CSV.
#[test]
fn the_national_shape_written_reads_back_unchanged() {
    let mut procedures = from_json(include_str!("../../../server/demo/catalogue.json")).unwrap();
    procedures.extend(from_json(include_str!("../../../server/demo/amendments.json")).unwrap());
    assert!(procedures.len() > 90);
    let statuses: HashSet<_> = procedures.iter().map(|p| p.procedure.status).collect();
    assert_eq!(statuses.len(), 4, "the demonstration has every status");
    for (i, p) in procedures.iter().enumerate() {
        let written = Value::Array(vec![to_national(&p.procedure, p.yearly_dossiers + i as u32)]);
        let read = from_json(&written.to_string()).unwrap();
        assert_eq!(read[0].procedure, p.procedure, "{}", p.procedure.code);
        assert_eq!(read[0].yearly_dossiers, p.yearly_dossiers + i as u32);
    }
    // CSV: a summary, read back with the same code, name, levels, fields, agencies, status and
    // online level (the catalogue as amended: one row per code).
    let mut seen = HashSet::new();
    procedures.reverse();
    procedures.retain(|p| seen.insert(p.procedure.code.clone()));
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(CSV_COLUMNS).unwrap();
    for p in &procedures {
        csv.write_record(to_csv_row(&p.procedure, p.yearly_dossiers)).unwrap();
    }
    let read = from_csv(&String::from_utf8(csv.into_inner().unwrap()).unwrap()).unwrap();
    assert_eq!(read.len(), procedures.len());
    for (p, r) in procedures.iter().zip(&read) {
        let (p, r) = (&p.procedure, &r.procedure);
        assert_eq!((&r.code, &r.name, &r.levels, &r.fields), (&p.code, &p.name, &p.levels, &p.fields));
        assert_eq!(
            (&r.agencies.implementing, r.status, r.online_level),
            (&p.agencies.implementing, p.status, p.online_level)
        );
        assert_eq!(r.subjects, p.subjects, "{}", p.code);
    }
}
