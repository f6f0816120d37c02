//! The packet path allocates nothing: encapsulation and decapsulation (ESP-only and full
//! packets, tunnel and transport, with and without ESN and NAT-T) for AES-GCM,
//! AES-CBC + HMAC-SHA1-96 and ChaCha20-Poly1305, counted by a global allocator
//! (`allocation-counter`, which counts per thread). One test per file: the allocator is
//! process-wide.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

mod common;

use common::*;
use esp_ah::Framing;
use ipsec_core::algorithm::{AesKeyLen, EncryptionAlgorithm, GcmIcvLen, IntegrityAlgorithm};
use ipsec_core::types::EncapsulationMode;

#[test]
fn encapsulate_and_decapsulate_do_not_allocate() {
    let transforms = [
        (EncryptionAlgorithm::AesGcm(AesKeyLen::Aes128, GcmIcvLen::Icv16), None),
        (EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128), Some(IntegrityAlgorithm::HmacSha1_96)),
        (EncryptionAlgorithm::ChaCha20Poly1305, None),
    ];
    let mut runs = 0;
    for (enc, integ) in transforms {
        for mode in [EncapsulationMode::Tunnel, EncapsulationMode::Transport] {
            for (esn, udp, ipv6) in
                [(false, false, false), (true, true, false), (true, false, true), (false, true, true)]
            {
                let mut s = Setup::new(enc, integ);
                (s.mode, s.esn, s.udp, s.ipv6) = (mode, esn, udp, ipv6);
                let (mut out, mut inb) = s.pair();
                let (a, b) = s.addrs();
                let pkt = match mode {
                    EncapsulationMode::Tunnel => inner_packet(!ipv6, &[0x5a; 1400]),
                    EncapsulationMode::Transport => packet(a, b, 17, &[0x5a; 1400]),
                };
                for framing in [Framing::Ip, Framing::Esp] {
                    let head = out.headroom(framing);
                    let mut buf = vec![0u8; head + pkt.len() + out.tailroom()];
                    let mut copy = buf.clone();
                    for _ in 0..4 {
                        buf[head..head + pkt.len()].copy_from_slice(&pkt);
                        let info = allocation_counter::measure(|| {
                            let r = out.encapsulate(NOW, &mut buf, head..head + pkt.len(), framing).unwrap();
                            copy[r.clone()].copy_from_slice(&buf[r.clone()]);
                            let d = match framing {
                                Framing::Ip => inb.decapsulate_packet(NOW, &mut buf, r.clone()).unwrap(),
                                Framing::Esp => inb.decapsulate(NOW, &mut buf, r.clone()).unwrap(),
                            };
                            assert!(!d.payload.is_empty());
                            // Error paths too: the same packet again is a replay...
                            assert!(inb.decapsulate_packet(NOW, &mut copy, r.clone()).is_err());
                            // ... a TFC dummy with a flipped bit fails its ICV ...
                            let r = out.encapsulate_dummy(NOW, &mut buf, head..head + 10, framing).unwrap();
                            buf[r.end - 1] ^= 1;
                            assert!(inb.decapsulate_packet(NOW, &mut buf, r).is_err());
                            // ... and a packet without headroom is refused.
                            assert!(out.encapsulate(NOW, &mut buf, 0..pkt.len(), framing).is_err());
                        });
                        assert_eq!(
                            info.count_total, 0,
                            "{enc} {integ:?} {mode:?} esn={esn} udp={udp} v6={ipv6} {framing:?}"
                        );
                        runs += 1;
                    }
                }
            }
        }
    }
    assert_eq!(runs, 3 * 2 * 4 * 2 * 4);
    // The counter does count: creating an SA allocates.
    let info = allocation_counter::measure(|| {
        let _ = Setup::gcm().pair();
    });
    assert!(info.count_total > 0);
}
