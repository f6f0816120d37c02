//! The algorithm catalogue: every cipher, AEAD, integrity algorithm, PRF and Diffie-Hellman
//! group the family negotiates, with its sizes, its identifiers in IKEv1 and IKEv2, and the
//! Cisco keywords that name it in configurations.
//!
//! The catalogue is data only; the [`crypto`](crate::crypto) provider supplies the code. A value
//! here is always a complete algorithm choice (for example AES-GCM with a 256-bit key and a
//! 12-byte ICV), so a negotiated SA is described by at most one value of each kind.

/// A static keyword table: `keywords![Context => "words", ...]`.
macro_rules! keywords {
    ($($context:ident => $words:expr),* $(,)?) => {
        &[$($crate::algorithm::CiscoKeyword { context: $crate::algorithm::CiscoContext::$context, words: $words }),*]
    };
}

mod cisco;
mod dh;
mod encryption;
mod integrity;
mod prf;

pub use cisco::{CiscoContext, CiscoKeyword};
pub use dh::{DhGroup, DhGroupKind};
pub use encryption::{AesKeyLen, EncryptionAlgorithm, GcmIcvLen};
pub use integrity::IntegrityAlgorithm;
pub use prf::{HashAlgorithm, MacAlgorithm, PrfAlgorithm};

/// How an algorithm is judged today, for lint output and proposal ordering.
///
/// Cisco's Next Generation Encryption guidance (IOS-XE guide, "no longer recommended": DES,
/// 3DES, MD5, DH groups 1, 2 and 5) and RFC 8221 / RFC 8247 agree on the deprecated set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Strength {
    /// Broken or far too weak: DES, DH group 1.
    Broken,
    /// Deprecated: 3DES, HMAC-MD5, DH groups 2, 5 and 22.
    Deprecated,
    /// Acceptable today.
    Acceptable,
    /// Recommended (Cisco NGE, RFC 8221 "MUST"/"SHOULD").
    Recommended,
}
