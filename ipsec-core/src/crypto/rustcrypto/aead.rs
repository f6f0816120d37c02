//! AES-GCM, AES-GMAC and ChaCha20-Poly1305.
//!
//! Every algorithm here takes key material `key || salt` with a 4-byte salt and builds the
//! 12-byte nonce as `salt || iv` from the 8-byte explicit IV (RFC 4106 §4 and §8.1, RFC 4543
//! §3.1 and §5, RFC 7634 §2). Tags are detached and checked in constant time by the
//! underlying crates.
//!
//! * AES-GCM with an 8-, 12- or 16-byte ICV (RFC 4106 §6) uses `aes-gcm` directly (8-byte tags
//!   need its `hazmat` feature, which only widens the accepted tag sizes).
//! * AES-GMAC (RFC 4543) is GCM with an empty plaintext: everything goes in the AAD and `data`
//!   must be empty.
//! * ChaCha20-Poly1305 (RFC 7634, with the AEAD of RFC 7539 §2.8) uses `chacha20poly1305`.
//!
//! Zeroization: the ChaCha20-Poly1305 key and the AES-GCM state (key schedule and GHASH key)
//! zeroize on drop (`chacha20poly1305/zeroize`, `aes-gcm/zeroize`), and so does the salt.

use alloc::boxed::Box;

use aes::cipher::KeyInit;
use aes::cipher::array::Array;
use aes::cipher::consts::{U8, U12, U16};
use aes_gcm::aead::{AeadCore, AeadInOut};
use zeroize::Zeroizing;

use crate::algorithm::{AesKeyLen, EncryptionAlgorithm, GcmIcvLen};
use crate::crypto::esp_nonce::{self, NONCE_LEN, SALT_LEN};
use crate::crypto::{Aead, AeadProvider, CryptoError};

/// AES-GCM with a 96-bit nonce and a `T`-byte tag.
type Gcm96<A, T> = aes_gcm::AesGcm<A, U12, T>;

/// RustCrypto AEADs.
#[derive(Debug)]
pub(crate) struct RustCryptoAeads;

impl AeadProvider for RustCryptoAeads {
    fn supports(&self, algorithm: EncryptionAlgorithm) -> bool {
        match algorithm {
            EncryptionAlgorithm::AesGcm(..)
            | EncryptionAlgorithm::AesGmac(_)
            | EncryptionAlgorithm::ChaCha20Poly1305 => true,
            EncryptionAlgorithm::Null
            | EncryptionAlgorithm::DesCbc
            | EncryptionAlgorithm::TripleDesCbc
            | EncryptionAlgorithm::AesCbc(_)
            | EncryptionAlgorithm::AesCtr(_) => false,
        }
    }

    fn new_aead(&self, algorithm: EncryptionAlgorithm, keymat: &[u8]) -> Result<Box<dyn Aead>, CryptoError> {
        use AesKeyLen::{Aes128, Aes192, Aes256};
        use EncryptionAlgorithm::{AesGcm, AesGmac, ChaCha20Poly1305};
        use GcmIcvLen::{Icv8, Icv12, Icv16};
        if !self.supports(algorithm) {
            return Err(CryptoError::UnsupportedAlgorithm);
        }
        let expected = algorithm.keymat_len();
        if keymat.len() != expected {
            return Err(CryptoError::InvalidKeyLength { expected, got: keymat.len() });
        }
        match algorithm {
            AesGcm(Aes128, Icv8) => CrateAead::<Gcm96<aes::Aes128, U8>>::boxed(algorithm, keymat),
            AesGcm(Aes192, Icv8) => CrateAead::<Gcm96<aes::Aes192, U8>>::boxed(algorithm, keymat),
            AesGcm(Aes256, Icv8) => CrateAead::<Gcm96<aes::Aes256, U8>>::boxed(algorithm, keymat),
            AesGcm(Aes128, Icv12) => CrateAead::<Gcm96<aes::Aes128, U12>>::boxed(algorithm, keymat),
            AesGcm(Aes192, Icv12) => CrateAead::<Gcm96<aes::Aes192, U12>>::boxed(algorithm, keymat),
            AesGcm(Aes256, Icv12) => CrateAead::<Gcm96<aes::Aes256, U12>>::boxed(algorithm, keymat),
            AesGcm(Aes128, Icv16) | AesGmac(Aes128) => CrateAead::<Gcm96<aes::Aes128, U16>>::boxed(algorithm, keymat),
            AesGcm(Aes192, Icv16) | AesGmac(Aes192) => CrateAead::<Gcm96<aes::Aes192, U16>>::boxed(algorithm, keymat),
            AesGcm(Aes256, Icv16) | AesGmac(Aes256) => CrateAead::<Gcm96<aes::Aes256, U16>>::boxed(algorithm, keymat),
            ChaCha20Poly1305 => CrateAead::<chacha20poly1305::ChaCha20Poly1305>::boxed(algorithm, keymat),
            EncryptionAlgorithm::Null
            | EncryptionAlgorithm::DesCbc
            | EncryptionAlgorithm::TripleDesCbc
            | EncryptionAlgorithm::AesCbc(_)
            | EncryptionAlgorithm::AesCtr(_) => Err(CryptoError::UnsupportedAlgorithm),
        }
    }
}

/// The per-key parameters every AEAD here shares: the algorithm and the salt.
struct Params {
    /// The catalogue entry, for [`Aead::algorithm`] and the length checks.
    algorithm: EncryptionAlgorithm,
    /// The salt from the key material (RFC 4106 §8.1, RFC 4543 §5, RFC 7634 §2).
    salt: Zeroizing<[u8; SALT_LEN]>,
}

impl Params {
    /// Splits `keymat` (already checked against the catalogue length) into key and params.
    fn split(algorithm: EncryptionAlgorithm, keymat: &[u8]) -> Result<(&[u8], Self), CryptoError> {
        let invalid = CryptoError::InvalidKeyLength { expected: algorithm.keymat_len(), got: keymat.len() };
        let at = keymat.len().checked_sub(SALT_LEN).ok_or(invalid)?;
        let (key, salt_bytes) = keymat.split_at(at);
        let mut salt = Zeroizing::new([0u8; SALT_LEN]);
        salt.copy_from_slice(salt_bytes);
        Ok((key, Self { algorithm, salt }))
    }

    /// Checks the lengths of a call and builds the nonce `salt || iv` (RFC 4106 §4).
    fn nonce(&self, iv: &[u8], data: &[u8], tag_len: usize) -> Result<Zeroizing<[u8; NONCE_LEN]>, CryptoError> {
        esp_nonce::nonce(self.algorithm, &self.salt, iv, data, tag_len)
    }
}

/// An AEAD from a RustCrypto crate: AES-GCM, AES-GMAC or ChaCha20-Poly1305.
struct CrateAead<A> {
    /// Algorithm and salt.
    params: Params,
    /// The keyed AEAD.
    aead: A,
}

impl<A> CrateAead<A>
where
    A: KeyInit + AeadInOut + AeadCore<NonceSize = U12> + Send + Sync + 'static,
{
    /// Keys the AEAD from `key || salt`.
    fn boxed(algorithm: EncryptionAlgorithm, keymat: &[u8]) -> Result<Box<dyn Aead>, CryptoError> {
        let (key, params) = Params::split(algorithm, keymat)?;
        let aead = A::new_from_slice(key)
            .map_err(|_| CryptoError::InvalidKeyLength { expected: algorithm.keymat_len(), got: keymat.len() })?;
        Ok(Box::new(Self { params, aead }))
    }
}

impl<A> Aead for CrateAead<A>
where
    A: KeyInit + AeadInOut + AeadCore<NonceSize = U12> + Send + Sync + 'static,
{
    fn algorithm(&self) -> EncryptionAlgorithm {
        self.params.algorithm
    }

    fn seal(&self, iv: &[u8], aad: &[u8], data: &mut [u8], tag: &mut [u8]) -> Result<(), CryptoError> {
        let nonce = self.params.nonce(iv, data, tag.len())?;
        let computed = self
            .aead
            .encrypt_inout_detached(<&Array<u8, U12>>::from(&*nonce), aad, data.into())
            .map_err(|_| CryptoError::InvalidLength)?;
        if computed.len() != tag.len() {
            return Err(CryptoError::InvalidLength);
        }
        tag.copy_from_slice(&computed);
        Ok(())
    }

    fn open(&self, iv: &[u8], aad: &[u8], data: &mut [u8], tag: &[u8]) -> Result<(), CryptoError> {
        let nonce = self.params.nonce(iv, data, tag.len())?;
        let tag = Array::<u8, A::TagSize>::try_from(tag).map_err(|_| CryptoError::InvalidLength)?;
        self.aead
            .decrypt_inout_detached(<&Array<u8, U12>>::from(&*nonce), aad, data.into(), &tag)
            .map_err(|_| CryptoError::AuthenticationFailed)
    }
}
