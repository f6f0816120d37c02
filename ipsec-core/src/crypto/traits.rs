//! The provider traits and the per-key objects they create.

use alloc::boxed::Box;
use core::fmt::Debug;

use super::{CryptoError, CryptoRng};
use crate::algorithm::{DhGroup, EncryptionAlgorithm, HashAlgorithm, MacAlgorithm};
use crate::secret::SecretBytes;

/// Creates keyed ciphers in CBC or CTR mode, and NULL.
pub trait CipherProvider: Send + Sync + Debug {
    /// True when [`new_cipher`](Self::new_cipher) accepts the algorithm.
    fn supports(&self, algorithm: EncryptionAlgorithm) -> bool;

    /// Keys a cipher. `key` is the algorithm's key material
    /// ([`keymat_len`](EncryptionAlgorithm::keymat_len) bytes: for AES-CTR the key followed by
    /// the 4-byte nonce of RFC 3686 §5.1). Combined-mode algorithms are refused here; use
    /// [`AeadProvider`].
    ///
    /// # Errors
    /// [`CryptoError::UnsupportedAlgorithm`] or [`CryptoError::InvalidKeyLength`].
    fn new_cipher(&self, algorithm: EncryptionAlgorithm, key: &[u8]) -> Result<Box<dyn Cipher>, CryptoError>;
}

/// A keyed cipher that encrypts and decrypts in place.
pub trait Cipher: Send + Sync {
    /// The algorithm.
    fn algorithm(&self) -> EncryptionAlgorithm;

    /// Encrypts `data` in place. `iv` is the explicit per-packet IV
    /// ([`iv_len`](EncryptionAlgorithm::iv_len) bytes). For CBC `data` must be a whole number
    /// of blocks (the caller pads, as ESP and IKE define their own padding); CTR takes any
    /// length, with the counter block `nonce || iv || 1` of RFC 3686 §4.
    ///
    /// # Errors
    /// [`CryptoError::InvalidIvLength`] or [`CryptoError::InvalidLength`].
    fn encrypt(&self, iv: &[u8], data: &mut [u8]) -> Result<(), CryptoError>;

    /// Decrypts `data` in place; the same rules as [`encrypt`](Self::encrypt).
    ///
    /// # Errors
    /// [`CryptoError::InvalidIvLength`] or [`CryptoError::InvalidLength`].
    fn decrypt(&self, iv: &[u8], data: &mut [u8]) -> Result<(), CryptoError>;
}

/// Creates keyed combined-mode ciphers: AES-GCM, AES-GMAC, ChaCha20-Poly1305.
pub trait AeadProvider: Send + Sync + Debug {
    /// True when [`new_aead`](Self::new_aead) accepts the algorithm.
    fn supports(&self, algorithm: EncryptionAlgorithm) -> bool;

    /// Keys an AEAD from its key material: the key followed by the 4-byte salt (RFC 4106
    /// §8.1, RFC 4543 §5, RFC 7634 §2), exactly as IKE derives it.
    ///
    /// # Errors
    /// [`CryptoError::UnsupportedAlgorithm`] or [`CryptoError::InvalidKeyLength`].
    fn new_aead(&self, algorithm: EncryptionAlgorithm, keymat: &[u8]) -> Result<Box<dyn Aead>, CryptoError>;
}

/// A keyed AEAD that seals and opens in place with a detached tag.
///
/// The nonce is `salt || iv`: the salt comes from the key material, the 8-byte `iv` is the
/// explicit per-packet IV (RFC 4106 §4, RFC 7634 §2). For AES-GMAC everything to be
/// authenticated goes in `aad` and `data` is empty (RFC 4543 §3).
pub trait Aead: Send + Sync {
    /// The algorithm.
    fn algorithm(&self) -> EncryptionAlgorithm;

    /// Encrypts `data` in place and writes the ICV into `tag`, which must be exactly
    /// [`icv_len`](EncryptionAlgorithm::icv_len) bytes.
    ///
    /// # Errors
    /// [`CryptoError::InvalidIvLength`] or [`CryptoError::InvalidLength`].
    fn seal(&self, iv: &[u8], aad: &[u8], data: &mut [u8], tag: &mut [u8]) -> Result<(), CryptoError>;

    /// Checks `tag` over `aad` and `data` and decrypts `data` in place. On failure the
    /// contents of `data` are unspecified and must be discarded.
    ///
    /// # Errors
    /// [`CryptoError::AuthenticationFailed`], [`CryptoError::InvalidIvLength`] or
    /// [`CryptoError::InvalidLength`].
    fn open(&self, iv: &[u8], aad: &[u8], data: &mut [u8], tag: &[u8]) -> Result<(), CryptoError>;
}

/// Creates keyed MACs (HMACs, AES-XCBC) for integrity transforms and PRFs.
pub trait MacProvider: Send + Sync + Debug {
    /// True when [`new_mac`](Self::new_mac) accepts the algorithm.
    fn supports(&self, algorithm: MacAlgorithm) -> bool;

    /// Keys a MAC. HMAC and AES-XCBC-PRF-128 take any key length; AES-XCBC-MAC takes 16 bytes.
    ///
    /// # Errors
    /// [`CryptoError::UnsupportedAlgorithm`] or [`CryptoError::InvalidKeyLength`].
    fn new_mac(&self, algorithm: MacAlgorithm, key: &[u8]) -> Result<Box<dyn Mac>, CryptoError>;
}

/// A keyed MAC. One object serves any number of messages; computing does not allocate.
pub trait Mac: Send + Sync {
    /// The algorithm.
    fn algorithm(&self) -> MacAlgorithm;

    /// Full output length in bytes.
    fn output_len(&self) -> usize {
        self.algorithm().output_len()
    }

    /// Computes the MAC of the concatenation of `parts` and writes its first `out.len()`
    /// bytes (a truncated ICV when `out` is shorter than the output).
    ///
    /// # Errors
    /// [`CryptoError::InvalidLength`] when `out` is longer than the output.
    fn compute(&self, parts: &[&[u8]], out: &mut [u8]) -> Result<(), CryptoError>;

    /// Checks `expected` against the first `expected.len()` bytes of the MAC of `parts`, in
    /// constant time.
    ///
    /// # Errors
    /// [`CryptoError::AuthenticationFailed`], or [`CryptoError::InvalidLength`] when
    /// `expected` is empty or longer than the output.
    fn verify(&self, parts: &[&[u8]], expected: &[u8]) -> Result<(), CryptoError> {
        let mut full = [0u8; 64];
        let out = full.get_mut(..expected.len()).filter(|o| !o.is_empty()).ok_or(CryptoError::InvalidLength)?;
        self.compute(parts, out)?;
        let ok = crate::secret::ct_eq(out, expected);
        zeroize::Zeroize::zeroize(&mut full);
        if ok { Ok(()) } else { Err(CryptoError::AuthenticationFailed) }
    }

    /// Starts an incremental computation, for input that arrives in pieces.
    fn begin(&self) -> Box<dyn MacContext + '_>;
}

/// An incremental MAC computation.
pub trait MacContext {
    /// Feeds more input.
    fn update(&mut self, data: &[u8]);

    /// Finishes and writes the first `out.len()` bytes of the MAC.
    ///
    /// # Errors
    /// [`CryptoError::InvalidLength`] when `out` is longer than the output.
    fn finish(self: Box<Self>, out: &mut [u8]) -> Result<(), CryptoError>;
}

/// Computes plain hashes.
pub trait HashProvider: Send + Sync + Debug {
    /// True when [`hash`](Self::hash) accepts the algorithm.
    fn supports(&self, algorithm: HashAlgorithm) -> bool;

    /// Hashes the concatenation of `parts` and writes the first `out.len()` bytes of the
    /// digest.
    ///
    /// # Errors
    /// [`CryptoError::UnsupportedAlgorithm`], or [`CryptoError::InvalidLength`] when `out` is
    /// longer than the digest.
    fn hash(&self, algorithm: HashAlgorithm, parts: &[&[u8]], out: &mut [u8]) -> Result<(), CryptoError>;
}

/// Runs Diffie-Hellman key exchanges.
pub trait KeyExchangeProvider: Send + Sync + Debug {
    /// True when the provider implements the group.
    fn supports(&self, group: DhGroup) -> bool;

    /// Generates a private key with `rng` and returns the exchange, ready to give its public
    /// value.
    ///
    /// # Errors
    /// [`CryptoError::UnsupportedAlgorithm`].
    fn start(&self, group: DhGroup, rng: &mut dyn CryptoRng) -> Result<Box<dyn KeyExchange>, CryptoError>;

    /// Starts an exchange from a given private key: a big-endian exponent for MODP groups, a
    /// big-endian scalar for ECP groups, the 32-byte scalar of RFC 7748 for Curve25519. For
    /// known-answer tests and for embedders that keep keys elsewhere; a real exchange uses
    /// [`start`](Self::start).
    ///
    /// # Errors
    /// [`CryptoError::UnsupportedAlgorithm`] or [`CryptoError::InvalidPrivateKey`].
    fn start_with_private(&self, group: DhGroup, private: &[u8]) -> Result<Box<dyn KeyExchange>, CryptoError>;
}

/// One side of a Diffie-Hellman exchange in progress. Dropping it erases the private key.
pub trait KeyExchange: Send + Sync {
    /// The group.
    fn group(&self) -> DhGroup;

    /// The public value to send in the KE payload, encoded as the IKE RFCs define
    /// ([`public_value_len`](DhGroup::public_value_len) bytes).
    fn public_value(&self) -> &[u8];

    /// Checks the peer's public value and computes the shared secret `g^ir`, encoded as
    /// IKE uses it ([`shared_secret_len`](DhGroup::shared_secret_len) bytes).
    ///
    /// Checks (RFC 6989): MODP values must lie in `[2, p-2]`, and for the RFC 5114 groups
    /// also `y^q = 1 mod p`; ECP points must be on the curve; Curve25519 rejects the all-zero
    /// result (RFC 7748 §6.1).
    ///
    /// # Errors
    /// [`CryptoError::InvalidPublicValue`] or [`CryptoError::DegenerateSharedSecret`].
    fn complete(self: Box<Self>, peer_public: &[u8]) -> Result<SecretBytes, CryptoError>;
}
