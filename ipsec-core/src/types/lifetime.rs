//! SA lifetimes: seconds, kilobytes and packets, soft and hard.

use super::Duration;

/// Limits on an SA's life. `None` means unlimited in that dimension.
///
/// Kilobytes are 1024 bytes (DESIGN §3.2; RFC 2407 §4.5 "kilobytes" and the Cisco
/// `kilobytes` keyword). Packets exist for the data path (RFC 4301 §4.4.2.1) and are never
/// negotiated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Lifetime {
    /// Seconds.
    pub seconds: Option<u64>,
    /// Kilobytes of protected traffic.
    pub kilobytes: Option<u64>,
    /// Packets.
    pub packets: Option<u64>,
}

impl Lifetime {
    /// No limit at all (manual SAs, DESIGN §3.18).
    pub const UNLIMITED: Lifetime = Lifetime { seconds: None, kilobytes: None, packets: None };

    /// A lifetime of `seconds` and `kilobytes`, the two values Cisco configures.
    #[must_use]
    pub const fn new(seconds: u64, kilobytes: u64) -> Self {
        Self { seconds: Some(seconds), kilobytes: Some(kilobytes), packets: None }
    }

    /// IOS default IPsec SA lifetime: 3,600 s and 4,608,000 KB (IOS guides; DESIGN §3.2).
    pub const IOS_DEFAULT: Lifetime = Lifetime::new(3_600, 4_608_000);
    /// ASA and PIX default IPsec SA lifetime: 28,800 s and 4,608,000 KB (ASA 8.x/9.x and PIX
    /// guides; DESIGN §3.2).
    pub const ASA_DEFAULT: Lifetime = Lifetime::new(28_800, 4_608_000);

    /// The byte limit (kilobytes × 1024).
    #[must_use]
    pub const fn bytes(&self) -> Option<u64> {
        match self.kilobytes {
            Some(kb) => Some(kb.saturating_mul(1024)),
            None => None,
        }
    }

    /// The time limit as a duration.
    #[must_use]
    pub const fn duration(&self) -> Option<Duration> {
        match self.seconds {
            Some(s) => Some(Duration::from_secs(s)),
            None => None,
        }
    }

    /// The stricter of two lifetimes in each dimension: what an IKEv1 responder uses when the
    /// peer proposes a longer one (DESIGN §3.5, RFC 2407 §4.5.4 RESPONDER-LIFETIME).
    #[must_use]
    pub fn min(self, other: Lifetime) -> Lifetime {
        fn min_opt(a: Option<u64>, b: Option<u64>) -> Option<u64> {
            match (a, b) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, None) => x,
                (None, y) => y,
            }
        }
        Lifetime {
            seconds: min_opt(self.seconds, other.seconds),
            kilobytes: min_opt(self.kilobytes, other.kilobytes),
            packets: min_opt(self.packets, other.packets),
        }
    }

    /// True when every limit of `self` is at most the matching one of `other` (unlimited is
    /// the largest): the guides' literal responder rule of DESIGN §3.5 strict mode.
    #[must_use]
    pub fn within(&self, other: &Lifetime) -> bool {
        fn le(a: Option<u64>, b: Option<u64>) -> bool {
            match (a, b) {
                (_, None) => true,
                (None, Some(_)) => false,
                (Some(x), Some(y)) => x <= y,
            }
        }
        le(self.seconds, other.seconds) && le(self.kilobytes, other.kilobytes) && le(self.packets, other.packets)
    }
}

/// A soft limit (start rekeying) and a hard limit (the SA dies).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct LifetimeLimits {
    /// When to start a rekey.
    pub soft: Lifetime,
    /// When the SA expires.
    pub hard: Lifetime,
}

impl LifetimeLimits {
    /// Soft limits a fixed margin before the hard ones: IOS and PIX start rekeying 30 seconds
    /// or 256 kilobytes before expiry (DESIGN §3.2). Limits smaller than the margin get a soft
    /// limit of half the hard one. Packets get no soft limit.
    #[must_use]
    pub fn with_margin(hard: Lifetime, margin_seconds: u64, margin_kilobytes: u64) -> Self {
        let soft = |value: Option<u64>, margin: u64| {
            value.map(|v| if v > margin.saturating_mul(2) { v - margin } else { v / 2 })
        };
        Self {
            soft: Lifetime {
                seconds: soft(hard.seconds, margin_seconds),
                kilobytes: soft(hard.kilobytes, margin_kilobytes),
                packets: hard.packets,
            },
            hard,
        }
    }

    /// The IOS/PIX rule: 30 s / 256 KB before expiry.
    #[must_use]
    pub fn ios(hard: Lifetime) -> Self {
        Self::with_margin(hard, 30, 256)
    }

    /// Soft limits when `remaining_per_mille` thousandths of each hard limit remain: the ASA
    /// rekeys when a random 5-15 % of the lifetime is left (ASA 8.x/9.x guides, DESIGN §3.2),
    /// so the caller draws 50..=150 per SA and passes it here.
    #[must_use]
    pub fn with_remaining_fraction(hard: Lifetime, remaining_per_mille: u16) -> Self {
        let fraction = u64::from(remaining_per_mille.min(1000));
        let soft = |value: Option<u64>| value.map(|v| v - v.saturating_mul(fraction) / 1000);
        Self {
            soft: Lifetime { seconds: soft(hard.seconds), kilobytes: soft(hard.kilobytes), packets: hard.packets },
            hard,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_units() {
        assert_eq!(Lifetime::IOS_DEFAULT.bytes(), Some(4_608_000 * 1024));
        assert_eq!(Lifetime::ASA_DEFAULT.duration(), Some(Duration::from_secs(28_800)));
    }

    #[test]
    fn min_and_within() {
        let a = Lifetime::new(3600, 4_608_000);
        let b = Lifetime { seconds: Some(2700), kilobytes: None, packets: None };
        assert_eq!(a.min(b), Lifetime::new(2700, 4_608_000));
        assert!(b.min(a).within(&a));
        assert!(!a.within(&b));
        assert!(Lifetime::UNLIMITED.within(&Lifetime::UNLIMITED));
    }

    #[test]
    fn soft_limits() {
        let l = LifetimeLimits::ios(Lifetime::IOS_DEFAULT);
        assert_eq!(l.soft.seconds, Some(3570));
        assert_eq!(l.soft.kilobytes, Some(4_608_000 - 256));
        let short = LifetimeLimits::ios(Lifetime::new(40, 100));
        assert_eq!(short.soft.seconds, Some(20));
        let asa = LifetimeLimits::with_remaining_fraction(Lifetime::ASA_DEFAULT, 100);
        assert_eq!(asa.soft.seconds, Some(28_800 - 2_880));
    }
}
