#![recursion_limit = "256"]
use std::path::PathBuf;

use anyhow::Context;
use civicdesk_domain::import;
use civicdesk_server::config::Config;
use civicdesk_server::{auth, generate, generate_cases, startup, storage};
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
    },
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
        Command::CreateAdmin { email, name, agency, reset } => {
            std::fs::create_dir_all(&config.data_dir)?;
            let store = storage::open(&config.database_url).await?;
            let password = match std::env::var("CIVICDESK_ADMIN_PASSWORD") {
                Ok(p) if !p.is_empty() => p,
                _ => {
                    eprintln!("password (at least {} characters):", auth::MIN_PASSWORD);
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            let agency = match agency {
                Some(a) => a,
                None => store.coordinating_agency().await?.context("no coordinating office: give --agency")?,
            };
            match auth::set_up_admin(store.as_ref(), &email, &name, &agency, &password, reset).await? {
                auth::AdminSetUp::Created(id) => println!("created administrator {email} (account {id}) of {agency}"),
                auth::AdminSetUp::Reset(id) => println!("set a new password for administrator {email} (account {id})"),
            }
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
