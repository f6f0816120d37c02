//! Diffie-Hellman groups (key exchange methods).

use super::{CiscoContext, CiscoKeyword, Strength};
use crate::registry::{ikev1, ikev2};

/// The family of a Diffie-Hellman group, which fixes how its public values are encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DhGroupKind {
    /// Modular exponentiation over a prime field. Public values are big-endian integers
    /// left-padded to the prime's length (RFC 7296 §3.4); the shared secret likewise.
    Modp {
        /// Prime length in bits.
        prime_bits: usize,
        /// Length in bits of the prime order `q` of the generator's subgroup, for the RFC 5114
        /// groups whose generator does not generate a safe-prime subgroup.
        subgroup_bits: Option<usize>,
    },
    /// Elliptic curve over a prime field: the public value is `x || y`, each coordinate
    /// left-padded to the field length, and the shared secret is `x` alone (RFC 5903 §7-§9).
    Ecp {
        /// Field element length in bytes.
        coordinate_len: usize,
    },
    /// Curve25519: 32-byte little-endian u-coordinates (RFC 8031 §2, RFC 7748 §5).
    Montgomery,
}

/// A Diffie-Hellman group. The discriminants are the IANA numbers, shared by IKEv1 (group
/// description) and IKEv2 (transform type 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u16)]
pub enum DhGroup {
    /// Group 1: 768-bit MODP (RFC 2409 §6.1).
    Modp768 = 1,
    /// Group 2: 1024-bit MODP (RFC 2409 §6.2).
    Modp1024 = 2,
    /// Group 5: 1536-bit MODP (RFC 3526 §2).
    Modp1536 = 5,
    /// Group 14: 2048-bit MODP (RFC 3526 §3).
    Modp2048 = 14,
    /// Group 15: 3072-bit MODP (RFC 3526 §4).
    Modp3072 = 15,
    /// Group 16: 4096-bit MODP (RFC 3526 §5).
    Modp4096 = 16,
    /// Group 17: 6144-bit MODP (RFC 3526 §6).
    Modp6144 = 17,
    /// Group 18: 8192-bit MODP (RFC 3526 §7).
    Modp8192 = 18,
    /// Group 19: 256-bit random ECP, NIST P-256 (RFC 5903 §3.1).
    Ecp256 = 19,
    /// Group 20: 384-bit random ECP, NIST P-384 (RFC 5903 §3.2).
    Ecp384 = 20,
    /// Group 21: 521-bit random ECP, NIST P-521 (RFC 5903 §3.3).
    Ecp521 = 21,
    /// Group 22: 1024-bit MODP with a 160-bit prime-order subgroup (RFC 5114 §2.1).
    Modp1024S160 = 22,
    /// Group 23: 2048-bit MODP with a 224-bit prime-order subgroup (RFC 5114 §2.2).
    Modp2048S224 = 23,
    /// Group 24: 2048-bit MODP with a 256-bit prime-order subgroup (RFC 5114 §2.3).
    Modp2048S256 = 24,
    /// Group 31: Curve25519 (RFC 8031).
    Curve25519 = 31,
}

impl DhGroup {
    /// Every group in the catalogue, in IANA order.
    pub const ALL: &'static [Self] = &[
        Self::Modp768,
        Self::Modp1024,
        Self::Modp1536,
        Self::Modp2048,
        Self::Modp3072,
        Self::Modp4096,
        Self::Modp6144,
        Self::Modp8192,
        Self::Ecp256,
        Self::Ecp384,
        Self::Ecp521,
        Self::Modp1024S160,
        Self::Modp2048S224,
        Self::Modp2048S256,
        Self::Curve25519,
    ];

    /// The IANA group number.
    #[must_use]
    pub const fn number(self) -> u16 {
        self as u16
    }

    /// The group for an IANA number.
    #[must_use]
    pub fn from_number(number: u16) -> Option<Self> {
        Self::ALL.iter().copied().find(|g| g.number() == number)
    }

    /// IKEv2 transform type 4 id.
    #[must_use]
    pub const fn ikev2_id(self) -> ikev2::KeyExchangeId {
        ikev2::KeyExchangeId::from_value(self.number())
    }

    /// IKEv1 "Group Description" attribute.
    #[must_use]
    pub const fn ikev1_id(self) -> ikev1::GroupDescription {
        ikev1::GroupDescription::from_value(self.number())
    }

    /// Short human name (`modp2048`, `ecp256`, `curve25519`), as strongSwan writes it.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Modp768 => "modp768",
            Self::Modp1024 => "modp1024",
            Self::Modp1536 => "modp1536",
            Self::Modp2048 => "modp2048",
            Self::Modp3072 => "modp3072",
            Self::Modp4096 => "modp4096",
            Self::Modp6144 => "modp6144",
            Self::Modp8192 => "modp8192",
            Self::Ecp256 => "ecp256",
            Self::Ecp384 => "ecp384",
            Self::Ecp521 => "ecp521",
            Self::Modp1024S160 => "modp1024s160",
            Self::Modp2048S224 => "modp2048s224",
            Self::Modp2048S256 => "modp2048s256",
            Self::Curve25519 => "curve25519",
        }
    }

    /// The group's family and sizes.
    #[must_use]
    pub const fn kind(self) -> DhGroupKind {
        const fn modp(prime_bits: usize, subgroup_bits: Option<usize>) -> DhGroupKind {
            DhGroupKind::Modp { prime_bits, subgroup_bits }
        }
        match self {
            Self::Modp768 => modp(768, None),
            Self::Modp1024 => modp(1024, None),
            Self::Modp1536 => modp(1536, None),
            Self::Modp2048 => modp(2048, None),
            Self::Modp3072 => modp(3072, None),
            Self::Modp4096 => modp(4096, None),
            Self::Modp6144 => modp(6144, None),
            Self::Modp8192 => modp(8192, None),
            Self::Modp1024S160 => modp(1024, Some(160)),
            Self::Modp2048S224 => modp(2048, Some(224)),
            Self::Modp2048S256 => modp(2048, Some(256)),
            Self::Ecp256 => DhGroupKind::Ecp { coordinate_len: 32 },
            Self::Ecp384 => DhGroupKind::Ecp { coordinate_len: 48 },
            Self::Ecp521 => DhGroupKind::Ecp { coordinate_len: 66 },
            Self::Curve25519 => DhGroupKind::Montgomery,
        }
    }

    /// Length in bytes of a public value (the KE payload data).
    #[must_use]
    pub const fn public_value_len(self) -> usize {
        match self.kind() {
            DhGroupKind::Modp { prime_bits, .. } => prime_bits / 8,
            DhGroupKind::Ecp { coordinate_len } => 2 * coordinate_len,
            DhGroupKind::Montgomery => 32,
        }
    }

    /// Length in bytes of the shared secret `g^ir`.
    #[must_use]
    pub const fn shared_secret_len(self) -> usize {
        match self.kind() {
            DhGroupKind::Modp { prime_bits, .. } => prime_bits / 8,
            DhGroupKind::Ecp { coordinate_len } => coordinate_len,
            DhGroupKind::Montgomery => 32,
        }
    }

    /// Length in bits of the random private exponent of a MODP group (`None` for elliptic
    /// curves, whose scalars are full-size).
    ///
    /// Safe-prime groups use the exponent sizes of RFC 3526 §8 (twice the lower strength
    /// estimate), rounded up to whole 64-bit limbs, and 192 bits for groups 1 and 2, which
    /// RFC 3526 does not rate; a full-length exponent adds cost and no security (RFC 7296
    /// §2.12 and RFC 2412 Appendix E allow short exponents). The RFC 5114 groups draw the
    /// exponent below the subgroup order `q`, as their definition requires (RFC 5114 §2).
    #[must_use]
    pub const fn private_exponent_bits(self) -> Option<usize> {
        match self {
            Self::Modp768 | Self::Modp1024 | Self::Modp1536 => Some(192),
            Self::Modp2048 => Some(256),
            Self::Modp3072 | Self::Modp4096 => Some(320),
            Self::Modp6144 | Self::Modp8192 => Some(384),
            Self::Modp1024S160 => Some(160),
            Self::Modp2048S224 => Some(224),
            Self::Modp2048S256 => Some(256),
            Self::Ecp256 | Self::Ecp384 | Self::Ecp521 | Self::Curve25519 => None,
        }
    }

    /// How the group is judged today (RFC 8247 §2.4, Cisco NGE: groups 1, 2 and 5 are no
    /// longer recommended).
    #[must_use]
    pub const fn strength(self) -> Strength {
        match self {
            Self::Modp768 => Strength::Broken,
            Self::Modp1024 | Self::Modp1536 | Self::Modp1024S160 => Strength::Deprecated,
            Self::Modp2048 | Self::Modp2048S224 | Self::Modp2048S256 | Self::Modp3072 => Strength::Acceptable,
            Self::Modp4096 | Self::Modp6144 | Self::Modp8192 => Strength::Acceptable,
            Self::Ecp256 | Self::Ecp384 | Self::Ecp521 | Self::Curve25519 => Strength::Recommended,
        }
    }

    /// Rank for "most secure first" ordering (DESIGN §3.6: 21 > 20 > 19 > 24 > 14 > 5 > 2 >
    /// 1, 31 above 19). The other MODP groups sit by size. Higher is stronger.
    #[must_use]
    pub const fn preference(self) -> u8 {
        match self {
            Self::Modp768 => 1,
            Self::Modp1024 => 2,
            Self::Modp1024S160 => 3,
            Self::Modp1536 => 4,
            Self::Modp2048 => 5,
            Self::Modp2048S224 => 6,
            Self::Modp2048S256 => 7,
            Self::Modp3072 => 8,
            Self::Modp4096 => 9,
            Self::Modp6144 => 10,
            Self::Modp8192 => 11,
            Self::Ecp256 => 12,
            Self::Curve25519 => 13,
            Self::Ecp384 => 14,
            Self::Ecp521 => 15,
        }
    }

    /// The Cisco keywords that name this group: the argument of `group` in ISAKMP and IKEv2
    /// policies and proposals, and `set pfs groupN`.
    #[must_use]
    pub fn cisco_keywords(self) -> &'static [CiscoKeyword] {
        macro_rules! group {
            ($n:literal) => {
                keywords![
                    IosIsakmpPolicy => $n,
                    AsaIsakmpPolicy => $n,
                    AsaIkev2Policy => $n,
                    IosIkev2Proposal => $n,
                    Pfs => concat!("group", $n),
                ]
            };
        }
        match self {
            Self::Modp768 => group!("1"),
            Self::Modp1024 => group!("2"),
            Self::Modp1536 => group!("5"),
            Self::Modp2048 => group!("14"),
            Self::Modp3072 => group!("15"),
            Self::Modp4096 => group!("16"),
            Self::Modp6144 => group!("17"),
            Self::Modp8192 => group!("18"),
            Self::Ecp256 => group!("19"),
            Self::Ecp384 => group!("20"),
            Self::Ecp521 => group!("21"),
            Self::Modp1024S160 => group!("22"),
            Self::Modp2048S224 => group!("23"),
            Self::Modp2048S256 => group!("24"),
            Self::Curve25519 => group!("31"),
        }
    }

    /// The group a Cisco keyword names in `context` (`14`, `group14`).
    #[must_use]
    pub fn from_cisco(context: CiscoContext, words: &str) -> Option<Self> {
        super::cisco::find(Self::ALL, Self::cisco_keywords, context, words)
    }
}

impl core::fmt::Display for DhGroup {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}
