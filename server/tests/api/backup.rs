//! Backups: taken while the server runs, restored into an empty folder and database, and compared
//! case by case, file by file and message by message with what was backed up.

use civicdesk_domain::feedback::CaseCode;
use civicdesk_domain::store::Store;
use civicdesk_server::backup;
use reqwest::multipart::Part;

use crate::feedback::{form_of, valid};
use crate::helpers::{Engine, TestApp, engines, fresh_postgres, postgres_admin_url, with_database};

/// Every outbox message: recipient, subject, text, whether it was sent.
async fn outbox(url: &str) -> Vec<(String, String, String, bool)> {
    let sql = "SELECT recipient, subject, text_body, sent_at IS NOT NULL FROM outbox ORDER BY id";
    if url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        let rows = sqlx::query_as(sql).fetch_all(&pool).await.unwrap();
        pool.close().await;
        rows
    } else {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        let rows = sqlx::query_as(sql).fetch_all(&pool).await.unwrap();
        pool.close().await;
        rows
    }
}

/// Each case as JSON with its attachments' bytes, in code order.
async fn cases(store: &dyn Store, uploads: &std::path::Path) -> Vec<(serde_json::Value, Vec<Vec<u8>>)> {
    let mut codes: Vec<String> = store.milestones(None).await.unwrap().into_iter().map(|c| c.code).collect();
    codes.sort();
    let mut out = Vec::new();
    for code in codes {
        let case = store.case_by_code(&CaseCode::parse(&code).unwrap()).await.unwrap().unwrap();
        let mut files = Vec::new();
        for attachment in &case.attachments {
            let (_, key) = store.attachment(case.id, attachment.id).await.unwrap().unwrap();
            files.push(std::fs::read(uploads.join(key)).unwrap());
        }
        out.push((serde_json::to_value(&case).unwrap(), files));
    }
    out
}

engines! {
    async fn a_backup_taken_while_serving_restores_to_the_same_data(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        // Cases with files, an answer's e-mails, a change in the trail.
        for file in ["don-1.pdf", "don-2.pdf"] {
            let form = form_of(&valid()).part("attachments", Part::bytes(crate::helpers::pdf(file, "An")).file_name(file));
            assert_eq!(app.post_form("/phan-anh/gui", form).await.status(), 303);
        }
        app.submit_regulation(Some("tu@example.vn")).await;
        app.mail_files(3).await;
        let admin = app.demo(crate::handling::ADMIN).await;
        assert_eq!(app.admin_post(&admin, &[("action", "save_field"), ("code", "SAO-LUU"), ("name", "Sao lưu thử")]).await.0, 303);

        let folder = tempfile::tempdir().unwrap();
        let dir = folder.path().join("sao-luu");
        // Submissions go on while the copy is taken.
        let writing = {
            let (client, base) = (app.client.clone(), app.base.clone());
            tokio::spawn(async move {
                for _ in 0..5 {
                    client.post(format!("{base}/phan-anh/gui")).multipart(form_of(&valid())).send().await.unwrap();
                }
            })
        };
        let report = backup::backup(&app.config, &dir).await.expect("the backup is taken");
        writing.await.unwrap();
        assert_eq!(report.uploads, 2);
        let refused = backup::backup(&app.config, &dir).await.unwrap_err().to_string();
        assert!(refused.contains("not empty"), "{refused}");

        // Restored into an empty folder and database.
        let target = tempfile::tempdir().unwrap();
        let mut config = app.config.clone();
        config.data_dir = target.path().to_path_buf();
        let restored_db = match engine {
            Engine::Sqlite => {
                config.database_url = format!("sqlite://{}", target.path().join("civicdesk.db").display());
                None
            }
            Engine::Postgres => {
                let db = fresh_postgres().await;
                config.database_url = with_database(&postgres_admin_url(), &db);
                Some(db)
            }
        };
        let restored = backup::restore(&config, &dir).await.expect("the backup is restored");
        assert_eq!(restored.uploads, 2);
        let store = civicdesk_server::storage::open(&config.database_url).await.unwrap();

        // What the backup holds is exactly what was there when it was taken: the cases
        // submitted during the copy may or may not be in it, the ones before all are.
        let original = cases(app.store.as_ref(), &app.config.data_dir.join("uploads")).await;
        let copy = cases(store.as_ref(), &target.path().join("uploads")).await;
        assert!(copy.len() >= 3 && copy.len() <= original.len(), "{} of {}", copy.len(), original.len());
        assert_eq!(copy[..], original[..copy.len()], "every case, event and attachment, byte for byte");
        assert_eq!(copy.iter().map(|(_, files)| files.len()).sum::<usize>(), 2);
        // Every outbox message, as it was: one sent since is unsent in the copy, never the reverse.
        let (before, after) = (outbox(&app.config.database_url).await, outbox(&config.database_url).await);
        assert!(after.len() >= 3 && after.len() <= before.len());
        for (copy, original) in after.iter().zip(&before) {
            assert!(copy.0 == original.0 && copy.1 == original.1 && copy.2 == original.2, "{}", copy.1);
            assert!(!copy.3 || original.3, "{}", copy.1);
        }
        let trail = |s: &std::sync::Arc<dyn Store>| {
            let s = s.clone();
            async move { s.audit_entries(&civicdesk_domain::admin::AuditFilter { limit: 1000, ..Default::default() }).await.unwrap() }
        };
        let (kept, now) = (trail(&store).await, trail(&app.store).await);
        assert!(kept.iter().any(|e| e.change == "save_field"), "the audit trail too");
        for entry in &kept {
            assert!(now.contains(entry), "{entry:?} is not in {now:?}");
        }
        assert!(store.official_by_email(crate::handling::ADMIN).await.unwrap().is_some(), "accounts too");

        // A second restore into the same place is refused; a damaged backup is found out.
        assert!(backup::restore(&config, &dir).await.is_err());
        let upload = std::fs::read_dir(dir.join("uploads")).unwrap().next().unwrap().unwrap().path();
        let mut bytes = std::fs::read(&upload).unwrap();
        bytes[10] ^= 1;
        std::fs::write(&upload, bytes).unwrap();
        let fresh = tempfile::tempdir().unwrap();
        let mut elsewhere = config.clone();
        elsewhere.data_dir = fresh.path().to_path_buf();
        elsewhere.database_url = format!("sqlite://{}", fresh.path().join("civicdesk.db").display());
        let damaged = backup::restore(&elsewhere, &dir).await.unwrap_err().to_string();
        assert!(damaged.contains("damaged"), "{damaged}");

        if let Some(db) = restored_db {
            drop(store);
            if let Ok(pool) = sqlx::PgPool::connect(&postgres_admin_url()).await {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)")).execute(&pool).await;
            }
        }
    }
}
