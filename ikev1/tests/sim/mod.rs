//! A two-peer simulator: two engines, a virtual clock and a network that can lose, duplicate,
//! delay and reorder datagrams, with an optional NAT in front of peer A.
// Shared by several test binaries (not every helper is used by each); panics are the
// assertions of test code.
#![allow(
    dead_code,
    unreachable_pub,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::field_reassign_with_default
)]

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use chacha20::ChaCha20Rng;
use ikev1::policy::{Phase1Mode, ProxyPair, SimplePolicy, TransformSet};
use ikev1::transform::Phase1Transform;
use ikev1::{ChildSa, Config, Engine, Event, MAX_DATAGRAM_LEN};
use ipsec_core::algorithm::{AesKeyLen, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm};
use ipsec_core::registry::ikev1::AuthenticationMethod;
use ipsec_core::types::{Lifetime, TrafficSelector};
use ipsec_core::{CryptoProvider, Duration, Instant};
use rand_core::{Rng, SeedableRng};

pub const A_ADDR: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 1);
pub const B_ADDR: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 2);
pub const NAT_OUTSIDE: Ipv4Addr = Ipv4Addr::new(203, 0, 113, 7);
pub const PSK: &[u8] = b"ipx-interop-psk-0123456789";

pub type SimEngine = Engine<SimplePolicy, ChaCha20Rng>;

pub fn aes128_sha1_modp1024() -> Phase1Transform {
    Phase1Transform {
        encryption: EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128),
        prf: PrfAlgorithm::HmacSha1,
        authentication: AuthenticationMethod::PreSharedKey,
        group: DhGroup::Modp1024,
        lifetime: Lifetime { seconds: Some(86_400), kilobytes: None, packets: None },
    }
}

pub fn tdes_md5_modp1024() -> Phase1Transform {
    Phase1Transform {
        encryption: EncryptionAlgorithm::TripleDesCbc,
        prf: PrfAlgorithm::HmacMd5,
        ..aes128_sha1_modp1024()
    }
}

pub fn aes_sha1() -> TransformSet {
    TransformSet {
        encryption: EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128),
        integrity: Some(IntegrityAlgorithm::HmacSha1_96),
    }
}

pub fn tdes_md5() -> TransformSet {
    TransformSet { encryption: EncryptionAlgorithm::TripleDesCbc, integrity: Some(IntegrityAlgorithm::HmacMd5_96) }
}

pub fn net(s: &str, len: u8) -> TrafficSelector {
    TrafficSelector::prefix(s.parse().unwrap(), len).unwrap()
}

/// A's view of the harness tunnel: 10.1.0.0/24 <-> 10.2.0.0/24.
pub fn proxies_a() -> ProxyPair {
    ProxyPair { local: net("10.1.0.0", 24), remote: net("10.2.0.0", 24) }
}

pub fn proxies_b() -> ProxyPair {
    ProxyPair { local: net("10.2.0.0", 24), remote: net("10.1.0.0", 24) }
}

pub fn policy(mode: Phase1Mode, pfs: Option<DhGroup>) -> SimplePolicy {
    let mut p = SimplePolicy::new(aes128_sha1_modp1024(), aes_sha1(), PSK);
    p.mode = mode;
    p.pfs = pfs;
    p
}

/// Fast timers so that lossy runs finish in little virtual time.
pub fn config() -> Config {
    let mut c = Config::default();
    c.retransmit.timeout = Duration::from_millis(500);
    c.retransmit.base_per_mille = 1500;
    c.retransmit.tries = 6;
    c
}

/// A NAT in front of peer A (port-restricted cone: one mapping per inside port).
#[derive(Default)]
pub struct Nat {
    /// inside port -> outside port
    pub out: HashMap<u16, u16>,
    /// outside port -> inside port
    pub back: HashMap<u16, u16>,
    pub next: u16,
}

impl Nat {
    fn map_out(&mut self, port: u16) -> u16 {
        if let Some(p) = self.out.get(&port) {
            return *p;
        }
        self.next += 1;
        let p = 40000 + self.next;
        self.out.insert(port, p);
        self.back.insert(p, port);
        p
    }
}

#[derive(Clone, Debug)]
pub struct InFlight {
    pub at: Instant,
    pub seq: u64,
    /// Index of the receiving peer.
    pub to: usize,
    pub src: SocketAddr,
    pub dst: SocketAddr,
    pub payload: Vec<u8>,
}

/// Network behaviour.
#[derive(Clone, Copy, Debug)]
pub struct Link {
    /// Probability (per mille) that a datagram is lost.
    pub loss: u32,
    /// Probability (per mille) that a datagram is duplicated.
    pub dup: u32,
    /// Base one-way delay.
    pub delay: Duration,
    /// Extra random delay up to this (reorders datagrams).
    pub jitter: Duration,
    /// Everything is lost (a dead link).
    pub down: bool,
}

impl Default for Link {
    fn default() -> Self {
        Self { loss: 0, dup: 0, delay: Duration::from_millis(5), jitter: Duration::ZERO, down: false }
    }
}

pub struct Peer {
    pub engine: SimEngine,
    pub addr: IpAddr,
    pub events: Vec<Event>,
    pub received: u64,
    pub keepalives: u64,
}

pub struct Sim {
    pub now: Instant,
    pub peers: [Peer; 2],
    pub flight: Vec<InFlight>,
    pub rng: ChaCha20Rng,
    pub link: Link,
    pub nat: Option<Nat>,
    pub seq: u64,
    pub delivered: u64,
}

pub const A: usize = 0;
pub const B: usize = 1;

impl Sim {
    pub fn new(seed: u64, config_a: Config, policy_a: SimplePolicy, config_b: Config, policy_b: SimplePolicy) -> Self {
        let rng = |n: u64| ChaCha20Rng::seed_from_u64(seed.wrapping_mul(1_000_003).wrapping_add(n));
        let provider = CryptoProvider::rustcrypto();
        Self {
            now: Instant::from_secs(1),
            peers: [
                Peer {
                    engine: Engine::new(config_a, policy_a, rng(1), provider),
                    addr: IpAddr::V4(A_ADDR),
                    events: Vec::new(),
                    received: 0,
                    keepalives: 0,
                },
                Peer {
                    engine: Engine::new(config_b, policy_b, rng(2), provider),
                    addr: IpAddr::V4(B_ADDR),
                    events: Vec::new(),
                    received: 0,
                    keepalives: 0,
                },
            ],
            flight: Vec::new(),
            rng: rng(3),
            link: Link::default(),
            nat: None,
            seq: 0,
            delivered: 0,
        }
    }

    pub fn pair(mode: Phase1Mode, pfs: Option<DhGroup>) -> Self {
        Self::new(1, config(), policy(mode, pfs), config(), policy(mode, pfs))
    }

    pub fn addr(&self, peer: usize, port: u16) -> SocketAddr {
        SocketAddr::new(self.peers[peer].addr, port)
    }

    /// The address peer `from` sends to in order to reach `to`.
    pub fn target(&self, from: usize, to: usize) -> SocketAddr {
        let _ = from;
        SocketAddr::new(self.peers[to].addr, 500)
    }

    /// `initiator` starts phase 1 + Quick Mode toward the other peer.
    pub fn initiate(&mut self, initiator: usize) -> ikev1::RequestId {
        let other = 1 - initiator;
        let proxies = if initiator == A { proxies_a() } else { proxies_b() };
        let (local, remote) = (self.addr(initiator, 500), self.target(initiator, other));
        let now = self.now;
        self.peers[initiator].engine.initiate(now, local, remote, proxies).expect("initiate")
    }

    fn chance(&mut self, per_mille: u32) -> bool {
        per_mille > 0 && self.rng.next_u32() % 1000 < per_mille
    }

    /// Moves every queued datagram of both engines onto the network.
    fn pump(&mut self) {
        let mut buf = vec![0u8; MAX_DATAGRAM_LEN];
        for from in [A, B] {
            while let Some(t) = self.peers[from].engine.poll_transmit(self.now, &mut buf) {
                let payload = buf[..t.len].to_vec();
                let (mut src, mut dst) = (t.local, t.remote);
                let to = if dst.ip() == self.peers[A].addr || dst.ip() == IpAddr::V4(NAT_OUTSIDE) { A } else { B };
                if let Some(nat) = self.nat.as_mut() {
                    if from == A {
                        src = SocketAddr::new(IpAddr::V4(NAT_OUTSIDE), nat.map_out(src.port()));
                    } else if dst.ip() == IpAddr::V4(NAT_OUTSIDE) {
                        match nat.back.get(&dst.port()) {
                            Some(p) => dst = SocketAddr::new(self.peers[A].addr, *p),
                            None => continue,
                        }
                    }
                }
                if to == from || self.link.down || self.chance(self.link.loss) {
                    continue;
                }
                let copies = if self.chance(self.link.dup) { 2 } else { 1 };
                for _ in 0..copies {
                    let jitter = if self.link.jitter.is_zero() {
                        Duration::ZERO
                    } else {
                        Duration::from_nanos(self.rng.next_u64() % self.link.jitter.as_nanos() as u64)
                    };
                    self.seq += 1;
                    self.flight.push(InFlight {
                        at: self.now + self.link.delay + jitter,
                        seq: self.seq,
                        to,
                        src,
                        dst,
                        payload: payload.clone(),
                    });
                }
            }
        }
    }

    fn collect(&mut self) {
        for p in &mut self.peers {
            while let Some(e) = p.engine.poll_event() {
                p.events.push(e);
            }
        }
    }

    /// Advances virtual time to `until`, or until `done` holds; returns whether it held.
    pub fn run_until(&mut self, until: Instant, mut done: impl FnMut(&Sim) -> bool) -> bool {
        loop {
            self.pump();
            self.collect();
            if done(self) {
                return true;
            }
            let next_packet = self.flight.iter().map(|f| f.at).min();
            let next_timer = self.peers.iter().filter_map(|p| p.engine.poll_timeout()).min();
            let next = [next_packet, next_timer].into_iter().flatten().min();
            match next {
                Some(t) if t <= until => self.now = self.now.max(t),
                _ => {
                    self.now = until;
                    for p in &mut self.peers {
                        p.engine.handle_timeout(until);
                    }
                    self.pump();
                    self.collect();
                    return done(self);
                }
            }
            // Deliver everything due, in time order.
            self.flight.sort_by_key(|f| (f.at, f.seq));
            let due: Vec<InFlight> = self.flight.iter().filter(|f| f.at <= self.now).cloned().collect();
            self.flight.retain(|f| f.at > self.now);
            for f in due {
                let peer = &mut self.peers[f.to];
                if f.payload == [0xff] {
                    peer.keepalives += 1;
                }
                peer.received += 1;
                self.delivered += 1;
                let _ = peer.engine.handle_datagram(self.now, f.dst, f.src, &f.payload);
            }
            for p in &mut self.peers {
                if p.engine.poll_timeout().is_some_and(|t| t <= self.now) {
                    p.engine.handle_timeout(self.now);
                }
            }
        }
    }

    /// Runs for `d` of virtual time.
    pub fn run_for(&mut self, d: Duration) {
        let until = self.now + d;
        self.run_until(until, |_| false);
    }

    pub fn children(&self, peer: usize) -> Vec<&ChildSa> {
        self.peers[peer]
            .events
            .iter()
            .filter_map(|e| if let Event::ChildSaReady(c) = e { Some(c) } else { None })
            .collect()
    }

    /// True when both peers have an SA pair with matching SPIs and keys.
    pub fn converged(&self) -> bool {
        self.matching_pairs() > 0
    }

    pub fn matching_pairs(&self) -> usize {
        let a = self.children(A);
        let b = self.children(B);
        a.iter().filter(|x| b.iter().any(|y| keys_match(x, y))).count()
    }

    pub fn phase1_up(&self, peer: usize) -> usize {
        self.peers[peer].events.iter().filter(|e| matches!(e, Event::Phase1Up(_))).count()
    }

    pub fn has(&self, peer: usize, f: impl Fn(&Event) -> bool) -> bool {
        self.peers[peer].events.iter().any(f)
    }
}

/// The two ends of one SA pair agree: each outbound SA is the other's inbound SA.
pub fn keys_match(a: &ChildSa, b: &ChildSa) -> bool {
    a.outbound == b.inbound
        && a.inbound == b.outbound
        && a.encryption == b.encryption
        && a.integrity == b.integrity
        && a.local_ts == b.remote_ts
        && a.remote_ts == b.local_ts
        && a.lifetime == b.lifetime
        && a.mode == b.mode
        && a.pfs_group == b.pfs_group
}

pub fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}
