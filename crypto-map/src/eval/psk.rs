//! Pre-shared key lookup (DESIGN §3.11).
//!
//! Order: a hostname key for the peer's FQDN identity, when the identity is known (IKEv1
//! aggressive mode, IKEv2; `crypto isakmp key K hostname NAME`); then the key for the peer's
//! exact host address (an address key with an all-ones mask, or an ASA tunnel group named by
//! the peer's address); then the address key with the longest matching mask; then the
//! `0.0.0.0 0.0.0.0` wildcard (PIX guide 004:1222) and the ASA `DefaultL2LGroup` tunnel group
//! (ASA command reference: the group site-to-site peers without their own group fall into).
//! In IKEv1 main mode the key must be chosen before the identity arrives, by address only
//! (RFC 2409 §5.4; ASA guide 000:221).
//!
//! IKEv2 keys may differ by direction (ASA `ikev2 local-authentication` / `remote-authentication
//! pre-shared-key`, 001:305-309; RFC 7296 §2.15): a lookup for one direction takes keys for that
//! direction or for both.

use alloc::string::ToString;
use core::net::IpAddr;

use ipsec_core::types::Identity;

use crate::model::{Config, KeyDirection, KeyScope, PreSharedKey};

/// The ASA's default site-to-site tunnel group.
pub const DEFAULT_L2L_GROUP: &str = "DefaultL2LGroup";

fn to_u128(a: IpAddr) -> (bool, u128) {
    match a {
        IpAddr::V4(v) => (true, u128::from(u32::from(v))),
        IpAddr::V6(v) => (false, u128::from(v)),
    }
}

/// The number of one bits of `mask` when `addr` is inside `address`/`mask`.
fn mask_match(address: IpAddr, mask: IpAddr, addr: IpAddr) -> Option<u32> {
    let (fa, a) = to_u128(address);
    let (fm, m) = to_u128(mask);
    let (fp, p) = to_u128(addr);
    (fa == fm && fa == fp && (a & m) == (p & m)).then_some(m.count_ones())
}

fn direction_ok(key: &PreSharedKey, want: KeyDirection) -> bool {
    key.direction == KeyDirection::Both || want == KeyDirection::Both || key.direction == want
}

/// The pre-shared key for a peer at `peer` with phase-1 identity `identity` (when known), for
/// `direction` ([`KeyDirection::Both`] for IKEv1).
#[must_use]
pub fn lookup_psk<'a>(
    config: &'a Config,
    peer: IpAddr,
    identity: Option<&Identity>,
    direction: KeyDirection,
) -> Option<&'a PreSharedKey> {
    let keys = || config.keys.iter().filter(move |k| direction_ok(k, direction));
    if let Some(Identity::Fqdn(fqdn)) = identity
        && let Some(k) = keys().find(|k| matches!(&k.scope, KeyScope::Hostname(h) if h.eq_ignore_ascii_case(fqdn)))
    {
        return Some(k);
    }
    let peer_name = peer.to_string();
    if let Some(k) = keys().find(|k| matches!(&k.scope, KeyScope::TunnelGroup(n) if *n == peer_name)) {
        return Some(k);
    }
    let best = keys()
        .filter_map(|k| match &k.scope {
            KeyScope::Address { address, mask } => mask_match(*address, *mask, peer).map(|bits| (bits, k)),
            _ => None,
        })
        .fold(None::<(u32, &PreSharedKey)>, |best, (bits, k)| match best {
            Some((b, _)) if b >= bits => best,
            _ => Some((bits, k)),
        });
    if let Some((_, k)) = best {
        return Some(k);
    }
    keys().find(|k| matches!(&k.scope, KeyScope::TunnelGroup(n) if n == DEFAULT_L2L_GROUP))
}
