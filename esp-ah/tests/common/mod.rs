//! Helpers shared by the integration tests: SA pairs, packets and buffers.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    unreachable_pub
)]

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use core::ops::Range;

use esp_ah::{Framing, InboundSa, OutboundSa, SaParams, UdpEncap};
use ipsec_core::algorithm::{AesKeyLen, EncryptionAlgorithm, GcmIcvLen, IntegrityAlgorithm};
use ipsec_core::types::{EncapsulationMode, Spi};
use ipsec_core::{CryptoProvider, Instant, SecretBytes};
use rand_core::SeedableRng;

pub const NOW: Instant = Instant::from_nanos(1_000_000_000);

/// Every ESP transform of the catalogue: each combined-mode algorithm alone, each other
/// algorithm with each integrity algorithm.
pub fn catalogue() -> Vec<(EncryptionAlgorithm, Option<IntegrityAlgorithm>)> {
    let mut v = Vec::new();
    for &e in EncryptionAlgorithm::ALL {
        if e.is_aead() {
            v.push((e, None));
        } else {
            for &i in IntegrityAlgorithm::ALL {
                v.push((e, Some(i)));
            }
        }
    }
    v
}

pub fn v4(a: u8, b: u8, c: u8, d: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(a, b, c, d))
}

pub fn v6(last: u16) -> IpAddr {
    IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, last))
}

/// Deterministic key bytes.
pub fn key(len: usize, seed: u8) -> SecretBytes {
    SecretBytes::from_slice(&(0..len).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)).collect::<Vec<_>>())
}

#[derive(Clone, Debug)]
pub struct Setup {
    pub enc: EncryptionAlgorithm,
    pub integ: Option<IntegrityAlgorithm>,
    pub mode: EncapsulationMode,
    pub ipv6: bool,
    pub udp: bool,
    pub esn: bool,
    pub window: u32,
    pub start: u64,
}

impl Setup {
    pub fn new(enc: EncryptionAlgorithm, integ: Option<IntegrityAlgorithm>) -> Self {
        Self { enc, integ, mode: EncapsulationMode::Tunnel, ipv6: false, udp: false, esn: false, window: 64, start: 0 }
    }

    pub fn gcm() -> Self {
        Self::new(EncryptionAlgorithm::AesGcm(AesKeyLen::Aes128, GcmIcvLen::Icv16), None)
    }

    pub fn addrs(&self) -> (IpAddr, IpAddr) {
        if self.ipv6 { (v6(1), v6(2)) } else { (v4(192, 0, 2, 1), v4(198, 51, 100, 2)) }
    }

    /// Parameters of the sender's outbound SA (local = first address).
    pub fn params(&self) -> SaParams {
        let (a, b) = self.addrs();
        let mut p = SaParams::new(
            Spi(0x0102_0304),
            self.mode,
            a,
            b,
            self.enc,
            key(self.enc.keymat_len(), 1),
            self.integ.map(|i| (i, key(i.key_len(), 2))),
        )
        .with_esn(self.esn)
        .with_replay_window(self.window)
        .with_sequence_start(self.start);
        if self.udp {
            p = p.with_udp_encap(UdpEncap { local_port: 4500, remote_port: 4501 });
        }
        p
    }

    pub fn pair(&self) -> (OutboundSa, InboundSa) {
        let p = self.params();
        let mut rng = chacha20::ChaCha20Rng::from_seed([9; 32]);
        let out = OutboundSa::new(&p, CryptoProvider::rustcrypto(), &mut rng, NOW).unwrap();
        let inb = InboundSa::new(&p.mirrored(), CryptoProvider::rustcrypto(), NOW).unwrap();
        (out, inb)
    }
}

/// An IPv4 packet.
pub fn ipv4_packet(src: [u8; 4], dst: [u8; 4], protocol: u8, payload: &[u8]) -> Vec<u8> {
    let total = (20 + payload.len()) as u16;
    let mut p = vec![0x45, 0x02, 0, 0, 0x12, 0x34, 0x40, 0, 64, protocol, 0, 0];
    p[2..4].copy_from_slice(&total.to_be_bytes());
    p.extend_from_slice(&src);
    p.extend_from_slice(&dst);
    let sum = checksum(&p);
    p[10..12].copy_from_slice(&sum.to_be_bytes());
    p.extend_from_slice(payload);
    p
}

/// An IPv6 packet.
pub fn ipv6_packet(src: [u8; 16], dst: [u8; 16], next_header: u8, payload: &[u8]) -> Vec<u8> {
    let mut p = vec![0x60, 0x00, 0, 0];
    p.extend_from_slice(&(payload.len() as u16).to_be_bytes());
    p.extend_from_slice(&[next_header, 64]);
    p.extend_from_slice(&src);
    p.extend_from_slice(&dst);
    p.extend_from_slice(payload);
    p
}

/// A packet from `src` to `dst` carrying `payload` as protocol `protocol`.
pub fn packet(src: IpAddr, dst: IpAddr, protocol: u8, payload: &[u8]) -> Vec<u8> {
    match (src, dst) {
        (IpAddr::V4(s), IpAddr::V4(d)) => ipv4_packet(s.octets(), d.octets(), protocol, payload),
        (IpAddr::V6(s), IpAddr::V6(d)) => ipv6_packet(s.octets(), d.octets(), protocol, payload),
        _ => panic!("mixed families"),
    }
}

pub fn checksum(b: &[u8]) -> u16 {
    let mut acc: u32 = 0;
    for c in b.chunks(2) {
        acc += u32::from(u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]));
    }
    while acc > 0xffff {
        acc = (acc & 0xffff) + (acc >> 16);
    }
    !(acc as u16)
}

/// Places `packet` in a fresh buffer with the SA's headroom and tailroom, encapsulates it.
pub fn encapsulate(sa: &mut OutboundSa, packet: &[u8], framing: Framing) -> (Vec<u8>, Range<usize>) {
    let head = sa.headroom(framing);
    let mut buf = vec![0xa5u8; head + packet.len() + sa.tailroom()];
    buf[head..head + packet.len()].copy_from_slice(packet);
    let r = sa.encapsulate(NOW, &mut buf, head..head + packet.len(), framing).unwrap();
    (buf, r)
}

/// The inner packet that a sender in tunnel mode protects: the first byte picks IPv4 or IPv6.
pub fn inner_packet(v6: bool, payload: &[u8]) -> Vec<u8> {
    if v6 {
        ipv6_packet([0xfd; 16], [0xfe; 16], 17, payload)
    } else {
        ipv4_packet([10, 0, 0, 1], [10, 0, 0, 2], 17, payload)
    }
}

/// Lower-case hex.
pub fn hex(b: &[u8]) -> String {
    use std::fmt::Write as _;
    b.iter().fold(String::with_capacity(b.len() * 2), |mut s, x| {
        let _ = write!(s, "{x:02x}");
        s
    })
}

/// Bytes of lower- or upper-case hex.
pub fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

/// True when python3 with scapy 2.x and `cryptography` can run the oracle scripts. Without
/// them, prints why and returns false, unless `ESP_ORACLE_REQUIRED=1`, which turns a missing
/// oracle into a failure (CI sets it after installing scapy).
pub fn scapy_oracle_available() -> bool {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import scapy, cryptography; from scapy.layers.ipsec import SecurityAssociation; print(scapy.__version__)",
        ])
        .output();
    let why = match out {
        Ok(o) if o.status.success() => return true,
        Ok(o) => format!("scapy/cryptography not importable: {}", String::from_utf8_lossy(&o.stderr).trim()),
        Err(e) => format!("python3 not runnable: {e}"),
    };
    if std::env::var("ESP_ORACLE_REQUIRED").is_ok_and(|v| v == "1") {
        panic!("ESP_ORACLE_REQUIRED=1 but the oracle is missing: {why}");
    }
    println!("SKIPPED scapy oracle: {why} (pip install scapy cryptography; set ESP_ORACLE_REQUIRED=1 to require)");
    false
}

/// Runs `script cases results` on `input` in a scratch directory named `name` and returns the
/// results file.
pub fn run_oracle_script(script: &str, name: &str, input: &str) -> String {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let (cases_path, results_path) = (dir.join("cases.txt"), dir.join("results.txt"));
    std::fs::write(&cases_path, input).unwrap();
    let status =
        std::process::Command::new("python3").arg(script).arg(&cases_path).arg(&results_path).status().unwrap();
    assert!(status.success(), "oracle script {script} failed");
    std::fs::read_to_string(&results_path).unwrap()
}

/// An AH algorithm: an integrity transform, or AES-GMAC (RFC 4543 §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AhAlg {
    Mac(IntegrityAlgorithm),
    Gmac(AesKeyLen),
}

impl AhAlg {
    /// Every AH algorithm of the catalogue.
    pub fn all() -> Vec<AhAlg> {
        let mut v: Vec<AhAlg> = IntegrityAlgorithm::ALL.iter().map(|&i| AhAlg::Mac(i)).collect();
        v.extend([AhAlg::Gmac(AesKeyLen::Aes128), AhAlg::Gmac(AesKeyLen::Aes192), AhAlg::Gmac(AesKeyLen::Aes256)]);
        v
    }

    /// scapy's name, `GMAC` for the script's own AES-GMAC, `None` where the oracle has none.
    pub fn scapy(self) -> Option<&'static str> {
        Some(match self {
            AhAlg::Mac(IntegrityAlgorithm::HmacMd5_96) => "HMAC-MD5-96",
            AhAlg::Mac(IntegrityAlgorithm::HmacSha1_96) => "HMAC-SHA1-96",
            AhAlg::Mac(IntegrityAlgorithm::HmacSha2_256_128) => "SHA2-256-128",
            AhAlg::Mac(IntegrityAlgorithm::HmacSha2_384_192) => "SHA2-384-192",
            AhAlg::Mac(IntegrityAlgorithm::HmacSha2_512_256) => "SHA2-512-256",
            AhAlg::Mac(_) => return None,
            AhAlg::Gmac(_) => "GMAC",
        })
    }
}

/// Parameters of an AH SA (SPI `0x3000 + id`, keys derived from `id`).
pub fn ah_params(alg: AhAlg, mode: EncapsulationMode, ipv6: bool, esn: bool, id: usize) -> SaParams {
    let (a, b) = if ipv6 { (v6(1), v6(2)) } else { (v4(192, 0, 2, 1), v4(198, 51, 100, 2)) };
    let spi = Spi(0x3000 + id as u32);
    let p = match alg {
        AhAlg::Mac(i) => SaParams::ah(spi, mode, a, b, i, key(i.key_len(), id as u8)),
        AhAlg::Gmac(k) => SaParams::ah_gmac(spi, mode, a, b, k, key(k.bytes() + 4, id as u8)),
    };
    p.with_esn(esn)
}

/// Which packet an AH test protects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A bare IPv4/IPv6 header.
    Plain,
    /// IPv4 with options ([`ipv4_with_options`]).
    Ipv4Options,
    /// IPv6 with extension headers ([`ipv6_with_extensions`]).
    Ipv6Extensions,
}

/// Byte offsets of the option data that RFC 4302 treats as mutable in the packets of
/// [`ipv4_with_options`] (Record Route's pointer and slots) and [`ipv6_with_extensions`]
/// (the data of hop-by-hop option 0x3e).
pub fn mutable_option_bytes(shape: Shape) -> std::ops::Range<usize> {
    match shape {
        Shape::Plain => 0..0,
        Shape::Ipv4Options => 23..32,
        Shape::Ipv6Extensions => 44..48,
    }
}

/// The transport-mode packet of `shape` from `a` to `b` carrying `data` as UDP.
pub fn shaped_packet(shape: Shape, a: IpAddr, b: IpAddr, data: &[u8]) -> Vec<u8> {
    match (shape, a, b) {
        (Shape::Ipv4Options, IpAddr::V4(a), IpAddr::V4(b)) => ipv4_with_options(a.octets(), b.octets(), data),
        (Shape::Ipv6Extensions, IpAddr::V6(a), IpAddr::V6(b)) => ipv6_with_extensions(a.octets(), b.octets(), data),
        _ => packet(a, b, 17, data),
    }
}

/// An IPv4 packet with options: NOP, Record Route (7, two slots, one filled), Router Alert
/// (148), End of Option List and padding.
pub fn ipv4_with_options(src: [u8; 4], dst: [u8; 4], payload: &[u8]) -> Vec<u8> {
    let options = [1, 7, 11, 8, 10, 9, 9, 9, 0, 0, 0, 0, 148, 4, 0, 0, 0, 0, 0, 0];
    let mut p = vec![0x45 + 5, 0x28, 0, 0, 0x43, 0x21, 0x40, 0, 17, 17, 0, 0];
    let total = (40 + payload.len()) as u16;
    p[2..4].copy_from_slice(&total.to_be_bytes());
    p.extend_from_slice(&src);
    p.extend_from_slice(&dst);
    p.extend_from_slice(&options);
    let sum = checksum(&p);
    p[10..12].copy_from_slice(&sum.to_be_bytes());
    p.extend_from_slice(payload);
    p
}

/// An IPv6 packet with hop-by-hop options (a mutable option 0x3e, an immutable 0x1e, `PadN`),
/// destination options and a type 0 routing header with two addresses and two segments left
/// (the destination is the first hop, `final_dst` the last address).
pub fn ipv6_with_extensions(src: [u8; 16], final_dst: [u8; 16], payload: &[u8]) -> Vec<u8> {
    let mut ext = vec![60, 1, 0x3e, 4, 0xa1, 0xa2, 0xa3, 0xa4, 0x1e, 2, 0xb1, 0xb2, 1, 2, 0, 0];
    ext.extend_from_slice(&[43, 0, 1, 4, 0, 0, 0, 0]);
    ext.extend_from_slice(&[17, 4, 0, 2, 0, 0, 0, 0]);
    let hop: [u8; 16] = [0x20, 0x01, 0x0d, 0xb8, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x99];
    ext.extend_from_slice(&hop);
    ext.extend_from_slice(&final_dst);
    let mut p = vec![0x62, 0x34, 0x56, 0x78];
    p.extend_from_slice(&((ext.len() + payload.len()) as u16).to_be_bytes());
    p.extend_from_slice(&[0, 33]);
    p.extend_from_slice(&src);
    p.extend_from_slice(&[0x20, 0x01, 0x0d, 0xb8, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x88]);
    p.extend_from_slice(&ext);
    p.extend_from_slice(payload);
    p
}

/// A UDP datagram of `n` bytes after the header (checksum 0).
pub fn udp(n: usize, fill: u8) -> Vec<u8> {
    let mut d = vec![0x9c, 0x40, 0xc3, 0x50];
    d.extend_from_slice(&((8 + n) as u16).to_be_bytes());
    d.extend_from_slice(&[0, 0]);
    d.extend((0..n).map(|i| fill.wrapping_add(i as u8)));
    d
}
