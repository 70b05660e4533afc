//! An S3-compatible server for tests: moto's server (a PyPI package), on 127.0.0.1, with one
//! bucket. It stops when dropped.

use std::time::Duration;

pub struct Bucket {
    pub endpoint: String,
    pub name: String,
    child: tokio::process::Child,
}

impl Drop for Bucket {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

impl Bucket {
    /// The keys in the bucket, listed over plain HTTP (moto lets anyone list).
    pub async fn keys(&self) -> Vec<String> {
        let listing = reqwest::get(format!("{}/{}?list-type=2", self.endpoint, self.name))
            .await
            .expect("moto answers")
            .text()
            .await
            .expect("listing");
        listing
            .split("<Key>")
            .skip(1)
            .filter_map(|k| k.split_once("</Key>").map(|(k, _)| k.to_owned()))
            .collect()
    }
}

/// Starts moto's server and makes a bucket.
pub async fn start() -> Bucket {
    // The test's own HTTP client uses rustls on ring, as the app does.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = tokio::process::Command::new("moto_server")
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .kill_on_drop(true)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("moto_server does not start ({e}): install moto[server] (scripts/test does)")
        });
    let endpoint = format!("http://127.0.0.1:{port}");
    let bucket = Bucket {
        endpoint: endpoint.clone(),
        name: "plenary-files".into(),
        child,
    };
    let client = reqwest::Client::new();
    for _ in 0..300 {
        if let Ok(res) = client
            .put(format!("{endpoint}/{}", bucket.name))
            .send()
            .await
            && res.status().is_success()
        {
            return bucket;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("moto_server did not answer within 30 s");
}
