//! The command-line importer and generator, run as a person would run them.

use std::process::Command;

use crate::helpers::{Engine, TestApp, engines};

pub(crate) fn civicdesk(app: &TestApp, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_civicdesk"))
        .args(args)
        .env("DATABASE_URL", &app.config.database_url)
        .env("CIVICDESK_DATA_DIR", &app.config.data_dir)
        .output()
        .expect("the binary runs")
}

const GOOD: &str = r#"[{"MATTHC":"1.009999","TENTTHC":"Cấp giấy phép thử nghiệm","CAPTHUCHIEN":"1",
  "LINHVUCTHUCHIEN":[{"MALINHVUC":"TN","TENLINHVUC":"Thử nghiệm"}],
  "CACHTHUCTHUCHIEN":[{"KENH":"Trực tiếp","THOIGIAN":[{"THOIGIANGIAIQUYET":"5","DONVITINH":"Ngày làm việc"}]}]}]"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_with_a_bad_record_is_rejected_whole() {
    let app = TestApp::spawn(Engine::Sqlite).await;
    let before = app.store.procedure_count().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bad = GOOD.replace("}]}]", "}]}]},{\"MATTHC\":\"1.008888\",\"TENTTHC\":\"Thiếu cấp\"").replace("]\"", "");
    let bad = format!("{}]", bad.trim_end_matches(']').trim_end_matches('}').to_owned() + "}");
    let path = dir.path().join("bad.json");
    std::fs::write(&path, &bad).unwrap();
    let out = civicdesk(&app, &["import", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("record 2 (1.008888)"), "{stderr}");
    assert!(stderr.contains("CAPTHUCHIEN"), "{stderr}");
    assert!(stderr.contains("nothing imported"), "{stderr}");
    assert_eq!(app.store.procedure_count().await.unwrap(), before, "nothing partial was written");
    assert!(app.store.procedure("1.009999").await.unwrap().is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn importing_again_revises_only_what_changed() {
    let app = TestApp::spawn(Engine::Sqlite).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalogue.json");
    std::fs::write(&path, GOOD).unwrap();
    let out = civicdesk(&app, &["import", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 new, 0 revised, 0 unchanged"));

    let out = civicdesk(&app, &["import", path.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 new, 0 revised, 1 unchanged"));

    std::fs::write(&path, GOOD.replace("\"5\"", "\"7\"")).unwrap();
    let out = civicdesk(&app, &["import", path.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 new, 1 revised, 0 unchanged"));
    let detail = app.store.procedure("1.009999").await.unwrap().unwrap();
    assert_eq!(detail.revisions.len(), 2);
    assert_eq!(detail.record.channels[0].time_limit.unwrap().amount, 7);
    // The new revision is visible to searchers at once.
    assert_eq!(app.search_names("giay phep thu nghiem").await[0], "Cấp giấy phép thử nghiệm");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imports_csv() {
    let app = TestApp::spawn(Engine::Sqlite).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalogue.csv");
    std::fs::write(
        &path,
        "MATTHC,TENTTHC,CAPTHUCHIEN,MALINHVUC,TENLINHVUC,KENH,THOIGIANGIAIQUYET,DONVITINH,PHILEPHI,GIAYTO\n\
         1.007777,Cấp phép thử CSV,3,TN,Thử nghiệm,Trực tiếp;Trực tuyến,2,Ngày làm việc,10.000 đồng,Đơn đề nghị;Bản sao giấy tờ\n",
    )
    .unwrap();
    let out = civicdesk(&app, &["import", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let detail = app.store.procedure("1.007777").await.unwrap().unwrap();
    assert_eq!(detail.record.channels.len(), 2);
    assert_eq!(detail.record.dossier[0].documents.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generates_a_synthetic_catalogue() {
    let app = TestApp::spawn_with(Engine::Sqlite, false).await;
    let out = civicdesk(&app, &["generate-catalogue", "--count", "1200", "--seed", "7"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(app.store.procedure_count().await.unwrap(), 1200);
    let body = app.get_json("/api/v1/procedures?q=giay+phep").await;
    assert!(body["total"].as_u64().unwrap() > 10);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cached_public_page_shows_an_import_once_its_time_to_live_has_passed() {
    // Long enough that the second visit always comes within it, however slow the machine.
    let ttl = std::time::Duration::from_secs(8);
    let app = TestApp::spawn_configured(Engine::Sqlite, |config| config.page_cache_ttl = ttl).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalogue.json");
    std::fs::write(&path, GOOD).unwrap();
    assert!(civicdesk(&app, &["import", path.to_str().unwrap()]).status.success());

    let page = "/thu-tuc/1.009999";
    let first = app.get(page).await;
    assert_eq!(first.headers()["x-cache"], "miss");
    let started = std::time::Instant::now();
    assert!(first.text().await.unwrap().contains("Cấp giấy phép thử nghiệm"));

    std::fs::write(&path, GOOD.replace("thử nghiệm", "thí điểm")).unwrap();
    assert!(civicdesk(&app, &["import", path.to_str().unwrap()]).status.success());
    let again = app.get(page).await;
    assert!(started.elapsed() < ttl, "the import took longer than the page cache lives: {:?}", started.elapsed());
    assert_eq!(again.headers()["x-cache"], "hit");
    assert!(again.text().await.unwrap().contains("Cấp giấy phép thử nghiệm"), "served from the cache");

    tokio::time::sleep(ttl.saturating_sub(started.elapsed()) + std::time::Duration::from_millis(100)).await;
    let fresh = app.get(page).await;
    assert_eq!(fresh.headers()["x-cache"], "miss");
    let html = fresh.text().await.unwrap();
    assert!(html.contains("Cấp giấy phép thí điểm") && !html.contains("thử nghiệm"), "the new name after the TTL");
}

engines! {
    async fn the_counts_of_fields_and_agencies_follow_each_import(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let count_of = |fields: &[civicdesk_domain::catalogue::FieldSummary], code: &str| {
            fields.iter().find(|f| f.field.code == code).map_or(0, |f| f.procedures)
        };
        // Each agency's count is the number of procedures a search by that agency finds.
        for summary in app.store.agencies().await.unwrap() {
            let filter = civicdesk_domain::catalogue::ProcedureFilter {
                agency: Some(summary.agency.slug.clone()),
                page: 1,
                ..Default::default()
            };
            let found = app.store.search_procedures(&filter).await.unwrap().total;
            assert_eq!(summary.procedures, found, "{}", summary.agency.code);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalogue.json");
        std::fs::write(&path, GOOD).unwrap();
        assert!(civicdesk(&app, &["import", path.to_str().unwrap()]).status.success());
        assert_eq!(count_of(&app.store.fields().await.unwrap(), "TN"), 1);
        // Revised into another field: counted there, and no longer in the first.
        std::fs::write(&path, GOOD.replace(r#""MALINHVUC":"TN""#, r#""MALINHVUC":"TN2""#)).unwrap();
        let out = civicdesk(&app, &["import", path.to_str().unwrap()]);
        assert!(String::from_utf8_lossy(&out.stdout).contains("0 new, 1 revised"), "{out:?}");
        let fields = app.store.fields().await.unwrap();
        assert_eq!((count_of(&fields, "TN"), count_of(&fields, "TN2")), (0, 1));
    }
}
