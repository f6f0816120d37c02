//! Curve25519 Diffie-Hellman: group 31 (RFC 8031), the X25519 function of RFC 7748 §5 on
//! `x25519-dalek`.
//!
//! Public values and the shared secret are 32-byte little-endian u-coordinates (RFC 8031
//! §2); private scalars are 32 random bytes, clamped by the X25519 function itself (RFC 7748
//! §5). The Montgomery ladder of `curve25519-dalek` is constant-time.

use alloc::boxed::Box;

use subtle::ConstantTimeEq;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use crate::algorithm::DhGroup;
use crate::crypto::{CryptoError, CryptoRng, KeyExchange};
use crate::secret::SecretBytes;

/// Length of scalars, u-coordinates and the shared secret (RFC 7748 §5, RFC 8031 §2).
const LEN: usize = 32;

/// One side of a Curve25519 exchange. `StaticSecret` erases the scalar on drop.
pub(super) struct X25519Exchange {
    /// The private scalar, unclamped as drawn (the X25519 function clamps it, RFC 7748 §5).
    secret: StaticSecret,
    /// `X25519(k, 9)`, the public u-coordinate (RFC 7748 §6.1).
    public: [u8; LEN],
}

impl X25519Exchange {
    /// Starts an exchange with 32 random bytes as the scalar (RFC 7748 §6.1, RFC 8031 §2).
    pub(super) fn start(rng: &mut dyn CryptoRng) -> Box<dyn KeyExchange> {
        let mut bytes = Zeroizing::new([0u8; LEN]);
        rng.fill_bytes(bytes.as_mut_slice());
        Self::with_secret(StaticSecret::from(*bytes))
    }

    /// Starts an exchange from a 32-byte scalar, taken as RFC 7748 §5 decodes scalars
    /// (clamped by the X25519 function).
    ///
    /// # Errors
    /// [`CryptoError::InvalidPrivateKey`] unless `private` is 32 bytes.
    pub(super) fn start_with_private(private: &[u8]) -> Result<Box<dyn KeyExchange>, CryptoError> {
        let mut bytes = Zeroizing::new([0u8; LEN]);
        if private.len() != LEN {
            return Err(CryptoError::InvalidPrivateKey);
        }
        bytes.copy_from_slice(private);
        Ok(Self::with_secret(StaticSecret::from(*bytes)))
    }

    /// Computes the public value `X25519(k, 9)`.
    fn with_secret(secret: StaticSecret) -> Box<dyn KeyExchange> {
        let public = PublicKey::from(&secret).to_bytes();
        Box::new(Self { secret, public })
    }
}

impl KeyExchange for X25519Exchange {
    fn group(&self) -> DhGroup {
        DhGroup::Curve25519
    }

    fn public_value(&self) -> &[u8] {
        &self.public
    }

    /// Computes `X25519(k, u)` for the peer's 32-byte u-coordinate, whose top bit is ignored
    /// and non-canonical values accepted (RFC 7748 §5). An all-zero result, which the
    /// low-order points give, is refused (RFC 7748 §6.1, RFC 8031 §2.2), compared in
    /// constant time.
    fn complete(self: Box<Self>, peer_public: &[u8]) -> Result<SecretBytes, CryptoError> {
        let peer: [u8; LEN] = peer_public.try_into().map_err(|_| CryptoError::InvalidPublicValue)?;
        let shared = self.secret.diffie_hellman(&PublicKey::from(peer));
        if bool::from(shared.as_bytes().ct_eq(&[0u8; LEN])) {
            return Err(CryptoError::DegenerateSharedSecret);
        }
        Ok(SecretBytes::from_slice(shared.as_bytes()))
    }
}
