//! ESP decapsulation with random SAs: any input is refused or accepted without panicking,
//! both as an ESP packet (SPI to ICV) and as a complete IP packet; and what an SA
//! encapsulates, its peer decapsulates back to the same bytes, while a single flipped bit
//! makes it fail.
//!
//! Input: 12 bytes choose the SA (transform, mode, address family, NAT-T, ESN, replay window,
//! sequence start), the rest is the packet.
#![no_main]

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use esp_ah::{Framing, InboundSa, OutboundSa, SaParams, UdpEncap};
use ipsec_core::algorithm::{EncryptionAlgorithm, IntegrityAlgorithm};
use ipsec_core::types::{EncapsulationMode, Spi};
use ipsec_core::{CryptoProvider, Instant, SecretBytes};
use libfuzzer_sys::fuzz_target;

#[path = "common/counter_rng.rs"]
mod counter_rng;
use counter_rng::Counter;

const NOW: Instant = Instant::from_nanos(1);

fn params(sel: &[u8; 12]) -> SaParams {
    let enc = EncryptionAlgorithm::ALL[usize::from(sel[0]) % EncryptionAlgorithm::ALL.len()];
    let integ = if enc.is_aead() {
        None
    } else {
        Some(IntegrityAlgorithm::ALL[usize::from(sel[1]) % IntegrityAlgorithm::ALL.len()])
    };
    let mode = if sel[2] & 1 == 0 { EncapsulationMode::Tunnel } else { EncapsulationMode::Transport };
    let (local, remote) = if sel[2] & 2 == 0 {
        (IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)), IpAddr::V4(Ipv4Addr::new(198, 51, 100, 2)))
    } else {
        (
            IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)),
            IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 2)),
        )
    };
    let window = [0, 32, 64, 1024][usize::from(sel[3] & 3)];
    let start = u64::from_be_bytes([sel[4], sel[5], sel[6], sel[7], sel[8], sel[9], sel[10], sel[11]]) >> (sel[3] >> 2);
    let mut p = SaParams::new(
        Spi(0x0102_0304),
        mode,
        local,
        remote,
        enc,
        SecretBytes::from_slice(&vec![sel[0]; enc.keymat_len()]),
        integ.map(|i| (i, SecretBytes::from_slice(&vec![sel[1]; i.key_len()]))),
    )
    .with_replay_window(window)
    .with_esn(sel[2] & 4 != 0)
    .with_sequence_start(start);
    if sel[2] & 8 != 0 {
        p = p.with_udp_encap(UdpEncap::default());
    }
    p
}

fuzz_target!(|data: &[u8]| {
    let Some((sel, packet)) = data.split_first_chunk::<12>() else { return };
    let p = params(sel);
    let provider = CryptoProvider::rustcrypto();
    let Ok(mut inb) = InboundSa::new(&p.mirrored(), provider, NOW) else { return };

    // Arbitrary bytes, as ESP and as an IP packet, at an offset (for the GMAC-ESN shuffle).
    for offset in [0usize, 5] {
        let mut buf = vec![0u8; offset + packet.len()];
        buf[offset..].copy_from_slice(packet);
        let _ = inb.decapsulate(NOW, &mut buf, offset..offset + packet.len());
        buf[offset..].copy_from_slice(packet);
        let _ = inb.decapsulate_packet(NOW, &mut buf, offset..offset + packet.len());
    }

    // Round trip: the input as the payload of a packet of the right shape.
    let mut out = OutboundSa::new(&p, provider, &mut Counter(7), NOW).expect("valid params");
    let mut inb = InboundSa::new(&p.mirrored(), provider, NOW).expect("valid params");
    let plain = match (p.mode, p.local) {
        (EncapsulationMode::Tunnel, _) => ipv4(&[10, 0, 0, 1], &[10, 0, 0, 2], packet),
        (EncapsulationMode::Transport, IpAddr::V4(a)) => {
            let IpAddr::V4(b) = p.remote else { return };
            ipv4(&a.octets(), &b.octets(), packet)
        }
        (EncapsulationMode::Transport, IpAddr::V6(a)) => {
            let IpAddr::V6(b) = p.remote else { return };
            ipv6(&a.octets(), &b.octets(), packet)
        }
    };
    let framing = if sel[2] & 16 == 0 { Framing::Ip } else { Framing::Esp };
    let head = out.headroom(framing);
    let mut buf = vec![0u8; head + plain.len() + out.tailroom()];
    buf[head..head + plain.len()].copy_from_slice(&plain);
    let Ok(r) = out.encapsulate(NOW, &mut buf, head..head + plain.len(), framing) else {
        // Only an exhausted or oversized SA may refuse a well-formed packet.
        assert!(out.is_exhausted() || plain.len() > 65_000);
        return;
    };
    let wire = buf[r.clone()].to_vec();
    let decap = |inb: &mut InboundSa, buf: &mut [u8], r: core::ops::Range<usize>| match framing {
        Framing::Ip => inb.decapsulate_packet(NOW, buf, r),
        Framing::Esp => inb.decapsulate(NOW, buf, r),
    };
    // One flipped bit in the ESP part fails (all transforms here have integrity).
    let esp_start = wire.len() - (out.encapsulated_len(Framing::Esp, plain.len()).min(wire.len()));
    if let Some(&b) = packet.first() {
        let mut bad = wire.clone();
        let at = esp_start + usize::from(b) * 131 % (wire.len() - esp_start);
        bad[at] ^= 1 << (b % 8);
        let n = bad.len();
        assert!(decap(&mut inb, &mut bad, 0..n).is_err(), "flipped bit accepted at {at}");
    }
    let d = decap(&mut inb, &mut buf, r).expect("own packet refused");
    match (p.mode, framing) {
        (EncapsulationMode::Transport, Framing::Esp) => assert_eq!(&buf[d.payload], packet),
        _ => assert_eq!(&buf[d.payload], &plain[..]),
    }
});

fn ipv4(src: &[u8], dst: &[u8], payload: &[u8]) -> Vec<u8> {
    let total = (20 + payload.len()).min(65_535) as u16;
    let mut p = vec![0x45, 0, 0, 0, 0, 1, 0x40, 0, 64, 17, 0, 0];
    p[2..4].copy_from_slice(&total.to_be_bytes());
    p.extend_from_slice(src);
    p.extend_from_slice(dst);
    // A valid header checksum: transport-mode decapsulation recomputes it.
    let mut sum: u32 = p.chunks(2).map(|c| u32::from(u16::from_be_bytes([c[0], c[1]]))).sum();
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    p[10..12].copy_from_slice(&(!(sum as u16)).to_be_bytes());
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
