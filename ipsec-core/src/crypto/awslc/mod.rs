//! A second provider, built on `aws-lc-rs` (AWS-LC, a C and assembly library), for `std`
//! targets that want the fastest data path; feature `aws-lc`.
//!
//! Measured on this project's machine at 1400 bytes (`BENCHMARKS.md`, "ipsec-core: aws-lc-rs
//! provider"), it seals AES-GCM with the 16-byte ICV about 3 to 4 times as fast as the RustCrypto
//! provider, ChaCha20-Poly1305 about 2.5 times, AES-GMAC 2 to 3 times, AES-CBC and AES-CTR 1.1
//! to 1.4 times, and runs ECDH 2 to 3 times as fast. HMAC-SHA-1 and HMAC-SHA-256 are the
//! exception: through `aws-lc-rs` they are about 0.8 to 0.9 times as fast at 1400 bytes and 0.7
//! times at 64 bytes, because every message pays for a copy and a cleanse of the whole keyed
//! `HMAC_CTX`; HMAC-SHA-384/512 are even or faster.
//!
//! The crate needs `std` and a C compiler (its `cc` builder; no cmake, clang or NASM on x86-64
//! Linux), so it is never part of the `no_std` build.
//!
//! # What runs where
//!
//! The provider is a [`CryptoProvider`] like any other and supports the whole catalogue. What
//! `aws-lc-rs` cannot do is delegated, object by object, to the RustCrypto provider
//! ([`CryptoProvider::rustcrypto`]), which the `aws-lc` feature therefore enables too:
//!
//! * **AEADs.** AWS-LC: AES-GCM (128/192/256) with the 16-byte ICV, AES-GMAC (128/192/256),
//!   ChaCha20-Poly1305. RustCrypto: AES-GCM with 8- and 12-byte ICVs, because `aws-lc-rs` only
//!   produces and checks full 16-byte GCM tags.
//! * **Ciphers.** AWS-LC: AES-CBC and AES-CTR (128/192/256). RustCrypto: NULL, DES-CBC and
//!   3DES-CBC (`aws-lc-rs` has DES only behind its `legacy-des` feature; deprecated ciphers do
//!   not get a second implementation).
//! * **MACs and PRFs.** AWS-LC: HMAC-SHA-384/512. RustCrypto: HMAC-SHA-1 and HMAC-SHA-256 (faster
//!   there, see [`implements_mac`]), HMAC-MD5 (no MD5 in `aws-lc-rs`), AES-XCBC-MAC-96 and
//!   AES-XCBC-PRF-128.
//! * **Hashes.** AWS-LC: SHA-1, SHA-256, SHA-384, SHA-512. RustCrypto: MD5.
//! * **Diffie-Hellman.** AWS-LC: groups 19, 20, 21 (P-256, P-384, P-521) and 31 (X25519).
//!   RustCrypto: every MODP group (1, 2, 5, 14-18, 22-24), as `aws-lc-rs` has no finite-field
//!   Diffie-Hellman.
//!
//! [`implements_encryption`], [`implements_mac`], [`implements_hash`] and [`implements_dh`]
//! tell, per algorithm, whether AWS-LC runs it.
//!
//! # Behaviour
//!
//! Each native object behaves exactly as its RustCrypto counterpart: same inputs (key material
//! with salt or nonce, explicit IVs, IKE encodings of public values), same outputs, same typed
//! errors in the same order of checks. The cross-provider tests in `tests/` hold both to that.
//!
//! * Key exchanges draw their private keys from the caller's generator, as the trait requires
//!   (the scalar is sampled by rejection from the caller's bytes and handed to AWS-LC with
//!   `PrivateKey::from_private_key`), so `start_with_private` works and the known-answer tests
//!   of RFC 5903 and RFC 7748 run on AWS-LC too.
//! * Per-key objects are built once per SA; sealing, opening, encrypting, decrypting and
//!   computing a MAC then run without heap allocation (the AEAD nonce, CBC IV and CTR counter
//!   block live on the stack, the keyed HMAC state is copied by value for each message).
//!
//! # Zeroization
//!
//! `aws-lc-rs` erases its own key material, and this module relies on it:
//!
//! * AES key schedules (`cipher`) zeroize on drop, and so do the IV and counter-block contexts
//!   and the AEAD nonces it takes by value;
//! * the AEAD context (AES-GCM key schedule and GHASH key, or the ChaCha20 key) is a heap
//!   block that `EVP_AEAD_CTX_free` releases through `OPENSSL_free`, which cleanses it; the
//!   keyed HMAC state and each per-message copy of it are flat structs that `HMAC_CTX_cleanup`
//!   wipes (`OPENSSL_cleanse`) on drop;
//! * the EC and X25519 private keys live in AWS-LC `EVP_PKEY` objects, and AWS-LC's
//!   `OPENSSL_free` cleanses every heap block it frees; the raw ECDH output comes back in a
//!   `Zeroizing` buffer.
//!
//! What this module keeps itself zeroizes on drop: the AEAD salt, the RFC 3686 nonce, the
//! nonce and counter blocks it assembles, and the private-key bytes it draws from the caller's
//! generator. One gap remains: `aws-lc-rs` returns an HMAC tag or a digest as a plain `Copy`
//! value (`hmac::Tag`, `digest::Digest`) that this crate cannot wipe, so the full output of a
//! PRF computation (for instance `SKEYSEED` or a `prf+` block) stays on the stack until it is
//! overwritten. The RustCrypto provider zeroizes that copy.

mod aead;
mod cipher;
mod hash;
mod kx;
mod mac;

use super::CryptoProvider;
use crate::algorithm::{DhGroup, EncryptionAlgorithm, GcmIcvLen, HashAlgorithm, MacAlgorithm};

/// The aws-lc-rs provider, with the RustCrypto fallbacks.
pub(crate) static PROVIDER: CryptoProvider = CryptoProvider {
    cipher: &cipher::AwsLcCiphers,
    aead: &aead::AwsLcAeads,
    mac: &mac::AwsLcMacs,
    hash: &hash::AwsLcHashes,
    key_exchange: &kx::AwsLcKeyExchange,
};

/// The provider built on `aws-lc-rs`, with RustCrypto for the algorithms `aws-lc-rs` lacks
/// (see the [module documentation](self)). The same value as [`CryptoProvider::aws_lc`].
///
/// ```
/// use ipsec_core::algorithm::{AesKeyLen, EncryptionAlgorithm, GcmIcvLen};
/// let provider = ipsec_core::crypto::awslc::provider();
/// let gcm = EncryptionAlgorithm::AesGcm(AesKeyLen::Aes256, GcmIcvLen::Icv16);
/// let aead = provider.aead.new_aead(gcm, &[7u8; 36])?;
/// let mut body = *b"inner packet";
/// let mut tag = [0u8; 16];
/// aead.seal(&1u64.to_be_bytes(), b"spi+seq!", &mut body, &mut tag)?;
/// aead.open(&1u64.to_be_bytes(), b"spi+seq!", &mut body, &tag)?;
/// assert_eq!(&body, b"inner packet");
/// # Ok::<(), ipsec_core::crypto::CryptoError>(())
/// ```
#[must_use]
pub fn provider() -> &'static CryptoProvider {
    &PROVIDER
}

/// True when AWS-LC itself runs the encryption algorithm (cipher or AEAD); false when this
/// provider hands it to the RustCrypto provider.
#[must_use]
pub const fn implements_encryption(algorithm: EncryptionAlgorithm) -> bool {
    match algorithm {
        EncryptionAlgorithm::AesCbc(_)
        | EncryptionAlgorithm::AesCtr(_)
        | EncryptionAlgorithm::AesGcm(_, GcmIcvLen::Icv16)
        | EncryptionAlgorithm::AesGmac(_)
        | EncryptionAlgorithm::ChaCha20Poly1305 => true,
        EncryptionAlgorithm::Null
        | EncryptionAlgorithm::DesCbc
        | EncryptionAlgorithm::TripleDesCbc
        | EncryptionAlgorithm::AesGcm(_, GcmIcvLen::Icv8 | GcmIcvLen::Icv12) => false,
    }
}

/// True when AWS-LC itself runs the MAC (integrity algorithm or PRF); false when this provider
/// hands it to the RustCrypto provider.
#[must_use]
///
/// HMAC-SHA-1 and HMAC-SHA-256 stay on RustCrypto: measured here, `aws-lc-rs` runs them at
/// 0.7-0.9x RustCrypto's speed (its API copies and wipes the whole keyed context per message,
/// while RustCrypto's SHA-NI backends clone a small state), so the fast provider is the faster
/// of the two for each algorithm.
pub const fn implements_mac(algorithm: MacAlgorithm) -> bool {
    match algorithm {
        MacAlgorithm::HmacSha384 | MacAlgorithm::HmacSha512 => true,
        MacAlgorithm::HmacSha1
        | MacAlgorithm::HmacSha256
        | MacAlgorithm::HmacMd5
        | MacAlgorithm::AesXcbcMac
        | MacAlgorithm::AesXcbcPrf128 => false,
    }
}

/// True when AWS-LC itself runs the hash; false when this provider hands it to the RustCrypto
/// provider.
#[must_use]
pub const fn implements_hash(algorithm: HashAlgorithm) -> bool {
    match algorithm {
        HashAlgorithm::Sha1 | HashAlgorithm::Sha256 | HashAlgorithm::Sha384 | HashAlgorithm::Sha512 => true,
        HashAlgorithm::Md5 => false,
    }
}

/// True when AWS-LC itself runs the Diffie-Hellman group; false when this provider hands it to
/// the RustCrypto provider (the MODP groups).
#[must_use]
pub const fn implements_dh(group: DhGroup) -> bool {
    matches!(group, DhGroup::Ecp256 | DhGroup::Ecp384 | DhGroup::Ecp521 | DhGroup::Curve25519)
}

/// The RustCrypto provider, which runs everything AWS-LC does not.
fn fallback() -> &'static CryptoProvider {
    &super::rustcrypto::PROVIDER
}
