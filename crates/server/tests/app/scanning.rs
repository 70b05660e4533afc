//! Scanning against a real clamd: the EICAR test string is found, clean bytes pass, and a
//! clamd that is not there is an error, never a verdict.

use crate::helpers::clamd::{EICAR, start};
use plenary_server::scan::{Clamd, Verdict};

#[tokio::test]
async fn clamd_finds_the_eicar_string_and_lets_clean_bytes_through() {
    let daemon = start().await;
    let found = daemon.clamd.scan(EICAR).await.expect("scanned");
    assert!(
        matches!(&found, Verdict::Infected(name) if name.contains("EICAR")),
        "{found:?}"
    );
    // Clean bytes pass, sent in several chunks as in one.
    let minutes = b"Minutes of the retro\n".repeat(10_000);
    assert_eq!(
        daemon.clamd.scan(&minutes).await.expect("scanned"),
        Verdict::Clean
    );
    assert_eq!(
        daemon
            .clamd
            .scan("Привет".as_bytes())
            .await
            .expect("scanned"),
        Verdict::Clean
    );
}

#[tokio::test]
async fn a_clamd_that_does_not_answer_is_an_error_not_a_verdict() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let nobody = Clamd::Tcp(format!("127.0.0.1:{port}"));
    assert!(nobody.scan(b"hello").await.is_err());
    assert!(nobody.ping().await.is_err());
}
