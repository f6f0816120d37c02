//! Key logging for debugging: Wireshark decryption-table lines for the phase-1 SAs and the
//! ESP SAs this engine negotiates.
//!
//! Install a [`KeyLog`] with [`Engine::set_key_log`](crate::Engine::set_key_log). Lines are
//! in the formats of Wireshark's `ikev1_decryption_table` (`CKY-I,Ka`, both in hex) and
//! `esp_sa` user tables (`"IPv4","src","dst","0xSPI","cipher","0xKEY","integrity","0xKEY"`,
//! with the algorithm names Wireshark's ESP dissector expects; cipher keys include the salt of
//! combined-mode ciphers). Append them to those files in a Wireshark profile (or pass them with
//! `tshark -o 'uat:esp_sa:...'`) to decrypt a capture.
//!
//! The lines contain secret keys. Never enable key logging in production.

use alloc::string::String;
use core::fmt::Write;
use core::net::IpAddr;

use ipsec_core::algorithm::{EncryptionAlgorithm, GcmIcvLen, IntegrityAlgorithm};
use ipsec_core::types::{IkeSpi, Spi};

/// The Wireshark table a key-log line belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyLogTable {
    /// `ikev1_decryption_table`: `CKY-I,Ka`.
    Ikev1DecryptionTable,
    /// `esp_sa`: one line per ESP SA (direction).
    EspSa,
}

/// Receives key-log lines (without a trailing newline).
pub trait KeyLog {
    /// One line of `table`.
    fn log(&mut self, table: KeyLogTable, line: &str);
}

fn hex(out: &mut String, bytes: &[u8]) {
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
}

/// The `ikev1_decryption_table` line for a phase-1 SA: initiator cookie and encryption key.
#[must_use]
pub fn ikev1_line(initiator_cookie: &IkeSpi, encryption_key: &[u8]) -> String {
    let mut out = String::new();
    hex(&mut out, &initiator_cookie.0);
    out.push(',');
    hex(&mut out, encryption_key);
    out
}

/// Wireshark's name of an ESP cipher (its `esp_sa` table), `None` when it has none.
#[must_use]
pub const fn wireshark_encryption_name(algorithm: EncryptionAlgorithm) -> Option<&'static str> {
    Some(match algorithm {
        EncryptionAlgorithm::Null => "NULL",
        EncryptionAlgorithm::DesCbc => "DES-CBC [RFC2405]",
        EncryptionAlgorithm::TripleDesCbc => "TripleDES-CBC [RFC2451]",
        EncryptionAlgorithm::AesCbc(_) => "AES-CBC [RFC3602]",
        EncryptionAlgorithm::AesCtr(_) => "AES-CTR [RFC3686]",
        EncryptionAlgorithm::AesGcm(_, GcmIcvLen::Icv8) => "AES-GCM with 8 octet ICV [RFC4106]",
        EncryptionAlgorithm::AesGcm(_, GcmIcvLen::Icv12) => "AES-GCM with 12 octet ICV [RFC4106]",
        EncryptionAlgorithm::AesGcm(_, GcmIcvLen::Icv16) => "AES-GCM with 16 octet ICV [RFC4106]",
        EncryptionAlgorithm::ChaCha20Poly1305 => "ChaCha20 with Poly1305 [RFC7634]",
        EncryptionAlgorithm::AesGmac(_) => return None,
    })
}

/// Wireshark's name of an ESP integrity algorithm (its `esp_sa` table), `NULL` for none.
#[must_use]
pub const fn wireshark_integrity_name(algorithm: Option<IntegrityAlgorithm>) -> &'static str {
    match algorithm {
        None => "NULL",
        Some(IntegrityAlgorithm::HmacMd5_96) => "HMAC-MD5-96 [RFC2403]",
        Some(IntegrityAlgorithm::HmacSha1_96) => "HMAC-SHA-1-96 [RFC2404]",
        Some(IntegrityAlgorithm::HmacSha2_256_128) => "HMAC-SHA-256-128 [RFC4868]",
        Some(IntegrityAlgorithm::HmacSha2_384_192) => "HMAC-SHA-384-192 [RFC4868]",
        Some(IntegrityAlgorithm::HmacSha2_512_256) => "HMAC-SHA-512-256 [RFC4868]",
        Some(IntegrityAlgorithm::AesXcbc96) => "ANY 96 bit authentication [no checking]",
    }
}

/// The `esp_sa` line of one ESP SA from `src` to `dst`.
#[must_use]
pub fn esp_line(
    src: IpAddr,
    dst: IpAddr,
    spi: Spi,
    encryption: EncryptionAlgorithm,
    encryption_key: &[u8],
    integrity: Option<IntegrityAlgorithm>,
    integrity_key: &[u8],
) -> String {
    let family = if src.is_ipv4() { "IPv4" } else { "IPv6" };
    let mut out = String::new();
    let _ = write!(out, "\"{family}\",\"{src}\",\"{dst}\",\"0x{:08x}\",", spi.0);
    let _ = write!(out, "\"{}\",\"0x", wireshark_encryption_name(encryption).unwrap_or("NULL"));
    hex(&mut out, encryption_key);
    let _ = write!(out, "\",\"{}\",\"0x", wireshark_integrity_name(integrity));
    hex(&mut out, integrity_key);
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ipsec_core::algorithm::AesKeyLen;

    #[test]
    fn formats() {
        let line = ikev1_line(&IkeSpi([0x2b, 0x9b, 0x86, 0x80, 0x25, 0xc3, 0xbe, 0x42]), &[0xbe, 0x33]);
        assert_eq!(line, "2b9b868025c3be42,be33");
        let esp = esp_line(
            "198.51.100.1".parse().unwrap(),
            "198.51.100.2".parse().unwrap(),
            Spi(0xfc22d57b),
            EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128),
            &[0x14, 0x93],
            Some(IntegrityAlgorithm::HmacSha1_96),
            &[0x26, 0x36],
        );
        assert_eq!(
            esp,
            "\"IPv4\",\"198.51.100.1\",\"198.51.100.2\",\"0xfc22d57b\",\"AES-CBC [RFC3602]\",\"0x1493\",\"HMAC-SHA-1-96 [RFC2404]\",\"0x2636\""
        );
    }
}
