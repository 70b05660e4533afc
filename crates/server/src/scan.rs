//! Malware scanning with ClamAV's clamd: a file's bytes go to clamd by `INSTREAM`, over TCP or
//! a unix socket, and its one-line answer says whether they are clean. An answer that is
//! neither "OK" nor "FOUND" is an error, never a verdict, so the scan is tried again later.

use std::path::PathBuf;

/// Where clamd listens: `tcp://HOST:PORT` or `unix:/PATH` (`PLENARY_CLAMD`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clamd {
    Tcp(String),
    Unix(PathBuf),
}

/// What clamd said of some bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Clean,
    /// The name of the signature found.
    Infected(String),
}

impl std::fmt::Display for Clamd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Tcp(addr) => write!(f, "tcp://{addr}"),
            Self::Unix(path) => write!(f, "unix:{}", path.display()),
        }
    }
}

impl serde::Serialize for Clamd {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Bytes sent to clamd per chunk.
const CHUNK: usize = 64 * 1024;

impl Clamd {
    pub fn parse(s: &str) -> Result<Self, String> {
        if let Some(addr) = s.strip_prefix("tcp://")
            && addr
                .rsplit_once(':')
                .is_some_and(|(h, p)| !h.is_empty() && p.parse::<u16>().is_ok())
        {
            return Ok(Self::Tcp(addr.to_owned()));
        }
        if let Some(path) = s.strip_prefix("unix:")
            && path.starts_with('/')
        {
            return Ok(Self::Unix(PathBuf::from(path)));
        }
        Err(format!(
            "PLENARY_CLAMD is tcp://HOST:PORT or unix:/PATH, not {s:?}"
        ))
    }

    /// Scans `bytes`.
    pub async fn scan(&self, bytes: &[u8]) -> anyhow::Result<Verdict> {
        use clamav_client::tokio::{Socket, Tcp, scan_buffer};
        let answer = match self {
            Self::Tcp(addr) => {
                scan_buffer(
                    bytes,
                    Tcp {
                        host_address: addr.as_str(),
                    },
                    Some(CHUNK),
                )
                .await?
            }
            Self::Unix(path) => {
                scan_buffer(
                    bytes,
                    Socket {
                        socket_path: path.as_path(),
                    },
                    Some(CHUNK),
                )
                .await?
            }
        };
        verdict(&answer)
    }

    /// Whether clamd answers at all.
    pub async fn ping(&self) -> anyhow::Result<()> {
        use clamav_client::tokio::{Socket, Tcp, ping};
        let answer = match self {
            Self::Tcp(addr) => {
                ping(Tcp {
                    host_address: addr.as_str(),
                })
                .await?
            }
            Self::Unix(path) => {
                ping(Socket {
                    socket_path: path.as_path(),
                })
                .await?
            }
        };
        if answer.starts_with(b"PONG") {
            Ok(())
        } else {
            anyhow::bail!(
                "clamd answered {:?} to PING",
                String::from_utf8_lossy(&answer)
            )
        }
    }
}

/// Reads clamd's answer to `INSTREAM`: `stream: OK`, `stream: NAME FOUND`, or an error.
fn verdict(answer: &[u8]) -> anyhow::Result<Verdict> {
    let text = String::from_utf8_lossy(answer);
    let text = text.trim_end_matches(['\0', '\n']).trim();
    let body = text.strip_prefix("stream:").map(str::trim).unwrap_or(text);
    if body == "OK" {
        Ok(Verdict::Clean)
    } else if let Some(name) = body.strip_suffix(" FOUND") {
        Ok(Verdict::Infected(name.trim().to_owned()))
    } else {
        anyhow::bail!("clamd could not scan: {text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_read_as_clean_infected_or_an_error_never_a_guess() {
        assert_eq!(verdict(b"stream: OK\0").ok(), Some(Verdict::Clean));
        assert_eq!(
            verdict(b"stream: Eicar-Signature FOUND\0").ok(),
            Some(Verdict::Infected("Eicar-Signature".into()))
        );
        assert!(verdict(b"INSTREAM size limit exceeded. ERROR\0").is_err());
        assert!(verdict(b"").is_err());
    }

    #[test]
    fn the_address_is_tcp_or_a_unix_socket() {
        assert_eq!(
            Clamd::parse("tcp://127.0.0.1:3310"),
            Ok(Clamd::Tcp("127.0.0.1:3310".into()))
        );
        assert_eq!(
            Clamd::parse("unix:/run/clamav/clamd.ctl"),
            Ok(Clamd::Unix("/run/clamav/clamd.ctl".into()))
        );
        for bad in [
            "127.0.0.1:3310",
            "tcp://nohost",
            "unix:relative",
            "http://x:1",
        ] {
            assert!(Clamd::parse(bad).is_err(), "{bad}");
        }
    }
}
