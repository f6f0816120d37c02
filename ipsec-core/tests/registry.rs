//! Properties shared by every IANA registry type of `ipsec_core::registry`, checked for each
//! type, plus spot checks of values that are easy to get wrong.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::HashSet;
use std::hash::BuildHasher;

use ipsec_core::registry::{ikev1, ikev2};

/// Hashes a value with a fixed-key hasher, to compare hashes of equal values.
fn hash_of<T: core::hash::Hash>(value: &T) -> u64 {
    std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(value)
}

/// Generates one test module per registry type: `module: Type as repr;`.
///
/// Each module checks, for arbitrary wire values (half of them drawn from the named ones so
/// that sparse `u16` registries are exercised too), that decoding keeps the value, that
/// `is_known` and `name` agree with `KNOWN`, that a hand-built `Unknown(v)` equals, orders and
/// hashes like the decoded value, and what `Display` prints; then that `KNOWN` has distinct
/// values, non-empty names and no `Unknown` entry; and finally the same properties for every
/// value of the representation.
macro_rules! registry_properties {
    ($($module:ident: $ty:ty as $repr:ty;)*) => {
        $(
            mod $module {
                use super::*;
                use proptest::prelude::*;

                type T = $ty;

                fn known_values() -> Vec<$repr> {
                    T::KNOWN.iter().map(|k| k.value()).collect()
                }

                /// Any value, or one of the named values.
                fn wire_value() -> impl Strategy<Value = $repr> {
                    prop_oneof![any::<$repr>(), proptest::sample::select(known_values())]
                }

                /// The properties of a single wire value; `Err` describes the first violation.
                fn check(v: $repr) -> Result<(), String> {
                    let decoded = T::from_value(v);
                    let known = known_values().contains(&v);
                    if decoded.value() != v {
                        return Err(format!("from_value({v}).value() is {}", decoded.value()));
                    }
                    if <$repr>::from(T::from(v)) != v {
                        return Err(format!("From conversions do not round-trip {v}"));
                    }
                    if decoded.is_known() != known {
                        return Err(format!("is_known() of {v} is {} but KNOWN says {known}", decoded.is_known()));
                    }
                    if decoded.name().is_some() != known {
                        return Err(format!("name() of {v} is {:?} but KNOWN says {known}", decoded.name()));
                    }
                    let unknown = T::Unknown(v);
                    if unknown != decoded || decoded != unknown {
                        return Err(format!("Unknown({v}) differs from from_value({v})"));
                    }
                    if unknown.cmp(&decoded) != core::cmp::Ordering::Equal {
                        return Err(format!("Unknown({v}) does not order equal to from_value({v})"));
                    }
                    if hash_of(&unknown) != hash_of(&decoded) {
                        return Err(format!("Unknown({v}) hashes differently from from_value({v})"));
                    }
                    if unknown.name() != decoded.name() || unknown.to_string() != decoded.to_string() {
                        return Err(format!("Unknown({v}) names or prints differently from from_value({v})"));
                    }
                    let expected = match decoded.name() {
                        Some(name) => name.to_string(),
                        None => format!("UNKNOWN({v})"),
                    };
                    if decoded.to_string() != expected {
                        return Err(format!("{v} displays as {decoded} instead of {expected}"));
                    }
                    Ok(())
                }

                proptest! {
                    #[test]
                    fn value_properties(v in wire_value()) {
                        prop_assert_eq!(check(v), Ok(()));
                    }

                    #[test]
                    fn ordering_follows_value(a in wire_value(), b in wire_value()) {
                        prop_assert_eq!(T::from_value(a).cmp(&T::Unknown(b)), a.cmp(&b));
                        prop_assert_eq!(T::from_value(a) == T::from_value(b), a == b);
                    }
                }

                #[test]
                fn known_entries_are_distinct_and_named() {
                    assert!(!T::KNOWN.is_empty());
                    let mut seen = HashSet::new();
                    for entry in T::KNOWN {
                        assert!(!matches!(entry, T::Unknown(_)), "{entry:?} is in KNOWN");
                        assert!(seen.insert(entry.value()), "value {} appears twice in KNOWN", entry.value());
                        let name = entry.name().expect("a KNOWN entry has a name");
                        assert!(!name.is_empty(), "{entry:?} has an empty name");
                        assert_eq!(name.trim(), name, "{entry:?} has a name with stray spaces");
                        assert_eq!(entry.to_string(), name);
                        assert_eq!(T::from_value(entry.value()).name(), Some(name));
                    }
                }

                #[test]
                fn every_value() {
                    for v in <$repr>::MIN..=<$repr>::MAX {
                        assert_eq!(check(v), Ok(()));
                    }
                }
            }
        )*
    };
}

registry_properties! {
    v1_esp_transform_id: ikev1::EspTransformId as u8;
    v1_ah_transform_id: ikev1::AhTransformId as u8;
    v1_ipsec_auth_algorithm: ikev1::IpsecAuthAlgorithm as u16;
    v1_phase1_encryption_algorithm: ikev1::Phase1EncryptionAlgorithm as u16;
    v1_phase1_hash_algorithm: ikev1::Phase1HashAlgorithm as u16;
    v1_group_description: ikev1::GroupDescription as u16;
    v1_exchange_type: ikev1::ExchangeType as u8;
    v1_payload_type: ikev1::PayloadType as u8;
    v1_protocol_id: ikev1::ProtocolId as u8;
    v1_isakmp_transform_id: ikev1::IsakmpTransformId as u8;
    v1_ipcomp_transform_id: ikev1::IpcompTransformId as u8;
    v1_phase1_attribute_type: ikev1::Phase1AttributeType as u16;
    v1_authentication_method: ikev1::AuthenticationMethod as u16;
    v1_group_type: ikev1::GroupType as u16;
    v1_life_type: ikev1::LifeType as u16;
    v1_ipsec_attribute_type: ikev1::IpsecAttributeType as u16;
    v1_encapsulation_mode: ikev1::EncapsulationMode as u16;
    v1_notify_type: ikev1::NotifyType as u16;
    v1_id_type: ikev1::IdType as u8;
    v1_certificate_encoding: ikev1::CertificateEncoding as u8;
    v1_config_message_type: ikev1::ConfigMessageType as u8;
    v1_config_attribute_type: ikev1::ConfigAttributeType as u16;
    v2_encryption_id: ikev2::EncryptionId as u16;
    v2_prf_id: ikev2::PrfId as u16;
    v2_integrity_id: ikev2::IntegrityId as u16;
    v2_key_exchange_id: ikev2::KeyExchangeId as u16;
    v2_exchange_type: ikev2::ExchangeType as u8;
    v2_payload_type: ikev2::PayloadType as u8;
    v2_protocol_id: ikev2::ProtocolId as u8;
    v2_transform_type: ikev2::TransformType as u8;
    v2_esn_id: ikev2::EsnId as u16;
    v2_transform_attribute_type: ikev2::TransformAttributeType as u16;
    v2_notify_type: ikev2::NotifyType as u16;
    v2_id_type: ikev2::IdType as u8;
    v2_auth_method: ikev2::AuthMethod as u8;
    v2_traffic_selector_type: ikev2::TrafficSelectorType as u8;
    v2_certificate_encoding: ikev2::CertificateEncoding as u8;
    v2_configuration_type: ikev2::ConfigurationType as u8;
    v2_configuration_attribute_type: ikev2::ConfigurationAttributeType as u16;
}

#[test]
fn ikev1_nat_traversal_draft_numbers() {
    let tunnel = ikev1::EncapsulationMode::from_value(61443);
    assert!(matches!(tunnel, ikev1::EncapsulationMode::UdpEncapsulatedTunnelDraft));
    assert_eq!(tunnel.to_string(), "UDP-Encapsulated-Tunnel (draft)");
    assert!(matches!(
        ikev1::EncapsulationMode::from_value(61444),
        ikev1::EncapsulationMode::UdpEncapsulatedTransportDraft
    ));
    assert!(matches!(ikev1::EncapsulationMode::from_value(3), ikev1::EncapsulationMode::UdpEncapsulatedTunnel));
    assert_ne!(ikev1::EncapsulationMode::UdpEncapsulatedTunnel, ikev1::EncapsulationMode::UdpEncapsulatedTunnelDraft);
    assert!(matches!(ikev1::PayloadType::from_value(20), ikev1::PayloadType::NatDiscovery));
    assert!(matches!(ikev1::PayloadType::from_value(130), ikev1::PayloadType::NatDiscoveryDraft));
    assert!(matches!(ikev1::PayloadType::from_value(132), ikev1::PayloadType::Fragmentation));
}

#[test]
fn ikev1_notify_spot_checks() {
    let dpd = ikev1::NotifyType::from_value(36136);
    assert!(matches!(dpd, ikev1::NotifyType::RUThere));
    assert_eq!(dpd.to_string(), "R-U-THERE");
    assert_eq!(ikev1::NotifyType::RUThereAck.value(), 36137);
    assert_eq!(ikev1::NotifyType::NoProposalChosen.value(), 14);
    assert_eq!(ikev1::NotifyType::InitialContact.value(), 24578);
    assert_eq!(ikev1::NotifyType::from_value(36138).to_string(), "UNKNOWN(36138)");
}

#[test]
fn ikev1_spot_checks() {
    assert_eq!(ikev1::ExchangeType::QuickMode.value(), 32);
    assert_eq!(ikev1::ExchangeType::IdentityProtection.value(), 2);
    assert_eq!(ikev1::AuthenticationMethod::XauthInitPreShared.value(), 65001);
    assert_eq!(ikev1::AuthenticationMethod::HybridInitRsa.value(), 64221);
    assert_eq!(ikev1::ConfigAttributeType::XauthUserName.value(), 16521);
    assert_eq!(ikev1::ConfigAttributeType::XauthUserName.to_string(), "XAUTH-USER-NAME");
    assert_eq!(ikev1::ConfigAttributeType::ModecfgBanner.value(), 28672);
    assert_eq!(ikev1::IpsecAttributeType::ExtendedSequenceNumber.value(), 11);
    assert_eq!(ikev1::IdType::List.value(), 12);
    assert_eq!(ikev1::LifeType::from_value(2).to_string(), "kilobytes");
}

#[test]
fn ikev2_notify_spot_checks() {
    let frag = ikev2::NotifyType::from_value(16430);
    assert!(matches!(frag, ikev2::NotifyType::Ikev2FragmentationSupported));
    assert_eq!(frag.to_string(), "IKEV2_FRAGMENTATION_SUPPORTED");
    assert_eq!(ikev2::NotifyType::InitialContact.value(), 16384);
    assert_eq!(ikev2::NotifyType::NatDetectionSourceIp.value(), 16388);
    assert_eq!(ikev2::NotifyType::Cookie.value(), 16390);
    assert_eq!(ikev2::NotifyType::SignatureHashAlgorithms.value(), 16431);
    assert_eq!(ikev2::NotifyType::IntermediateExchangeSupported.value(), 16438);
    assert_eq!(ikev2::NotifyType::Ip4Allowed.value(), 16439);
    assert_eq!(ikev2::NotifyType::Ip6Allowed.value(), 16440);
    assert_eq!(ikev2::NotifyType::AdditionalKeyExchange.value(), 16441);
    assert_eq!(ikev2::NotifyType::UseAggfrag.value(), 16442);
    assert_eq!(ikev2::NotifyType::StateNotFound.value(), 47);
    assert_eq!(ikev2::NotifyType::UseAssignedHoa.to_string(), "USE_ASSIGNED_HoA");
    // The status types are contiguous from INITIAL_CONTACT.
    let status: Vec<u16> = ikev2::NotifyType::KNOWN.iter().map(|n| n.value()).filter(|&v| v >= 16384).collect();
    let contiguous: Vec<u16> = (16384..16384 + u16::try_from(status.len()).unwrap()).collect();
    assert_eq!(status, contiguous);
}

#[test]
fn ikev2_spot_checks() {
    assert_eq!(ikev2::ExchangeType::IkeSaInit.value(), 34);
    assert_eq!(ikev2::ExchangeType::IkeIntermediate.value(), 43);
    assert_eq!(ikev2::ExchangeType::IkeFollowupKe.value(), 44);
    assert_eq!(ikev2::PayloadType::Sk.value(), 46);
    assert_eq!(ikev2::PayloadType::Skf.value(), 53);
    assert_eq!(ikev2::PayloadType::Ps.value(), 54);
    assert_eq!(ikev2::TransformType::Ke.value(), 4);
    assert_eq!(ikev2::TransformType::AddKe1.value(), 6);
    assert_eq!(ikev2::TransformType::AddKe7.value(), 12);
    assert_eq!(ikev2::IdType::Null.value(), 13);
    assert_eq!(ikev2::AuthMethod::DigitalSignature.value(), 14);
    assert_eq!(ikev2::TrafficSelectorType::Ipv6AddrRange.value(), 8);
    assert_eq!(ikev2::CertificateEncoding::RawPublicKey.value(), 15);
    assert_eq!(ikev2::ConfigurationAttributeType::InternalDnssecTa.value(), 26);
    assert_eq!(ikev2::TransformAttributeType::KeyLength.value(), 14);
    assert_eq!(ikev2::EsnId::ExtendedSequenceNumbers.value(), 1);
}

#[test]
fn same_number_different_family() {
    // Values shared by name across the families stay distinct types with their own labels.
    assert_eq!(ikev1::NotifyType::from_value(14).to_string(), "NO-PROPOSAL-CHOSEN");
    assert_eq!(ikev2::NotifyType::from_value(14).to_string(), "NO_PROPOSAL_CHOSEN");
    assert_eq!(ikev1::IdType::from_value(3).to_string(), "ID_USER_FQDN");
    assert_eq!(ikev2::IdType::from_value(3).to_string(), "ID_RFC822_ADDR");
    assert!(!ikev2::IdType::from_value(4).is_known());
}
