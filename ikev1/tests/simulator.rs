// Test code: panics are the assertions, indices come from the fixtures, configurations are
// tweaked field by field.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::field_reassign_with_default
)]
//! Scenarios on the two-peer simulator (virtual clock, in-memory network): both exchanges in
//! both roles, PFS, several proposals, mismatches, wrong keys, lifetimes, DPD, deletes, rekeys,
//! NAT, the commit bit, and lossy networks with duplication and reordering.

mod sim;

use ikev1::policy::{Phase1Mode, ProxyPair};
use ikev1::transform::Phase1Transform;
use ikev1::{ChildDeleteReason, Event, NegotiationError, Phase1DownReason, Role};
use ipsec_core::algorithm::{AesKeyLen, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm};
use ipsec_core::registry::ikev1::NotifyType;
use ipsec_core::types::{EncapsulationMode, Lifetime};
use sim::*;

fn establish(s: &mut Sim, initiator: usize) {
    s.initiate(initiator);
    let until = s.now + secs(30);
    assert!(s.run_until(until, Sim::converged), "no SA pair\nA: {:#?}\nB: {:#?}", s.peers[A].events, s.peers[B].events);
}

fn check_pair(s: &Sim, initiator: usize, pfs: Option<DhGroup>) {
    let responder = 1 - initiator;
    let i = s.children(initiator)[0];
    let r = s.children(responder)[0];
    assert!(keys_match(i, r));
    assert_eq!(i.role, Role::Initiator);
    assert_eq!(r.role, Role::Responder);
    assert!(i.request.is_some());
    assert_eq!(i.pfs_group, pfs);
    assert_eq!(i.mode, EncapsulationMode::Tunnel);
    assert_eq!(i.udp_encapsulation, None);
    let (pa, pb) = (proxies_a(), proxies_b());
    let ours = if initiator == A { pa } else { pb };
    assert_eq!((i.local_ts, i.remote_ts), (ours.local, ours.remote));
    assert_eq!(i.encryption, EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128));
    assert_eq!(i.inbound.encryption_key.len(), 16);
    assert_eq!(i.inbound.integrity_key.len(), 20);
    assert_ne!(i.inbound.encryption_key, i.outbound.encryption_key);
    assert_eq!(s.phase1_up(A), 1);
    assert_eq!(s.phase1_up(B), 1);
}

#[test]
fn main_and_aggressive_both_roles_with_and_without_pfs() {
    for mode in [Phase1Mode::Main, Phase1Mode::Aggressive] {
        for pfs in [None, Some(DhGroup::Modp1024)] {
            for initiator in [A, B] {
                let mut s = Sim::pair(mode, pfs);
                establish(&mut s, initiator);
                check_pair(&s, initiator, pfs);
                let up = s.peers[initiator]
                    .events
                    .iter()
                    .find_map(|e| if let Event::Phase1Up(i) = e { Some(i.clone()) } else { None })
                    .unwrap();
                assert_eq!(up.mode, mode);
                assert_eq!(up.role, Role::Initiator);
                assert!(up.peer_dpd);
                assert!(!up.nat.any());
                assert!(up.nat.version.is_some());
            }
        }
    }
}

#[test]
fn several_proposals_choose_by_priority() {
    // Phase 1: A offers aes256/sha256/modp2048 then aes128/sha1/modp1024 and 3des/md5; B's
    // policies are 3des/md5 (priority 1) and aes128/sha1 (priority 2): B's priority wins
    // (DESIGN §3.4).
    let aes256 = Phase1Transform {
        encryption: EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256),
        prf: PrfAlgorithm::HmacSha2_256,
        group: DhGroup::Modp2048,
        ..aes128_sha1_modp1024()
    };
    let mut pa = policy(Phase1Mode::Main, None);
    pa.phase1 = vec![aes256, aes128_sha1_modp1024(), tdes_md5_modp1024()];
    let gcm = ikev1::policy::TransformSet {
        encryption: EncryptionAlgorithm::AesGcm(AesKeyLen::Aes256, ipsec_core::algorithm::GcmIcvLen::Icv16),
        integrity: None,
    };
    pa.transform_sets = vec![gcm, aes_sha1(), tdes_md5()];
    let mut pb = policy(Phase1Mode::Main, None);
    pb.phase1 = vec![tdes_md5_modp1024(), aes128_sha1_modp1024()];
    pb.transform_sets = vec![tdes_md5(), aes_sha1()];
    let mut s = Sim::new(7, config(), pa, config(), pb);
    establish(&mut s, A);
    let up =
        s.peers[A].events.iter().find_map(|e| if let Event::Phase1Up(i) = e { Some(i.clone()) } else { None }).unwrap();
    assert_eq!(up.transform.encryption, EncryptionAlgorithm::TripleDesCbc);
    assert_eq!(up.transform.prf, PrfAlgorithm::HmacMd5);
    // Quick Mode: the initiator's order (the first proposal B accepts is aes128/sha1).
    let c = s.children(A)[0];
    assert_eq!(c.encryption, EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128));
    assert_eq!(c.integrity, Some(IntegrityAlgorithm::HmacSha1_96));
}

#[test]
fn no_common_phase1_proposal() {
    let pa = policy(Phase1Mode::Main, None);
    let mut pb = policy(Phase1Mode::Main, None);
    pb.phase1 = vec![tdes_md5_modp1024()];
    let mut s = Sim::new(3, config(), pa, config(), pb);
    let request = s.initiate(A);
    s.run_for(secs(60));
    assert!(
        s.has(A, |e| matches!(
            e,
            Event::Phase1Failed {
                error: NegotiationError::PeerRefused(NotifyType::NoProposalChosen),
                role: Role::Initiator,
                ..
            }
        )),
        "{:#?}",
        s.peers[A].events
    );
    assert!(s.has(A, |e| matches!(e, Event::ChildSaFailed { request: Some(r), error: NegotiationError::Phase1Failed, .. } if *r == request)));
    assert!(s.has(B, |e| matches!(
        e,
        Event::Phase1Failed { error: NegotiationError::NoProposalChosen, role: Role::Responder, .. }
    )));
    assert_eq!(s.children(A).len(), 0);
}

#[test]
fn no_common_quick_mode_proposal() {
    for mode in [Phase1Mode::Main, Phase1Mode::Aggressive] {
        let pa = policy(mode, None);
        let mut pb = policy(mode, None);
        pb.transform_sets = vec![tdes_md5()];
        let mut s = Sim::new(4, config(), pa, config(), pb);
        let request = s.initiate(A);
        s.run_for(secs(30));
        assert_eq!(s.phase1_up(A), 1);
        assert!(s.has(A, |e| matches!(e, Event::ChildSaFailed { request: Some(r), error: NegotiationError::PeerRefused(NotifyType::NoProposalChosen), .. } if *r == request)), "{:#?}", s.peers[A].events);
        assert!(s.has(B, |e| matches!(
            e,
            Event::ChildSaFailed { role: Role::Responder, error: NegotiationError::NoProposalChosen, .. }
        )));
        assert_eq!(s.children(A).len() + s.children(B).len(), 0);
        // SPIs were given back.
        assert_eq!(s.peers[A].engine.policy().allocated_spis(), 0);
        assert_eq!(s.peers[B].engine.policy().allocated_spis(), 0);
    }
}

#[test]
fn pfs_required_by_responder() {
    // DESIGN §3.10: local PFS set, the peer must do PFS with that group.
    let pa = policy(Phase1Mode::Main, None);
    let pb = policy(Phase1Mode::Main, Some(DhGroup::Modp1024));
    let mut s = Sim::new(5, config(), pa, config(), pb);
    s.initiate(A);
    s.run_for(secs(30));
    assert!(s.has(A, |e| matches!(
        e,
        Event::ChildSaFailed { error: NegotiationError::PeerRefused(NotifyType::NoProposalChosen), .. }
    )));
    // Local PFS unset: the peer's PFS offer is accepted.
    let pa = policy(Phase1Mode::Main, Some(DhGroup::Modp1536));
    let pb = policy(Phase1Mode::Main, None);
    let mut s = Sim::new(5, config(), pa, config(), pb);
    establish(&mut s, A);
    assert_eq!(s.children(B)[0].pfs_group, Some(DhGroup::Modp1536));
}

#[test]
fn proxies_refused_with_invalid_id() {
    let pa = policy(Phase1Mode::Main, None);
    let mut pb = policy(Phase1Mode::Main, None);
    pb.proxies = vec![ProxyPair { local: net("10.9.0.0", 16), remote: net("10.1.0.0", 16) }];
    let mut s = Sim::new(6, config(), pa, config(), pb);
    s.initiate(A);
    s.run_for(secs(30));
    assert!(s.has(A, |e| matches!(
        e,
        Event::ChildSaFailed { error: NegotiationError::PeerRefused(NotifyType::InvalidIdInformation), .. }
    )));
    assert!(s.has(B, |e| matches!(e, Event::ChildSaFailed { error: NegotiationError::InvalidId, .. })));
    // A subset of a permitted pair is accepted (DESIGN §3.8).
    let mut pb = policy(Phase1Mode::Main, None);
    pb.proxies = vec![ProxyPair { local: net("10.2.0.0", 16), remote: net("10.0.0.0", 8) }];
    let mut s = Sim::new(6, config(), policy(Phase1Mode::Main, None), config(), pb);
    establish(&mut s, A);
}

#[test]
fn wrong_psk_main_mode() {
    let pa = policy(Phase1Mode::Main, None);
    let mut pb = policy(Phase1Mode::Main, None);
    pb.psks[0].key = ipsec_core::SecretBytes::from_slice(b"another key");
    let mut s = Sim::new(8, config(), pa, config(), pb);
    s.initiate(A);
    s.run_for(secs(60));
    // The responder cannot decrypt MM5 (or its hash fails) and says so.
    let b_error = s.peers[B]
        .events
        .iter()
        .find_map(|e| if let Event::Phase1Failed { error, .. } = e { Some(error.clone()) } else { None })
        .unwrap();
    assert!(
        matches!(b_error, NegotiationError::DecryptionFailed(_) | NegotiationError::AuthenticationFailed),
        "{b_error:?}"
    );
    let sent = b_error.notify_type().unwrap();
    assert!(
        s.has(A, |e| matches!(e, Event::Phase1Failed { error: NegotiationError::PeerRefused(n), .. } if *n == sent)),
        "{:#?}",
        s.peers[A].events
    );
    assert_eq!(s.phase1_up(A) + s.phase1_up(B), 0);
}

#[test]
fn wrong_psk_aggressive_mode() {
    let pa = policy(Phase1Mode::Aggressive, None);
    let mut pb = policy(Phase1Mode::Aggressive, None);
    pb.psks[0].key = ipsec_core::SecretBytes::from_slice(b"another key");
    let mut s = Sim::new(9, config(), pa, config(), pb);
    s.initiate(A);
    s.run_for(secs(60));
    // The initiator checks HASH_R in AM2 first.
    assert!(s.has(A, |e| matches!(e, Event::Phase1Failed { error: NegotiationError::AuthenticationFailed, .. })));
    assert!(
        s.has(B, |e| matches!(
            e,
            Event::Phase1Failed { error: NegotiationError::PeerRefused(NotifyType::InvalidHashInformation), .. }
        )),
        "{:#?}",
        s.peers[B].events
    );
}

#[test]
fn aggressive_mode_refused_when_disabled() {
    let pa = policy(Phase1Mode::Aggressive, None);
    let mut pb = policy(Phase1Mode::Aggressive, None);
    pb.allow_aggressive = false;
    let mut s = Sim::new(10, config(), pa, config(), pb);
    s.initiate(A);
    s.run_for(secs(120));
    assert!(s.has(A, |e| matches!(e, Event::Phase1Failed { error: NegotiationError::Timeout, .. })));
    assert_eq!(s.phase1_up(B), 0);
}

#[test]
fn responder_lifetime_lenient_and_strict() {
    // B's IPsec lifetime is shorter: RESPONDER-LIFETIME, both use B's.
    let pa = policy(Phase1Mode::Main, None);
    let mut pb = policy(Phase1Mode::Main, None);
    pb.lifetime = Lifetime::new(1200, 100_000);
    // B's ISAKMP lifetime is shorter too.
    pb.phase1[0].lifetime = Lifetime { seconds: Some(3600), kilobytes: None, packets: None };
    let mut s = Sim::new(11, config(), pa, config(), pb.clone());
    establish(&mut s, A);
    s.run_for(secs(1));
    assert_eq!(s.children(A)[0].lifetime, Lifetime::new(1200, 100_000));
    assert_eq!(s.children(B)[0].lifetime, Lifetime::new(1200, 100_000));
    // A learnt B's shorter ISAKMP lifetime: the SA is gone after 3600 s on both sides (B's
    // expires first and deletes it).
    let up =
        s.peers[A].events.iter().find_map(|e| if let Event::Phase1Up(i) = e { Some(i.clone()) } else { None }).unwrap();
    assert_eq!(up.transform.lifetime.seconds, Some(86_400), "announced after Phase1Up");
    s.run_for(secs(3600));
    assert!(s.has(B, |e| matches!(e, Event::Phase1Down { reason: Phase1DownReason::Expired, .. })));
    assert!(
        s.has(A, |e| matches!(
            e,
            Event::Phase1Down { reason: Phase1DownReason::Expired | Phase1DownReason::PeerDelete, .. }
        )),
        "{:#?}",
        s.peers[A].events
    );
    // The IPsec SAs expired before (1200 s) after a soft-lifetime rekey notice.
    assert!(s.has(A, |e| matches!(e, Event::ChildSaRekeyDue { .. })));
    assert!(s.has(A, |e| matches!(e, Event::ChildSaDeleted { reason: ChildDeleteReason::Expired, .. })));
    // Strict mode (DESIGN §3.5): the responder's longer lifetime refuses the proposal.
    let mut pa = policy(Phase1Mode::Main, None);
    pa.lifetime = Lifetime::new(600, 4_608_000);
    let mut pb = policy(Phase1Mode::Main, None);
    pb.strict_lifetime = true;
    let mut s = Sim::new(12, config(), pa, config(), pb);
    s.initiate(A);
    s.run_for(secs(30));
    assert!(s.has(A, |e| matches!(
        e,
        Event::ChildSaFailed { error: NegotiationError::PeerRefused(NotifyType::NoProposalChosen), .. }
    )));
}

#[test]
fn strict_phase1_lifetime() {
    let mut pa = policy(Phase1Mode::Main, None);
    pa.phase1[0].lifetime = Lifetime { seconds: Some(14_400), kilobytes: None, packets: None };
    let pb = policy(Phase1Mode::Main, None);
    let mut cb = config();
    cb.strict_lifetime = true;
    let mut s = Sim::new(13, config(), pa.clone(), cb, pb.clone());
    s.initiate(A);
    s.run_for(secs(30));
    assert!(s.has(B, |e| matches!(e, Event::Phase1Failed { error: NegotiationError::NoProposalChosen, .. })));
    // Lenient: the shorter (the initiator's) applies.
    let mut s = Sim::new(13, config(), pa, config(), pb);
    establish(&mut s, A);
    let up =
        s.peers[B].events.iter().find_map(|e| if let Event::Phase1Up(i) = e { Some(i.clone()) } else { None }).unwrap();
    assert_eq!(up.transform.lifetime.seconds, Some(14_400));
}

#[test]
fn dpd_detects_a_dead_peer_and_keeps_a_live_one() {
    let mut s = Sim::pair(Phase1Mode::Main, None);
    establish(&mut s, A);
    // A live peer: R-U-THEREs are answered.
    s.run_for(secs(120));
    assert!(s.peers[A].engine.stats().dpd_sent > 0);
    assert!(!s.has(A, |e| matches!(e, Event::PeerDead { .. })));
    // The link dies: after the idle interval and 5 unanswered R-U-THEREs the peer is dead.
    s.link.down = true;
    s.run_for(secs(40));
    assert!(s.has(A, |e| matches!(e, Event::PeerDead { .. })));
    assert!(s.has(A, |e| matches!(e, Event::Phase1Down { reason: Phase1DownReason::PeerDead, .. })));
    assert!(s.has(A, |e| matches!(e, Event::ChildSaDeleted { reason: ChildDeleteReason::PeerDead, .. })));
    assert_eq!(s.peers[A].engine.child_ids().count(), 0);
}

#[test]
fn deletes_reach_the_peer() {
    let mut s = Sim::pair(Phase1Mode::Aggressive, None);
    establish(&mut s, A);
    let child = s.children(A)[0].id;
    let b_child = s.children(B)[0].id;
    let now = s.now;
    s.peers[A].engine.delete_child(now, child).unwrap();
    s.run_for(secs(1));
    assert!(s.has(
        A,
        |e| matches!(e, Event::ChildSaDeleted { id, reason: ChildDeleteReason::LocalDelete, .. } if *id == child)
    ));
    assert!(s.has(
        B,
        |e| matches!(e, Event::ChildSaDeleted { id, reason: ChildDeleteReason::PeerDelete, .. } if *id == b_child)
    ));
    let p1 = s.peers[A].engine.phase1_ids().next().unwrap();
    let now = s.now;
    s.peers[A].engine.delete_phase1(now, p1).unwrap();
    s.run_for(secs(1));
    assert!(s.has(B, |e| matches!(e, Event::Phase1Down { reason: Phase1DownReason::PeerDelete, .. })));
    assert_eq!(s.peers[B].engine.phase1_ids().count(), 0);
    // A new request starts a new phase 1.
    s.initiate(B);
    let until = s.now + secs(10);
    assert!(s.run_until(until, |s| s.matching_pairs() == 2));
    assert_eq!(s.phase1_up(A), 2);
}

#[test]
fn clear_deletes_everything_on_both_sides() {
    let mut s = Sim::pair(Phase1Mode::Main, Some(DhGroup::Modp1024));
    establish(&mut s, A);
    let now = s.now;
    s.peers[B].engine.clear(now);
    s.run_for(secs(1));
    assert!(s.has(B, |e| matches!(e, Event::ChildSaDeleted { reason: ChildDeleteReason::Cleared, .. })));
    assert!(s.has(B, |e| matches!(e, Event::Phase1Down { reason: Phase1DownReason::Cleared, .. })));
    assert!(s.has(A, |e| matches!(e, Event::ChildSaDeleted { reason: ChildDeleteReason::PeerDelete, .. })));
    assert!(s.has(A, |e| matches!(e, Event::Phase1Down { reason: Phase1DownReason::PeerDelete, .. })));
    assert_eq!(s.peers[A].engine.child_ids().count(), 0);
}

#[test]
fn rekey_child_and_phase1() {
    for pfs in [None, Some(DhGroup::Modp1024)] {
        let mut s = Sim::pair(Phase1Mode::Main, pfs);
        establish(&mut s, A);
        let old = s.children(A)[0].id;
        let now = s.now;
        let request = s.peers[A].engine.rekey_child(now, old).unwrap();
        let until = s.now + secs(10);
        assert!(s.run_until(until, |s| s.matching_pairs() == 2));
        let new_a = s.children(A)[1];
        assert_eq!(new_a.request, Some(request));
        assert_eq!(new_a.rekey_of, Some(old));
        // The responder recognised the rekey by its proxies.
        assert_eq!(s.children(B)[1].rekey_of, Some(s.children(B)[0].id));
        assert_ne!(s.children(A)[0].inbound.spi, new_a.inbound.spi);
        // Phase-1 rekey: the new SA comes up, the old one is deleted on both sides.
        let p1 = s.peers[A].engine.phase1_ids().next().unwrap();
        let now = s.now;
        s.peers[A].engine.rekey_phase1(now, p1).unwrap();
        s.run_for(secs(5));
        assert_eq!(s.phase1_up(A), 2);
        assert!(s.has(A, |e| matches!(e, Event::Phase1Down { reason: Phase1DownReason::Rekeyed, .. })));
        assert!(s.has(B, |e| matches!(e, Event::Phase1Down { reason: Phase1DownReason::PeerDelete, .. })));
        assert_eq!(s.peers[A].engine.phase1_ids().count(), 1);
        assert_eq!(s.peers[B].engine.phase1_ids().count(), 1);
        // IPsec SAs survive the phase-1 rekey, and a Quick Mode runs on the new phase 1.
        assert_eq!(s.peers[A].engine.child_ids().count(), 2);
        let now = s.now;
        s.peers[B].engine.initiate(now, s.addr(B, 500), s.addr(A, 500), proxies_b()).unwrap();
        let until = s.now + secs(10);
        assert!(s.run_until(until, |s| s.matching_pairs() == 3));
    }
}

#[test]
fn auto_rekey_at_soft_lifetime() {
    let mut ca = config();
    ca.auto_rekey = true;
    let mut pa = policy(Phase1Mode::Main, None);
    pa.lifetime = Lifetime::new(300, 4_608_000);
    let mut s = Sim::new(14, ca, pa, config(), policy(Phase1Mode::Main, None));
    establish(&mut s, A);
    s.run_for(secs(280));
    assert!(s.matching_pairs() >= 2, "{:#?}", s.peers[A].events);
    assert!(s.children(A)[1].rekey_of.is_some());
}

#[test]
fn nat_on_the_initiator_side() {
    for mode in [Phase1Mode::Main, Phase1Mode::Aggressive] {
        let mut s = Sim::pair(mode, None);
        s.nat = Some(Nat::default());
        establish(&mut s, A);
        let a = s.children(A)[0];
        let b = s.children(B)[0];
        assert!(a.nat.local_behind_nat && !a.nat.peer_behind_nat);
        assert!(!b.nat.local_behind_nat && b.nat.peer_behind_nat);
        // IKE floated to 4500 and the SAs are UDP-encapsulated.
        assert_eq!(a.local.port(), 4500);
        assert_eq!(a.remote.port(), 4500);
        assert_eq!(a.udp_encapsulation.map(|u| (u.local, u.remote)), Some((4500, 4500)));
        let ub = b.udp_encapsulation.unwrap();
        assert_eq!(ub.local, 4500);
        assert_ne!(ub.remote, 4500, "the NAT's mapping of A's 4500");
        // Keep-alives from the side behind the NAT, every 20 s.
        s.run_for(secs(65));
        assert!(s.peers[B].keepalives >= 3, "{}", s.peers[B].keepalives);
        assert_eq!(s.peers[A].keepalives, 0);
    }
}

#[test]
fn forced_encapsulation_like_strongswan() {
    // B fakes its NAT-D hash (strongSwan with userspace ESP): A sees the peer behind a NAT.
    let mut cb = config();
    cb.nat_t.force_encapsulation = true;
    let mut s = Sim::new(15, config(), policy(Phase1Mode::Main, None), cb, policy(Phase1Mode::Main, None));
    establish(&mut s, A);
    let a = s.children(A)[0];
    assert!(a.nat.peer_behind_nat && !a.nat.local_behind_nat);
    assert!(a.udp_encapsulation.is_some());
    assert!(s.children(B)[0].udp_encapsulation.is_some());
    assert_eq!(a.remote.port(), 4500);
}

#[test]
fn transport_mode_with_nat_carries_original_addresses() {
    let mut pa = policy(Phase1Mode::Main, None);
    pa.mode_offered = EncapsulationMode::Transport;
    let mut s = Sim::new(16, config(), pa, config(), policy(Phase1Mode::Main, None));
    s.nat = Some(Nat::default());
    let now = s.now;
    let host_a = ipsec_core::types::TrafficSelector::host(s.addr(A, 0).ip());
    let host_b = ipsec_core::types::TrafficSelector::host(s.addr(B, 0).ip());
    s.peers[A]
        .engine
        .initiate(now, s.addr(A, 500), s.addr(B, 500), ProxyPair { local: host_a, remote: host_b })
        .unwrap();
    let until = s.now + secs(10);
    assert!(s.run_until(until, Sim::converged));
    let b = s.children(B)[0];
    assert_eq!(b.mode, EncapsulationMode::Transport);
    assert!(b.udp_encapsulation.is_some());
    assert_eq!(b.original_addresses, Some((s.addr(A, 0).ip(), s.addr(B, 0).ip())));
}

#[test]
fn commit_bit_waits_for_connected() {
    let mut cb = config();
    cb.commit_bit = true;
    let mut s = Sim::new(17, config(), policy(Phase1Mode::Main, None), cb, policy(Phase1Mode::Main, None));
    establish(&mut s, A);
    // The responder reported first; the initiator only after CONNECTED.
    let a_index = s.peers[A].events.iter().position(|e| matches!(e, Event::ChildSaReady(_))).unwrap();
    assert!(s.peers[A].events[..a_index].iter().all(|e| !matches!(e, Event::ChildSaReady(_))));
    // Without CONNECTED (lost), the initiator reports the SA after the commit wait.
    let mut cb = config();
    cb.commit_bit = true;
    let mut s = Sim::new(18, config(), policy(Phase1Mode::Main, None), cb, policy(Phase1Mode::Main, None));
    s.initiate(A);
    let until = s.now + secs(10);
    assert!(s.run_until(until, |s| !s.children(B).is_empty()));
    s.link.down = true;
    s.run_for(secs(6));
    assert_eq!(s.children(A).len(), 1);
}

#[test]
fn several_requests_share_one_phase1() {
    let mut s = Sim::pair(Phase1Mode::Main, None);
    let now = s.now;
    let p2 = ProxyPair { local: net("10.11.0.0", 24), remote: net("10.12.0.0", 24) };
    let r1 = s.initiate(A);
    let r2 = s.peers[A].engine.initiate(now, s.addr(A, 500), s.addr(B, 500), p2).unwrap();
    let until = s.now + secs(10);
    assert!(s.run_until(until, |s| s.matching_pairs() == 2));
    assert_eq!(s.phase1_up(A), 1);
    let requests: Vec<_> = s.children(A).iter().map(|c| c.request.unwrap()).collect();
    assert!(requests.contains(&r1) && requests.contains(&r2));
}

#[test]
fn initial_contact_replaces_old_state() {
    let mut s = Sim::pair(Phase1Mode::Main, None);
    establish(&mut s, A);
    // A restarts (loses all state) and negotiates again: its INITIAL-CONTACT makes B drop
    // the old SAs.
    let policy_a = policy(Phase1Mode::Main, None);
    s.peers[A].engine = ikev1::Engine::new(
        config(),
        policy_a,
        <chacha20::ChaCha20Rng as rand_core::SeedableRng>::seed_from_u64(99),
        ipsec_core::CryptoProvider::rustcrypto(),
    );
    s.peers[A].events.clear();
    establish(&mut s, A);
    assert!(s.has(B, |e| matches!(e, Event::Phase1Down { reason: Phase1DownReason::InitialContact, .. })));
    assert!(s.has(B, |e| matches!(e, Event::ChildSaDeleted { reason: ChildDeleteReason::InitialContact, .. })));
    assert_eq!(s.peers[B].engine.phase1_ids().count(), 1);
    assert_eq!(s.peers[B].engine.child_ids().count(), 1);
}

#[test]
fn key_log_lines() {
    use std::sync::{Arc, Mutex};
    #[derive(Clone, Default)]
    struct Log(Arc<Mutex<Vec<(ikev1::keylog::KeyLogTable, String)>>>);
    impl ikev1::keylog::KeyLog for Log {
        fn log(&mut self, table: ikev1::keylog::KeyLogTable, line: &str) {
            self.0.lock().unwrap().push((table, line.to_owned()));
        }
    }
    let mut s = Sim::pair(Phase1Mode::Main, None);
    let log = Log::default();
    s.peers[A].engine.set_key_log(Some(Box::new(log.clone())));
    establish(&mut s, A);
    let lines = log.0.lock().unwrap().clone();
    let up =
        s.peers[A].events.iter().find_map(|e| if let Event::Phase1Up(i) = e { Some(i.clone()) } else { None }).unwrap();
    let ikev1_line = &lines.iter().find(|(t, _)| *t == ikev1::keylog::KeyLogTable::Ikev1DecryptionTable).unwrap().1;
    assert!(ikev1_line.starts_with(&format!("{},", up.initiator_cookie)));
    assert_eq!(ikev1_line.len(), 16 + 1 + 32);
    let esp: Vec<&String> =
        lines.iter().filter(|(t, _)| *t == ikev1::keylog::KeyLogTable::EspSa).map(|(_, l)| l).collect();
    assert_eq!(esp.len(), 2);
    let c = s.children(A)[0];
    assert!(esp[0].starts_with(&format!(
        "\"IPv4\",\"198.51.100.1\",\"198.51.100.2\",\"0x{:08x}\",\"AES-CBC [RFC3602]\"",
        c.outbound.spi.0
    )));
    assert!(esp[1].contains("HMAC-SHA-1-96 [RFC2404]"));
}

/// Drives one negotiation over a lossy network until both sides agree on an SA pair; like a
/// gateway whose traffic re-triggers negotiation, the initiator starts over after a failure.
fn lossy_run(seed: u64, mode: Phase1Mode, pfs: Option<DhGroup>, loss: u32) -> (bool, ipsec_core::Duration, u64) {
    let mut s = Sim::new(seed, config(), policy(mode, pfs), config(), policy(mode, pfs));
    s.link = Link {
        loss,
        dup: 100,
        delay: ipsec_core::Duration::from_millis(10),
        jitter: ipsec_core::Duration::from_millis(40),
        down: false,
    };
    let start = s.now;
    let initiator = (seed % 2) as usize;
    if seed.is_multiple_of(4) {
        // A behind a NAT: NAT-D, the float to 4500 and UDP encapsulation under loss too.
        s.nat = Some(Nat::default());
    }
    s.initiate(initiator);
    let deadline = start + secs(600);
    let mut seen = 0;
    loop {
        if s.run_until(deadline, |s| {
            s.converged()
                || s.peers.iter().map(|p| p.events.iter().filter(|e| is_failure(e)).count()).sum::<usize>() > seen
        }) && s.converged()
        {
            let retransmitted =
                s.peers.iter().map(|p| p.engine.stats().retransmitted + p.engine.stats().duplicates).sum();
            return (true, s.now - start, retransmitted);
        }
        if s.now >= deadline {
            return (false, s.now - start, 0);
        }
        seen = s.peers.iter().map(|p| p.events.iter().filter(|e| is_failure(e)).count()).sum();
        // Start over only when nothing is in progress any more on the initiator.
        let failed_initiator = s.peers[initiator].events.iter().rev().find(|e| is_failure(e)).is_some();
        if failed_initiator || s.peers[1 - initiator].events.iter().any(is_failure) {
            s.initiate(initiator);
        }
    }
}

fn is_failure(e: &Event) -> bool {
    matches!(e, Event::Phase1Failed { .. } | Event::ChildSaFailed { .. })
}

/// 10 % and 30 % loss, 10 % duplication, 10-50 ms delay (reordering), both exchanges, both
/// roles, PFS on every third seed, a NAT in front of the initiator on every fourth: every run
/// agrees on an SA pair within 600 s of virtual time.
#[test]
fn lossy_networks_converge() {
    let mut worst = ipsec_core::Duration::ZERO;
    let mut recovered = 0;
    // 40 seeds per loss rate (both modes, PFS on every third); IKEV1_SIM_SEEDS=N runs more.
    let n: u64 = std::env::var("IKEV1_SIM_SEEDS").ok().and_then(|v| v.parse().ok()).unwrap_or(40);
    for (loss, seeds) in [(100, 0..n), (300, 100_000..100_000 + n)] {
        for seed in seeds {
            for mode in [Phase1Mode::Main, Phase1Mode::Aggressive] {
                let pfs = if seed % 3 == 0 { Some(DhGroup::Modp1024) } else { None };
                let (ok, took, retransmissions) = lossy_run(seed, mode, pfs, loss);
                assert!(ok, "seed {seed} mode {mode:?} loss {loss}: no agreement after {took:?}");
                worst = worst.max(took);
                recovered += retransmissions;
            }
        }
    }
    assert!(worst < secs(600));
    assert!(recovered > 100, "the runs exercised retransmission ({recovered})");
}
