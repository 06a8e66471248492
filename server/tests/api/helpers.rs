use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use civicdesk_domain::store::Store;
use civicdesk_server::config::Config;
use civicdesk_server::startup;
use tempfile::TempDir;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A running server with its own fresh database, loaded with the demo catalogue.
pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub store: Arc<dyn Store>,
    pub config: Config,
    _data_dir: TempDir,
    postgres_db: Option<String>,
}

/// Where the tests find PostgreSQL (`CIVICDESK_TEST_POSTGRES`, default the local server).
pub(crate) fn postgres_admin_url() -> String {
    std::env::var("CIVICDESK_TEST_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

pub(crate) fn with_database(url: &str, db: &str) -> String {
    let (base, _) = url.rsplit_once('/').expect("a database URL has a path");
    format!("{base}/{db}")
}

/// Creates an empty PostgreSQL database for one test. The PostgreSQL halves run only when
/// `CIVICDESK_TEST_POSTGRES` was set at build time (`scripts/test` sets it whenever PostgreSQL
/// answers); otherwise the runner counts them as ignored, never as passed. Once they run, a
/// PostgreSQL that does not answer fails them.
pub(crate) async fn fresh_postgres() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let admin = postgres_admin_url();
    let pool = sqlx::PgPool::connect(&admin)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL must answer at {admin} (CIVICDESK_TEST_POSTGRES): {e}"));
    let name = format!("civicdesk_test_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst));
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&pool).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.unwrap();
    name
}

impl TestApp {
    /// Starts the server on `engine`, with the demo.
    pub async fn spawn(engine: Engine) -> TestApp {
        Self::spawn_with(engine, true).await
    }

    pub async fn spawn_with(engine: Engine, load_demo: bool) -> TestApp {
        Self::spawn_configured(engine, |config| config.load_demo = load_demo).await
    }

    /// Starts the server with the test defaults changed by `configure`.
    pub async fn spawn_configured(engine: Engine, configure: impl FnOnce(&mut Config)) -> TestApp {
        let data_dir = tempfile::tempdir().unwrap();
        let (database_url, postgres_db) = match engine {
            Engine::Sqlite => (format!("sqlite://{}", data_dir.path().join("civicdesk.db").display()), None),
            Engine::Postgres => {
                let db = fresh_postgres().await;
                (with_database(&postgres_admin_url(), &db), Some(db))
            }
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let mut config = Config {
            site_addr: "127.0.0.1:0".parse().unwrap(),
            data_dir: data_dir.path().to_path_buf(),
            database_url,
            site_root: "target/site".into(),
            load_demo: true,
            page_cache_ttl: std::time::Duration::from_secs(10),
            public_url: base.clone(),
            smtp_url: None,
            mail_from: "civicdesk <no-reply@civicdesk.test>".into(),
            mail_retry: std::time::Duration::from_secs(1),
            // The tests tell followers themselves, at the moments they choose.
            follow_every: std::time::Duration::from_secs(24 * 60 * 60),
            trusted_proxies: Vec::new(),
            submit_limit: None,
            lookup_limit: None,
            open311_limit: None,
            idle_limit: std::time::Duration::from_secs(30 * 60),
            min_sample: civicdesk_domain::stats::DEFAULT_MIN_SAMPLE,
            metrics_from: vec!["127.0.0.1".parse().unwrap()],
        };
        configure(&mut config);
        let (router, store) = startup::build(&config).await.expect("the app builds");
        tokio::spawn(startup::serve(listener, router));
        // The server runs on a multi-threaded runtime, as in production. A request that never
        // answers fails its test instead of stalling the run.
        // A browser says where each form comes from; a post that does not is refused.
        let mut from_site = reqwest::header::HeaderMap::new();
        from_site.insert(reqwest::header::ORIGIN, base.parse().unwrap());
        let client = reqwest::Client::builder()
            .default_headers(from_site)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .unwrap();
        TestApp { base, client, store, config, _data_dir: data_dir, postgres_db }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).send().await.expect("the server answers")
    }

    pub async fn get_json(&self, path: &str) -> serde_json::Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        response.json().await.unwrap()
    }

    pub async fn get_html(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// Names of the procedures a search returns, in order.
    pub async fn search_names(&self, query: &str) -> Vec<String> {
        let body = self.get_json(&format!("/api/v1/procedures?q={}", encode(query))).await;
        body["items"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap().to_owned()).collect()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let Some(db) = self.postgres_db.take() else { return };
        // Dropping runs outside the test's runtime, on a thread with its own.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async {
                if let Ok(pool) = sqlx::PgPool::connect(&postgres_admin_url()).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)")).execute(&pool).await;
                }
            });
        })
        .join();
    }
}

/// The text a reader sees in a page's `<body>`: tags dropped (a highlight `<mark>` splits no
/// phrase), scripts and styles left out, whitespace collapsed. Data serialised into scripts does
/// not count as shown.
pub fn visible_text(html: &str) -> String {
    let body = html.find("<body").map_or(html, |at| &html[at..]);
    let mut text = String::with_capacity(body.len() / 2);
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        rest = &rest[open..];
        let skip_to =
            ["<script", "<style"].iter().find(|tag| rest.starts_with(**tag)).map(|tag| format!("</{}", &tag[1..]));
        let end = match skip_to {
            Some(closing) => {
                rest.find(&closing).map_or(rest.len(), |at| at + rest[at..].find('>').map_or(0, |gt| gt + 1))
            }
            None => rest.find('>').map_or(rest.len(), |gt| gt + 1),
        };
        rest = &rest[end..];
        text.push(' ');
    }
    text.push_str(rest);
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Declares async tests that take an `Engine` and runs each on SQLite and on PostgreSQL, on a
/// multi-threaded runtime as the server has in production.
macro_rules! engines {
    ($(async fn $name:ident($engine:ident: Engine) $body:block)*) => {
        $(
            async fn $name($engine: $crate::helpers::Engine) $body
        )*
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::helpers::Engine::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                #[cfg_attr(not(postgres_tests), ignore = "PostgreSQL: build with CIVICDESK_TEST_POSTGRES set (scripts/test does)")]
                async fn $name() {
                    super::$name($crate::helpers::Engine::Postgres).await
                }
            )*
        }
    };
}
pub(crate) use engines;

/// A real one-page PDF showing `text`, whose document information and XMP name `author`.
pub fn pdf(text: &str, author: &str) -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut document = Document::with_version("1.5");
    let pages_id = document.new_object_id();
    let content = Stream::new(dictionary! {}, format!("BT /F1 12 Tf 72 712 Td ({text}) Tj ET").into_bytes());
    let content_id = document.add_object(content);
    let page_id = document.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    document.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 }),
    );
    let xmp = Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        format!("<dc:creator>{author}</dc:creator>").into_bytes(),
    );
    let metadata_id = document.add_object(xmp);
    let catalog_id =
        document.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id, "Metadata" => metadata_id });
    let info_id = document.add_object(dictionary! { "Author" => Object::string_literal(author) });
    document.trailer.set("Root", catalog_id);
    document.trailer.set("Info", info_id);
    let mut out = Vec::new();
    document.save_to(&mut out).unwrap();
    out
}

/// Whether `needle` occurs in `bytes`.
pub fn contains(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}
