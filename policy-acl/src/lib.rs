//! Access lists as Cisco IOS, ASA and PIX devices read them.
//!
//! A crypto access list decides which traffic IPsec protects: in a crypto map entry the first
//! matching ACE decides, `permit` = protect with this entry, `deny` = leave this entry and try
//! the next one (DESIGN §3.7; IOS guide 003:544-582, ASA guide 000:522-529). The same lists
//! filter traffic elsewhere, so the crate is usable on its own.
//!
//! * [`model`]: lists ([`AccessList`]), entries ([`Entry`]: [`Ace`] or [`Remark`]), the ACE's
//!   parts as written ([`ProtocolSpec`], [`AddressSpec`], [`PortSpec`], [`IcmpSpec`],
//!   [`AceOption`]), object-groups and network objects, each with its source text and
//!   [`Span`]; `Display` prints every one in its dialect's syntax (for `show` and trace
//!   output), and [`AccessList::rules`] flattens a list into [`Rule`]s.
//! * [`parse`](mod@parse): the line-fed [`AclParser`] (`feed` one line at a time, `finish` to get an
//!   [`AclSet`]) for a larger configuration parser to drive, and [`parse()`] /
//!   [`parse_lossy`] / [`detect_dialect`] for whole texts (non-ACL lines are skipped, so a
//!   whole running configuration can be fed in, DESIGN §3.20).
//! * [`rule`]: the flattened evaluation form and its reference semantics ([`first_match`],
//!   including Cisco's non-initial-fragment behaviour).
//! * [`selectors`]: what IPsec needs beyond matching: [`Ace::mirror`], the responder's subset
//!   test ([`Ace::covers`], [`AccessList::permit_covering`]), conversion to IKEv2 traffic
//!   selectors ([`Ace::to_traffic_selectors`]) and IKEv1 proxy identities
//!   ([`Ace::to_ikev1_proxies`]), and back ([`Ace::from_selectors`], [`Ace::from_proxies`]).
//! * [`error`]: [`ParseError`] (line, column, and what was expected) and warnings
//!   ([`Diagnostic`]).
//! * [`classify`]: the compiled classifier over the same [`Rule`]s, which must agree with
//!   [`first_match`].
//!
//! # Example: parse an ASA list, evaluate a packet, report the ACE
//!
//! ```
//! use core::net::Ipv4Addr;
//! use policy_acl::{Dialect, Mode, Packet, Verdict, parse};
//!
//! let config = "\
//! access-list outside_cryptomap remark traffic to the branch office
//! access-list outside_cryptomap extended deny ip host 10.0.0.3 10.1.1.0 255.255.255.0
//! access-list outside_cryptomap extended permit ip 10.0.0.0 255.255.255.0 10.1.1.0 255.255.255.0
//! ";
//! let set = parse(config, Dialect::Asa, Mode::Strict)?;
//! let acl = set.get("outside_cryptomap").expect("defined above");
//!
//! let packet = Packet::ported(Ipv4Addr::new(10, 0, 0, 5).into(), Ipv4Addr::new(10, 1, 1, 9).into(), 6, 40000, 443);
//! match acl.evaluate(&packet) {
//!     Verdict::Match { action, ace_index } => {
//!         let ace = acl.ace(ace_index).expect("an index of this list");
//!         // "Permit by ACE 1 (line 3): access-list outside_cryptomap extended permit ip ..."
//!         println!("{action:?} by ACE {ace_index} (line {}): {}", ace.source.span.line, ace.source.text);
//!         assert_eq!(ace_index, 1);
//!         // The SA this ACE asks for, as an IKEv2 traffic-selector pair (local, remote).
//!         let (local, remote) = ace.to_traffic_selectors().expect("a plain ACE")[0];
//!         assert_eq!((local.to_string(), remote.to_string()), ("10.0.0.0/24".into(), "10.1.1.0/24".into()));
//!     }
//!     Verdict::NoMatch => println!("no ACE matched: the packet is sent in clear"),
//! }
//!
//! // The guide's own A.3 line has host bits set: rejected in strict mode (DESIGN §3.12).
//! let err = parse("access-list A deny ip 192.168.3.3 255.255.255.192 any", Dialect::Asa, Mode::Strict)
//!     .unwrap_err();
//! assert_eq!((err.line, err.column), (1, 23));
//! # Ok::<(), policy_acl::ParseError>(())
//! ```
//!
//! # Decisions (with their sources)
//!
//! * **Families.** IOS `access-list`/`ip access-list` lists are IPv4 only and IOS `ipv6
//!   access-list` lists IPv6 only, so `any` is one family there; ASA follows the unified 9.x
//!   lists, where `any` is both families and `any4`/`any6` one each; PIX lists are IPv4
//!   (PIX guide 004:518). An ACE never mixes families; object-groups may, and flattening keeps
//!   the source/destination pairs of one family. See [`model`].
//! * **Host bits** outside the mask (ASA guide 000:608, 001:768 `192.168.3.3
//!   255.255.255.192`) are an error in [`Mode::Strict`] (the default) and a warning with the
//!   bits cleared in [`Mode::Lenient`] (DESIGN §3.12), for netmasks, IOS wildcards and IPv6
//!   prefixes alike.
//! * **Object-groups** must be defined before use (ASA behaviour); `group-object` cycles are
//!   rejected; members added later still count.
//! * **Options that do not change matching** (`log`, `log-input`, `time-range`, `precedence`,
//!   `tos`, `dscp`, `established`) are kept in the ACE; [`AceOption::why_ignored`] says why.
//!   `established` also raises a warning: the packet key has no TCP flags, so the ACE is
//!   evaluated without it. `time-range` ACEs are always active (the library reads no clock,
//!   DESIGN §2). `inactive` ACEs keep their index but produce no rules.
//! * **ACE indices** count ACEs only (remarks excluded), in list order, `inactive` ones
//!   included, so a reported index matches the list as shown.
//! * **Duplicates**: an ACE identical (as written) to an earlier one of its list is not added
//!   and a warning is recorded, as ASA refuses duplicates (the ASA and PIX guides repeat their
//!   basic example ACE: 000:500/000:728, 004:524/004:760).
//! * **Selectors**: non-contiguous wildcards split into ranges (bounded); ICMP type/code in the
//!   local port field (RFC 4301 §4.4.1.1, RFC 7296 §3.13.1); IKEv1 proxies carry one port, so
//!   wider ranges are a typed error (RFC 2407 §4.6.2). See [`selectors`].
//!
//! The crate is `#![no_std]` with `alloc`; the default `std` feature only adds
//! `std::error::Error` implementations.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod classify;
pub mod error;
pub mod lex;
pub mod model;
mod names;
pub mod parse;
pub mod rule;
pub mod selectors;

pub use classify::{Classifier, ClassifierStats};
pub use error::{Diagnostic, DiagnosticKind, Expected, ParseError, ParseErrorKind};
pub use model::{
    AccessList, Ace, AceOption, AclId, AclKind, AddressSpec, Dialect, Entry, GroupMember, GroupRef, IcmpSpec, Mode,
    NetworkObject, ObjectGroup, ObjectGroupKind, Port, PortSpec, ProtocolSpec, Remark, ServiceEntry, ServiceObject,
    ServicePorts, ServiceProtocol, Source, Span,
};
pub use parse::{AclParser, AclSet, Feed, detect_dialect, parse, parse_lossy};
pub use rule::{Action, AddrMatch, IcmpMatch, Packet, PortRange, Rule, Verdict, first_match};
pub use selectors::{ProxyId, SelectorError};
