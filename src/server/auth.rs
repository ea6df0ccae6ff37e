//! API tokens and passwords. Tokens are 32 random bytes shown once and stored as SHA-256
//! (they carry enough entropy that a slow hash buys nothing); passwords use argon2.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use uuid::Uuid;

pub const TOKEN_PREFIX: &str = "tug_";

/// A new random token: `tug_` followed by 64 hex digits.
pub fn new_token() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness available: {e}"))?;
    Ok(format!("{TOKEN_PREFIX}{}", crate::hex::encode(&bytes)))
}

pub fn hash_token(token: &str) -> String {
    crate::hex::encode(&Sha256::digest(token.as_bytes()))
}

/// What lists show instead of a token: its first and last characters.
pub fn token_hint(token: &str) -> String {
    let head: String = token.chars().take(12).collect();
    let tail: String = {
        let chars: Vec<char> = token.chars().collect();
        chars[chars.len().saturating_sub(4)..].iter().collect()
    };
    format!("{head}**********{tail}")
}

pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("no randomness available: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("{e}"))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))
}

pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Checks passwords on the blocking pool, a few at a time. argon2 spends tens of milliseconds
/// of CPU on purpose; on an async worker that would stall every other request, and unbounded
/// it would let a flood of guesses take every core.
pub struct PasswordChecks {
    permits: std::sync::Arc<tokio::sync::Semaphore>,
    waiting: std::sync::atomic::AtomicUsize,
}

/// Checks queued beyond this are refused at once instead of waiting behind the others.
const MAX_WAITING: usize = 64;

/// Too many password checks are already queued.
#[derive(Debug)]
pub struct Busy;

impl Default for PasswordChecks {
    fn default() -> Self {
        // Half the cores, so hashing never takes the whole machine from the API.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        PasswordChecks {
            permits: std::sync::Arc::new(tokio::sync::Semaphore::new((cores / 2).max(1))),
            waiting: std::sync::atomic::AtomicUsize::new(0),
        }
    }
}

impl PasswordChecks {
    pub async fn verify(&self, password: String, stored: String) -> Result<bool, Busy> {
        let permit = {
            let _queued = Queued::join(&self.waiting)?;
            self.permits
                .clone()
                .acquire_owned()
                .await
                .map_err(|_| Busy)?
        };
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            verify_password(&password, &stored)
        })
        .await
        .map_err(|e| {
            tracing::error!("a password check failed: {e}");
            Busy
        })
    }
}

/// A place in the queue of checks waiting for a permit; given back when dropped, also when the
/// client goes away while waiting.
struct Queued<'a>(&'a std::sync::atomic::AtomicUsize);

impl<'a> Queued<'a> {
    fn join(waiting: &'a std::sync::atomic::AtomicUsize) -> Result<Queued<'a>, Busy> {
        use std::sync::atomic::Ordering;
        let queued = Queued(waiting);
        if waiting.fetch_add(1, Ordering::AcqRel) >= MAX_WAITING {
            return Err(Busy);
        }
        Ok(queued)
    }
}

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::AcqRel);
    }
}

/// A capability secret for one reader: `ACCOUNT.TOKEN_ID.MAC`, where the MAC is keyed with a
/// resource's own secret. Each token that asks for a resource's URL gets its own, so the URL
/// stands only as long as that token does, with no row per reader. It names the token by its
/// id, never by its secret: revoking the authorization or regenerating its token ends it.
pub fn bound_secret(key: &str, account: Uuid, authorization: Uuid) -> String {
    format!(
        "{account}.{authorization}.{}",
        crate::hex::encode(&bound_mac(key, account, authorization))
    )
}

/// The account and token a [`bound_secret`] names, if it was made with `key`. The MAC is
/// compared in constant time.
pub fn check_bound(key: &str, given: &str) -> Option<(Uuid, Uuid)> {
    let mut parts = given.splitn(3, '.');
    let account = Uuid::parse_str(parts.next()?).ok()?;
    let authorization = Uuid::parse_str(parts.next()?).ok()?;
    let mac = crate::hex::encode(&bound_mac(key, account, authorization));
    let right: bool = parts.next()?.as_bytes().ct_eq(mac.as_bytes()).into();
    right.then_some((account, authorization))
}

fn bound_mac(key: &str, account: Uuid, authorization: Uuid) -> Vec<u8> {
    // HMAC takes keys of any length: `new_from_slice` cannot fail for it.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key.as_bytes()) else {
        return Vec::new();
    };
    mac.update(account.as_bytes());
    mac.update(authorization.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound_secrets_name_their_reader_and_cannot_be_moved() {
        let (account, token) = (Uuid::new_v4(), Uuid::new_v4());
        let secret = bound_secret("key", account, token);
        assert_eq!(check_bound("key", &secret), Some((account, token)));
        assert!(check_bound("other key", &secret).is_none());
        // Another token's id in a URL made for this one.
        let moved = secret.replacen(&token.to_string(), &Uuid::new_v4().to_string(), 1);
        assert!(check_bound("key", &moved).is_none());
        for bad in [
            "",
            "key",
            "a.b.c",
            &format!("{account}.{token}"),
            &format!("{secret}x"),
        ] {
            assert!(check_bound("key", bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn tokens_are_random_and_hinted() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with(TOKEN_PREFIX) && a.len() == 68);
        let hint = token_hint(&a);
        assert!(hint.starts_with(&a[..12]) && hint.ends_with(&a[a.len() - 4..]));
        assert!(!hint.contains(&a[12..a.len() - 4]));
        assert_eq!(hash_token(&a), hash_token(&a));
        assert_ne!(hash_token(&a), hash_token(&b));
        assert_eq!(token_hint("ab"), "ab**********ab");
    }

    #[test]
    fn passwords_verify() {
        let h = hash_password("s3cret pass").unwrap();
        assert!(verify_password("s3cret pass", &h));
        assert!(!verify_password("wrong", &h));
        assert!(!verify_password("s3cret pass", "not a hash"));
    }
}
