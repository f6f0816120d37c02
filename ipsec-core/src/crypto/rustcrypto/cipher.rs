//! CBC and CTR ciphers, and NULL.

use alloc::boxed::Box;

use crate::algorithm::EncryptionAlgorithm;
use crate::crypto::{Cipher, CipherProvider, CryptoError};

/// RustCrypto CBC/CTR ciphers.
#[derive(Debug)]
pub(crate) struct RustCryptoCiphers;

impl CipherProvider for RustCryptoCiphers {
    fn supports(&self, _algorithm: EncryptionAlgorithm) -> bool {
        false
    }

    fn new_cipher(&self, _algorithm: EncryptionAlgorithm, _key: &[u8]) -> Result<Box<dyn Cipher>, CryptoError> {
        Err(CryptoError::UnsupportedAlgorithm)
    }
}
