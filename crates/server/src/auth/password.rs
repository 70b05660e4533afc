//! Password hashing with argon2id (m = 19 MiB, t = 2, p = 1), off the async threads.

use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string for `password`.
pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        argon2()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))
    })
    .await?
}

/// True when `password` matches `phc`. A password is hashed in its NFKC form, so it is
/// checked in that form; one typed with characters that normalization changes is also
/// checked as typed, for hashes made before passwords were normalized. A malformed hash
/// never matches.
pub async fn verify(password: String, phc: String) -> bool {
    tokio::task::spawn_blocking(move || {
        let normalized = domain::account::normalize_password(&password);
        let matches = |p: &str| argon2().verify_password(p.as_bytes(), phc.as_str()).is_ok();
        matches(&normalized) || (normalized != password && matches(&password))
    })
    .await
    .unwrap_or(false)
}

/// A hash to verify against when the account does not exist, so that a sign-in with an
/// unknown address takes as long as one with a wrong password.
pub async fn dummy_verify(password: String) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let phc = match DUMMY.get() {
        Some(h) => h.clone(),
        None => match hash("not a real password, only for timing".into()).await {
            Ok(h) => DUMMY.get_or_init(|| h).clone(),
            Err(_) => return,
        },
    };
    let _ = verify(password, phc).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_is_argon2id_with_the_designed_parameters_and_verifies() {
        let phc = hash("correct horse battery".into()).await.expect("hash");
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify("correct horse battery".into(), phc.clone()).await);
        assert!(!verify("wrong horse battery".into(), phc).await);
        assert!(!verify("anything".into(), "garbage".into()).await);
    }

    #[tokio::test]
    async fn a_password_matches_whichever_way_its_characters_were_composed() {
        // "é" as one character and as "e" with a combining accent.
        let phc = hash(domain::account::normalize_password(
            "caf\u{e9} by the river",
        ))
        .await
        .expect("hash");
        assert!(verify("cafe\u{301} by the river".into(), phc.clone()).await);
        assert!(verify("caf\u{e9} by the river".into(), phc).await);
    }
}
