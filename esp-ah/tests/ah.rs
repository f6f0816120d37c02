//! AH (RFC 4302) properties and behaviour: round trips over every algorithm, mode, family and
//! packet shape; any flipped bit in an immutable part fails while flips in the mutable fields
//! (RFC 4302 §3.3.3.1: TOS/traffic class, flow label, flags, TTL/hop limit, checksum,
//! mutable option data) still verify, which is the point of AH's zeroing; replay and
//! reordering; IPv4 source routes; AH + ESP bundles; the SAD; configuration errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

mod common;

use common::*;
use esp_ah::{
    ConfigError, Error, Framing, InboundBundle, InboundSa, OutboundBundle, OutboundSa, PacketError, SaParams, Sad,
    UdpEncap,
};
use ipsec_core::algorithm::{AesKeyLen, EncryptionAlgorithm, IntegrityAlgorithm};
use ipsec_core::types::{EncapsulationMode, SecurityProtocol, Spi};
use ipsec_core::{CryptoProvider, SecretBytes};
use proptest::prelude::*;
use rand_core::SeedableRng;

/// An AH setup: algorithm, mode, family, packet shape, ESN.
#[derive(Clone, Debug)]
struct AhSetup {
    alg: AhAlg,
    mode: EncapsulationMode,
    ipv6: bool,
    shape: Shape,
    esn: bool,
}

impl AhSetup {
    fn params(&self) -> SaParams {
        ah_params(self.alg, self.mode, self.ipv6, self.esn, 7)
    }

    fn pair(&self) -> (OutboundSa, InboundSa) {
        sa_pair(&self.params())
    }

    /// The packet the sender protects.
    fn packet(&self, data: &[u8]) -> Vec<u8> {
        let p = self.params();
        match self.mode {
            EncapsulationMode::Tunnel => inner_packet(self.ipv6, data),
            EncapsulationMode::Transport => shaped_packet(self.shape, p.local, p.remote, data),
        }
    }

    /// Bit positions (byte, mask) of the wire packet that RFC 4302 treats as mutable, except
    /// the fragment bits (a packet with MF or an offset is a fragment, refused before AH).
    fn mutable_bits(&self) -> Vec<(usize, u8)> {
        let mut v = Vec::new();
        if self.ipv6 {
            v.push((0, 0x0f));
            v.extend([(1, 0xff), (2, 0xff), (3, 0xff), (7, 0xff)]);
        } else {
            v.extend([(1, 0xff), (6, 0xc0), (8, 0xff), (10, 0xff), (11, 0xff)]);
        }
        if self.mode == EncapsulationMode::Transport {
            v.extend(mutable_option_bytes(self.shape).map(|i| (i, 0xff)));
        }
        v
    }
}

fn sa_pair(p: &SaParams) -> (OutboundSa, InboundSa) {
    let mut rng = chacha20::ChaCha20Rng::from_seed([8; 32]);
    let provider = CryptoProvider::rustcrypto();
    (OutboundSa::new(p, provider, &mut rng, NOW).unwrap(), InboundSa::new(&p.mirrored(), provider, NOW).unwrap())
}

fn ah_strategy() -> impl Strategy<Value = AhSetup> {
    let algs = AhAlg::all();
    (0..algs.len(), any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        move |(i, transport, ipv6, shaped, esn)| {
            let mode = if transport { EncapsulationMode::Transport } else { EncapsulationMode::Tunnel };
            let shape = match (shaped, ipv6) {
                (false, _) => Shape::Plain,
                (true, false) => Shape::Ipv4Options,
                (true, true) => Shape::Ipv6Extensions,
            };
            AhSetup { alg: algs[i], mode, ipv6, shape, esn }
        },
    )
}

/// Decapsulates a copy of `wire` with a fresh inbound SA (so that replay does not interfere).
fn verify_copy(s: &AhSetup, wire: &[u8]) -> Result<Vec<u8>, Error> {
    let (_, mut inb) = s.pair();
    let mut buf = wire.to_vec();
    buf.extend_from_slice(&[0; 4]);
    let d = inb.decapsulate_packet(NOW, &mut buf, 0..wire.len())?;
    Ok(buf[d.payload].to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn ah_round_trips(s in ah_strategy(), data in prop::collection::vec(any::<u8>(), 0..1400)) {
        let (mut out, mut inb) = s.pair();
        let pkt = s.packet(&data);
        let (mut buf, r) = encapsulate(&mut out, &pkt, Framing::Ip);
        prop_assert_eq!(r.len(), out.encapsulated_len(Framing::Ip, pkt.len()));
        let proto_at = if s.ipv6 { None } else { Some(9) };
        if let Some(at) = proto_at {
            prop_assert_eq!(buf[r.start + at], 51);
        }
        let d = inb.decapsulate_packet(NOW, &mut buf, r).unwrap();
        prop_assert_eq!(&buf[d.payload.clone()], &pkt[..]);
        prop_assert_eq!(d.sequence, 1);
        prop_assert_eq!((out.stats().encaps, out.stats().digest, out.stats().encrypt), (1, 1, 0));
        prop_assert_eq!((inb.stats().decaps, inb.stats().verify, inb.stats().decrypt), (1, 1, 0));
    }

    #[test]
    fn immutable_flips_fail_and_mutable_flips_do_not(
        s in ah_strategy(),
        data in prop::collection::vec(any::<u8>(), 0..200),
        bit in any::<prop::sample::Index>(),
    ) {
        let (mut out, _) = s.pair();
        let pkt = s.packet(&data);
        let (buf, r) = encapsulate(&mut out, &pkt, Framing::Ip);
        let wire = buf[r].to_vec();
        let mutable = s.mutable_bits();
        // One flip in the mutable set: still verifies.
        let (at, mask) = mutable[bit.index(mutable.len())];
        let one = 1u8 << bit.index(8);
        if mask & one != 0 {
            let mut w = wire.clone();
            w[at] ^= one;
            prop_assert!(verify_copy(&s, &w).is_ok(), "mutable bit {one:#x} of byte {at} refused");
        }
        // Every mutable bit at once: still verifies.
        let mut w = wire.clone();
        for &(at, mask) in &mutable {
            w[at] ^= mask & 0x55;
        }
        prop_assert!(verify_copy(&s, &w).is_ok(), "all mutable fields changed: refused");
        // One flip anywhere else: fails.
        let b = bit.index(wire.len() * 8);
        let (at, one) = (b / 8, 1u8 << (b % 8));
        // (For IPv4 the whole mutable option is zeroed, type and length too, RFC 4302
        // §3.3.3.1.1.2; flipping those changes how the options parse, so they are neither.)
        let unparsed = s.mode == EncapsulationMode::Transport && s.shape == Shape::Ipv4Options && (21..23).contains(&at);
        if !unparsed && !mutable.iter().any(|&(i, m)| i == at && m & one != 0) {
            let mut w = wire.clone();
            w[at] ^= one;
            prop_assert!(verify_copy(&s, &w).is_err(), "immutable bit {one:#x} of byte {at} accepted");
        }
    }

    #[test]
    fn reordering_inside_the_window_is_accepted_and_replays_are_not(
        order in Just((0..64usize).collect::<Vec<_>>()).prop_shuffle(),
        esn in any::<bool>(),
    ) {
        let s = AhSetup {
            alg: AhAlg::Mac(IntegrityAlgorithm::HmacSha1_96),
            mode: EncapsulationMode::Tunnel,
            ipv6: false,
            shape: Shape::Plain,
            esn,
        };
        let (mut out, mut inb) = s.pair();
        let wires: Vec<Vec<u8>> = (0..64u8)
            .map(|i| {
                let (buf, r) = encapsulate(&mut out, &inner_packet(false, &[i; 20]), Framing::Ip);
                buf[r].to_vec()
            })
            .collect();
        for &i in &order {
            let mut w = wires[i].clone();
            let n = w.len();
            prop_assert_eq!(inb.decapsulate_packet(NOW, &mut w, 0..n).unwrap().sequence, i as u64 + 1);
        }
        for &i in &order[..8] {
            let mut w = wires[i].clone();
            let n = w.len();
            prop_assert_eq!(inb.decapsulate_packet(NOW, &mut w, 0..n), Err(Error::Replayed(i as u64 + 1)));
        }
        prop_assert_eq!(inb.stats().replay_failed, 8);
    }
}

#[test]
fn esn_high_bits_are_authenticated_but_not_sent() {
    let s = AhSetup {
        alg: AhAlg::Mac(IntegrityAlgorithm::HmacSha2_256_128),
        mode: EncapsulationMode::Tunnel,
        ipv6: false,
        shape: Shape::Plain,
        esn: true,
    };
    let start = (1u64 << 32) - 2;
    let p = s.params().with_sequence_start(start);
    let (mut out, mut inb) = sa_pair(&p);
    for expected in [start + 1, start + 2, start + 3] {
        let (mut buf, r) = encapsulate(&mut out, &inner_packet(false, b"esn"), Framing::Ip);
        // The AH header carries the low 32 bits only.
        assert_eq!(&buf[r.start + 28..r.start + 32], &(expected as u32).to_be_bytes());
        let d = inb.decapsulate_packet(NOW, &mut buf, r).unwrap();
        assert_eq!(d.sequence, expected);
    }
    // A receiver that infers other high bits computes another ICV.
    let (_, mut wrong) = sa_pair(&p.clone().with_sequence_start(5));
    let (mut buf, r) = encapsulate(&mut out, &inner_packet(false, b"esn"), Framing::Ip);
    assert_eq!(wrong.decapsulate_packet(NOW, &mut buf, r), Err(Error::AuthenticationFailed));
}

#[test]
fn header_lengths_and_padding() {
    // (algorithm, AH length over IPv4, over IPv6): 12 + ICV, padded to 4 / 8 bytes; GMAC adds
    // its 8-byte IV (RFC 4543 §4 with erratum 3643: 4 bytes of padding over IPv6).
    let cases = [
        (AhAlg::Mac(IntegrityAlgorithm::HmacMd5_96), 24, 24),
        (AhAlg::Mac(IntegrityAlgorithm::HmacSha1_96), 24, 24),
        (AhAlg::Mac(IntegrityAlgorithm::AesXcbc96), 24, 24),
        (AhAlg::Mac(IntegrityAlgorithm::HmacSha2_256_128), 28, 32),
        (AhAlg::Mac(IntegrityAlgorithm::HmacSha2_384_192), 36, 40),
        (AhAlg::Mac(IntegrityAlgorithm::HmacSha2_512_256), 44, 48),
        (AhAlg::Gmac(AesKeyLen::Aes128), 36, 40),
    ];
    for (alg, v4len, v6len) in cases {
        for (ipv6, len) in [(false, v4len), (true, v6len)] {
            let s = AhSetup { alg, mode: EncapsulationMode::Transport, ipv6, shape: Shape::Plain, esn: false };
            let (mut out, _) = s.pair();
            assert_eq!(out.headroom(Framing::Ip), len, "{alg:?} v6={ipv6}");
            let pkt = s.packet(b"x");
            let (buf, r) = encapsulate(&mut out, &pkt, Framing::Ip);
            assert_eq!(r.len(), pkt.len() + len);
            let ah = r.start + if ipv6 { 40 } else { 20 };
            assert_eq!(usize::from(buf[ah + 1]), len / 4 - 2, "payload length field");
        }
    }
}

#[test]
fn gmac_with_esn_uses_room_before_or_after_the_packet() {
    let s = AhSetup {
        alg: AhAlg::Gmac(AesKeyLen::Aes256),
        mode: EncapsulationMode::Transport,
        ipv6: true,
        shape: Shape::Ipv6Extensions,
        esn: true,
    };
    let (mut out, mut inb) = s.pair();
    assert_eq!(out.tailroom(), 4);
    let pkt = s.packet(b"gmac esn");
    for room in ["after", "before", "none"] {
        let (buf, r) = encapsulate(&mut out, &pkt, Framing::Ip);
        let wire = buf[r].to_vec();
        let mut b = match room {
            "after" => [wire.clone(), vec![0; 4]].concat(),
            "before" => [vec![0; 4], wire.clone()].concat(),
            _ => wire.clone(),
        };
        let start = if room == "before" { 4 } else { 0 };
        let got = inb.decapsulate_packet(NOW, &mut b, start..start + wire.len());
        match room {
            "none" => assert!(matches!(got, Err(Error::InsufficientTailroom { .. })), "{got:?}"),
            _ => assert_eq!(&b[got.unwrap().payload], &pkt[..], "room {room}"),
        }
    }
}

#[test]
fn ipv4_source_route_uses_the_final_destination() {
    // Transport mode, LSRR through 10.9.9.9 to 198.51.100.2: the sender's header names the
    // first hop; the ICV covers the final destination (RFC 4302 §3.3.3.1.1.1).
    let s = AhSetup {
        alg: AhAlg::Mac(IntegrityAlgorithm::HmacSha1_96),
        mode: EncapsulationMode::Transport,
        ipv6: false,
        shape: Shape::Plain,
        esn: false,
    };
    let (mut out, mut inb) = s.pair();
    let mut pkt = vec![0x47, 0, 0, 0, 0, 1, 0, 0, 64, 17, 0, 0, 192, 0, 2, 1, 10, 9, 9, 9];
    pkt.extend_from_slice(&[131, 7, 4, 198, 51, 100, 2, 0]);
    pkt.extend_from_slice(&udp(10, 1));
    let total = pkt.len() as u16;
    pkt[2..4].copy_from_slice(&total.to_be_bytes());
    let (buf, r) = encapsulate(&mut out, &pkt, Framing::Ip);
    let sent = buf[r].to_vec();
    // As sent (destination = first hop) it does not verify at the final destination...
    let mut w = sent.clone();
    let n = w.len();
    assert_eq!(inb.decapsulate_packet(NOW, &mut w, 0..n), Err(Error::AuthenticationFailed));
    // ... as routed (destination = final, the hop recorded in the option) it does.
    let mut routed = sent;
    routed[16..20].copy_from_slice(&[198, 51, 100, 2]);
    routed[23..27].copy_from_slice(&[10, 9, 9, 9]);
    routed[22] = 8;
    routed[8] = 63;
    let (_, mut inb2) = s.pair();
    assert!(inb2.decapsulate_packet(NOW, &mut routed, 0..n).is_ok());
    let _ = inb;
}

#[test]
fn ah_esp_bundle_round_trips_in_both_modes() {
    // Cisco `ah-sha-hmac esp-3des esp-sha-hmac` (PIX 004:542) and an AES/SHA-256 variant.
    let sets = [
        (EncryptionAlgorithm::TripleDesCbc, IntegrityAlgorithm::HmacSha1_96, IntegrityAlgorithm::HmacSha1_96),
        (
            EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256),
            IntegrityAlgorithm::HmacSha2_256_128,
            IntegrityAlgorithm::HmacSha2_256_128,
        ),
    ];
    for (enc, esp_auth, ah_auth) in sets {
        for mode in [EncapsulationMode::Tunnel, EncapsulationMode::Transport] {
            for ipv6 in [false, true] {
                let mut es = Setup::new(enc, Some(esp_auth));
                (es.mode, es.ipv6) = (mode, ipv6);
                let esp = es.params();
                let ah = ah_params(AhAlg::Mac(ah_auth), mode, ipv6, false, 1);
                let (esp_out, esp_in) = sa_pair(&esp);
                let (ah_out, ah_in) = sa_pair(&ah);
                let mut out = OutboundBundle::new(esp_out, ah_out).unwrap();
                let mut inb = InboundBundle::new(esp_in, ah_in).unwrap();
                let (a, b) = es.addrs();
                let pkt = match mode {
                    EncapsulationMode::Tunnel => inner_packet(!ipv6, b"bundled"),
                    EncapsulationMode::Transport => packet(a, b, 6, b"bundled"),
                };
                let head = out.headroom();
                let mut buf = vec![0u8; head + pkt.len() + out.tailroom()];
                buf[head..head + pkt.len()].copy_from_slice(&pkt);
                let r = out.encapsulate(NOW, &mut buf, head..head + pkt.len()).unwrap();
                // Outer header, then AH, whose next header is ESP.
                let hl = if ipv6 { 40 } else { 20 };
                let proto = if ipv6 { buf[r.start + 6] } else { buf[r.start + 9] };
                assert_eq!((proto, buf[r.start + hl]), (51, 50), "{mode:?} v6={ipv6}");
                let wire = buf[r.clone()].to_vec();
                // A flipped bit in the outer header's source address: AH refuses it (and the
                // window does not move).
                let mut bad = wire.clone();
                bad[if ipv6 { 8 } else { 12 }] ^= 1;
                let n = bad.len();
                assert_eq!(inb.decapsulate_packet(NOW, &mut bad, 0..n), Err(Error::AuthenticationFailed));
                let d = inb.decapsulate_packet(NOW, &mut buf, r).unwrap();
                assert_eq!(&buf[d.payload], &pkt[..]);
                assert_eq!(inb.ah().stats().verify_failed, 1);
                assert_eq!((inb.esp().stats().decaps, inb.ah().stats().decaps), (1, 1));
                assert_eq!((out.esp().stats().encaps, out.ah().stats().encaps), (1, 1));
            }
        }
    }
    // The SAs must fit together.
    let (e, _) = Setup::gcm().pair();
    let (e2, _) = Setup::gcm().pair();
    assert_eq!(OutboundBundle::new(e, e2).unwrap_err(), ConfigError::BundleMismatch);
}

#[test]
fn sad_finds_ah_sas_and_nested_bundles_decapsulate_in_two_steps() {
    let esp = Setup::new(EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128), Some(IntegrityAlgorithm::HmacSha1_96));
    let ah = ah_params(AhAlg::Mac(IntegrityAlgorithm::HmacSha1_96), EncapsulationMode::Tunnel, false, false, 2);
    let (esp_out, esp_in) = esp.pair();
    let (ah_out, ah_in) = sa_pair(&ah);
    let mut sad = Sad::new();
    let (ah_key, _) = sad.insert(ah_in);
    let (esp_key, _) = sad.insert(esp_in);
    assert_eq!(ah_key.protocol, SecurityProtocol::Ah);
    assert_eq!(esp_key.protocol, SecurityProtocol::Esp);
    let mut out = OutboundBundle::new(esp_out, ah_out).unwrap();
    let pkt = inner_packet(false, b"through the SAD");
    let head = out.headroom();
    let mut buf = vec![0u8; head + pkt.len() + out.tailroom()];
    buf[head..head + pkt.len()].copy_from_slice(&pkt);
    let r = out.encapsulate(NOW, &mut buf, head..head + pkt.len()).unwrap();
    // Step 1: AH (its next header is ESP, so the outer header stays: transport adjacency).
    let (k1, d1) = sad.decapsulate_packet(NOW, &mut buf, r).unwrap();
    assert_eq!((k1, d1.next_header), (ah_key, 50));
    // Step 2: ESP.
    let (k2, d2) = sad.decapsulate_packet(NOW, &mut buf, d1.payload).unwrap();
    assert_eq!((k2, d2.next_header), (esp_key, 4));
    assert_eq!(&buf[d2.payload], &pkt[..]);
}

#[test]
fn ah_refuses_what_it_cannot_do() {
    let s = AhSetup {
        alg: AhAlg::Mac(IntegrityAlgorithm::HmacSha1_96),
        mode: EncapsulationMode::Tunnel,
        ipv6: false,
        shape: Shape::Plain,
        esn: false,
    };
    let (mut out, mut inb) = s.pair();
    let pkt = inner_packet(false, b"x");
    let mut buf = vec![0u8; 200];
    buf[100..100 + pkt.len()].copy_from_slice(&pkt);
    assert_eq!(out.encapsulate(NOW, &mut buf, 100..100 + pkt.len(), Framing::Esp), Err(Error::Unsupported));
    assert_eq!(out.encapsulate_dummy(NOW, &mut buf, 100..110, Framing::Ip), Err(Error::Unsupported));
    assert_eq!(inb.decapsulate(NOW, &mut buf, 100..150), Err(Error::Unsupported));
    buf[10..10 + pkt.len()].copy_from_slice(&pkt);
    assert_eq!(
        out.encapsulate(NOW, &mut buf, 10..10 + pkt.len(), Framing::Ip).unwrap_err(),
        Error::InsufficientHeadroom { needed: 44, available: 10 }
    );
    // An ESP packet given to an AH SA.
    let (mut esp_out, _) = Setup::gcm().pair();
    let (mut b, r) = encapsulate(&mut esp_out, &pkt, Framing::Ip);
    assert_eq!(inb.decapsulate_packet(NOW, &mut b, r), Err(Error::Packet(PacketError::NotAh)));
    // A truncated AH header.
    let (b, r) = encapsulate(&mut out, &pkt, Framing::Ip);
    let mut short = b[r.start..r.start + 30].to_vec();
    short[2..4].copy_from_slice(&30u16.to_be_bytes());
    assert_eq!(inb.decapsulate_packet(NOW, &mut short, 0..30), Err(Error::InvalidLength));
    assert_eq!(inb.stats().invalid_len, 1);
    let shown = inb.display(NOW).to_string();
    assert!(shown.contains("transform: ah-sha-hmac ,"), "{shown}");
    assert!(shown.contains("IV size: 0 bytes"), "{shown}");
}

#[test]
fn ah_configuration_errors() {
    let (a, b) = (v4(192, 0, 2, 1), v4(192, 0, 2, 2));
    let sha = IntegrityAlgorithm::HmacSha1_96;
    let ok = SaParams::ah(Spi(0x100), EncapsulationMode::Tunnel, a, b, sha, key(20, 1));
    assert_eq!(ok.validate(), Ok(()));
    assert_eq!(ok.clone().with_udp_encap(UdpEncap::default()).validate(), Err(ConfigError::AhWithUdpEncap));
    let mut enc = ok.clone();
    enc.encryption = EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128);
    enc.encryption_key = key(16, 1);
    assert_eq!(enc.validate(), Err(ConfigError::AhAlgorithm));
    let mut none = ok.clone();
    none.integrity = None;
    assert_eq!(none.validate(), Err(ConfigError::AhAlgorithm));
    let short = SaParams::ah(Spi(0x100), EncapsulationMode::Tunnel, a, b, sha, key(16, 1));
    assert_eq!(short.validate(), Err(ConfigError::IntegrityKeyLength { expected: 20, got: 16 }));
    let gmac = SaParams::ah_gmac(Spi(0x100), EncapsulationMode::Tunnel, a, b, AesKeyLen::Aes128, key(20, 1));
    assert_eq!(gmac.validate(), Ok(()));
    let mut manual_gmac = gmac.clone().with_replay_window(0);
    manual_gmac.manual = true;
    assert_eq!(manual_gmac.validate(), Err(ConfigError::CounterModeWithManualKeys));
    let mut manual = ok.with_replay_window(0);
    manual.manual = true;
    assert_eq!(manual.validate(), Ok(()));
    let _ = SecretBytes::default();
}
