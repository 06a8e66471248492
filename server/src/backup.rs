//! Backups: `civicdesk backup DIR` writes a consistent copy of everything the portal stores, while
//! the server runs; `civicdesk restore DIR` puts it back into an empty database and data folder.
//!
//! A backup folder holds the database (SQLite: a copy made by `VACUUM INTO`, which reads one
//! snapshot of the live database; PostgreSQL: `pg_dump --format=custom`, also one snapshot), the
//! uploaded files, and `manifest.json` listing each file with its size and SHA-256. Files are copied
//! after the database snapshot: a file is written before the case that records it, so every file
//! the copied database names is there (files of later cases may be too, and are harmless).

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::{Context, bail, ensure};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::Config;

const MANIFEST: &str = "manifest.json";
const SQLITE_FILE: &str = "civicdesk.db";
const POSTGRES_FILE: &str = "civicdesk.pgdump";

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    created_at: chrono::DateTime<chrono::Utc>,
    /// `sqlite` or `postgresql`.
    engine: String,
    database: FileEntry,
    uploads: Vec<FileEntry>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
struct FileEntry {
    /// Relative to the backup folder.
    path: String,
    size: u64,
    sha256: String,
}

/// What a backup or a restore did.
#[derive(Debug)]
pub struct Report {
    pub dir: PathBuf,
    pub engine: String,
    pub database_bytes: u64,
    pub uploads: usize,
    pub restored: bool,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.restored { "restored from" } else { "backed up to" };
        write!(
            f,
            "{verb} {}: {} database ({} bytes) and {} uploaded files",
            self.dir.display(),
            self.engine,
            self.database_bytes,
            self.uploads
        )
    }
}

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// The SQLite database file a URL names.
fn sqlite_path(url: &str) -> anyhow::Result<PathBuf> {
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(url).context("not a SQLite URL")?;
    Ok(options.get_filename().to_path_buf())
}

/// A file's size and SHA-256, read in a stream (a database of any size in constant memory).
fn entry(dir: &Path, path: &Path) -> anyhow::Result<FileEntry> {
    let mut file = std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut hasher = Sha256::new();
    let size = std::io::copy(&mut file, &mut hasher)?;
    Ok(FileEntry {
        path: path.strip_prefix(dir)?.to_string_lossy().replace('\\', "/"),
        size,
        sha256: hex::encode(hasher.finalize()),
    })
}

/// The uploaded files (not those still being written, in `incoming/`), by name.
fn upload_names(uploads: &Path) -> anyhow::Result<Vec<String>> {
    let mut names = Vec::new();
    if uploads.is_dir() {
        for item in std::fs::read_dir(uploads)? {
            let item = item?;
            if item.file_type()?.is_file() {
                names.push(item.file_name().to_string_lossy().into_owned());
            }
        }
    }
    names.sort();
    Ok(names)
}

fn run(command: &mut std::process::Command) -> anyhow::Result<()> {
    let program = command.get_program().to_string_lossy().into_owned();
    let output = command.output().with_context(|| format!("cannot run {program}: is it installed?"))?;
    ensure!(output.status.success(), "{program} failed: {}", String::from_utf8_lossy(&output.stderr).trim());
    Ok(())
}

/// Writes a backup of the configured database and data folder into `dir`, which must be new or
/// empty.
pub async fn backup(config: &Config, dir: &Path) -> anyhow::Result<Report> {
    if dir.exists() {
        ensure!(std::fs::read_dir(dir)?.next().is_none(), "{} is not empty: give a new folder", dir.display());
    }
    std::fs::create_dir_all(dir.join("uploads"))?;
    let (engine, database) = if is_postgres(&config.database_url) {
        let file = dir.join(POSTGRES_FILE);
        run(std::process::Command::new("pg_dump")
            .arg("--format=custom")
            .arg("--no-owner")
            .arg("--file")
            .arg(&file)
            .arg(&config.database_url))?;
        ("postgresql", file)
    } else {
        let file = dir.join(SQLITE_FILE);
        let options = sqlx::sqlite::SqliteConnectOptions::from_str(&config.database_url)?.read_only(true);
        let pool = sqlx::SqlitePool::connect_with(options).await.context("cannot open the SQLite database")?;
        sqlx::query("VACUUM INTO $1")
            .bind(file.to_string_lossy().into_owned())
            .execute(&pool)
            .await
            .context("the SQLite copy failed")?;
        pool.close().await;
        ("sqlite", file)
    };
    let uploads_dir = config.data_dir.join("uploads");
    let mut uploads = Vec::new();
    for name in upload_names(&uploads_dir)? {
        let target = dir.join("uploads").join(&name);
        std::fs::copy(uploads_dir.join(&name), &target).with_context(|| format!("cannot copy the upload {name}"))?;
        uploads.push(entry(dir, &target)?);
    }
    let manifest = Manifest {
        created_at: chrono::Utc::now(),
        engine: engine.to_owned(),
        database: entry(dir, &database)?,
        uploads,
    };
    std::fs::write(dir.join(MANIFEST), serde_json::to_vec_pretty(&manifest)?)?;
    Ok(Report {
        dir: dir.to_owned(),
        engine: engine.to_owned(),
        database_bytes: manifest.database.size,
        uploads: manifest.uploads.len(),
        restored: false,
    })
}

/// Checks every file of a backup against its manifest.
fn read_manifest(dir: &Path) -> anyhow::Result<Manifest> {
    let manifest: Manifest = serde_json::from_slice(
        &std::fs::read(dir.join(MANIFEST)).with_context(|| format!("{} has no {MANIFEST}", dir.display()))?,
    )
    .context("the manifest is not readable")?;
    for expected in std::iter::once(&manifest.database).chain(&manifest.uploads) {
        ensure!(!expected.path.contains(".."), "the manifest names a file outside the backup");
        let found = entry(dir, &dir.join(&expected.path))?;
        ensure!(&found == expected, "{} does not match the manifest: the backup is damaged", expected.path);
    }
    Ok(manifest)
}

/// Restores the backup in `dir` into the configured database and data folder, both empty.
pub async fn restore(config: &Config, dir: &Path) -> anyhow::Result<Report> {
    let manifest = read_manifest(dir)?;
    let uploads_dir = config.data_dir.join("uploads");
    ensure!(
        upload_names(&uploads_dir)?.is_empty(),
        "{} already holds uploaded files: restore into an empty data folder",
        uploads_dir.display()
    );
    match (manifest.engine.as_str(), is_postgres(&config.database_url)) {
        ("postgresql", true) => {
            let pool = sqlx::PgPool::connect(&config.database_url).await?;
            let tables: i64 =
                sqlx::query_scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
                    .fetch_one(&pool)
                    .await?;
            pool.close().await;
            ensure!(tables == 0, "the PostgreSQL database is not empty: restore into a new database");
            run(std::process::Command::new("pg_restore")
                .arg("--no-owner")
                .arg("--exit-on-error")
                .arg("--dbname")
                .arg(&config.database_url)
                .arg(dir.join(&manifest.database.path)))?;
        }
        ("sqlite", false) => {
            let target = sqlite_path(&config.database_url)?;
            ensure!(!target.exists(), "{} exists: restore into an empty data folder", target.display());
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::copy(dir.join(&manifest.database.path), &target)?;
        }
        (engine, _) => bail!("this backup is of a {engine} database, and DATABASE_URL names the other engine"),
    }
    std::fs::create_dir_all(&uploads_dir)?;
    for file in &manifest.uploads {
        let name = Path::new(&file.path).file_name().context("an upload without a name")?;
        std::fs::copy(dir.join(&file.path), uploads_dir.join(name))?;
    }
    // Brings the restored database up to this version's schema.
    crate::storage::open(&config.database_url).await?;
    Ok(Report {
        dir: dir.to_owned(),
        engine: manifest.engine,
        database_bytes: manifest.database.size,
        uploads: manifest.uploads.len(),
        restored: true,
    })
}
