//! The IPsec data path: ESP (RFC 4303) and AH (RFC 4302) security associations that
//! encapsulate and decapsulate packets in place, with anti-replay, extended sequence numbers,
//! NAT traversal (RFC 3948, ESP), lifetimes, events and statistics; AH + ESP bundles; and with
//! feature `legacy` the RFC 1829 ESP and RFC 1828 AH transforms of old manual SAs. ESP and AH
//! SAs are the same [`OutboundSa`]/[`InboundSa`] types (the protocol is in [`SaParams`]) and
//! share the replay window, the lifetime tracker, the events, the counters and the [`Sad`].
//!
//! `#![no_std]` with `alloc`; SA creation allocates, the packet path never does. All
//! cryptography goes through an [`ipsec_core::CryptoProvider`], keyed once per SA.
//!
//! # Example
//!
//! Two SAs from the same keys, as IKE would install them at both ends of a tunnel:
//!
//! ```
//! # #[cfg(feature = "rustcrypto")] {
//! use core::net::{IpAddr, Ipv4Addr};
//! use esp_ah::{Framing, InboundSa, OutboundSa, SaParams};
//! use ipsec_core::algorithm::{AesKeyLen, EncryptionAlgorithm, GcmIcvLen};
//! use ipsec_core::types::{EncapsulationMode, Spi};
//! use ipsec_core::{CryptoProvider, Instant, SecretBytes};
//! use rand_core::SeedableRng;
//!
//! let provider = CryptoProvider::rustcrypto();
//! // Any cryptographically secure RNG (use the operating system's in real code).
//! let mut rng = chacha20::ChaCha20Rng::from_seed([7; 32]);
//! let now = Instant::from_secs(1);
//!
//! let gcm = EncryptionAlgorithm::AesGcm(AesKeyLen::Aes128, GcmIcvLen::Icv16);
//! let (a, b) = (IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)), IpAddr::V4(Ipv4Addr::new(198, 51, 100, 2)));
//! let params = SaParams::new(Spi(0x1000), EncapsulationMode::Tunnel, a, b, gcm,
//!                            SecretBytes::from_slice(&[0x42; 20]), None);
//! let mut out = OutboundSa::new(&params, provider, &mut rng, now)?;
//! let mut inb = InboundSa::new(&params.mirrored(), provider, now)?;
//!
//! // A 28-byte IPv4 packet (header and 8 bytes of UDP), with room around it.
//! let inner = [0x45, 0, 0, 28, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
//!              0x30, 0x39, 0x00, 0x35, 0, 8, 0, 0];
//! let head = out.headroom(Framing::Ip);
//! let mut buf = vec![0u8; head + inner.len() + out.tailroom()];
//! buf[head..head + inner.len()].copy_from_slice(&inner);
//!
//! let wire = out.encapsulate(now, &mut buf, head..head + inner.len(), Framing::Ip)?;
//! assert_eq!(buf[wire.start + 9], 50); // an IPv4 packet carrying ESP
//!
//! let got = inb.decapsulate_packet(now, &mut buf, wire)?;
//! assert_eq!(&buf[got.payload], &inner);
//! assert_eq!((got.next_header, got.sequence), (4, 1));
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! An AH SA is built the same way, with [`SaParams::ah`] (HMAC-MD5-96, HMAC-SHA1-96,
//! HMAC-SHA2-256/384/512, AES-XCBC-96) or [`SaParams::ah_gmac`] (AES-GMAC, RFC 4543 §4), and
//! always works on whole IP packets ([`Framing::Ip`], [`InboundSa::decapsulate_packet`]):
//!
//! ```
//! # #[cfg(feature = "rustcrypto")] {
//! # use core::net::{IpAddr, Ipv4Addr};
//! # use esp_ah::{Framing, InboundSa, OutboundSa, SaParams};
//! # use ipsec_core::algorithm::IntegrityAlgorithm;
//! # use ipsec_core::types::{EncapsulationMode, Spi};
//! # use ipsec_core::{CryptoProvider, Instant, SecretBytes};
//! # use rand_core::SeedableRng;
//! # let provider = CryptoProvider::rustcrypto();
//! # let mut rng = chacha20::ChaCha20Rng::from_seed([7; 32]);
//! # let now = Instant::from_secs(1);
//! let (a, b) = (IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)), IpAddr::V4(Ipv4Addr::new(192, 0, 2, 2)));
//! let params = SaParams::ah(Spi(0x2000), EncapsulationMode::Transport, a, b,
//!                           IntegrityAlgorithm::HmacSha1_96, SecretBytes::from_slice(&[0x24; 20]));
//! let mut out = OutboundSa::new(&params, provider, &mut rng, now)?;
//! let mut inb = InboundSa::new(&params.mirrored(), provider, now)?;
//! // A packet from a to b (UDP, 8 bytes); AH goes between its header and the UDP header.
//! let packet = [0x45, 0, 0, 28, 0, 1, 0x40, 0, 64, 17, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2,
//!               0x30, 0x39, 0x00, 0x35, 0, 8, 0, 0];
//! let head = out.headroom(Framing::Ip);
//! let mut buf = vec![0u8; head + packet.len()];
//! buf[head..].copy_from_slice(&packet);
//! let end = buf.len();
//! let wire = out.encapsulate(now, &mut buf, head..end, Framing::Ip)?;
//! assert_eq!((buf[wire.start + 9], wire.len()), (51, 28 + 24));
//! buf[wire.start + 8] = 17; // a router decrements the TTL: mutable, not covered
//! let got = inb.decapsulate_packet(now, &mut buf, wire)?;
//! assert_eq!(&buf[got.payload][20..], &packet[20..]);
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Buffer contract
//!
//! [`OutboundSa::encapsulate`] takes a buffer and the range of the packet in it. It needs
//! [`OutboundSa::headroom`] bytes free in front of the packet (ESP header and IV, plus the
//! outer IP and UDP headers with [`Framing::Ip`]) and [`OutboundSa::tailroom`] bytes after
//! it (padding, pad length, next header, ICV), and returns the range of the result in the same
//! buffer. [`InboundSa::decapsulate`] takes the range of an ESP packet (SPI to ICV) and
//! returns the range of the cleartext inside it; [`InboundSa::decapsulate_packet`] takes a
//! whole IP packet. A caller that keeps one buffer per packet with `headroom` bytes reserved
//! never copies payload. AH needs [`OutboundSa::headroom`] bytes (AH header, plus the outer
//! header in tunnel mode) and no tailroom (4 bytes with AES-GMAC and ESN, see below).
//!
//! # Decisions
//!
//! * **Framing.** The output is either the ESP packet alone ([`Framing::Esp`], for a raw
//!   protocol-50 or UDP socket that adds the outer headers) or a complete IP packet
//!   ([`Framing::Ip`]). NAT-T UDP headers carry checksum 0 over IPv4 (RFC 3948 §2.1) and a
//!   computed checksum over IPv6, where 0 is forbidden (RFC 8200 §8.1). Transport mode moves
//!   the packet's own header (and on IPv6 the hop-by-hop, routing and preceding destination
//!   options headers, RFC 4303 §3.1.1 with the order of RFC 8200 §4.1) in front of ESP;
//!   fragments are refused (RFC 4303 §3.1.1).
//! * **Padding.** The fewest bytes that align payload + trailer to the cipher block and to 4
//!   bytes, with the contents 1, 2, 3, ... (RFC 4303 §2.4); the receiver checks them and
//!   counts mismatches as `#pkts invalid pad`.
//! * **IVs.** AES-GCM, AES-GMAC, ChaCha20-Poly1305 and AES-CTR use the 64-bit sequence
//!   number, unique per key (RFC 4106 §3.1, RFC 4543 §3.1, RFC 7634 §2, RFC 3686 §3.1). CBC
//!   needs unpredictable IVs (RFC 3602 §3, RFC 2451 §2.3): the IV is `E_K(seed XOR seq)`
//!   with a random per-SA seed drawn once at SA creation (NIST SP 800-38A Appendix C, first
//!   method). It costs one extra block inside the same CBC call and no RNG call per packet.
//! * **ICV.** HMACs run over ESP header, IV and ciphertext, plus the high 32 bits of an
//!   extended sequence number (RFC 4303 §2.2.1), passed as separate parts without a copy.
//!   AEADs take SPI || seq as AAD, or SPI || seq-hi || seq-lo with ESN (RFC 4106 §5, RFC 7634
//!   §2.1). AES-GMAC authenticates SPI, sequence number, IV and payload as one contiguous AAD
//!   (RFC 4543 §3); with ESN the SPI is copied 4 bytes to the left (into headroom, saved and
//!   restored) and seq-hi written in its place, so nothing is allocated; without that room
//!   the payload moves by 4 bytes and back.
//! * **Sequence numbers.** The first packet has number 1; the counter never cycles (RFC 4303
//!   §3.3.3): after 2^32 - 1 (2^64 - 1 with ESN) the SA reports
//!   [`SaEvent::SequenceExhausted`] and refuses with [`Error::SequenceExhausted`]. A soft
//!   [`Limit::SequenceNumbers`] event fires at 7/8 of the space, to rekey in time.
//! * **Anti-replay** (RFC 4303 §3.4.3, Appendix A): windows of 32 to 65,536 packets, 0 = off,
//!   64 by default. The window is checked before the ICV and updated only after it verified;
//!   the high half of an ESN is inferred as in Appendix A2.2 (with anti-replay off, from a
//!   window of 2^31).
//! * **Tunnel-mode inner packets** must be IPv4 (next header 4) or IPv6 (41) with a
//!   consistent header; bytes after the inner packet's length (TFC padding) are dropped.
//!   Next header 59 marks a TFC dummy packet (RFC 4303 §2.6), reported with
//!   [`Decapsulated::tfc_dummy`] and sent with [`OutboundSa::encapsulate_dummy`].
//! * **Outer header** (tunnel mode): TTL 64, DSCP copied (RFC 4301 §5.1.2.1), ECN per RFC
//!   6040 normal mode, DF copied (RFC 4301 §8.1); each configurable in [`OuterHeader`]. The
//!   IPv4 identification is the low 16 bits of the sequence number.
//! * **Lifetimes** (RFC 4301 §4.4.2.1): soft and hard limits in seconds (from SA creation),
//!   bytes of payload and packets, reported once each as [`SaEvent`]s. After a hard limit
//!   the SA refuses packets. Time is Sans-IO: every call takes `now`, and `next_timeout()` /
//!   `handle_timeout(now)` drive the time limits. Idle tracking (`last_used()`,
//!   `carried_traffic()`) serves DESIGN §3.2.
//! * **Manual SAs** ([`SaParams::manual`], DESIGN §3.18) never expire and have no
//!   anti-replay; counter-mode algorithms are refused with them, as RFC 3686, RFC 4106 and
//!   RFC 4543 forbid static keys for them.
//! * **Combinations** (RFC 4303 §3.2): NULL encryption needs integrity; combined-mode
//!   algorithms take no separate integrity; encryption without integrity needs
//!   [`SaParams::allow_confidentiality_only`].
//! * **SAD lookup** by SPI, protocol and destination with an optional source check (DESIGN
//!   §3.16). UDP port 4500 carries IKE behind a 4-byte zero marker, NAT keep-alives (one
//!   0xFF byte) and ESP (RFC 3948 §2.2-2.3): [`Sad::demux_udp`] tells them apart.
//! * **Constant time.** ICVs are compared by the provider's `Mac::verify` and `Aead::open`,
//!   which are constant-time.
//! * **AH ICV** (RFC 4302 §3.3.3): over the IP header with its mutable fields zeroed, the AH
//!   header with a zero ICV (padding included), the payload, and with ESN the high 32 bits of
//!   the sequence number after the packet (§3.3.3.3.1, not transmitted). IPv4 (§3.3.3.1.1):
//!   TOS (DSCP + ECN), flags, fragment offset, TTL and header checksum zeroed; options per
//!   Appendix A1 by full type octet: Security, Extended and Commercial Security, Router Alert
//!   and Sender Directed Multi-Destination Delivery covered, every other option (mutable,
//!   superseded, experimental or unknown) zeroed whole, type and length included
//!   (§3.3.3.1.1.2); with a loose or strict source route the sender uses the final destination
//!   (the route's last address) and the receiver its own. IPv6 (§3.3.3.1.2): traffic class,
//!   flow label and hop limit zeroed; the data of options whose type has the "may change en
//!   route" bit zeroed, type and length kept (Appendix A2); routing headers of type 0 (and
//!   type 2, same layout) rearranged as the final destination will see them, at both ends
//!   (as Linux does; a no-op once segments left is 0); other routing types covered as they
//!   are. The header in front of AH (at most 512 bytes) is copied to the stack and zeroed
//!   there; MACs take it as a separate part, AES-GMAC swaps it into the packet for its
//!   contiguous AAD and back, so the packet on the wire keeps its mutable values.
//! * **AH layout.** AH goes where transport-mode ESP goes (after hop-by-hop, routing and the
//!   destination options before a routing header, RFC 4302 §3.1.1); tunnel mode builds the
//!   same outer header as ESP ([`OuterHeader`]). The header is padded to 4 bytes over IPv4 and
//!   8 over IPv6 (§2.6); the receiver checks its length field against the SA's. Fragments are
//!   refused (§3.4.1). AH cannot be UDP-encapsulated ([`ConfigError::AhWithUdpEncap`]) and
//!   has no TFC dummies.
//! * **AH with AES-GMAC** (RFC 4543 §4 with erratum 3643): the Authentication Data is an
//!   8-byte IV (the 64-bit sequence number, unique per key) followed by the 16-byte tag,
//!   padded to 8 bytes over IPv6; the nonce is salt || IV; the AAD is the ICV input above with
//!   the tag (not the IV) zeroed. No other implementation at hand has AH-GMAC (Linux,
//!   strongSwan and scapy do not), so this reading is checked against the `cryptography`
//!   package's GCM over scapy's zeroed packet only. With ESN its AAD ends with the high
//!   sequence bits, which need 4 spare bytes after the packet (or before it, inbound).
//! * **Bundles** ([`OutboundBundle`], [`InboundBundle`]; Cisco `ah-sha-hmac esp-3des
//!   esp-sha-hmac`, PIX 004:542): ESP first in the SAs' mode, then AH in transport mode over
//!   the result (RFC 2401 §4.3 transport adjacency), so that AH covers the outer header;
//!   inbound the reverse. An inbound AH SA whose next header is ESP always keeps the outer
//!   header, so the [`Sad`] also undoes a bundle in two calls.
//! * **Legacy transforms** (feature `legacy`, IOS `esp-rfc1829` and `ah-rfc1828`): manual
//!   SAs only, never expiring, no anti-replay (DESIGN §3.18; neither format has a sequence
//!   number). RFC 1829 ESP: SPI, then a 4- or 8-byte IV (`Rfc1829Iv`, default 8, DESIGN
//!   §3.17; a 4-byte field v means the DES IV v || !v), then DES-CBC over payload, padding to
//!   8 bytes (1, 2, 3, ... sent; any content accepted, as the RFC leaves it open), pad length
//!   and payload type; no integrity. The IV is `E_K(seed XOR counter)` (8 bytes) or `seed XOR
//!   counter` (4 bytes, which cannot be encrypted). RFC 1828 AH: the RFC 1826 header (next
//!   header, length 4, reserved, SPI) and 16 bytes of MD5 over key, key fill (MD5's own
//!   padding of the key to 64 bytes), the datagram with the RFC 4302 mutable fields zeroed,
//!   and the key again (RFC 1828 §2); the comparison is constant-time.
//! * **Memory.** An SA is 576 bytes (64-bit target) plus the provider's keyed objects (key
//!   schedules); an inbound SA adds a replay bitmap of `window / 64 + 1` words rounded up to a
//!   power of two (256 bytes at a window of 1,024, so 832 bytes in all; 1,600 at 4,096). AH
//!   uses 512 bytes of stack per packet for the zeroed header copy.
//!
//! # Verification
//!
//! The integration tests check the published ESP packets of RFC 3602 §4 (cases 5-8),
//! draft-mcgrew-gcm-test-01 (AES-GCM, with and without ESN) and RFC 7634 Appendix A
//! (ChaCha20-Poly1305) in both directions; run scapy's `SecurityAssociation` as an independent
//! implementation both ways for ESP and AH (`tests/oracle_scapy.rs`,
//! `tests/oracle_scapy_ah.rs`: every AH algorithm scapy has, both modes and families, ESN,
//! IPv4 options and IPv6 extension headers with a routing header; `ESP_ORACLE_REQUIRED=1`
//! makes a missing scapy a failure) and tshark as a second opinion for ESP; check the legacy
//! transforms against packets computed by `tests/oracle/legacy_vectors.py` with `hashlib` and
//! `cryptography`; prove round trips, bit-flip rejection (and for AH, acceptance of flips in
//! the mutable fields), replay handling and ESN wrap with property tests; and count
//! allocations on the packet path (none, `tests/no_alloc.rs`, `tests/no_alloc_ah.rs`).
//! `fuzz/fuzz_targets/esp_decap.rs`, `ah_decap.rs` and `esp_udp_demux.rs` fuzz
//! decapsulation and the NAT-T demultiplexer.
//!
//! # Features
//!
//! * `std` (default): `std::error::Error` integration.
//! * `rustcrypto` (default): the RustCrypto provider of `ipsec-core`.
//! * `aws-lc`: the `aws-lc-rs` provider of `ipsec-core` (std only), for the benchmark.
//! * `legacy`: RFC 1829 ESP DES-CBC and RFC 1828 AH keyed MD5 (`SaParams::esp_rfc1829`,
//!   `SaParams::ah_rfc1828`).
#![no_std]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod ah;
mod bundle;
mod error;
mod esp;
mod ip;
mod lifetime;
mod params;
mod replay;
mod sa;
mod sad;
mod stats;

pub use bundle::{InboundBundle, OutboundBundle};
pub use error::{ConfigError, Error, PacketError};
pub use lifetime::{EventQueue, LifetimeTracker, Limit, SaEvent};
pub use params::{
    DEFAULT_REPLAY_WINDOW, DfPolicy, DscpPolicy, EcnPolicy, Framing, MAX_REPLAY_WINDOW, MIN_REPLAY_WINDOW, NAT_T_PORT,
    OuterHeader, SaParams, UdpEncap,
};
#[cfg(feature = "legacy")]
pub use params::{LegacyTransform, Rfc1829Iv};
pub use replay::ReplayWindow;
pub use sa::{Decapsulated, InboundSa, OutboundSa, SaDisplay};
pub use sad::{Sad, SadKey, UdpDemux};
pub use stats::{SaStats, SadStats};
