//! HMACs and AES-XCBC.

use alloc::boxed::Box;

use crate::algorithm::MacAlgorithm;
use crate::crypto::{CryptoError, Mac, MacProvider};

/// RustCrypto MACs.
#[derive(Debug)]
pub(crate) struct RustCryptoMacs;

impl MacProvider for RustCryptoMacs {
    fn supports(&self, _algorithm: MacAlgorithm) -> bool {
        false
    }

    fn new_mac(&self, _algorithm: MacAlgorithm, _key: &[u8]) -> Result<Box<dyn Mac>, CryptoError> {
        Err(CryptoError::UnsupportedAlgorithm)
    }
}
