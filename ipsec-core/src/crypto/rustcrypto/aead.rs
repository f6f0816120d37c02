//! AES-GCM, AES-GMAC and ChaCha20-Poly1305.

use alloc::boxed::Box;

use crate::algorithm::EncryptionAlgorithm;
use crate::crypto::{Aead, AeadProvider, CryptoError};

/// RustCrypto AEADs.
#[derive(Debug)]
pub(crate) struct RustCryptoAeads;

impl AeadProvider for RustCryptoAeads {
    fn supports(&self, _algorithm: EncryptionAlgorithm) -> bool {
        false
    }

    fn new_aead(&self, _algorithm: EncryptionAlgorithm, _keymat: &[u8]) -> Result<Box<dyn Aead>, CryptoError> {
        Err(CryptoError::UnsupportedAlgorithm)
    }
}
