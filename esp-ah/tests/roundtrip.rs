//! Property tests over the whole catalogue (decapsulate(encapsulate(p)) == p in every mode,
//! family and framing; every flipped bit fails; replay and reordering; ESN across 2^32) and
//! behaviour tests of framing, padding, TFC, ECN, lifetimes, events, configuration and
//! statistics.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

mod common;

use common::*;
use esp_ah::{
    ConfigError, DfPolicy, DscpPolicy, Error, Framing, InboundSa, Limit, OuterHeader, PacketError, SaEvent, SaParams,
};
use ipsec_core::algorithm::{AesKeyLen, EncryptionAlgorithm, GcmIcvLen, IntegrityAlgorithm};
use ipsec_core::types::{Duration, EncapsulationMode, Lifetime, LifetimeLimits, Spi};
use ipsec_core::{CryptoProvider, Instant, SecretBytes};
use proptest::prelude::*;

fn setup_strategy() -> impl Strategy<Value = (Setup, bool, Framing)> {
    let n = catalogue().len();
    (0..n, any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(i, transport, ipv6, udp, esn, inner_v6, ip_framing)| {
            let (enc, integ) = catalogue()[i];
            let mut s = Setup::new(enc, integ);
            s.mode = if transport { EncapsulationMode::Transport } else { EncapsulationMode::Tunnel };
            s.ipv6 = ipv6;
            s.udp = udp;
            s.esn = esn;
            (s, inner_v6, if ip_framing { Framing::Ip } else { Framing::Esp })
        },
    )
}

/// The packet the sender protects, and what the receiver must get back from each API.
fn input(s: &Setup, inner_v6: bool, payload: &[u8]) -> Vec<u8> {
    match s.mode {
        EncapsulationMode::Tunnel => inner_packet(inner_v6, payload),
        EncapsulationMode::Transport => {
            let (a, b) = s.addrs();
            packet(a, b, 6, payload)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 768, .. ProptestConfig::default() })]

    #[test]
    fn roundtrip_every_transform((s, inner_v6, framing) in setup_strategy(), payload in prop::collection::vec(any::<u8>(), 0..1460)) {
        let (mut out, mut inb) = s.pair();
        let pkt = input(&s, inner_v6, &payload);
        let (mut buf, r) = encapsulate(&mut out, &pkt, framing);
        prop_assert_eq!(r.len(), out.encapsulated_len(framing, pkt.len()));
        let d = match framing {
            Framing::Ip => inb.decapsulate_packet(NOW, &mut buf, r).unwrap(),
            Framing::Esp => inb.decapsulate(NOW, &mut buf, r).unwrap(),
        };
        prop_assert_eq!(d.sequence, 1);
        prop_assert!(!d.tfc_dummy);
        match (s.mode, framing) {
            (EncapsulationMode::Tunnel, _) | (EncapsulationMode::Transport, Framing::Ip) => {
                prop_assert_eq!(&buf[d.payload.clone()], &pkt[..]);
            }
            (EncapsulationMode::Transport, Framing::Esp) => {
                prop_assert_eq!(&buf[d.payload.clone()], &payload[..]);
                prop_assert_eq!(d.next_header, 6);
            }
        }
        prop_assert_eq!(inb.stats().decaps, 1);
        prop_assert_eq!(out.stats().encaps, 1);
    }

    #[test]
    fn any_flipped_bit_fails((s, inner_v6, _) in setup_strategy(), payload in prop::collection::vec(any::<u8>(), 0..300), bit in any::<prop::sample::Index>()) {
        let (mut out, mut inb) = s.pair();
        let pkt = input(&s, inner_v6, &payload);
        let (mut buf, r) = encapsulate(&mut out, &pkt, Framing::Esp);
        let bit = bit.index(r.len() * 8);
        buf[r.start + bit / 8] ^= 1 << (bit % 8);
        prop_assert!(inb.decapsulate(NOW, &mut buf, r).is_err());
        prop_assert_eq!(inb.stats().decaps, 0);
        prop_assert_eq!(inb.stats().recv_errors, 1);
    }

    #[test]
    fn reordering_inside_the_window_is_accepted_and_replays_are_not(order in Just((0..64usize).collect::<Vec<_>>()).prop_shuffle(), esn in any::<bool>()) {
        let mut s = Setup::gcm();
        s.esn = esn;
        let (mut out, mut inb) = s.pair();
        let packets: Vec<_> = (0..64u8).map(|i| encapsulate(&mut out, &inner_packet(false, &[i; 40]), Framing::Esp)).collect();
        for &i in &order {
            let (mut buf, r) = packets[i].clone();
            let d = inb.decapsulate(NOW, &mut buf, r).unwrap();
            prop_assert_eq!(d.sequence, i as u64 + 1);
        }
        for (buf, r) in &packets {
            let mut buf = buf.clone();
            prop_assert!(matches!(inb.decapsulate(NOW, &mut buf, r.clone()), Err(Error::Replayed(_))));
        }
        prop_assert_eq!(inb.stats().replay_failed, 64);
    }
}

#[test]
fn packets_left_of_the_window_are_too_old() {
    let (mut out, mut inb) = Setup::gcm().pair();
    let packets: Vec<_> =
        (0..100u8).map(|i| encapsulate(&mut out, &inner_packet(false, &[i; 8]), Framing::Esp)).collect();
    let (mut buf, r) = packets[99].clone();
    inb.decapsulate(NOW, &mut buf, r).unwrap();
    // Window 64 with top 100: 37..=100 are inside, 36 is not.
    let (mut buf, r) = packets[35].clone();
    assert_eq!(inb.decapsulate(NOW, &mut buf, r), Err(Error::TooOld(36)));
    let (mut buf, r) = packets[36].clone();
    assert_eq!(inb.decapsulate(NOW, &mut buf, r).unwrap().sequence, 37);
}

#[test]
fn esn_wraps_across_2_pow_32() {
    for (enc, integ) in [
        (EncryptionAlgorithm::AesGcm(AesKeyLen::Aes128, GcmIcvLen::Icv16), None),
        (EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128), Some(IntegrityAlgorithm::HmacSha1_96)),
        (EncryptionAlgorithm::AesGmac(AesKeyLen::Aes256), None),
        (EncryptionAlgorithm::ChaCha20Poly1305, None),
    ] {
        let mut s = Setup::new(enc, integ);
        s.esn = true;
        s.start = (1 << 32) - 4;
        let (mut out, mut inb) = s.pair();
        let packets: Vec<_> =
            (0..8u8).map(|i| encapsulate(&mut out, &inner_packet(true, &[i; 20]), Framing::Ip)).collect();
        assert_eq!(out.sequence(), (1 << 32) + 4);
        // Deliver out of order across the boundary.
        for i in [1usize, 0, 4, 2, 3, 7, 5, 6] {
            let (mut buf, r) = packets[i].clone();
            let d = inb.decapsulate_packet(NOW, &mut buf, r).unwrap();
            assert_eq!(d.sequence, (1u64 << 32) - 3 + i as u64, "{enc}");
            assert_eq!(buf[d.payload.start + 40], i as u8);
        }
        assert_eq!(inb.replay_window().top(), (1 << 32) + 4);
        // The low 32 bits on the wire are the same as an old packet's would be, but the ICV
        // covers the high half: a packet sent with the wrong high half never verifies.
        let (mut buf, r) = packets[5].clone();
        assert!(inb.decapsulate_packet(NOW, &mut buf, r).is_err());
    }
}

#[test]
fn without_esn_the_sequence_space_ends_at_2_pow_32_minus_1() {
    let mut s = Setup::gcm();
    s.start = u64::from(u32::MAX) - 1;
    let (mut out, mut inb) = s.pair();
    let (mut buf, r) = encapsulate(&mut out, &inner_packet(false, b"last"), Framing::Esp);
    assert_eq!(out.poll_event(), Some(SaEvent::SequenceExhausted));
    assert!(out.is_exhausted());
    let pkt = inner_packet(false, b"one too many");
    let mut buf2 = vec![0; 200];
    buf2[100..100 + pkt.len()].copy_from_slice(&pkt);
    assert_eq!(out.encapsulate(NOW, &mut buf2, 100..100 + pkt.len(), Framing::Esp), Err(Error::SequenceExhausted));
    assert_eq!(out.stats().replay_rollover_send, 1);
    assert_eq!(inb.decapsulate(NOW, &mut buf, r).unwrap().sequence, u64::from(u32::MAX));
    // The soft limit on sequence numbers fired long before: at 7/8 of the space.
    let mut s = Setup::gcm();
    s.start = u64::from(u32::MAX) - u64::from(u32::MAX) / 8 - 1;
    let (mut out, _) = s.pair();
    encapsulate(&mut out, &inner_packet(false, b"x"), Framing::Esp);
    assert_eq!(out.poll_event(), Some(SaEvent::SoftExpired(Limit::SequenceNumbers)));
}

#[test]
fn with_esn_the_space_ends_at_2_pow_64_minus_1() {
    let mut s = Setup::gcm();
    s.esn = true;
    s.start = u64::MAX - 1;
    let (mut out, _) = s.pair();
    encapsulate(&mut out, &inner_packet(false, b"last"), Framing::Esp);
    assert_eq!(out.sequence(), u64::MAX);
    assert_eq!(out.poll_event(), Some(SaEvent::SequenceExhausted));
    let pkt = inner_packet(false, b"x");
    let mut buf = vec![0; 200];
    buf[100..100 + pkt.len()].copy_from_slice(&pkt);
    assert_eq!(out.encapsulate(NOW, &mut buf, 100..100 + pkt.len(), Framing::Esp), Err(Error::SequenceExhausted));
}

#[test]
fn tfc_dummy_packets_are_consumed() {
    for framing in [Framing::Esp, Framing::Ip] {
        let (mut out, mut inb) = Setup::gcm().pair();
        let head = out.headroom(framing);
        let mut buf = vec![0u8; head + 100 + out.tailroom()];
        let r = out.encapsulate_dummy(NOW, &mut buf, head..head + 100, framing).unwrap();
        let d = match framing {
            Framing::Esp => inb.decapsulate(NOW, &mut buf, r).unwrap(),
            Framing::Ip => inb.decapsulate_packet(NOW, &mut buf, r).unwrap(),
        };
        assert!(d.tfc_dummy);
        assert_eq!(d.next_header, 59);
        assert!(d.payload.is_empty());
        assert_eq!((out.stats().tfc_sent, inb.stats().tfc_received, inb.stats().decaps), (1, 1, 0));
        assert!(!inb.carried_traffic());
        assert!(!out.carried_traffic());
    }
}

#[test]
fn tunnel_mode_drops_tfc_padding_after_the_inner_packet() {
    // A tunnel-mode payload longer than the inner packet (TFC padding, RFC 4303 §2.4): build it
    // by encapsulating a packet whose header claims fewer bytes than the range holds.
    let (mut out, mut inb) = Setup::gcm().pair();
    let mut pkt = inner_packet(false, &[7; 30]);
    pkt.extend_from_slice(&[0; 50]);
    let (mut buf, r) = encapsulate(&mut out, &pkt, Framing::Esp);
    let d = inb.decapsulate(NOW, &mut buf, r).unwrap();
    assert_eq!(&buf[d.payload], &pkt[..50]);
}

#[test]
fn transport_mode_ipv6_keeps_hop_by_hop_and_routing_in_front() {
    let mut s = Setup::new(EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256), Some(IntegrityAlgorithm::HmacSha2_256_128));
    s.mode = EncapsulationMode::Transport;
    s.ipv6 = true;
    let (mut out, mut inb) = s.pair();
    let (a, b) = s.addrs();
    // Hop-by-hop (8 bytes, next = routing), routing (8 bytes, next = destination options),
    // destination options (8 bytes, next = TCP), then 20 bytes of "TCP".
    let mut ext = vec![43, 0, 1, 4, 0, 0, 0, 0, 60, 0, 0, 0, 0, 0, 0, 0, 6, 0, 1, 4, 0, 0, 0, 0];
    ext.extend_from_slice(&[0x55; 20]);
    let pkt = packet(a, b, 0, &ext);
    let (mut buf, r) = encapsulate(&mut out, &pkt, Framing::Ip);
    let wire = buf[r.clone()].to_vec();
    // ESP follows the routing header; the destination options header is encrypted.
    assert_eq!(wire[6], 0);
    assert_eq!(wire[40], 43);
    assert_eq!(wire[48], 50);
    assert_eq!(u16::from_be_bytes([wire[4], wire[5]]) as usize, wire.len() - 40);
    let d = inb.decapsulate_packet(NOW, &mut buf, r).unwrap();
    assert_eq!(d.next_header, 60);
    assert_eq!(&buf[d.payload], &pkt[..]);
    // With ESP-only framing the extension headers in front of ESP cannot be kept.
    let head = out.headroom(Framing::Esp);
    let mut buf = vec![0u8; head + pkt.len() + out.tailroom()];
    buf[head..head + pkt.len()].copy_from_slice(&pkt);
    assert_eq!(
        out.encapsulate(NOW, &mut buf, head..head + pkt.len(), Framing::Esp),
        Err(Error::Packet(PacketError::ExtensionHeaders))
    );
}

#[test]
fn transport_mode_refuses_fragments() {
    let mut s = Setup::gcm();
    s.mode = EncapsulationMode::Transport;
    let (mut out, _) = s.pair();
    let mut pkt = ipv4_packet([192, 0, 2, 1], [198, 51, 100, 2], 17, &[0; 16]);
    pkt[6] = 0x20; // more fragments
    let head = out.headroom(Framing::Ip);
    let mut buf = vec![0u8; head + pkt.len() + out.tailroom()];
    buf[head..head + pkt.len()].copy_from_slice(&pkt);
    assert_eq!(
        out.encapsulate(NOW, &mut buf, head..head + pkt.len(), Framing::Ip),
        Err(Error::Packet(PacketError::Fragment))
    );
    assert_eq!(out.stats().encaps_failed, 1);
}

#[test]
fn buffer_contract_is_enforced() {
    let (mut out, _) = Setup::gcm().pair();
    let pkt = inner_packet(false, &[1; 10]);
    let head = out.headroom(Framing::Ip);
    let mut buf = vec![0u8; head - 1 + pkt.len() + out.tailroom()];
    let r = head - 1..head - 1 + pkt.len();
    buf[r.clone()].copy_from_slice(&pkt);
    assert!(matches!(out.encapsulate(NOW, &mut buf, r, Framing::Ip), Err(Error::InsufficientHeadroom { .. })));
    let mut buf = vec![0u8; head + pkt.len() + 1];
    buf[head..head + pkt.len()].copy_from_slice(&pkt);
    assert!(matches!(
        out.encapsulate(NOW, &mut buf, head..head + pkt.len(), Framing::Ip),
        Err(Error::InsufficientTailroom { .. })
    ));
    assert_eq!(out.encapsulate(NOW, &mut buf, 5..1000, Framing::Ip), Err(Error::InvalidRange));
    // Nothing was sent: the sequence number was not used.
    assert_eq!(out.sequence(), 0);
}

#[test]
fn gmac_with_esn_works_without_spare_headroom() {
    // With ESP-only framing and exactly the ESP header in front, the GMAC AAD shuffle cannot
    // borrow 4 bytes of headroom and moves the payload instead, on both sides.
    let mut s = Setup::new(EncryptionAlgorithm::AesGmac(AesKeyLen::Aes128), None);
    s.esn = true;
    s.start = 0x1_0000_0000;
    let (mut out, mut inb) = s.pair();
    let pkt = inner_packet(false, b"gmac esn payload");
    assert_eq!(out.headroom(Framing::Esp), 16 + 4);
    let mut buf = vec![0u8; 16 + pkt.len() + out.tailroom()];
    buf[16..16 + pkt.len()].copy_from_slice(&pkt);
    let r = out.encapsulate(NOW, &mut buf, 16..16 + pkt.len(), Framing::Esp).unwrap();
    assert_eq!(r.start, 0);
    let reference = buf[r.clone()].to_vec();
    // The same packet from a buffer with room gives the same bytes.
    let (mut out2, _) = s.pair();
    let (buf2, r2) = encapsulate(&mut out2, &pkt, Framing::Esp);
    assert_eq!(&buf2[r2], &reference[..]);
    let d = inb.decapsulate(NOW, &mut buf, r).unwrap();
    assert_eq!(&buf[d.payload], &pkt[..]);
    assert_eq!(d.sequence, 0x1_0000_0001);
}

#[test]
fn invalid_padding_is_counted_after_a_valid_icv() {
    // Build a NULL + HMAC-SHA1-96 packet by hand with padding 1, 3 instead of 1, 2.
    let integ = IntegrityAlgorithm::HmacSha1_96;
    let s = Setup::new(EncryptionAlgorithm::Null, Some(integ));
    let (_, mut inb) = s.pair();
    let inner = inner_packet(false, &[9; 6]); // 26 bytes: 26 + 2 + 2 = 30... padded to 32
    let mut esp = vec![1, 2, 3, 4, 0, 0, 0, 1];
    esp.extend_from_slice(&inner);
    esp.extend_from_slice(&[1, 3, 4, 4]);
    let mac = CryptoProvider::rustcrypto().mac.new_mac(integ.mac(), key(20, 2).expose()).unwrap();
    let mut icv = [0u8; 12];
    mac.compute(&[&esp], &mut icv).unwrap();
    esp.extend_from_slice(&icv);
    let n = esp.len();
    assert_eq!(inb.decapsulate(NOW, &mut esp.clone(), 0..n), Err(Error::InvalidPadding));
    assert_eq!(inb.stats().invalid_pad, 1);
    assert_eq!(inb.stats().verify, 1);
}

#[test]
fn tunnel_mode_validates_the_inner_packet() {
    let (mut out, mut inb) = Setup::gcm().pair();
    // A transport-mode sender's payload arriving on a tunnel SA: next header 6 is refused.
    let mut s = Setup::gcm();
    s.mode = EncapsulationMode::Transport;
    let (mut tout, _) = s.pair();
    let (a, b) = s.addrs();
    let (mut buf, r) = encapsulate(&mut tout, &packet(a, b, 6, &[0; 20]), Framing::Esp);
    assert_eq!(inb.decapsulate(NOW, &mut buf, r), Err(Error::InvalidInnerPacket));
    assert_eq!(inb.stats().invalid_prot, 1);
    // An inner IPv4 header that claims more bytes than were decrypted (fresh receiver: the
    // transport-mode sender above used the same keys and sequence number).
    let (_, mut inb) = Setup::gcm().pair();
    let mut pkt = inner_packet(false, &[0; 20]);
    pkt[2..4].copy_from_slice(&100u16.to_be_bytes());
    let (mut buf, r) = encapsulate(&mut out, &pkt, Framing::Esp);
    assert_eq!(inb.decapsulate(NOW, &mut buf, r), Err(Error::InvalidInnerPacket));
}

#[test]
fn outer_header_options_and_rfc6040() {
    let mut s = Setup::gcm();
    let (mut out, mut inb) = s.pair();
    // Inner DSCP 10 (AF11), ECT(0), DF set: copied to the outer header.
    let mut pkt = inner_packet(false, &[0; 12]);
    pkt[1] = (10 << 2) | 2;
    let (buf, r) = encapsulate(&mut out, &pkt, Framing::Ip);
    let o = &buf[r.clone()];
    assert_eq!((o[1], o[6] & 0x40, o[8]), ((10 << 2) | 2, 0x40, 64));
    assert_eq!(checksum(&o[..20]), 0);
    // Outer CE on an ECT inner packet marks it CE, with a valid inner checksum.
    let mut wire = o.to_vec();
    wire[1] |= 3;
    let n = wire.len();
    let d = inb.decapsulate_packet(NOW, &mut wire, 0..n).unwrap();
    assert_eq!(wire[d.payload.start + 1] & 3, 3);
    assert_eq!(checksum(&wire[d.payload.start..d.payload.start + 20]), 0);
    // Outer CE on a not-ECT inner packet: dropped (RFC 6040 §4.2).
    pkt[1] = 0;
    let (buf, r) = encapsulate(&mut out, &pkt, Framing::Ip);
    let mut wire = buf[r].to_vec();
    wire[1] |= 3;
    let n = wire.len();
    assert_eq!(inb.decapsulate_packet(NOW, &mut wire, 0..n), Err(Error::EcnDrop));
    // Configured: DSCP 46, DF clear, TTL 9.
    s.ipv6 = false;
    let p = s.params().with_outer(OuterHeader {
        ttl: 9,
        dscp: DscpPolicy::Set(46),
        df: DfPolicy::Clear,
        ..Default::default()
    });
    let mut rng = rand_core::UnwrapErr(ChaChaRng::default_rng());
    let mut out = esp_ah::OutboundSa::new(&p, CryptoProvider::rustcrypto(), &mut rng, NOW).unwrap();
    pkt[1] = 2;
    let (buf, r) = encapsulate(&mut out, &pkt, Framing::Ip);
    let o = &buf[r];
    assert_eq!((o[1], o[6] & 0x40, o[8]), ((46 << 2) | 2, 0, 9));
}

/// A deterministic RNG for the tests that need one inline.
struct ChaChaRng;
impl ChaChaRng {
    fn default_rng() -> ChaCha {
        ChaCha(<chacha20::ChaCha20Rng as rand_core::SeedableRng>::from_seed([3; 32]))
    }
}
struct ChaCha(chacha20::ChaCha20Rng);
impl rand_core::TryRng for ChaCha {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        self.0.try_next_u32()
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        self.0.try_next_u64()
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        self.0.try_fill_bytes(dst)
    }
}
impl rand_core::TryCryptoRng for ChaCha {}

#[test]
fn nat_t_udp_checksums() {
    for ipv6 in [false, true] {
        let mut s = Setup::gcm();
        s.udp = true;
        s.ipv6 = ipv6;
        let (mut out, mut inb) = s.pair();
        let (buf, r) = encapsulate(&mut out, &inner_packet(false, &[3; 33]), Framing::Ip);
        let w = buf[r].to_vec();
        let hl = if ipv6 { 40 } else { 20 };
        assert_eq!(w[if ipv6 { 6 } else { 9 }], 17);
        let udp = &w[hl..];
        assert_eq!(u16::from_be_bytes([udp[0], udp[1]]), 4500);
        assert_eq!(u16::from_be_bytes([udp[2], udp[3]]), 4501);
        assert_eq!(u16::from_be_bytes([udp[4], udp[5]]) as usize, udp.len());
        if ipv6 {
            // Pseudo-header + datagram sums to 0xffff when the checksum is right.
            let mut pseudo = w[8..40].to_vec();
            pseudo.extend_from_slice(&(udp.len() as u32).to_be_bytes());
            pseudo.extend_from_slice(&[0, 0, 0, 17]);
            pseudo.extend_from_slice(udp);
            assert_eq!(checksum(&pseudo), 0);
            assert_ne!(&udp[6..8], &[0, 0]);
        } else {
            assert_eq!(&udp[6..8], &[0, 0]);
        }
        let mut w = w;
        let n = w.len();
        inb.decapsulate_packet(NOW, &mut w, 0..n).unwrap();
    }
}

#[test]
fn lifetimes_fire_events_and_stop_the_sa() {
    let soft = Lifetime { seconds: Some(10), kilobytes: Some(1), packets: None };
    let hard = Lifetime { seconds: Some(20), kilobytes: None, packets: Some(3) };
    let (a, b) = Setup::gcm().addrs();
    let p = Setup::gcm().params().with_lifetime(LifetimeLimits { soft, hard });
    let mut rng = ChaChaRng::default_rng();
    let mut out = esp_ah::OutboundSa::new(&p, CryptoProvider::rustcrypto(), &mut rng, NOW).unwrap();
    let _ = (a, b);
    assert!(!out.carried_traffic());
    assert_eq!(out.next_timeout(), Some(NOW + Duration::from_secs(10)));
    encapsulate(&mut out, &inner_packet(false, &[0; 600]), Framing::Esp);
    assert_eq!(out.poll_event(), None);
    encapsulate(&mut out, &inner_packet(false, &[0; 600]), Framing::Esp);
    assert_eq!(out.poll_event(), Some(SaEvent::SoftExpired(Limit::Bytes)));
    assert!(out.carried_traffic());
    assert_eq!(out.last_used(), Some(NOW));
    // The soft time limit no longer fires (soft already reported); the hard one is next.
    assert_eq!(out.next_timeout(), Some(NOW + Duration::from_secs(20)));
    encapsulate(&mut out, &inner_packet(false, &[0; 10]), Framing::Esp);
    assert_eq!(out.poll_event(), Some(SaEvent::HardExpired(Limit::Packets)));
    assert!(out.is_expired());
    let pkt = inner_packet(false, &[0; 10]);
    let mut buf = vec![0; 300];
    buf[100..100 + pkt.len()].copy_from_slice(&pkt);
    assert_eq!(out.encapsulate(NOW, &mut buf, 100..100 + pkt.len(), Framing::Esp), Err(Error::Expired));

    // Time: an inbound SA with only a time limit.
    let p = Setup::gcm().params().mirrored().with_lifetime(LifetimeLimits {
        soft: Lifetime { seconds: Some(5), ..Lifetime::UNLIMITED },
        hard: Lifetime { seconds: Some(8), ..Lifetime::UNLIMITED },
    });
    let mut inb = InboundSa::new(&p, CryptoProvider::rustcrypto(), NOW).unwrap();
    inb.handle_timeout(NOW + Duration::from_secs(4));
    assert_eq!(inb.poll_event(), None);
    inb.handle_timeout(NOW + Duration::from_secs(5));
    assert_eq!(inb.poll_event(), Some(SaEvent::SoftExpired(Limit::Time)));
    assert_eq!(inb.next_timeout(), Some(NOW + Duration::from_secs(8)));
    // A packet after the hard deadline is refused even without handle_timeout.
    let (mut out, _) = Setup::gcm().pair();
    let (mut buf, r) = encapsulate(&mut out, &inner_packet(false, &[0; 10]), Framing::Esp);
    assert_eq!(inb.decapsulate(NOW + Duration::from_secs(9), &mut buf, r), Err(Error::Expired));
    assert_eq!(inb.poll_event(), Some(SaEvent::HardExpired(Limit::Time)));
    assert_eq!(inb.next_timeout(), None);
}

#[test]
fn manual_sas_never_expire_and_have_no_anti_replay() {
    let s = Setup::new(EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128), Some(IntegrityAlgorithm::HmacSha1_96));
    let (a, b) = s.addrs();
    let mk = |enc: EncryptionAlgorithm, integ: Option<IntegrityAlgorithm>| {
        SaParams::manual(
            Spi(0x1000),
            EncapsulationMode::Tunnel,
            a,
            b,
            enc,
            key(enc.keymat_len(), 1),
            integ.map(|i| (i, key(i.key_len(), 2))),
        )
    };
    let p = mk(s.enc, s.integ);
    let mut rng = ChaChaRng::default_rng();
    let mut out = esp_ah::OutboundSa::new(&p, CryptoProvider::rustcrypto(), &mut rng, NOW).unwrap();
    let mut inb = InboundSa::new(&p.mirrored(), CryptoProvider::rustcrypto(), NOW).unwrap();
    assert!(inb.is_manual() && !inb.replay_window().enabled());
    assert_eq!(inb.next_timeout(), None);
    let (buf, r) = encapsulate(&mut out, &inner_packet(false, b"manual"), Framing::Esp);
    // The same packet twice is accepted: no anti-replay.
    for _ in 0..2 {
        let mut b = buf.clone();
        inb.decapsulate(Instant::from_secs(1 << 30), &mut b, r.clone()).unwrap();
    }
    assert!(inb.display(NOW).to_string().contains("replay detection support: N"));
    // Counter-mode algorithms are refused with static keys; so is a replay window.
    for enc in [
        EncryptionAlgorithm::AesGcm(AesKeyLen::Aes128, GcmIcvLen::Icv16),
        EncryptionAlgorithm::AesGmac(AesKeyLen::Aes128),
        EncryptionAlgorithm::ChaCha20Poly1305,
    ] {
        assert_eq!(mk(enc, None).validate(), Err(ConfigError::CounterModeWithManualKeys));
    }
    assert_eq!(
        mk(EncryptionAlgorithm::AesCtr(AesKeyLen::Aes128), Some(IntegrityAlgorithm::HmacSha1_96)).validate(),
        Err(ConfigError::CounterModeWithManualKeys)
    );
    assert_eq!(mk(s.enc, s.integ).with_replay_window(64).validate(), Err(ConfigError::ManualSaLimits));
}

#[test]
fn configuration_errors_are_typed() {
    let gcm = EncryptionAlgorithm::AesGcm(AesKeyLen::Aes128, GcmIcvLen::Icv16);
    let cbc = EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128);
    let sha = IntegrityAlgorithm::HmacSha1_96;
    let (a, b) = (v4(192, 0, 2, 1), v4(192, 0, 2, 2));
    let mk = |enc: EncryptionAlgorithm, key_len: usize, integ: Option<(IntegrityAlgorithm, usize)>| {
        SaParams::new(
            Spi(0x1000),
            EncapsulationMode::Tunnel,
            a,
            b,
            enc,
            key(key_len, 1),
            integ.map(|(i, l)| (i, key(l, 2))),
        )
    };
    assert_eq!(mk(EncryptionAlgorithm::Null, 0, None).validate(), Err(ConfigError::NullWithoutIntegrity));
    assert_eq!(mk(gcm, 20, Some((sha, 20))).validate(), Err(ConfigError::AeadWithIntegrity));
    assert_eq!(mk(cbc, 16, None).validate(), Err(ConfigError::MissingIntegrity));
    let mut ok = mk(cbc, 16, None);
    ok.allow_confidentiality_only = true;
    assert_eq!(ok.validate(), Ok(()));
    assert_eq!(mk(gcm, 16, None).validate(), Err(ConfigError::EncryptionKeyLength { expected: 20, got: 16 }));
    assert_eq!(mk(cbc, 16, Some((sha, 16))).validate(), Err(ConfigError::IntegrityKeyLength { expected: 20, got: 16 }));
    assert_eq!(mk(gcm, 20, None).with_replay_window(16).validate(), Err(ConfigError::ReplayWindowSize(16)));
    assert_eq!(mk(gcm, 20, None).with_replay_window(4096).validate(), Ok(()));
    assert_eq!(mk(gcm, 20, None).with_replay_window(0).validate(), Ok(()));
    let mut bad = mk(gcm, 20, None);
    bad.remote = v6(1);
    assert_eq!(bad.validate(), Err(ConfigError::AddressFamilyMismatch));
    let mut bad = mk(gcm, 20, None);
    bad.spi = Spi(0);
    assert_eq!(bad.validate(), Err(ConfigError::ReservedSpi));
    assert!(InboundSa::new(&mk(gcm, 16, None), CryptoProvider::rustcrypto(), NOW).is_err());
    let _ = SecretBytes::default();
}

#[test]
fn statistics_print_like_show_crypto_ipsec_sa() {
    let (mut out, mut inb) =
        Setup::new(EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256), Some(IntegrityAlgorithm::HmacSha1_96)).pair();
    let (mut buf, r) = encapsulate(&mut out, &inner_packet(false, &[0; 64]), Framing::Esp);
    inb.decapsulate(NOW, &mut buf.clone(), r.clone()).unwrap();
    assert!(inb.decapsulate(NOW, &mut buf, r).is_err());
    let mut flow = *out.stats();
    flow += *inb.stats();
    let text = flow.to_string();
    assert!(text.contains("#pkts encaps: 1, #pkts encrypt: 1, #pkts digest: 1"), "{text}");
    assert!(text.contains("#pkts decaps: 1, #pkts decrypt: 1, #pkts verify: 1"), "{text}");
    assert!(text.contains("#send errors 0, #recv errors 1"), "{text}");
    assert!(text.contains("#pkts replay failed (rcv): 1"), "{text}");
    let sa = inb.display(NOW).to_string();
    assert!(sa.contains("spi: 0x01020304(16909060)"), "{sa}");
    assert!(sa.contains("transform: esp-aes 256 esp-sha-hmac ,"), "{sa}");
    assert!(sa.contains("in use settings ={Tunnel, }"), "{sa}");
    assert!(sa.contains("IV size: 16 bytes"), "{sa}");
    assert!(sa.contains("replay detection support: Y"), "{sa}");
    assert!(sa.contains("Status: ACTIVE"), "{sa}");
    inb.clear_stats();
    assert_eq!(inb.stats().decaps, 0);
}

#[test]
fn memory_per_sa() {
    let mut s = Setup::gcm();
    s.window = 1024;
    let (out, inb) = s.pair();
    let bytes = size_of::<InboundSa>() + inb.heap_bytes();
    assert_eq!(inb.heap_bytes(), 256);
    assert!(bytes <= 1024, "inbound SA with a 1024-packet window: {bytes} bytes");
    assert!(size_of_val(&out) <= 1024);
}
