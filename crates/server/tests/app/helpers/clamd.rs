//! A real clamd (Debian's clamav-daemon) for tests, on 127.0.0.1 with a signature database of
//! one local signature: the EICAR test string. No signature download is needed. It stops when
//! dropped.

use plenary_server::scan::Clamd;
use std::path::PathBuf;
use std::time::Duration;

/// The EICAR test string: harmless, and recognised by every scanner as "infected".
pub const EICAR: &[u8] = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

pub struct Daemon {
    pub clamd: Clamd,
    child: tokio::process::Child,
    dir: PathBuf,
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn binary() -> PathBuf {
    ["/usr/sbin/clamd", "/usr/bin/clamd"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
        .unwrap_or_else(|| {
            panic!("clamd is not installed: install clamav-daemon (scripts/test does)")
        })
}

/// Starts clamd and waits until it answers.
pub async fn start() -> Daemon {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let dir = std::env::temp_dir()
        .join("plenary-tests")
        .join(format!("clamd-{}-{port}", std::process::id()));
    let db = dir.join("db");
    std::fs::create_dir_all(&db).expect("clamd dir");
    std::fs::write(
        db.join("eicar.hdb"),
        "44d88612fea8a8f36de82e1278abb02f:68:Test.EICAR-local\n",
    )
    .expect("signature");
    let conf = dir.join("clamd.conf");
    std::fs::write(
        &conf,
        format!(
            "Foreground yes\nDatabaseDirectory {}\nTCPSocket {port}\nTCPAddr 127.0.0.1\nLogFile {}\nStreamMaxLength 30M\n",
            db.display(),
            dir.join("clamd.log").display()
        ),
    )
    .expect("config");
    let child = tokio::process::Command::new(binary())
        .arg("--config-file")
        .arg(&conf)
        .kill_on_drop(true)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("clamd starts");
    let daemon = Daemon {
        clamd: Clamd::Tcp(format!("127.0.0.1:{port}")),
        child,
        dir,
    };
    for _ in 0..300 {
        if daemon.clamd.ping().await.is_ok() {
            return daemon;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let log = std::fs::read_to_string(daemon.dir.join("clamd.log")).unwrap_or_default();
    panic!("clamd did not answer within 30 s: {log}");
}
