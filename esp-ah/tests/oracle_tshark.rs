//! Second opinion from Wireshark: tshark decrypts and authenticates esp-ah's packets (IPv4
//! and IPv6, tunnel and transport, with and without NAT-T) for the transforms tshark 4.0 knows
//! in ESP (no ESN, GMAC or ChaCha20-Poly1305 there, shared/spec/oracles.md). The verdict comes
//! from `esp.icv_good`, the decryption from `esp.pad_len` and `esp.protocol`.
//!
//! Optional: without tshark the test prints why and passes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

mod common;

use std::fmt::Write as _;
use std::process::Command;

use common::*;
use esp_ah::{Framing, OutboundSa, UdpEncap};
use ipsec_core::CryptoProvider;
use ipsec_core::algorithm::{AesKeyLen, EncryptionAlgorithm, GcmIcvLen, IntegrityAlgorithm};
use ipsec_core::types::{EncapsulationMode, Spi};
use rand_core::SeedableRng;

fn tshark_enc(e: EncryptionAlgorithm) -> &'static str {
    match e {
        EncryptionAlgorithm::Null => "NULL",
        EncryptionAlgorithm::TripleDesCbc => "TripleDES-CBC [RFC2451]",
        EncryptionAlgorithm::AesCbc(_) => "AES-CBC [RFC3602]",
        EncryptionAlgorithm::AesCtr(_) => "AES-CTR [RFC3686]",
        EncryptionAlgorithm::AesGcm(_, GcmIcvLen::Icv16) => "AES-GCM with 16 octet ICV [RFC4106]",
        EncryptionAlgorithm::AesGcm(_, GcmIcvLen::Icv12) => "AES-GCM with 12 octet ICV [RFC4106]",
        EncryptionAlgorithm::AesGcm(_, GcmIcvLen::Icv8) => "AES-GCM with 8 octet ICV [RFC4106]",
        other => panic!("{other} not in tshark"),
    }
}

fn tshark_auth(i: Option<IntegrityAlgorithm>) -> &'static str {
    match i {
        None => "NULL",
        Some(IntegrityAlgorithm::HmacSha1_96) => "HMAC-SHA-1-96 [RFC2404]",
        Some(IntegrityAlgorithm::HmacMd5_96) => "HMAC-MD5-96 [RFC2403]",
        Some(IntegrityAlgorithm::HmacSha2_256_128) => "HMAC-SHA-256-128 [RFC4868]",
        Some(IntegrityAlgorithm::HmacSha2_384_192) => "HMAC-SHA-384-192 [RFC4868]",
        Some(IntegrityAlgorithm::HmacSha2_512_256) => "HMAC-SHA-512-256 [RFC4868]",
        Some(other) => panic!("{other} not in tshark"),
    }
}

#[test]
fn tshark_authenticates_and_decrypts_ours() {
    if Command::new("tshark").arg("-v").output().map(|o| !o.status.success()).unwrap_or(true) {
        println!("SKIPPED tshark cross-check: tshark not installed");
        return;
    }
    let transforms = [
        (EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128), Some(IntegrityAlgorithm::HmacSha1_96)),
        (EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256), Some(IntegrityAlgorithm::HmacSha2_256_128)),
        (EncryptionAlgorithm::AesCbc(AesKeyLen::Aes192), Some(IntegrityAlgorithm::HmacSha2_512_256)),
        (EncryptionAlgorithm::TripleDesCbc, Some(IntegrityAlgorithm::HmacMd5_96)),
        (EncryptionAlgorithm::AesCtr(AesKeyLen::Aes128), Some(IntegrityAlgorithm::HmacSha2_384_192)),
        (EncryptionAlgorithm::Null, Some(IntegrityAlgorithm::HmacSha1_96)),
        (EncryptionAlgorithm::AesGcm(AesKeyLen::Aes128, GcmIcvLen::Icv16), None),
        (EncryptionAlgorithm::AesGcm(AesKeyLen::Aes256, GcmIcvLen::Icv16), None),
        (EncryptionAlgorithm::AesGcm(AesKeyLen::Aes128, GcmIcvLen::Icv8), None),
        (EncryptionAlgorithm::AesGcm(AesKeyLen::Aes192, GcmIcvLen::Icv12), None),
    ];
    let mut rng = chacha20::ChaCha20Rng::from_seed([6; 32]);
    let mut frames: Vec<Vec<u8>> = Vec::new();
    let mut expect = Vec::new(); // (label, pad_len, next header)
    let mut uat = String::from("# esp-ah oracle_tshark\n");
    let mut spi = 0x2000u32;
    for (enc, integ) in transforms {
        for mode in [EncapsulationMode::Tunnel, EncapsulationMode::Transport] {
            for (ipv6, udp) in [(false, false), (true, false), (false, true)] {
                spi += 1;
                let mut s = Setup::new(enc, integ);
                (s.mode, s.ipv6, s.udp) = (mode, ipv6, udp);
                let mut p = s.params();
                p.spi = Spi(spi);
                if udp {
                    p = p.with_udp_encap(UdpEncap::default());
                }
                let mut out = OutboundSa::new(&p, CryptoProvider::rustcrypto(), &mut rng, NOW).unwrap();
                let (a, b) = s.addrs();
                let (plain, nh) = match mode {
                    EncapsulationMode::Tunnel => (inner_packet(false, &[0x42; 37]), 4),
                    EncapsulationMode::Transport => (packet(a, b, 17, &[0x42; 37]), 17),
                };
                let (buf, r) = encapsulate(&mut out, &plain, Framing::Ip);
                frames.push(buf[r].to_vec());
                let payload = if mode == EncapsulationMode::Tunnel { plain.len() } else { 37 };
                let align = enc.block_size().max(4);
                let pad = (align - (payload + 2) % align) % align;
                expect.push((format!("{enc}+{:?} {mode:?} v6={ipv6} udp={udp}", integ), pad, nh));
                let _ = writeln!(
                    uat,
                    "\"{}\",\"*\",\"*\",\"0x{spi:08x}\",\"{}\",\"0x{}\",\"{}\",\"0x{}\"",
                    if ipv6 { "IPv6" } else { "IPv4" },
                    tshark_enc(enc),
                    hex(p.encryption_key.expose()),
                    tshark_auth(integ),
                    p.integrity.as_ref().map_or(String::new(), |(_, k)| hex(k.expose())),
                );
            }
        }
    }

    // A pcap of raw IP frames (LINKTYPE_RAW).
    let mut pcap = Vec::new();
    pcap.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
    pcap.extend_from_slice(&[2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    pcap.extend_from_slice(&65_535u32.to_le_bytes());
    pcap.extend_from_slice(&101u32.to_le_bytes());
    for f in &frames {
        pcap.extend_from_slice(&[0; 8]);
        pcap.extend_from_slice(&(f.len() as u32).to_le_bytes());
        pcap.extend_from_slice(&(f.len() as u32).to_le_bytes());
        pcap.extend_from_slice(f);
    }
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("esp-tshark");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("esp_sa"), uat).unwrap();
    std::fs::write(dir.join("esp.pcap"), pcap).unwrap();
    // Leave only the dissectors the check needs, so that no inner dissector throws before the
    // ICV verdict is printed (shared/spec/oracles.md).
    let keep = ["frame", "raw", "ip", "ipv6", "esp", "ah", "udp", "udpencap", "tcp", "icmp", "icmpv6", "data"];
    let protos = Command::new("tshark").args(["-G", "protocols"]).output().unwrap();
    let disabled: String = String::from_utf8_lossy(&protos.stdout)
        .lines()
        .filter_map(|l| l.split('\t').nth(2))
        .filter(|p| !keep.contains(p))
        .map(|p| format!("{p}\n"))
        .collect();
    std::fs::write(dir.join("disabled_protos"), disabled).unwrap();

    let out = Command::new("tshark")
        .env("WIRESHARK_CONFIG_DIR", &dir)
        .args(["-n", "-r"])
        .arg(dir.join("esp.pcap"))
        .args([
            "-o",
            "esp.enable_encryption_decode:TRUE",
            "-o",
            "esp.enable_authentication_check:TRUE",
            "-T",
            "fields",
            "-E",
            "separator=;",
            "-e",
            "esp.icv_good",
            "-e",
            "esp.pad_len",
            "-e",
            "esp.protocol",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), expect.len(), "tshark output:\n{text}\n{}", String::from_utf8_lossy(&out.stderr));
    let mut failures = Vec::new();
    for (line, (label, pad, nh)) in lines.iter().zip(&expect) {
        let f: Vec<&str> = line.split(';').collect();
        let good = matches!(f.first(), Some(&"1" | &"True"));
        if !good || f.get(1) != Some(&pad.to_string().as_str()) || f.get(2) != Some(&format!("0x{nh:02x}").as_str()) {
            failures.push(format!("{label}: tshark says {line:?}, expected icv_good, pad {pad}, next header {nh}"));
        }
    }
    println!("tshark: {} of {} packets authenticated and decrypted", expect.len() - failures.len(), expect.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
