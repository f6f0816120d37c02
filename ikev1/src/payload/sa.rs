//! The Security Association payload with its nested Proposal and Transform payloads (RFC 2408
//! §3.4-§3.6, RFC 2407 §4.6.1).

use alloc::vec::Vec;

use ipsec_core::registry::ikev1::{AhTransformId, EspTransformId, IsakmpTransformId, PayloadType, ProtocolId};

use super::Body;
use crate::attribute::{self, IpsecAttribute, Phase1Attribute};
use crate::error::{DecodeError, EncodeError};
use crate::wire::{GENERIC_HEADER_LEN, RawPayloads, Reader, Writer};

/// The IPsec DOI number (RFC 2407 §4.2).
pub const IPSEC_DOI: u32 = 1;
/// The generic ISAKMP DOI, used by notifications and deletes that concern no DOI (RFC 2408
/// §3.4).
pub const ISAKMP_DOI: u32 = 0;
/// IPsec DOI situation `SIT_IDENTITY_ONLY` (RFC 2407 §4.2.1).
pub const SIT_IDENTITY_ONLY: u32 = 0x01;
/// IPsec DOI situation `SIT_SECRECY` (RFC 2407 §4.2.2), not supported here.
pub const SIT_SECRECY: u32 = 0x02;
/// IPsec DOI situation `SIT_INTEGRITY` (RFC 2407 §4.2.3), not supported here.
pub const SIT_INTEGRITY: u32 = 0x04;

/// A Security Association payload (RFC 2408 §3.4) of the IPsec DOI (RFC 2407 §4.6.1).
///
/// Decoding accepts the IPsec DOI with the `SIT_IDENTITY_ONLY` situation, the only one IKE
/// peers use; another DOI is [`DecodeError::DoiNotSupported`] and a labeled situation
/// [`DecodeError::SituationNotSupported`], the notifications RFC 2407 §4.2 asks for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SaPayload {
    /// Domain of interpretation ([`IPSEC_DOI`]).
    pub doi: u32,
    /// Situation bitmap ([`SIT_IDENTITY_ONLY`]).
    pub situation: u32,
    /// The proposals, in order. Consecutive proposals with the same number are one proposal
    /// that combines protocols (RFC 2408 §4.2, e.g. AH and ESP together).
    pub proposals: Vec<ProposalPayload>,
}

impl SaPayload {
    /// An IPsec DOI SA, situation identity-only, with the given proposals.
    #[must_use]
    pub const fn new(proposals: Vec<ProposalPayload>) -> Self {
        Self { doi: IPSEC_DOI, situation: SIT_IDENTITY_ONLY, proposals }
    }

    /// Decodes an SA payload body (everything after the generic header).
    ///
    /// # Errors
    /// [`DecodeError`] for a malformed body, another DOI or a labeled situation.
    pub fn from_body(body: &[u8]) -> Result<Self, DecodeError> {
        let mut r = Reader::new(body, PayloadType::Sa);
        let doi = r.u32()?;
        if doi != IPSEC_DOI {
            return Err(DecodeError::DoiNotSupported { doi });
        }
        let situation = r.u32()?;
        if situation & (SIT_SECRECY | SIT_INTEGRITY) != 0 {
            return Err(DecodeError::SituationNotSupported { situation });
        }
        let rest = r.rest();
        if rest.is_empty() {
            return Err(DecodeError::BadProposalSyntax { reason: "SA payload without proposals" });
        }
        let mut proposals = Vec::new();
        let mut chain = RawPayloads::new(PayloadType::Proposal, rest);
        for raw in chain.by_ref() {
            let raw = raw?;
            if !matches!(raw.next_payload, PayloadType::Proposal | PayloadType::None) {
                return Err(DecodeError::BadProposalSyntax { reason: "proposal followed by a non-proposal payload" });
            }
            proposals.push(ProposalPayload::from_body(raw.body)?);
        }
        if chain.end() != rest.len() {
            return Err(DecodeError::TrailingBytes { payload: PayloadType::Sa, count: rest.len() - chain.end() });
        }
        Ok(Self { doi, situation, proposals })
    }
}

impl Body for SaPayload {
    fn body_len(&self) -> usize {
        8 + self.proposals.iter().map(|p| GENERIC_HEADER_LEN + p.body_len()).sum::<usize>()
    }

    fn encode_body(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u32(self.doi)?;
        w.u32(self.situation)?;
        let count = self.proposals.len();
        for (i, proposal) in self.proposals.iter().enumerate() {
            let next = if i + 1 < count { PayloadType::Proposal } else { PayloadType::None };
            w.generic_header(PayloadType::Proposal, next, GENERIC_HEADER_LEN + proposal.body_len())?;
            proposal.encode_body(w)?;
        }
        Ok(())
    }
}

/// A Proposal payload (RFC 2408 §3.5): one protocol's offer, with its SPI and transforms.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ProposalPayload {
    /// Proposal number; equal numbers are combined (AND), increasing numbers are alternatives
    /// (OR) (RFC 2408 §4.2).
    pub number: u8,
    /// Protocol: `PROTO_ISAKMP` in phase 1, ESP/AH/IPComp in quick mode (RFC 2407 §4.4.1).
    pub protocol: ProtocolId,
    /// The sender's SPI: empty (or the 8- or 16-byte cookies) for ISAKMP, 4 bytes for ESP and
    /// AH, a 2-byte CPI (or 4 bytes) for IPComp (RFC 2407 §4.4.1, §4.4.5).
    pub spi: Vec<u8>,
    /// The transforms, alternatives in order of preference (RFC 2408 §3.6).
    pub transforms: Vec<TransformPayload>,
}

impl ProposalPayload {
    /// A phase-1 proposal: `PROTO_ISAKMP`, no SPI (RFC 2409 §5: the cookies identify the SA).
    #[must_use]
    pub const fn isakmp(number: u8, transforms: Vec<TransformPayload>) -> Self {
        Self { number, protocol: ProtocolId::Isakmp, spi: Vec::new(), transforms }
    }

    /// A quick-mode proposal for ESP or AH with a 4-byte SPI (RFC 2407 §4.4.1).
    #[must_use]
    pub fn ipsec(
        number: u8,
        protocol: ProtocolId,
        spi: ipsec_core::types::Spi,
        transforms: Vec<TransformPayload>,
    ) -> Self {
        Self { number, protocol, spi: spi.to_bytes().to_vec(), transforms }
    }

    /// The SPI as an ESP/AH SPI, when it is 4 bytes long.
    #[must_use]
    pub fn ipsec_spi(&self) -> Option<ipsec_core::types::Spi> {
        <[u8; 4]>::try_from(self.spi.as_slice()).ok().map(ipsec_core::types::Spi::from_bytes)
    }

    /// Decodes a Proposal payload body.
    ///
    /// # Errors
    /// [`DecodeError`] for a malformed body or transform chain.
    pub fn from_body(body: &[u8]) -> Result<Self, DecodeError> {
        let mut r = Reader::new(body, PayloadType::Proposal);
        let number = r.u8()?;
        let protocol = ProtocolId::from_value(r.u8()?);
        let spi_size = usize::from(r.u8()?);
        let count = usize::from(r.u8()?);
        let spi = r.take(spi_size)?.to_vec();
        let rest = r.rest();
        if rest.is_empty() || count == 0 {
            return Err(DecodeError::BadProposalSyntax { reason: "proposal without transforms" });
        }
        let mut transforms = Vec::with_capacity(count.min(rest.len() / 8));
        let mut chain = RawPayloads::new(PayloadType::Transform, rest);
        for raw in chain.by_ref() {
            let raw = raw?;
            if !matches!(raw.next_payload, PayloadType::Transform | PayloadType::None) {
                return Err(DecodeError::BadProposalSyntax { reason: "transform followed by a non-transform payload" });
            }
            transforms.push(TransformPayload::from_body(raw.body, protocol)?);
        }
        if chain.end() != rest.len() {
            return Err(DecodeError::TrailingBytes { payload: PayloadType::Proposal, count: rest.len() - chain.end() });
        }
        if transforms.len() != count {
            return Err(DecodeError::BadProposalSyntax {
                reason: "number of transforms disagrees with the transforms",
            });
        }
        Ok(Self { number, protocol, spi, transforms })
    }

    fn body_len(&self) -> usize {
        4 + self.spi.len() + self.transforms.iter().map(|t| GENERIC_HEADER_LEN + t.body_len()).sum::<usize>()
    }

    fn encode_body(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        let spi_size = u8::try_from(self.spi.len()).map_err(|_| EncodeError::SpiTooLong { len: self.spi.len() })?;
        let count = u8::try_from(self.transforms.len())
            .map_err(|_| EncodeError::TooManyTransforms { count: self.transforms.len() })?;
        w.u8(self.number)?;
        w.u8(self.protocol.value())?;
        w.u8(spi_size)?;
        w.u8(count)?;
        w.put(&self.spi)?;
        let n = self.transforms.len();
        for (i, transform) in self.transforms.iter().enumerate() {
            let next = if i + 1 < n { PayloadType::Transform } else { PayloadType::None };
            w.generic_header(PayloadType::Transform, next, GENERIC_HEADER_LEN + transform.body_len())?;
            transform.encode_body(w)?;
        }
        Ok(())
    }
}

/// The attributes of a transform, typed by the protocol of the proposal that holds it:
/// phase-1 attributes for `PROTO_ISAKMP` (RFC 2409 Appendix A), IPsec DOI attributes for the
/// others (RFC 2407 §4.5).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TransformAttributes {
    /// Attributes of a `KEY_IKE` transform in a `PROTO_ISAKMP` proposal.
    Phase1(Vec<Phase1Attribute>),
    /// Attributes of an ESP, AH or IPComp transform.
    Ipsec(Vec<IpsecAttribute>),
}

impl TransformAttributes {
    /// The phase-1 attributes (empty for IPsec transforms).
    #[must_use]
    pub fn phase1(&self) -> &[Phase1Attribute] {
        match self {
            Self::Phase1(a) => a,
            Self::Ipsec(_) => &[],
        }
    }

    /// The IPsec DOI attributes (empty for phase-1 transforms).
    #[must_use]
    pub fn ipsec(&self) -> &[IpsecAttribute] {
        match self {
            Self::Ipsec(a) => a,
            Self::Phase1(_) => &[],
        }
    }
}

/// A Transform payload (RFC 2408 §3.6).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TransformPayload {
    /// Transform number, unique within its proposal.
    pub number: u8,
    /// Transform id in the namespace of the proposal's protocol: `KEY_IKE` (RFC 2407 §4.4.2),
    /// an ESP transform (§4.4.4), an AH transform (§4.4.3) or an IPComp transform (§4.4.5).
    pub transform_id: u8,
    /// The SA attributes.
    pub attributes: TransformAttributes,
}

impl TransformPayload {
    /// A phase-1 `KEY_IKE` transform (RFC 2407 §4.4.2, RFC 2409 Appendix A).
    #[must_use]
    pub fn key_ike(number: u8, attributes: Vec<Phase1Attribute>) -> Self {
        Self {
            number,
            transform_id: IsakmpTransformId::KeyIke.value(),
            attributes: TransformAttributes::Phase1(attributes),
        }
    }

    /// An ESP transform (RFC 2407 §4.4.4).
    #[must_use]
    pub fn esp(number: u8, id: EspTransformId, attributes: Vec<IpsecAttribute>) -> Self {
        Self { number, transform_id: id.value(), attributes: TransformAttributes::Ipsec(attributes) }
    }

    /// An AH transform (RFC 2407 §4.4.3).
    #[must_use]
    pub fn ah(number: u8, id: AhTransformId, attributes: Vec<IpsecAttribute>) -> Self {
        Self { number, transform_id: id.value(), attributes: TransformAttributes::Ipsec(attributes) }
    }

    /// Decodes a Transform payload body; `protocol` (of the enclosing proposal) selects how the
    /// attributes are typed.
    ///
    /// # Errors
    /// [`DecodeError`] for a malformed body or attribute.
    pub fn from_body(body: &[u8], protocol: ProtocolId) -> Result<Self, DecodeError> {
        let mut r = Reader::new(body, PayloadType::Transform);
        let number = r.u8()?;
        let transform_id = r.u8()?;
        let _reserved = r.u16()?;
        let rest = r.rest();
        let attributes = if protocol == ProtocolId::Isakmp {
            TransformAttributes::Phase1(attribute::decode_typed(rest, PayloadType::Transform)?)
        } else {
            TransformAttributes::Ipsec(attribute::decode_typed(rest, PayloadType::Transform)?)
        };
        Ok(Self { number, transform_id, attributes })
    }

    fn body_len(&self) -> usize {
        4 + match &self.attributes {
            TransformAttributes::Phase1(a) => attribute::typed_len(a),
            TransformAttributes::Ipsec(a) => attribute::typed_len(a),
        }
    }

    fn encode_body(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u8(self.number)?;
        w.u8(self.transform_id)?;
        w.u16(0)?;
        match &self.attributes {
            TransformAttributes::Phase1(a) => attribute::encode_typed(a, w),
            TransformAttributes::Ipsec(a) => attribute::encode_typed(a, w),
        }
    }
}
