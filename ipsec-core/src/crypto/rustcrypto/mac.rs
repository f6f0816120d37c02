//! HMACs and AES-XCBC.
//!
//! * HMAC-MD5, HMAC-SHA-1 (RFC 2104, RFC 2403, RFC 2404) and HMAC-SHA-256/384/512 (RFC 4231,
//!   RFC 4868) come from `hmac`. The object keeps the HMAC state after the key has been
//!   absorbed (the inner and outer pads hashed) and clones it for each message, so nothing is
//!   re-keyed per packet.
//! * AES-XCBC-MAC (RFC 3566) and AES-XCBC-PRF-128 (RFC 4434) are in [`super::xcbc`].
//!
//! Outputs are the full MAC; integrity transforms ask for fewer bytes (`out.len()`) and get the
//! leading ones, which is the truncation of RFC 2104 §5, RFC 3566 §4 and RFC 4868 §2.1.1.
//!
//! Zeroization: the pre-keyed HMAC state holds hash states derived from the key; with the
//! `zeroize` features of `hmac`, `md-5`, `sha1` and `sha2` (enabled in the workspace) both its
//! block buffer and its hash cores are wiped on drop. The full output computed before
//! truncation is zeroized.

use alloc::boxed::Box;

use hmac::digest::{FixedOutput, KeyInit, Output, OutputSizeUser, Update, typenum::Unsigned};
use hmac::{EagerHash, Hmac};
use zeroize::Zeroize;

use super::xcbc::XcbcMac;
use crate::algorithm::MacAlgorithm;
use crate::crypto::{CryptoError, Mac, MacContext, MacProvider};

/// RustCrypto MACs.
#[derive(Debug)]
pub(crate) struct RustCryptoMacs;

impl MacProvider for RustCryptoMacs {
    fn supports(&self, algorithm: MacAlgorithm) -> bool {
        match algorithm {
            MacAlgorithm::HmacMd5
            | MacAlgorithm::HmacSha1
            | MacAlgorithm::HmacSha256
            | MacAlgorithm::HmacSha384
            | MacAlgorithm::HmacSha512
            | MacAlgorithm::AesXcbcMac
            | MacAlgorithm::AesXcbcPrf128 => true,
        }
    }

    fn new_mac(&self, algorithm: MacAlgorithm, key: &[u8]) -> Result<Box<dyn Mac>, CryptoError> {
        match algorithm {
            MacAlgorithm::HmacMd5 => HmacMac::<md5::Md5>::boxed(algorithm, key),
            MacAlgorithm::HmacSha1 => HmacMac::<sha1::Sha1>::boxed(algorithm, key),
            MacAlgorithm::HmacSha256 => HmacMac::<sha2::Sha256>::boxed(algorithm, key),
            MacAlgorithm::HmacSha384 => HmacMac::<sha2::Sha384>::boxed(algorithm, key),
            MacAlgorithm::HmacSha512 => HmacMac::<sha2::Sha512>::boxed(algorithm, key),
            MacAlgorithm::AesXcbcMac => Ok(Box::new(XcbcMac::new_mac(key)?)),
            MacAlgorithm::AesXcbcPrf128 => Ok(Box::new(XcbcMac::new_prf(key))),
        }
    }
}

/// Finishes an HMAC computation and writes the first `out.len()` bytes of the output.
fn finish_hmac<D: EagerHash>(state: Hmac<D>, out: &mut [u8]) -> Result<(), CryptoError>
where
    Hmac<D>: FixedOutput,
{
    if out.len() > <Hmac<D> as OutputSizeUser>::OutputSize::USIZE {
        return Err(CryptoError::InvalidLength);
    }
    let mut full = Output::<Hmac<D>>::default();
    state.finalize_into(&mut full);
    let result = full.get(..out.len()).map(|head| out.copy_from_slice(head)).ok_or(CryptoError::InvalidLength);
    full.as_mut_slice().zeroize();
    result
}

/// An HMAC (RFC 2104 §2) keyed once: `state` has absorbed `K ^ ipad` and `K ^ opad`.
struct HmacMac<D: EagerHash> {
    /// The catalogue entry, for [`Mac::algorithm`].
    algorithm: MacAlgorithm,
    /// The pre-keyed state, cloned per message.
    state: Hmac<D>,
}

impl<D> HmacMac<D>
where
    D: EagerHash + 'static,
    Hmac<D>: KeyInit + Update + FixedOutput + Clone + Send + Sync,
{
    /// Keys the HMAC. Any key length is accepted (RFC 2104 §3: longer keys are hashed first).
    fn boxed(algorithm: MacAlgorithm, key: &[u8]) -> Result<Box<dyn Mac>, CryptoError> {
        // `Hmac::new_from_slice` accepts every length; the error arm is unreachable.
        let state = Hmac::<D>::new_from_slice(key)
            .map_err(|_| CryptoError::InvalidKeyLength { expected: algorithm.output_len(), got: key.len() })?;
        Ok(Box::new(Self { algorithm, state }))
    }
}

impl<D> Mac for HmacMac<D>
where
    D: EagerHash + 'static,
    Hmac<D>: KeyInit + Update + FixedOutput + Clone + Send + Sync,
{
    fn algorithm(&self) -> MacAlgorithm {
        self.algorithm
    }

    fn compute(&self, parts: &[&[u8]], out: &mut [u8]) -> Result<(), CryptoError> {
        if out.len() > self.algorithm.output_len() {
            return Err(CryptoError::InvalidLength);
        }
        let mut state = self.state.clone();
        for part in parts {
            state.update(part);
        }
        finish_hmac(state, out)
    }

    fn begin(&self) -> Box<dyn MacContext + '_> {
        Box::new(HmacContext { state: self.state.clone() })
    }
}

/// An incremental HMAC computation: a clone of the pre-keyed state.
struct HmacContext<D: EagerHash> {
    /// The running state.
    state: Hmac<D>,
}

impl<D> MacContext for HmacContext<D>
where
    D: EagerHash,
    Hmac<D>: Update + FixedOutput,
{
    fn update(&mut self, data: &[u8]) {
        self.state.update(data);
    }

    fn finish(self: Box<Self>, out: &mut [u8]) -> Result<(), CryptoError> {
        finish_hmac(self.state, out)
    }
}
