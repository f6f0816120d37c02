//! Keywords and display names: how each platform spells an algorithm in configuration lines
//! and in `show` output.

use alloc::format;
use alloc::string::String;

use ipsec_core::algorithm::{
    CiscoContext, CiscoKeyword, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm,
};

use crate::model::{AuthMethod, Platform, Transform};
use crate::parse::tables;

fn first(keywords: &'static [CiscoKeyword], ctx: CiscoContext, prefix: &str) -> Option<&'static str> {
    keywords.iter().find(|k| k.context == ctx && k.words.starts_with(prefix)).map(|k| k.words)
}

/// The configuration keyword of a transform on `platform` (`esp-aes 256` on IOS, `esp-aes-256`
/// on ASA/PIX).
pub(crate) fn transform_keyword(platform: Platform, t: Transform) -> String {
    let ctx = tables::transform_context(platform);
    let kw = match t {
        Transform::Ah(i) => first(i.cisco_keywords(), ctx, "ah-"),
        Transform::EspEncryption(e) => first(e.cisco_keywords(), ctx, "esp-"),
        Transform::EspIntegrity(i) => first(i.cisco_keywords(), ctx, "esp-"),
        Transform::EspNone => Some("esp-none"),
        Transform::AhRfc1828 => Some("ah-rfc1828"),
        Transform::EspRfc1829 => Some("esp-rfc1829"),
        Transform::CompLzs => Some("comp-lzs"),
    };
    match (kw, t) {
        (Some(k), _) => String::from(k),
        (None, Transform::EspEncryption(e)) => format!("esp-{}", e.name()),
        (None, Transform::Ah(i)) => format!("ah-{}-hmac", i.name()),
        (None, Transform::EspIntegrity(i)) => format!("esp-{}-hmac", i.name()),
        (None, _) => String::from("?"),
    }
}

/// An encryption keyword in `ctx`.
pub(crate) fn enc_keyword(e: EncryptionAlgorithm, ctx: CiscoContext) -> String {
    first(e.cisco_keywords(), ctx, "").map_or_else(|| String::from(e.name()), String::from)
}

/// An integrity keyword in `ctx`.
pub(crate) fn integ_keyword(i: IntegrityAlgorithm, ctx: CiscoContext) -> String {
    first(i.cisco_keywords(), ctx, "").map_or_else(|| String::from(i.name()), String::from)
}

/// A PRF / ISAKMP hash keyword in `ctx`.
pub(crate) fn prf_keyword(p: PrfAlgorithm, ctx: CiscoContext) -> String {
    first(p.cisco_keywords(), ctx, "").map_or_else(|| String::from(p.name()), String::from)
}

/// `pre-share`, `rsa-sig`, ...
pub(crate) const fn auth_keyword(m: AuthMethod) -> &'static str {
    tables::auth_keyword(m)
}

/// `show crypto isakmp policy` encryption text.
pub(crate) fn enc_text(e: EncryptionAlgorithm) -> String {
    match e {
        EncryptionAlgorithm::DesCbc => String::from("DES - Data Encryption Standard (56 bit keys)"),
        EncryptionAlgorithm::TripleDesCbc => String::from("Three key triple DES"),
        EncryptionAlgorithm::AesCbc(k) => format!("AES - Advanced Encryption Standard ({} bit keys)", k.bits()),
        other => String::from(other.name()),
    }
}

/// `show crypto isakmp policy` hash text.
pub(crate) fn hash_text(h: PrfAlgorithm) -> &'static str {
    match h {
        PrfAlgorithm::HmacMd5 => "Message Digest 5",
        PrfAlgorithm::HmacSha1 => "Secure Hash Standard",
        PrfAlgorithm::HmacSha2_256 => "Secure Hash Standard 2 (256 bit)",
        PrfAlgorithm::HmacSha2_384 => "Secure Hash Standard 2 (384 bit)",
        PrfAlgorithm::HmacSha2_512 => "Secure Hash Standard 2 (512 bit)",
        PrfAlgorithm::AesXcbcPrf128 => "AES-XCBC-PRF-128",
    }
}

/// `show crypto isakmp policy` authentication text (004:1178-1190).
pub(crate) const fn auth_text(m: AuthMethod) -> &'static str {
    match m {
        AuthMethod::PreShare => "Pre-Shared Key",
        AuthMethod::RsaSig => "Rivest-Shamir-Adleman Signature",
        AuthMethod::RsaEncr => "Rivest-Shamir-Adleman Encryption",
        AuthMethod::DsaSig => "Digital Signature Standard",
        AuthMethod::Crack => "CRACK",
        AuthMethod::EcdsaSig => "ECDSA Signature",
    }
}

/// `#2 (1024 bit)`.
pub(crate) fn group_text(g: DhGroup) -> String {
    let bits = match g.kind() {
        ipsec_core::algorithm::DhGroupKind::Modp { prime_bits, subgroup_bits: Some(s) } => {
            format!("{prime_bits} bit, {s} bit subgroup")
        }
        ipsec_core::algorithm::DhGroupKind::Modp { prime_bits, subgroup_bits: None } => format!("{prime_bits} bit"),
        ipsec_core::algorithm::DhGroupKind::Ecp { coordinate_len } => {
            format!("{} bit", if coordinate_len == 66 { 521 } else { coordinate_len * 8 })
        }
        ipsec_core::algorithm::DhGroupKind::Montgomery => String::from("255 bit"),
    };
    format!("#{} ({bits})", g.number())
}
