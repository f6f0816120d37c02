//! The AH packet path allocates nothing either: encapsulation and decapsulation with
//! HMAC-SHA1-96, HMAC-SHA2-256-128 and AES-GMAC (with ESN), both modes, both families, IPv4
//! options and IPv6 extension headers, AH + ESP bundles, and the error paths (replay, a
//! flipped bit), counted by a global allocator (`allocation-counter`). One test per file: the
//! allocator is process-wide.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

mod common;

use common::*;
use esp_ah::{Framing, InboundBundle, OutboundBundle};
use ipsec_core::algorithm::{AesKeyLen, EncryptionAlgorithm, IntegrityAlgorithm};
use ipsec_core::types::EncapsulationMode;
use ipsec_core::{CryptoProvider, Instant};
use rand_core::SeedableRng;

#[test]
fn ah_encapsulate_and_decapsulate_do_not_allocate() {
    let provider = CryptoProvider::rustcrypto();
    let mut rng = chacha20::ChaCha20Rng::from_seed([2; 32]);
    let algs = [
        AhAlg::Mac(IntegrityAlgorithm::HmacSha1_96),
        AhAlg::Mac(IntegrityAlgorithm::HmacSha2_256_128),
        AhAlg::Gmac(AesKeyLen::Aes128),
    ];
    let mut runs = 0;
    for alg in algs {
        for mode in [EncapsulationMode::Tunnel, EncapsulationMode::Transport] {
            for (ipv6, esn, shape) in [
                (false, false, Shape::Plain),
                (false, true, Shape::Ipv4Options),
                (true, true, Shape::Ipv6Extensions),
                (true, false, Shape::Plain),
            ] {
                let p = ah_params(alg, mode, ipv6, esn, 1);
                let mut out = esp_ah::OutboundSa::new(&p, provider, &mut rng, NOW).unwrap();
                let mut inb = esp_ah::InboundSa::new(&p.mirrored(), provider, NOW).unwrap();
                let pkt = match mode {
                    EncapsulationMode::Tunnel => inner_packet(ipv6, &[0x5a; 1400]),
                    EncapsulationMode::Transport => shaped_packet(shape, p.local, p.remote, &[0x5a; 1400]),
                };
                let head = out.headroom(Framing::Ip);
                let mut buf = vec![0u8; head + pkt.len() + out.tailroom()];
                let mut copy = buf.clone();
                let mut copy2 = buf.clone();
                for _ in 0..4 {
                    buf[head..head + pkt.len()].copy_from_slice(&pkt);
                    let info = allocation_counter::measure(|| {
                        let r = out.encapsulate(NOW, &mut buf, head..head + pkt.len(), Framing::Ip).unwrap();
                        copy[r.clone()].copy_from_slice(&buf[r.clone()]);
                        copy2[r.clone()].copy_from_slice(&buf[r.clone()]);
                        let d = inb.decapsulate_packet(NOW, &mut buf, r.clone()).unwrap();
                        assert_eq!(d.payload.len(), pkt.len());
                        // The same packet again is a replay; a flipped bit fails its ICV.
                        assert!(inb.decapsulate_packet(NOW, &mut copy2, r.clone()).is_err());
                        copy[r.end - 1] ^= 1;
                        assert!(inb.decapsulate_packet(NOW, &mut copy, r.clone()).is_err());
                    });
                    assert_eq!(info.count_total, 0, "{alg:?} {mode:?} v6={ipv6} esn={esn} {shape:?}");
                    runs += 1;
                }
            }
        }
    }
    assert_eq!(runs, 3 * 2 * 4 * 4);

    // A bundle: ESP (AES-CBC + HMAC-SHA1-96) then AH (HMAC-SHA1-96), tunnel mode.
    let esp = Setup::new(EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128), Some(IntegrityAlgorithm::HmacSha1_96));
    let ah = ah_params(AhAlg::Mac(IntegrityAlgorithm::HmacSha1_96), EncapsulationMode::Tunnel, false, false, 2);
    let (eo, ei) = esp.pair();
    let mut out = OutboundBundle::new(eo, esp_ah::OutboundSa::new(&ah, provider, &mut rng, NOW).unwrap()).unwrap();
    let mut inb =
        InboundBundle::new(ei, esp_ah::InboundSa::new(&ah.mirrored(), provider, Instant::ZERO).unwrap()).unwrap();
    let pkt = inner_packet(false, &[7; 1000]);
    let head = out.headroom();
    let mut buf = vec![0u8; head + pkt.len() + out.tailroom()];
    for _ in 0..4 {
        buf[head..head + pkt.len()].copy_from_slice(&pkt);
        let info = allocation_counter::measure(|| {
            let r = out.encapsulate(NOW, &mut buf, head..head + pkt.len()).unwrap();
            let d = inb.decapsulate_packet(NOW, &mut buf, r).unwrap();
            assert_eq!(d.payload.len(), pkt.len());
        });
        assert_eq!(info.count_total, 0, "bundle");
    }
}
