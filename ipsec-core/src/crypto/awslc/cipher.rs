//! AES-CBC and AES-CTR on `aws-lc-rs` (`cipher::EncryptingKey` and `DecryptingKey`, which do
//! not pad).
//!
//! * AES-CBC (RFC 3602) encrypts whole blocks in place with the explicit per-packet IV; ESP
//!   and IKE pad the payload themselves, so a length that is not a multiple of 16 is refused.
//! * AES-CTR follows RFC 3686 §4: the counter block is the 4-byte nonce from the key material,
//!   the 8-byte per-packet IV and a 32-bit big-endian block counter that starts at 1. AWS-LC
//!   increments the whole 128-bit block, which equals the 32-bit counter of RFC 3686 for the
//!   2^32 - 1 blocks that a counter starting at 1 allows; longer input is refused, as the
//!   RustCrypto provider does.
//! * NULL, DES-CBC and 3DES-CBC come from the RustCrypto provider.
//!
//! The keys are expanded once, in [`AwsLcCiphers::new_cipher`]; each call passes the IV or
//! counter block by value on the stack and does not allocate.
//!
//! Zeroization: `aws-lc-rs` zeroizes the AES key schedules when a key is dropped, and the IV
//! or counter block it takes after use; the RFC 3686 nonce kept here zeroizes on drop.

use alloc::boxed::Box;

use aws_lc_rs::cipher::{
    AES_128, AES_192, AES_256, Algorithm, DecryptingKey, DecryptionContext, EncryptingKey, EncryptionContext,
    UnboundCipherKey,
};
use aws_lc_rs::iv::FixedLength;
use zeroize::Zeroizing;

use super::{fallback, implements_encryption};
use crate::algorithm::{AesKeyLen, EncryptionAlgorithm};
use crate::crypto::{Cipher, CipherProvider, CryptoError};

/// The AES block size, which is also the length of the CBC IV and of the CTR counter block.
const AES_BLOCK_LEN: usize = 16;
/// Length of the RFC 3686 nonce that follows the AES key in the AES-CTR key material.
const CTR_NONCE_LEN: usize = 4;
/// Length of the RFC 3686 per-packet IV.
const CTR_IV_LEN: usize = 8;
/// Most bytes one AES-CTR call may process: 2^32 - 1 blocks, from counter 1 to the last
/// value of the 32-bit counter (RFC 3686 §4).
const CTR_MAX_BYTES: u64 = (u32::MAX as u64) * (AES_BLOCK_LEN as u64);

/// aws-lc-rs AES-CBC and AES-CTR, with RustCrypto for NULL, DES and 3DES.
#[derive(Debug)]
pub(crate) struct AwsLcCiphers;

impl CipherProvider for AwsLcCiphers {
    fn supports(&self, algorithm: EncryptionAlgorithm) -> bool {
        fallback().cipher.supports(algorithm)
    }

    fn new_cipher(&self, algorithm: EncryptionAlgorithm, key: &[u8]) -> Result<Box<dyn Cipher>, CryptoError> {
        if algorithm.is_aead() || !implements_encryption(algorithm) {
            return fallback().cipher.new_cipher(algorithm, key);
        }
        let expected = algorithm.keymat_len();
        if key.len() != expected {
            return Err(CryptoError::InvalidKeyLength { expected, got: key.len() });
        }
        let invalid = CryptoError::InvalidKeyLength { expected, got: key.len() };
        match algorithm {
            EncryptionAlgorithm::AesCbc(key_len) => {
                let lc = aes(key_len);
                let encrypt = EncryptingKey::cbc(unbound(lc, key, invalid)?).map_err(|_| invalid)?;
                let decrypt = DecryptingKey::cbc(unbound(lc, key, invalid)?).map_err(|_| invalid)?;
                Ok(Box::new(AwsLcCbc { algorithm, encrypt, decrypt }))
            }
            EncryptionAlgorithm::AesCtr(key_len) => {
                let split = key.len().checked_sub(CTR_NONCE_LEN).ok_or(invalid)?;
                let (aes_key, nonce_bytes) = key.split_at(split);
                let encrypt = EncryptingKey::ctr(unbound(aes(key_len), aes_key, invalid)?).map_err(|_| invalid)?;
                let mut nonce = Zeroizing::new([0u8; CTR_NONCE_LEN]);
                nonce.copy_from_slice(nonce_bytes);
                Ok(Box::new(AwsLcCtr { algorithm, encrypt, nonce }))
            }
            EncryptionAlgorithm::Null
            | EncryptionAlgorithm::DesCbc
            | EncryptionAlgorithm::TripleDesCbc
            | EncryptionAlgorithm::AesGcm(..)
            | EncryptionAlgorithm::AesGmac(_)
            | EncryptionAlgorithm::ChaCha20Poly1305 => Err(CryptoError::UnsupportedAlgorithm),
        }
    }
}

/// The `aws-lc-rs` block cipher for an AES key length.
const fn aes(key_len: AesKeyLen) -> &'static Algorithm {
    match key_len {
        AesKeyLen::Aes128 => &AES_128,
        AesKeyLen::Aes192 => &AES_192,
        AesKeyLen::Aes256 => &AES_256,
    }
}

/// An unbound AES key; a length the algorithm refuses becomes `invalid`.
fn unbound(algorithm: &'static Algorithm, key: &[u8], invalid: CryptoError) -> Result<UnboundCipherKey, CryptoError> {
    UnboundCipherKey::new(algorithm, key).map_err(|_| invalid)
}

/// Checks an explicit IV against the length the algorithm requires.
fn check_iv(algorithm: EncryptionAlgorithm, iv: &[u8]) -> Result<(), CryptoError> {
    let expected = algorithm.iv_len();
    if iv.len() == expected { Ok(()) } else { Err(CryptoError::InvalidIvLength { expected, got: iv.len() }) }
}

/// A 16-byte IV or counter block for `aws-lc-rs`, which zeroizes it after use.
fn block(bytes: &[u8]) -> Result<FixedLength<AES_BLOCK_LEN>, CryptoError> {
    FixedLength::try_from(bytes).map_err(|_| CryptoError::InvalidIvLength { expected: AES_BLOCK_LEN, got: bytes.len() })
}

/// AES in CBC mode with an explicit per-packet IV (RFC 3602 §2).
struct AwsLcCbc {
    /// The catalogue entry, for [`Cipher::algorithm`].
    algorithm: EncryptionAlgorithm,
    /// The encryption key schedule.
    encrypt: EncryptingKey,
    /// The decryption key schedule.
    decrypt: DecryptingKey,
}

impl AwsLcCbc {
    /// Checks the IV and that `data` is whole blocks (CBC does not pad, RFC 3602 §2.4), and
    /// returns the IV.
    fn check(&self, iv: &[u8], data: &[u8]) -> Result<FixedLength<AES_BLOCK_LEN>, CryptoError> {
        check_iv(self.algorithm, iv)?;
        let iv = block(iv)?;
        if data.len().is_multiple_of(AES_BLOCK_LEN) { Ok(iv) } else { Err(CryptoError::InvalidLength) }
    }
}

impl Cipher for AwsLcCbc {
    fn algorithm(&self) -> EncryptionAlgorithm {
        self.algorithm
    }

    fn encrypt(&self, iv: &[u8], data: &mut [u8]) -> Result<(), CryptoError> {
        let iv = self.check(iv, data)?;
        self.encrypt.less_safe_encrypt(data, EncryptionContext::Iv128(iv)).map_err(|_| CryptoError::InvalidLength)?;
        Ok(())
    }

    fn decrypt(&self, iv: &[u8], data: &mut [u8]) -> Result<(), CryptoError> {
        let iv = self.check(iv, data)?;
        self.decrypt.decrypt(data, DecryptionContext::Iv128(iv)).map_err(|_| CryptoError::InvalidLength)?;
        Ok(())
    }
}

/// AES in counter mode as RFC 3686 §4 defines it for ESP. Encryption and decryption are the
/// same operation.
struct AwsLcCtr {
    /// The catalogue entry, for [`Cipher::algorithm`].
    algorithm: EncryptionAlgorithm,
    /// The expanded AES key in CTR mode.
    encrypt: EncryptingKey,
    /// The nonce from the key material (RFC 3686 §5.1).
    nonce: Zeroizing<[u8; CTR_NONCE_LEN]>,
}

impl AwsLcCtr {
    /// XORs the RFC 3686 key stream for `iv` into `data`.
    fn apply(&self, iv: &[u8], data: &mut [u8]) -> Result<(), CryptoError> {
        check_iv(self.algorithm, iv)?;
        if u64::try_from(data.len()).map_or(true, |len| len > CTR_MAX_BYTES) {
            return Err(CryptoError::InvalidLength);
        }
        let mut counter_block = Zeroizing::new([0u8; AES_BLOCK_LEN]);
        let (nonce_part, rest) = counter_block.split_at_mut(CTR_NONCE_LEN);
        let (iv_part, count_part) = rest.split_at_mut(CTR_IV_LEN);
        nonce_part.copy_from_slice(self.nonce.as_slice());
        iv_part.copy_from_slice(iv);
        count_part.copy_from_slice(&1u32.to_be_bytes());
        let context = EncryptionContext::Iv128(FixedLength::from(*counter_block));
        self.encrypt.less_safe_encrypt(data, context).map_err(|_| CryptoError::InvalidLength)?;
        Ok(())
    }
}

impl Cipher for AwsLcCtr {
    fn algorithm(&self) -> EncryptionAlgorithm {
        self.algorithm
    }

    fn encrypt(&self, iv: &[u8], data: &mut [u8]) -> Result<(), CryptoError> {
        self.apply(iv, data)
    }

    fn decrypt(&self, iv: &[u8], data: &mut [u8]) -> Result<(), CryptoError> {
        self.apply(iv, data)
    }
}
