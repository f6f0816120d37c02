//! Property tests for the shared types: selector algebra, identity codecs, lifetimes, time.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use ipsec_core::types::{Identity, Instant, IpProtocol, Lifetime, TrafficSelector};
use proptest::prelude::*;
use std::time::Duration;

fn addr_v4() -> impl Strategy<Value = IpAddr> {
    // A small space so that ranges overlap often.
    (0u32..64).prop_map(|n| IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + n)))
}

fn selector() -> impl Strategy<Value = TrafficSelector> {
    (addr_v4(), addr_v4(), prop_oneof![Just(0u8), Just(6), Just(17)], 0u16..8, 0u16..8).prop_map(
        |(a, b, proto, p1, p2)| {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            let (plo, phi) = if p1 <= p2 { (p1, p2) } else { (p2, p1) };
            let ts = TrafficSelector::new(lo, hi, IpProtocol(proto), 0, u16::MAX).unwrap();
            if proto == 0 { ts } else { ts.with_ports(plo, phi).unwrap() }
        },
    )
}

proptest! {
    #[test]
    fn intersection_is_symmetric_and_contained(a in selector(), b in selector()) {
        let ab = a.intersect(&b);
        let ba = b.intersect(&a);
        prop_assert_eq!(ab, ba);
        if let Some(i) = ab {
            prop_assert!(a.contains(&i));
            prop_assert!(b.contains(&i));
        }
    }

    #[test]
    fn contains_agrees_with_intersection(a in selector(), b in selector()) {
        // b ⊆ a exactly when a ∩ b = b.
        prop_assert_eq!(a.contains(&b), a.intersect(&b) == Some(b));
        prop_assert!(a.contains(&a));
    }

    #[test]
    fn packet_in_subset_is_in_superset(a in selector(), b in selector(), host in addr_v4(), port in 0u16..8) {
        if a.contains(&b) && b.matches(host, b.protocol(), Some(port)) {
            prop_assert!(a.matches(host, b.protocol(), Some(port)));
        }
    }

    #[test]
    fn prefix_round_trips(raw in any::<u32>(), len in 0u8..=32) {
        let ts = TrafficSelector::prefix(IpAddr::V4(Ipv4Addr::from(raw)), len).unwrap();
        prop_assert_eq!(ts.prefix_len(), Some(len));
        prop_assert!(ts.contains_addr(IpAddr::V4(Ipv4Addr::from(raw))));
    }

    #[test]
    fn prefix_round_trips_v6(raw in any::<u128>(), len in 0u8..=128) {
        let ts = TrafficSelector::prefix(IpAddr::V6(Ipv6Addr::from(raw)), len).unwrap();
        prop_assert_eq!(ts.prefix_len(), Some(len));
    }

    #[test]
    fn ikev1_identity_decoding_never_panics_and_round_trips(id_type in any::<u8>(), data in proptest::collection::vec(any::<u8>(), 0..40)) {
        if let Ok(id) = Identity::from_ikev1(id_type, &data) {
            let (t, d) = id.to_ikev1();
            prop_assert_eq!(t, id_type);
            prop_assert_eq!(d, data);
        }
    }

    #[test]
    fn ikev2_identity_decoding_never_panics_and_round_trips(id_type in any::<u8>(), data in proptest::collection::vec(any::<u8>(), 0..40)) {
        if let Ok(id) = Identity::from_ikev2(id_type, &data) {
            let (t, d) = id.to_ikev2().unwrap();
            prop_assert_eq!(t, id_type);
            prop_assert_eq!(d, data);
        }
    }

    #[test]
    fn lifetime_min_is_within_both(a in proptest::option::of(1u64..10_000), b in proptest::option::of(1u64..10_000),
                                   c in proptest::option::of(1u64..10_000), d in proptest::option::of(1u64..10_000)) {
        let x = Lifetime { seconds: a, kilobytes: c, packets: None };
        let y = Lifetime { seconds: b, kilobytes: d, packets: None };
        let m = x.min(y);
        prop_assert!(m.within(&x) && m.within(&y));
        prop_assert_eq!(m, y.min(x));
    }

    #[test]
    fn instant_arithmetic_never_panics(t in any::<u64>(), d in any::<u64>()) {
        let i = Instant::from_nanos(t);
        let dur = Duration::from_nanos(d);
        let later = i + dur;
        prop_assert!(later >= i);
        prop_assert!(later - i <= dur);
        prop_assert!(i - dur <= i);
    }
}
