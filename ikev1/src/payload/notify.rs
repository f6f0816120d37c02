//! Notification (RFC 2408 §3.14, RFC 2407 §4.6.3, RFC 3706) and Delete (RFC 2408 §3.15)
//! payloads.

use alloc::vec::Vec;

use ipsec_core::registry::ikev1::{NotifyType, PayloadType, ProtocolId};
use ipsec_core::types::{IkeSpi, Spi};

use super::Body;
use super::sa::IPSEC_DOI;
use crate::attribute::{self, IpsecAttribute};
use crate::error::{DecodeError, EncodeError};
use crate::wire::{Reader, Writer};

/// The 16-byte ISAKMP SPI: both cookies (RFC 2408 §2.5.3, §3.15).
#[must_use]
pub fn isakmp_spi(initiator_cookie: &IkeSpi, responder_cookie: &IkeSpi) -> Vec<u8> {
    [initiator_cookie.0, responder_cookie.0].concat()
}

/// Splits a 16-byte ISAKMP SPI into the initiator's and responder's cookies.
#[must_use]
pub fn split_isakmp_spi(spi: &[u8]) -> Option<(IkeSpi, IkeSpi)> {
    let (i, r) = spi.split_at_checked(8)?;
    Some((IkeSpi(i.try_into().ok()?), IkeSpi(r.try_into().ok()?)))
}

/// A Notification payload (RFC 2408 §3.14).
///
/// Error types (below 8192) report why a message was refused; status types (16384 and above)
/// include the IPsec DOI's RESPONDER-LIFETIME, REPLAY-STATUS and INITIAL-CONTACT (RFC 2407
/// §4.6.3) and dead peer detection's R-U-THERE / R-U-THERE-ACK (RFC 3706 §5).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NotificationPayload {
    /// Domain of interpretation: [`IPSEC_DOI`], or 0 (ISAKMP) as some peers send.
    pub doi: u32,
    /// The protocol of the SA concerned (`PROTO_ISAKMP` for the ISAKMP SA).
    pub protocol: ProtocolId,
    /// The SPI concerned: the two cookies (16 bytes) for the ISAKMP SA, 4 bytes for ESP/AH, or
    /// empty.
    pub spi: Vec<u8>,
    /// The notify message type.
    pub notify_type: NotifyType,
    /// Notification data.
    pub data: Vec<u8>,
}

impl NotificationPayload {
    /// A notification of the IPsec DOI.
    #[must_use]
    pub const fn new(notify_type: NotifyType, protocol: ProtocolId, spi: Vec<u8>, data: Vec<u8>) -> Self {
        Self { doi: IPSEC_DOI, protocol, spi, notify_type, data }
    }

    /// An error notification about the ISAKMP SA, without SPI (for example
    /// INVALID-PAYLOAD-TYPE with the offending type as data, RFC 2408 §5.1).
    #[must_use]
    pub const fn error(notify_type: NotifyType, data: Vec<u8>) -> Self {
        Self::new(notify_type, ProtocolId::Isakmp, Vec::new(), data)
    }

    /// INITIAL-CONTACT (RFC 2407 §4.6.3.3): the ISAKMP SPI is both cookies.
    #[must_use]
    pub fn initial_contact(initiator_cookie: &IkeSpi, responder_cookie: &IkeSpi) -> Self {
        Self::new(
            NotifyType::InitialContact,
            ProtocolId::Isakmp,
            isakmp_spi(initiator_cookie, responder_cookie),
            Vec::new(),
        )
    }

    /// R-U-THERE with a sequence number (RFC 3706 §5.1).
    #[must_use]
    pub fn r_u_there(initiator_cookie: &IkeSpi, responder_cookie: &IkeSpi, sequence: u32) -> Self {
        Self::new(
            NotifyType::RUThere,
            ProtocolId::Isakmp,
            isakmp_spi(initiator_cookie, responder_cookie),
            sequence.to_be_bytes().to_vec(),
        )
    }

    /// R-U-THERE-ACK echoing the sequence number of an R-U-THERE (RFC 3706 §5.1).
    #[must_use]
    pub fn r_u_there_ack(initiator_cookie: &IkeSpi, responder_cookie: &IkeSpi, sequence: u32) -> Self {
        Self::new(
            NotifyType::RUThereAck,
            ProtocolId::Isakmp,
            isakmp_spi(initiator_cookie, responder_cookie),
            sequence.to_be_bytes().to_vec(),
        )
    }

    /// RESPONDER-LIFETIME for an IPsec SA (RFC 2407 §4.6.3.1): the SA's SPI and the
    /// responder's lifetime as SA attributes.
    ///
    /// # Errors
    /// [`EncodeError::BadAttribute`] for an attribute that cannot be encoded.
    pub fn responder_lifetime(
        protocol: ProtocolId,
        spi: Spi,
        attributes: &[IpsecAttribute],
    ) -> Result<Self, EncodeError> {
        let data = crate::wire::to_vec(attribute::typed_len(attributes), |w| attribute::encode_typed(attributes, w))?;
        Ok(Self::new(NotifyType::ResponderLifetime, protocol, spi.to_bytes().to_vec(), data))
    }

    /// True for error types (below 8192, RFC 2408 §3.14.1).
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.notify_type.value() < 8192
    }

    /// The DPD sequence number of R-U-THERE / R-U-THERE-ACK (RFC 3706 §5.1).
    #[must_use]
    pub fn dpd_sequence(&self) -> Option<u32> {
        if !matches!(self.notify_type, NotifyType::RUThere | NotifyType::RUThereAck) {
            return None;
        }
        <[u8; 4]>::try_from(self.data.as_slice()).ok().map(u32::from_be_bytes)
    }

    /// The cookies, when the SPI is a 16-byte ISAKMP SPI.
    #[must_use]
    pub fn isakmp_cookies(&self) -> Option<(IkeSpi, IkeSpi)> {
        split_isakmp_spi(&self.spi)
    }

    /// The SPI as an ESP/AH SPI, when it is 4 bytes.
    #[must_use]
    pub fn ipsec_spi(&self) -> Option<Spi> {
        <[u8; 4]>::try_from(self.spi.as_slice()).ok().map(Spi::from_bytes)
    }

    /// The lifetime attributes of RESPONDER-LIFETIME (RFC 2407 §4.6.3.1); `None` for other
    /// types.
    ///
    /// # Errors
    /// [`DecodeError`] for malformed attribute data.
    pub fn responder_lifetime_attributes(&self) -> Option<Result<Vec<IpsecAttribute>, DecodeError>> {
        (self.notify_type == NotifyType::ResponderLifetime)
            .then(|| attribute::decode_typed(&self.data, PayloadType::Notification))
    }

    /// The REPLAY-STATUS value (RFC 2407 §4.6.3.2): `Some(true)` when replay detection is on.
    #[must_use]
    pub fn replay_status(&self) -> Option<bool> {
        if self.notify_type != NotifyType::ReplayStatus {
            return None;
        }
        <[u8; 4]>::try_from(self.data.as_slice()).ok().map(|b| u32::from_be_bytes(b) != 0)
    }

    /// Decodes a Notification payload body.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] when the SPI size runs past the body.
    pub fn from_body(body: &[u8]) -> Result<Self, DecodeError> {
        let mut r = Reader::new(body, PayloadType::Notification);
        let doi = r.u32()?;
        let protocol = ProtocolId::from_value(r.u8()?);
        let spi_size = usize::from(r.u8()?);
        let notify_type = NotifyType::from_value(r.u16()?);
        let spi = r.take(spi_size)?.to_vec();
        let data = r.rest().to_vec();
        Ok(Self { doi, protocol, spi, notify_type, data })
    }
}

impl Body for NotificationPayload {
    fn body_len(&self) -> usize {
        8 + self.spi.len() + self.data.len()
    }

    fn encode_body(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        let spi_size = u8::try_from(self.spi.len()).map_err(|_| EncodeError::SpiTooLong { len: self.spi.len() })?;
        w.u32(self.doi)?;
        w.u8(self.protocol.value())?;
        w.u8(spi_size)?;
        w.u16(self.notify_type.value())?;
        w.put(&self.spi)?;
        w.put(&self.data)
    }
}

/// A Delete payload (RFC 2408 §3.15): SPIs of one protocol that the sender has deleted.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DeletePayload {
    /// Domain of interpretation ([`IPSEC_DOI`]).
    pub doi: u32,
    /// The protocol of the SAs.
    pub protocol: ProtocolId,
    /// Length of each SPI: 16 for the ISAKMP SA (both cookies), 4 for ESP/AH.
    pub spi_size: u8,
    /// The SPIs, each `spi_size` bytes.
    pub spis: Vec<Vec<u8>>,
}

impl DeletePayload {
    /// Deletes the ISAKMP SA named by its cookies (RFC 2408 §3.15).
    #[must_use]
    pub fn isakmp(initiator_cookie: &IkeSpi, responder_cookie: &IkeSpi) -> Self {
        Self {
            doi: IPSEC_DOI,
            protocol: ProtocolId::Isakmp,
            spi_size: 16,
            spis: alloc::vec![isakmp_spi(initiator_cookie, responder_cookie)],
        }
    }

    /// Deletes ESP or AH SAs: the SPIs the sender chose for its inbound SAs (RFC 2408 §3.15).
    #[must_use]
    pub fn ipsec(protocol: ProtocolId, spis: &[Spi]) -> Self {
        Self { doi: IPSEC_DOI, protocol, spi_size: 4, spis: spis.iter().map(|s| s.to_bytes().to_vec()).collect() }
    }

    /// The SPIs as ESP/AH SPIs (those that are 4 bytes long).
    pub fn ipsec_spis(&self) -> impl Iterator<Item = Spi> + '_ {
        self.spis.iter().filter_map(|s| <[u8; 4]>::try_from(s.as_slice()).ok().map(Spi::from_bytes))
    }

    /// The ISAKMP SAs as cookie pairs (SPIs that are 16 bytes long).
    pub fn isakmp_cookies(&self) -> impl Iterator<Item = (IkeSpi, IkeSpi)> + '_ {
        self.spis.iter().filter_map(|s| split_isakmp_spi(s))
    }

    /// Decodes a Delete payload body.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] or [`DecodeError::TrailingBytes`] when the number of SPIs
    /// times their size does not fill the body.
    pub fn from_body(body: &[u8]) -> Result<Self, DecodeError> {
        let mut r = Reader::new(body, PayloadType::Delete);
        let doi = r.u32()?;
        let protocol = ProtocolId::from_value(r.u8()?);
        let spi_size = r.u8()?;
        let count = usize::from(r.u16()?);
        let size = usize::from(spi_size);
        if size.saturating_mul(count) > r.remaining() {
            return Err(DecodeError::Truncated { payload: PayloadType::Delete });
        }
        let spis = (0..count).map(|_| r.take(size).map(<[u8]>::to_vec)).collect::<Result<Vec<_>, _>>()?;
        r.finish()?;
        Ok(Self { doi, protocol, spi_size, spis })
    }
}

impl Body for DeletePayload {
    fn body_len(&self) -> usize {
        8 + self.spis.iter().map(Vec::len).sum::<usize>()
    }

    fn encode_body(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        let count = u16::try_from(self.spis.len()).map_err(|_| EncodeError::BadDeleteSpis)?;
        if self.spis.iter().any(|s| s.len() != usize::from(self.spi_size)) {
            return Err(EncodeError::BadDeleteSpis);
        }
        w.u32(self.doi)?;
        w.u8(self.protocol.value())?;
        w.u8(self.spi_size)?;
        w.u16(count)?;
        self.spis.iter().try_for_each(|s| w.put(s))
    }
}
