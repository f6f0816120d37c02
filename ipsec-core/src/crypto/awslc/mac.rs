//! HMAC-SHA-1 and HMAC-SHA-256/384/512 on `aws-lc-rs` (`hmac::Key`).
//!
//! The key is absorbed once (`HMAC_Init_ex` hashes the inner and outer pads); each message
//! starts from a copy of that keyed state (`hmac::Context::with_key`, a by-value copy of the
//! `HMAC_CTX` with no heap allocation). Outputs are the full MAC; integrity transforms ask for
//! fewer bytes (`out.len()`) and get the leading ones (RFC 2104 §5, RFC 4868 §2.1.1).
//!
//! HMAC-MD5 (no MD5 in `aws-lc-rs`), AES-XCBC-MAC and AES-XCBC-PRF-128 come from the
//! RustCrypto provider.
//!
//! Zeroization: AWS-LC cleanses the keyed `HMAC_CTX` and every per-message copy
//! (`HMAC_CTX_cleanup`) on drop. The tag `aws-lc-rs` returns is a `Copy` value that cannot be
//! wiped; see the [module documentation](super).

use alloc::boxed::Box;

use aws_lc_rs::hmac;

use super::{fallback, implements_mac};
use crate::algorithm::MacAlgorithm;
use crate::crypto::{CryptoError, Mac, MacContext, MacProvider};

/// aws-lc-rs HMACs, with RustCrypto for HMAC-MD5 and AES-XCBC.
#[derive(Debug)]
pub(crate) struct AwsLcMacs;

impl MacProvider for AwsLcMacs {
    fn supports(&self, algorithm: MacAlgorithm) -> bool {
        fallback().mac.supports(algorithm)
    }

    fn new_mac(&self, algorithm: MacAlgorithm, key: &[u8]) -> Result<Box<dyn Mac>, CryptoError> {
        let lc_algorithm = match algorithm {
            MacAlgorithm::HmacSha384 => hmac::HMAC_SHA384,
            MacAlgorithm::HmacSha512 => hmac::HMAC_SHA512,
            MacAlgorithm::HmacSha1
            | MacAlgorithm::HmacSha256
            | MacAlgorithm::HmacMd5
            | MacAlgorithm::AesXcbcMac
            | MacAlgorithm::AesXcbcPrf128 => {
                debug_assert!(!implements_mac(algorithm));
                return fallback().mac.new_mac(algorithm, key);
            }
        };
        debug_assert!(implements_mac(algorithm));
        if lc_algorithm.tag_len() != algorithm.output_len() {
            return Err(CryptoError::UnsupportedAlgorithm);
        }
        // Any key length is accepted (RFC 2104 §3: longer keys are hashed first).
        Ok(Box::new(AwsLcHmac { algorithm, key: hmac::Key::new(lc_algorithm, key) }))
    }
}

/// Writes the first `out.len()` bytes of a finished HMAC.
fn write_tag(tag: &hmac::Tag, out: &mut [u8]) -> Result<(), CryptoError> {
    let head = tag.as_ref().get(..out.len()).ok_or(CryptoError::InvalidLength)?;
    out.copy_from_slice(head);
    Ok(())
}

/// An HMAC (RFC 2104 §2) keyed once.
struct AwsLcHmac {
    /// The catalogue entry, for [`Mac::algorithm`].
    algorithm: MacAlgorithm,
    /// The keyed state, copied per message.
    key: hmac::Key,
}

impl Mac for AwsLcHmac {
    fn algorithm(&self) -> MacAlgorithm {
        self.algorithm
    }

    fn compute(&self, parts: &[&[u8]], out: &mut [u8]) -> Result<(), CryptoError> {
        if out.len() > self.algorithm.output_len() {
            return Err(CryptoError::InvalidLength);
        }
        let mut context = hmac::Context::with_key(&self.key);
        for part in parts {
            context.update(part);
        }
        write_tag(&context.sign(), out)
    }

    fn begin(&self) -> Box<dyn MacContext + '_> {
        Box::new(AwsLcHmacContext { algorithm: self.algorithm, context: hmac::Context::with_key(&self.key) })
    }
}

/// An incremental HMAC computation: a copy of the keyed state.
struct AwsLcHmacContext {
    /// The catalogue entry, for the output length.
    algorithm: MacAlgorithm,
    /// The running state.
    context: hmac::Context,
}

impl MacContext for AwsLcHmacContext {
    fn update(&mut self, data: &[u8]) {
        self.context.update(data);
    }

    fn finish(self: Box<Self>, out: &mut [u8]) -> Result<(), CryptoError> {
        if out.len() > self.algorithm.output_len() {
            return Err(CryptoError::InvalidLength);
        }
        write_tag(&self.context.sign(), out)
    }
}
