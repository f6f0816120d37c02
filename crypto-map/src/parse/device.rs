//! Device lines around the IPsec commands: host and domain names, interfaces and their
//! addresses and names, address pools, ASA tunnel groups.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::net::{IpAddr, Ipv4Addr};

use super::error::{Expected, ParseError};
use super::lexer::Cur;
use super::{Block, Builder, InterfaceBlock};
use crate::model::{AddressPool, InterfaceAddress, InterfaceName, KeyDirection, TunnelGroup};

impl Builder {
    /// `hostname NAME`.
    pub(super) fn hostname(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        cur.next();
        let name = cur.word("a host name")?;
        cur.end()?;
        self.cfg.hostname = Some(name.text.to_owned());
        Ok(())
    }

    /// `domain-name NAME` (ASA/PIX).
    pub(super) fn domain_name(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        cur.next();
        let name = cur.word("a domain name")?;
        cur.end()?;
        self.cfg.domain_name = Some(name.text.to_owned());
        Ok(())
    }

    /// `ip ...`: `ip domain-name`, `ip domain name`, `ip local pool`, PIX `ip address IF A M`;
    /// the rest is not IPsec.
    pub(super) fn ip_command(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        cur.next();
        let second = cur.peek().map(|t| t.text.to_ascii_lowercase()).unwrap_or_default();
        let third_is_name = cur.peek_at(1).is_some_and(|t| t.is("name"));
        match second.as_str() {
            "domain-name" => self.domain_name(cur),
            "domain" if third_is_name => {
                cur.next();
                self.domain_name(cur)
            }
            "local" if cur.peek_at(1).is_some_and(|t| t.is("pool")) => {
                cur.next();
                cur.next();
                self.pool(cur)
            }
            "address" if cur.peek_at(1).is_some_and(|t| t.text.parse::<IpAddr>().is_err() && !t.is("dhcp")) => {
                // PIX `ip address outside 209.165.201.1 255.255.255.224`.
                cur.next();
                let iface = cur.word("an interface name")?;
                let address = cur.ip("an IP address")?;
                let mask = cur.ip("a netmask")?;
                cur.end()?;
                self.cfg.interface_addresses.retain(|a| !a.interface.eq_ignore_ascii_case(iface.text));
                self.cfg.interface_addresses.push(InterfaceAddress {
                    interface: iface.text.to_owned(),
                    address,
                    mask,
                    line: cur.line(),
                });
                Ok(())
            }
            _ => {
                self.note(cur.line(), format!("`ip {second}` is not IPsec configuration; skipped"));
                self.set_block(Block::Skip);
                Ok(())
            }
        }
    }

    /// `ip local pool NAME A-B [mask M]` (PIX 004:1294, ASA) or IOS `ip local pool NAME A [B]`.
    fn pool(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        let name = cur.word("a pool name")?;
        let range = cur.word("an address range A-B")?;
        let (start, end) = match range.text.split_once('-') {
            Some((a, b)) => match (a.parse::<IpAddr>(), b.parse::<IpAddr>()) {
                (Ok(a), Ok(b)) => (a, b),
                _ => {
                    cur.back();
                    return Err(cur.expected(Expected::Value("an address range A-B")));
                }
            },
            None => match range.text.parse::<IpAddr>() {
                Ok(a) => {
                    let b = match cur.peek().and_then(|t| t.text.parse::<IpAddr>().ok()) {
                        Some(b) => {
                            cur.next();
                            b
                        }
                        None => a,
                    };
                    (a, b)
                }
                Err(_) => {
                    cur.back();
                    return Err(cur.expected(Expected::Value("an address range A-B")));
                }
            },
        };
        let mask = if cur.eat("mask") { Some(cur.ip("a netmask")?) } else { None };
        // IOS `group NAME` and `cache-size N` are accepted and ignored.
        cur.skip_rest();
        if start.is_ipv4() != end.is_ipv4() {
            return Err(cur.expected(Expected::Value("a range within one address family")));
        }
        self.cfg.pools.push(AddressPool { name: name.text.to_owned(), start, end, mask, line: cur.line() });
        Ok(())
    }

    /// `interface NAME` opens an interface block (IOS, ASA); PIX 6's one-line `interface
    /// ethernet0 auto` opens an empty one.
    pub(super) fn interface(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        cur.next();
        let line = cur.line();
        let mut parts: Vec<&str> = Vec::new();
        while let Some(t) = cur.next() {
            if t.is("point-to-point") || t.is("multipoint") {
                break;
            }
            parts.push(t.text);
            if self.platform() == crate::model::Platform::Pix {
                // `interface ethernet0 100full`: the speed is not part of the name.
                cur.skip_rest();
            }
        }
        if parts.is_empty() {
            return Err(cur.expected(Expected::Value("an interface name")));
        }
        // `interface Gi 0/0/1` (002:429) names GigabitEthernet0/0/1 in two words.
        let hardware: String = parts.concat();
        self.set_block(Block::Interface(InterfaceBlock {
            hardware,
            line,
            nameif: None,
            security_level: None,
            address: None,
        }));
        Ok(())
    }

    /// A line of an interface block.
    pub(super) fn interface_line(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        let line = cur.line();
        let Some(first) = cur.next() else { return Ok(()) };
        let Block::Interface(mut blk) = self.block.clone() else { return Ok(()) };
        if first.is("ip") && cur.peek_is("address") {
            cur.next();
            if cur.peek_is("dhcp") || cur.peek_is("negotiated") || cur.peek_is("pppoe") {
                self.note(line, "address from DHCP/PPP: not known from the configuration".to_owned());
                return Ok(());
            }
            let address = cur.ip("an IP address")?;
            let mask = cur.ip("a mask")?;
            let secondary = cur.eat("secondary");
            if cur.eat("standby") {
                cur.ip("a standby address")?;
            }
            cur.end()?;
            if !secondary && blk.address.is_none() {
                blk.address = Some((address, mask, line));
            }
        } else if first.is("nameif") {
            let n = cur.word("an interface name")?;
            cur.end()?;
            blk.nameif = Some((n.text.to_owned(), line));
        } else if first.is("security-level") {
            let n = cur.number("a security level", 0, 100)?;
            cur.end()?;
            blk.security_level = u8::try_from(n).ok();
        } else if first.is("crypto") && cur.peek_is("map") {
            cur.next();
            let map = cur.word("a crypto map name")?;
            // `redundancy ...` (IOS) is accepted and ignored.
            cur.skip_rest();
            let iface = blk.hardware.clone();
            self.bind(map.text, &iface, line);
            let _ = self.cfg.maps.iter().any(|m| m.name == map.text);
        } else {
            self.note(line, format!("interface setting `{}` skipped", first.text));
            return Ok(());
        }
        self.block = Block::Interface(blk);
        Ok(())
    }

    /// Records what an interface block said.
    pub(super) fn finish_interface(&mut self, blk: &InterfaceBlock) {
        let name = match &blk.nameif {
            Some((n, l)) => {
                self.cfg.interface_names.retain(|x| !x.hardware.eq_ignore_ascii_case(&blk.hardware));
                self.cfg.interface_names.push(InterfaceName {
                    hardware: blk.hardware.clone(),
                    name: n.clone(),
                    security_level: blk.security_level,
                    line: *l,
                });
                n.clone()
            }
            None => blk.hardware.clone(),
        };
        if let Some((address, mask, line)) = blk.address {
            self.cfg.interface_addresses.retain(|a| !a.interface.eq_ignore_ascii_case(&name));
            self.cfg.interface_addresses.push(InterfaceAddress { interface: name, address, mask, line });
        }
        let _ = blk.line;
    }

    /// PIX `nameif ethernet0 outside security0` (or `nameif outside` outside a block).
    pub(super) fn pix_nameif(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        cur.next();
        let hw = cur.word("a hardware interface name")?;
        let Some(name) = cur.next() else {
            self.note(cur.line(), "`nameif` outside an interface block skipped".to_owned());
            return Ok(());
        };
        let level = match cur.next() {
            Some(t) => {
                let digits = t.text.to_ascii_lowercase();
                match digits.strip_prefix("security").and_then(|d| d.parse::<u8>().ok()).filter(|l| *l <= 100) {
                    Some(l) => Some(l),
                    None => {
                        cur.back();
                        return Err(cur.expected(Expected::Value("securityN (0-100)")));
                    }
                }
            }
            None => None,
        };
        cur.end()?;
        self.cfg.interface_names.retain(|n| !n.hardware.eq_ignore_ascii_case(hw.text));
        self.cfg.interface_names.push(InterfaceName {
            hardware: hw.text.to_owned(),
            name: name.text.to_owned(),
            security_level: level,
            line: cur.line(),
        });
        Ok(())
    }

    /// `tunnel-group NAME type T`, `tunnel-group NAME ipsec-attributes` (a block), other
    /// attribute blocks (skipped).
    pub(super) fn tunnel_group(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        cur.next();
        let name = cur.word("a tunnel-group name")?;
        let line = cur.line();
        let what =
            cur.keyword(&["type", "ipsec-attributes", "general-attributes", "webvpn-attributes", "ppp-attributes"])?;
        let idx = match self.cfg.tunnel_groups.iter().position(|g| g.name == name.text) {
            Some(i) => i,
            None => {
                self.cfg.tunnel_groups.push(TunnelGroup { name: name.text.to_owned(), kind: None, line });
                self.cfg.tunnel_groups.len().saturating_sub(1)
            }
        };
        match what {
            "type" => {
                let t = cur.word("a tunnel-group type")?;
                cur.end()?;
                if let Some(g) = self.cfg.tunnel_groups.get_mut(idx) {
                    g.kind = Some((t.text.to_owned(), line));
                }
                Ok(())
            }
            "ipsec-attributes" => {
                cur.end()?;
                self.set_block(Block::TunnelGroup(name.text.to_owned()));
                Ok(())
            }
            other => {
                self.note(line, format!("tunnel-group `{other}` are not modelled; skipped"));
                self.set_block(Block::Skip);
                Ok(())
            }
        }
    }

    /// A line of a `tunnel-group NAME ipsec-attributes` block.
    pub(super) fn tunnel_group_line(&mut self, cur: &mut Cur<'_, '_>, group: &str) -> Result<(), ParseError> {
        let line = cur.line();
        let Some(first) = cur.peek() else { return Ok(()) };
        if first.is("pre-shared-key") {
            cur.next();
            return self.tunnel_group_key(cur, group, KeyDirection::Both);
        }
        if first.is("ikev1") && cur.peek_at(1).is_some_and(|t| t.is("pre-shared-key")) {
            cur.next();
            cur.next();
            return self.tunnel_group_key(cur, group, KeyDirection::Both);
        }
        if first.is("ikev2") {
            let dir = match cur.peek_at(1).map(|t| t.text.to_ascii_lowercase()).as_deref() {
                Some("local-authentication") => Some(KeyDirection::Local),
                Some("remote-authentication") => Some(KeyDirection::Remote),
                _ => None,
            };
            if let Some(dir) = dir
                && cur.peek_at(2).is_some_and(|t| t.is("pre-shared-key"))
            {
                cur.next();
                cur.next();
                cur.next();
                return self.tunnel_group_key(cur, group, dir);
            }
        }
        self.note(line, format!("tunnel-group ipsec attribute `{}` is not modelled", first.text));
        Ok(())
    }
}

/// The 32-bit form of an IPv4 mask (IPv6 masks are not netmasks here).
#[allow(dead_code)]
pub(crate) fn v4(a: IpAddr) -> Option<Ipv4Addr> {
    match a {
        IpAddr::V4(v) => Some(v),
        IpAddr::V6(_) => None,
    }
}
