//! The default provider, built on the RustCrypto crates.
//!
//! Everything here is `no_std`, needs no C compiler and picks CPU acceleration (AES-NI,
//! VAES, PCLMULQDQ, SHA-NI, AVX2) at run time. Choices:
//!
//! * MODP groups use `crypto-bigint`'s `BoxedMontyForm`, which is constant-time in the
//!   private exponent (a variable-time bignum would leak it through timing), with the short
//!   exponents of [`DhGroup::private_exponent_bits`](crate::algorithm::DhGroup::private_exponent_bits).
//! * ECP groups use `p256`, `p384` and `p521`; Curve25519 uses `x25519-dalek`.
//! * `des` (DES and 3DES) uses table lookups and is not constant-time; both algorithms are
//!   deprecated and present for the configurations the Cisco guides show.

mod aead;
mod cipher;
mod hash;
mod kx;
mod mac;
mod xcbc;

use super::CryptoProvider;

/// The RustCrypto provider.
pub(crate) static PROVIDER: CryptoProvider = CryptoProvider {
    cipher: &cipher::RustCryptoCiphers,
    aead: &aead::RustCryptoAeads,
    mac: &mac::RustCryptoMacs,
    hash: &hash::RustCryptoHashes,
    key_exchange: &kx::RustCryptoKeyExchange,
};
