#![recursion_limit = "256"]
use std::path::PathBuf;

use anyhow::Context;
use civicdesk_domain::import;
use civicdesk_server::config::Config;
use civicdesk_server::{backup, generate, generate_cases, province, startup, storage};
use civicdesk_services::accounts;
use clap::{Parser, Subcommand, ValueEnum};
use tracing_subscriber::EnvFilter;

/// civicdesk: public portal for administrative procedures and citizen feedback.
#[derive(Parser)]
#[command(version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal (the default).
    Serve,
    /// Import procedures from the national export (JSON) or CSV; all or nothing.
    Import {
        file: PathBuf,
        /// Defaults to the file's extension.
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// Create (or reset) an administrator account; the password is read from
    /// `CIVICDESK_ADMIN_PASSWORD` or asked for on standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// The agency's code; default the coordinating office.
        #[arg(long)]
        agency: Option<String>,
        /// Give an existing administrator a new password (another role is never changed).
        #[arg(long)]
        reset: bool,
        /// When the database has no coordinating office yet: its name, which creates it (with
        /// `--office-email` and `--office-code`); the rest is filled in at /quan-tri/co-quan.
        #[arg(long, requires = "office_email")]
        office_name: Option<String>,
        #[arg(long, requires = "office_name")]
        office_email: Option<String>,
        #[arg(long, default_value = "VP")]
        office_code: String,
    },
    /// Import a province's agencies and areas (communes, wards) from JSON or CSV; all or nothing.
    ImportAgencies { file: PathBuf },
    /// Write a consistent copy of everything the portal stores into DIR (a new or empty folder),
    /// while the server runs.
    Backup { dir: PathBuf },
    /// Put a backup back into an empty database and data folder.
    Restore { dir: PathBuf },
    /// Fill the database with realistic synthetic feedback cases across at least `--agencies`
    /// agencies, for load tests.
    GenerateCases {
        #[arg(long, default_value_t = 1_000_000)]
        count: u32,
        #[arg(long, default_value_t = 50)]
        agencies: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Fill the database with realistic synthetic procedures, for load tests.
    GenerateCatalogue {
        #[arg(long, default_value_t = 100_000)]
        count: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Csv,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .init();
    let config = Config::from_env()?;
    match Cli::parse().command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let (app, store) = startup::build(&config).await?;
            let listener = tokio::net::TcpListener::bind(config.site_addr)
                .await
                .with_context(|| format!("cannot listen on {}", config.site_addr))?;
            tracing::info!(
                address = %listener.local_addr()?,
                database = %config.database_for_logs(),
                engine = store.engine(),
                "civicdesk is serving"
            );
            startup::serve(listener, app).await
        }
        Command::Import { file, format } => {
            let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let is_csv = match format {
                Some(f) => matches!(f, Format::Csv),
                None => file.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")),
            };
            let parsed = if is_csv { import::from_csv(&text) } else { import::from_json(&text) };
            let procedures =
                parsed.map_err(|e| anyhow::anyhow!("{}: rejected, nothing imported: {e}", file.display()))?;
            std::fs::create_dir_all(&config.data_dir)?;
            let store = storage::open(&config.database_url).await?;
            let report = store.import_procedures(&procedures, chrono::Utc::now()).await?;
            println!(
                "imported {}: {} new, {} revised, {} unchanged",
                file.display(),
                report.created,
                report.revised,
                report.unchanged
            );
            Ok(())
        }
        Command::CreateAdmin { email, name, agency, reset, office_name, office_email, office_code } => {
            std::fs::create_dir_all(&config.data_dir)?;
            let store = storage::open(&config.database_url).await?;
            let password = match std::env::var("CIVICDESK_ADMIN_PASSWORD") {
                Ok(p) if !p.is_empty() => p,
                _ => {
                    eprintln!("password (at least {} characters):", accounts::MIN_PASSWORD);
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            let agency = match (agency, store.coordinating_agency().await?, office_name, office_email) {
                (Some(a), _, _, _) => a,
                (None, Some(office), _, _) => office,
                (None, None, Some(name), Some(email)) => {
                    let office = province::FirstOffice { code: office_code, name, email };
                    let code = province::create_office(store.as_ref(), office).await?;
                    println!("created the coordinating office {code}");
                    code
                }
                _ => anyhow::bail!(
                    "there is no coordinating office yet: give --office-name and --office-email to create it, \
                     or import the province's agencies first (civicdesk import-agencies FILE)"
                ),
            };
            match province::create_admin(store.as_ref(), &email, &name, &agency, &password, reset).await? {
                accounts::AdminSetUp::Created(id) => {
                    println!("created administrator {email} (account {id}) of {agency}")
                }
                accounts::AdminSetUp::Reset(id) => {
                    println!("set a new password for administrator {email} (account {id})")
                }
            }
            Ok(())
        }
        Command::ImportAgencies { file } => {
            std::fs::create_dir_all(&config.data_dir)?;
            let store = storage::open(&config.database_url).await?;
            let done = province::import_agencies(store.as_ref(), &file).await?;
            println!("imported {}: {} agencies, {} areas", file.display(), done.agencies, done.areas);
            Ok(())
        }
        Command::Backup { dir } => {
            let report = backup::backup(&config, &dir).await?;
            println!("{report}");
            Ok(())
        }
        Command::Restore { dir } => {
            let report = backup::restore(&config, &dir).await?;
            println!("{report}");
            Ok(())
        }
        Command::GenerateCases { count, agencies, seed } => {
            std::fs::create_dir_all(&config.data_dir)?;
            let store = storage::open(&config.database_url).await?;
            let created = generate_cases::fill(store.as_ref(), count, agencies, seed).await?;
            println!("generated {created} cases");
            Ok(())
        }
        Command::GenerateCatalogue { count, seed } => {
            std::fs::create_dir_all(&config.data_dir)?;
            let store = storage::open(&config.database_url).await?;
            let created = generate::fill(store.as_ref(), count, seed).await?;
            println!("generated {created} procedures");
            Ok(())
        }
    }
}
