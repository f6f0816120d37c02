//! Negotiated views of transforms: the algorithms, group and lifetimes that the attributes of
//! a phase-1 transform (RFC 2409 Appendix A) or an ESP/AH transform (RFC 2407 §4.4, §4.5)
//! stand for, and back.

use alloc::vec::Vec;

use ipsec_core::algorithm::{DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm};
use ipsec_core::registry::ikev1::{
    AhTransformId, AuthenticationMethod, EncapsulationMode, EspTransformId, LifeType, NotifyType, ProtocolId,
};
use ipsec_core::types::Lifetime;

use crate::attribute::{AttributeValue, IpsecAttribute, Phase1Attribute};
use crate::payload::{TransformAttributes, TransformPayload};

/// Why a transform's attributes do not describe something this crate can run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TransformError {
    /// A mandatory attribute is missing (RFC 2409 Appendix A: encryption, hash, authentication
    /// method and group in phase 1).
    #[error("missing attribute: {0}")]
    Missing(&'static str),
    /// An attribute value, transform id or combination the catalogue has no algorithm for
    /// (for example a custom group or an unknown cipher).
    #[error("unsupported attribute: {0}")]
    Unsupported(&'static str),
    /// A life duration without a preceding life type, a life type twice, or an unreadable
    /// duration (RFC 2409 Appendix A, RFC 2407 §4.5).
    #[error("malformed life type/duration pair")]
    BadLifetime,
    /// A transform of a phase-1 proposal given where an IPsec one was expected, or the
    /// reverse.
    #[error("transform of the wrong kind")]
    WrongKind,
}

impl TransformError {
    /// The notification a responder would send (RFC 2408 §3.14.1).
    #[must_use]
    pub const fn notify_type(&self) -> NotifyType {
        match self {
            Self::Unsupported(_) => NotifyType::AttributesNotSupported,
            Self::Missing(_) | Self::BadLifetime | Self::WrongKind => NotifyType::BadProposalSyntax,
        }
    }
}

/// Collects life type/duration pairs into a lifetime.
#[derive(Default)]
struct LifeParser {
    pending: Option<LifeType>,
    lifetime: Lifetime,
}

impl LifeParser {
    fn life_type(&mut self, t: LifeType) -> Result<(), TransformError> {
        if self.pending.replace(t).is_some() {
            return Err(TransformError::BadLifetime);
        }
        Ok(())
    }

    fn duration(&mut self, v: &AttributeValue) -> Result<(), TransformError> {
        let value = v.as_u64().ok_or(TransformError::BadLifetime)?;
        match self.pending.take() {
            Some(LifeType::Seconds) => self.lifetime.seconds = Some(value),
            Some(LifeType::Kilobytes) => self.lifetime.kilobytes = Some(value),
            Some(_) => return Err(TransformError::Unsupported("life type")),
            None => return Err(TransformError::BadLifetime),
        }
        Ok(())
    }

    fn finish(self) -> Result<Lifetime, TransformError> {
        if self.pending.is_some() { Err(TransformError::BadLifetime) } else { Ok(self.lifetime) }
    }
}

/// Life type/duration pairs for a lifetime, seconds first.
fn life_pairs(lifetime: &Lifetime) -> impl Iterator<Item = (LifeType, AttributeValue)> {
    let seconds = lifetime.seconds.map(|s| (LifeType::Seconds, AttributeValue::from_u64(s)));
    let kilobytes = lifetime.kilobytes.map(|k| (LifeType::Kilobytes, AttributeValue::from_u64(k)));
    seconds.into_iter().chain(kilobytes)
}

/// A phase-1 (ISAKMP SA) transform as negotiated (RFC 2409 Appendix A, §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Phase1Transform {
    /// The CBC cipher that protects the ISAKMP SA.
    pub encryption: EncryptionAlgorithm,
    /// The PRF: the HMAC of the negotiated hash (RFC 2409 §4); its hash is also the plain hash
    /// of the IV computations and NAT-D.
    pub prf: PrfAlgorithm,
    /// The authentication method.
    pub authentication: AuthenticationMethod,
    /// The Diffie-Hellman group.
    pub group: DhGroup,
    /// The proposed lifetime (seconds and/or kilobytes; `None` where not sent).
    pub lifetime: Lifetime,
}

impl Phase1Transform {
    /// Reads a phase-1 transform's attributes.
    ///
    /// # Errors
    /// [`TransformError`] for a missing mandatory attribute, an algorithm or group the
    /// catalogue does not have (custom groups, the PRF attribute), or malformed lifetimes.
    pub fn from_attributes(attributes: &[Phase1Attribute]) -> Result<Self, TransformError> {
        let (mut cipher, mut key_bits, mut hash, mut auth, mut group) = (None, None, None, None, None);
        let mut life = LifeParser::default();
        for attribute in attributes {
            match attribute {
                Phase1Attribute::EncryptionAlgorithm(v) => cipher = Some(*v),
                Phase1Attribute::KeyLength(v) => key_bits = Some(*v),
                Phase1Attribute::HashAlgorithm(v) => hash = Some(*v),
                Phase1Attribute::AuthenticationMethod(v) => auth = Some(*v),
                Phase1Attribute::GroupDescription(v) => group = Some(*v),
                Phase1Attribute::LifeType(v) => life.life_type(*v)?,
                Phase1Attribute::LifeDuration(v) => life.duration(v)?,
                Phase1Attribute::Prf(_) => return Err(TransformError::Unsupported("PRF")),
                Phase1Attribute::GroupType(_)
                | Phase1Attribute::GroupPrime(_)
                | Phase1Attribute::GroupGeneratorOne(_)
                | Phase1Attribute::GroupGeneratorTwo(_)
                | Phase1Attribute::GroupCurveA(_)
                | Phase1Attribute::GroupCurveB(_)
                | Phase1Attribute::GroupOrder(_)
                | Phase1Attribute::FieldSize(_) => return Err(TransformError::Unsupported("custom group")),
                Phase1Attribute::Other(_) => return Err(TransformError::Unsupported("unknown attribute")),
            }
        }
        let cipher = cipher.ok_or(TransformError::Missing("encryption algorithm"))?;
        let encryption =
            EncryptionAlgorithm::from_phase1(cipher, key_bits).ok_or(TransformError::Unsupported("encryption"))?;
        let hash = hash.ok_or(TransformError::Missing("hash algorithm"))?;
        let prf = PrfAlgorithm::from_phase1_hash(hash).ok_or(TransformError::Unsupported("hash algorithm"))?;
        let authentication = auth.ok_or(TransformError::Missing("authentication method"))?;
        let group = group.ok_or(TransformError::Missing("group description"))?;
        let group = DhGroup::from_number(group.value()).ok_or(TransformError::Unsupported("group"))?;
        Ok(Self { encryption, prf, authentication, group, lifetime: life.finish()? })
    }

    /// The attributes that describe this transform, in the order strongSwan and Cisco send
    /// them: encryption, key length, hash, group, authentication, lifetimes.
    ///
    /// # Errors
    /// [`TransformError::Unsupported`] for a cipher or PRF IKEv1 cannot use in phase 1.
    pub fn to_attributes(&self) -> Result<Vec<Phase1Attribute>, TransformError> {
        let cipher = self.encryption.phase1_id().ok_or(TransformError::Unsupported("encryption"))?;
        let hash = self.prf.phase1_hash().ok_or(TransformError::Unsupported("PRF"))?;
        let mut out = alloc::vec![Phase1Attribute::EncryptionAlgorithm(cipher)];
        if let Some(bits) = self.encryption.key_length_attribute() {
            out.push(Phase1Attribute::KeyLength(bits));
        }
        out.push(Phase1Attribute::HashAlgorithm(hash));
        out.push(Phase1Attribute::GroupDescription(self.group.ikev1_id()));
        out.push(Phase1Attribute::AuthenticationMethod(self.authentication));
        for (t, v) in life_pairs(&self.lifetime) {
            out.push(Phase1Attribute::LifeType(t));
            out.push(Phase1Attribute::LifeDuration(v));
        }
        Ok(out)
    }

    /// A `KEY_IKE` transform payload with these attributes.
    ///
    /// # Errors
    /// As [`Phase1Transform::to_attributes`].
    pub fn to_transform(&self, number: u8) -> Result<TransformPayload, TransformError> {
        Ok(TransformPayload::key_ike(number, self.to_attributes()?))
    }

    /// Reads a transform payload of a phase-1 proposal.
    ///
    /// # Errors
    /// [`TransformError::WrongKind`] for an IPsec transform, otherwise as
    /// [`Phase1Transform::from_attributes`].
    pub fn from_transform(transform: &TransformPayload) -> Result<Self, TransformError> {
        match &transform.attributes {
            TransformAttributes::Phase1(a) => Self::from_attributes(a),
            TransformAttributes::Ipsec(_) => Err(TransformError::WrongKind),
        }
    }
}

/// An ESP or AH transform as negotiated in quick mode (RFC 2407 §4.4.3, §4.4.4, §4.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IpsecTransform {
    /// `PROTO_IPSEC_ESP` or `PROTO_IPSEC_AH`.
    pub protocol: ProtocolId,
    /// The ESP cipher (`None` for AH).
    pub encryption: Option<EncryptionAlgorithm>,
    /// The integrity algorithm (`None` for ESP with a combined-mode cipher, or ESP without
    /// authentication).
    pub integrity: Option<IntegrityAlgorithm>,
    /// Encapsulation mode; `None` when not sent (RFC 2407 §4.5: host-dependent).
    pub mode: Option<EncapsulationMode>,
    /// The PFS group of quick mode.
    pub group: Option<DhGroup>,
    /// Lifetimes; RFC 2407 §4.5.4 makes 28800 seconds the default when none is sent.
    pub lifetime: Lifetime,
    /// 64-bit extended sequence numbers (RFC 4304).
    pub esn: bool,
}

impl IpsecTransform {
    /// Reads an ESP or AH transform of a proposal of `protocol`.
    ///
    /// # Errors
    /// [`TransformError`] for another protocol, a transform id or attribute the catalogue does
    /// not have, or malformed lifetimes.
    pub fn from_transform(protocol: ProtocolId, transform: &TransformPayload) -> Result<Self, TransformError> {
        let TransformAttributes::Ipsec(attributes) = &transform.attributes else {
            return Err(TransformError::WrongKind);
        };
        let (mut auth, mut key_bits, mut mode, mut group, mut esn) = (None, None, None, None, false);
        let mut life = LifeParser::default();
        for attribute in attributes {
            match attribute {
                IpsecAttribute::SaLifeType(v) => life.life_type(*v)?,
                IpsecAttribute::SaLifeDuration(v) => life.duration(v)?,
                IpsecAttribute::GroupDescription(v) => {
                    group = Some(DhGroup::from_number(v.value()).ok_or(TransformError::Unsupported("group"))?);
                }
                IpsecAttribute::EncapsulationMode(v) => mode = Some(*v),
                IpsecAttribute::AuthenticationAlgorithm(v) => {
                    auth = Some(
                        IntegrityAlgorithm::from_ipsec_auth_algorithm(*v)
                            .ok_or(TransformError::Unsupported("authentication algorithm"))?,
                    );
                }
                IpsecAttribute::KeyLength(v) => key_bits = Some(*v),
                IpsecAttribute::ExtendedSequenceNumber(v) => esn = *v == 1,
                _ => return Err(TransformError::Unsupported("attribute")),
            }
        }
        let (encryption, integrity) = match protocol {
            ProtocolId::IpsecEsp => {
                let id = EspTransformId::from_value(transform.transform_id);
                let cipher = EncryptionAlgorithm::from_esp_transform(id, key_bits)
                    .ok_or(TransformError::Unsupported("ESP transform"))?;
                (Some(cipher), auth)
            }
            ProtocolId::IpsecAh => {
                let id = AhTransformId::from_value(transform.transform_id);
                let from_id =
                    IntegrityAlgorithm::from_ah_transform(id).ok_or(TransformError::Unsupported("AH transform"))?;
                (None, Some(auth.unwrap_or(from_id)))
            }
            _ => return Err(TransformError::WrongKind),
        };
        Ok(Self { protocol, encryption, integrity, mode, group, lifetime: life.finish()?, esn })
    }

    /// The transform payload: transform id and attributes in the order strongSwan sends them
    /// (lifetimes, encapsulation mode, authentication algorithm, key length, group, ESN).
    ///
    /// # Errors
    /// [`TransformError::WrongKind`] for a protocol other than ESP/AH, or
    /// [`TransformError::Missing`] for AH without integrity or ESP without a cipher.
    pub fn to_transform(&self, number: u8) -> Result<TransformPayload, TransformError> {
        let mut attributes = Vec::new();
        for (t, v) in life_pairs(&self.lifetime) {
            attributes.push(IpsecAttribute::SaLifeType(t));
            attributes.push(IpsecAttribute::SaLifeDuration(v));
        }
        if let Some(mode) = self.mode {
            attributes.push(IpsecAttribute::EncapsulationMode(mode));
        }
        if let Some(integrity) = self.integrity {
            attributes.push(IpsecAttribute::AuthenticationAlgorithm(integrity.ipsec_auth_algorithm()));
        }
        let transform_id = match self.protocol {
            ProtocolId::IpsecEsp => {
                let cipher = self.encryption.ok_or(TransformError::Missing("ESP cipher"))?;
                if let Some(bits) = cipher.key_length_attribute() {
                    attributes.push(IpsecAttribute::KeyLength(bits));
                }
                cipher.esp_transform_id().value()
            }
            ProtocolId::IpsecAh => {
                self.integrity.ok_or(TransformError::Missing("AH integrity"))?.ah_transform_id().value()
            }
            _ => return Err(TransformError::WrongKind),
        };
        if let Some(group) = self.group {
            attributes.push(IpsecAttribute::GroupDescription(group.ikev1_id()));
        }
        if self.esn {
            attributes.push(IpsecAttribute::ExtendedSequenceNumber(1));
        }
        Ok(TransformPayload { number, transform_id, attributes: TransformAttributes::Ipsec(attributes) })
    }

    /// Length of the KEYMAT this SA needs: the cipher's key material (key and salt) followed
    /// by the integrity key (RFC 2409 §5.5; RFC 4106 §8.1 for the GCM salt).
    #[must_use]
    pub fn keymat_len(&self) -> usize {
        self.encryption.map_or(0, EncryptionAlgorithm::keymat_len)
            + self.integrity.map_or(0, IntegrityAlgorithm::key_len)
    }
}
