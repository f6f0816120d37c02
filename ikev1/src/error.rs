//! Errors of the ISAKMP codec, each mapped to the notification an implementation would send.

use ipsec_core::registry::ikev1::{NotifyType, PayloadType};
use ipsec_core::types::IdentityError;

/// Why received bytes are not a valid ISAKMP message or payload.
///
/// Every variant says which notify message type (RFC 2408 §3.14.1) a receiver would answer
/// with: see [`DecodeError::notify_type`]. The codec never panics on any input: every length
/// field is checked against the buffer that encloses it (RFC 2408 §5.1-§5.2).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The datagram is shorter than the 28-byte ISAKMP header (RFC 2408 §3.1).
    #[error("datagram of {len} bytes is shorter than the ISAKMP header")]
    TooShort {
        /// Length of the datagram.
        len: usize,
    },
    /// The major version is not 1 (RFC 2408 §3.1, §5.1).
    #[error("ISAKMP major version {major} is not supported")]
    InvalidMajorVersion {
        /// The major version received.
        major: u8,
    },
    /// The header's Length field disagrees with the datagram's length (RFC 2408 §3.1, §5.1).
    #[error("header length {header} does not match the datagram length {datagram}")]
    LengthMismatch {
        /// The Length field of the header.
        header: u32,
        /// The length of the datagram.
        datagram: usize,
    },
    /// The payloads do not fill the message exactly: bytes are left after the last payload of
    /// a cleartext message (RFC 2408 §5.1).
    #[error("{trailing} bytes follow the last payload")]
    UnequalPayloadLengths {
        /// Number of bytes after the last payload.
        trailing: usize,
    },
    /// A payload's Length field is smaller than its generic header or its fixed fields, or
    /// runs past the enclosing message or payload (RFC 2408 §3.2, §5.2).
    #[error("{payload} payload length {length} is invalid ({available} bytes available)")]
    PayloadLength {
        /// The payload whose length is wrong.
        payload: PayloadType,
        /// Its Length field.
        length: usize,
        /// The bytes left in the enclosing buffer.
        available: usize,
    },
    /// A payload body is too short for its fixed fields, or a length inside it (SPI size,
    /// attribute length, number of SPIs) runs past the body (RFC 2408 §5.2).
    #[error("{payload} payload is truncated")]
    Truncated {
        /// The payload being decoded.
        payload: PayloadType,
    },
    /// Bytes are left inside a payload body after its last field.
    #[error("{count} unexpected bytes at the end of a {payload} payload")]
    TrailingBytes {
        /// The payload being decoded.
        payload: PayloadType,
        /// Number of bytes left.
        count: usize,
    },
    /// A payload type where it is not allowed: a top-level payload this implementation does not
    /// know (RFC 2408 §5.1 and §5.2), or a Proposal or Transform payload outside an SA.
    #[error("payload type {payload_type} is not valid here")]
    InvalidPayloadType {
        /// The payload type.
        payload_type: PayloadType,
    },
    /// The proposals or transforms of an SA payload are malformed: a next-payload value other
    /// than Proposal/Transform or NONE inside the SA, a transform count that disagrees with the
    /// transforms present, or an SA without proposals (RFC 2408 §3.5, §3.6, §5.4).
    #[error("bad proposal syntax: {reason}")]
    BadProposalSyntax {
        /// What is wrong.
        reason: &'static str,
    },
    /// An SA payload for a DOI other than the IPsec DOI (RFC 2408 §5.4, RFC 2407 §4.2).
    #[error("DOI {doi} is not supported")]
    DoiNotSupported {
        /// The DOI received.
        doi: u32,
    },
    /// An IPsec DOI situation other than `SIT_IDENTITY_ONLY`: labeled secrecy or integrity
    /// (RFC 2407 §4.2, §4.6.1).
    #[error("situation {situation:#x} is not supported")]
    SituationNotSupported {
        /// The situation bitmap received.
        situation: u32,
    },
    /// Identification data that does not fit its ID type (RFC 2407 §4.6.2).
    #[error("invalid identification data: {0}")]
    InvalidIdInformation(IdentityError),
    /// An ID type that the payload does not allow (NAT-OA carries only IPv4 or IPv6 addresses,
    /// RFC 3947 §5.2).
    #[error("ID type {id_type} is not allowed in a {payload} payload")]
    UnsupportedIdType {
        /// The payload being decoded.
        payload: PayloadType,
        /// The ID type received.
        id_type: u8,
    },
    /// The message has the Encryption flag set; decrypt it with
    /// [`MessageCipher::decrypt`](crate::crypt::MessageCipher::decrypt) (RFC 2408 §3.1).
    #[error("message is encrypted")]
    Encrypted,
    /// The first payload is not the HASH payload that the exchange requires there (RFC 2409
    /// §5.5, §5.7).
    #[error("the first payload is not a HASH payload")]
    HashNotFirst,
}

impl DecodeError {
    /// The notify message type a receiver would send back (RFC 2408 §3.14.1, §5).
    #[must_use]
    pub const fn notify_type(&self) -> NotifyType {
        match self {
            Self::InvalidMajorVersion { .. } => NotifyType::InvalidMajorVersion,
            Self::LengthMismatch { .. } | Self::UnequalPayloadLengths { .. } => NotifyType::UnequalPayloadLengths,
            Self::InvalidPayloadType { .. } => NotifyType::InvalidPayloadType,
            Self::BadProposalSyntax { .. } => NotifyType::BadProposalSyntax,
            Self::DoiNotSupported { .. } => NotifyType::DoiNotSupported,
            Self::SituationNotSupported { .. } => NotifyType::SituationNotSupported,
            Self::InvalidIdInformation(_) | Self::UnsupportedIdType { .. } => NotifyType::InvalidIdInformation,
            Self::Encrypted => NotifyType::InvalidFlags,
            Self::HashNotFirst => NotifyType::InvalidHashInformation,
            Self::TooShort { .. }
            | Self::PayloadLength { .. }
            | Self::Truncated { .. }
            | Self::TrailingBytes { .. } => NotifyType::PayloadMalformed,
        }
    }
}

/// Why a message or payload cannot be encoded: a field does not fit its length on the wire.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// A payload longer than its 16-bit Length field allows (RFC 2408 §3.2).
    #[error("{payload} payload of {len} bytes exceeds 65535 bytes")]
    PayloadTooLong {
        /// The payload type.
        payload: PayloadType,
        /// Its encoded length.
        len: usize,
    },
    /// A message longer than the 32-bit Length field of the header allows (RFC 2408 §3.1).
    #[error("message of {len} bytes is too long")]
    MessageTooLong {
        /// Its encoded length.
        len: usize,
    },
    /// More than 255 transforms in one proposal (RFC 2408 §3.5).
    #[error("{count} transforms do not fit a proposal")]
    TooManyTransforms {
        /// Number of transforms.
        count: usize,
    },
    /// An SPI longer than 255 bytes (RFC 2408 §3.5, §3.14, §3.15).
    #[error("SPI of {len} bytes is too long")]
    SpiTooLong {
        /// The SPI length.
        len: usize,
    },
    /// A Delete payload SPI whose length differs from the payload's SPI size, or more than
    /// 65535 SPIs (RFC 2408 §3.15).
    #[error("delete payload SPIs do not match the SPI size")]
    BadDeleteSpis,
    /// A data attribute type above 0x7fff, or a variable attribute value longer than 65535
    /// bytes (RFC 2408 §3.3).
    #[error("data attribute cannot be encoded")]
    BadAttribute,
    /// A caller buffer too small for the encoding.
    #[error("buffer of {available} bytes is too small, {needed} needed")]
    BufferTooSmall {
        /// Bytes needed.
        needed: usize,
        /// Bytes available.
        available: usize,
    },
    /// A payload of type NONE (0), which would end the payload chain early (RFC 2408 §3.2).
    #[error("a payload of type NONE cannot be encoded")]
    NonePayloadType,
    /// The message to encrypt or hash has no payloads, or its first payload is not HASH where
    /// the computation needs one (RFC 2409 §5.5).
    #[error("the message does not have the payloads the operation needs")]
    MissingPayload,
}
