//! IKEv1 / ISAKMP (RFC 2407, 2408, 2409, 3947, 3706) as a Sans-IO state machine.
//!
//! [`Engine`] runs the exchanges: Main Mode and Aggressive Mode with pre-shared keys (RFC
//! 2409 §5), Quick Mode with several proposals, PFS, proxy identities, lifetimes and
//! RESPONDER-LIFETIME (§5.5, RFC 2407 §4.6.3.1), Informational exchanges with notifications,
//! deletes and INITIAL-CONTACT (§5.7, RFC 2408 §3.14-§3.15), dead peer detection (RFC 3706)
//! and NAT traversal (RFC 3947: Vendor IDs, NAT-D, the float to port 4500, UDP-encapsulated
//! modes, NAT-OA; RFC 3948 keep-alives). It follows the Sans-IO shape of DESIGN §2:
//!
//! * inputs: [`Engine::handle_datagram`] (`now`, local and remote socket addresses, the UDP
//!   payload), [`Engine::handle_timeout`], and the commands [`Engine::initiate`],
//!   [`Engine::rekey_child`], [`Engine::rekey_phase1`], [`Engine::delete_child`],
//!   [`Engine::delete_phase1`], [`Engine::clear`];
//! * outputs: [`Engine::poll_transmit`] (a [`Transmit`]: the UDP payload written into the
//!   caller's buffer, non-ESP marker included on port 4500, and the socket addresses),
//!   [`Engine::poll_event`] ([`Event`]s; [`ChildSa`] carries everything the `esp-ah` crate
//!   needs to build the SAs), [`Engine::poll_timeout`];
//! * no clock (time is the caller's [`Instant`](ipsec_core::Instant)), no threads, sockets or
//!   logging; randomness from a [`CryptoRng`](ipsec_core::crypto::CryptoRng) the engine owns;
//!   all cryptography through a `&'static` [`CryptoProvider`](ipsec_core::CryptoProvider);
//! * policy through the small traits of [`policy`] (ISAKMP policies, pre-shared keys,
//!   identities, Quick Mode offers and acceptance, SPI allocation); [`policy::SimplePolicy`]
//!   implements them from plain fields. [`Config`] holds timers and limits; [`keylog`] writes
//!   Wireshark decryption tables for debugging.
//!
//! Underneath is the codec and key material, usable on their own:
//!
//! * [`Message`] (header fields and the payload chain) and [`Header`] (RFC 2408 §3.1):
//!   [`Message::decode`] / [`Message::encode`] for cleartext messages, with every length field
//!   checked and typed errors ([`DecodeError`]) that name the notification to send back
//!   ([`DecodeError::notify_type`]).
//! * [`payload`]: one struct per payload type (RFC 2408 §3.4-§3.16, RFC 2407 §4.6, RFC 3947,
//!   mode-config), gathered in the [`Payload`] enum; payloads of unknown types are kept raw
//!   ([`Message::check_payload_types`] turns them into INVALID-PAYLOAD-TYPE).
//! * [`attribute`]: data attributes in TV and TLV form and their typed phase-1, IPsec DOI and
//!   mode-config forms; [`transform`]: the negotiated view of a transform (algorithms, group,
//!   lifetimes).
//! * [`crypt`]: the phase-1 CBC cipher over encrypted messages and the IV chains of RFC 2409
//!   Appendix B, updated only when the exchange accepts a message.
//! * [`keys`]: `SKEYID` for each authentication method, `SKEYID_d/a/e`, the cipher key with
//!   the Appendix B expansion, `HASH_I/HASH_R`, the quick-mode and informational hashes, KEYMAT
//!   and the NAT-D hash.
//! * [`wire::RawPayloads`]: the undecoded payload chain, for the exact bytes a hash covers
//!   (`SAi_b`, `IDii_b`).
//! * [`natt`] and [`vendor_id`]: the NAT-T port framing and well-known Vendor IDs.
//!
//! The crate is `#![no_std]` with `alloc`; IKE is control plane, so encoding allocates where
//! convenient ([`Message::encode_into`] writes into a caller buffer).
//!
//! # Example: two engines negotiate through an in-memory loop
//!
//! ```
//! use ikev1::policy::{ProxyPair, SimplePolicy, TransformSet};
//! use ikev1::transform::Phase1Transform;
//! use ikev1::{Config, Engine, Event, MAX_DATAGRAM_LEN};
//! use ipsec_core::algorithm::{AesKeyLen, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm};
//! use ipsec_core::registry::ikev1::AuthenticationMethod;
//! use ipsec_core::types::{Lifetime, TrafficSelector};
//! use ipsec_core::{CryptoProvider, Instant};
//! use rand_core::SeedableRng;
//!
//! // Both sides: one ISAKMP policy, one transform set, one pre-shared key (Main Mode).
//! let ike = Phase1Transform {
//!     encryption: EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128),
//!     prf: PrfAlgorithm::HmacSha1,
//!     authentication: AuthenticationMethod::PreSharedKey,
//!     group: DhGroup::Modp1024,
//!     lifetime: Lifetime { seconds: Some(86_400), kilobytes: None, packets: None },
//! };
//! let esp = TransformSet {
//!     encryption: EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128),
//!     integrity: Some(IntegrityAlgorithm::HmacSha1_96),
//! };
//! let provider = CryptoProvider::rustcrypto();
//! // Any cryptographically secure RNG; use the operating system's in real code.
//! let rng = |seed| chacha20::ChaCha20Rng::from_seed([seed; 32]);
//! let policy = || SimplePolicy::new(ike, esp, b"a pre-shared key");
//! let mut a = Engine::new(Config::default(), policy(), rng(1), provider);
//! let mut b = Engine::new(Config::default(), policy(), rng(2), provider);
//!
//! let (addr_a, addr_b) = ("192.0.2.1:500".parse()?, "198.51.100.2:500".parse()?);
//! let net = |s: &str| TrafficSelector::prefix(s.parse().unwrap(), 24).unwrap();
//! let now = Instant::from_secs(1);
//! let request = a.initiate(now, addr_a, addr_b, ProxyPair { local: net("10.1.0.0"), remote: net("10.2.0.0") })?;
//!
//! // The "network": hand each datagram to the other engine, swapping the addresses.
//! let mut buf = [0u8; MAX_DATAGRAM_LEN];
//! let mut ready = Vec::new();
//! for _ in 0..10 {
//!     while let Some(t) = a.poll_transmit(now, &mut buf) {
//!         b.handle_datagram(now, t.remote, t.local, &buf[..t.len]);
//!     }
//!     while let Some(t) = b.poll_transmit(now, &mut buf) {
//!         a.handle_datagram(now, t.remote, t.local, &buf[..t.len]);
//!     }
//!     for event in std::iter::from_fn(|| a.poll_event()).chain(std::iter::from_fn(|| b.poll_event())) {
//!         if let Event::ChildSaReady(child) = event {
//!             ready.push(child);
//!         }
//!     }
//! }
//! // Main Mode (6 messages) and Quick Mode (3): both sides hold the same SA pair.
//! let (ours, theirs) = (&ready[0], &ready[1]);
//! assert_eq!(ours.request, Some(request));
//! assert_eq!(ours.outbound, theirs.inbound);
//! assert_eq!(ours.inbound, theirs.outbound);
//! assert_eq!(ours.remote_ts, net("10.2.0.0"));
//! // Nothing is pending but timers (DPD, lifetimes).
//! assert!(a.poll_timeout().is_some());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Example: build, encode and decode a Main Mode message
//!
//! ```
//! use ikev1::attribute::Phase1Attribute;
//! use ikev1::payload::{ProposalPayload, SaPayload, TransformPayload, VendorIdPayload};
//! use ikev1::{Message, Payload, vendor_id};
//! use ipsec_core::registry::ikev1::{
//!     AuthenticationMethod, ExchangeType, GroupDescription, LifeType, Phase1EncryptionAlgorithm,
//!     Phase1HashAlgorithm,
//! };
//! use ipsec_core::types::IkeSpi;
//!
//! // The initiator's first message: one proposal of one AES-128/SHA-1/MODP-1024/PSK transform.
//! let transform = TransformPayload::key_ike(1, vec![
//!     Phase1Attribute::EncryptionAlgorithm(Phase1EncryptionAlgorithm::AesCbc),
//!     Phase1Attribute::KeyLength(128),
//!     Phase1Attribute::HashAlgorithm(Phase1HashAlgorithm::Sha),
//!     Phase1Attribute::GroupDescription(GroupDescription::Modp1024),
//!     Phase1Attribute::AuthenticationMethod(AuthenticationMethod::PreSharedKey),
//!     Phase1Attribute::LifeType(LifeType::Seconds),
//!     Phase1Attribute::LifeDuration(ikev1::attribute::AttributeValue::from_u64(86_400)),
//! ]);
//! let cookie = IkeSpi([0x2b, 0x9b, 0x86, 0x80, 0x25, 0xc3, 0xbe, 0x42]);
//! let message = Message::new(ExchangeType::IdentityProtection, cookie, IkeSpi::ZERO, 0)
//!     .with(SaPayload::new(vec![ProposalPayload::isakmp(1, vec![transform])]))
//!     .with(VendorIdPayload::new(vendor_id::NAT_T_RFC3947.to_vec()));
//!
//! let datagram = message.encode()?;
//! assert_eq!(datagram.len(), message.encoded_len());
//!
//! // The peer decodes it back; 86400 does not fit 16 bits, so the lifetime went out as TLV.
//! let decoded = Message::decode(&datagram)?;
//! assert_eq!(decoded, message);
//! assert!(decoded.has_vendor_id(&vendor_id::NAT_T_RFC3947));
//! let proposal = &decoded.sa().expect("SA payload").proposals[0];
//! let offered = ikev1::transform::Phase1Transform::from_transform(&proposal.transforms[0])?;
//! assert_eq!(offered.group, ipsec_core::algorithm::DhGroup::Modp1024);
//! assert_eq!(offered.lifetime.seconds, Some(86_400));
//!
//! // Malformed input is a typed error carrying the notification to send.
//! let mut truncated = datagram.clone();
//! truncated.truncate(40);
//! let error = Message::decode(&truncated).unwrap_err();
//! assert_eq!(error.notify_type(), ipsec_core::registry::ikev1::NotifyType::UnequalPayloadLengths);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod attribute;
pub mod config;
pub mod crypt;
mod engine;
mod error;
mod event;
pub mod keylog;
pub mod keys;
mod message;
pub mod natt;
pub mod payload;
pub mod policy;
pub mod transform;
pub mod vendor_id;
pub mod wire;

pub use config::Config;
pub use engine::{Engine, MAX_DATAGRAM_LEN, Stats, Transmit, TransmitKind};
pub use error::{DecodeError, EncodeError};
pub use event::{
    ChildDeleteReason, ChildSa, ChildSaId, CommandError, Disposition, DropReason, Event, NatStatus, NatTVersion,
    NegotiationError, Phase1DownReason, Phase1Id, Phase1Info, RequestId, Role, SaKeys, UdpPorts,
};
pub use message::{Flags, HEADER_LEN, Header, MAJOR_VERSION, Message, cleartext_body, decode_chain, tail_after_hash};
pub use payload::Payload;
pub use wire::{RawPayload, RawPayloads};
