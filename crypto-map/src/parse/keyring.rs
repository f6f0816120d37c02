//! IOS keyrings: `crypto keyring NAME` (IKEv1) and IOS-XE `crypto ikev2 keyring NAME`, read
//! into [`Config::keys`](crate::model::Config::keys) with the keyring they came from
//! ([`KeyringRef`]).
//!
//! * `crypto keyring NAME [vrf VRF]` with `pre-shared-key address A [MASK] key [0|6] K`,
//!   `pre-shared-key address ipv6 PREFIX/LEN key K` and `pre-shared-key hostname H key K`
//!   (\[EXT\] Cisco IOS Security Command Reference, `crypto keyring`, `pre-shared-key`). The
//!   `rsa-pubkey` sub-blocks, `description` and `local-address` are skipped with a note. The
//!   VRF is not modelled: the keys apply to every peer (noted).
//! * `crypto ikev2 keyring NAME` with `peer NAME` blocks: `address A [MASK]` /
//!   `address PREFIX/LEN`, `hostname H`, `identity address A` / `identity fqdn NAME`, and
//!   `pre-shared-key [local|remote] [0|6] K` / `... hex HEX` (\[EXT\] Cisco IOS-XE IKEv2
//!   configuration guide and command reference, `crypto ikev2 keyring`, `peer`). Each
//!   address, host name or identity line of a block, with each of its keys, is one
//!   [`PreSharedKey`]. `identity fqdn domain`, `identity email` and `identity key-id` match
//!   identities the model does not have: noted and left out.
//!
//! Keys are read like `crypto isakmp key` keys: as [`SecretBytes`], never quoted by an error or
//! a note (`mark_secret`); type `6` keys are kept in their stored form
//! ([`PreSharedKey::stored_encrypted`]).
//!
//! Without an ISAKMP or IKEv2 profile naming a keyring, IOS looks a peer up in every keyring
//! (the most specific address wins), which is what the flat key list and
//! [`lookup_psk`](crate::eval::lookup_psk) do; profiles are not modelled.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::net::{IpAddr, Ipv6Addr};

use ipsec_core::SecretBytes;

use super::error::{Expected, ParseError, ParseErrorKind};
use super::ike::host_mask;
use super::lexer::Cur;
use super::{Block, Builder, hex};
use crate::model::{IkeVersion, KeyDirection, KeyScope, KeyringRef, PeerMatch, PreSharedKey};

/// The open `peer NAME` block of an IKEv2 keyring.
pub(super) struct KeyringPeer {
    /// Keyring name.
    keyring: String,
    /// Peer block name.
    name: String,
    /// Line of the `peer` command.
    line: u32,
    /// The address, host name and identity lines, in order.
    scopes: Vec<(KeyScope, PeerMatch)>,
    /// The keys: direction, bytes, stored form, line.
    keys: Vec<(KeyDirection, SecretBytes, bool, u32)>,
}

/// An IPv6 `PREFIX/LEN` as an address and a mask.
fn v6_prefix(text: &str) -> Option<KeyScope> {
    let (addr, len) = text.split_once('/')?;
    let a = addr.parse::<Ipv6Addr>().ok()?;
    let l = len.parse::<u32>().ok().filter(|l| *l <= 128)?;
    let mask = u128::MAX.checked_shl(128 - l).unwrap_or(0);
    Some(KeyScope::Address { address: IpAddr::V6(a), mask: IpAddr::V6(mask.into()) })
}

impl Builder {
    /// `crypto keyring NAME [vrf VRF]` (the cursor is at `keyring`).
    pub(super) fn keyring(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        cur.next();
        let name = cur.word("a keyring name")?;
        if cur.eat("vrf") {
            cur.word("a VRF name")?;
            self.note(
                cur.line(),
                format!("keyring {}: the VRF is not modelled; its keys apply to every peer", name.text),
            );
        }
        cur.end()?;
        self.set_block(Block::Keyring(name.text.to_owned()));
        Ok(())
    }

    /// `crypto ikev2 keyring NAME` (the cursor is at `keyring`).
    pub(super) fn ikev2_keyring(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        cur.next();
        let name = cur.word("a keyring name")?;
        cur.end()?;
        self.set_block(Block::Ikev2Keyring(name.text.to_owned()));
        Ok(())
    }

    /// A line of a `crypto keyring` block.
    pub(super) fn keyring_line(&mut self, cur: &mut Cur<'_, '_>, keyring: &str) -> Result<(), ParseError> {
        let Some(first) = cur.peek() else { return Ok(()) };
        let line = cur.line();
        if self.keyring_nested {
            // Inside `rsa-pubkey ...` up to its `quit`; a keyring command ends it too.
            if !["pre-shared-key", "rsa-pubkey", "description", "local-address"].iter().any(|k| first.is(k)) {
                return Ok(());
            }
            self.keyring_nested = false;
        }
        if !first.is("pre-shared-key") {
            if first.is("rsa-pubkey") {
                self.keyring_nested = true;
            }
            self.note(line, format!("keyring {keyring}: `{}` is not modelled; skipped", first.text));
            return Ok(());
        }
        cur.next();
        let scope = match cur.keyword(&["address", "hostname"])? {
            "hostname" => KeyScope::Hostname(cur.word("a host name")?.text.to_owned()),
            _ => {
                if cur.eat("ipv6") {
                    let t = cur.word("an IPv6 prefix")?;
                    match v6_prefix(t.text) {
                        Some(s) => s,
                        None => {
                            cur.back();
                            return Err(cur.expected(Expected::Value("an IPv6 prefix (A/len)")));
                        }
                    }
                } else {
                    let address = cur.ip("an IP address")?;
                    let mask = self.optional_mask(cur, address)?;
                    KeyScope::Address { address, mask }
                }
            }
        };
        cur.keyword(&["key"])?;
        let stored_encrypted = eat_key_type(cur);
        cur.mark_secret();
        let key = cur.word("a pre-shared key")?;
        cur.end()?;
        self.add_key(PreSharedKey {
            key: SecretBytes::from_slice(key.text.as_bytes()),
            scope,
            direction: KeyDirection::Both,
            stored_encrypted,
            no_xauth: false,
            no_config_mode: false,
            keyring: Some(KeyringRef { name: keyring.to_owned(), version: IkeVersion::V1, peer: None }),
            line,
        });
        Ok(())
    }

    /// A line of a `crypto ikev2 keyring` block (`peer NAME`, or a line of the open peer).
    pub(super) fn ikev2_keyring_line(&mut self, cur: &mut Cur<'_, '_>, keyring: &str) -> Result<(), ParseError> {
        let Some(first) = cur.peek() else { return Ok(()) };
        let line = cur.line();
        if first.is("peer") {
            cur.next();
            let name = cur.word("a peer name")?;
            cur.end()?;
            self.finish_keyring_peer();
            self.keyring_peer = Some(KeyringPeer {
                keyring: keyring.to_owned(),
                name: name.text.to_owned(),
                line,
                scopes: Vec::new(),
                keys: Vec::new(),
            });
            return Ok(());
        }
        let known = ["address", "hostname", "identity", "pre-shared-key"].iter().any(|k| first.is(k));
        if !known || self.keyring_peer.is_none() {
            self.note(line, format!("ikev2 keyring {keyring}: `{}` is not modelled; skipped", first.text));
            return Ok(());
        }
        cur.next();
        if first.is("pre-shared-key") {
            let direction = if cur.eat("local") {
                KeyDirection::Local
            } else if cur.eat("remote") {
                KeyDirection::Remote
            } else {
                KeyDirection::Both
            };
            let stored_encrypted = eat_key_type(cur);
            let is_hex = cur.remaining() >= 2 && cur.eat("hex");
            cur.mark_secret();
            let key_tok = cur.word("a pre-shared key")?;
            cur.end()?;
            let key = if is_hex {
                hex::decode(key_tok.text).map_err(|problem| {
                    cur.err_at(Some(key_tok), ParseErrorKind::HexKey { what: "pre-shared key", problem })
                })?
            } else {
                SecretBytes::from_slice(key_tok.text.as_bytes())
            };
            if let Some(p) = &mut self.keyring_peer {
                // A later key for the same direction replaces the earlier one.
                p.keys.retain(|(d, ..)| *d != direction);
                p.keys.push((direction, key, stored_encrypted, line));
            }
            return Ok(());
        }
        let scope = if first.is("address") {
            let t = cur.peek();
            if let Some(s) = t.and_then(|t| v6_prefix(t.text)) {
                cur.next();
                s
            } else {
                let address = cur.ip("an IP address or an IPv6 prefix")?;
                let mask = self.optional_mask(cur, address)?;
                KeyScope::Address { address, mask }
            }
        } else if first.is("hostname") {
            KeyScope::Hostname(cur.word("a host name")?.text.to_owned())
        } else {
            match cur.keyword(&["address", "fqdn", "email", "key-id"])? {
                "address" => {
                    let a = cur.ip("an IP address")?;
                    KeyScope::Address { address: a, mask: host_mask(a) }
                }
                "fqdn" if !cur.peek_is("domain") => KeyScope::Hostname(cur.word("a host name")?.text.to_owned()),
                other => {
                    cur.skip_rest();
                    self.note(
                        line,
                        format!("ikev2 keyring {keyring}: `identity {other}` peers are not modelled; skipped"),
                    );
                    return Ok(());
                }
            }
        };
        cur.end()?;
        let by = if first.is("address") {
            PeerMatch::Address
        } else if first.is("hostname") {
            PeerMatch::Hostname
        } else {
            PeerMatch::Identity
        };
        if let Some(p) = &mut self.keyring_peer
            && !p.scopes.iter().any(|(s, b)| *s == scope && *b == by)
        {
            p.scopes.push((scope, by));
        }
        Ok(())
    }

    /// An optional mask of `address`'s family after it (host mask when absent).
    fn optional_mask(&mut self, cur: &mut Cur<'_, '_>, address: IpAddr) -> Result<IpAddr, ParseError> {
        match cur.peek().and_then(|t| t.text.parse::<IpAddr>().ok()) {
            Some(m) if m.is_ipv4() == address.is_ipv4() => {
                cur.next();
                Ok(m)
            }
            Some(_) => Err(cur.expected(Expected::Value("a mask of the address's family"))),
            None => Ok(host_mask(address)),
        }
    }

    /// Turns the open IKEv2 keyring `peer` block into keys: one per address, host name or
    /// identity line and key line.
    pub(super) fn finish_keyring_peer(&mut self) {
        let Some(p) = self.keyring_peer.take() else { return };
        if p.scopes.is_empty() && !p.keys.is_empty() {
            self.note(
                p.line,
                format!(
                    "ikev2 keyring {} peer {}: no address, host name or identity, so its keys match no peer",
                    p.keyring, p.name
                ),
            );
        }
        for (scope, by) in &p.scopes {
            for (direction, key, stored_encrypted, line) in &p.keys {
                self.add_key(PreSharedKey {
                    key: key.clone(),
                    scope: scope.clone(),
                    direction: *direction,
                    stored_encrypted: *stored_encrypted,
                    no_xauth: false,
                    no_config_mode: false,
                    keyring: Some(KeyringRef {
                        name: p.keyring.clone(),
                        version: IkeVersion::V2,
                        peer: Some((p.name.clone(), *by)),
                    }),
                    line: *line,
                });
            }
        }
    }
}

/// Takes a `0` or `6` key type when a key follows it; true for `6` (stored encrypted).
fn eat_key_type(cur: &mut Cur<'_, '_>) -> bool {
    match (cur.peek(), cur.peek_at(1)) {
        (Some(t), Some(_)) if t.text == "0" || t.text == "6" => {
            cur.next();
            t.text == "6"
        }
        _ => false,
    }
}
