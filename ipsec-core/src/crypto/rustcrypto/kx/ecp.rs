//! ECP Diffie-Hellman: groups 19, 20 and 21 (RFC 5903 §3), the NIST curves P-256, P-384 and
//! P-521, on the `p256`, `p384` and `p521` crates.
//!
//! The KE payload carries `x || y`, each coordinate big-endian and left-padded to the field
//! length, without the SEC 1 `0x04` prefix (RFC 5903 §7); the shared secret is the
//! x-coordinate of `g^ir` alone (RFC 5903 §7 and §9, which changed the `x || y` of RFC 4753;
//! the vectors of §8 show it). The scalar multiplication of the curve crates is constant-time
//! in the private scalar.

use alloc::boxed::Box;
use alloc::vec::Vec;

use p256::elliptic_curve::sec1::{FromSec1Point, ModulusSize, ToSec1Point};
use p256::elliptic_curve::{AffinePoint, CurveArithmetic, FieldBytesSize, Generate, NonZeroScalar, PublicKey, ecdh};
use zeroize::Zeroize;

use crate::algorithm::{DhGroup, DhGroupKind};
use crate::crypto::{CryptoError, CryptoRng, KeyExchange};
use crate::secret::SecretBytes;

/// The SEC 1 tag of an uncompressed point (SEC 1 §2.3.3), which the IKE encoding of RFC 5903
/// §7 leaves out.
const SEC1_UNCOMPRESSED: u8 = 0x04;

/// A private scalar, erased on drop (set to 1, keeping the type's non-zero invariant).
struct Scalar<C: CurveArithmetic>(NonZeroScalar<C>);

impl<C: CurveArithmetic> Drop for Scalar<C> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// One side of an ECP exchange on the curve `C`.
pub(super) struct EcpExchange<C: CurveArithmetic> {
    /// The group: 19, 20 or 21.
    group: DhGroup,
    /// Length of a field element in bytes: 32, 48 or 66 (RFC 5903 §3).
    coordinate_len: usize,
    /// The private scalar `i` (or `r`), in `[1, n - 1]`.
    scalar: Scalar<C>,
    /// `g^i` encoded as `x || y` (RFC 5903 §7).
    public: Vec<u8>,
}

impl<C> EcpExchange<C>
where
    C: CurveArithmetic,
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
{
    /// Starts an exchange with a scalar drawn uniformly from `[1, n - 1]` by the curve crate.
    ///
    /// # Errors
    /// [`CryptoError::UnsupportedAlgorithm`] when `group` is not an ECP group.
    pub(super) fn start(group: DhGroup, rng: &mut dyn CryptoRng) -> Result<Box<dyn KeyExchange>, CryptoError>
    where
        Self: KeyExchange + 'static,
    {
        let scalar = Scalar(NonZeroScalar::<C>::generate_from_rng(rng));
        Self::with_scalar(group, scalar)
    }

    /// Starts an exchange from a big-endian scalar of exactly the field length (RFC 5903
    /// §8 writes `i` and `r` so), which must lie in `[1, n - 1]`.
    ///
    /// # Errors
    /// [`CryptoError::UnsupportedAlgorithm`], or [`CryptoError::InvalidPrivateKey`] for a
    /// scalar of the wrong length, zero, or not below the group order `n`.
    pub(super) fn start_with_private(group: DhGroup, private: &[u8]) -> Result<Box<dyn KeyExchange>, CryptoError>
    where
        Self: KeyExchange + 'static,
    {
        let scalar = NonZeroScalar::<C>::try_from(private).map_err(|_| CryptoError::InvalidPrivateKey)?;
        Self::with_scalar(group, Scalar(scalar))
    }

    /// Computes the public value `g^i` and encodes it as `x || y` (RFC 5903 §7).
    fn with_scalar(group: DhGroup, scalar: Scalar<C>) -> Result<Box<dyn KeyExchange>, CryptoError>
    where
        Self: KeyExchange + 'static,
    {
        let DhGroupKind::Ecp { coordinate_len } = group.kind() else {
            return Err(CryptoError::UnsupportedAlgorithm);
        };
        let point = PublicKey::<C>::from_secret_scalar(&scalar.0).to_sec1_point(false);
        let public = match point.as_bytes().split_first() {
            Some((&SEC1_UNCOMPRESSED, xy)) if xy.len() == group.public_value_len() => xy.to_vec(),
            _ => return Err(CryptoError::UnsupportedAlgorithm),
        };
        Ok(Box::new(Self { group, coordinate_len, scalar, public }))
    }
}

impl<C> KeyExchange for EcpExchange<C>
where
    C: CurveArithmetic,
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
    Scalar<C>: Send + Sync,
{
    fn group(&self) -> DhGroup {
        self.group
    }

    fn public_value(&self) -> &[u8] {
        &self.public
    }

    /// Checks the peer's point and computes the x-coordinate of `g^ir`.
    ///
    /// The value must be `x || y` of exactly twice the field length (RFC 5903 §7), both
    /// coordinates below the field prime and the point on the curve (RFC 6989 §2.3). The
    /// point at infinity has no such encoding (RFC 6989 §2.3 notes it), and the all-zero
    /// value is not on any of the three curves. The curves have cofactor 1, so every point
    /// on them is in the prime-order group.
    fn complete(self: Box<Self>, peer_public: &[u8]) -> Result<SecretBytes, CryptoError> {
        if peer_public.len() != 2 * self.coordinate_len {
            return Err(CryptoError::InvalidPublicValue);
        }
        let mut sec1 = Vec::with_capacity(1 + peer_public.len());
        sec1.push(SEC1_UNCOMPRESSED);
        sec1.extend_from_slice(peer_public);
        let peer = PublicKey::<C>::from_sec1_bytes(&sec1).map_err(|_| CryptoError::InvalidPublicValue)?;
        let shared = ecdh::diffie_hellman(&self.scalar.0, peer.as_affine());
        let x = shared.raw_secret_bytes();
        if x.len() != self.coordinate_len {
            return Err(CryptoError::InvalidLength);
        }
        Ok(SecretBytes::from_slice(x))
    }
}
