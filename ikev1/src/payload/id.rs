//! Identification payloads (RFC 2408 §3.8, RFC 2407 §4.6.2) and the NAT Original Address
//! payload (RFC 3947 §5.2).

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipsec_core::registry::ikev1::{IdType, PayloadType};
use ipsec_core::types::Identity;

use super::{Body, NatTNumbering};
use crate::error::{DecodeError, EncodeError};
use crate::wire::{Reader, Writer};

/// An Identification payload (RFC 2408 §3.8) in the IPsec DOI form (RFC 2407 §4.6.2): the ID
/// type, the protocol and port of the DOI-specific field, and the identification data.
///
/// In phase 1 the protocol and port are 0 or UDP/500 (RFC 2407 §4.6.2); in quick mode they
/// restrict the proxy identities (`IDci`/`IDcr`, RFC 2409 §5.5) to one IP protocol and port.
/// The identity keeps its exact bytes, so the body re-encodes as received (`IDii_b`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IdPayload {
    /// The identity, with its ID type.
    pub identity: Identity,
    /// IP protocol number, 0 for any.
    pub protocol: u8,
    /// Port, 0 for any.
    pub port: u16,
}

impl IdPayload {
    /// An identity for any protocol and port (the usual phase-1 form).
    #[must_use]
    pub const fn new(identity: Identity) -> Self {
        Self { identity, protocol: 0, port: 0 }
    }

    /// The ID type number of the identity (RFC 2407 §4.6.2.1).
    #[must_use]
    pub fn id_type(&self) -> IdType {
        IdType::from_value(self.identity.to_ikev1().0)
    }

    /// Decodes an ID payload body.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] for a body shorter than 4 bytes,
    /// [`DecodeError::InvalidIdInformation`] for data that does not fit the ID type.
    pub fn from_body(body: &[u8]) -> Result<Self, DecodeError> {
        let mut r = Reader::new(body, PayloadType::Identification);
        let id_type = r.u8()?;
        let protocol = r.u8()?;
        let port = r.u16()?;
        let identity = Identity::from_ikev1(id_type, r.rest()).map_err(DecodeError::InvalidIdInformation)?;
        Ok(Self { identity, protocol, port })
    }
}

impl Body for IdPayload {
    fn body_len(&self) -> usize {
        4 + self.identity.to_ikev1().1.len()
    }

    fn encode_body(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        let (id_type, data) = self.identity.to_ikev1();
        w.u8(id_type)?;
        w.u8(self.protocol)?;
        w.u16(self.port)?;
        w.put(&data)
    }
}

/// A NAT Original Address payload (RFC 3947 §5.2): the address the sender sees itself as,
/// sent in quick mode for transport-mode SAs. Payload type 21, or 131 in the NAT-T drafts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NatOaPayload {
    /// The original address (`ID_IPV4_ADDR` or `ID_IPV6_ADDR`).
    pub address: IpAddr,
    /// RFC 3947 or draft payload number.
    pub numbering: NatTNumbering,
}

impl NatOaPayload {
    /// Decodes a NAT-OA payload body.
    ///
    /// # Errors
    /// [`DecodeError::UnsupportedIdType`] for an ID type other than an IPv4 or IPv6 address,
    /// [`DecodeError::Truncated`] or [`DecodeError::TrailingBytes`] for a wrong length.
    pub fn from_body(body: &[u8], numbering: NatTNumbering) -> Result<Self, DecodeError> {
        let payload = numbering.nat_oa_type();
        let mut r = Reader::new(body, payload);
        let id_type = r.u8()?;
        let _reserved = r.take(3)?;
        let address = match IdType::from_value(id_type) {
            IdType::Ipv4Addr => IpAddr::V4(Ipv4Addr::from(r.array::<4>()?)),
            IdType::Ipv6Addr => IpAddr::V6(Ipv6Addr::from(r.array::<16>()?)),
            _ => return Err(DecodeError::UnsupportedIdType { payload, id_type }),
        };
        r.finish()?;
        Ok(Self { address, numbering })
    }
}

impl Body for NatOaPayload {
    fn body_len(&self) -> usize {
        match self.address {
            IpAddr::V4(_) => 8,
            IpAddr::V6(_) => 20,
        }
    }

    fn encode_body(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        match self.address {
            IpAddr::V4(a) => {
                w.put(&[IdType::Ipv4Addr.value(), 0, 0, 0])?;
                w.put(&a.octets())
            }
            IpAddr::V6(a) => {
                w.put(&[IdType::Ipv6Addr.value(), 0, 0, 0])?;
                w.put(&a.octets())
            }
        }
    }
}
