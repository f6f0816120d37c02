//! MD5, SHA-1 and SHA-2.
//!
//! MD5 (RFC 1321), SHA-1, SHA-256, SHA-384 and SHA-512 (FIPS 180-4) over a list of slices, for
//! NAT detection (RFC 3947 §3.2, RFC 7296 §2.23) and signatures. The digest computed before
//! truncation to `out.len()` is zeroized.

use sha2::Digest;
use sha2::digest::Output;
use zeroize::Zeroize;

use crate::algorithm::HashAlgorithm;
use crate::crypto::{CryptoError, HashProvider};

/// RustCrypto hashes.
#[derive(Debug)]
pub(crate) struct RustCryptoHashes;

impl HashProvider for RustCryptoHashes {
    fn supports(&self, algorithm: HashAlgorithm) -> bool {
        match algorithm {
            HashAlgorithm::Md5
            | HashAlgorithm::Sha1
            | HashAlgorithm::Sha256
            | HashAlgorithm::Sha384
            | HashAlgorithm::Sha512 => true,
        }
    }

    fn hash(&self, algorithm: HashAlgorithm, parts: &[&[u8]], out: &mut [u8]) -> Result<(), CryptoError> {
        if out.len() > algorithm.output_len() {
            return Err(CryptoError::InvalidLength);
        }
        match algorithm {
            HashAlgorithm::Md5 => digest_parts::<md5::Md5>(parts, out),
            HashAlgorithm::Sha1 => digest_parts::<sha1::Sha1>(parts, out),
            HashAlgorithm::Sha256 => digest_parts::<sha2::Sha256>(parts, out),
            HashAlgorithm::Sha384 => digest_parts::<sha2::Sha384>(parts, out),
            HashAlgorithm::Sha512 => digest_parts::<sha2::Sha512>(parts, out),
        }
    }
}

/// Hashes the concatenation of `parts` with `D` and writes the first `out.len()` bytes.
fn digest_parts<D: Digest>(parts: &[&[u8]], out: &mut [u8]) -> Result<(), CryptoError> {
    let mut hasher = D::new();
    for part in parts {
        hasher.update(part);
    }
    let mut full = Output::<D>::default();
    hasher.finalize_into(&mut full);
    let result = full.get(..out.len()).map(|head| out.copy_from_slice(head)).ok_or(CryptoError::InvalidLength);
    full.as_mut_slice().zeroize();
    result
}
