//! What the device would do: plain functions over a [`Config`](crate::model::Config) that
//! answer, in the protocol-neutral types of `ipsec-core`, the questions the data path and the
//! IKE crates ask. The IKE crates never depend on this crate; the `gateway` crate adapts one to
//! the other (DESIGN §1).
//!
//! | question | function | DESIGN |
//! |---|---|---|
//! | protect, bypass or drop this outgoing packet? | [`outbound`], [`trace`] | §3.7 |
//! | may this cleartext packet come in? | [`inbound`], [`trace`] | §3.8 |
//! | does this decrypted packet belong to its SA? | [`check_decrypted`] | §3.8 |
//! | which entry accepts this phase-2 request? | [`select_responder`] | §3.9, §3.10, §3.14 |
//! | which phase-1 policy matches? | [`match_isakmp_policy`], [`match_ikev2_policy`] | §3.3-3.6 |
//! | what do I offer in phase 1? | [`isakmp_offer`], [`ikev2_offer`] | §3.4 |
//! | which pre-shared key? | [`lookup_psk`] | §3.11 |
//! | which peer next? | [`PeerFailover`] | §3.13 |
//! | the manual SAs of an entry | [`manual_sas`] | §3.18 |
//!
//! # Example: the ASA guide's cascade, a packet from host A.3
//!
//! ```
//! use core::net::Ipv4Addr;
//! use crypto_map::eval::{Decision, Direction, outbound, trace};
//! use crypto_map::model::Platform;
//! use crypto_map::parse::{ParseOptions, parse};
//!
//! // Security appliance A of ASA guide 000:540-613, A.3 written as a host (DESIGN §3.12).
//! let text = "\
//! access-list A_TO_B deny ip host 192.168.3.3 192.168.12.0 255.255.255.248
//! access-list A_TO_B permit ip 192.168.3.0 255.255.255.192 192.168.12.0 255.255.255.248
//! access-list A3_TO_B permit ip host 192.168.3.3 192.168.12.0 255.255.255.248
//! crypto ipsec transform-set NORMAL esp-3des esp-sha-hmac
//! crypto ipsec transform-set STRONG esp-aes-256 esp-sha-hmac
//! crypto map A 1 match address A_TO_B
//! crypto map A 1 set peer 198.51.100.2
//! crypto map A 1 set transform-set NORMAL
//! crypto map A 2 match address A3_TO_B
//! crypto map A 2 set peer 198.51.100.2
//! crypto map A 2 set transform-set STRONG
//! ";
//! let config = parse(text, ParseOptions::strict(Platform::Asa8))?;
//! let (a3, b5) = (Ipv4Addr::new(192, 168, 3, 3), Ipv4Addr::new(192, 168, 12, 5));
//! let packet = policy_acl::Packet::plain(a3.into(), b5.into(), 6);
//! // Entry 1 denies A.3 and is left; entry 2 protects it with the strong transform set.
//! let Decision::Protect(p) = outbound(&config, "A", &packet) else { unreachable!() };
//! assert_eq!((p.entry.seq, p.transform_sets[0].as_str()), (2, "STRONG"));
//! // The same walk, step by step, as `ipsec-conf trace` prints it.
//! let t = trace(&config, "A", &packet, Direction::Outbound);
//! assert!(t.to_string().contains("matched: deny, leaving entry 1"));
//! # Ok::<(), crypto_map::parse::ParseErrors>(())
//! ```
//!
//! Every decision above cites its seed line or RFC section in the module that implements it;
//! the unit tests are named after the DESIGN item they check (`design_3_7_...`).

mod cascade;
mod entries;
mod explain;
mod failover;
mod ike;
mod manual;
mod psk;
mod responder;
#[cfg(test)]
mod tests;

pub use cascade::{
    Decision, Direction, DropCause, DropReason, InboundDecision, OnMissingSa, PostDecrypt, PostDecryptDrop, Protect,
    StepEvent, Trace, TraceStep, check_decrypted, inbound, outbound, trace,
};
pub use entries::{
    AceRef, ChildOffer, EntryKey, EntryRole, effective_mode, endpoints_are_peers, local_address, peer_text,
};
pub use failover::{Handover, PeerFailover};
pub use ike::{
    EffectiveIkev2Policy, EffectiveIsakmpPolicy, Ikev2Match, IsakmpMatch, IsakmpProposal, LifetimeRule, NoPolicyMatch,
    ikev2_offer, ikev2_policies, isakmp_offer, isakmp_policies, match_ikev2_policy, match_isakmp_policy,
};
pub use manual::{ManualError, ManualSa, manual_sas};
pub use psk::{DEFAULT_L2L_GROUP, lookup_psk};
pub use responder::{Accepted, OfferedProposal, Refusal, Refused, Rejection, ResponderRequest, select_responder};
