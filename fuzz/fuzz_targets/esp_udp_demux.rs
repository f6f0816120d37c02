//! UDP port 4500 demultiplexing (RFC 3948 §2.2) and SAD lookup: any datagram is classified as
//! IKE, keep-alive, ESP of a known SA, unknown SPI or invalid without panicking, and an ESP
//! datagram is then decapsulated by its SA. Also any input as a complete IP packet through the
//! SAD, and a genuine NAT-T datagram with input-chosen corruption.
#![no_main]

use core::net::{IpAddr, Ipv4Addr};

use esp_ah::{Framing, InboundSa, OutboundSa, SaParams, Sad, UdpDemux, UdpEncap};
use ipsec_core::algorithm::{AesKeyLen, EncryptionAlgorithm, GcmIcvLen, IntegrityAlgorithm};
use ipsec_core::types::{EncapsulationMode, Spi};
use ipsec_core::{CryptoProvider, Instant, SecretBytes};
use libfuzzer_sys::fuzz_target;

#[path = "common/counter_rng.rs"]
mod counter_rng;
use counter_rng::Counter;

const NOW: Instant = Instant::from_nanos(1);
const LOCAL: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1));
const REMOTE: IpAddr = IpAddr::V4(Ipv4Addr::new(198, 51, 100, 2));

/// Parameters of the peer's outbound SA `spi` (we are `REMOTE` there).
fn peer_params(spi: u32, enc: EncryptionAlgorithm, integ: Option<IntegrityAlgorithm>, esn: bool) -> SaParams {
    SaParams::new(
        Spi(spi),
        EncapsulationMode::Tunnel,
        REMOTE,
        LOCAL,
        enc,
        SecretBytes::from_slice(&vec![spi as u8; enc.keymat_len()]),
        integ.map(|i| (i, SecretBytes::from_slice(&vec![7; i.key_len()]))),
    )
    .with_udp_encap(UdpEncap::default())
    .with_esn(esn)
}

fuzz_target!(|data: &[u8]| {
    let provider = CryptoProvider::rustcrypto();
    let sas = [
        peer_params(0x1000, EncryptionAlgorithm::AesGcm(AesKeyLen::Aes128, GcmIcvLen::Icv16), None, false),
        peer_params(
            0x2000,
            EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256),
            Some(IntegrityAlgorithm::HmacSha1_96),
            true,
        ),
        peer_params(0x3000, EncryptionAlgorithm::AesGmac(AesKeyLen::Aes128), None, true),
    ];
    let mut sad = Sad::new();
    for p in &sas {
        sad.insert(InboundSa::new(&p.mirrored(), provider, NOW).expect("valid"));
    }

    // 1. The input as a UDP payload received on port 4500.
    let mut buf = data.to_vec();
    match sad.demux_udp(LOCAL, REMOTE, data) {
        UdpDemux::Ike(r) => assert!(r.start == 4 && r.end == data.len() && data[..4] == [0; 4]),
        UdpDemux::KeepAlive => assert_eq!(data, [0xff]),
        UdpDemux::Esp(key) => {
            let n = buf.len();
            let _ = sad.get_mut(&key).expect("key from demux").decapsulate(NOW, &mut buf, 0..n);
        }
        UdpDemux::UnknownSpi(_) | UdpDemux::Invalid => {}
    }

    // 2. The input as a complete IP packet.
    let mut buf = data.to_vec();
    let n = buf.len();
    let _ = sad.decapsulate_packet(NOW, &mut buf, 0..n);

    // 3. A genuine NAT-T datagram, corrupted where the input says.
    let Some((&which, rest)) = data.split_first() else { return };
    let p = &sas[usize::from(which) % sas.len()];
    let mut out = OutboundSa::new(p, provider, &mut Counter(1), NOW).expect("valid");
    let inner = {
        let mut v = vec![0x45, 0, 0, 0, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2];
        v.extend_from_slice(&rest[..rest.len().min(1400)]);
        let len = v.len() as u16;
        v[2..4].copy_from_slice(&len.to_be_bytes());
        v
    };
    let head = out.headroom(Framing::Esp);
    let mut buf = vec![0u8; head + inner.len() + out.tailroom()];
    buf[head..head + inner.len()].copy_from_slice(&inner);
    let r = out.encapsulate(NOW, &mut buf, head..head + inner.len(), Framing::Esp).expect("encapsulate");
    let mut dgram = buf[r].to_vec();
    // Corrupt one byte (an XOR with an odd value always changes it) when asked.
    let corrupt = which & 0x80 != 0 && !rest.is_empty();
    if corrupt {
        let at = (usize::from(rest[0]) * 7 + usize::from(which)) % dgram.len();
        dgram[at] ^= rest.get(1).copied().unwrap_or(1) | 1;
    }
    match sad.demux_udp(LOCAL, REMOTE, &dgram) {
        UdpDemux::Esp(key) => {
            let n = dgram.len();
            let r = sad.get_mut(&key).expect("key").decapsulate(NOW, &mut dgram, 0..n);
            if corrupt {
                assert!(r.is_err(), "corrupted datagram accepted");
            } else {
                assert_eq!(&dgram[r.expect("genuine datagram").payload], &inner[..]);
            }
        }
        other => assert!(corrupt, "genuine datagram classified as {other:?}"),
    }
});
