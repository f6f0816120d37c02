//! Cisco IPsec configuration, parsed, validated and evaluated as the guides say.
//!
//! Feed it a real IOS (11.3, 12.x/15.x, IOS-XE), ASA 8.x, ASA 9.x or PIX 6.x configuration and
//! ask what the device would do with it.
//!
//! * [`model`]: the configuration: ISAKMP/IKEv1 and IKEv2 policies and proposals, pre-shared
//!   keys (global, ASA tunnel groups, and the IOS `crypto keyring` / `crypto ikev2 keyring`
//!   blocks real configurations use, \[EXT\]), device-wide IKE settings, transform sets, ASA IKEv2 IPsec proposals, the global SA
//!   lifetime, crypto map sets and their entries, dynamic maps, interface bindings, mode-config
//!   pools. Every value knows the line it came from, or that it is the platform's default
//!   ([`model::Setting`]); access lists are `policy-acl`'s.
//! * [`parse`](mod@parse): the parser, one line at a time as the device reads it, with the
//!   platform detected or given, strict or lenient ([`parse::parse`], [`parse::parse_lossy`]).
//!   Lines that are not IPsec configuration are skipped with a note (DESIGN §3.20), so a whole
//!   running configuration can be fed in; a crypto line it cannot read is an error naming the
//!   line, the column and what was expected.
//! * [`lint`]: validation with stable codes (`CM001`...), severities and messages that cite the
//!   guide lines ([`model::Config::lint`], [`model::Config::check`]), and the comparison of two
//!   configurations (mirror-image ACLs, peers, transform sets: [`lint::compare_peers`]).
//! * [`show`]: `show crypto map`, `show crypto ipsec transform-set`, `show crypto isakmp
//!   policy`, `show crypto ipsec security-association lifetime`, `show crypto dynamic-map` in the
//!   platform's style, and the configuration as configuration lines
//!   ([`show::running_config`]).
//! * [`eval`]: the decisions (outbound cascade, inbound checks, responder selection, IKE
//!   policy matching, pre-shared key lookup, peer failover, manual SAs).
//!
//! # Example: parse a small IOS configuration, lint it, show the crypto map
//!
//! ```
//! use crypto_map::lint::{Code, Severity};
//! use crypto_map::model::Platform;
//! use crypto_map::parse::{ParseOptions, parse};
//!
//! let text = "\
//! hostname branch
//! crypto isakmp policy 10
//!  encr aes 256
//!  authentication pre-share
//!  group 14
//! crypto isakmp key s3cr3t address 192.0.2.2
//! crypto ipsec transform-set aesset esp-aes 256 esp-sha-hmac
//! access-list 101 permit ip 10.0.68.0 0.0.0.255 10.1.1.0 0.0.0.255
//! crypto map OUTSIDE 10 ipsec-isakmp
//!  match address 101
//!  set peer 192.0.2.2
//!  set transform-set aesset
//! crypto map OUTSIDE 20 ipsec-isakmp
//!  match address 102
//! interface GigabitEthernet0/0
//!  ip address 192.0.2.1 255.255.255.0
//!  crypto map OUTSIDE
//! router ospf 1
//!  network 10.0.0.0 0.255.255.255 area 0
//! ";
//! let config = parse(text, ParseOptions::strict(Platform::Ios))?;
//!
//! // Entry 20 has no peer (the device drops what reaches it) and names an undefined list.
//! let findings = config.lint();
//! let no_peer = findings.iter().find(|f| f.code == Code::EntryNoPeer).expect("entry 20");
//! assert_eq!((no_peer.severity, no_peer.line), (Severity::Warning, Some(13)));
//! assert!(findings.iter().any(|f| f.code == Code::UndefinedAcl));
//! // Incomplete entries are warnings: the check passes unless warnings are made to fail.
//! assert!(config.check(false).is_ok() && config.check(true).is_err());
//!
//! let shown = crypto_map::show::crypto_map(&config);
//! assert!(shown.starts_with("Crypto Map \"OUTSIDE\" 10 ipsec-isakmp\n        Peer = 192.0.2.2\n"));
//! assert!(shown.contains("        Transform sets={ aesset, }\n"));
//! assert!(shown.contains("        Interfaces using crypto map OUTSIDE:\n                GigabitEthernet0/0\n"));
//! print!("{shown}");
//!
//! // The key never shows.
//! assert!(!format!("{config:?}").contains("s3cr3t"));
//! # Ok::<(), crypto_map::parse::ParseErrors>(())
//! ```
//!
//! # Decisions
//!
//! The open questions of the guides are settled by DESIGN §3; where this crate decides
//! something the design does not, the module that does it says so and cites the seed line
//! (`000:692` = line 692 of the ASA 8.x guide, `001` ASA 9.x, `002` IOS-XE, `003` IOS 11.3, `004`
//! PIX) or the RFC section. Values that come from sources other than the guides are marked
//! \[EXT\].
//!
//! The crate is `#![no_std]` with `alloc`; the default `std` feature adds
//! `std::error::Error` implementations.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod eval;
pub mod lint;
pub mod model;
pub mod parse;
pub mod show;
