//! Encryption transforms: block ciphers in CBC or CTR mode, combined-mode (AEAD) ciphers and
//! NULL.

use super::{CiscoContext, CiscoKeyword, Strength};
use crate::registry::{ikev1, ikev2};

/// AES key length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AesKeyLen {
    /// 128-bit key.
    Aes128,
    /// 192-bit key.
    Aes192,
    /// 256-bit key.
    Aes256,
}

impl AesKeyLen {
    /// Key length in bytes.
    #[must_use]
    pub const fn bytes(self) -> usize {
        match self {
            Self::Aes128 => 16,
            Self::Aes192 => 24,
            Self::Aes256 => 32,
        }
    }

    /// Key length in bits, as carried in the IKE "Key Length" attribute (RFC 7296 §3.3.5).
    #[must_use]
    pub const fn bits(self) -> u16 {
        match self {
            Self::Aes128 => 128,
            Self::Aes192 => 192,
            Self::Aes256 => 256,
        }
    }

    /// The key length for a "Key Length" attribute value in bits.
    #[must_use]
    pub const fn from_bits(bits: u16) -> Option<Self> {
        match bits {
            128 => Some(Self::Aes128),
            192 => Some(Self::Aes192),
            256 => Some(Self::Aes256),
            _ => None,
        }
    }
}

/// ICV length of AES-GCM (RFC 4106 §6: 8, 12 or 16 bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GcmIcvLen {
    /// 8-byte ICV.
    Icv8,
    /// 12-byte ICV.
    Icv12,
    /// 16-byte ICV.
    Icv16,
}

impl GcmIcvLen {
    /// ICV length in bytes.
    #[must_use]
    pub const fn bytes(self) -> usize {
        match self {
            Self::Icv8 => 8,
            Self::Icv12 => 12,
            Self::Icv16 => 16,
        }
    }
}

/// An encryption transform, complete with key length and (for AEADs) ICV length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EncryptionAlgorithm {
    /// No encryption (RFC 2410). Only valid together with an integrity algorithm.
    Null,
    /// DES-CBC with an explicit 8-byte IV (RFC 2405).
    DesCbc,
    /// Triple DES EDE3-CBC (RFC 2451).
    TripleDesCbc,
    /// AES-CBC (RFC 3602).
    AesCbc(AesKeyLen),
    /// AES-CTR (RFC 3686): key material is the AES key followed by a 4-byte nonce.
    AesCtr(AesKeyLen),
    /// AES-GCM (RFC 4106): key material is the AES key followed by a 4-byte salt.
    AesGcm(AesKeyLen, GcmIcvLen),
    /// AES-GMAC (RFC 4543): authentication only, key material is the key plus a 4-byte salt.
    AesGmac(AesKeyLen),
    /// ChaCha20-Poly1305 (RFC 7634): a 32-byte key followed by a 4-byte salt.
    ChaCha20Poly1305,
}

impl EncryptionAlgorithm {
    /// Every algorithm in the catalogue.
    pub const ALL: &'static [Self] = &[
        Self::Null,
        Self::DesCbc,
        Self::TripleDesCbc,
        Self::AesCbc(AesKeyLen::Aes128),
        Self::AesCbc(AesKeyLen::Aes192),
        Self::AesCbc(AesKeyLen::Aes256),
        Self::AesCtr(AesKeyLen::Aes128),
        Self::AesCtr(AesKeyLen::Aes192),
        Self::AesCtr(AesKeyLen::Aes256),
        Self::AesGcm(AesKeyLen::Aes128, GcmIcvLen::Icv8),
        Self::AesGcm(AesKeyLen::Aes128, GcmIcvLen::Icv12),
        Self::AesGcm(AesKeyLen::Aes128, GcmIcvLen::Icv16),
        Self::AesGcm(AesKeyLen::Aes192, GcmIcvLen::Icv8),
        Self::AesGcm(AesKeyLen::Aes192, GcmIcvLen::Icv12),
        Self::AesGcm(AesKeyLen::Aes192, GcmIcvLen::Icv16),
        Self::AesGcm(AesKeyLen::Aes256, GcmIcvLen::Icv8),
        Self::AesGcm(AesKeyLen::Aes256, GcmIcvLen::Icv12),
        Self::AesGcm(AesKeyLen::Aes256, GcmIcvLen::Icv16),
        Self::AesGmac(AesKeyLen::Aes128),
        Self::AesGmac(AesKeyLen::Aes192),
        Self::AesGmac(AesKeyLen::Aes256),
        Self::ChaCha20Poly1305,
    ];

    /// Short human name, as strongSwan and the RFCs write it (`aes256gcm16`, `3des`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        use AesKeyLen::{Aes128, Aes192, Aes256};
        use GcmIcvLen::{Icv8, Icv12, Icv16};
        match self {
            Self::Null => "null",
            Self::DesCbc => "des",
            Self::TripleDesCbc => "3des",
            Self::AesCbc(Aes128) => "aes128",
            Self::AesCbc(Aes192) => "aes192",
            Self::AesCbc(Aes256) => "aes256",
            Self::AesCtr(Aes128) => "aes128ctr",
            Self::AesCtr(Aes192) => "aes192ctr",
            Self::AesCtr(Aes256) => "aes256ctr",
            Self::AesGcm(Aes128, Icv8) => "aes128gcm8",
            Self::AesGcm(Aes128, Icv12) => "aes128gcm12",
            Self::AesGcm(Aes128, Icv16) => "aes128gcm16",
            Self::AesGcm(Aes192, Icv8) => "aes192gcm8",
            Self::AesGcm(Aes192, Icv12) => "aes192gcm12",
            Self::AesGcm(Aes192, Icv16) => "aes192gcm16",
            Self::AesGcm(Aes256, Icv8) => "aes256gcm8",
            Self::AesGcm(Aes256, Icv12) => "aes256gcm12",
            Self::AesGcm(Aes256, Icv16) => "aes256gcm16",
            Self::AesGmac(Aes128) => "aes128gmac",
            Self::AesGmac(Aes192) => "aes192gmac",
            Self::AesGmac(Aes256) => "aes256gmac",
            Self::ChaCha20Poly1305 => "chacha20poly1305",
        }
    }

    /// True for combined-mode algorithms (AES-GCM, AES-GMAC, ChaCha20-Poly1305), which need
    /// no separate integrity transform (RFC 4106 §4, RFC 4543 §3, RFC 7634 §2).
    #[must_use]
    pub const fn is_aead(self) -> bool {
        matches!(self, Self::AesGcm(..) | Self::AesGmac(_) | Self::ChaCha20Poly1305)
    }

    /// True when the algorithm provides confidentiality (everything but NULL and GMAC).
    #[must_use]
    pub const fn encrypts(self) -> bool {
        !matches!(self, Self::Null | Self::AesGmac(_))
    }

    /// Length of the cipher key in bytes, without salt or nonce.
    #[must_use]
    pub const fn key_len(self) -> usize {
        match self {
            Self::Null => 0,
            Self::DesCbc => 8,
            Self::TripleDesCbc => 24,
            Self::AesCbc(k) | Self::AesCtr(k) | Self::AesGcm(k, _) | Self::AesGmac(k) => k.bytes(),
            Self::ChaCha20Poly1305 => 32,
        }
    }

    /// Length of the salt or nonce that follows the key in the key material (RFC 3686 §5.1,
    /// RFC 4106 §8.1, RFC 4543 §5, RFC 7634 §2).
    #[must_use]
    pub const fn salt_len(self) -> usize {
        match self {
            Self::AesCtr(_) | Self::AesGcm(..) | Self::AesGmac(_) | Self::ChaCha20Poly1305 => 4,
            Self::Null | Self::DesCbc | Self::TripleDesCbc | Self::AesCbc(_) => 0,
        }
    }

    /// Length of the key material IKE derives for the algorithm: key plus salt.
    #[must_use]
    pub const fn keymat_len(self) -> usize {
        self.key_len() + self.salt_len()
    }

    /// Cipher block size in bytes: the unit of CBC and the alignment of the padded payload
    /// (1 for stream and counter modes, whose payload ESP still aligns to 4 bytes).
    #[must_use]
    pub const fn block_size(self) -> usize {
        match self {
            Self::DesCbc | Self::TripleDesCbc => 8,
            Self::AesCbc(_) => 16,
            Self::Null | Self::AesCtr(_) | Self::AesGcm(..) | Self::AesGmac(_) | Self::ChaCha20Poly1305 => 1,
        }
    }

    /// Length of the explicit per-packet IV in bytes.
    #[must_use]
    pub const fn iv_len(self) -> usize {
        match self {
            Self::Null => 0,
            Self::DesCbc | Self::TripleDesCbc => 8,
            Self::AesCbc(_) => 16,
            Self::AesCtr(_) | Self::AesGcm(..) | Self::AesGmac(_) | Self::ChaCha20Poly1305 => 8,
        }
    }

    /// Length of the ICV a combined-mode algorithm appends (0 for the others).
    #[must_use]
    pub const fn icv_len(self) -> usize {
        match self {
            Self::AesGcm(_, icv) => icv.bytes(),
            Self::AesGmac(_) | Self::ChaCha20Poly1305 => 16,
            Self::Null | Self::DesCbc | Self::TripleDesCbc | Self::AesCbc(_) | Self::AesCtr(_) => 0,
        }
    }

    /// The AES key length, for the AES-based algorithms.
    #[must_use]
    pub const fn aes_key_len(self) -> Option<AesKeyLen> {
        match self {
            Self::AesCbc(k) | Self::AesCtr(k) | Self::AesGcm(k, _) | Self::AesGmac(k) => Some(k),
            _ => None,
        }
    }

    /// IKEv2 transform type 1 id (RFC 7296 §3.3.2).
    #[must_use]
    pub const fn ikev2_id(self) -> ikev2::EncryptionId {
        use ikev2::EncryptionId as E;
        match self {
            Self::Null => E::Null,
            Self::DesCbc => E::Des,
            Self::TripleDesCbc => E::TripleDes,
            Self::AesCbc(_) => E::AesCbc,
            Self::AesCtr(_) => E::AesCtr,
            Self::AesGcm(_, GcmIcvLen::Icv8) => E::AesGcm8,
            Self::AesGcm(_, GcmIcvLen::Icv12) => E::AesGcm12,
            Self::AesGcm(_, GcmIcvLen::Icv16) => E::AesGcm16,
            Self::AesGmac(_) => E::NullAuthAesGmac,
            Self::ChaCha20Poly1305 => E::ChaCha20Poly1305,
        }
    }

    /// The "Key Length" attribute (in bits) that must accompany the transform in IKEv1 and
    /// IKEv2, or `None` for fixed-key-length algorithms (RFC 7296 §3.3.5, RFC 3602 §5.3).
    #[must_use]
    pub const fn key_length_attribute(self) -> Option<u16> {
        match self.aes_key_len() {
            Some(k) => Some(k.bits()),
            None => None,
        }
    }

    /// The algorithm for an IKEv2 id and optional "Key Length" attribute.
    #[must_use]
    pub const fn from_ikev2(id: ikev2::EncryptionId, key_bits: Option<u16>) -> Option<Self> {
        use ikev2::EncryptionId as E;
        let aes = match key_bits {
            Some(bits) => AesKeyLen::from_bits(bits),
            None => None,
        };
        match (id, aes, key_bits) {
            (E::Null, _, None) => Some(Self::Null),
            (E::Des, _, None) => Some(Self::DesCbc),
            (E::TripleDes, _, None) => Some(Self::TripleDesCbc),
            (E::ChaCha20Poly1305, _, None) => Some(Self::ChaCha20Poly1305),
            (E::AesCbc, Some(k), _) => Some(Self::AesCbc(k)),
            (E::AesCtr, Some(k), _) => Some(Self::AesCtr(k)),
            (E::AesGcm8, Some(k), _) => Some(Self::AesGcm(k, GcmIcvLen::Icv8)),
            (E::AesGcm12, Some(k), _) => Some(Self::AesGcm(k, GcmIcvLen::Icv12)),
            (E::AesGcm16, Some(k), _) => Some(Self::AesGcm(k, GcmIcvLen::Icv16)),
            (E::NullAuthAesGmac, Some(k), _) => Some(Self::AesGmac(k)),
            _ => None,
        }
    }

    /// IKEv1 ESP transform id (RFC 2407 §4.4.4). The ids coincide with IKEv2's for every
    /// algorithm here but GMAC (ESP 23 vs ENCR 21).
    #[must_use]
    pub const fn esp_transform_id(self) -> ikev1::EspTransformId {
        use ikev1::EspTransformId as E;
        match self {
            Self::Null => E::Null,
            Self::DesCbc => E::Des,
            Self::TripleDesCbc => E::TripleDes,
            Self::AesCbc(_) => E::AesCbc,
            Self::AesCtr(_) => E::AesCtr,
            Self::AesGcm(_, GcmIcvLen::Icv8) => E::AesGcm8,
            Self::AesGcm(_, GcmIcvLen::Icv12) => E::AesGcm12,
            Self::AesGcm(_, GcmIcvLen::Icv16) => E::AesGcm16,
            Self::AesGmac(_) => E::NullAuthAesGmac,
            // No IKEv1 ESP id is assigned; strongSwan and Linux use the IKEv2 number.
            Self::ChaCha20Poly1305 => E::Unknown(28),
        }
    }

    /// The algorithm for an IKEv1 ESP transform id and optional "Key Length" attribute.
    #[must_use]
    pub const fn from_esp_transform(id: ikev1::EspTransformId, key_bits: Option<u16>) -> Option<Self> {
        use ikev1::EspTransformId as E;
        let v2 = match id {
            E::NullAuthAesGmac => ikev2::EncryptionId::NullAuthAesGmac,
            E::SeedCbc => return None,
            other => ikev2::EncryptionId::from_value(other.value() as u16),
        };
        Self::from_ikev2(v2, key_bits)
    }

    /// IKEv1 phase-1 "Encryption Algorithm" attribute (RFC 2409 Appendix A), for the
    /// algorithms that IKEv1 can use to protect its own messages (CBC ciphers only).
    #[must_use]
    pub const fn phase1_id(self) -> Option<ikev1::Phase1EncryptionAlgorithm> {
        use ikev1::Phase1EncryptionAlgorithm as P;
        match self {
            Self::DesCbc => Some(P::DesCbc),
            Self::TripleDesCbc => Some(P::TripleDesCbc),
            Self::AesCbc(_) => Some(P::AesCbc),
            _ => None,
        }
    }

    /// The algorithm for an IKEv1 phase-1 encryption attribute and optional key length.
    /// AES without a key length means AES-128 (RFC 3602 §5.3 makes the attribute mandatory;
    /// Cisco devices send it, and 128 bits is what they mean by plain `aes`).
    #[must_use]
    pub const fn from_phase1(id: ikev1::Phase1EncryptionAlgorithm, key_bits: Option<u16>) -> Option<Self> {
        use ikev1::Phase1EncryptionAlgorithm as P;
        match (id, key_bits) {
            (P::DesCbc, None) => Some(Self::DesCbc),
            (P::TripleDesCbc, None) => Some(Self::TripleDesCbc),
            (P::AesCbc, None) => Some(Self::AesCbc(AesKeyLen::Aes128)),
            (P::AesCbc, Some(bits)) => match AesKeyLen::from_bits(bits) {
                Some(k) => Some(Self::AesCbc(k)),
                None => None,
            },
            _ => None,
        }
    }

    /// How the algorithm is judged today (RFC 8221 §5, Cisco NGE).
    #[must_use]
    pub const fn strength(self) -> Strength {
        match self {
            Self::DesCbc => Strength::Broken,
            Self::TripleDesCbc => Strength::Deprecated,
            Self::Null | Self::AesCbc(_) | Self::AesCtr(_) | Self::AesGmac(_) => Strength::Acceptable,
            Self::AesGcm(_, GcmIcvLen::Icv8 | GcmIcvLen::Icv12) => Strength::Acceptable,
            Self::AesGcm(_, GcmIcvLen::Icv16) | Self::ChaCha20Poly1305 => Strength::Recommended,
        }
    }

    /// Rank for "most secure first" ordering of IKEv2 proposals (DESIGN §3.6): aes-gcm-256 >
    /// aes-gcm-192 > aes-gcm-128 > aes-256 > aes-192 > aes-128 > 3des > des > null. Higher is
    /// stronger. ChaCha20-Poly1305 ranks with AES-GCM-256, GMAC and CTR with their CBC peers.
    #[must_use]
    pub const fn preference(self) -> u8 {
        let aes = match self.aes_key_len() {
            Some(AesKeyLen::Aes128) => 0,
            Some(AesKeyLen::Aes192) => 1,
            Some(AesKeyLen::Aes256) | None => 2,
        };
        match self {
            Self::Null => 0,
            Self::AesGmac(_) => 1 + aes,
            Self::DesCbc => 10,
            Self::TripleDesCbc => 20,
            Self::AesCtr(_) => 29 + 2 * aes,
            Self::AesCbc(_) => 30 + 2 * aes,
            Self::AesGcm(_, icv) => 40 + 4 * aes + icv.bytes() as u8 / 4,
            Self::ChaCha20Poly1305 => 51,
        }
    }

    /// The Cisco keywords that name this algorithm, per configuration context.
    #[must_use]
    pub fn cisco_keywords(self) -> &'static [CiscoKeyword] {
        use AesKeyLen::{Aes128, Aes192, Aes256};
        match self {
            Self::Null => keywords![
                IosTransformSet => "esp-null",
                AsaTransformSet => "esp-null",
                AsaIkev2IpsecProposal => "null",
                AsaIkev2Policy => "null",
            ],
            Self::DesCbc => keywords![
                IosTransformSet => "esp-des",
                AsaTransformSet => "esp-des",
                AsaIkev2IpsecProposal => "des",
                AsaIkev2Policy => "des",
                IosIsakmpPolicy => "des",
                AsaIsakmpPolicy => "des",
            ],
            Self::TripleDesCbc => keywords![
                IosTransformSet => "esp-3des",
                AsaTransformSet => "esp-3des",
                AsaIkev2IpsecProposal => "3des",
                AsaIkev2Policy => "3des",
                IosIkev2Proposal => "3des",
                IosIsakmpPolicy => "3des",
                AsaIsakmpPolicy => "3des",
            ],
            Self::AesCbc(Aes128) => keywords![
                IosTransformSet => "esp-aes",
                IosTransformSet => "esp-aes 128",
                AsaTransformSet => "esp-aes",
                AsaIkev2IpsecProposal => "aes",
                AsaIkev2Policy => "aes",
                IosIkev2Proposal => "aes-cbc-128",
                IosIsakmpPolicy => "aes",
                IosIsakmpPolicy => "aes 128",
                AsaIsakmpPolicy => "aes",
            ],
            Self::AesCbc(Aes192) => keywords![
                IosTransformSet => "esp-aes 192",
                AsaTransformSet => "esp-aes-192",
                AsaIkev2IpsecProposal => "aes-192",
                AsaIkev2Policy => "aes-192",
                IosIkev2Proposal => "aes-cbc-192",
                IosIsakmpPolicy => "aes 192",
                AsaIsakmpPolicy => "aes-192",
            ],
            Self::AesCbc(Aes256) => keywords![
                IosTransformSet => "esp-aes 256",
                AsaTransformSet => "esp-aes-256",
                AsaIkev2IpsecProposal => "aes-256",
                AsaIkev2Policy => "aes-256",
                IosIkev2Proposal => "aes-cbc-256",
                IosIsakmpPolicy => "aes 256",
                AsaIsakmpPolicy => "aes-256",
            ],
            Self::AesGcm(Aes128, GcmIcvLen::Icv16) => keywords![
                IosTransformSet => "esp-gcm",
                IosTransformSet => "esp-gcm 128",
                AsaIkev2IpsecProposal => "aes-gcm",
                AsaIkev2Policy => "aes-gcm",
                IosIkev2Proposal => "aes-gcm-128",
            ],
            Self::AesGcm(Aes192, GcmIcvLen::Icv16) => keywords![
                IosTransformSet => "esp-gcm 192",
                AsaIkev2IpsecProposal => "aes-gcm-192",
                AsaIkev2Policy => "aes-gcm-192",
            ],
            Self::AesGcm(Aes256, GcmIcvLen::Icv16) => keywords![
                IosTransformSet => "esp-gcm 256",
                AsaIkev2IpsecProposal => "aes-gcm-256",
                AsaIkev2Policy => "aes-gcm-256",
                IosIkev2Proposal => "aes-gcm-256",
            ],
            Self::AesGmac(Aes128) => keywords![
                IosTransformSet => "esp-gmac",
                IosTransformSet => "esp-gmac 128",
                AsaIkev2IpsecProposal => "aes-gmac",
            ],
            Self::AesGmac(Aes192) => keywords![
                IosTransformSet => "esp-gmac 192",
                AsaIkev2IpsecProposal => "aes-gmac-192",
            ],
            Self::AesGmac(Aes256) => keywords![
                IosTransformSet => "esp-gmac 256",
                AsaIkev2IpsecProposal => "aes-gmac-256",
            ],
            Self::AesCtr(_) | Self::AesGcm(_, GcmIcvLen::Icv8 | GcmIcvLen::Icv12) | Self::ChaCha20Poly1305 => &[],
        }
    }
}

impl core::fmt::Display for EncryptionAlgorithm {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

impl EncryptionAlgorithm {
    /// The algorithm a Cisco keyword names in `context` (`esp-aes 256`, `aes-gcm-256`).
    /// Matching ignores ASCII case; the caller joins a keyword and its size argument with one
    /// space.
    #[must_use]
    pub fn from_cisco(context: CiscoContext, words: &str) -> Option<Self> {
        super::cisco::find(Self::ALL, Self::cisco_keywords, context, words)
    }
}
