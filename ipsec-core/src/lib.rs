//! Shared vocabulary of the IPsec crate family.
//!
//! `ipsec-core` holds what every other crate of the family speaks:
//!
//! * [`registry`]: the IANA registries of IKEv1/ISAKMP (RFC 2407/2408/2409 and updates) and
//!   IKEv2 (RFC 7296 and updates) as open enums that keep values they have no name for;
//! * [`algorithm`]: the algorithm catalogue (ciphers, AEADs, integrity, PRFs, Diffie-Hellman
//!   groups) with their sizes, their identifiers in both IKE versions and the Cisco keywords
//!   that name them;
//! * [`crypto`]: the [`CryptoProvider`] through which all
//!   cryptography runs, the key-derivation helpers (`prf+`, IKEv1 key expansion) and, with the
//!   default `rustcrypto` feature, a provider built on the RustCrypto crates;
//! * [`secret`]: key material that zeroizes on drop and never prints, and constant-time
//!   comparison;
//! * [`types`]: SPIs, IKE SPIs, traffic selectors, identities, proposals, lifetimes and the
//!   Sans-IO clock ([`Instant`]), which is always passed in by the caller.
//!
//! The crate is `#![no_std]` with `alloc`; the `std` feature only adds `std::error::Error`
//! integration. It does no I/O and reads no clock.
//!
//! # Example: a Diffie-Hellman exchange and an AEAD seal through the provider
//!
//! ```
//! # #[cfg(feature = "rustcrypto")] {
//! use ipsec_core::algorithm::{AesKeyLen, DhGroup, EncryptionAlgorithm, GcmIcvLen};
//! use ipsec_core::crypto::CryptoProvider;
//!
//! // Any cryptographically secure RNG; here the operating system's.
//! let mut rng = rand_core::UnwrapErr(getrandom::SysRng);
//! let provider = CryptoProvider::rustcrypto();
//!
//! // Both peers run a Curve25519 exchange (IKE group 31) and agree on a secret.
//! let alice = provider.key_exchange.start(DhGroup::Curve25519, &mut rng)?;
//! let bob = provider.key_exchange.start(DhGroup::Curve25519, &mut rng)?;
//! let bob_public = bob.public_value().to_vec();
//! let shared_b = bob.complete(alice.public_value())?;
//! let shared_a = alice.complete(&bob_public)?;
//! assert_eq!(shared_a, shared_b);
//!
//! // Seal a packet body in place with AES-GCM-128 and a 16-byte ICV (RFC 4106): the key
//! // material is the 16-byte key followed by the 4-byte salt, as IKE derives it.
//! let gcm = EncryptionAlgorithm::AesGcm(AesKeyLen::Aes128, GcmIcvLen::Icv16);
//! let keymat = [0x42u8; 20];
//! let aead = provider.aead.new_aead(gcm, &keymat)?;
//! let iv = 1u64.to_be_bytes();
//! let mut body = *b"inner packet";
//! let mut tag = [0u8; 16];
//! aead.seal(&iv, b"spi+seq!", &mut body, &mut tag)?;
//! aead.open(&iv, b"spi+seq!", &mut body, &tag)?;
//! assert_eq!(&body, b"inner packet");
//! # }
//! # Ok::<(), ipsec_core::crypto::CryptoError>(())
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod algorithm;
pub mod crypto;
pub mod registry;
pub mod secret;
pub mod types;

pub use crypto::{CryptoError, CryptoProvider};
pub use secret::SecretBytes;
pub use types::{Duration, Instant};
