//! Data attributes (RFC 2408 §3.3) and their typed forms: phase-1 attributes (RFC 2409
//! Appendix A), IPsec DOI SA attributes (RFC 2407 §4.5) and mode-config attributes
//! (draft-ietf-ipsec-isakmp-mode-cfg §3.3).
//!
//! On the wire an attribute is either basic (TV: the AF bit set, a 2-byte value) or variable
//! (TLV: a 2-byte length and the value). The typed enums keep the form a value arrived in, so
//! that re-encoding gives back the same bytes, and keep every attribute they have no name for
//! (or that arrives in a form its type does not allow) as [`DataAttribute`].

use alloc::vec::Vec;

use ipsec_core::registry::ikev1::{
    AuthenticationMethod, ConfigAttributeType, EncapsulationMode, GroupDescription, GroupType, IpsecAttributeType,
    IpsecAuthAlgorithm, LifeType, PayloadType, Phase1AttributeType, Phase1EncryptionAlgorithm, Phase1HashAlgorithm,
};

use crate::error::{DecodeError, EncodeError};
use crate::wire::{Reader, Writer};

/// The Attribute Format bit: set for the basic (TV) form (RFC 2408 §3.3).
pub const ATTRIBUTE_FORMAT_TV: u16 = 0x8000;

/// The value of a data attribute in its wire form (RFC 2408 §3.3).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AttributeValue {
    /// Basic (TV) form: a 16-bit value in the attribute header.
    Basic(u16),
    /// Variable (TLV) form: up to 65535 bytes of value.
    Variable(Vec<u8>),
}

impl AttributeValue {
    /// The value as an unsigned integer: the basic value, or a variable value of one to eight
    /// bytes read big-endian (RFC 2409 Appendix A: a life duration that does not fit 16 bits is
    /// sent as a variable attribute).
    #[must_use]
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Self::Basic(v) => Some(u64::from(*v)),
            Self::Variable(bytes) if !bytes.is_empty() && bytes.len() <= 8 => {
                Some(bytes.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
            }
            Self::Variable(_) => None,
        }
    }

    /// The shortest encoding of an integer that peers accept: basic when it fits 16 bits
    /// (RFC 2409 Appendix A allows variable attributes in basic form), otherwise a 4-byte (or,
    /// above `u32::MAX`, 8-byte) variable value.
    #[must_use]
    pub fn from_u64(value: u64) -> Self {
        if let Ok(v) = u16::try_from(value) {
            Self::Basic(v)
        } else if let Ok(v) = u32::try_from(value) {
            Self::Variable(v.to_be_bytes().to_vec())
        } else {
            Self::Variable(value.to_be_bytes().to_vec())
        }
    }

    /// The basic value, for an attribute in TV form.
    #[must_use]
    pub const fn basic(&self) -> Option<u16> {
        match self {
            Self::Basic(v) => Some(*v),
            Self::Variable(_) => None,
        }
    }
}

/// A data attribute as on the wire (RFC 2408 §3.3): a 15-bit type and a value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DataAttribute {
    /// The attribute type, without the AF bit (0..=0x7fff).
    pub attribute_type: u16,
    /// The value and its form.
    pub value: AttributeValue,
}

impl DataAttribute {
    /// A basic (TV) attribute.
    #[must_use]
    pub const fn basic(attribute_type: u16, value: u16) -> Self {
        Self { attribute_type, value: AttributeValue::Basic(value) }
    }

    /// A variable (TLV) attribute.
    #[must_use]
    pub const fn variable(attribute_type: u16, value: Vec<u8>) -> Self {
        Self { attribute_type, value: AttributeValue::Variable(value) }
    }

    /// Encoded length in bytes.
    #[must_use]
    pub fn encoded_len(&self) -> usize {
        match &self.value {
            AttributeValue::Basic(_) => 4,
            AttributeValue::Variable(v) => 4 + v.len(),
        }
    }

    pub(crate) fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let word = r.u16()?;
        let attribute_type = word & !ATTRIBUTE_FORMAT_TV;
        let len_or_value = r.u16()?;
        let value = if word & ATTRIBUTE_FORMAT_TV != 0 {
            AttributeValue::Basic(len_or_value)
        } else {
            AttributeValue::Variable(r.take(usize::from(len_or_value))?.to_vec())
        };
        Ok(Self { attribute_type, value })
    }

    pub(crate) fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        if self.attribute_type > 0x7fff {
            return Err(EncodeError::BadAttribute);
        }
        match &self.value {
            AttributeValue::Basic(v) => {
                w.u16(self.attribute_type | ATTRIBUTE_FORMAT_TV)?;
                w.u16(*v)
            }
            AttributeValue::Variable(bytes) => {
                let len = u16::try_from(bytes.len()).map_err(|_| EncodeError::BadAttribute)?;
                w.u16(self.attribute_type)?;
                w.u16(len)?;
                w.put(bytes)
            }
        }
    }

    /// Decodes a list of attributes that fills `bytes` exactly.
    pub(crate) fn decode_list(bytes: &[u8], payload: PayloadType) -> Result<Vec<Self>, DecodeError> {
        let mut r = Reader::new(bytes, payload);
        let mut out = Vec::new();
        while !r.is_empty() {
            out.push(Self::decode(&mut r)?);
        }
        Ok(out)
    }
}

/// Decodes and encodes between a typed attribute and its wire form.
pub trait TypedAttribute: Sized {
    /// The typed form of a wire attribute (never fails: unknown ones are kept raw).
    fn from_raw(raw: DataAttribute) -> Self;
    /// The wire form.
    fn to_raw(&self) -> DataAttribute;
}

/// Decodes a list of typed attributes filling `bytes`.
pub(crate) fn decode_typed<T: TypedAttribute>(bytes: &[u8], payload: PayloadType) -> Result<Vec<T>, DecodeError> {
    Ok(DataAttribute::decode_list(bytes, payload)?.into_iter().map(T::from_raw).collect())
}

/// Encoded length of a list of typed attributes.
pub(crate) fn typed_len<T: TypedAttribute>(attributes: &[T]) -> usize {
    attributes.iter().map(|a| a.to_raw().encoded_len()).sum()
}

/// Encodes a list of typed attributes.
pub(crate) fn encode_typed<T: TypedAttribute>(attributes: &[T], w: &mut Writer<'_>) -> Result<(), EncodeError> {
    attributes.iter().try_for_each(|a| a.to_raw().encode(w))
}

/// A phase-1 (ISAKMP SA) transform attribute (RFC 2409 Appendix A).
///
/// Basic attributes are typed only in basic form; variable ones (`Life Duration`, the group
/// parameters) keep their [`AttributeValue`], which may be basic when the value fits 16 bits.
/// Anything else is [`Phase1Attribute::Other`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Phase1Attribute {
    /// Encryption algorithm (class 1).
    EncryptionAlgorithm(Phase1EncryptionAlgorithm),
    /// Hash algorithm (class 2).
    HashAlgorithm(Phase1HashAlgorithm),
    /// Authentication method (class 3).
    AuthenticationMethod(AuthenticationMethod),
    /// Group description (class 4).
    GroupDescription(GroupDescription),
    /// Group type (class 5).
    GroupType(GroupType),
    /// Group prime / irreducible polynomial (class 6).
    GroupPrime(AttributeValue),
    /// Group generator one (class 7).
    GroupGeneratorOne(AttributeValue),
    /// Group generator two (class 8).
    GroupGeneratorTwo(AttributeValue),
    /// Group curve A (class 9).
    GroupCurveA(AttributeValue),
    /// Group curve B (class 10).
    GroupCurveB(AttributeValue),
    /// Life type (class 11): the unit of the life duration that follows.
    LifeType(LifeType),
    /// Life duration (class 12), basic or variable.
    LifeDuration(AttributeValue),
    /// PRF (class 13; no values are assigned).
    Prf(u16),
    /// Key length in bits (class 14), for variable-key-length ciphers such as AES.
    KeyLength(u16),
    /// Field size in bits (class 15).
    FieldSize(u16),
    /// Group order (class 16).
    GroupOrder(AttributeValue),
    /// Any other attribute, or a basic class sent in variable form.
    Other(DataAttribute),
}

impl TypedAttribute for Phase1Attribute {
    fn from_raw(raw: DataAttribute) -> Self {
        use Phase1AttributeType as T;
        let class = T::from_value(raw.attribute_type);
        match (class, raw.value) {
            (T::EncryptionAlgorithm, AttributeValue::Basic(v)) => Self::EncryptionAlgorithm(v.into()),
            (T::HashAlgorithm, AttributeValue::Basic(v)) => Self::HashAlgorithm(v.into()),
            (T::AuthenticationMethod, AttributeValue::Basic(v)) => Self::AuthenticationMethod(v.into()),
            (T::GroupDescription, AttributeValue::Basic(v)) => Self::GroupDescription(v.into()),
            (T::GroupType, AttributeValue::Basic(v)) => Self::GroupType(v.into()),
            (T::LifeType, AttributeValue::Basic(v)) => Self::LifeType(v.into()),
            (T::Prf, AttributeValue::Basic(v)) => Self::Prf(v),
            (T::KeyLength, AttributeValue::Basic(v)) => Self::KeyLength(v),
            (T::FieldSize, AttributeValue::Basic(v)) => Self::FieldSize(v),
            (T::GroupPrime, value) => Self::GroupPrime(value),
            (T::GroupGeneratorOne, value) => Self::GroupGeneratorOne(value),
            (T::GroupGeneratorTwo, value) => Self::GroupGeneratorTwo(value),
            (T::GroupCurveA, value) => Self::GroupCurveA(value),
            (T::GroupCurveB, value) => Self::GroupCurveB(value),
            (T::LifeDuration, value) => Self::LifeDuration(value),
            (T::GroupOrder, value) => Self::GroupOrder(value),
            (_, value) => Self::Other(DataAttribute { attribute_type: raw.attribute_type, value }),
        }
    }

    fn to_raw(&self) -> DataAttribute {
        use Phase1AttributeType as T;
        let basic = |class: T, v: u16| DataAttribute::basic(class.value(), v);
        let var = |class: T, v: &AttributeValue| DataAttribute { attribute_type: class.value(), value: v.clone() };
        match self {
            Self::EncryptionAlgorithm(v) => basic(T::EncryptionAlgorithm, v.value()),
            Self::HashAlgorithm(v) => basic(T::HashAlgorithm, v.value()),
            Self::AuthenticationMethod(v) => basic(T::AuthenticationMethod, v.value()),
            Self::GroupDescription(v) => basic(T::GroupDescription, v.value()),
            Self::GroupType(v) => basic(T::GroupType, v.value()),
            Self::LifeType(v) => basic(T::LifeType, v.value()),
            Self::Prf(v) => basic(T::Prf, *v),
            Self::KeyLength(v) => basic(T::KeyLength, *v),
            Self::FieldSize(v) => basic(T::FieldSize, *v),
            Self::GroupPrime(v) => var(T::GroupPrime, v),
            Self::GroupGeneratorOne(v) => var(T::GroupGeneratorOne, v),
            Self::GroupGeneratorTwo(v) => var(T::GroupGeneratorTwo, v),
            Self::GroupCurveA(v) => var(T::GroupCurveA, v),
            Self::GroupCurveB(v) => var(T::GroupCurveB, v),
            Self::LifeDuration(v) => var(T::LifeDuration, v),
            Self::GroupOrder(v) => var(T::GroupOrder, v),
            Self::Other(raw) => raw.clone(),
        }
    }
}

/// An IPsec DOI security-association attribute (RFC 2407 §4.5; RFC 3947 for the UDP
/// encapsulation modes, RFC 4304 for extended sequence numbers).
///
/// The same typing rules as [`Phase1Attribute`] apply.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IpsecAttribute {
    /// SA life type (1): the unit of the life duration that follows.
    SaLifeType(LifeType),
    /// SA life duration (2), basic or variable.
    SaLifeDuration(AttributeValue),
    /// Group description for quick-mode PFS (3).
    GroupDescription(GroupDescription),
    /// Encapsulation mode (4).
    EncapsulationMode(EncapsulationMode),
    /// Authentication algorithm (5).
    AuthenticationAlgorithm(IpsecAuthAlgorithm),
    /// Key length in bits (6).
    KeyLength(u16),
    /// Key rounds (7).
    KeyRounds(u16),
    /// Compression dictionary size (8).
    CompressDictionarySize(u16),
    /// Private compression algorithm (9, variable).
    CompressPrivateAlgorithm(AttributeValue),
    /// ECN tunnel (10, RFC 3168 §9.2.1.1).
    EcnTunnel(u16),
    /// Extended sequence numbers (11, RFC 4304): 1 = 64-bit.
    ExtendedSequenceNumber(u16),
    /// Authentication key length (12, RFC 4359).
    AuthenticationKeyLength(u16),
    /// Signature encoding algorithm (13, RFC 4359).
    SignatureEncodingAlgorithm(u16),
    /// Address preservation (14, RFC 6407).
    AddressPreservation(u16),
    /// SA direction (15, RFC 6407).
    SaDirection(u16),
    /// Any other attribute, or a basic type sent in variable form.
    Other(DataAttribute),
}

impl TypedAttribute for IpsecAttribute {
    fn from_raw(raw: DataAttribute) -> Self {
        use IpsecAttributeType as T;
        let class = T::from_value(raw.attribute_type);
        match (class, raw.value) {
            (T::SaLifeType, AttributeValue::Basic(v)) => Self::SaLifeType(v.into()),
            (T::GroupDescription, AttributeValue::Basic(v)) => Self::GroupDescription(v.into()),
            (T::EncapsulationMode, AttributeValue::Basic(v)) => Self::EncapsulationMode(v.into()),
            (T::AuthenticationAlgorithm, AttributeValue::Basic(v)) => Self::AuthenticationAlgorithm(v.into()),
            (T::KeyLength, AttributeValue::Basic(v)) => Self::KeyLength(v),
            (T::KeyRounds, AttributeValue::Basic(v)) => Self::KeyRounds(v),
            (T::CompressDictionarySize, AttributeValue::Basic(v)) => Self::CompressDictionarySize(v),
            (T::EcnTunnel, AttributeValue::Basic(v)) => Self::EcnTunnel(v),
            (T::ExtendedSequenceNumber, AttributeValue::Basic(v)) => Self::ExtendedSequenceNumber(v),
            (T::AuthenticationKeyLength, AttributeValue::Basic(v)) => Self::AuthenticationKeyLength(v),
            (T::SignatureEncodingAlgorithm, AttributeValue::Basic(v)) => Self::SignatureEncodingAlgorithm(v),
            (T::AddressPreservation, AttributeValue::Basic(v)) => Self::AddressPreservation(v),
            (T::SaDirection, AttributeValue::Basic(v)) => Self::SaDirection(v),
            (T::SaLifeDuration, value) => Self::SaLifeDuration(value),
            (T::CompressPrivateAlgorithm, value) => Self::CompressPrivateAlgorithm(value),
            (_, value) => Self::Other(DataAttribute { attribute_type: raw.attribute_type, value }),
        }
    }

    fn to_raw(&self) -> DataAttribute {
        use IpsecAttributeType as T;
        let basic = |class: T, v: u16| DataAttribute::basic(class.value(), v);
        let var = |class: T, v: &AttributeValue| DataAttribute { attribute_type: class.value(), value: v.clone() };
        match self {
            Self::SaLifeType(v) => basic(T::SaLifeType, v.value()),
            Self::GroupDescription(v) => basic(T::GroupDescription, v.value()),
            Self::EncapsulationMode(v) => basic(T::EncapsulationMode, v.value()),
            Self::AuthenticationAlgorithm(v) => basic(T::AuthenticationAlgorithm, v.value()),
            Self::KeyLength(v) => basic(T::KeyLength, *v),
            Self::KeyRounds(v) => basic(T::KeyRounds, *v),
            Self::CompressDictionarySize(v) => basic(T::CompressDictionarySize, *v),
            Self::EcnTunnel(v) => basic(T::EcnTunnel, *v),
            Self::ExtendedSequenceNumber(v) => basic(T::ExtendedSequenceNumber, *v),
            Self::AuthenticationKeyLength(v) => basic(T::AuthenticationKeyLength, *v),
            Self::SignatureEncodingAlgorithm(v) => basic(T::SignatureEncodingAlgorithm, *v),
            Self::AddressPreservation(v) => basic(T::AddressPreservation, *v),
            Self::SaDirection(v) => basic(T::SaDirection, *v),
            Self::SaLifeDuration(v) => var(T::SaLifeDuration, v),
            Self::CompressPrivateAlgorithm(v) => var(T::CompressPrivateAlgorithm, v),
            Self::Other(raw) => raw.clone(),
        }
    }
}

/// A mode-config or XAUTH attribute of the Attribute payload
/// (draft-ietf-ipsec-isakmp-mode-cfg §3.3, draft-ietf-ipsec-isakmp-xauth §6).
///
/// Most carry variable values (addresses, strings); a few (XAUTH-TYPE, XAUTH-STATUS) are
/// basic. An empty variable value is how a request asks for an attribute.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConfigAttribute {
    /// The attribute type.
    pub attribute_type: ConfigAttributeType,
    /// The value and its form.
    pub value: AttributeValue,
}

impl ConfigAttribute {
    /// A request for an attribute: the type with an empty variable value (mode-cfg §3.3).
    #[must_use]
    pub const fn request(attribute_type: ConfigAttributeType) -> Self {
        Self { attribute_type, value: AttributeValue::Variable(Vec::new()) }
    }
}

impl TypedAttribute for ConfigAttribute {
    fn from_raw(raw: DataAttribute) -> Self {
        Self { attribute_type: raw.attribute_type.into(), value: raw.value }
    }

    fn to_raw(&self) -> DataAttribute {
        DataAttribute { attribute_type: self.attribute_type.value(), value: self.value.clone() }
    }
}

impl TypedAttribute for DataAttribute {
    fn from_raw(raw: DataAttribute) -> Self {
        raw
    }

    fn to_raw(&self) -> DataAttribute {
        self.clone()
    }
}
