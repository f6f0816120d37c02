//! MD5, SHA-1 and SHA-2.

use crate::algorithm::HashAlgorithm;
use crate::crypto::{CryptoError, HashProvider};

/// RustCrypto hashes.
#[derive(Debug)]
pub(crate) struct RustCryptoHashes;

impl HashProvider for RustCryptoHashes {
    fn supports(&self, _algorithm: HashAlgorithm) -> bool {
        false
    }

    fn hash(&self, _algorithm: HashAlgorithm, _parts: &[&[u8]], _out: &mut [u8]) -> Result<(), CryptoError> {
        Err(CryptoError::UnsupportedAlgorithm)
    }
}
