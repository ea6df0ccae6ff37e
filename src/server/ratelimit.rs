//! Per-account request budget, Heroku style: a bucket of 4500 tokens refilled at 75 a minute,
//! one token per authenticated request, 429 when empty.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use uuid::Uuid;

pub const CAPACITY: f64 = 4500.0;
const REFILL_PER_SEC: f64 = 75.0 / 60.0;

#[derive(Default)]
pub struct RateLimiter {
    buckets: Mutex<HashMap<Uuid, (f64, Instant)>>,
}

impl RateLimiter {
    /// Takes one token if `cost` is 1 (or just reads with 0); returns what remains, or, when
    /// the bucket is empty, how long until it holds `cost` again (the 429's `Retry-After`).
    pub fn take(&self, account: Uuid, cost: f64) -> Result<u64, Duration> {
        let mut buckets = crate::sync::lock(&self.buckets);
        let now = Instant::now();
        let (tokens, last) = buckets.entry(account).or_insert((CAPACITY, now));
        *tokens =
            (*tokens + now.duration_since(*last).as_secs_f64() * REFILL_PER_SEC).min(CAPACITY);
        *last = now;
        if *tokens < cost {
            return Err(Duration::from_secs_f64((cost - *tokens) / REFILL_PER_SEC));
        }
        *tokens -= cost;
        Ok(tokens.floor() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drains_and_refuses() {
        let limiter = RateLimiter::default();
        let id = Uuid::new_v4();
        assert_eq!(limiter.take(id, 1.0), Ok(4499));
        assert_eq!(limiter.take(id, 0.0), Ok(4499));
        for _ in 0..4499 {
            assert!(limiter.take(id, 1.0).is_ok());
        }
        let wait = limiter.take(id, 1.0).expect_err("the bucket is empty");
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_millis(800),
            "one token comes back within 0.8 s, got {wait:?}"
        );
        assert_eq!(
            limiter.take(Uuid::new_v4(), 1.0),
            Ok(4499),
            "buckets are per account"
        );
    }
}
