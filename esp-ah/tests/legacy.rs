//! The legacy manual transforms of feature `legacy`: RFC 1829 ESP DES-CBC (4- and 8-byte
//! IVs) and RFC 1828 AH keyed MD5, against expected packets computed independently by
//! `tests/oracle/legacy_vectors.py` (DES from the `cryptography` package as `TripleDES` with
//! K1 = K2 = K3, checked there against the FIPS 81 vector; MD5 from `hashlib`; the packet
//! formats written from the RFC text, not from esp-ah). Keys and SPI are the IOS guide's
//! manual-SA examples (seed 002:392-393). Run `python3 tests/oracle/legacy_vectors.py` to
//! regenerate; with python3 and `cryptography` present, the test also re-runs the script.
#![cfg(feature = "legacy")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

mod common;

use common::*;
use esp_ah::{ConfigError, Error, Framing, InboundSa, OutboundSa, Rfc1829Iv, SaParams};
use ipsec_core::types::{EncapsulationMode, Spi};
use ipsec_core::{CryptoProvider, SecretBytes};
use rand_core::SeedableRng;

const INNER: &str =
    "4502003412344000401114810a0000010a0000025246432031383239206c6567616379204553502074657374207061796c6f6164";
const ESP_IV8: &str = "450200580001400040324e3ac0000201c633640200000100112233445566778803d1727ec331a56dbeb5c0b8e944d93e1a604bb56cd7b11ef2182cbd5b57216b3827b5fdb72af087fd36f6df09cbbff7a9f9e2293a5a1bec";
const ESP_IV4: &str = "450200540001400040324e3ec0000201c633640200000100deadbeef4f85455b67e8024d04c5220962fa1f8f0eca027a729c6a7750efdaa10844933df2518365a1dbb50cee6ec0c77cad00dd11b116c86aadef5a";
const ESP_RANDOM_PADDING: &str = "000001000f1e2d3c4b5a6978b445b762784502b777aa3f2967f6df18b47141ca6212dd6811793ef8c296e81b976ddf53a22cb055066b29a4183d6e63a6c990e4ff04bfe4";
const AH_PLAIN: &str =
    "450200341234400040113c4cc0000201c63364025246432031383238206b65796564204d4435207465737420646174616772616d";
const AH_TRANSPORT: &str = "4502004c1234400040333c12c0000201c633640211040000000001009c512b4f5e943d301094d0917db1dafc5246432031383238206b65796564204d4435207465737420646174616772616d";

const DES_KEY: &str = "0123456789012345";
const MD5_KEY: &str = "98765432109876549876543210987654";

fn esp(iv: Rfc1829Iv, mode: EncapsulationMode) -> SaParams {
    SaParams::esp_rfc1829(
        Spi(256),
        mode,
        v4(192, 0, 2, 1),
        v4(198, 51, 100, 2),
        SecretBytes::from_slice(&unhex(DES_KEY)),
        iv,
    )
}

fn ah(mode: EncapsulationMode) -> SaParams {
    SaParams::ah_rfc1828(
        Spi(256),
        mode,
        v4(192, 0, 2, 1),
        v4(198, 51, 100, 2),
        SecretBytes::from_slice(&unhex(MD5_KEY)),
    )
}

fn pair(p: &SaParams) -> (OutboundSa, InboundSa) {
    let mut rng = chacha20::ChaCha20Rng::from_seed([3; 32]);
    let provider = CryptoProvider::rustcrypto();
    (OutboundSa::new(p, provider, &mut rng, NOW).unwrap(), InboundSa::new(&p.mirrored(), provider, NOW).unwrap())
}

#[test]
fn the_python_vectors_are_current() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oracle/legacy_vectors.py");
    let ok = std::process::Command::new("python3").args(["-c", "import cryptography"]).status();
    if !ok.is_ok_and(|s| s.success()) {
        println!("SKIPPED: python3 with cryptography not available; the constants stand");
        return;
    }
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join("legacy-vectors.txt");
    let text = [
        ("INNER", INNER),
        ("ESP_IV8", ESP_IV8),
        ("ESP_IV4", ESP_IV4),
        ("ESP_RANDOM_PADDING", ESP_RANDOM_PADDING),
        ("AH_PLAIN", AH_PLAIN),
        ("AH_TRANSPORT", AH_TRANSPORT),
    ]
    .map(|(k, v)| format!("{k}={v}\n"))
    .concat();
    std::fs::write(&file, text).unwrap();
    let status = std::process::Command::new("python3").arg(script).arg("--check").arg(&file).status().unwrap();
    assert!(status.success(), "tests/oracle/legacy_vectors.py disagrees with the constants");
}

#[test]
fn rfc1829_esp_matches_the_independent_packets() {
    for (iv, given, expected) in
        [(Rfc1829Iv::Eight, "1122334455667788", ESP_IV8), (Rfc1829Iv::Four, "deadbeef", ESP_IV4)]
    {
        let (mut out, mut inb) = pair(&esp(iv, EncapsulationMode::Tunnel));
        let inner = unhex(INNER);
        let head = out.headroom(Framing::Ip);
        let mut buf = vec![0u8; head + inner.len() + out.tailroom()];
        buf[head..head + inner.len()].copy_from_slice(&inner);
        let r = out.encapsulate_with_iv(NOW, &mut buf, head..head + inner.len(), Framing::Ip, &unhex(given)).unwrap();
        assert_eq!(hex(&buf[r.clone()]), expected, "{iv:?}");
        // Ours and theirs (the same bytes) decapsulate, twice: no anti-replay (DESIGN §3.18).
        for _ in 0..2 {
            let mut wire = unhex(expected);
            let n = wire.len();
            let d = inb.decapsulate_packet(NOW, &mut wire, 0..n).unwrap();
            assert_eq!(hex(&wire[d.payload]), INNER);
            assert_eq!((d.next_header, d.sequence), (4, 0));
        }
        assert_eq!(inb.stats().decaps, 2);
        assert_eq!(inb.stats().verify, 0, "RFC 1829 has no integrity");
        let shown = inb.display(NOW).to_string();
        assert!(shown.contains("transform: esp-rfc1829 ,"), "{shown}");
        assert!(shown.contains(&format!("IV size: {} bytes", iv.bytes())), "{shown}");
        assert!(shown.contains("replay detection support: N"), "{shown}");
    }
}

#[test]
fn rfc1829_padding_content_is_ignored() {
    let (_, mut inb) = pair(&esp(Rfc1829Iv::Eight, EncapsulationMode::Tunnel));
    let mut wire = unhex(ESP_RANDOM_PADDING);
    let n = wire.len();
    let d = inb.decapsulate(NOW, &mut wire, 0..n).unwrap();
    assert_eq!(hex(&wire[d.payload]), INNER);
}

#[test]
fn rfc1829_round_trips_with_fresh_ivs() {
    for iv in [Rfc1829Iv::Four, Rfc1829Iv::Eight] {
        for mode in [EncapsulationMode::Tunnel, EncapsulationMode::Transport] {
            let (mut out, mut inb) = pair(&esp(iv, mode));
            let pkt = match mode {
                EncapsulationMode::Tunnel => inner_packet(false, b"some datagram"),
                EncapsulationMode::Transport => packet(v4(192, 0, 2, 1), v4(198, 51, 100, 2), 17, b"some datagram"),
            };
            let mut ivs = Vec::new();
            for _ in 0..3 {
                let (mut buf, r) = encapsulate(&mut out, &pkt, Framing::Ip);
                ivs.push(buf[r.start + 24..r.start + 24 + iv.bytes()].to_vec());
                let d = inb.decapsulate_packet(NOW, &mut buf, r).unwrap();
                assert_eq!(&buf[d.payload], &pkt[..]);
            }
            ivs.dedup();
            assert_eq!(ivs.len(), 3, "IVs must not repeat: {ivs:?}");
        }
    }
}

#[test]
fn rfc1828_ah_matches_the_independent_packet() {
    let (mut out, mut inb) = pair(&ah(EncapsulationMode::Transport));
    let plain = unhex(AH_PLAIN);
    let (mut buf, r) = encapsulate(&mut out, &plain, Framing::Ip);
    assert_eq!(hex(&buf[r.clone()]), AH_TRANSPORT);
    let d = inb.decapsulate_packet(NOW, &mut buf, r).unwrap();
    assert_eq!(hex(&buf[d.payload]), AH_PLAIN);
    // No sequence number, no anti-replay: the same packet again is accepted.
    let mut again = unhex(AH_TRANSPORT);
    let n = again.len();
    assert!(inb.decapsulate_packet(NOW, &mut again, 0..n).is_ok());
    // TTL is mutable (zeroed for the digest); the payload is not.
    let mut routed = unhex(AH_TRANSPORT);
    routed[8] -= 3;
    assert!(inb.decapsulate_packet(NOW, &mut routed, 0..n).is_ok());
    let mut forged = unhex(AH_TRANSPORT);
    forged[n - 1] ^= 1;
    assert_eq!(inb.decapsulate_packet(NOW, &mut forged, 0..n).unwrap_err(), Error::AuthenticationFailed);
    let shown = inb.display(NOW).to_string();
    assert!(shown.contains("transform: ah-rfc1828 ,"), "{shown}");
}

#[test]
fn rfc1828_tunnel_and_ipv6_round_trip() {
    for ipv6 in [false, true] {
        let (a, b) = if ipv6 { (v6(1), v6(2)) } else { (v4(192, 0, 2, 1), v4(198, 51, 100, 2)) };
        for mode in [EncapsulationMode::Tunnel, EncapsulationMode::Transport] {
            let p = SaParams::ah_rfc1828(Spi(300), mode, a, b, SecretBytes::from_slice(&[7; 20]));
            let (mut out, mut inb) = pair(&p);
            let pkt = match mode {
                EncapsulationMode::Tunnel => inner_packet(true, b"tunnelled"),
                EncapsulationMode::Transport => packet(a, b, 6, b"transported"),
            };
            let (mut buf, r) = encapsulate(&mut out, &pkt, Framing::Ip);
            assert_eq!(r.len(), pkt.len() + out.headroom(Framing::Ip));
            let d = inb.decapsulate_packet(NOW, &mut buf, r).unwrap();
            assert_eq!(&buf[d.payload], &pkt[..]);
        }
    }
}

#[test]
fn legacy_transforms_are_manual_only() {
    let mut p = esp(Rfc1829Iv::Eight, EncapsulationMode::Tunnel);
    assert_eq!(p.validate(), Ok(()));
    p.manual = false;
    assert_eq!(p.validate(), Err(ConfigError::LegacyParameters));
    let p = esp(Rfc1829Iv::Eight, EncapsulationMode::Tunnel).with_esn(true);
    assert_eq!(p.validate(), Err(ConfigError::LegacyParameters));
    let mut p = esp(Rfc1829Iv::Four, EncapsulationMode::Tunnel);
    p.encryption_key = SecretBytes::from_slice(&[1; 7]);
    assert_eq!(p.validate(), Err(ConfigError::EncryptionKeyLength { expected: 8, got: 7 }));
    let p = SaParams::ah_rfc1828(
        Spi(256),
        EncapsulationMode::Tunnel,
        v4(1, 1, 1, 1),
        v4(2, 2, 2, 2),
        SecretBytes::default(),
    );
    assert_eq!(p.validate(), Err(ConfigError::LegacyParameters));
    assert_eq!(ah(EncapsulationMode::Tunnel).with_replay_window(64).validate(), Err(ConfigError::ManualSaLimits));
}
