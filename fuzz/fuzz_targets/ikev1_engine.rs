//! The IKEv1 engine as a whole: two peers negotiate over a network the input controls. Each
//! step delivers, drops, duplicates, truncates or corrupts a datagram in flight, injects
//! arbitrary bytes on port 500 or 4500, moves the clock, or starts a negotiation, in either
//! role and mode. Whatever happens, neither engine panics and every poll terminates.
//!
//! Input: 1 byte chooses the initiator's phase-1 mode and PFS, then steps of one op byte and
//! its argument bytes.
#![no_main]

use core::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::collections::VecDeque;

use ikev1::policy::{Phase1Mode, ProxyPair, SimplePolicy, TransformSet};
use ikev1::transform::Phase1Transform;
use ikev1::{Config, Engine, MAX_DATAGRAM_LEN};
use ipsec_core::algorithm::{AesKeyLen, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm};
use ipsec_core::registry::ikev1::AuthenticationMethod;
use ipsec_core::types::{Lifetime, TrafficSelector};
use ipsec_core::{CryptoProvider, Duration, Instant};
use libfuzzer_sys::fuzz_target;

#[path = "common/counter_rng.rs"]
mod counter_rng;
use counter_rng::Counter;

type Peer = Engine<SimplePolicy, Counter>;

const A: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 1);
const B: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 2);

fn peer(seed: u64, mode: Phase1Mode, pfs: Option<DhGroup>) -> Peer {
    let phase1 = Phase1Transform {
        encryption: EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128),
        prf: PrfAlgorithm::HmacSha1,
        authentication: AuthenticationMethod::PreSharedKey,
        group: DhGroup::Modp768,
        lifetime: Lifetime { seconds: Some(86_400), kilobytes: None, packets: None },
    };
    let set = TransformSet {
        encryption: EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128),
        integrity: Some(IntegrityAlgorithm::HmacSha1_96),
    };
    let mut policy = SimplePolicy::new(phase1, set, b"fuzz-psk");
    policy.mode = mode;
    policy.pfs = pfs;
    Engine::new(Config::default(), policy, Counter(seed), CryptoProvider::rustcrypto())
}

fn subnet(a: [u8; 4]) -> TrafficSelector {
    TrafficSelector::prefix(IpAddr::V4(Ipv4Addr::from(a)), 24).unwrap_or(TrafficSelector::any_v4())
}

/// A datagram in flight: sender index, its source, its destination, the bytes.
struct Flight {
    from: usize,
    src: SocketAddr,
    dst: SocketAddr,
    bytes: Vec<u8>,
}

/// Moves every datagram the peers want to send into the network, and drains their events.
fn collect(peers: &mut [Peer; 2], now: Instant, net: &mut VecDeque<Flight>, buf: &mut [u8]) {
    for (i, p) in peers.iter_mut().enumerate() {
        while let Some(t) = p.poll_transmit(now, buf) {
            if net.len() < 64 {
                let bytes = buf.get(..t.len).unwrap_or_default().to_vec();
                net.push_back(Flight { from: i, src: t.local, dst: t.remote, bytes });
            }
        }
        while p.poll_event().is_some() {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&setup, mut ops)) = data.split_first() else { return };
    let mode = if setup & 1 == 0 { Phase1Mode::Main } else { Phase1Mode::Aggressive };
    let pfs = (setup & 2 != 0).then_some(DhGroup::Modp768);
    let mut peers = [peer(1, mode, pfs), peer(2, mode, pfs)];
    let addr = [A, B];
    let mut now = Instant::from_secs(1);
    let mut net: VecDeque<Flight> = VecDeque::new();
    let mut buf = vec![0u8; MAX_DATAGRAM_LEN];
    let mut steps = 0;
    while let Some((&op, rest)) = ops.split_first() {
        ops = rest;
        steps += 1;
        if steps > 200 {
            break;
        }
        let arg = |ops: &mut &[u8]| -> u8 {
            let Some((&b, r)) = ops.split_first() else { return 0 };
            *ops = r;
            b
        };
        match op % 8 {
            // Deliver the oldest datagram in flight.
            0 => {
                if let Some(f) = net.pop_front() {
                    let to = 1 - f.from;
                    let _ = peers[to].handle_datagram(now, f.dst, f.src, &f.bytes);
                }
            }
            // Drop it.
            1 => {
                net.pop_front();
            }
            // Deliver it twice (duplication), or after the next one (reordering).
            2 => {
                if let Some(f) = net.pop_front() {
                    let to = 1 - f.from;
                    if arg(&mut ops) & 1 == 0 {
                        let _ = peers[to].handle_datagram(now, f.dst, f.src, &f.bytes);
                        let _ = peers[to].handle_datagram(now, f.dst, f.src, &f.bytes);
                    } else {
                        net.insert(1.min(net.len()), f);
                    }
                }
            }
            // Corrupt one byte of it, or cut it short, then deliver.
            3 => {
                let (at, x) = (usize::from(arg(&mut ops)), arg(&mut ops));
                if let Some(mut f) = net.pop_front() {
                    let n = f.bytes.len();
                    if n > 0 {
                        if x == 0 {
                            f.bytes.truncate(at % n);
                        } else if let Some(b) = f.bytes.get_mut(at % n) {
                            *b ^= x;
                        }
                    }
                    let to = 1 - f.from;
                    let _ = peers[to].handle_datagram(now, f.dst, f.src, &f.bytes);
                }
            }
            // Arbitrary bytes from the other peer's address, on port 500 or 4500.
            4 => {
                let who = usize::from(arg(&mut ops) & 1);
                let port = if arg(&mut ops) & 1 == 0 { 500 } else { 4500 };
                let len = usize::from(arg(&mut ops)).min(ops.len());
                let (bytes, r) = ops.split_at(len);
                ops = r;
                let local = SocketAddr::new(IpAddr::V4(addr[who]), port);
                let remote = SocketAddr::new(IpAddr::V4(addr[1 - who]), port);
                let _ = peers[who].handle_datagram(now, local, remote, bytes);
            }
            // Time passes: up to about 4 minutes, in steps the timers see.
            5 => {
                now = now + Duration::from_millis(u64::from(arg(&mut ops)) * 1000);
                for p in &mut peers {
                    if p.poll_timeout().is_some_and(|t| t <= now) {
                        p.handle_timeout(now);
                    }
                }
            }
            // Either peer starts a negotiation for one of a few proxy pairs.
            6 => {
                let who = usize::from(arg(&mut ops) & 1);
                let k = arg(&mut ops) % 3;
                let (mine, theirs) =
                    if who == 0 { ([10, 1, k, 0], [10, 2, k, 0]) } else { ([10, 2, k, 0], [10, 1, k, 0]) };
                let proxies = ProxyPair { local: subnet(mine), remote: subnet(theirs) };
                let local = SocketAddr::new(IpAddr::V4(addr[who]), 500);
                let remote = SocketAddr::new(IpAddr::V4(addr[1 - who]), 500);
                let _ = peers[who].initiate(now, local, remote, proxies);
            }
            // Administrative actions: rekey or delete what exists, or clear everything.
            _ => {
                let who = usize::from(arg(&mut ops) & 1);
                let what = arg(&mut ops);
                let p = &mut peers[who];
                match what % 4 {
                    0 => {
                        let first = p.child_ids().next();
                        if let Some(id) = first {
                            let _ = p.rekey_child(now, id);
                        }
                    }
                    1 => {
                        let first = p.child_ids().next();
                        if let Some(id) = first {
                            let _ = p.delete_child(now, id);
                        }
                    }
                    2 => {
                        let first = p.phase1_ids().next();
                        if let Some(id) = first {
                            let _ = p.delete_phase1(now, id);
                        }
                    }
                    _ => p.clear(now),
                }
            }
        }
        collect(&mut peers, now, &mut net, &mut buf);
    }
});
