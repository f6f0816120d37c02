//! ECDH on `aws-lc-rs` (`agreement`): groups 19, 20 and 21 (RFC 5903, P-256, P-384 and P-521)
//! and group 31 (RFC 8031, X25519). The MODP groups come from the RustCrypto provider.
//!
//! * The private key comes from the caller's generator (or from the caller, for
//!   [`start_with_private`](KeyExchangeProvider::start_with_private)) and is loaded with
//!   `PrivateKey::from_private_key`: a big-endian scalar of the field length for the NIST
//!   curves, which AWS-LC refuses when it is zero or not below the group order, and 32 bytes
//!   for X25519, clamped by the X25519 function (RFC 7748 §5).
//! * ECP public values are `x || y` without the SEC 1 `0x04` prefix (RFC 5903 §7): the prefix
//!   is dropped from AWS-LC's uncompressed encoding and put back before a peer value is parsed,
//!   so only uncompressed points are accepted. AWS-LC checks that both coordinates lie in the
//!   field and that the point is on the curve (RFC 6989 §2.3); the curves have cofactor 1.
//! * The ECP shared secret is the x-coordinate of `g^ir` (RFC 5903 §9), which is what
//!   `EVP_PKEY_derive` returns; X25519 gives the 32-byte u-coordinate (RFC 8031 §2), and AWS-LC
//!   refuses the all-zero output of low-order points (RFC 7748 §6.1), reported as
//!   [`CryptoError::DegenerateSharedSecret`].
//!
//! Zeroization: the private key lives in an AWS-LC `EVP_PKEY`, whose memory `OPENSSL_free`
//! cleanses when the exchange is dropped; the random bytes drawn here and the raw shared secret
//! `aws-lc-rs` returns are held in zeroizing buffers.

use alloc::boxed::Box;
use alloc::vec::Vec;

use aws_lc_rs::agreement::{self, ECDH_P256, ECDH_P384, ECDH_P521, PrivateKey, UnparsedPublicKey, X25519};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::{fallback, implements_dh};
use crate::algorithm::{DhGroup, DhGroupKind};
use crate::crypto::{CryptoError, CryptoRng, KeyExchange, KeyExchangeProvider};
use crate::secret::SecretBytes;

/// The SEC 1 tag of an uncompressed point (SEC 1 §2.3.3), which RFC 5903 §7 leaves out.
const SEC1_UNCOMPRESSED: u8 = 0x04;
/// The longest private key or field element: P-521's 66 bytes.
const MAX_SCALAR_LEN: usize = 66;
/// The longest SEC 1 uncompressed point: the tag and two P-521 coordinates.
const MAX_SEC1_LEN: usize = 1 + 2 * MAX_SCALAR_LEN;
/// How many candidate scalars `start` draws before it gives up on the generator. A scalar is
/// refused only when it is zero or not below the group order, which for a working generator
/// happens with probability below 2^-32 per draw (P-256); only a broken generator (stuck at
/// all-ones, say) gets through this many.
const MAX_DRAWS: usize = 64;

/// aws-lc-rs ECDH, with RustCrypto for the MODP groups.
#[derive(Debug)]
pub(crate) struct AwsLcKeyExchange;

/// The `aws-lc-rs` algorithm of a group that AWS-LC runs.
fn lc_algorithm(group: DhGroup) -> Option<&'static agreement::Algorithm> {
    match group {
        DhGroup::Ecp256 => Some(&ECDH_P256),
        DhGroup::Ecp384 => Some(&ECDH_P384),
        DhGroup::Ecp521 => Some(&ECDH_P521),
        DhGroup::Curve25519 => Some(&X25519),
        _ => None,
    }
}

/// The private-key length of a group that AWS-LC runs: the field length for ECP, 32 for
/// Curve25519.
fn private_len(group: DhGroup) -> Option<usize> {
    match group.kind() {
        DhGroupKind::Ecp { coordinate_len } => Some(coordinate_len),
        DhGroupKind::Montgomery => Some(32),
        DhGroupKind::Modp { .. } => None,
    }
}

impl KeyExchangeProvider for AwsLcKeyExchange {
    fn supports(&self, group: DhGroup) -> bool {
        fallback().key_exchange.supports(group)
    }

    /// Draws the private key from `rng`: 32 bytes for X25519; for the NIST curves a big-endian
    /// scalar of the field length (P-521's top byte masked to its one significant bit), drawn
    /// again while it is zero or not below the group order.
    ///
    /// # Errors
    /// [`CryptoError::InvalidPrivateKey`] when [`MAX_DRAWS`] draws in a row are refused, which
    /// only a broken generator causes.
    fn start(&self, group: DhGroup, rng: &mut dyn CryptoRng) -> Result<Box<dyn KeyExchange>, CryptoError> {
        let (Some(algorithm), Some(len)) = (lc_algorithm(group), private_len(group)) else {
            debug_assert!(!implements_dh(group));
            return fallback().key_exchange.start(group, rng);
        };
        debug_assert!(implements_dh(group));
        let mut bytes = Zeroizing::new([0u8; MAX_SCALAR_LEN]);
        let scalar = bytes.get_mut(..len).ok_or(CryptoError::UnsupportedAlgorithm)?;
        for _ in 0..MAX_DRAWS {
            rng.fill_bytes(scalar);
            if group == DhGroup::Ecp521
                && let Some(top) = scalar.first_mut()
            {
                // The order of P-521 is below 2^521: only the low bit of the first byte counts.
                *top &= 0x01;
            }
            if let Ok(private) = PrivateKey::from_private_key(algorithm, scalar) {
                return AwsLcExchange::boxed(group, private);
            }
        }
        Err(CryptoError::InvalidPrivateKey)
    }

    fn start_with_private(&self, group: DhGroup, private: &[u8]) -> Result<Box<dyn KeyExchange>, CryptoError> {
        let (Some(algorithm), Some(len)) = (lc_algorithm(group), private_len(group)) else {
            debug_assert!(!implements_dh(group));
            return fallback().key_exchange.start_with_private(group, private);
        };
        debug_assert!(implements_dh(group));
        if private.len() != len {
            return Err(CryptoError::InvalidPrivateKey);
        }
        let private = PrivateKey::from_private_key(algorithm, private).map_err(|_| CryptoError::InvalidPrivateKey)?;
        AwsLcExchange::boxed(group, private)
    }
}

/// One side of an ECDH exchange on AWS-LC.
struct AwsLcExchange {
    /// The group: 19, 20, 21 or 31.
    group: DhGroup,
    /// The private key, in an AWS-LC `EVP_PKEY`.
    private: PrivateKey,
    /// The public value as IKE encodes it: `x || y` (RFC 5903 §7) or the X25519 u-coordinate.
    public: Vec<u8>,
}

impl AwsLcExchange {
    /// Computes the public value and boxes the exchange.
    fn boxed(group: DhGroup, private: PrivateKey) -> Result<Box<dyn KeyExchange>, CryptoError> {
        let public = private.compute_public_key().map_err(|_| CryptoError::InvalidPrivateKey)?;
        let encoded = match group.kind() {
            DhGroupKind::Ecp { .. } => match public.as_ref().split_first() {
                Some((&SEC1_UNCOMPRESSED, xy)) => xy,
                _ => return Err(CryptoError::UnsupportedAlgorithm),
            },
            DhGroupKind::Montgomery => public.as_ref(),
            DhGroupKind::Modp { .. } => return Err(CryptoError::UnsupportedAlgorithm),
        };
        if encoded.len() != group.public_value_len() {
            return Err(CryptoError::UnsupportedAlgorithm);
        }
        Ok(Box::new(Self { group, private, public: encoded.to_vec() }))
    }
}

impl KeyExchange for AwsLcExchange {
    fn group(&self) -> DhGroup {
        self.group
    }

    fn public_value(&self) -> &[u8] {
        &self.public
    }

    /// Checks the peer's value and computes the shared secret: for ECP the value must be
    /// `x || y` of exactly twice the field length with the point on the curve; for X25519 any
    /// 32 bytes (the top bit is ignored, RFC 7748 §5) except those that give the all-zero
    /// result.
    fn complete(self: Box<Self>, peer_public: &[u8]) -> Result<SecretBytes, CryptoError> {
        if peer_public.len() != self.group.public_value_len() {
            return Err(CryptoError::InvalidPublicValue);
        }
        let expected_len = self.group.shared_secret_len();
        let check = |secret: &[u8]| {
            if secret.len() != expected_len {
                return Err(CryptoError::InvalidLength);
            }
            // OR of every byte, compared with zero without a data-dependent branch per byte.
            let any_bit = secret.iter().fold(0u8, |acc, byte| acc | byte);
            if bool::from(any_bit.ct_eq(&0)) {
                return Err(CryptoError::DegenerateSharedSecret);
            }
            Ok(SecretBytes::from_slice(secret))
        };
        let algorithm = self.private.algorithm();
        match self.group.kind() {
            DhGroupKind::Ecp { .. } => {
                let mut sec1 = [0u8; MAX_SEC1_LEN];
                let point = sec1.get_mut(..=peer_public.len()).ok_or(CryptoError::InvalidPublicValue)?;
                let (tag, xy) = point.split_at_mut(1);
                tag.fill(SEC1_UNCOMPRESSED);
                xy.copy_from_slice(peer_public);
                let peer = UnparsedPublicKey::new(algorithm, &*point);
                agreement::agree(&self.private, peer, CryptoError::InvalidPublicValue, check)
            }
            // Every 32-byte string is a valid X25519 public value, so AWS-LC fails only for the
            // all-zero result of a low-order point (RFC 7748 §6.1).
            DhGroupKind::Montgomery => {
                let peer = UnparsedPublicKey::new(algorithm, peer_public);
                agreement::agree(&self.private, peer, CryptoError::DegenerateSharedSecret, check)
            }
            DhGroupKind::Modp { .. } => Err(CryptoError::UnsupportedAlgorithm),
        }
    }
}
