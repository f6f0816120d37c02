//! The provider struct.

use super::{AeadProvider, CipherProvider, HashProvider, KeyExchangeProvider, MacProvider};
use crate::algorithm::{DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm};

/// Every cryptographic capability the family uses, one trait object per kind.
///
/// Build one from parts to combine backends, e.g. a hardware AEAD with the software rest:
///
/// ```
/// # #[cfg(feature = "rustcrypto")] {
/// use ipsec_core::crypto::CryptoProvider;
/// let software = CryptoProvider::rustcrypto();
/// let mixed = CryptoProvider { aead: software.aead /* or a hardware engine */, ..*software };
/// assert!(mixed.supports_dh(ipsec_core::algorithm::DhGroup::Modp2048));
/// # }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct CryptoProvider {
    /// CBC and CTR ciphers, and NULL.
    pub cipher: &'static dyn CipherProvider,
    /// Combined-mode ciphers.
    pub aead: &'static dyn AeadProvider,
    /// HMACs and AES-XCBC, for integrity and PRFs.
    pub mac: &'static dyn MacProvider,
    /// Plain hashes.
    pub hash: &'static dyn HashProvider,
    /// Diffie-Hellman groups.
    pub key_exchange: &'static dyn KeyExchangeProvider,
}

impl CryptoProvider {
    /// The provider built on the RustCrypto crates.
    #[cfg(feature = "rustcrypto")]
    #[must_use]
    pub fn rustcrypto() -> &'static CryptoProvider {
        &super::rustcrypto::PROVIDER
    }

    /// The provider built on `aws-lc-rs`, with the RustCrypto provider for what `aws-lc-rs`
    /// lacks (feature `aws-lc`, `std` only); see [`awslc`](super::awslc).
    #[cfg(feature = "aws-lc")]
    #[must_use]
    pub fn aws_lc() -> &'static CryptoProvider {
        super::awslc::provider()
    }

    /// True when the provider can run the encryption algorithm (as a cipher or an AEAD).
    #[must_use]
    pub fn supports_encryption(&self, algorithm: EncryptionAlgorithm) -> bool {
        if algorithm.is_aead() { self.aead.supports(algorithm) } else { self.cipher.supports(algorithm) }
    }

    /// True when the provider can run the integrity algorithm.
    #[must_use]
    pub fn supports_integrity(&self, algorithm: IntegrityAlgorithm) -> bool {
        self.mac.supports(algorithm.mac())
    }

    /// True when the provider can run the PRF.
    #[must_use]
    pub fn supports_prf(&self, algorithm: PrfAlgorithm) -> bool {
        self.mac.supports(algorithm.mac())
    }

    /// True when the provider implements the Diffie-Hellman group.
    #[must_use]
    pub fn supports_dh(&self, group: DhGroup) -> bool {
        self.key_exchange.supports(group)
    }
}
