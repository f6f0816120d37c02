//! AES-GCM, AES-GMAC and ChaCha20-Poly1305 on `aws-lc-rs` (`aead::LessSafeKey`).
//!
//! The key material is `key || salt` with a 4-byte salt, and the 12-byte nonce is
//! `salt || iv` with the 8-byte explicit IV (RFC 4106 §4 and §8.1, RFC 4543 §3.1 and §5,
//! RFC 7634 §2). Tags are detached: `seal_in_place_separate_tag` and
//! `open_in_place_separate_tag`, which checks the tag in constant time.
//!
//! * AES-GCM with the 16-byte ICV, for 128-, 192- and 256-bit keys.
//! * AES-GMAC (RFC 4543) is GCM with an empty plaintext: everything goes in the AAD and `data`
//!   must be empty.
//! * ChaCha20-Poly1305 (RFC 7634, the AEAD of RFC 7539 §2.8).
//! * AES-GCM with 8- and 12-byte ICVs (RFC 4106 §6) comes from the RustCrypto provider:
//!   `aws-lc-rs` fixes the GCM tag at 16 bytes, and a truncated tag cannot be checked through
//!   its API without decrypting twice.
//!
//! Zeroization: the AEAD context (AES key schedule and GHASH key, or the ChaCha20 key) is
//! cleansed by AWS-LC's `OPENSSL_free` when the key is dropped, the nonce zeroizes on drop in
//! `aws-lc-rs`, and the salt kept here zeroizes too.

use alloc::boxed::Box;

use aws_lc_rs::aead::{AES_128_GCM, AES_192_GCM, AES_256_GCM, Aad, CHACHA20_POLY1305, LessSafeKey, Nonce, UnboundKey};
use zeroize::Zeroizing;

use super::{fallback, implements_encryption};
use crate::algorithm::{AesKeyLen, EncryptionAlgorithm};
use crate::crypto::esp_nonce::{self, SALT_LEN};
use crate::crypto::{Aead, AeadProvider, CryptoError};

/// aws-lc-rs AEADs, with RustCrypto for the truncated GCM tags.
#[derive(Debug)]
pub(crate) struct AwsLcAeads;

impl AeadProvider for AwsLcAeads {
    fn supports(&self, algorithm: EncryptionAlgorithm) -> bool {
        fallback().aead.supports(algorithm)
    }

    fn new_aead(&self, algorithm: EncryptionAlgorithm, keymat: &[u8]) -> Result<Box<dyn Aead>, CryptoError> {
        if !algorithm.is_aead() || !implements_encryption(algorithm) {
            return fallback().aead.new_aead(algorithm, keymat);
        }
        let expected = algorithm.keymat_len();
        if keymat.len() != expected {
            return Err(CryptoError::InvalidKeyLength { expected, got: keymat.len() });
        }
        let lc_algorithm = match algorithm {
            EncryptionAlgorithm::AesGcm(key_len, _) | EncryptionAlgorithm::AesGmac(key_len) => match key_len {
                AesKeyLen::Aes128 => &AES_128_GCM,
                AesKeyLen::Aes192 => &AES_192_GCM,
                AesKeyLen::Aes256 => &AES_256_GCM,
            },
            EncryptionAlgorithm::ChaCha20Poly1305 => &CHACHA20_POLY1305,
            EncryptionAlgorithm::Null
            | EncryptionAlgorithm::DesCbc
            | EncryptionAlgorithm::TripleDesCbc
            | EncryptionAlgorithm::AesCbc(_)
            | EncryptionAlgorithm::AesCtr(_) => return Err(CryptoError::UnsupportedAlgorithm),
        };
        let invalid = CryptoError::InvalidKeyLength { expected, got: keymat.len() };
        let at = keymat.len().checked_sub(SALT_LEN).ok_or(invalid)?;
        let (key, salt_bytes) = keymat.split_at(at);
        let key = UnboundKey::new(lc_algorithm, key).map_err(|_| invalid)?;
        if key.algorithm().tag_len() != algorithm.icv_len() {
            return Err(CryptoError::UnsupportedAlgorithm);
        }
        let mut salt = Zeroizing::new([0u8; SALT_LEN]);
        salt.copy_from_slice(salt_bytes);
        Ok(Box::new(AwsLcAead { algorithm, salt, key: LessSafeKey::new(key) }))
    }
}

/// A keyed AEAD on AWS-LC.
struct AwsLcAead {
    /// The catalogue entry, for [`Aead::algorithm`] and the length checks.
    algorithm: EncryptionAlgorithm,
    /// The salt from the key material (RFC 4106 §8.1, RFC 4543 §5, RFC 7634 §2).
    salt: Zeroizing<[u8; SALT_LEN]>,
    /// The keyed AEAD; AWS-LC erases its context on drop.
    key: LessSafeKey,
}

impl AwsLcAead {
    /// Checks the lengths of a call, as every provider does, and builds the nonce `salt ||
    /// iv` (RFC 4106 §4).
    fn nonce(&self, iv: &[u8], data: &[u8], tag_len: usize) -> Result<Nonce, CryptoError> {
        let nonce = esp_nonce::nonce(self.algorithm, &self.salt, iv, data, tag_len)?;
        Ok(Nonce::assume_unique_for_key(*nonce))
    }
}

impl Aead for AwsLcAead {
    fn algorithm(&self) -> EncryptionAlgorithm {
        self.algorithm
    }

    fn seal(&self, iv: &[u8], aad: &[u8], data: &mut [u8], tag: &mut [u8]) -> Result<(), CryptoError> {
        let nonce = self.nonce(iv, data, tag.len())?;
        // Fails only for a payload beyond the per-nonce limit (about 64 GiB for GCM).
        let computed =
            self.key.seal_in_place_separate_tag(nonce, Aad::from(aad), data).map_err(|_| CryptoError::InvalidLength)?;
        let computed = computed.as_ref();
        if computed.len() != tag.len() {
            return Err(CryptoError::InvalidLength);
        }
        tag.copy_from_slice(computed);
        Ok(())
    }

    fn open(&self, iv: &[u8], aad: &[u8], data: &mut [u8], tag: &[u8]) -> Result<(), CryptoError> {
        let nonce = self.nonce(iv, data, tag.len())?;
        self.key
            .open_in_place_separate_tag(nonce, Aad::from(aad), tag, data)
            .map(|_| ())
            .map_err(|_| CryptoError::AuthenticationFailed)
    }
}
