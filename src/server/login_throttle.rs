//! Password guessing, slowed down. Failed password logins are counted under three keys; past a
//! few free failures a key is locked for a delay that doubles with each further failure, up to
//! a cap. While a key that applies is locked, a login is answered 429 at once, without hashing,
//! and does not count as a failure (so a waiting user does not lengthen their own wait).
//!
//! - (email, address): one guesser on one account. A correct password clears it.
//! - address: one address trying many accounts. Not cleared by a success: a guesser could log
//!   into an account of their own to reset it.
//! - email, from addresses that never logged into it: guessing spread over many addresses. Its
//!   cap is short, so such an attack delays the real user on a new device by at most a minute a
//!   try, never for good; addresses that logged in with the right password in the last 30 days
//!   skip this key altogether (the "known device" rule of large services).
//!
//! Addresses are IPs; IPv6 ones are cut to their /64, the block one host usually holds.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// When a key starts locking and how fast the lock grows.
#[derive(Debug, Clone, Copy)]
struct Rule {
    /// Failures allowed before the first lock.
    free: u32,
    /// The first lock; each further failure doubles it.
    base: Duration,
    cap: Duration,
}

const PAIR: Rule = Rule {
    free: 5,
    base: Duration::from_secs(1),
    cap: Duration::from_secs(15 * 60),
};
const ADDRESS: Rule = Rule {
    free: 20,
    base: Duration::from_secs(1),
    cap: Duration::from_secs(60 * 60),
};
const ACCOUNT: Rule = Rule {
    free: 50,
    base: Duration::from_secs(1),
    cap: Duration::from_secs(60),
};

/// A key with no failure for this long starts again from zero.
const FORGET: Duration = Duration::from_secs(60 * 60);
/// How long a successful login makes an address known to the account.
const KNOWN_FOR: Duration = Duration::from_secs(30 * 24 * 3600);
/// Past this many entries in a table, stale ones are swept out (and, under a very wide attack,
/// unlocked ones too), so memory stays bounded.
const MAX_ENTRIES: usize = 100_000;

#[derive(Debug, Clone, Copy)]
struct Strikes {
    failures: u32,
    last: Instant,
    locked_until: Instant,
}

impl Strikes {
    fn new(now: Instant) -> Strikes {
        Strikes {
            failures: 0,
            last: now,
            locked_until: now,
        }
    }

    fn wait(&self, now: Instant) -> Option<Duration> {
        Some(self.locked_until.saturating_duration_since(now)).filter(|d| !d.is_zero())
    }

    fn stale(&self, now: Instant) -> bool {
        self.wait(now).is_none() && now.saturating_duration_since(self.last) > FORGET
    }

    fn fail(&mut self, rule: Rule, now: Instant) {
        if self.stale(now) {
            self.failures = 0;
        }
        self.failures = self.failures.saturating_add(1);
        self.last = now;
        if self.failures > rule.free {
            let doublings = (self.failures - rule.free - 1).min(30);
            let delay = rule.base.saturating_mul(1 << doublings).min(rule.cap);
            self.locked_until = now + delay;
        }
    }
}

/// One key kind's counts.
struct Table<K>(HashMap<K, Strikes>);

impl<K: Eq + Hash> Table<K> {
    fn wait(&self, key: &K, now: Instant) -> Option<Duration> {
        self.0.get(key).and_then(|s| s.wait(now))
    }

    fn fail(&mut self, key: K, rule: Rule, now: Instant) {
        if self.0.len() >= MAX_ENTRIES {
            self.0.retain(|_, s| !s.stale(now));
        }
        if self.0.len() >= MAX_ENTRIES {
            self.0.retain(|_, s| s.wait(now).is_some());
        }
        self.0
            .entry(key)
            .or_insert_with(|| Strikes::new(now))
            .fail(rule, now);
    }
}

impl<K> Default for Table<K> {
    fn default() -> Self {
        Table(HashMap::new())
    }
}

#[derive(Default)]
struct Tables {
    pairs: Table<(String, IpAddr)>,
    addresses: Table<IpAddr>,
    accounts: Table<String>,
    /// When each (email, address) last logged in with the right password.
    known: HashMap<(String, IpAddr), Instant>,
}

impl Tables {
    fn known(&self, pair: &(String, IpAddr), now: Instant) -> bool {
        self.known
            .get(pair)
            .is_some_and(|at| now.saturating_duration_since(*at) < KNOWN_FOR)
    }
}

#[derive(Default)]
pub struct LoginThrottle {
    tables: Mutex<Tables>,
}

impl LoginThrottle {
    /// `Err(wait)` when a login for `email` from `addr` must wait before it is even checked.
    pub fn check(&self, email: &str, addr: IpAddr) -> Result<(), Duration> {
        self.check_at(email, addr, Instant::now())
    }

    pub fn failed(&self, email: &str, addr: IpAddr) {
        self.failed_at(email, addr, Instant::now());
    }

    pub fn succeeded(&self, email: &str, addr: IpAddr) {
        self.succeeded_at(email, addr, Instant::now());
    }

    fn check_at(&self, email: &str, addr: IpAddr, now: Instant) -> Result<(), Duration> {
        let t = self.lock();
        let pair = key(email, addr);
        let account = (!t.known(&pair, now))
            .then(|| t.accounts.wait(&pair.0, now))
            .flatten();
        let wait = [
            t.pairs.wait(&pair, now),
            t.addresses.wait(&pair.1, now),
            account,
        ]
        .into_iter()
        .flatten()
        .max();
        wait.map_or(Ok(()), Err)
    }

    fn failed_at(&self, email: &str, addr: IpAddr, now: Instant) {
        let mut t = self.lock();
        let pair = key(email, addr);
        if !t.known(&pair, now) {
            t.accounts.fail(pair.0.clone(), ACCOUNT, now);
        }
        t.addresses.fail(pair.1, ADDRESS, now);
        t.pairs.fail(pair, PAIR, now);
    }

    fn succeeded_at(&self, email: &str, addr: IpAddr, now: Instant) {
        let mut t = self.lock();
        let pair = key(email, addr);
        t.pairs.0.remove(&pair);
        if t.known.len() >= MAX_ENTRIES {
            t.known
                .retain(|_, at| now.saturating_duration_since(*at) < KNOWN_FOR);
        }
        t.known.insert(pair, now);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Tables> {
        // The tables hold counts only; a panic elsewhere cannot leave them inconsistent.
        crate::sync::lock(&self.tables)
    }
}

/// Emails compare without case (so `A@x` and `a@x` share counts); IPv6 addresses by /64.
fn key(email: &str, addr: IpAddr) -> (String, IpAddr) {
    let addr = match addr {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let bits = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(bits.into())
            }
        },
        v4 => v4,
    };
    (email.trim().to_lowercase(), addr)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn locks_a_pair_after_the_free_failures_with_a_growing_delay() {
        let t = LoginThrottle::default();
        let now = Instant::now();
        let a = ip("10.0.0.1");
        for _ in 0..PAIR.free {
            assert!(t.check_at("u@x", a, now).is_ok());
            t.failed_at("u@x", a, now);
        }
        assert!(t.check_at("u@x", a, now).is_ok());
        t.failed_at("u@x", a, now);
        assert_eq!(t.check_at("U@X", a, now), Err(Duration::from_secs(1)));
        t.failed_at("u@x", a, now);
        assert_eq!(t.check_at("u@x", a, now), Err(Duration::from_secs(2)));
        // 17 failures: the pair's lock has reached its cap, the address's has not started.
        for _ in 0..10 {
            t.failed_at("u@x", a, now);
        }
        assert_eq!(t.check_at("u@x", a, now), Err(PAIR.cap));
        // Another address and another account are not held up.
        assert!(t.check_at("u@x", ip("10.0.0.2"), now).is_ok());
        assert!(t.check_at("v@x", ip("10.0.0.3"), now).is_ok());
    }

    #[test]
    fn the_lock_ends_and_a_success_clears_the_pair() {
        let t = LoginThrottle::default();
        let now = Instant::now();
        let a = ip("10.0.0.1");
        for _ in 0..=PAIR.free {
            t.failed_at("u@x", a, now);
        }
        assert!(t.check_at("u@x", a, now).is_err());
        let later = now + Duration::from_secs(1);
        assert!(t.check_at("u@x", a, later).is_ok());
        t.succeeded_at("u@x", a, later);
        t.failed_at("u@x", a, later);
        assert!(t.check_at("u@x", a, later).is_ok(), "counts start again");
    }

    #[test]
    fn an_address_spraying_accounts_is_locked_for_all_of_them() {
        let t = LoginThrottle::default();
        let now = Instant::now();
        let a = ip("10.0.0.1");
        for i in 0..=ADDRESS.free {
            t.failed_at(&format!("u{i}@x"), a, now);
        }
        assert!(t.check_at("someone-else@x", a, now).is_err());
        assert!(t.check_at("someone-else@x", ip("10.0.0.2"), now).is_ok());
    }

    #[test]
    fn a_distributed_attack_delays_new_addresses_briefly_and_known_ones_not_at_all() {
        let t = LoginThrottle::default();
        let now = Instant::now();
        let home = ip("192.168.1.10");
        t.succeeded_at("u@x", home, now);
        for i in 0..1000u32 {
            let a = IpAddr::V4(std::net::Ipv4Addr::from(0x0a00_0000 + i));
            t.failed_at("u@x", a, now);
        }
        assert!(t.check_at("u@x", home, now).is_ok(), "known address");
        let fresh = ip("172.16.0.1");
        assert_eq!(t.check_at("u@x", fresh, now), Err(ACCOUNT.cap));
        assert!(t.check_at("u@x", fresh, now + ACCOUNT.cap).is_ok());
    }

    #[test]
    fn ipv6_addresses_share_their_64() {
        assert_eq!(
            key("a@x", ip("2001:db8:1:2:3:4:5:6")).1,
            key("a@x", ip("2001:db8:1:2:ffff::1")).1
        );
        assert_eq!(key("a@x", ip("::ffff:10.0.0.1")).1, ip("10.0.0.1"));
        assert_ne!(
            key("a@x", ip("2001:db8:1:2::1")).1,
            key("a@x", ip("2001:db8:1:3::1")).1
        );
    }

    #[test]
    fn failures_are_forgotten_after_a_quiet_hour() {
        let t = LoginThrottle::default();
        let now = Instant::now();
        let a = ip("10.0.0.1");
        for _ in 0..PAIR.free {
            t.failed_at("u@x", a, now);
        }
        let later = now + FORGET + Duration::from_secs(1);
        t.failed_at("u@x", a, later);
        assert!(t.check_at("u@x", a, later).is_ok());
    }
}
