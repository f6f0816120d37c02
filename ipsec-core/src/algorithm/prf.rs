//! Pseudo-random functions, the MACs they and the integrity transforms are built on, and plain
//! hashes.

use super::{CiscoContext, CiscoKeyword, Strength};
use crate::registry::{ikev1, ikev2};

/// A hash function, for IKEv1 NAT-D (RFC 3947 §3.2), IKEv2 NAT detection (RFC 7296 §2.23)
/// and signatures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HashAlgorithm {
    /// MD5 (RFC 1321).
    Md5,
    /// SHA-1 (FIPS 180-4).
    Sha1,
    /// SHA-256 (FIPS 180-4).
    Sha256,
    /// SHA-384 (FIPS 180-4).
    Sha384,
    /// SHA-512 (FIPS 180-4).
    Sha512,
}

impl HashAlgorithm {
    /// Every hash in the catalogue.
    pub const ALL: &'static [Self] = &[Self::Md5, Self::Sha1, Self::Sha256, Self::Sha384, Self::Sha512];

    /// Digest length in bytes.
    #[must_use]
    pub const fn output_len(self) -> usize {
        match self {
            Self::Md5 => 16,
            Self::Sha1 => 20,
            Self::Sha256 => 32,
            Self::Sha384 => 48,
            Self::Sha512 => 64,
        }
    }

    /// Internal block length in bytes (the HMAC block size B of RFC 2104).
    #[must_use]
    pub const fn block_len(self) -> usize {
        match self {
            Self::Md5 | Self::Sha1 | Self::Sha256 => 64,
            Self::Sha384 | Self::Sha512 => 128,
        }
    }
}

/// A keyed MAC primitive with its full, untruncated output. Integrity transforms truncate it;
/// PRFs use it whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MacAlgorithm {
    /// HMAC-MD5 (RFC 2104).
    HmacMd5,
    /// HMAC-SHA-1 (RFC 2104).
    HmacSha1,
    /// HMAC-SHA-256 (RFC 4231).
    HmacSha256,
    /// HMAC-SHA-384 (RFC 4231).
    HmacSha384,
    /// HMAC-SHA-512 (RFC 4231).
    HmacSha512,
    /// AES-XCBC-MAC with a 16-byte key (RFC 3566 §4).
    AesXcbcMac,
    /// AES-XCBC-PRF-128, which accepts any key length (RFC 4434 §2: shorter keys are padded
    /// with zeros, longer ones are first run through AES-XCBC-MAC under a zero key).
    AesXcbcPrf128,
}

impl MacAlgorithm {
    /// Every MAC in the catalogue.
    pub const ALL: &'static [Self] = &[
        Self::HmacMd5,
        Self::HmacSha1,
        Self::HmacSha256,
        Self::HmacSha384,
        Self::HmacSha512,
        Self::AesXcbcMac,
        Self::AesXcbcPrf128,
    ];

    /// Full output length in bytes.
    #[must_use]
    pub const fn output_len(self) -> usize {
        match self.hash() {
            Some(h) => h.output_len(),
            None => 16,
        }
    }

    /// The hash an HMAC is built on (`None` for AES-XCBC).
    #[must_use]
    pub const fn hash(self) -> Option<HashAlgorithm> {
        match self {
            Self::HmacMd5 => Some(HashAlgorithm::Md5),
            Self::HmacSha1 => Some(HashAlgorithm::Sha1),
            Self::HmacSha256 => Some(HashAlgorithm::Sha256),
            Self::HmacSha384 => Some(HashAlgorithm::Sha384),
            Self::HmacSha512 => Some(HashAlgorithm::Sha512),
            Self::AesXcbcMac | Self::AesXcbcPrf128 => None,
        }
    }

    /// The key length the algorithm requires, or `None` when any length is accepted (HMAC,
    /// RFC 2104 §3; AES-XCBC-PRF-128, RFC 4434 §2).
    #[must_use]
    pub const fn fixed_key_len(self) -> Option<usize> {
        match self {
            Self::AesXcbcMac => Some(16),
            _ => None,
        }
    }
}

/// A pseudo-random function for IKE key derivation (RFC 7296 §2.13-2.14, RFC 2409 §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PrfAlgorithm {
    /// HMAC-MD5 (RFC 2104).
    HmacMd5,
    /// HMAC-SHA-1 (RFC 2104).
    HmacSha1,
    /// HMAC-SHA-256 (RFC 4868).
    HmacSha2_256,
    /// HMAC-SHA-384 (RFC 4868).
    HmacSha2_384,
    /// HMAC-SHA-512 (RFC 4868).
    HmacSha2_512,
    /// AES-XCBC-PRF-128 (RFC 4434).
    AesXcbcPrf128,
}

impl PrfAlgorithm {
    /// Every PRF in the catalogue.
    pub const ALL: &'static [Self] = &[
        Self::HmacMd5,
        Self::HmacSha1,
        Self::HmacSha2_256,
        Self::HmacSha2_384,
        Self::HmacSha2_512,
        Self::AesXcbcPrf128,
    ];

    /// Short human name (`prfsha256`), as strongSwan writes it.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::HmacMd5 => "prfmd5",
            Self::HmacSha1 => "prfsha1",
            Self::HmacSha2_256 => "prfsha256",
            Self::HmacSha2_384 => "prfsha384",
            Self::HmacSha2_512 => "prfsha512",
            Self::AesXcbcPrf128 => "prfaesxcbc",
        }
    }

    /// The MAC the PRF is.
    #[must_use]
    pub const fn mac(self) -> MacAlgorithm {
        match self {
            Self::HmacMd5 => MacAlgorithm::HmacMd5,
            Self::HmacSha1 => MacAlgorithm::HmacSha1,
            Self::HmacSha2_256 => MacAlgorithm::HmacSha256,
            Self::HmacSha2_384 => MacAlgorithm::HmacSha384,
            Self::HmacSha2_512 => MacAlgorithm::HmacSha512,
            Self::AesXcbcPrf128 => MacAlgorithm::AesXcbcPrf128,
        }
    }

    /// The hash behind an HMAC PRF (IKEv1 also uses it plainly, e.g. for NAT-D).
    #[must_use]
    pub const fn hash(self) -> Option<HashAlgorithm> {
        self.mac().hash()
    }

    /// Output length in bytes.
    #[must_use]
    pub const fn output_len(self) -> usize {
        self.mac().output_len()
    }

    /// The preferred key length: the length of `SK_d`, `SK_pi` and `SK_pr` (RFC 7296 §2.14,
    /// RFC 4868 §2.1.2, RFC 4434 §2), which equals the output length for every PRF here.
    #[must_use]
    pub const fn preferred_key_len(self) -> usize {
        self.output_len()
    }

    /// IKEv2 transform type 2 id.
    #[must_use]
    pub const fn ikev2_id(self) -> ikev2::PrfId {
        use ikev2::PrfId as P;
        match self {
            Self::HmacMd5 => P::HmacMd5,
            Self::HmacSha1 => P::HmacSha1,
            Self::HmacSha2_256 => P::HmacSha2_256,
            Self::HmacSha2_384 => P::HmacSha2_384,
            Self::HmacSha2_512 => P::HmacSha2_512,
            Self::AesXcbcPrf128 => P::Aes128Xcbc,
        }
    }

    /// The PRF for an IKEv2 PRF id.
    #[must_use]
    pub fn from_ikev2(id: ikev2::PrfId) -> Option<Self> {
        Self::ALL.iter().copied().find(|a| a.ikev2_id() == id)
    }

    /// IKEv1 phase-1 "Hash Algorithm" attribute: IKEv1 uses the HMAC of the negotiated hash
    /// as its PRF when no PRF attribute is sent (RFC 2409 §4). `None` for AES-XCBC.
    #[must_use]
    pub const fn phase1_hash(self) -> Option<ikev1::Phase1HashAlgorithm> {
        use ikev1::Phase1HashAlgorithm as H;
        match self {
            Self::HmacMd5 => Some(H::Md5),
            Self::HmacSha1 => Some(H::Sha),
            Self::HmacSha2_256 => Some(H::Sha2_256),
            Self::HmacSha2_384 => Some(H::Sha2_384),
            Self::HmacSha2_512 => Some(H::Sha2_512),
            Self::AesXcbcPrf128 => None,
        }
    }

    /// The PRF for an IKEv1 phase-1 hash attribute.
    #[must_use]
    pub fn from_phase1_hash(id: ikev1::Phase1HashAlgorithm) -> Option<Self> {
        Self::ALL.iter().copied().find(|a| a.phase1_hash() == Some(id))
    }

    /// How the algorithm is judged today (RFC 8247 §2.3, Cisco NGE).
    #[must_use]
    pub const fn strength(self) -> Strength {
        match self {
            Self::HmacMd5 => Strength::Deprecated,
            Self::HmacSha1 | Self::AesXcbcPrf128 => Strength::Acceptable,
            Self::HmacSha2_256 | Self::HmacSha2_384 | Self::HmacSha2_512 => Strength::Recommended,
        }
    }

    /// Rank for "most secure first" ordering (DESIGN §3.6). Higher is stronger.
    #[must_use]
    pub const fn preference(self) -> u8 {
        match self {
            Self::HmacMd5 => 1,
            Self::AesXcbcPrf128 => 2,
            Self::HmacSha1 => 3,
            Self::HmacSha2_256 => 4,
            Self::HmacSha2_384 => 5,
            Self::HmacSha2_512 => 6,
        }
    }

    /// The Cisco keywords that name this PRF, or the ISAKMP policy `hash` that selects it.
    #[must_use]
    pub fn cisco_keywords(self) -> &'static [CiscoKeyword] {
        match self {
            Self::HmacMd5 => keywords![
                IosIsakmpPolicy => "md5",
                AsaIsakmpPolicy => "md5",
                AsaIkev2Policy => "md5",
                IosIkev2Proposal => "md5",
            ],
            Self::HmacSha1 => keywords![
                IosIsakmpPolicy => "sha",
                AsaIsakmpPolicy => "sha",
                AsaIkev2Policy => "sha",
                IosIkev2Proposal => "sha1",
            ],
            Self::HmacSha2_256 => keywords![
                IosIsakmpPolicy => "sha256",
                AsaIsakmpPolicy => "sha256",
                AsaIkev2Policy => "sha256",
                IosIkev2Proposal => "sha256",
            ],
            Self::HmacSha2_384 => keywords![
                IosIsakmpPolicy => "sha384",
                AsaIsakmpPolicy => "sha384",
                AsaIkev2Policy => "sha384",
                IosIkev2Proposal => "sha384",
            ],
            Self::HmacSha2_512 => keywords![
                IosIsakmpPolicy => "sha512",
                AsaIsakmpPolicy => "sha512",
                AsaIkev2Policy => "sha512",
                IosIkev2Proposal => "sha512",
            ],
            Self::AesXcbcPrf128 => &[],
        }
    }

    /// The PRF a Cisco keyword names in `context` (`sha256`, ISAKMP `hash sha`).
    #[must_use]
    pub fn from_cisco(context: CiscoContext, words: &str) -> Option<Self> {
        super::cisco::find(Self::ALL, Self::cisco_keywords, context, words)
    }
}

impl core::fmt::Display for PrfAlgorithm {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}
