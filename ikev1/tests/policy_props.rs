// Test code: panics are the assertions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
//! Property tests of the matching rules: `select_phase1` is DESIGN §3.4 (the responder's
//! policies in priority order, for each the initiator's offers in order, first match) with
//! DESIGN §3.5 lifetimes, and `select_quick_mode` is the initiator-order rule with DESIGN §3.10
//! PFS, checked against brute force.

use ikev1::policy::{OfferedProposal, QuickModeLocal, TransformSet, select_phase1, select_quick_mode};
use ikev1::transform::Phase1Transform;
use ipsec_core::algorithm::{AesKeyLen, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm};
use ipsec_core::registry::ikev1::{AuthenticationMethod, NotifyType};
use ipsec_core::types::{EncapsulationMode, Lifetime};
use proptest::prelude::*;

fn secs(s: u64) -> Lifetime {
    Lifetime { seconds: Some(s), kilobytes: None, packets: None }
}

fn phase1() -> impl Strategy<Value = Phase1Transform> {
    (0..3usize, 0..2usize, 0..2usize, 0..3usize, 1..4u64).prop_map(|(e, h, a, g, l)| Phase1Transform {
        encryption: [
            EncryptionAlgorithm::TripleDesCbc,
            EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128),
            EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256),
        ][e],
        prf: [PrfAlgorithm::HmacSha1, PrfAlgorithm::HmacMd5][h],
        authentication: [AuthenticationMethod::PreSharedKey, AuthenticationMethod::RsaSignatures][a],
        group: [DhGroup::Modp1024, DhGroup::Modp1536, DhGroup::Modp2048][g],
        lifetime: secs(l * 3600),
    })
}

fn set(i: usize) -> TransformSet {
    [
        TransformSet { encryption: EncryptionAlgorithm::TripleDesCbc, integrity: Some(IntegrityAlgorithm::HmacMd5_96) },
        TransformSet {
            encryption: EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128),
            integrity: Some(IntegrityAlgorithm::HmacSha1_96),
        },
        TransformSet {
            encryption: EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256),
            integrity: Some(IntegrityAlgorithm::HmacSha2_256_128),
        },
    ][i]
}

fn offered() -> impl Strategy<Value = OfferedProposal> {
    (0..3usize, any::<bool>(), prop::option::of(0..2usize), 1..4u64).prop_map(|(s, transport, pfs, l)| {
        OfferedProposal {
            number: 1,
            transform: set(s),
            mode: if transport { EncapsulationMode::Transport } else { EncapsulationMode::Tunnel },
            udp_encapsulated: false,
            pfs: pfs.map(|g| [DhGroup::Modp1024, DhGroup::Modp2048][g]),
            lifetime: secs(l * 1200),
        }
    })
}

proptest! {
    #[test]
    fn phase1_first_match_in_responder_priority(
        local in prop::collection::vec(phase1(), 0..5),
        offers in prop::collection::vec(phase1(), 0..5),
        strict in any::<bool>(),
    ) {
        let expected = local.iter().find_map(|l| offers.iter().enumerate().find(|(_, o)| {
            l.encryption == o.encryption && l.prf == o.prf && l.authentication == o.authentication && l.group == o.group
                && (!strict || l.lifetime.seconds <= o.lifetime.seconds)
        }).map(|(i, o)| (i, secs(l.lifetime.seconds.unwrap().min(o.lifetime.seconds.unwrap())))));
        prop_assert_eq!(select_phase1(&local, &offers, strict), expected);
    }

    #[test]
    fn quick_mode_initiator_order_with_pfs_rule(
        sets in prop::collection::vec(0..3usize, 0..3),
        local_pfs in prop::option::of(0..2usize),
        proposals in prop::collection::vec(offered(), 0..5),
        strict in any::<bool>(),
        allow_transport in any::<bool>(),
    ) {
        let sets: Vec<TransformSet> = sets.into_iter().map(set).collect();
        let local_pfs = local_pfs.map(|g| [DhGroup::Modp1024, DhGroup::Modp2048][g]);
        let local = QuickModeLocal { transform_sets: &sets, pfs: local_pfs, lifetime: secs(2400), strict_lifetime: strict, allow_transport };
        let expected = proposals.iter().position(|p| {
            sets.contains(&p.transform)
                && (p.mode == EncapsulationMode::Tunnel || allow_transport)
                && (local_pfs.is_none() || p.pfs == local_pfs)
                && (!strict || 2400 <= p.lifetime.seconds.unwrap())
        });
        match select_quick_mode(&local, &proposals) {
            Ok(choice) => {
                prop_assert_eq!(Some(choice.proposal), expected);
                prop_assert_eq!(choice.lifetime.seconds, Some(proposals[choice.proposal].lifetime.seconds.unwrap().min(2400)));
            }
            Err(n) => {
                prop_assert_eq!(n, NotifyType::NoProposalChosen);
                prop_assert_eq!(expected, None);
            }
        }
    }
}
