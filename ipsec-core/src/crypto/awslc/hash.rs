//! SHA-1 and SHA-2 on `aws-lc-rs` (`digest::Context`).
//!
//! SHA-1, SHA-256, SHA-384 and SHA-512 (FIPS 180-4) over a list of slices, for NAT detection
//! (RFC 3947 §3.2, RFC 7296 §2.23) and signatures. MD5 (RFC 1321) comes from the RustCrypto
//! provider: `aws-lc-rs` does not offer it.

use aws_lc_rs::digest;

use super::{fallback, implements_hash};
use crate::algorithm::HashAlgorithm;
use crate::crypto::{CryptoError, HashProvider};

/// aws-lc-rs hashes, with RustCrypto for MD5.
#[derive(Debug)]
pub(crate) struct AwsLcHashes;

impl HashProvider for AwsLcHashes {
    fn supports(&self, algorithm: HashAlgorithm) -> bool {
        fallback().hash.supports(algorithm)
    }

    fn hash(&self, algorithm: HashAlgorithm, parts: &[&[u8]], out: &mut [u8]) -> Result<(), CryptoError> {
        let lc_algorithm = match algorithm {
            HashAlgorithm::Sha1 => &digest::SHA1_FOR_LEGACY_USE_ONLY,
            HashAlgorithm::Sha256 => &digest::SHA256,
            HashAlgorithm::Sha384 => &digest::SHA384,
            HashAlgorithm::Sha512 => &digest::SHA512,
            HashAlgorithm::Md5 => {
                debug_assert!(!implements_hash(algorithm));
                return fallback().hash.hash(algorithm, parts, out);
            }
        };
        debug_assert!(implements_hash(algorithm));
        if out.len() > algorithm.output_len() {
            return Err(CryptoError::InvalidLength);
        }
        let mut context = digest::Context::new(lc_algorithm);
        for part in parts {
            context.update(part);
        }
        let digest = context.finish();
        let head = digest.as_ref().get(..out.len()).ok_or(CryptoError::InvalidLength)?;
        out.copy_from_slice(head);
        Ok(())
    }
}
