//! Proposals and transforms in protocol-neutral form.

use alloc::vec::Vec;

use crate::algorithm::{DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm};

/// The protocol an SA is for (RFC 7296 §3.3.1 Protocol ID; the IKEv1 DOI uses the same numbers
/// for these three, RFC 2407 §4.4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SecurityProtocol {
    /// The IKE SA itself (`PROTO_ISAKMP` in IKEv1).
    Ike,
    /// AH (IP protocol 51).
    Ah,
    /// ESP (IP protocol 50).
    Esp,
}

impl SecurityProtocol {
    /// The protocol id of both IKE versions.
    #[must_use]
    pub const fn protocol_id(self) -> u8 {
        match self {
            Self::Ike => 1,
            Self::Ah => 2,
            Self::Esp => 3,
        }
    }

    /// The protocol for a protocol id.
    #[must_use]
    pub const fn from_protocol_id(id: u8) -> Option<Self> {
        match id {
            1 => Some(Self::Ike),
            2 => Some(Self::Ah),
            3 => Some(Self::Esp),
            _ => None,
        }
    }
}

/// Tunnel or transport mode (RFC 4301 §4.1); Cisco `mode tunnel|transport`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum EncapsulationMode {
    /// A new outer IP header protects the whole inner packet (the default everywhere).
    #[default]
    Tunnel,
    /// The original IP header is kept; only the payload is protected.
    Transport,
}

/// Whether an SA uses 64-bit extended sequence numbers (RFC 4303 §2.2.1; IKEv2 transform
/// type 5).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Esn {
    /// 32-bit sequence numbers.
    #[default]
    No,
    /// 64-bit extended sequence numbers.
    Yes,
}

/// A proposal: for one protocol, the acceptable algorithms of each transform type, most
/// preferred first.
///
/// This is the IKEv2 shape (RFC 7296 §3.3), which also holds an IKEv1 transform (one value
/// per list). An empty list means the transform type is absent: no integrity with an AEAD, no
/// DH group in a child SA without PFS, no PRF outside IKE. An empty `esn` list means
/// [`Esn::No`] only.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Proposal {
    /// Encryption algorithms (ESP, IKE); empty for AH.
    pub encryption: Vec<EncryptionAlgorithm>,
    /// Integrity algorithms.
    pub integrity: Vec<IntegrityAlgorithm>,
    /// PRFs (IKE only).
    pub prf: Vec<PrfAlgorithm>,
    /// Diffie-Hellman groups (IKE; child SAs with PFS).
    pub dh_groups: Vec<DhGroup>,
    /// Extended sequence number choices (ESP, AH).
    pub esn: Vec<Esn>,
}

/// One algorithm of each transform type: what a negotiation settles on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TransformSelection {
    /// Encryption, if the protocol encrypts.
    pub encryption: Option<EncryptionAlgorithm>,
    /// Integrity, absent with an AEAD.
    pub integrity: Option<IntegrityAlgorithm>,
    /// PRF, for IKE.
    pub prf: Option<PrfAlgorithm>,
    /// Diffie-Hellman group, absent in a child SA without PFS.
    pub dh_group: Option<DhGroup>,
    /// Extended sequence numbers.
    pub esn: Esn,
}

/// The first element of `ours` that `theirs` also lists; `Ok(None)` when both are empty (the
/// type is absent on both sides), `Err(())` when they share nothing.
fn pick<T: Copy + PartialEq>(ours: &[T], theirs: &[T]) -> Result<Option<T>, ()> {
    if ours.is_empty() && theirs.is_empty() {
        return Ok(None);
    }
    ours.iter().copied().find(|a| theirs.contains(a)).map(Some).ok_or(())
}

impl Proposal {
    /// Chooses one algorithm per transform type from `self` (the local, responder side) and
    /// `offered` (the peer's proposal), in local preference order; `None` when some type has
    /// no common value or is present on one side only (RFC 7296 §3.3.6: every transform type
    /// of the proposal must be matched).
    ///
    /// Local preference decides within a proposal, as Cisco responders do when they walk their
    /// own policy list (DESIGN §3.4).
    #[must_use]
    pub fn select(&self, offered: &Proposal) -> Option<TransformSelection> {
        let esn_ours: &[Esn] = if self.esn.is_empty() { &[Esn::No] } else { &self.esn };
        let esn_theirs: &[Esn] = if offered.esn.is_empty() { &[Esn::No] } else { &offered.esn };
        Some(TransformSelection {
            encryption: pick(&self.encryption, &offered.encryption).ok()?,
            integrity: pick(&self.integrity, &offered.integrity).ok()?,
            prf: pick(&self.prf, &offered.prf).ok()?,
            dh_group: pick(&self.dh_groups, &offered.dh_groups).ok()?,
            esn: pick(esn_ours, esn_theirs).ok()?.unwrap_or_default(),
        })
    }

    /// True when `selection` is one of the combinations this proposal allows: the check an
    /// initiator makes on the responder's answer (RFC 7296 §2.7).
    #[must_use]
    pub fn allows(&self, selection: &TransformSelection) -> bool {
        fn has<T: PartialEq>(list: &[T], choice: Option<&T>) -> bool {
            match choice {
                Some(c) => list.contains(c),
                None => list.is_empty(),
            }
        }
        let esn_ok = if self.esn.is_empty() { selection.esn == Esn::No } else { self.esn.contains(&selection.esn) };
        has(&self.encryption, selection.encryption.as_ref())
            && has(&self.integrity, selection.integrity.as_ref())
            && has(&self.prf, selection.prf.as_ref())
            && has(&self.dh_groups, selection.dh_group.as_ref())
            && esn_ok
    }

    /// Sorts each list "most secure first" (DESIGN §3.6, the ASA's ordering of multi-value
    /// IKEv2 policies and proposals).
    pub fn sort_by_strength(&mut self) {
        self.encryption.sort_by_key(|a| core::cmp::Reverse(a.preference()));
        self.integrity.sort_by_key(|a| core::cmp::Reverse(a.preference()));
        self.prf.sort_by_key(|a| core::cmp::Reverse(a.preference()));
        self.dh_groups.sort_by_key(|g| core::cmp::Reverse(g.preference()));
    }
}

impl TransformSelection {
    /// True when the combination is valid for `protocol`: ESP needs encryption or integrity
    /// and no separate integrity with an AEAD (RFC 4303 §3.2, RFC 5282 §8); AH needs integrity
    /// and no encryption; IKE needs encryption, a PRF, a DH group and integrity unless the
    /// cipher is an AEAD (RFC 7296 §3.3.3).
    #[must_use]
    pub fn is_valid_for(&self, protocol: SecurityProtocol) -> bool {
        let aead = self.encryption.is_some_and(EncryptionAlgorithm::is_aead);
        let integrity_ok = if aead { self.integrity.is_none() } else { self.integrity.is_some() };
        match protocol {
            SecurityProtocol::Ah => self.encryption.is_none() && self.integrity.is_some() && self.prf.is_none(),
            SecurityProtocol::Esp => {
                let null_enc = matches!(self.encryption, None | Some(EncryptionAlgorithm::Null));
                self.prf.is_none()
                    && (!aead || self.integrity.is_none())
                    && !(null_enc && self.integrity.is_none())
                    && self.encryption.is_some()
            }
            SecurityProtocol::Ike => {
                self.encryption.is_some_and(EncryptionAlgorithm::encrypts)
                    && integrity_ok
                    && self.prf.is_some()
                    && self.dh_group.is_some()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algorithm::AesKeyLen::{Aes128, Aes256};
    use crate::algorithm::GcmIcvLen::Icv16;
    use alloc::vec;

    fn ike(enc: Vec<EncryptionAlgorithm>, dh: Vec<DhGroup>) -> Proposal {
        Proposal {
            encryption: enc,
            integrity: vec![IntegrityAlgorithm::HmacSha1_96],
            prf: vec![PrfAlgorithm::HmacSha1],
            dh_groups: dh,
            esn: vec![],
        }
    }

    #[test]
    fn select_in_local_order() {
        let ours = ike(
            vec![EncryptionAlgorithm::AesCbc(Aes256), EncryptionAlgorithm::AesCbc(Aes128)],
            vec![DhGroup::Modp2048],
        );
        let theirs = ike(
            vec![EncryptionAlgorithm::AesCbc(Aes128), EncryptionAlgorithm::AesCbc(Aes256)],
            vec![DhGroup::Modp2048],
        );
        let sel = ours.select(&theirs).unwrap();
        assert_eq!(sel.encryption, Some(EncryptionAlgorithm::AesCbc(Aes256)));
        assert!(sel.is_valid_for(SecurityProtocol::Ike));
        assert!(theirs.allows(&sel));
        let other_group = ike(vec![EncryptionAlgorithm::AesCbc(Aes128)], vec![DhGroup::Modp1024]);
        assert_eq!(ours.select(&other_group), None);
    }

    #[test]
    fn absent_on_one_side_fails() {
        let with_pfs = Proposal {
            encryption: vec![EncryptionAlgorithm::TripleDesCbc],
            integrity: vec![IntegrityAlgorithm::HmacMd5_96],
            dh_groups: vec![DhGroup::Modp1024],
            ..Proposal::default()
        };
        let without = Proposal { dh_groups: vec![], ..with_pfs.clone() };
        assert_eq!(with_pfs.select(&without), None);
        assert!(with_pfs.select(&with_pfs).unwrap().is_valid_for(SecurityProtocol::Esp));
    }

    #[test]
    fn validity() {
        let gcm = EncryptionAlgorithm::AesGcm(Aes128, Icv16);
        let esp_gcm = TransformSelection { encryption: Some(gcm), ..TransformSelection::default() };
        assert!(esp_gcm.is_valid_for(SecurityProtocol::Esp));
        let bad = TransformSelection { integrity: Some(IntegrityAlgorithm::HmacSha1_96), ..esp_gcm };
        assert!(!bad.is_valid_for(SecurityProtocol::Esp));
        let null_none =
            TransformSelection { encryption: Some(EncryptionAlgorithm::Null), ..TransformSelection::default() };
        assert!(!null_none.is_valid_for(SecurityProtocol::Esp));
        let ah =
            TransformSelection { integrity: Some(IntegrityAlgorithm::HmacSha1_96), ..TransformSelection::default() };
        assert!(ah.is_valid_for(SecurityProtocol::Ah));
    }

    #[test]
    fn strength_order() {
        let mut p = Proposal {
            encryption: vec![
                EncryptionAlgorithm::TripleDesCbc,
                EncryptionAlgorithm::AesGcm(Aes256, Icv16),
                EncryptionAlgorithm::AesCbc(Aes128),
            ],
            dh_groups: vec![DhGroup::Modp1024, DhGroup::Ecp384, DhGroup::Modp2048S256, DhGroup::Modp2048],
            ..Proposal::default()
        };
        p.sort_by_strength();
        assert_eq!(p.encryption[0], EncryptionAlgorithm::AesGcm(Aes256, Icv16));
        assert_eq!(p.dh_groups, vec![DhGroup::Ecp384, DhGroup::Modp2048S256, DhGroup::Modp2048, DhGroup::Modp1024]);
    }
}
