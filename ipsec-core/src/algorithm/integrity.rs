//! Integrity (authentication) transforms: truncated HMACs and AES-XCBC-MAC-96.

use super::{CiscoContext, CiscoKeyword, MacAlgorithm, Strength};
use crate::registry::{ikev1, ikev2};

/// An integrity transform for ESP, AH or IKEv2 (RFC 2403, 2404, 3566, 4868).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IntegrityAlgorithm {
    /// HMAC-MD5 truncated to 96 bits (RFC 2403).
    HmacMd5_96,
    /// HMAC-SHA-1 truncated to 96 bits (RFC 2404).
    HmacSha1_96,
    /// HMAC-SHA-256 truncated to 128 bits (RFC 4868).
    HmacSha2_256_128,
    /// HMAC-SHA-384 truncated to 192 bits (RFC 4868).
    HmacSha2_384_192,
    /// HMAC-SHA-512 truncated to 256 bits (RFC 4868).
    HmacSha2_512_256,
    /// AES-XCBC-MAC truncated to 96 bits (RFC 3566).
    AesXcbc96,
}

impl IntegrityAlgorithm {
    /// Every algorithm in the catalogue.
    pub const ALL: &'static [Self] = &[
        Self::HmacMd5_96,
        Self::HmacSha1_96,
        Self::HmacSha2_256_128,
        Self::HmacSha2_384_192,
        Self::HmacSha2_512_256,
        Self::AesXcbc96,
    ];

    /// Short human name (`sha1`, `sha256`), as strongSwan writes it.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::HmacMd5_96 => "md5",
            Self::HmacSha1_96 => "sha1",
            Self::HmacSha2_256_128 => "sha256",
            Self::HmacSha2_384_192 => "sha384",
            Self::HmacSha2_512_256 => "sha512",
            Self::AesXcbc96 => "aesxcbc",
        }
    }

    /// The untruncated MAC the transform is built on.
    #[must_use]
    pub const fn mac(self) -> MacAlgorithm {
        match self {
            Self::HmacMd5_96 => MacAlgorithm::HmacMd5,
            Self::HmacSha1_96 => MacAlgorithm::HmacSha1,
            Self::HmacSha2_256_128 => MacAlgorithm::HmacSha256,
            Self::HmacSha2_384_192 => MacAlgorithm::HmacSha384,
            Self::HmacSha2_512_256 => MacAlgorithm::HmacSha512,
            Self::AesXcbc96 => MacAlgorithm::AesXcbcMac,
        }
    }

    /// Key length in bytes (RFC 2403 §3, RFC 2404 §3, RFC 4868 §2.1.1, RFC 3566 §4).
    #[must_use]
    pub const fn key_len(self) -> usize {
        match self {
            Self::HmacMd5_96 | Self::AesXcbc96 => 16,
            Self::HmacSha1_96 => 20,
            Self::HmacSha2_256_128 => 32,
            Self::HmacSha2_384_192 => 48,
            Self::HmacSha2_512_256 => 64,
        }
    }

    /// ICV length in bytes (the truncation length).
    #[must_use]
    pub const fn icv_len(self) -> usize {
        match self {
            Self::HmacMd5_96 | Self::HmacSha1_96 | Self::AesXcbc96 => 12,
            Self::HmacSha2_256_128 => 16,
            Self::HmacSha2_384_192 => 24,
            Self::HmacSha2_512_256 => 32,
        }
    }

    /// IKEv2 transform type 3 id.
    #[must_use]
    pub const fn ikev2_id(self) -> ikev2::IntegrityId {
        use ikev2::IntegrityId as I;
        match self {
            Self::HmacMd5_96 => I::HmacMd5_96,
            Self::HmacSha1_96 => I::HmacSha1_96,
            Self::HmacSha2_256_128 => I::HmacSha2_256_128,
            Self::HmacSha2_384_192 => I::HmacSha2_384_192,
            Self::HmacSha2_512_256 => I::HmacSha2_512_256,
            Self::AesXcbc96 => I::AesXcbc96,
        }
    }

    /// The algorithm for an IKEv2 integrity id.
    #[must_use]
    pub fn from_ikev2(id: ikev2::IntegrityId) -> Option<Self> {
        Self::ALL.iter().copied().find(|a| a.ikev2_id() == id)
    }

    /// IKEv1 IPsec DOI "Authentication Algorithm" attribute (RFC 2407 §4.5, RFC 4868 §2.4).
    #[must_use]
    pub const fn ipsec_auth_algorithm(self) -> ikev1::IpsecAuthAlgorithm {
        use ikev1::IpsecAuthAlgorithm as A;
        match self {
            Self::HmacMd5_96 => A::HmacMd5,
            Self::HmacSha1_96 => A::HmacSha,
            Self::HmacSha2_256_128 => A::HmacSha2_256,
            Self::HmacSha2_384_192 => A::HmacSha2_384,
            Self::HmacSha2_512_256 => A::HmacSha2_512,
            Self::AesXcbc96 => A::AesXcbcMac,
        }
    }

    /// The algorithm for an IKEv1 "Authentication Algorithm" attribute.
    #[must_use]
    pub fn from_ipsec_auth_algorithm(id: ikev1::IpsecAuthAlgorithm) -> Option<Self> {
        Self::ALL.iter().copied().find(|a| a.ipsec_auth_algorithm() == id)
    }

    /// IKEv1 AH transform id (RFC 2407 §4.4.3, RFC 4868 §2.4).
    #[must_use]
    pub const fn ah_transform_id(self) -> ikev1::AhTransformId {
        use ikev1::AhTransformId as T;
        match self {
            Self::HmacMd5_96 => T::Md5,
            Self::HmacSha1_96 => T::Sha,
            Self::HmacSha2_256_128 => T::Sha2_256,
            Self::HmacSha2_384_192 => T::Sha2_384,
            Self::HmacSha2_512_256 => T::Sha2_512,
            Self::AesXcbc96 => T::AesXcbcMac,
        }
    }

    /// The algorithm for an IKEv1 AH transform id.
    #[must_use]
    pub fn from_ah_transform(id: ikev1::AhTransformId) -> Option<Self> {
        Self::ALL.iter().copied().find(|a| a.ah_transform_id() == id)
    }

    /// How the algorithm is judged today (RFC 8221 §6, Cisco NGE).
    #[must_use]
    pub const fn strength(self) -> Strength {
        match self {
            Self::HmacMd5_96 => Strength::Deprecated,
            Self::HmacSha1_96 | Self::AesXcbc96 => Strength::Acceptable,
            Self::HmacSha2_256_128 | Self::HmacSha2_384_192 | Self::HmacSha2_512_256 => Strength::Recommended,
        }
    }

    /// Rank for "most secure first" ordering (DESIGN §3.6: sha512 > sha384 > sha256 > sha1 >
    /// md5). Higher is stronger.
    #[must_use]
    pub const fn preference(self) -> u8 {
        match self {
            Self::HmacMd5_96 => 1,
            Self::AesXcbc96 => 2,
            Self::HmacSha1_96 => 3,
            Self::HmacSha2_256_128 => 4,
            Self::HmacSha2_384_192 => 5,
            Self::HmacSha2_512_256 => 6,
        }
    }

    /// The Cisco keywords that name this algorithm, per configuration context. The transform
    /// set keywords come in `esp-` and `ah-` forms; the prefix says which protocol carries it.
    #[must_use]
    pub fn cisco_keywords(self) -> &'static [CiscoKeyword] {
        match self {
            Self::HmacMd5_96 => keywords![
                IosTransformSet => "esp-md5-hmac",
                IosTransformSet => "ah-md5-hmac",
                AsaTransformSet => "esp-md5-hmac",
                AsaTransformSet => "ah-md5-hmac",
                AsaIkev2IpsecProposal => "md5",
                AsaIkev2Policy => "md5",
                IosIkev2Proposal => "md5",
            ],
            Self::HmacSha1_96 => keywords![
                IosTransformSet => "esp-sha-hmac",
                IosTransformSet => "ah-sha-hmac",
                AsaTransformSet => "esp-sha-hmac",
                AsaTransformSet => "ah-sha-hmac",
                AsaIkev2IpsecProposal => "sha-1",
                AsaIkev2Policy => "sha",
                IosIkev2Proposal => "sha1",
            ],
            Self::HmacSha2_256_128 => keywords![
                IosTransformSet => "esp-sha256-hmac",
                IosTransformSet => "ah-sha256-hmac",
                AsaIkev2IpsecProposal => "sha-256",
                AsaIkev2Policy => "sha256",
                IosIkev2Proposal => "sha256",
            ],
            Self::HmacSha2_384_192 => keywords![
                IosTransformSet => "esp-sha384-hmac",
                IosTransformSet => "ah-sha384-hmac",
                AsaIkev2IpsecProposal => "sha-384",
                AsaIkev2Policy => "sha384",
                IosIkev2Proposal => "sha384",
            ],
            Self::HmacSha2_512_256 => keywords![
                IosTransformSet => "esp-sha512-hmac",
                IosTransformSet => "ah-sha512-hmac",
                AsaIkev2IpsecProposal => "sha-512",
                AsaIkev2Policy => "sha512",
                IosIkev2Proposal => "sha512",
            ],
            Self::AesXcbc96 => keywords![IosTransformSet => "esp-aes-xcbc-mac"],
        }
    }

    /// The algorithm a Cisco keyword names in `context` (`esp-sha-hmac`, `sha-256`).
    #[must_use]
    pub fn from_cisco(context: CiscoContext, words: &str) -> Option<Self> {
        super::cisco::find(Self::ALL, Self::cisco_keywords, context, words)
    }
}

impl core::fmt::Display for IntegrityAlgorithm {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}
