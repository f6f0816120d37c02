//! CBC and CTR ciphers, and NULL.
//!
//! * DES-CBC (RFC 2405), 3DES EDE3-CBC (RFC 2451) and AES-CBC (RFC 3602) encrypt whole blocks
//!   in place; ESP and IKE pad the payload themselves, so a length that is not a multiple of
//!   the block size is refused rather than padded.
//! * AES-CTR follows RFC 3686 §4: the counter block is the 4-byte nonce from the key material,
//!   the 8-byte per-packet IV and a 32-bit big-endian block counter that starts at 1.
//! * NULL (RFC 2410) leaves the data as it is.
//!
//! Each object expands its key once, in [`RustCryptoCiphers::new_cipher`]; the per-packet
//! calls run the mode over a borrowed key schedule and do not allocate.
//!
//! Zeroization: the `des` and `aes` key schedules zeroize on drop (the workspace enables the
//! crates' `zeroize` features), and so does the RFC 3686 nonce kept beside them.

use alloc::boxed::Box;

use aes::cipher::array::{Array, ArraySize};
use aes::cipher::typenum::Unsigned;
use aes::cipher::{
    BlockCipherDecrypt, BlockCipherEncrypt, BlockModeDecrypt, BlockModeEncrypt, InnerIvInit, KeyInit, StreamCipherCore,
    consts::U16,
};
use zeroize::Zeroizing;

use crate::algorithm::{AesKeyLen, EncryptionAlgorithm};
use crate::crypto::{Cipher, CipherProvider, CryptoError};

/// Length of the RFC 3686 nonce that follows the AES key in the AES-CTR key material.
const CTR_NONCE_LEN: usize = 4;
/// Length of the RFC 3686 per-packet IV.
const CTR_IV_LEN: usize = 8;

/// RustCrypto CBC/CTR ciphers.
#[derive(Debug)]
pub(crate) struct RustCryptoCiphers;

impl CipherProvider for RustCryptoCiphers {
    fn supports(&self, algorithm: EncryptionAlgorithm) -> bool {
        match algorithm {
            EncryptionAlgorithm::Null
            | EncryptionAlgorithm::DesCbc
            | EncryptionAlgorithm::TripleDesCbc
            | EncryptionAlgorithm::AesCbc(_)
            | EncryptionAlgorithm::AesCtr(_) => true,
            EncryptionAlgorithm::AesGcm(..)
            | EncryptionAlgorithm::AesGmac(_)
            | EncryptionAlgorithm::ChaCha20Poly1305 => false,
        }
    }

    fn new_cipher(&self, algorithm: EncryptionAlgorithm, key: &[u8]) -> Result<Box<dyn Cipher>, CryptoError> {
        if !self.supports(algorithm) {
            return Err(CryptoError::UnsupportedAlgorithm);
        }
        let expected = algorithm.keymat_len();
        if key.len() != expected {
            return Err(CryptoError::InvalidKeyLength { expected, got: key.len() });
        }
        match algorithm {
            EncryptionAlgorithm::Null => Ok(Box::new(NullCipher)),
            EncryptionAlgorithm::DesCbc => CbcCipher::<des::Des>::boxed(algorithm, key),
            EncryptionAlgorithm::TripleDesCbc => CbcCipher::<des::TdesEde3>::boxed(algorithm, key),
            EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128) => CbcCipher::<aes::Aes128>::boxed(algorithm, key),
            EncryptionAlgorithm::AesCbc(AesKeyLen::Aes192) => CbcCipher::<aes::Aes192>::boxed(algorithm, key),
            EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256) => CbcCipher::<aes::Aes256>::boxed(algorithm, key),
            EncryptionAlgorithm::AesCtr(AesKeyLen::Aes128) => CtrCipher::<aes::Aes128Enc>::boxed(algorithm, key),
            EncryptionAlgorithm::AesCtr(AesKeyLen::Aes192) => CtrCipher::<aes::Aes192Enc>::boxed(algorithm, key),
            EncryptionAlgorithm::AesCtr(AesKeyLen::Aes256) => CtrCipher::<aes::Aes256Enc>::boxed(algorithm, key),
            EncryptionAlgorithm::AesGcm(..)
            | EncryptionAlgorithm::AesGmac(_)
            | EncryptionAlgorithm::ChaCha20Poly1305 => Err(CryptoError::UnsupportedAlgorithm),
        }
    }
}

/// Checks an explicit IV against the length the algorithm requires.
fn check_iv(algorithm: EncryptionAlgorithm, iv: &[u8]) -> Result<(), CryptoError> {
    let expected = algorithm.iv_len();
    if iv.len() == expected { Ok(()) } else { Err(CryptoError::InvalidIvLength { expected, got: iv.len() }) }
}

/// Views `data` as whole cipher blocks, or fails with [`CryptoError::InvalidLength`] when a
/// partial block is left over (CBC does not pad, RFC 2405 §5, RFC 2451 §2.3, RFC 3602 §2.4).
fn whole_blocks<N: ArraySize>(data: &mut [u8]) -> Result<&mut [Array<u8, N>], CryptoError> {
    let (blocks, tail) = Array::<u8, N>::slice_as_chunks_mut(data);
    if tail.is_empty() { Ok(blocks) } else { Err(CryptoError::InvalidLength) }
}

/// NULL encryption (RFC 2410 §2): no key, no IV, the data passes unchanged.
struct NullCipher;

impl Cipher for NullCipher {
    fn algorithm(&self) -> EncryptionAlgorithm {
        EncryptionAlgorithm::Null
    }

    fn encrypt(&self, iv: &[u8], _data: &mut [u8]) -> Result<(), CryptoError> {
        check_iv(EncryptionAlgorithm::Null, iv)
    }

    fn decrypt(&self, iv: &[u8], _data: &mut [u8]) -> Result<(), CryptoError> {
        check_iv(EncryptionAlgorithm::Null, iv)
    }
}

/// A block cipher in CBC mode with an explicit per-packet IV (RFC 2405 §2, RFC 2451 §2,
/// RFC 3602 §2). `C` holds both the encryption and the decryption key schedule.
struct CbcCipher<C> {
    /// The catalogue entry, for [`Cipher::algorithm`].
    algorithm: EncryptionAlgorithm,
    /// The expanded key.
    cipher: C,
}

impl<C> CbcCipher<C>
where
    C: KeyInit + BlockCipherEncrypt + BlockCipherDecrypt + Send + Sync + 'static,
{
    /// Expands `key` (already checked against the catalogue length) and boxes the cipher.
    fn boxed(algorithm: EncryptionAlgorithm, key: &[u8]) -> Result<Box<dyn Cipher>, CryptoError> {
        let cipher = C::new_from_slice(key)
            .map_err(|_| CryptoError::InvalidKeyLength { expected: C::KeySize::USIZE, got: key.len() })?;
        Ok(Box::new(Self { algorithm, cipher }))
    }

    /// The IV as a cipher block, after the length check.
    fn iv_block(&self, iv: &[u8]) -> Result<Array<u8, C::BlockSize>, CryptoError> {
        check_iv(self.algorithm, iv)?;
        Array::try_from(iv).map_err(|_| CryptoError::InvalidIvLength { expected: C::BlockSize::USIZE, got: iv.len() })
    }
}

impl<C> Cipher for CbcCipher<C>
where
    C: KeyInit + BlockCipherEncrypt + BlockCipherDecrypt + Send + Sync + 'static,
{
    fn algorithm(&self) -> EncryptionAlgorithm {
        self.algorithm
    }

    fn encrypt(&self, iv: &[u8], data: &mut [u8]) -> Result<(), CryptoError> {
        let iv = self.iv_block(iv)?;
        let blocks = whole_blocks::<C::BlockSize>(data)?;
        cbc::Encryptor::<&C>::inner_iv_init(&self.cipher, &iv).encrypt_blocks(blocks);
        Ok(())
    }

    fn decrypt(&self, iv: &[u8], data: &mut [u8]) -> Result<(), CryptoError> {
        let iv = self.iv_block(iv)?;
        let blocks = whole_blocks::<C::BlockSize>(data)?;
        cbc::Decryptor::<&C>::inner_iv_init(&self.cipher, &iv).decrypt_blocks(blocks);
        Ok(())
    }
}

/// AES in counter mode as RFC 3686 §4 defines it for ESP: the key material is the AES key
/// followed by a 4-byte nonce (§5.1), the counter block is `nonce || iv || counter` with a
/// 32-bit big-endian counter starting at 1. Encryption and decryption are the same operation.
struct CtrCipher<C> {
    /// The catalogue entry, for [`Cipher::algorithm`].
    algorithm: EncryptionAlgorithm,
    /// The expanded AES key (encryption direction only: CTR never decrypts blocks).
    cipher: C,
    /// The nonce from the key material (RFC 3686 §5.1).
    nonce: Zeroizing<[u8; CTR_NONCE_LEN]>,
}

impl<C> CtrCipher<C>
where
    C: KeyInit + BlockCipherEncrypt<BlockSize = U16> + Send + Sync + 'static,
{
    /// Splits the key material into key and nonce, expands the key and boxes the cipher.
    fn boxed(algorithm: EncryptionAlgorithm, keymat: &[u8]) -> Result<Box<dyn Cipher>, CryptoError> {
        let invalid = CryptoError::InvalidKeyLength { expected: algorithm.keymat_len(), got: keymat.len() };
        let split = keymat.len().checked_sub(CTR_NONCE_LEN).ok_or(invalid)?;
        let (key, nonce_bytes) = keymat.split_at(split);
        let cipher = C::new_from_slice(key).map_err(|_| invalid)?;
        let mut nonce = Zeroizing::new([0u8; CTR_NONCE_LEN]);
        nonce.copy_from_slice(nonce_bytes);
        Ok(Box::new(Self { algorithm, cipher, nonce }))
    }

    /// XORs the RFC 3686 key stream for `iv` into `data`.
    fn apply(&self, iv: &[u8], data: &mut [u8]) -> Result<(), CryptoError> {
        check_iv(self.algorithm, iv)?;
        let mut counter_block = Zeroizing::new(Array::<u8, U16>::default());
        let (nonce_part, rest) = counter_block.split_at_mut(CTR_NONCE_LEN);
        let (iv_part, count_part) = rest.split_at_mut(CTR_IV_LEN);
        nonce_part.copy_from_slice(self.nonce.as_slice());
        iv_part.copy_from_slice(iv);
        count_part.copy_from_slice(&1u32.to_be_bytes());
        let ctr = ctr::CtrCore::<&C, ctr::flavors::Ctr32BE>::inner_iv_init(&self.cipher, &counter_block);
        // Fails only past 2^32 - 1 blocks (64 GiB), far beyond any IP packet.
        ctr.try_apply_keystream_partial(data.into()).map_err(|_| CryptoError::InvalidLength)
    }
}

impl<C> Cipher for CtrCipher<C>
where
    C: KeyInit + BlockCipherEncrypt<BlockSize = U16> + Send + Sync + 'static,
{
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
