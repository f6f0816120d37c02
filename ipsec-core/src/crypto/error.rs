//! Errors of cryptographic operations.

/// Why a cryptographic operation failed.
///
/// The variants say what is wrong without carrying secret data. `AuthenticationFailed` is
/// the only one untrusted input can cause on a decrypt path; the others are caller errors or
/// limits of a provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CryptoError {
    /// The provider does not implement the algorithm or group.
    #[error("algorithm not supported by this crypto provider")]
    UnsupportedAlgorithm,
    /// A key (or key material with salt) of the wrong length.
    #[error("key length {got} is invalid, expected {expected}")]
    InvalidKeyLength {
        /// Length the algorithm requires.
        expected: usize,
        /// Length that was given.
        got: usize,
    },
    /// An IV or nonce of the wrong length.
    #[error("IV length {got} is invalid, expected {expected}")]
    InvalidIvLength {
        /// Length the algorithm requires.
        expected: usize,
        /// Length that was given.
        got: usize,
    },
    /// Data that is not a whole number of cipher blocks, a tag or output buffer of the wrong
    /// length, or an output longer than the function can produce.
    #[error("invalid data or output length")]
    InvalidLength,
    /// An ICV, tag or MAC did not verify.
    #[error("authentication failed")]
    AuthenticationFailed,
    /// A peer's Diffie-Hellman public value is malformed or outside the group (RFC 6989).
    #[error("invalid Diffie-Hellman public value")]
    InvalidPublicValue,
    /// A private key or exponent that the group cannot use.
    #[error("invalid private key")]
    InvalidPrivateKey,
    /// The key exchange produced a degenerate shared secret (for example the all-zero X25519
    /// output of RFC 7748 §6.1).
    #[error("degenerate shared secret")]
    DegenerateSharedSecret,
}
