//! Diffie-Hellman: MODP, ECP and Curve25519.

use alloc::boxed::Box;

use crate::algorithm::DhGroup;
use crate::crypto::{CryptoError, CryptoRng, KeyExchange, KeyExchangeProvider};

/// RustCrypto key exchange.
#[derive(Debug)]
pub(crate) struct RustCryptoKeyExchange;

impl KeyExchangeProvider for RustCryptoKeyExchange {
    fn supports(&self, _group: DhGroup) -> bool {
        false
    }

    fn start(&self, _group: DhGroup, _rng: &mut dyn CryptoRng) -> Result<Box<dyn KeyExchange>, CryptoError> {
        Err(CryptoError::UnsupportedAlgorithm)
    }

    fn start_with_private(&self, _group: DhGroup, _private: &[u8]) -> Result<Box<dyn KeyExchange>, CryptoError> {
        Err(CryptoError::UnsupportedAlgorithm)
    }
}
