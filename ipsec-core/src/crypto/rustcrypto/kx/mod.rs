//! Diffie-Hellman: MODP, ECP and Curve25519.
//!
//! * [`modp`]: groups 1, 2 (RFC 2409 §6), 5, 14-18 (RFC 3526) and 22-24 (RFC 5114 §2), with
//!   the parameters of [`groups`];
//! * [`ecp`]: groups 19, 20 and 21 (RFC 5903);
//! * [`x25519`]: group 31 (RFC 8031).
//!
//! Every peer value is checked as RFC 6989 §2 requires before it is used.

mod ecp;
mod groups;
mod modp;
mod x25519;

use alloc::boxed::Box;

use crate::algorithm::DhGroup;
use crate::crypto::{CryptoError, CryptoRng, KeyExchange, KeyExchangeProvider};

/// RustCrypto key exchange: every group of [`DhGroup::ALL`].
#[derive(Debug)]
pub(crate) struct RustCryptoKeyExchange;

/// How a private key is obtained: drawn from the caller's generator or given.
enum PrivateKey<'a> {
    Random(&'a mut dyn CryptoRng),
    Given(&'a [u8]),
}

/// Sends `key` to the implementation of the group's family.
fn dispatch(group: DhGroup, key: PrivateKey<'_>) -> Result<Box<dyn KeyExchange>, CryptoError> {
    use ecp::EcpExchange;
    match (group, key) {
        (DhGroup::Ecp256, PrivateKey::Random(rng)) => EcpExchange::<p256::NistP256>::start(group, rng),
        (DhGroup::Ecp256, PrivateKey::Given(d)) => EcpExchange::<p256::NistP256>::start_with_private(group, d),
        (DhGroup::Ecp384, PrivateKey::Random(rng)) => EcpExchange::<p384::NistP384>::start(group, rng),
        (DhGroup::Ecp384, PrivateKey::Given(d)) => EcpExchange::<p384::NistP384>::start_with_private(group, d),
        (DhGroup::Ecp521, PrivateKey::Random(rng)) => EcpExchange::<p521::NistP521>::start(group, rng),
        (DhGroup::Ecp521, PrivateKey::Given(d)) => EcpExchange::<p521::NistP521>::start_with_private(group, d),
        (DhGroup::Curve25519, PrivateKey::Random(rng)) => Ok(x25519::X25519Exchange::start(rng)),
        (DhGroup::Curve25519, PrivateKey::Given(d)) => x25519::X25519Exchange::start_with_private(d),
        // Every other group of the catalogue is a MODP group.
        (_, PrivateKey::Random(rng)) => modp::ModpExchange::start(group, rng),
        (_, PrivateKey::Given(d)) => modp::ModpExchange::start_with_private(group, d),
    }
}

impl KeyExchangeProvider for RustCryptoKeyExchange {
    fn supports(&self, group: DhGroup) -> bool {
        DhGroup::ALL.contains(&group)
    }

    fn start(&self, group: DhGroup, rng: &mut dyn CryptoRng) -> Result<Box<dyn KeyExchange>, CryptoError> {
        dispatch(group, PrivateKey::Random(rng))
    }

    fn start_with_private(&self, group: DhGroup, private: &[u8]) -> Result<Box<dyn KeyExchange>, CryptoError> {
        dispatch(group, PrivateKey::Given(private))
    }
}
