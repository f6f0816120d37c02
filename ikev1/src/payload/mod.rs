//! ISAKMP payloads (RFC 2408 §3.4-§3.16) and the IKEv1 additions: NAT-D and NAT-OA (RFC 3947
//! §3.2, §5.2), the mode-config Attribute payload (draft-ietf-ipsec-isakmp-mode-cfg §3.2) and
//! the IKE fragmentation payload.
//!
//! Each payload type is a struct with a `from_body` decoder for the payload body (everything
//! after the 4-byte generic header) and, through [`Payload`], an encoder. [`Payload`] is the
//! enum a [`Message`](crate::Message) holds; payloads of types this crate does not model are
//! kept raw as [`UnknownPayload`].

mod id;
mod notify;
mod sa;

use alloc::vec::Vec;

use ipsec_core::registry::ikev1::{CertificateEncoding, ConfigMessageType, PayloadType};

pub use id::{IdPayload, NatOaPayload};
pub use notify::{DeletePayload, NotificationPayload, isakmp_spi, split_isakmp_spi};
pub use sa::{
    IPSEC_DOI, ISAKMP_DOI, ProposalPayload, SIT_IDENTITY_ONLY, SIT_INTEGRITY, SIT_SECRECY, SaPayload,
    TransformAttributes, TransformPayload,
};

use crate::attribute::{self, ConfigAttribute};
use crate::error::{DecodeError, EncodeError};
use crate::wire::{GENERIC_HEADER_LEN, Reader, Writer};

/// The body encoding shared by all payloads.
pub(crate) trait Body {
    /// Length of the body (without the generic header).
    fn body_len(&self) -> usize;
    /// Writes the body.
    fn encode_body(&self, w: &mut Writer<'_>) -> Result<(), EncodeError>;
}

/// Which payload numbers a NAT-T payload uses: RFC 3947's (20 and 21) or the private numbers
/// of draft-ietf-ipsec-nat-t-ike-02/03 (130 and 131), which deployed peers still send. Both are
/// accepted on input and kept, so that a reply can use the numbering the peer used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum NatTNumbering {
    /// NAT-D = 20, NAT-OA = 21 (RFC 3947 §3.2, §5.2).
    #[default]
    Rfc3947,
    /// NAT-D = 130, NAT-OA = 131 (draft-ietf-ipsec-nat-t-ike-02/03).
    Draft,
}

impl NatTNumbering {
    /// The NAT-D payload type.
    #[must_use]
    pub const fn nat_d_type(self) -> PayloadType {
        match self {
            Self::Rfc3947 => PayloadType::NatDiscovery,
            Self::Draft => PayloadType::NatDiscoveryDraft,
        }
    }

    /// The NAT-OA payload type.
    #[must_use]
    pub const fn nat_oa_type(self) -> PayloadType {
        match self {
            Self::Rfc3947 => PayloadType::NatOriginalAddress,
            Self::Draft => PayloadType::NatOriginalAddressDraft,
        }
    }
}

macro_rules! data_payload {
    ($(#[$meta:meta])* $name:ident, $field:ident, $doc:literal) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $name {
            #[doc = $doc]
            pub $field: Vec<u8>,
        }

        impl $name {
            /// Wraps the data.
            #[must_use]
            pub const fn new($field: Vec<u8>) -> Self {
                Self { $field }
            }

            /// Decodes the payload body (the data, whatever its length).
            #[must_use]
            pub fn from_body(body: &[u8]) -> Self {
                Self { $field: body.to_vec() }
            }
        }

        impl Body for $name {
            fn body_len(&self) -> usize {
                self.$field.len()
            }

            fn encode_body(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
                w.put(&self.$field)
            }
        }
    };
}

data_payload!(
    /// A Key Exchange payload (RFC 2408 §3.7): the sender's Diffie-Hellman public value, encoded
    /// as the group defines (RFC 2409 §5, RFC 5903 §7 for ECP).
    KePayload,
    data,
    "The public value."
);
data_payload!(
    /// A Hash payload (RFC 2408 §3.11): `HASH_I/HASH_R` in phase 1, HASH(1)/(2)/(3) in quick mode
    /// and the informational hash (RFC 2409 §5, §5.5, §5.7).
    HashPayload,
    data,
    "The hash value."
);
data_payload!(
    /// A Signature payload (RFC 2408 §3.12): `SIG_I`/`SIG_R` (RFC 2409 §5.1).
    SignaturePayload,
    data,
    "The signature."
);
data_payload!(
    /// A Nonce payload (RFC 2408 §3.13); its body is `Ni_b`/`Nr_b` (RFC 2409 §3.2). RFC 2409 §5
    /// requires 8 to 256 bytes; that is a check for the exchange, not the codec.
    NoncePayload,
    data,
    "The nonce."
);
data_payload!(
    /// A Vendor ID payload (RFC 2408 §3.16); see [`vendor_id`](crate::vendor_id) for the
    /// well-known values.
    VendorIdPayload,
    data,
    "The vendor id, usually a hash."
);

/// A Certificate payload (RFC 2408 §3.9).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CertificatePayload {
    /// The certificate encoding.
    pub encoding: CertificateEncoding,
    /// The certificate.
    pub data: Vec<u8>,
}

impl CertificatePayload {
    /// Decodes a CERT payload body.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] for an empty body.
    pub fn from_body(body: &[u8]) -> Result<Self, DecodeError> {
        let mut r = Reader::new(body, PayloadType::Certificate);
        let encoding = CertificateEncoding::from_value(r.u8()?);
        Ok(Self { encoding, data: r.rest().to_vec() })
    }
}

impl Body for CertificatePayload {
    fn body_len(&self) -> usize {
        1 + self.data.len()
    }

    fn encode_body(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u8(self.encoding.value())?;
        w.put(&self.data)
    }
}

/// A Certificate Request payload (RFC 2408 §3.10).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CertificateRequestPayload {
    /// The certificate type requested.
    pub cert_type: CertificateEncoding,
    /// An acceptable certificate authority (a DER distinguished name), or empty.
    pub authority: Vec<u8>,
}

impl CertificateRequestPayload {
    /// Decodes a CR payload body.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] for an empty body.
    pub fn from_body(body: &[u8]) -> Result<Self, DecodeError> {
        let mut r = Reader::new(body, PayloadType::CertificateRequest);
        let cert_type = CertificateEncoding::from_value(r.u8()?);
        Ok(Self { cert_type, authority: r.rest().to_vec() })
    }
}

impl Body for CertificateRequestPayload {
    fn body_len(&self) -> usize {
        1 + self.authority.len()
    }

    fn encode_body(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u8(self.cert_type.value())?;
        w.put(&self.authority)
    }
}

/// A NAT Discovery payload (RFC 3947 §3.2): `HASH(CKY-I | CKY-R | IP | Port)`, see
/// [`keys::nat_discovery_hash`](crate::keys::nat_discovery_hash).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NatDPayload {
    /// The hash.
    pub hash: Vec<u8>,
    /// RFC 3947 or draft payload number.
    pub numbering: NatTNumbering,
}

impl NatDPayload {
    /// A NAT-D payload with the RFC 3947 number.
    #[must_use]
    pub const fn new(hash: Vec<u8>) -> Self {
        Self { hash, numbering: NatTNumbering::Rfc3947 }
    }
}

impl Body for NatDPayload {
    fn body_len(&self) -> usize {
        self.hash.len()
    }

    fn encode_body(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.put(&self.hash)
    }
}

/// The Attribute payload of the transaction exchange: mode-config and XAUTH
/// (draft-ietf-ipsec-isakmp-mode-cfg §3.2).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AttributePayload {
    /// Request, reply, set or acknowledge.
    pub message_type: ConfigMessageType,
    /// Identifier that matches a reply to its request.
    pub identifier: u16,
    /// The attributes.
    pub attributes: Vec<ConfigAttribute>,
}

impl AttributePayload {
    /// Decodes an Attribute payload body.
    ///
    /// # Errors
    /// [`DecodeError`] for a short body or malformed attribute.
    pub fn from_body(body: &[u8]) -> Result<Self, DecodeError> {
        let mut r = Reader::new(body, PayloadType::Attribute);
        let message_type = ConfigMessageType::from_value(r.u8()?);
        let _reserved = r.u8()?;
        let identifier = r.u16()?;
        let attributes = attribute::decode_typed(r.rest(), PayloadType::Attribute)?;
        Ok(Self { message_type, identifier, attributes })
    }
}

impl Body for AttributePayload {
    fn body_len(&self) -> usize {
        4 + attribute::typed_len(&self.attributes)
    }

    fn encode_body(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u8(self.message_type.value())?;
        w.u8(0)?;
        w.u16(self.identifier)?;
        attribute::encode_typed(&self.attributes, w)
    }
}

/// The IKE fragmentation payload (type 132) of Cisco, also implemented by strongSwan: a
/// fragment of an IKEv1 message too large for one datagram.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FragmentPayload {
    /// Identifies the message the fragment belongs to.
    pub fragment_id: u16,
    /// Fragment number, from 1.
    pub number: u8,
    /// Flags; [`FragmentPayload::LAST`] marks the last fragment.
    pub flags: u8,
    /// The fragment data.
    pub data: Vec<u8>,
}

impl FragmentPayload {
    /// Flag of the last fragment.
    pub const LAST: u8 = 0x01;

    /// True for the last fragment.
    #[must_use]
    pub const fn is_last(&self) -> bool {
        self.flags & Self::LAST != 0
    }

    /// Decodes a fragment payload body.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] for a body shorter than 4 bytes.
    pub fn from_body(body: &[u8]) -> Result<Self, DecodeError> {
        let mut r = Reader::new(body, PayloadType::Fragmentation);
        let fragment_id = r.u16()?;
        let number = r.u8()?;
        let flags = r.u8()?;
        Ok(Self { fragment_id, number, flags, data: r.rest().to_vec() })
    }
}

impl Body for FragmentPayload {
    fn body_len(&self) -> usize {
        4 + self.data.len()
    }

    fn encode_body(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u16(self.fragment_id)?;
        w.u8(self.number)?;
        w.u8(self.flags)?;
        w.put(&self.data)
    }
}

/// A payload of a type this crate does not model, kept raw.
///
/// RFC 2408 §5.1 makes an unknown payload type an error answered with INVALID-PAYLOAD-TYPE;
/// the codec keeps the payload so that the exchange decides (see
/// [`Message::check_payload_types`](crate::Message::check_payload_types)).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownPayload {
    /// The payload type.
    pub payload_type: PayloadType,
    /// The body.
    pub body: Vec<u8>,
}

impl Body for UnknownPayload {
    fn body_len(&self) -> usize {
        self.body.len()
    }

    fn encode_body(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.put(&self.body)
    }
}

/// One payload of an ISAKMP message.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Payload {
    /// Security Association (RFC 2408 §3.4).
    Sa(SaPayload),
    /// Key Exchange (RFC 2408 §3.7).
    KeyExchange(KePayload),
    /// Identification (RFC 2408 §3.8, RFC 2407 §4.6.2).
    Identification(IdPayload),
    /// Certificate (RFC 2408 §3.9).
    Certificate(CertificatePayload),
    /// Certificate Request (RFC 2408 §3.10).
    CertificateRequest(CertificateRequestPayload),
    /// Hash (RFC 2408 §3.11).
    Hash(HashPayload),
    /// Signature (RFC 2408 §3.12).
    Signature(SignaturePayload),
    /// Nonce (RFC 2408 §3.13).
    Nonce(NoncePayload),
    /// Notification (RFC 2408 §3.14).
    Notification(NotificationPayload),
    /// Delete (RFC 2408 §3.15).
    Delete(DeletePayload),
    /// Vendor ID (RFC 2408 §3.16).
    VendorId(VendorIdPayload),
    /// Mode-config attributes (draft-ietf-ipsec-isakmp-mode-cfg §3.2).
    Attribute(AttributePayload),
    /// NAT Discovery (RFC 3947 §3.2).
    NatD(NatDPayload),
    /// NAT Original Address (RFC 3947 §5.2).
    NatOa(NatOaPayload),
    /// IKE fragment (Cisco/strongSwan).
    Fragment(FragmentPayload),
    /// Any other payload type, kept raw.
    Unknown(UnknownPayload),
}

impl Payload {
    /// The payload type as written in the previous Next Payload field.
    #[must_use]
    pub const fn payload_type(&self) -> PayloadType {
        match self {
            Self::Sa(_) => PayloadType::Sa,
            Self::KeyExchange(_) => PayloadType::KeyExchange,
            Self::Identification(_) => PayloadType::Identification,
            Self::Certificate(_) => PayloadType::Certificate,
            Self::CertificateRequest(_) => PayloadType::CertificateRequest,
            Self::Hash(_) => PayloadType::Hash,
            Self::Signature(_) => PayloadType::Signature,
            Self::Nonce(_) => PayloadType::Nonce,
            Self::Notification(_) => PayloadType::Notification,
            Self::Delete(_) => PayloadType::Delete,
            Self::VendorId(_) => PayloadType::VendorId,
            Self::Attribute(_) => PayloadType::Attribute,
            Self::NatD(p) => p.numbering.nat_d_type(),
            Self::NatOa(p) => p.numbering.nat_oa_type(),
            Self::Fragment(_) => PayloadType::Fragmentation,
            Self::Unknown(p) => p.payload_type,
        }
    }

    /// Decodes the body of a payload of type `payload_type`. Types without a model here give
    /// [`Payload::Unknown`].
    ///
    /// # Errors
    /// [`DecodeError`] for a malformed body.
    pub fn from_body(payload_type: PayloadType, body: &[u8]) -> Result<Self, DecodeError> {
        use PayloadType as T;
        Ok(match payload_type {
            T::Sa => Self::Sa(SaPayload::from_body(body)?),
            T::KeyExchange => Self::KeyExchange(KePayload::from_body(body)),
            T::Identification => Self::Identification(IdPayload::from_body(body)?),
            T::Certificate => Self::Certificate(CertificatePayload::from_body(body)?),
            T::CertificateRequest => Self::CertificateRequest(CertificateRequestPayload::from_body(body)?),
            T::Hash => Self::Hash(HashPayload::from_body(body)),
            T::Signature => Self::Signature(SignaturePayload::from_body(body)),
            T::Nonce => Self::Nonce(NoncePayload::from_body(body)),
            T::Notification => Self::Notification(NotificationPayload::from_body(body)?),
            T::Delete => Self::Delete(DeletePayload::from_body(body)?),
            T::VendorId => Self::VendorId(VendorIdPayload::from_body(body)),
            T::Attribute => Self::Attribute(AttributePayload::from_body(body)?),
            T::NatDiscovery => Self::NatD(NatDPayload { hash: body.to_vec(), numbering: NatTNumbering::Rfc3947 }),
            T::NatDiscoveryDraft => Self::NatD(NatDPayload { hash: body.to_vec(), numbering: NatTNumbering::Draft }),
            T::NatOriginalAddress => Self::NatOa(NatOaPayload::from_body(body, NatTNumbering::Rfc3947)?),
            T::NatOriginalAddressDraft => Self::NatOa(NatOaPayload::from_body(body, NatTNumbering::Draft)?),
            T::Fragmentation => Self::Fragment(FragmentPayload::from_body(body)?),
            other => Self::Unknown(UnknownPayload { payload_type: other, body: body.to_vec() }),
        })
    }

    fn as_body(&self) -> &dyn Body {
        match self {
            Self::Sa(p) => p,
            Self::KeyExchange(p) => p,
            Self::Identification(p) => p,
            Self::Certificate(p) => p,
            Self::CertificateRequest(p) => p,
            Self::Hash(p) => p,
            Self::Signature(p) => p,
            Self::Nonce(p) => p,
            Self::Notification(p) => p,
            Self::Delete(p) => p,
            Self::VendorId(p) => p,
            Self::Attribute(p) => p,
            Self::NatD(p) => p,
            Self::NatOa(p) => p,
            Self::Fragment(p) => p,
            Self::Unknown(p) => p,
        }
    }

    /// Length of the encoded payload, generic header included.
    #[must_use]
    pub fn encoded_len(&self) -> usize {
        GENERIC_HEADER_LEN + self.as_body().body_len()
    }

    /// The encoded body (without the generic header): what RFC 2409 §5 hashes as `SAi_b`,
    /// `IDii_b`, `Ni_b` and so on.
    ///
    /// # Errors
    /// [`EncodeError`] when a field does not fit its wire length.
    pub fn body(&self) -> Result<Vec<u8>, EncodeError> {
        let body = self.as_body();
        crate::wire::to_vec(body.body_len(), |w| body.encode_body(w))
    }

    /// Writes the payload with its generic header; `next` is the type of the payload that
    /// follows (NONE for the last).
    pub(crate) fn encode(&self, next: PayloadType, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        if self.payload_type() == PayloadType::None {
            return Err(EncodeError::NonePayloadType);
        }
        w.generic_header(self.payload_type(), next, self.encoded_len())?;
        self.as_body().encode_body(w)
    }
}

macro_rules! payload_from {
    ($($variant:ident($ty:ty)),* $(,)?) => {
        $(impl From<$ty> for Payload {
            fn from(p: $ty) -> Self {
                Self::$variant(p)
            }
        })*
    };
}

payload_from!(
    Sa(SaPayload),
    KeyExchange(KePayload),
    Identification(IdPayload),
    Certificate(CertificatePayload),
    CertificateRequest(CertificateRequestPayload),
    Hash(HashPayload),
    Signature(SignaturePayload),
    Nonce(NoncePayload),
    Notification(NotificationPayload),
    Delete(DeletePayload),
    VendorId(VendorIdPayload),
    Attribute(AttributePayload),
    NatD(NatDPayload),
    NatOa(NatOaPayload),
    Fragment(FragmentPayload),
    Unknown(UnknownPayload),
);
