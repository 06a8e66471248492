//! The PostgreSQL halves of the integration tests are built to run when
//! `CIVICDESK_TEST_POSTGRES` names a server; without it the test runner lists them as ignored.
//! The migrations are compiled into the server (`sqlx::migrate!`), so a new one rebuilds it.

fn main() {
    println!("cargo::rerun-if-changed=../migrations");
    println!("cargo::rustc-check-cfg=cfg(postgres_tests)");
    println!("cargo::rerun-if-env-changed=CIVICDESK_TEST_POSTGRES");
    if std::env::var_os("CIVICDESK_TEST_POSTGRES").is_some_and(|url| !url.is_empty()) {
        println!("cargo::rustc-cfg=postgres_tests");
    }
}
