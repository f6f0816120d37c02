//! Access lists as Cisco IOS, ASA and PIX devices read them.
#![no_std]
#![forbid(unsafe_code)]

#[cfg(feature = "std")]
extern crate std;

pub mod rule;

pub use rule::{Action, AddrMatch, IcmpMatch, Packet, PortRange, Rule, Verdict, first_match};
