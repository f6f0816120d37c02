// Test code: panics are the assertions, indices come from the fixtures, configurations are
// tweaked field by field.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::field_reassign_with_default
)]
//! Robustness of the engine: retransmissions answered with the stored reply, unknown cookies,
//! the half-open limit, Quick Mode arriving before the last Aggressive Mode message, the
//! retransmission schedule, and arbitrary or mutated datagrams in every state (no panic).

mod sim;

use std::net::SocketAddr;

use ikev1::policy::Phase1Mode;
use ikev1::{Config, Disposition, DropReason, Engine, Event, MAX_DATAGRAM_LEN, NegotiationError, Transmit};
use ipsec_core::registry::ikev1::{ExchangeType, NotifyType};
use ipsec_core::{CryptoProvider, Duration, Instant};
use proptest::prelude::*;
use rand_core::SeedableRng;
use sim::*;

type E = SimEngine;

fn engine(seed: u64, config: Config, mode: Phase1Mode) -> E {
    Engine::new(config, policy(mode, None), chacha20::ChaCha20Rng::seed_from_u64(seed), CryptoProvider::rustcrypto())
}

fn a_addr() -> SocketAddr {
    SocketAddr::new(A_ADDR.into(), 500)
}

fn b_addr() -> SocketAddr {
    SocketAddr::new(B_ADDR.into(), 500)
}

fn drain(e: &mut E, now: Instant) -> Vec<(Transmit, Vec<u8>)> {
    let mut buf = vec![0u8; MAX_DATAGRAM_LEN];
    let mut out = Vec::new();
    while let Some(t) = e.poll_transmit(now, &mut buf) {
        out.push((t, buf[..t.len].to_vec()));
    }
    out
}

fn deliver(to: &mut E, now: Instant, (t, bytes): &(Transmit, Vec<u8>)) -> Disposition {
    to.handle_datagram(now, t.remote, t.local, bytes)
}

fn events(e: &mut E) -> Vec<Event> {
    std::iter::from_fn(|| e.poll_event()).collect()
}

#[test]
fn retransmitted_requests_get_the_stored_reply() {
    let now = Instant::from_secs(1);
    let mut a = engine(1, Config::default(), Phase1Mode::Main);
    let mut b = engine(2, Config::default(), Phase1Mode::Main);
    a.initiate(now, a_addr(), b_addr(), proxies_a()).unwrap();
    let mm1 = drain(&mut a, now).remove(0);
    assert_eq!(deliver(&mut b, now, &mm1), Disposition::Handled);
    let mm2 = drain(&mut b, now).remove(0);
    // The same MM1 again: the very same MM2, and still one SA.
    assert_eq!(deliver(&mut b, now, &mm1), Disposition::Retransmission);
    let again = drain(&mut b, now);
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].1, mm2.1);
    assert_eq!(b.phase1_ids().count(), 1);
    // Further through MM3/MM4: a repeated MM3 is answered with the stored MM4, not recomputed.
    deliver(&mut a, now, &mm2);
    let mm3 = drain(&mut a, now).remove(0);
    deliver(&mut b, now, &mm3);
    let mm4 = drain(&mut b, now).remove(0);
    assert_eq!(deliver(&mut b, now, &mm3), Disposition::Retransmission);
    assert_eq!(drain(&mut b, now)[0].1, mm4.1);
    assert_eq!(b.stats().duplicates, 2);
}

#[test]
fn unknown_cookies_are_dropped_or_answered_with_invalid_cookie() {
    let now = Instant::from_secs(1);
    let mut b = engine(2, Config::default(), Phase1Mode::Main);
    let stray = ikev1::Message::new(
        ExchangeType::IdentityProtection,
        ipsec_core::types::IkeSpi([1; 8]),
        ipsec_core::types::IkeSpi([2; 8]),
        0,
    )
    .with(ikev1::payload::NoncePayload::new(vec![0; 16]))
    .encode()
    .unwrap();
    assert_eq!(b.handle_datagram(now, b_addr(), a_addr(), &stray), Disposition::Dropped(DropReason::UnknownCookies));
    assert!(drain(&mut b, now).is_empty());
    let mut config = Config::default();
    config.notify_invalid_cookie = true;
    let mut b = engine(2, config, Phase1Mode::Main);
    b.handle_datagram(now, b_addr(), a_addr(), &stray);
    let out = drain(&mut b, now);
    let reply = ikev1::Message::decode(&out[0].1).unwrap();
    assert_eq!(reply.exchange, ExchangeType::Informational);
    assert_eq!(reply.notifications().next().unwrap().notify_type, NotifyType::InvalidCookie);
}

#[test]
fn half_open_limit() {
    let now = Instant::from_secs(1);
    let mut config = Config::default();
    config.max_half_open = 3;
    let mut b = engine(2, config, Phase1Mode::Main);
    let mut dispositions = Vec::new();
    for seed in 0..5 {
        let mut a = engine(100 + seed, Config::default(), Phase1Mode::Main);
        a.initiate(now, a_addr(), b_addr(), proxies_a()).unwrap();
        let mm1 = drain(&mut a, now).remove(0);
        dispositions.push(deliver(&mut b, now, &mm1));
    }
    assert_eq!(b.phase1_ids().count(), 3);
    assert_eq!(dispositions[3], Disposition::Dropped(DropReason::Limit));
    // Half-open SAs give up after the retransmission window and free their slots.
    let later = now + b.give_up_after() + Duration::from_secs(1);
    b.handle_timeout(later);
    assert_eq!(b.phase1_ids().count(), 0);
    assert!(events(&mut b).iter().all(|e| matches!(e, Event::Phase1Failed { error: NegotiationError::Timeout, .. })));
}

#[test]
fn quick_mode_before_the_last_aggressive_mode_message_is_queued() {
    let now = Instant::from_secs(1);
    let mut config = Config::default();
    config.aggressive_quick_mode_delay = Duration::ZERO;
    let mut a = engine(1, config, Phase1Mode::Aggressive);
    let mut b = engine(2, Config::default(), Phase1Mode::Aggressive);
    a.initiate(now, a_addr(), b_addr(), proxies_a()).unwrap();
    let am1 = drain(&mut a, now).remove(0);
    deliver(&mut b, now, &am1);
    let am2 = drain(&mut b, now).remove(0);
    deliver(&mut a, now, &am2);
    let out = drain(&mut a, now);
    assert_eq!(out.len(), 2, "AM3 and QM1");
    let (am3, qm1) = (&out[0], &out[1]);
    // QM1 overtakes AM3: it waits, and is answered once AM3 has been processed.
    assert_eq!(deliver(&mut b, now, qm1), Disposition::Queued);
    assert!(drain(&mut b, now).is_empty());
    assert_eq!(deliver(&mut b, now, am3), Disposition::Handled);
    let qm2 = drain(&mut b, now);
    assert_eq!(qm2.len(), 1);
    deliver(&mut a, now, &qm2[0]);
    let qm3 = drain(&mut a, now).remove(0);
    deliver(&mut b, now, &qm3);
    assert!(events(&mut a).iter().any(|e| matches!(e, Event::ChildSaReady(_))));
    assert!(events(&mut b).iter().any(|e| matches!(e, Event::ChildSaReady(_))));
}

#[test]
fn retransmission_schedule_and_give_up() {
    let start = Instant::from_secs(1);
    let mut a = engine(1, Config::default(), Phase1Mode::Main);
    let request = a.initiate(start, a_addr(), b_addr(), proxies_a()).unwrap();
    let mut sent_at = vec![start];
    drain(&mut a, start);
    let mut now = start;
    while let Some(t) = a.poll_timeout() {
        if t > start + Duration::from_secs(400) {
            break;
        }
        now = t;
        a.handle_timeout(now);
        if !drain(&mut a, now).is_empty() {
            sent_at.push(now);
        }
        if a.phase1_ids().count() == 0 {
            break;
        }
    }
    let offsets: Vec<u128> = sent_at.iter().map(|t| (*t - start).as_millis()).collect();
    // strongSwan's defaults: 4 s, base 1.8, 5 retransmissions, failure after 165 s.
    assert_eq!(offsets, vec![0, 4000, 11200, 24160, 47488, 89478]);
    assert_eq!((now - start).as_secs(), 165);
    let ev = events(&mut a);
    assert!(ev.iter().any(|e| matches!(e, Event::Phase1Failed { error: NegotiationError::Timeout, .. })));
    assert!(ev.iter().any(|e| matches!(e, Event::ChildSaFailed { request: Some(r), error: NegotiationError::Phase1Failed, .. } if *r == request)));
}

#[test]
fn malformed_first_message_gets_a_notification() {
    let now = Instant::from_secs(1);
    let mut b = engine(2, Config::default(), Phase1Mode::Main);
    let bad = ikev1::Message::new(
        ExchangeType::IdentityProtection,
        ipsec_core::types::IkeSpi([7; 8]),
        ipsec_core::types::IkeSpi::ZERO,
        0,
    )
    .with(ikev1::payload::VendorIdPayload::new(ikev1::vendor_id::DPD.to_vec()))
    .encode()
    .unwrap();
    b.handle_datagram(now, b_addr(), a_addr(), &bad);
    let out = drain(&mut b, now);
    let reply = ikev1::Message::decode(&out[0].1).unwrap();
    assert_eq!(reply.notifications().next().unwrap().notify_type, NotifyType::PayloadMalformed);
    assert!(
        events(&mut b).iter().any(|e| matches!(e, Event::Phase1Failed { error: NegotiationError::MissingPayload, .. }))
    );
    // Its retransmission gets the same answer.
    assert_eq!(b.handle_datagram(now, b_addr(), a_addr(), &bad), Disposition::Retransmission);
    assert_eq!(drain(&mut b, now)[0].1, out[0].1);
}

#[test]
fn nat_t_port_framing() {
    let now = Instant::from_secs(1);
    let mut b = engine(2, Config::default(), Phase1Mode::Main);
    let l = SocketAddr::new(B_ADDR.into(), 4500);
    let r = SocketAddr::new(A_ADDR.into(), 4500);
    assert_eq!(b.handle_datagram(now, l, r, &[0xff]), Disposition::Keepalive);
    assert_eq!(b.handle_datagram(now, l, r, &[1, 2, 3, 4, 5, 6, 7, 8, 9]), Disposition::Dropped(DropReason::NotIke));
    assert_eq!(b.handle_datagram(now, l, r, &[0, 0]), Disposition::Dropped(DropReason::NotIke));
    // A whole Main Mode from port 4500 works (IKE may start on 4500, RFC 3947 §4).
    let mut a = engine(1, Config::default(), Phase1Mode::Main);
    a.initiate(now, r, l, proxies_a()).unwrap();
    let mm1 = drain(&mut a, now).remove(0);
    assert_eq!(&mm1.1[..4], &[0, 0, 0, 0], "non-ESP marker");
    assert_eq!(deliver(&mut b, now, &mm1), Disposition::Handled);
    let mm2 = drain(&mut b, now).remove(0);
    assert_eq!(mm2.0.local, l);
    assert_eq!(&mm2.1[..4], &[0, 0, 0, 0]);
}

#[test]
fn nat_rebinding_moves_the_sa() {
    let mut s = Sim::pair(Phase1Mode::Main, None);
    s.nat = Some(Nat::default());
    s.initiate(A);
    let until = s.now + secs(10);
    assert!(s.run_until(until, Sim::converged));
    // The NAT forgets its mappings: A's next message comes from a new port.
    let nat = s.nat.as_mut().unwrap();
    nat.out.clear();
    nat.back.clear();
    nat.next += 10;
    s.run_for(secs(30));
    assert!(s.has(B, |e| matches!(e, Event::PeerAddressChanged { .. })), "{:#?}", s.peers[B].events);
    assert!(!s.has(A, |e| matches!(e, Event::PeerDead { .. })));
}

/// A full negotiation's datagrams, in order, for mutation.
fn transcript(mode: Phase1Mode, pfs: bool) -> Vec<(usize, Transmit, Vec<u8>)> {
    let now = Instant::from_secs(1);
    let mut p = [engine(1, Config::default(), mode), engine(2, Config::default(), mode)];
    if pfs {
        for e in &mut p {
            e.policy_mut().pfs = Some(ipsec_core::algorithm::DhGroup::Modp1024);
        }
    }
    p[0].initiate(now, a_addr(), b_addr(), proxies_a()).unwrap();
    let mut out = Vec::new();
    for _ in 0..8 {
        for from in 0..2 {
            for (t, bytes) in drain(&mut p[from], now) {
                out.push((from, t, bytes.clone()));
                p[1 - from].handle_datagram(now, t.remote, t.local, &bytes);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    /// Mutated copies of every message of a real negotiation (and random bytes), delivered at
    /// every step to both sides, never panic; afterwards the engines' timers still run.
    #[test]
    fn mutated_datagrams_in_every_state(
        aggressive in any::<bool>(),
        pfs in any::<bool>(),
        mutations in proptest::collection::vec((any::<usize>(), any::<usize>(), any::<u8>(), 0usize..4), 1..24),
        junk in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let mode = if aggressive { Phase1Mode::Aggressive } else { Phase1Mode::Main };
        let script = transcript(mode, pfs);
        let now = Instant::from_secs(1);
        let mut p = [engine(1, Config::default(), mode), engine(2, Config::default(), mode)];
        p[0].initiate(now, a_addr(), b_addr(), proxies_a()).unwrap();
        let mut m = mutations.iter().cycle();
        for (step, (from, t, bytes)) in script.iter().enumerate() {
            let (pick, pos, val, kind) = *m.next().unwrap();
            let (_, _, base) = &script[pick % script.len()];
            let mut evil = base.clone();
            match kind {
                0 => { if !evil.is_empty() { let i = pos % evil.len(); evil[i] ^= val | 1; } }
                1 => evil.truncate(pos % (evil.len() + 1)),
                2 => evil.extend_from_slice(&junk),
                _ => evil = junk.clone(),
            }
            let to = 1 - from;
            let _ = p[to].handle_datagram(now, t.remote, t.local, &evil);
            let _ = p[*from].handle_datagram(now, t.local, t.remote, &evil);
            let _ = p[to].handle_datagram(now, t.remote, t.local, bytes);
            let _ = drain(&mut p[0], now);
            let _ = drain(&mut p[1], now);
            if step % 3 == 0 {
                for e in &mut p { e.handle_timeout(now + Duration::from_secs(step as u64)); }
            }
        }
        for e in &mut p {
            e.handle_timeout(now + Duration::from_secs(1000));
            let _ = events(e);
            let _ = e.poll_timeout();
        }
    }

    /// Random datagrams on both ports never panic and never create more than one SA each.
    #[test]
    fn random_datagrams(data in proptest::collection::vec(any::<u8>(), 0..600), port in prop_oneof![Just(500u16), Just(4500u16)]) {
        let now = Instant::from_secs(1);
        let mut b = engine(2, Config::default(), Phase1Mode::Main);
        let l = SocketAddr::new(B_ADDR.into(), port);
        let _ = b.handle_datagram(now, l, a_addr(), &data);
        prop_assert!(b.phase1_ids().count() <= 1);
        b.handle_timeout(now + Duration::from_secs(500));
        let _ = drain(&mut b, now);
    }
}

#[test]
fn undecryptable_answers_to_mm5_mean_a_key_mismatch() {
    // A peer with another pre-shared key answers MM5 with a notification encrypted under its
    // own keys (strongSwan's PAYLOAD-MALFORMED): undecryptable here, so the negotiation times
    // out as an authentication failure rather than a silent timeout.
    let now = Instant::from_secs(1);
    let mut a = engine(1, Config::default(), Phase1Mode::Main);
    let mut b = engine(2, Config::default(), Phase1Mode::Main);
    b.policy_mut().psks[0].key = ipsec_core::SecretBytes::from_slice(b"other");
    a.initiate(now, a_addr(), b_addr(), proxies_a()).unwrap();
    for _ in 0..2 {
        for (t, bytes) in drain(&mut a, now) {
            b.handle_datagram(now, t.remote, t.local, &bytes);
        }
        for (t, bytes) in drain(&mut b, now) {
            a.handle_datagram(now, t.remote, t.local, &bytes);
        }
    }
    let mm5 = drain(&mut a, now).remove(0);
    let header = ikev1::Header::decode(&mm5.1).unwrap();
    let mut forged =
        ikev1::Message::new(ExchangeType::Informational, header.initiator_cookie, header.responder_cookie, 77)
            .with(ikev1::payload::NoncePayload::new(vec![0; 16]))
            .with_flags(ikev1::Flags::ENCRYPTION)
            .encode()
            .unwrap();
    forged.truncate(28);
    forged.extend_from_slice(&[0x5a; 32]);
    let len = u32::try_from(forged.len()).unwrap().to_be_bytes();
    forged[24..28].copy_from_slice(&len);
    let from_b = SocketAddr::new(B_ADDR.into(), 500);
    assert_eq!(a.handle_datagram(now, a_addr(), from_b, &forged), Disposition::Dropped(DropReason::Unauthenticated));
    let later = now + a.give_up_after() + Duration::from_secs(1);
    while let Some(t) = a.poll_timeout().filter(|n| *n <= later) {
        a.handle_timeout(t);
        drain(&mut a, t);
    }
    assert!(
        events(&mut a)
            .iter()
            .any(|e| matches!(e, Event::Phase1Failed { error: NegotiationError::AuthenticationFailed, .. }))
    );
}

#[test]
fn draft_nat_t_peers_get_draft_numbering() {
    // A peer that announces only draft-ietf-ipsec-nat-t-ike-02/03: NAT-D travels as payload 130
    // and UDP encapsulation as mode 61443 (draft), and the negotiation completes.
    let now = Instant::from_secs(1);
    let mut a = engine(1, Config::default(), Phase1Mode::Main);
    let mut config_b = Config::default();
    config_b.nat_t.force_encapsulation = true;
    let mut b = engine(2, config_b, Phase1Mode::Main);
    a.initiate(now, a_addr(), b_addr(), proxies_a()).unwrap();
    let (t, mm1) = drain(&mut a, now).remove(0);
    let mut message = ikev1::Message::decode(&mm1).unwrap();
    message.payloads.retain(|p| !matches!(p, ikev1::Payload::VendorId(v) if v.data == ikev1::vendor_id::NAT_T_RFC3947));
    let mm1 = message.encode().unwrap();
    b.handle_datagram(now, t.remote, t.local, &mm1);
    let mut seen_types = Vec::new();
    for _ in 0..6 {
        for (t, bytes) in drain(&mut b, now) {
            if let Ok(m) = ikev1::Message::decode(&bytes) {
                seen_types.extend(m.payload_types());
                if m.exchange == ExchangeType::IdentityProtection && m.sa().is_some() {
                    assert!(m.has_vendor_id(&ikev1::vendor_id::NAT_T_DRAFT_03));
                    assert!(!m.has_vendor_id(&ikev1::vendor_id::NAT_T_RFC3947));
                }
            }
            a.handle_datagram(now, t.remote, t.local, &bytes);
        }
        for (t, bytes) in drain(&mut a, now) {
            b.handle_datagram(now, t.remote, t.local, &bytes);
        }
    }
    assert!(seen_types.contains(&ipsec_core::registry::ikev1::PayloadType::NatDiscoveryDraft));
    assert!(!seen_types.contains(&ipsec_core::registry::ikev1::PayloadType::NatDiscovery));
    let children: Vec<ikev1::ChildSa> = events(&mut a)
        .into_iter()
        .filter_map(|e| if let Event::ChildSaReady(c) = e { Some(c) } else { None })
        .collect();
    assert_eq!(children.len(), 1);
    assert_eq!(children[0].nat.version, Some(ikev1::NatTVersion::Draft));
    assert!(children[0].udp_encapsulation.is_some());
    assert!(events(&mut b).iter().any(|e| matches!(e, Event::ChildSaReady(c) if c.udp_encapsulation.is_some())));
}

#[test]
fn late_duplicates_and_replays_are_dropped() {
    let now = Instant::from_secs(1);
    let mut a = engine(1, Config::default(), Phase1Mode::Main);
    let mut b = engine(2, Config::default(), Phase1Mode::Main);
    a.initiate(now, a_addr(), b_addr(), proxies_a()).unwrap();
    let mut to_b = Vec::new();
    for _ in 0..6 {
        for d in drain(&mut a, now) {
            b.handle_datagram(now, d.0.remote, d.0.local, &d.1);
            to_b.push(d);
        }
        for d in drain(&mut b, now) {
            deliver(&mut a, now, &d);
        }
    }
    assert_eq!(events(&mut b).iter().filter(|e| matches!(e, Event::ChildSaReady(_))).count(), 1);
    // A duplicate of MM1 delayed past the whole negotiation: dropped, no new SA.
    let mm1 = &to_b[0];
    assert!(matches!(b.handle_datagram(now, mm1.0.remote, mm1.0.local, &mm1.1), Disposition::Dropped(_)));
    assert_eq!(b.phase1_ids().count(), 1);
    assert!(drain(&mut b, now).is_empty());
    // QM1 replayed after its exchange was forgotten: dropped, no second SA pair.
    let qm1 =
        to_b.iter().find(|d| ikev1::Header::decode(&d.1).is_ok_and(|h| h.exchange == ExchangeType::QuickMode)).unwrap();
    let later = now + Duration::from_secs(40);
    b.handle_timeout(later);
    drain(&mut b, later);
    assert_eq!(
        b.handle_datagram(later, qm1.0.remote, qm1.0.local, &qm1.1),
        Disposition::Dropped(DropReason::Unexpected)
    );
    assert!(drain(&mut b, later).is_empty());
    assert!(events(&mut b).iter().all(|e| !matches!(e, Event::ChildSaReady(_))));
}
