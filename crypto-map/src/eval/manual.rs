//! SAs of `ipsec-manual` entries, for the data path (DESIGN §3.18).
//!
//! A manual entry names one peer (IOS guide 003:785, PIX guide 004:805), one transform set
//! (003:789-793, 004:767) and a list of which only the first permit ACE counts (003:601,
//! 004:793): that ACE is the SAs' flow. Each protocol of the set gets an inbound and an
//! outbound SA from `set session-key` (003:797-815, 004:829-882). The SAs exist as soon as the
//! configuration is complete, never expire (003:344, 003:532, 004:220) and have no anti-replay
//! (003:322, 004:83); they change only when cleared (003:675, 003:1028).
//!
//! Keys for a protocol the set does not use (the PIX example's AH keys for an ESP-only set,
//! 004:838-855) are not used; lint reports them.

use alloc::string::String;
use alloc::vec::Vec;

use ipsec_core::SecretBytes;
use ipsec_core::algorithm::{EncryptionAlgorithm, IntegrityAlgorithm};
use ipsec_core::types::{EncapsulationMode, Lifetime, SecurityProtocol, Spi, TrafficSelector};
use policy_acl::Action;

use super::entries::{
    AclRef, EntryKey, EntryRole, Slot, effective_mode, find_map, first_address, local_address, slots,
};
use crate::model::{Config, Peer, SessionKey, Transform};

/// One manually keyed SA.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManualSa {
    /// The entry it comes from.
    pub entry: EntryKey,
    /// Inbound (`true`) or outbound.
    pub inbound: bool,
    /// ESP or AH.
    pub protocol: SecurityProtocol,
    /// The SPI (from configuration; (SPI, destination, protocol) identifies the SA, 003:346).
    pub spi: Spi,
    /// The ESP cipher.
    pub encryption: Option<EncryptionAlgorithm>,
    /// The ESP or AH integrity algorithm.
    pub integrity: Option<IntegrityAlgorithm>,
    /// The ESP cipher key.
    pub encryption_key: Option<SecretBytes>,
    /// The ESP authenticator or AH key.
    pub integrity_key: Option<SecretBytes>,
    /// IV size of an RFC 1829 ESP (`initialization-vector size`, default 8: DESIGN §3.17).
    pub iv_size: Option<u8>,
    /// The peer.
    pub peer: Peer,
    /// The flow `(local, remote)` of the list's single permit ACE.
    pub flow: (TrafficSelector, TrafficSelector),
    /// The mode (DESIGN §3.14).
    pub mode: EncapsulationMode,
    /// Always [`Lifetime::UNLIMITED`].
    pub lifetime: Lifetime,
    /// Always false.
    pub anti_replay: bool,
}

/// Why a manual entry yields no SAs.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ManualError {
    /// No such crypto map entry.
    #[error("no such crypto map entry")]
    NoSuchEntry,
    /// The entry is not `ipsec-manual`.
    #[error("the entry is not ipsec-manual")]
    NotManual,
    /// No `match address`, or the list is missing or empty.
    #[error("no access list")]
    NoAcl,
    /// The list has no permit ACE.
    #[error("the access list has no permit ACE")]
    NoPermit,
    /// The permit ACE is not one flow (or has no selector form).
    #[error("the permit ACE is not a single flow")]
    NotOneFlow,
    /// Not exactly one peer.
    #[error("a manual entry needs exactly one peer, it has {0}")]
    Peers(usize),
    /// Not exactly one transform set.
    #[error("a manual entry needs exactly one transform set, it has {0}")]
    TransformSets(usize),
    /// The transform set is not defined.
    #[error("transform set {0} is not defined")]
    UnknownTransformSet(String),
    /// A transform with no data-path algorithm here (`ah-rfc1828` keyed MD5, `comp-lzs`).
    #[error("transform {0:?} has no data-path algorithm")]
    Unsupported(Transform),
    /// A protocol of the set lacks its inbound or outbound `set session-key`.
    #[error("missing {direction} {protocol} session key")]
    MissingKey {
        /// `inbound` or `outbound`.
        direction: &'static str,
        /// `esp` or `ah`.
        protocol: &'static str,
    },
    /// A key of the wrong length for its algorithm.
    #[error("{what} key is {got} bytes, {algorithm} needs {want}")]
    KeyLength {
        /// Which key.
        what: &'static str,
        /// The algorithm.
        algorithm: &'static str,
        /// Bytes given.
        got: usize,
        /// Bytes needed.
        want: usize,
    },
}

fn check_len(
    what: &'static str,
    algorithm: &'static str,
    key: Option<&SecretBytes>,
    want: usize,
) -> Result<(), ManualError> {
    match key {
        Some(k) if k.len() != want => Err(ManualError::KeyLength { what, algorithm, got: k.len(), want }),
        Some(_) => Ok(()),
        None => Err(ManualError::MissingKey { direction: "", protocol: what }),
    }
}

/// The SAs of the manual entry `map` `seq`: for each protocol of its transform set an inbound
/// and an outbound SA.
///
/// # Errors
/// [`ManualError`] when the entry is not a complete manual entry.
pub fn manual_sas(config: &Config, map: &str, seq: u32) -> Result<Vec<ManualSa>, ManualError> {
    let set = find_map(config, map).ok_or(ManualError::NoSuchEntry)?;
    let r = slots(config, set)
        .into_iter()
        .find_map(|s| match s {
            Slot::Entry(r) if r.entry.seq == seq && r.dynamic.is_none() => Some(r),
            _ => None,
        })
        .ok_or(ManualError::NoSuchEntry)?;
    if r.role() != EntryRole::Manual {
        return Err(ManualError::NotManual);
    }
    let settings = r.settings();
    let AclRef::Found(_, list) = r.acl(config) else { return Err(ManualError::NoAcl) };
    let ace = list.aces().find(|a| a.action == Action::Permit && !a.is_inactive()).ok_or(ManualError::NoPermit)?;
    let pairs = ace.to_traffic_selectors().map_err(|_| ManualError::NotOneFlow)?;
    let flow = match pairs.as_slice() {
        [one] => *one,
        _ => return Err(ManualError::NotOneFlow),
    };
    let peer = match settings.peers.as_slice() {
        [(p, _)] => p.clone(),
        other => return Err(ManualError::Peers(other.len())),
    };
    let name = match settings.transform_sets.as_slice() {
        [(n, _)] => n,
        other => return Err(ManualError::TransformSets(other.len())),
    };
    let ts = config
        .transform_sets
        .iter()
        .find(|t| &t.name == name)
        .ok_or_else(|| ManualError::UnknownTransformSet(name.clone()))?;
    let (mut esp_enc, mut esp_int, mut ah_int, mut has_esp, mut iv_size) = (None, None, None, false, None);
    for t in &ts.transforms {
        match *t {
            Transform::Ah(i) => ah_int = Some(i),
            Transform::EspEncryption(e) => {
                has_esp = true;
                esp_enc = Some(e);
            }
            Transform::EspIntegrity(i) => {
                has_esp = true;
                esp_int = Some(i);
            }
            Transform::EspNone => has_esp = true,
            Transform::EspRfc1829 => {
                has_esp = true;
                esp_enc = Some(EncryptionAlgorithm::DesCbc);
                iv_size = Some(ts.iv_size.as_ref().map_or(8, |s| s.value));
            }
            other @ (Transform::AhRfc1828 | Transform::CompLzs) => return Err(ManualError::Unsupported(other)),
        }
    }
    let mode =
        effective_mode(ts.mode.value, &flow, local_address(config, map), first_address(core::slice::from_ref(&peer)));
    let find = |inbound: bool, esp: bool| -> Option<&SessionKey> {
        r.entry.session_keys.iter().find(|k| k.inbound == inbound && k.esp == esp)
    };
    let mut out = Vec::new();
    for inbound in [true, false] {
        let direction = if inbound { "inbound" } else { "outbound" };
        let base = |protocol, spi| ManualSa {
            entry: r.key(),
            inbound,
            protocol,
            spi,
            encryption: None,
            integrity: None,
            encryption_key: None,
            integrity_key: None,
            iv_size: None,
            peer: peer.clone(),
            flow,
            mode,
            lifetime: Lifetime::UNLIMITED,
            anti_replay: false,
        };
        if let Some(i) = ah_int {
            let k = find(inbound, false).ok_or(ManualError::MissingKey { direction, protocol: "ah" })?;
            check_len("ah", i.name(), k.cipher_or_ah_key.as_ref(), i.key_len())
                .map_err(|e| with_direction(e, direction, "ah"))?;
            out.push(ManualSa {
                integrity: Some(i),
                integrity_key: k.cipher_or_ah_key.clone(),
                ..base(SecurityProtocol::Ah, k.spi)
            });
        }
        if has_esp {
            let k = find(inbound, true).ok_or(ManualError::MissingKey { direction, protocol: "esp" })?;
            if let Some(e) = esp_enc.filter(|e| *e != EncryptionAlgorithm::Null) {
                check_len("esp cipher", e.name(), k.cipher_or_ah_key.as_ref(), e.keymat_len())
                    .map_err(|err| with_direction(err, direction, "esp cipher"))?;
            }
            if let Some(i) = esp_int {
                check_len("esp authenticator", i.name(), k.authenticator.as_ref(), i.key_len())
                    .map_err(|err| with_direction(err, direction, "esp authenticator"))?;
            }
            out.push(ManualSa {
                encryption: esp_enc,
                integrity: esp_int,
                encryption_key: esp_enc.and(k.cipher_or_ah_key.clone()),
                integrity_key: esp_int.and(k.authenticator.clone()),
                iv_size,
                ..base(SecurityProtocol::Esp, k.spi)
            });
        }
    }
    Ok(out)
}

fn with_direction(e: ManualError, direction: &'static str, protocol: &'static str) -> ManualError {
    match e {
        ManualError::MissingKey { .. } => ManualError::MissingKey { direction, protocol },
        other => other,
    }
}
