//! Shared by the known-answer tests: the providers every check runs against.
//!
//! Each test file includes this module (`mod common;`) and uses what it needs of it.
#![allow(dead_code)]

use std::fmt;
use std::ops::Deref;

use ipsec_core::CryptoProvider;

/// A provider under test, with the name that assertion messages print.
#[derive(Clone, Copy)]
pub(crate) struct Provider {
    /// Short name: `rustcrypto` or `aws-lc`.
    pub(crate) name: &'static str,
    /// The provider.
    pub(crate) provider: &'static CryptoProvider,
}

impl Deref for Provider {
    type Target = CryptoProvider;

    fn deref(&self) -> &CryptoProvider {
        self.provider
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl fmt::Debug for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// The RustCrypto provider.
pub(crate) fn rustcrypto() -> Provider {
    Provider { name: "rustcrypto", provider: CryptoProvider::rustcrypto() }
}

/// The aws-lc-rs provider (feature `aws-lc`).
#[cfg(feature = "aws-lc")]
pub(crate) fn aws_lc() -> Provider {
    Provider { name: "aws-lc", provider: CryptoProvider::aws_lc() }
}

/// Every provider this build has: RustCrypto, and aws-lc-rs with the `aws-lc` feature.
pub(crate) fn providers() -> Vec<Provider> {
    #[allow(unused_mut)]
    let mut all = vec![rustcrypto()];
    #[cfg(feature = "aws-lc")]
    all.push(aws_lc());
    all
}
