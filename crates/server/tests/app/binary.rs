//! The `plenary` binary itself: zero-configuration start, `migrate`, `config`,
//! `admin create-user`, and a clean exit on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn plenary() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_plenary"));
    for (k, _) in std::env::vars() {
        if k.starts_with("PLENARY_") {
            c.env_remove(k);
        }
    }
    c
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "plenary-bin-{name}-{}",
        uuid::Uuid::now_v7().simple()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

fn http_get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

#[test]
fn serve_with_no_configuration_creates_its_data_dir_and_exits_cleanly_on_sigterm() {
    let dir = temp_dir("serve");
    let port = free_port();
    let mut child = plenary()
        .current_dir(&dir)
        .env("PLENARY_BIND", format!("127.0.0.1:{port}"))
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut ready_line = None;
    while Instant::now() < deadline && ready_line.is_none() {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(200))
            && line.contains("Plenary is ready at")
        {
            ready_line = Some(line);
        }
    }
    let ready_line = ready_line.expect("a ready line with the URL");
    assert!(
        ready_line.contains(&format!("http://127.0.0.1:{port}/")),
        "{ready_line}"
    );
    assert!(
        dir.join("data/plenary.db").exists(),
        "the default data dir holds the SQLite file"
    );
    let health = http_get(port, "/healthz").expect("answers");
    assert!(health.starts_with("HTTP/1.1 200"));
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(exit) = child.try_wait().expect("wait") {
            assert!(exit.success(), "exit status {exit:?}");
            break;
        }
        assert!(Instant::now() < deadline, "did not stop after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn config_prints_the_effective_settings_with_secrets_redacted() {
    let dir = temp_dir("config");
    std::fs::write(
        dir.join("p.toml"),
        "bind = \"127.0.0.1:9100\"\nmail_from = \"file@example.org\"\n",
    )
    .expect("write");
    let out = plenary()
        .args([
            "--config",
            dir.join("p.toml").to_str().expect("path"),
            "config",
            "--bind",
            "127.0.0.1:9200",
        ])
        .env(
            "PLENARY_SMTP_URL",
            "smtp://user:sup3rsecret@mail.example.org:587",
        )
        .env("PLENARY_MAIL_FROM", "env@example.org")
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("bind = \"127.0.0.1:9200\""),
        "the flag wins: {text}"
    );
    assert!(
        text.contains("mail_from = \"env@example.org\""),
        "the environment beats the file"
    );
    assert!(!text.contains("sup3rsecret") && text.contains("***"));
}

#[test]
fn migrate_and_admin_create_user_prepare_an_administrator() {
    let dir = temp_dir("admin");
    let data = dir.join("data");
    let run = |args: &[&str], password: Option<&str>| {
        let mut c = plenary();
        c.args(args).env("PLENARY_DATA_DIR", &data);
        if let Some(p) = password {
            c.env("PLENARY_ADMIN_PASSWORD", p);
        }
        c.output().expect("run")
    };
    assert!(run(&["migrate"], None).status.success());
    let weak = run(
        &[
            "admin",
            "create-user",
            "--email",
            "root@example.org",
            "--admin",
        ],
        Some("password123"),
    );
    assert!(!weak.status.success(), "a common password is refused");
    let ok = run(
        &[
            "admin",
            "create-user",
            "--email",
            "root@example.org",
            "--admin",
        ],
        Some("a long admin passphrase"),
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("created administrator root@example.org"));
    let generated = run(
        &["admin", "create-user", "--email", "second@example.org"],
        None,
    );
    assert!(String::from_utf8_lossy(&generated.stdout).contains("password (shown once)"));
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let store = store::Store::connect(&format!("sqlite:{}", data.join("plenary.db").display()))
            .await
            .expect("open");
        let root = store
            .user_by_email(&domain::Email::parse("root@example.org").expect("e"))
            .await
            .expect("q")
            .expect("user");
        assert!(root.is_admin && root.is_confirmed());
        let second = store
            .user_by_email(&domain::Email::parse("second@example.org").expect("e"))
            .await
            .expect("q")
            .expect("user");
        assert!(!second.is_admin);
    });
}

#[test]
fn the_example_configuration_file_is_valid_and_logs_can_be_json() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../../plenary.example.toml");
    let dir = temp_dir("json");
    let out = plenary()
        .args(["--config", example, "migrate"])
        .env("PLENARY_DATA_DIR", dir.join("data"))
        .env("PLENARY_LOG_FORMAT", "json")
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .find(|l| l.contains("migrations applied"))
        .expect("a log line");
    let parsed: serde_json::Value = serde_json::from_str(line).expect("the line is JSON");
    assert_eq!(parsed["level"], "INFO");
}
