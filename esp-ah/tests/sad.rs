//! The SAD: lookup by SPI, protocol and destination with the optional source check, UDP port
//! 4500 demultiplexing (RFC 3948 §2.2-2.3), events and timeouts across SAs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

mod common;

use common::*;
use esp_ah::{Error, Framing, InboundSa, Limit, SaEvent, Sad, UdpDemux};
use ipsec_core::CryptoProvider;
use ipsec_core::types::{Duration, Lifetime, LifetimeLimits, SecurityProtocol, Spi};

fn udp_setup() -> Setup {
    let mut s = Setup::gcm();
    s.udp = true;
    s
}

#[test]
fn demux_udp_4500() {
    let s = udp_setup();
    let (mut out, inb) = s.pair();
    let (local, remote) = (inb.local(), inb.remote());
    let mut sad = Sad::new();
    let (key, old) = sad.insert(inb);
    assert!(old.is_none());
    assert_eq!(key, esp_ah::SadKey { spi: Spi(0x0102_0304), protocol: SecurityProtocol::Esp, destination: local });

    // IKE behind the non-ESP marker.
    let ike = [0, 0, 0, 0, 0xaa, 0xbb, 0xcc];
    assert_eq!(sad.demux_udp(local, remote, &ike), UdpDemux::Ike(4..7));
    // NAT keep-alive.
    assert_eq!(sad.demux_udp(local, remote, &[0xff]), UdpDemux::KeepAlive);
    // Too short for anything.
    assert_eq!(sad.demux_udp(local, remote, &[1, 2, 3]), UdpDemux::Invalid);
    assert_eq!(sad.demux_udp(local, remote, &[0, 0, 0, 0]), UdpDemux::Invalid);
    assert_eq!(sad.demux_udp(local, remote, &[]), UdpDemux::Invalid);
    // ESP of an unknown SPI.
    assert_eq!(sad.demux_udp(local, remote, &[9, 9, 9, 9, 0, 0, 0, 1]), UdpDemux::UnknownSpi(Spi(0x0909_0909)));

    // A real ESP datagram (ESP framing = what a UDP socket receives).
    let (mut buf, r) = encapsulate(&mut out, &inner_packet(false, b"through the NAT"), Framing::Esp);
    match sad.demux_udp(local, remote, &buf[r.clone()]) {
        UdpDemux::Esp(k) => {
            assert_eq!(k, key);
            let d = sad.get_mut(&k).unwrap().decapsulate(NOW, &mut buf, r).unwrap();
            assert_eq!(&buf[d.payload.start + 20..d.payload.end], b"through the NAT");
        }
        other => panic!("{other:?}"),
    }
    let st = sad.stats();
    assert_eq!((st.ike_datagrams, st.keepalives, st.invalid_datagrams, st.invalid_sa), (1, 1, 3, 1));
    assert!(st.to_string().contains("#pkts invalid sa (rcv): 1"));
}

#[test]
fn lookup_by_destination_and_source_check() {
    let s = Setup::gcm();
    let mut p = s.params().mirrored();
    p.check_source = true;
    let inb = InboundSa::new(&p, CryptoProvider::rustcrypto(), NOW).unwrap();
    let (local, remote) = (inb.local(), inb.remote());
    let mut sad = Sad::new();
    let (key, _) = sad.insert(inb);
    assert_eq!(sad.lookup(Spi(0x0102_0304), local, remote), Ok(key));
    // Same SPI, other destination: not this SA.
    assert_eq!(sad.lookup(Spi(0x0102_0304), v4(203, 0, 113, 9), remote), Err(Error::UnknownSpi(Spi(0x0102_0304))));
    // Right SPI and destination, wrong source.
    assert_eq!(sad.lookup(Spi(0x0102_0304), local, v4(203, 0, 113, 9)), Err(Error::SourceMismatch));
    assert_eq!(sad.stats().invalid_source, 1);

    // Full packets through the SAD.
    let (mut out, _) = s.pair();
    let pkt = inner_packet(true, b"v6 inside v4");
    let (mut buf, r) = encapsulate(&mut out, &pkt, Framing::Ip);
    let (k, d) = sad.decapsulate_packet(NOW, &mut buf, r).unwrap();
    assert_eq!(k, key);
    assert_eq!(&buf[d.payload], &pkt[..]);
    // ESP only, with the addresses from the socket.
    let (mut buf, r) = encapsulate(&mut out, &pkt, Framing::Esp);
    let (_, d) = sad.decapsulate(NOW, local, remote, &mut buf, r).unwrap();
    assert_eq!(d.sequence, 2);
    assert_eq!(sad.remove(&key).map(|sa| sa.stats().decaps), Some(2));
    assert!(sad.is_empty());
}

#[test]
fn events_and_timeouts_across_sas() {
    let mut sad = Sad::new();
    for (i, secs) in [(1u32, 30u64), (2, 10)] {
        let mut p = Setup::gcm().params().mirrored().with_lifetime(LifetimeLimits {
            soft: Lifetime { seconds: Some(secs), ..Lifetime::UNLIMITED },
            hard: Lifetime { seconds: Some(secs * 2), ..Lifetime::UNLIMITED },
        });
        p.spi = Spi(0x1000 + i);
        sad.insert(InboundSa::new(&p, CryptoProvider::rustcrypto(), NOW).unwrap());
    }
    assert_eq!(sad.next_timeout(), Some(NOW + Duration::from_secs(10)));
    sad.handle_timeout(NOW + Duration::from_secs(10));
    let (k, e) = sad.poll_event().unwrap();
    assert_eq!((k.spi, e), (Spi(0x1002), SaEvent::SoftExpired(Limit::Time)));
    assert_eq!(sad.poll_event(), None);
    sad.handle_timeout(NOW + Duration::from_secs(60));
    let mut events: Vec<_> = std::iter::from_fn(|| sad.poll_event()).map(|(k, e)| (k.spi.0, e)).collect();
    events.sort_by_key(|e| e.0);
    assert_eq!(events, [(0x1001, SaEvent::HardExpired(Limit::Time)), (0x1002, SaEvent::HardExpired(Limit::Time))]);
    sad.retain(|_, sa| !sa.is_expired());
    assert!(sad.is_empty());
}
