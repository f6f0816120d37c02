//! Engine configuration: timers, limits and protocol switches that are not per-peer policy.
//!
//! Per-peer decisions (proposals, keys, identities, proxies) go through the [`policy`]
//! traits; everything here is the same for every peer. Defaults follow strongSwan where the
//! RFCs leave a number open, and the Cisco guides where they give one (DESIGN §3).
//!
//! [`policy`]: crate::policy

use ipsec_core::Duration;

use crate::crypt::Padding;

/// Retransmission of unanswered requests (RFC 2408 §5 leaves the timers to the
/// implementation).
///
/// The `n`-th retransmission (`n` from 0) is sent `timeout * base^n` after the previous
/// transmission, capped at `max_interval`; after `tries` retransmissions without an answer the
/// exchange fails one more interval later. The defaults are strongSwan's (`retransmit_timeout
/// = 4.0`, `retransmit_base = 1.8`, `retransmit_tries = 5`): transmissions at 0, 4, 11.2,
/// 24.2, 47.6 and 89.8 s, failure at 165 s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetransmitConfig {
    /// Interval before the first retransmission.
    pub timeout: Duration,
    /// Growth factor of the interval, in thousandths (1800 = ×1.8).
    pub base_per_mille: u32,
    /// Number of retransmissions before giving up.
    pub tries: u32,
    /// Upper bound of one interval.
    pub max_interval: Duration,
}

impl Default for RetransmitConfig {
    fn default() -> Self {
        Self { timeout: Duration::from_secs(4), base_per_mille: 1800, tries: 5, max_interval: Duration::from_secs(120) }
    }
}

impl RetransmitConfig {
    /// The wait after transmission number `sent` (0 = the original transmission).
    #[must_use]
    pub fn interval(&self, sent: u32) -> Duration {
        let mut nanos = u128::from(u64::try_from(self.timeout.as_nanos()).unwrap_or(u64::MAX));
        let cap = self.max_interval.as_nanos();
        for _ in 0..sent {
            nanos = nanos.saturating_mul(u128::from(self.base_per_mille)) / 1000;
            if nanos >= cap {
                nanos = cap;
                break;
            }
        }
        Duration::from_nanos(u64::try_from(nanos.min(cap)).unwrap_or(u64::MAX))
    }

    /// Total time from the first transmission until an unanswered exchange fails.
    #[must_use]
    pub fn give_up_after(&self) -> Duration {
        (0..=self.tries).map(|n| self.interval(n)).fold(Duration::ZERO, Duration::saturating_add)
    }
}

/// Dead peer detection (RFC 3706): R-U-THERE after `interval` without any authenticated
/// message from the peer, repeated every `retry_interval`, the peer declared dead after
/// `retries` unanswered R-U-THEREs.
///
/// The defaults are the ASA's L2L keepalive (`isakmp keepalive threshold 10 retry 2`) with
/// five retries. DPD runs only with peers that announced the RFC 3706 Vendor ID; this engine
/// always announces it and always answers R-U-THERE.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DpdConfig {
    /// Idle time before the first R-U-THERE.
    pub interval: Duration,
    /// Time between unanswered R-U-THEREs.
    pub retry_interval: Duration,
    /// Unanswered R-U-THEREs before the peer is declared dead.
    pub retries: u32,
}

impl Default for DpdConfig {
    fn default() -> Self {
        Self { interval: Duration::from_secs(10), retry_interval: Duration::from_secs(2), retries: 5 }
    }
}

/// NAT traversal (RFC 3947, RFC 3948).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NatTConfig {
    /// Announce NAT-T (the RFC 3947 Vendor ID and the draft-02/03 ones Cisco and strongSwan
    /// send) and run NAT discovery. Off: no NAT-T Vendor ID is sent and a peer's is ignored.
    pub enabled: bool,
    /// The UDP port IKE floats to and UDP-encapsulated ESP uses (RFC 3947 §4: 4500).
    pub port: u16,
    /// Interval of NAT keep-alives (RFC 3948 §2.3: one 0xFF byte) on phase-1 SAs whose local
    /// side is behind a NAT; `None` sends none. Default 20 s, the ASA's `nat-traversal 20`.
    pub keepalive: Option<Duration>,
    /// Also send keep-alives when only the peer is behind a NAT (the ASA sends them whenever a
    /// NAT was detected). Off by default: RFC 3948 §2.3 leaves them to the host behind the NAT.
    pub keepalive_when_peer_behind_nat: bool,
    /// Send a deliberately wrong NAT-D hash of our own address so that the peer sees a NAT and
    /// UDP encapsulation is used even without one (strongSwan's `encap = yes`). For userspace
    /// ESP stacks that only do ESP-in-UDP, and for tests.
    pub force_encapsulation: bool,
}

impl Default for NatTConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            port: crate::natt::NAT_T_PORT,
            keepalive: Some(Duration::from_secs(20)),
            keepalive_when_peer_behind_nat: false,
            force_encapsulation: false,
        }
    }
}

/// Engine configuration. Every field has a documented default ([`Config::default`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// Retransmission timers.
    pub retransmit: RetransmitConfig,
    /// Largest number of phase-1 SAs negotiated as responder and not yet established; new
    /// Main/Aggressive Mode requests beyond it are dropped silently (default 256). Bounds
    /// the state an unauthenticated sender can create.
    pub max_half_open: usize,
    /// Largest number of phase-1 SAs in total (default 4096).
    pub max_phase1: usize,
    /// NAT traversal.
    pub nat_t: NatTConfig,
    /// Dead peer detection; `None` never sends R-U-THERE (but still answers them).
    pub dpd: Option<DpdConfig>,
    /// Send INITIAL-CONTACT (RFC 2407 §4.6.3.3) in the last phase-1 message when no other
    /// phase-1 SA with the peer exists (default on).
    pub initial_contact: bool,
    /// DESIGN §3.5 strict mode: a proposal matches only when the responder's lifetime is at
    /// most the initiator's. Default off (lenient: any lifetimes match, the shorter is used and
    /// announced with RESPONDER-LIFETIME).
    pub strict_lifetime: bool,
    /// How long a finished or failed exchange is kept to answer retransmissions of its last
    /// request with the stored response (default 30 s).
    pub linger: Duration,
    /// Quick Mode (and other encrypted) messages that arrive before the Aggressive Mode
    /// exchange that they depend on has completed are queued, up to this many per phase-1
    /// SA, and processed once it has (default 4; 0 drops them and leaves recovery to the
    /// peer's retransmission).
    pub max_early_messages: usize,
    /// Delay between the last Aggressive Mode message and the first Quick Mode message of an
    /// initiator (default 20 ms). strongSwan 5.9 as responder ignores a Quick Mode request
    /// that its worker threads process before the Aggressive Mode message that preceded it
    /// (`ignoring QUICK_MODE request while phase 1 is incomplete`) and only recovers through
    /// our retransmission, a second or more later; measured against the interop harness, 3
    /// of 12 back-to-back attempts hit it, none of 15 with 20 ms.
    pub aggressive_quick_mode_delay: Duration,
    /// Answer messages with unknown cookies with an unprotected INVALID-COOKIE notification
    /// (RFC 2408 §5.1). Default off: they are dropped silently, which gives no reflection or
    /// amplification to spoofed senders.
    pub notify_invalid_cookie: bool,
    /// Nonce length in bytes (RFC 2409 §5: 8 to 256; default 32 like strongSwan).
    pub nonce_len: usize,
    /// How encrypted messages are padded (default [`Padding::Zeros`], RFC 2409 Appendix B).
    pub padding: Padding,
    /// Encrypt the third Aggressive Mode message as initiator (default on, as strongSwan and
    /// Cisco do; RFC 2409 §5 leaves it open). As responder both forms are accepted.
    pub encrypt_aggressive_third: bool,
    /// Soft lifetime margin of IPsec SAs: [`Event::ChildSaRekeyDue`] fires this long before
    /// the negotiated time limit (or at half of it for short lifetimes). Default 30 s, the
    /// IOS/PIX rule of DESIGN §3.2.
    ///
    /// [`Event::ChildSaRekeyDue`]: crate::Event::ChildSaRekeyDue
    pub rekey_margin: Duration,
    /// Start a new Quick Mode automatically at the soft lifetime of IPsec SAs this engine
    /// initiated (default off: the caller decides, e.g. only for SAs that carried traffic,
    /// DESIGN §3.2).
    pub auto_rekey: bool,
    /// How long a Quick Mode initiator waits for the CONNECTED notification after a responder
    /// set the commit bit (RFC 2408 §4.2, RFC 2409 §5.5) before it reports the SA anyway
    /// (default 5 s).
    pub commit_wait: Duration,
    /// Set the commit bit in our Quick Mode messages (RFC 2408 §4.2, RFC 2409 §5.5): the
    /// initiator then reports the SA only after the responder's CONNECTED notification, and
    /// as responder we send CONNECTED after the third message. Default off (strongSwan never
    /// sets it; a peer's commit bit is honoured either way).
    pub commit_bit: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            retransmit: RetransmitConfig::default(),
            max_half_open: 256,
            max_phase1: 4096,
            nat_t: NatTConfig::default(),
            dpd: Some(DpdConfig::default()),
            initial_contact: true,
            strict_lifetime: false,
            linger: Duration::from_secs(30),
            max_early_messages: 4,
            aggressive_quick_mode_delay: Duration::from_millis(20),
            notify_invalid_cookie: false,
            nonce_len: 32,
            padding: Padding::Zeros,
            encrypt_aggressive_third: true,
            rekey_margin: Duration::from_secs(30),
            auto_rekey: false,
            commit_wait: Duration::from_secs(5),
            commit_bit: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strongswan_schedule() {
        let r = RetransmitConfig::default();
        assert_eq!(r.interval(0), Duration::from_secs(4));
        assert_eq!(r.interval(1), Duration::from_millis(7200));
        let total = r.give_up_after().as_millis();
        assert!((164_000..=166_000).contains(&total), "{total}");
        let capped = RetransmitConfig { max_interval: Duration::from_secs(10), ..r };
        assert_eq!(capped.interval(4), Duration::from_secs(10));
    }
}
