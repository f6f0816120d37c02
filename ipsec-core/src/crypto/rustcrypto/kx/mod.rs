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

impl KeyExchangeProvider for RustCryptoKeyExchange {
    fn supports(&self, group: DhGroup) -> bool {
        match group {
            DhGroup::Modp768
            | DhGroup::Modp1024
            | DhGroup::Modp1536
            | DhGroup::Modp2048
            | DhGroup::Modp3072
            | DhGroup::Modp4096
            | DhGroup::Modp6144
            | DhGroup::Modp8192
            | DhGroup::Modp1024S160
            | DhGroup::Modp2048S224
            | DhGroup::Modp2048S256
            | DhGroup::Ecp256
            | DhGroup::Ecp384
            | DhGroup::Ecp521
            | DhGroup::Curve25519 => true,
        }
    }

    fn start(&self, group: DhGroup, rng: &mut dyn CryptoRng) -> Result<Box<dyn KeyExchange>, CryptoError> {
        match group {
            DhGroup::Ecp256 => ecp::EcpExchange::<p256::NistP256>::start(group, rng),
            DhGroup::Ecp384 => ecp::EcpExchange::<p384::NistP384>::start(group, rng),
            DhGroup::Ecp521 => ecp::EcpExchange::<p521::NistP521>::start(group, rng),
            DhGroup::Curve25519 => Ok(x25519::X25519Exchange::start(rng)),
            DhGroup::Modp768
            | DhGroup::Modp1024
            | DhGroup::Modp1536
            | DhGroup::Modp2048
            | DhGroup::Modp3072
            | DhGroup::Modp4096
            | DhGroup::Modp6144
            | DhGroup::Modp8192
            | DhGroup::Modp1024S160
            | DhGroup::Modp2048S224
            | DhGroup::Modp2048S256 => modp::ModpExchange::start(group, rng),
        }
    }

    fn start_with_private(&self, group: DhGroup, private: &[u8]) -> Result<Box<dyn KeyExchange>, CryptoError> {
        match group {
            DhGroup::Ecp256 => ecp::EcpExchange::<p256::NistP256>::start_with_private(group, private),
            DhGroup::Ecp384 => ecp::EcpExchange::<p384::NistP384>::start_with_private(group, private),
            DhGroup::Ecp521 => ecp::EcpExchange::<p521::NistP521>::start_with_private(group, private),
            DhGroup::Curve25519 => x25519::X25519Exchange::start_with_private(private),
            DhGroup::Modp768
            | DhGroup::Modp1024
            | DhGroup::Modp1536
            | DhGroup::Modp2048
            | DhGroup::Modp3072
            | DhGroup::Modp4096
            | DhGroup::Modp6144
            | DhGroup::Modp8192
            | DhGroup::Modp1024S160
            | DhGroup::Modp2048S224
            | DhGroup::Modp2048S256 => modp::ModpExchange::start_with_private(group, private),
        }
    }
}
