//! Rate limiting (REST_RATE_LIMIT): a token bucket per key holding
//! `requests` tokens, refilled evenly over `window`.
//!
//! The key table is pruned as it is used, so it never grows without bound:
//! every `PRUNE_EVERY` checks, buckets idle for a whole window (full again,
//! so forgetting them changes nothing) are dropped; if more than `max_keys`
//! remain, the least recently used half goes too.

use crate::http::protocol::{RateKey, RateLimit};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const PRUNE_EVERY: u64 = 256;
const DEFAULT_MAX_KEYS: usize = 100_000;

struct Bucket {
    tokens: f64,
    updated: Instant,
}

struct Buckets {
    by_key: HashMap<String, Bucket>,
    checks: u64,
}

pub(crate) struct RateLimiter {
    capacity: f64,
    window: Duration,
    key: RateKey,
    max_keys: usize,
    buckets: Mutex<Buckets>,
}

impl RateLimiter {
    pub(crate) fn new(limit: &RateLimit) -> Result<RateLimiter, String> {
        if limit.requests == 0 {
            return Err("rate limit: requests must be at least 1".to_string());
        }
        if limit.window.is_zero() {
            return Err("rate limit: window must be longer than 0".to_string());
        }
        let key = match &limit.key {
            RateKey::Header(name) => RateKey::Header(name.trim().to_ascii_lowercase()),
            RateKey::Ip => RateKey::Ip,
        };
        Ok(RateLimiter {
            capacity: f64::from(limit.requests),
            window: limit.window,
            key,
            max_keys: DEFAULT_MAX_KEYS,
            buckets: Mutex::new(Buckets {
                by_key: HashMap::new(),
                checks: 0,
            }),
        })
    }

    #[cfg(test)]
    pub(crate) fn with_max_keys(mut self, max_keys: usize) -> RateLimiter {
        self.max_keys = max_keys;
        self
    }

    #[cfg(test)]
    pub(crate) fn keys(&self) -> usize {
        self.buckets
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .by_key
            .len()
    }

    /// What requests are counted together: the header value when the key is
    /// a header and the request has it, else the client address.
    fn key_of(&self, headers: &[(String, String)], remote: IpAddr) -> String {
        if let RateKey::Header(name) = &self.key {
            if let Some((_, value)) = headers.iter().find(|(n, _)| n == name) {
                return format!("h:{value}");
            }
        }
        match remote {
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => format!("ip:{v4}"),
                // One IPv6 client usually owns a whole /64: count it as one.
                None => {
                    let mut segments = v6.segments();
                    segments[4..].fill(0);
                    format!("ip:{}/64", std::net::Ipv6Addr::from(segments))
                }
            },
            v4 => format!("ip:{v4}"),
        }
    }

    /// Takes a token; Err(seconds to wait, at least 1) when there is none.
    pub(crate) fn check(
        &self,
        headers: &[(String, String)],
        remote: IpAddr,
        now: Instant,
    ) -> Result<(), u64> {
        let key = self.key_of(headers, remote);
        let refill_per_second = self.capacity / self.window.as_secs_f64();
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        buckets.checks += 1;
        if buckets.checks.is_multiple_of(PRUNE_EVERY) || buckets.by_key.len() > self.max_keys {
            self.prune(&mut buckets.by_key, now);
        }
        let bucket = buckets.by_key.entry(key).or_insert(Bucket {
            tokens: self.capacity,
            updated: now,
        });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * refill_per_second).min(self.capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - bucket.tokens) / refill_per_second;
            Err((wait.ceil() as u64).max(1))
        }
    }

    fn prune(&self, by_key: &mut HashMap<String, Bucket>, now: Instant) {
        by_key.retain(|_, bucket| now.saturating_duration_since(bucket.updated) < self.window);
        if by_key.len() > self.max_keys {
            let mut ages: Vec<Instant> = by_key.values().map(|b| b.updated).collect();
            let middle = ages.len() / 2;
            let (_, &mut cutoff, _) = ages.select_nth_unstable(middle);
            by_key.retain(|_, bucket| bucket.updated > cutoff);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(requests: u32, window_secs: u64, key: RateKey) -> RateLimiter {
        RateLimiter::new(&RateLimit {
            requests,
            window: Duration::from_secs(window_secs),
            key,
        })
        .unwrap()
    }

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([10, 0, 0, last])
    }

    #[test]
    fn allows_requests_then_refuses_with_retry_after() {
        let limiter = limiter(3, 60, RateKey::Ip);
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.check(&[], ip(1), start), Ok(()));
        }
        // One token comes back every 20 s.
        assert_eq!(limiter.check(&[], ip(1), start), Err(20));
        assert_eq!(
            limiter.check(&[], ip(1), start + Duration::from_secs(15)),
            Err(5)
        );
        // Another client has its own bucket.
        assert_eq!(limiter.check(&[], ip(2), start), Ok(()));
        assert_eq!(
            limiter.check(&[], ip(1), start + Duration::from_secs(20)),
            Ok(())
        );
        assert_eq!(
            limiter.check(&[], ip(1), start + Duration::from_secs(20)),
            Err(20)
        );
    }

    #[test]
    fn retry_after_is_at_least_one_second() {
        let limiter = limiter(1000, 1, RateKey::Ip);
        let now = Instant::now();
        for _ in 0..1000 {
            limiter.check(&[], ip(1), now).unwrap();
        }
        assert_eq!(limiter.check(&[], ip(1), now), Err(1));
    }

    #[test]
    fn header_key_counts_by_header_value_and_falls_back_to_ip() {
        let limiter = limiter(1, 60, RateKey::Header("X-API-Key".to_string()));
        let now = Instant::now();
        let key = |v: &str| vec![("x-api-key".to_string(), v.to_string())];
        assert_eq!(limiter.check(&key("a"), ip(1), now), Ok(()));
        assert!(limiter.check(&key("a"), ip(2), now).is_err());
        assert_eq!(limiter.check(&key("b"), ip(1), now), Ok(()));
        assert_eq!(limiter.check(&[], ip(1), now), Ok(()));
        assert!(limiter.check(&[], ip(1), now).is_err());
    }

    #[test]
    fn idle_keys_are_evicted() {
        let limiter = limiter(5, 10, RateKey::Ip);
        let start = Instant::now();
        for i in 0..200u8 {
            limiter.check(&[], ip(i), start).unwrap();
        }
        assert_eq!(limiter.keys(), 200);
        // A window later every old bucket is full again; the next prune drops them.
        let later = start + Duration::from_secs(11);
        for _ in 0..PRUNE_EVERY {
            limiter.check(&[], ip(250), later).unwrap_or(());
        }
        assert_eq!(limiter.keys(), 1);
    }

    #[test]
    fn busy_keys_are_capped() {
        let limiter = limiter(5, 3600, RateKey::Header("x-key".to_string())).with_max_keys(100);
        let start = Instant::now();
        for i in 0..1000u32 {
            let headers = vec![("x-key".to_string(), i.to_string())];
            limiter
                .check(&headers, ip(1), start + Duration::from_millis(u64::from(i)))
                .unwrap();
            assert!(limiter.keys() <= 101, "{} keys after {i}", limiter.keys());
        }
        // The most recent key survived the cut.
        let headers = vec![("x-key".to_string(), "999".to_string())];
        let now = start + Duration::from_secs(1);
        for _ in 0..4 {
            limiter.check(&headers, ip(1), now).unwrap();
        }
        assert!(limiter.check(&headers, ip(1), now).is_err());
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64_prefix() {
        let limiter = limiter(1, 60, RateKey::Ip);
        let now = Instant::now();
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(limiter.check(&[], a, now), Ok(()));
        assert!(limiter.check(&[], b, now).is_err());
        assert_eq!(limiter.check(&[], other, now), Ok(()));
        let mapped: IpAddr = "::ffff:10.0.0.1".parse().unwrap();
        assert_eq!(limiter.check(&[], ip(1), now), Ok(()));
        assert!(limiter.check(&[], mapped, now).is_err());
    }

    #[test]
    fn zero_limits_are_refused() {
        let zero = RateLimit {
            requests: 0,
            window: Duration::from_secs(1),
            key: RateKey::Ip,
        };
        assert!(RateLimiter::new(&zero).is_err());
        let no_window = RateLimit {
            requests: 1,
            window: Duration::ZERO,
            key: RateKey::Ip,
        };
        assert!(RateLimiter::new(&no_window).is_err());
    }
}
