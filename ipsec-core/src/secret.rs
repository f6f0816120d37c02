//! Key material that zeroizes on drop and never prints, and constant-time comparison.

use alloc::vec::Vec;
use core::fmt;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Secret bytes: a key, a shared Diffie-Hellman secret, a pre-shared key, `SKEYID`, `KEYMAT`.
///
/// The bytes are overwritten with zeros when the value is dropped, `Debug` prints only the
/// length, and equality is constant-time in the contents (the length is not secret).
#[derive(Clone, Default, Zeroize, ZeroizeOnDrop)]
pub struct SecretBytes(Vec<u8>);

impl SecretBytes {
    /// Takes ownership of `bytes`.
    #[must_use]
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    /// Copies `bytes` into a new secret.
    #[must_use]
    pub fn from_slice(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }

    /// A secret of `len` zero bytes, to be filled in place.
    #[must_use]
    pub fn zeroed(len: usize) -> Self {
        Self(alloc::vec![0; len])
    }

    /// The secret bytes. Handle with care: do not log or copy them into non-zeroizing storage.
    #[must_use]
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// Mutable access to the secret bytes, to fill them in place.
    pub fn expose_mut(&mut self) -> &mut [u8] {
        &mut self.0
    }

    /// Number of bytes.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when the secret holds no bytes.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Splits off the first `len` bytes as a new secret and keeps the rest, as IKE does when it
    /// cuts `SK_d | SK_ai | SK_ar | ...` out of one `prf+` stream. Returns `None` (and leaves the
    /// secret unchanged) when fewer than `len` bytes are left.
    pub fn take_front(&mut self, len: usize) -> Option<SecretBytes> {
        if len > self.0.len() {
            return None;
        }
        let rest = self.0.split_off(len);
        Some(SecretBytes(core::mem::replace(&mut self.0, rest)))
    }
}

impl From<Vec<u8>> for SecretBytes {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretBytes([redacted; {}])", self.0.len())
    }
}

impl PartialEq for SecretBytes {
    fn eq(&self, other: &Self) -> bool {
        ct_eq(&self.0, &other.0)
    }
}

impl Eq for SecretBytes {}

/// Compares two byte strings in time that depends only on their lengths, never on their
/// contents. Use it for every ICV, hash and authentication-payload check (RFC 4303 §3.4.4
/// and RFC 7296 §2.15 leave the timing to the implementation; a variable-time compare leaks
/// how many leading bytes of a forged ICV were right).
#[must_use]
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_bytes() {
        let s = SecretBytes::from_slice(&[0xde, 0xad, 0xbe, 0xef]);
        let text = alloc::format!("{s:?}");
        assert_eq!(text, "SecretBytes([redacted; 4])");
    }

    #[test]
    fn take_front_splits() {
        let mut s = SecretBytes::from_slice(&[1, 2, 3, 4, 5]);
        let a = s.take_front(2).unwrap();
        assert_eq!(a.expose(), &[1, 2]);
        assert_eq!(s.expose(), &[3, 4, 5]);
        assert!(s.take_front(4).is_none());
        assert_eq!(s.len(), 3);
    }

    #[test]
    fn ct_eq_compares_length_and_content() {
        assert!(ct_eq(b"abc", b"abc"));
        assert!(!ct_eq(b"abc", b"abd"));
        assert!(!ct_eq(b"abc", b"ab"));
    }
}
