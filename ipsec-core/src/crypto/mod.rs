//! The crypto provider: every cryptographic operation of the family goes through it.
//!
//! A [`CryptoProvider`] is a plain struct of trait objects, one per kind of primitive, in the
//! manner of rustls' provider: an embedder that has an AES engine in hardware replaces
//! [`CryptoProvider::aead`] and keeps the rest. Objects are created per key (per SA, per IKE
//! SA) and then used without allocation: ciphers and AEADs work in place on caller buffers,
//! MACs take their input as a list of slices so that scattered headers need no copy.
//!
//! With the default `rustcrypto` feature, [`CryptoProvider::rustcrypto`] returns a provider
//! built on the RustCrypto crates (`aes`, `des`, `cbc`, `ctr`, `aes-gcm`, `chacha20poly1305`,
//! `hmac`, `sha1`, `sha2`, `md-5`, `crypto-bigint`, `p256`, `p384`, `p521`, `x25519-dalek`).
//! It is `no_std`, needs no C compiler, and its MODP arithmetic is constant-time.
//!
//! [`kdf`] holds the key-derivation helpers that IKE needs on top of a PRF: `prf+` (RFC 7296
//! §2.13) and the IKEv1 expansions of RFC 2409 §5.5 and Appendix B.

#[cfg(feature = "aws-lc")]
pub mod awslc;
mod error;
#[cfg(any(feature = "rustcrypto", feature = "aws-lc"))]
mod esp_nonce;
pub mod kdf;
mod provider;
#[cfg(feature = "rustcrypto")]
pub mod rustcrypto;
mod traits;

pub use error::CryptoError;
pub use provider::CryptoProvider;
pub use traits::{
    Aead, AeadProvider, Cipher, CipherProvider, HashProvider, KeyExchange, KeyExchangeProvider, Mac, MacContext,
    MacProvider,
};

/// The random number generator the family takes from its callers: any infallible
/// cryptographically secure generator (`rand_core` 0.10). With `getrandom`, use
/// `rand_core::UnwrapErr(getrandom::SysRng)`.
pub use rand_core::CryptoRng;
