//! Key derivation on top of a keyed PRF: IKEv2 `prf+` and the IKEv1 expansions.
//!
//! Each function takes the PRF already keyed (a [`Mac`] made with the PRF's
//! [`MacAlgorithm`](crate::algorithm::MacAlgorithm) and the key the RFC names) and fills a
//! caller buffer, so that the output can go straight into a [`SecretBytes`](crate::SecretBytes).

use super::{CryptoError, Mac};
use alloc::vec::Vec;
use zeroize::Zeroizing;

/// Largest PRF output any catalogue PRF produces (HMAC-SHA-512).
const MAX_PRF_OUTPUT: usize = 64;

/// Gathers `prefix`, the `seed` parts and `suffix` into one part list (IKE control path only).
fn with_seed<'a>(prefix: &'a [u8], seed: &[&'a [u8]], suffix: &'a [u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::with_capacity(seed.len() + 2);
    parts.push(prefix);
    parts.extend_from_slice(seed);
    parts.push(suffix);
    parts
}

/// `prf+` of RFC 7296 §2.13: `T1 = prf(K, S | 0x01)`, `Tn = prf(K, Tn-1 | S | n)`, output
/// `T1 | T2 | ...` cut to `out.len()`. `prf` is keyed with `K`; `seed` is `S` in pieces.
///
/// # Errors
/// [`CryptoError::InvalidLength`] when more than 255 blocks would be needed (the counter is
/// one octet).
pub fn prf_plus(prf: &dyn Mac, seed: &[&[u8]], out: &mut [u8]) -> Result<(), CryptoError> {
    let block = prf.output_len();
    if block == 0 || block > MAX_PRF_OUTPUT || out.len() > 255 * block {
        return Err(CryptoError::InvalidLength);
    }
    let mut previous = Zeroizing::new([0u8; MAX_PRF_OUTPUT]);
    let mut previous_len = 0;
    for (index, chunk) in out.chunks_mut(block).enumerate() {
        let counter = [u8::try_from(index + 1).map_err(|_| CryptoError::InvalidLength)?];
        let prev = previous.get(..previous_len).ok_or(CryptoError::InvalidLength)?;
        let parts = with_seed(prev, seed, &counter);
        let mut t = Zeroizing::new([0u8; MAX_PRF_OUTPUT]);
        let t_block = t.get_mut(..block).ok_or(CryptoError::InvalidLength)?;
        prf.compute(&parts, t_block)?;
        chunk.copy_from_slice(t_block.get(..chunk.len()).ok_or(CryptoError::InvalidLength)?);
        *previous = *t;
        previous_len = block;
    }
    Ok(())
}

/// IKEv1 KEYMAT expansion (RFC 2409 §5.5): `K1 = prf(SKEYID_d, seed)`,
/// `Kn = prf(SKEYID_d, Kn-1 | seed)`, output `K1 | K2 | ...` cut to `out.len()`. `prf` is keyed
/// with `SKEYID_d`; `seed` is `[g(qm)^xy |] protocol | SPI | Ni_b | Nr_b`.
///
/// # Errors
/// [`CryptoError::InvalidLength`] for a PRF longer than 64 bytes.
pub fn ikev1_keymat(prf: &dyn Mac, seed: &[&[u8]], out: &mut [u8]) -> Result<(), CryptoError> {
    chain(prf, seed, false, out)
}

/// IKEv1 encryption key expansion (RFC 2409 Appendix B), for a cipher key longer than
/// `SKEYID_e`: `K1 = prf(SKEYID_e, 0)` (one zero octet), `Kn = prf(SKEYID_e, Kn-1)`, output
/// `K1 | K2 | ...` cut to `out.len()`. `prf` is keyed with `SKEYID_e`. The caller uses
/// `SKEYID_e` directly when it is long enough, as the appendix says.
///
/// # Errors
/// [`CryptoError::InvalidLength`] for a PRF longer than 64 bytes.
pub fn ikev1_expand_cipher_key(prf: &dyn Mac, out: &mut [u8]) -> Result<(), CryptoError> {
    chain(prf, &[], true, out)
}

/// The feedback chain shared by the two IKEv1 expansions: each block is the PRF of the
/// previous block followed by `seed`; the first block's "previous" is empty, or one zero octet
/// when `zero_start` is set.
fn chain(prf: &dyn Mac, seed: &[&[u8]], zero_start: bool, out: &mut [u8]) -> Result<(), CryptoError> {
    let block = prf.output_len();
    if block == 0 || block > MAX_PRF_OUTPUT {
        return Err(CryptoError::InvalidLength);
    }
    let mut previous = Zeroizing::new([0u8; MAX_PRF_OUTPUT]);
    let mut previous_len = usize::from(zero_start);
    for chunk in out.chunks_mut(block) {
        let prev = previous.get(..previous_len).ok_or(CryptoError::InvalidLength)?;
        let parts = with_seed(prev, seed, &[]);
        let mut k = Zeroizing::new([0u8; MAX_PRF_OUTPUT]);
        let k_block = k.get_mut(..block).ok_or(CryptoError::InvalidLength)?;
        prf.compute(&parts, k_block)?;
        chunk.copy_from_slice(k_block.get(..chunk.len()).ok_or(CryptoError::InvalidLength)?);
        *previous = *k;
        previous_len = block;
    }
    Ok(())
}
