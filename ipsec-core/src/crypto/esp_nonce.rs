//! The nonce of the ESP AEADs, common to every provider: a 4-byte salt taken from the end of
//! the key material and the 8-byte explicit IV of the packet, `salt || iv` (RFC 4106 §4, RFC
//! 4543 §3, RFC 7634 §2), and the length checks of an AEAD call.

use crate::algorithm::EncryptionAlgorithm;
use zeroize::Zeroizing;

use crate::crypto::CryptoError;

/// Length of the salt that follows the key in the key material.
pub(crate) const SALT_LEN: usize = 4;
/// Length of the explicit per-packet IV.
pub(crate) const IV_LEN: usize = 8;
/// Length of the nonce `salt || iv`.
pub(crate) const NONCE_LEN: usize = SALT_LEN + IV_LEN;

/// Checks the lengths of a seal or open call of `algorithm` (IV, tag, and no data for AES-GMAC,
/// which authenticates only: the whole packet goes in the AAD, RFC 4543 §3), and returns the
/// nonce `salt || iv`.
pub(crate) fn nonce(
    algorithm: EncryptionAlgorithm,
    salt: &[u8; SALT_LEN],
    iv: &[u8],
    data: &[u8],
    tag_len: usize,
) -> Result<Zeroizing<[u8; NONCE_LEN]>, CryptoError> {
    let iv: &[u8; IV_LEN] =
        iv.try_into().map_err(|_| CryptoError::InvalidIvLength { expected: IV_LEN, got: iv.len() })?;
    if tag_len != algorithm.icv_len() {
        return Err(CryptoError::InvalidLength);
    }
    if matches!(algorithm, EncryptionAlgorithm::AesGmac(_)) && !data.is_empty() {
        return Err(CryptoError::InvalidLength);
    }
    let mut nonce = Zeroizing::new([0u8; NONCE_LEN]);
    let [s0, s1, s2, s3] = *salt;
    let [i0, i1, i2, i3, i4, i5, i6, i7] = *iv;
    *nonce = [s0, s1, s2, s3, i0, i1, i2, i3, i4, i5, i6, i7];
    Ok(nonce)
}
