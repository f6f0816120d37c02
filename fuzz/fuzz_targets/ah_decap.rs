//! AH decapsulation with random SAs: any input is refused or accepted without panicking, as a
//! complete IP packet at two offsets and with and without room around it (the ICV computation
//! walks IPv4 options and IPv6 extension headers, and AES-GMAC with ESN shuffles the packet);
//! what an SA encapsulates, its peer decapsulates back to the same bytes, while a flipped bit
//! in the AH header or the payload makes it fail.
//!
//! Input: 8 bytes choose the SA (algorithm, mode, address family, ESN, replay window,
//! sequence start), the rest is the packet.
#![no_main]

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use esp_ah::{Framing, InboundSa, OutboundSa, SaParams};
use ipsec_core::algorithm::{AesKeyLen, IntegrityAlgorithm};
use ipsec_core::types::{EncapsulationMode, Spi};
use ipsec_core::{CryptoProvider, Instant, SecretBytes};
use libfuzzer_sys::fuzz_target;

#[path = "common/counter_rng.rs"]
mod counter_rng;
use counter_rng::Counter;

const NOW: Instant = Instant::from_nanos(1);

fn params(sel: &[u8; 8]) -> SaParams {
    let mode = if sel[1] & 1 == 0 { EncapsulationMode::Tunnel } else { EncapsulationMode::Transport };
    let (local, remote) = if sel[1] & 2 == 0 {
        (IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)), IpAddr::V4(Ipv4Addr::new(198, 51, 100, 2)))
    } else {
        (
            IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)),
            IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 2)),
        )
    };
    let spi = Spi(0x0102_0304);
    let n = IntegrityAlgorithm::ALL.len();
    let p = match usize::from(sel[0]) % (n + 3) {
        i if i < n => {
            let alg = IntegrityAlgorithm::ALL[i];
            SaParams::ah(spi, mode, local, remote, alg, SecretBytes::from_slice(&vec![sel[0]; alg.key_len()]))
        }
        i => {
            let len = [AesKeyLen::Aes128, AesKeyLen::Aes192, AesKeyLen::Aes256][i - n];
            SaParams::ah_gmac(spi, mode, local, remote, len, SecretBytes::from_slice(&vec![sel[0]; len.bytes() + 4]))
        }
    };
    let window = [0, 32, 64, 1024][usize::from(sel[1] >> 4 & 3)];
    let start = u64::from_be_bytes([0, 0, 0, sel[3], sel[4], sel[5], sel[6], sel[7]]) << (sel[2] & 31);
    p.with_replay_window(window).with_esn(sel[1] & 4 != 0).with_sequence_start(start)
}

fuzz_target!(|data: &[u8]| {
    let Some((sel, packet)) = data.split_first_chunk::<8>() else { return };
    let p = params(sel);
    let provider = CryptoProvider::rustcrypto();
    let Ok(mut inb) = InboundSa::new(&p.mirrored(), provider, NOW) else { return };

    // Arbitrary bytes as an IP packet: at offset 0 without spare room, and at offset 5 with
    // room on both sides.
    for (offset, tail) in [(0usize, 0usize), (5, 4)] {
        let mut buf = vec![0u8; offset + packet.len() + tail];
        buf[offset..offset + packet.len()].copy_from_slice(packet);
        let _ = inb.decapsulate_packet(NOW, &mut buf, offset..offset + packet.len());
    }

    // Round trip: the input as the payload of a packet of the right shape.
    let mut out = OutboundSa::new(&p, provider, &mut Counter(7), NOW).expect("valid params");
    let mut inb = InboundSa::new(&p.mirrored(), provider, NOW).expect("valid params");
    let plain = match (p.mode, p.local, p.remote) {
        (EncapsulationMode::Tunnel, _, _) => ipv4(&[10, 0, 0, 1], &[10, 0, 0, 2], packet),
        (EncapsulationMode::Transport, IpAddr::V4(a), IpAddr::V4(b)) => ipv4(&a.octets(), &b.octets(), packet),
        (EncapsulationMode::Transport, IpAddr::V6(a), IpAddr::V6(b)) => ipv6(&a.octets(), &b.octets(), packet),
        _ => return,
    };
    let head = out.headroom(Framing::Ip);
    let mut buf = vec![0u8; head + plain.len() + out.tailroom()];
    buf[head..head + plain.len()].copy_from_slice(&plain);
    let Ok(r) = out.encapsulate(NOW, &mut buf, head..head + plain.len(), Framing::Ip) else {
        // Only an exhausted or oversized SA may refuse a well-formed packet.
        assert!(out.is_exhausted() || plain.len() > 65_000);
        return;
    };
    let wire = buf[r.clone()].to_vec();
    // A flipped bit in AH or after it (never mutable) fails.
    let ah_at = if p.local.is_ipv4() { 20 } else { 40 };
    if let Some(&b) = packet.first() {
        let mut bad = wire.clone();
        bad.extend_from_slice(&[0; 4]);
        let at = ah_at + usize::from(b) * 131 % (wire.len() - ah_at);
        bad[at] ^= 1 << (b % 8);
        let n = wire.len();
        assert!(inb.decapsulate_packet(NOW, &mut bad, 0..n).is_err(), "flipped bit accepted at {at}");
    }
    let d = inb.decapsulate_packet(NOW, &mut buf, r).expect("own packet refused");
    assert_eq!(&buf[d.payload], &plain[..]);
});

fn ipv4(src: &[u8], dst: &[u8], payload: &[u8]) -> Vec<u8> {
    let total = (20 + payload.len()).min(65_535) as u16;
    let mut p = vec![0x45, 0, 0, 0, 0, 1, 0x40, 0, 64, 17, 0, 0];
    p[2..4].copy_from_slice(&total.to_be_bytes());
    p.extend_from_slice(src);
    p.extend_from_slice(dst);
    p.extend_from_slice(&payload[..usize::from(total) - 20]);
    p
}

fn ipv6(src: &[u8], dst: &[u8], payload: &[u8]) -> Vec<u8> {
    let len = payload.len().min(65_535);
    let mut p = vec![0x60, 0, 0, 0];
    p.extend_from_slice(&(len as u16).to_be_bytes());
    p.extend_from_slice(&[17, 64]);
    p.extend_from_slice(src);
    p.extend_from_slice(dst);
    p.extend_from_slice(&payload[..len]);
    p
}
