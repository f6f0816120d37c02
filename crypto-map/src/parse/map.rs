//! Crypto map sets, their entries (IOS blocks and ASA/PIX one-line forms), dynamic maps and the
//! map-level commands.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use ipsec_core::SecretBytes;
use ipsec_core::algorithm::{CiscoContext, DhGroup};
use ipsec_core::types::{EncapsulationMode, Spi};

use super::error::{Expected, ParseError, ParseErrorKind};
use super::lexer::Cur;
use super::{Block, Builder, hex, tables};
use crate::model::{
    ConnectionType, CryptoMapSet, DfBit, DummyPackets, DynamicEntry, DynamicMapSet, EntryKind, EntrySettings,
    InterfaceBinding, LifetimeOverride, MapEntry, Peer, Phase1Mode, Redefinition, RedefinitionKind, SessionKey,
    Setting,
};

/// Which entry a sub-command is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Target {
    /// A crypto map entry (map index, sequence number).
    Static(usize, u32),
    /// A dynamic map entry (dynamic map index, sequence number).
    Dynamic(usize, u32),
}

/// A parsed entry sub-command.
enum EntryCmd {
    Match(String),
    Peers(Vec<Peer>),
    TransformSets(Vec<String>),
    Proposals(Vec<String>),
    Pfs(Option<Setting<DhGroup>>),
    Lifetime(LifetimeOverride),
    PerHost,
    Dummy(DummyPackets),
    Ikev2Mode(EncapsulationMode, bool),
    ConnectionType(ConnectionType),
    ReverseRoute(bool),
    NatTDisable,
    Phase1(Phase1Mode),
    DfBit(DfBit),
    Tfc(String),
    ValidateIcmp,
    SessionKey(SessionKey),
    Description(String),
    Nothing,
}

impl Builder {
    fn map_index(&mut self, name: &str, ipv6: bool) -> usize {
        match self.cfg.maps.iter().position(|m| m.name == name) {
            Some(i) => {
                if let Some(m) = self.cfg.maps.get_mut(i) {
                    m.ipv6 |= ipv6;
                }
                i
            }
            None => {
                self.cfg.maps.push(CryptoMapSet {
                    name: name.to_owned(),
                    ipv6,
                    entries: Vec::new(),
                    local_address: None,
                    client_configuration: None,
                    client_configuration_modes: Vec::new(),
                    client_authentication: None,
                });
                self.cfg.maps.len().saturating_sub(1)
            }
        }
    }

    fn dynamic_index(&mut self, name: &str) -> usize {
        match self.cfg.dynamic_maps.iter().position(|m| m.name == name) {
            Some(i) => i,
            None => {
                self.cfg.dynamic_maps.push(DynamicMapSet { name: name.to_owned(), entries: Vec::new() });
                self.cfg.dynamic_maps.len().saturating_sub(1)
            }
        }
    }

    /// The entry, created (as `ipsec-isakmp`, the default type) when missing.
    fn static_entry(&mut self, map: usize, seq: u32, line: u32) -> Option<&mut MapEntry> {
        let m = self.cfg.maps.get_mut(map)?;
        let pos = match m.entries.iter().position(|e| e.seq == seq) {
            Some(p) => p,
            None => {
                m.entries.push(MapEntry {
                    seq,
                    kind: EntryKind::IpsecIsakmp,
                    settings: EntrySettings::default(),
                    session_keys: Vec::new(),
                    line,
                });
                m.entries.len().saturating_sub(1)
            }
        };
        m.entries.get_mut(pos)
    }

    fn dynamic_entry(&mut self, map: usize, seq: u32, line: u32) -> Option<&mut DynamicEntry> {
        let m = self.cfg.dynamic_maps.get_mut(map)?;
        let pos = match m.entries.iter().position(|e| e.seq == seq) {
            Some(p) => p,
            None => {
                m.entries.push(DynamicEntry { seq, settings: EntrySettings::default(), line });
                m.entries.len().saturating_sub(1)
            }
        };
        m.entries.get_mut(pos)
    }

    /// `crypto map [ipv6] NAME ...` (the cursor is past `map`).
    pub(super) fn crypto_map(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        let ipv6 = cur.eat("ipv6");
        let name = cur.word("a crypto map name")?;
        let Some(next) = cur.peek() else {
            return Err(cur.expected(Expected::Value("a sequence number or one of: interface, local-address, client")));
        };
        if next.text.bytes().all(|b| b.is_ascii_digit()) {
            let seq = cur.number_u32("a sequence number", 1, 65_535)?;
            return self.map_entry_command(cur, name.text, seq, ipv6);
        }
        let line = cur.line();
        match cur.keyword(tables::MAP_COMMANDS)? {
            "interface" => {
                let iface = cur.word("an interface name")?;
                // `ipv6-local-address IF` (ASA) is accepted and ignored.
                cur.skip_rest();
                self.bind(name.text, iface.text, line);
                let _ = self.map_index(name.text, ipv6);
                Ok(())
            }
            "local-address" => {
                let iface = cur.word("an interface name")?;
                cur.end()?;
                let m = self.map_index(name.text, ipv6);
                if let Some(m) = self.cfg.maps.get_mut(m) {
                    m.local_address = Some((iface.text.to_owned(), line));
                }
                Ok(())
            }
            "client" => {
                let _ = cur.eat("token");
                match cur.keyword(&["configuration", "authentication"])? {
                    "configuration" => {
                        cur.keyword(&["address"])?;
                        let mode = cur.keyword(&["initiate", "respond"])?;
                        cur.end()?;
                        let m = self.map_index(name.text, ipv6);
                        if let Some(m) = self.cfg.maps.get_mut(m) {
                            if m.client_configuration.is_none() {
                                m.client_configuration = Some((mode.to_owned(), line));
                            }
                            if !m.client_configuration_modes.iter().any(|(x, _)| x == mode) {
                                m.client_configuration_modes.push((mode.to_owned(), line));
                            }
                        }
                        Ok(())
                    }
                    _ => {
                        // IOS: `client authentication list NAME`.
                        let _ = cur.eat("list");
                        let server = cur.word("an AAA server name")?;
                        let _ = cur.eat("LOCAL");
                        cur.end()?;
                        let m = self.map_index(name.text, ipv6);
                        if let Some(m) = self.cfg.maps.get_mut(m) {
                            m.client_authentication = Some((server.text.to_owned(), line));
                        }
                        Ok(())
                    }
                }
            }
            other => {
                self.not_modelled(cur, &format!("crypto map NAME {other}"));
                Ok(())
            }
        }
    }

    /// Binds a map set to an interface; a second set on the same interface replaces the first
    /// (one set per interface, 003:748, 000:511).
    pub(super) fn bind(&mut self, map: &str, iface: &str, line: u32) {
        if let Some(b) = self.cfg.bindings.iter_mut().find(|b| b.interface.eq_ignore_ascii_case(iface)) {
            if b.map != map {
                self.cfg.redefinitions.push(Redefinition {
                    kind: RedefinitionKind::InterfaceMap,
                    name: iface.to_owned(),
                    first_line: b.line,
                    line,
                });
                b.map = map.to_owned();
            }
            b.line = line;
            return;
        }
        self.cfg.bindings.push(InterfaceBinding { map: map.to_owned(), interface: iface.to_owned(), line });
    }

    /// `crypto map NAME SEQ ...` after the sequence number.
    fn map_entry_command(&mut self, cur: &mut Cur<'_, '_>, name: &str, seq: u32, ipv6: bool) -> Result<(), ParseError> {
        let line = cur.line();
        let Some(t) = cur.peek() else {
            // IOS: `crypto map NAME SEQ` alone is an ipsec-isakmp entry.
            let m = self.map_index(name, ipv6);
            self.declare(m, seq, EntryKind::IpsecIsakmp, line);
            self.set_block(Block::MapEntry(m, seq));
            return Ok(());
        };
        let word = t.text.to_ascii_lowercase();
        match word.as_str() {
            "ipsec-isakmp" => {
                cur.next();
                let kind = if cur.eat("dynamic") {
                    let d = cur.word("a dynamic map name")?;
                    let discover = cur.eat("discover");
                    cur.end()?;
                    EntryKind::Dynamic { dynamic_map: d.text.to_owned(), discover }
                } else {
                    if cur.eat("profile") {
                        cur.word("an ISAKMP profile name")?;
                        self.note(line, "`ipsec-isakmp profile` is not modelled".to_owned());
                    }
                    cur.end()?;
                    EntryKind::IpsecIsakmp
                };
                let m = self.map_index(name, ipv6);
                let dynamic = matches!(kind, EntryKind::Dynamic { .. });
                self.declare(m, seq, kind, line);
                self.set_block(if dynamic { Block::None } else { Block::MapEntry(m, seq) });
                Ok(())
            }
            "ipsec-manual" => {
                cur.next();
                cur.end()?;
                let m = self.map_index(name, ipv6);
                self.declare(m, seq, EntryKind::IpsecManual, line);
                self.set_block(Block::MapEntry(m, seq));
                Ok(())
            }
            "cisco" => {
                let m = self.map_index(name, ipv6);
                self.declare(m, seq, EntryKind::Cisco, line);
                self.note(line, "CET (`cisco`) entry: kept for the entry order, not modelled".to_owned());
                self.set_block(Block::Skip);
                Ok(())
            }
            "gdoi" => {
                self.not_modelled(cur, "crypto map NAME SEQ gdoi");
                Ok(())
            }
            w if tables::listed(tables::ENTRY_COMMANDS, w) => {
                let m = self.map_index(name, ipv6);
                self.entry_line(cur, Target::Static(m, seq))
            }
            _ => Err(cur.expected(Expected::OneOf(&["ipsec-isakmp", "ipsec-manual", "match", "set", "cisco", "gdoi"]))),
        }
    }

    /// Declares an entry's type. A different type on an entry already declared keeps the
    /// first and records a redefinition.
    fn declare(&mut self, map: usize, seq: u32, kind: EntryKind, line: u32) {
        let was_declared = self.declared.contains(&(map, seq));
        let map_name = self.cfg.maps.get(map).map(|m| m.name.clone()).unwrap_or_default();
        let Some(e) = self.static_entry(map, seq, line) else { return };
        if !was_declared {
            e.kind = kind;
            e.line = e.line.min(line);
        } else if e.kind != kind {
            let first_line = e.line;
            self.cfg.redefinitions.push(Redefinition {
                kind: RedefinitionKind::MapEntryType,
                name: format!("{map_name} {seq}"),
                first_line,
                line,
            });
        }
        self.declared.insert((map, seq));
    }

    /// `crypto dynamic-map NAME SEQ [sub-command]` (the cursor is past `dynamic-map`).
    pub(super) fn dynamic_map(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        let name = cur.word("a dynamic map name")?;
        let seq = cur.number_u32("a sequence number", 1, 65_535)?;
        let m = self.dynamic_index(name.text);
        if cur.at_end() {
            let line = cur.line();
            let _ = self.dynamic_entry(m, seq, line);
            self.set_block(Block::DynamicEntry(m, seq));
            return Ok(());
        }
        self.entry_line(cur, Target::Dynamic(m, seq))
    }

    /// An entry sub-command (block line or the tail of a one-line form).
    pub(super) fn entry_line(&mut self, cur: &mut Cur<'_, '_>, target: Target) -> Result<(), ParseError> {
        let line = cur.line();
        let cmd = self.entry_cmd(cur, target)?;
        let platform = self.platform();
        let settings = match target {
            Target::Static(m, seq) => match self.static_entry(m, seq, line) {
                Some(e) => {
                    if let EntryCmd::SessionKey(k) = cmd {
                        e.session_keys.retain(|x| !(x.inbound == k.inbound && x.esp == k.esp));
                        e.session_keys.push(k);
                        return Ok(());
                    }
                    &mut e.settings
                }
                None => return Ok(()),
            },
            Target::Dynamic(m, seq) => match self.dynamic_entry(m, seq, line) {
                Some(e) => &mut e.settings,
                None => return Ok(()),
            },
        };
        match cmd {
            EntryCmd::Match(acl) => settings.match_address = Some((acl, line)),
            EntryCmd::Peers(peers) => {
                for p in peers {
                    if !settings.peers.iter().any(|(q, _)| *q == p) {
                        settings.peers.push((p, line));
                    }
                }
            }
            EntryCmd::TransformSets(v) => settings.transform_sets = v.into_iter().map(|n| (n, line)).collect(),
            EntryCmd::Proposals(v) => settings.ikev2_proposals = v.into_iter().map(|n| (n, line)).collect(),
            EntryCmd::Pfs(g) => {
                settings.pfs = Some(g.unwrap_or_else(|| Setting::default_value(platform.default_pfs_group())));
            }
            EntryCmd::Lifetime(l) => {
                let mut cur_l = settings.lifetime.map(|(l, _)| l).unwrap_or_default();
                if l.seconds.is_some() {
                    cur_l.seconds = l.seconds;
                }
                if l.kilobytes.is_some() || l.kilobytes_unlimited {
                    cur_l.kilobytes = l.kilobytes;
                    cur_l.kilobytes_unlimited = l.kilobytes_unlimited;
                }
                settings.lifetime = Some((cur_l, line));
            }
            EntryCmd::PerHost => settings.per_host = Some(line),
            EntryCmd::Dummy(d) => settings.dummy_packets = Some((d, line)),
            EntryCmd::Ikev2Mode(m, require) => settings.ikev2_mode = Some((m, require, line)),
            EntryCmd::ConnectionType(c) => settings.connection_type = Some((c, line)),
            EntryCmd::ReverseRoute(d) => settings.reverse_route = Some((d, line)),
            EntryCmd::NatTDisable => settings.nat_t_disable = Some(line),
            EntryCmd::Phase1(p) => settings.phase1_mode = Some((p, line)),
            EntryCmd::DfBit(d) => settings.df_bit = Some((d, line)),
            EntryCmd::Tfc(t) => settings.tfc_packets = Some((t, line)),
            EntryCmd::ValidateIcmp => settings.validate_icmp_errors = Some(line),
            EntryCmd::Description(d) => settings.description = Some((d, line)),
            EntryCmd::SessionKey(_) | EntryCmd::Nothing => {}
        }
        Ok(())
    }

    fn entry_cmd(&mut self, cur: &mut Cur<'_, '_>, target: Target) -> Result<EntryCmd, ParseError> {
        let line = cur.line();
        let cmd = match cur.keyword(&["match", "set", "description", "reverse-route", "qos"])? {
            "match" => {
                cur.keyword(&["address"])?;
                let acl = cur.word("an access-list name or number")?;
                cur.end()?;
                EntryCmd::Match(acl.text.to_owned())
            }
            "description" => {
                let text = cur.rest().to_owned();
                cur.skip_rest();
                EntryCmd::Description(text)
            }
            "reverse-route" => {
                // IOS: `reverse-route` adds routes as SAs come up; `static` always.
                let stat = cur.eat("static");
                cur.skip_rest();
                EntryCmd::ReverseRoute(!stat)
            }
            "qos" => {
                cur.skip_rest();
                self.note(line, "`qos pre-classify` is not modelled".to_owned());
                EntryCmd::Nothing
            }
            _ => self.set_cmd(cur, target)?,
        };
        Ok(cmd)
    }

    /// `set ...` (the cursor is past `set`).
    fn set_cmd(&mut self, cur: &mut Cur<'_, '_>, target: Target) -> Result<EntryCmd, ParseError> {
        let line = cur.line();
        if let Some(t) = cur.peek()
            && tables::listed(tables::SET_NOT_MODELLED, t.text)
        {
            self.note(line, format!("`set {}` is not modelled", t.text));
            cur.skip_rest();
            return Ok(EntryCmd::Nothing);
        }
        let word = cur.keyword(tables::SET_COMMANDS)?;
        let cmd = match word {
            "peer" => {
                let mut peers = Vec::new();
                while let Some(t) = cur.peek() {
                    if t.is("default") && !peers.is_empty() {
                        cur.next();
                        continue;
                    }
                    cur.next();
                    peers.push(match t.text.parse::<IpAddr>() {
                        Ok(a) => Peer::Address(a),
                        Err(_) if is_hostname(t.text) => Peer::Hostname(t.text.to_owned()),
                        Err(_) => {
                            cur.back();
                            return Err(cur.expected(Expected::Value("a peer address or host name")));
                        }
                    });
                }
                if peers.is_empty() {
                    return Err(cur.expected(Expected::Value("a peer address or host name")));
                }
                EntryCmd::Peers(peers)
            }
            "transform-set" => EntryCmd::TransformSets(names(cur, "a transform set name")?),
            "ikev1" => match cur.keyword(&["transform-set", "phase1-mode"])? {
                "transform-set" => EntryCmd::TransformSets(names(cur, "a transform set name")?),
                _ => EntryCmd::Phase1(self.phase1(cur)?),
            },
            "ikev2" => match cur.keyword(&["ipsec-proposal", "mode"])? {
                "ipsec-proposal" => EntryCmd::Proposals(names(cur, "an IKEv2 IPsec proposal name")?),
                _ => {
                    let (m, r) = match cur.keyword(&["transport", "tunnel", "transport-require"])? {
                        "transport" => (EncapsulationMode::Transport, false),
                        "transport-require" => (EncapsulationMode::Transport, true),
                        _ => (EncapsulationMode::Tunnel, false),
                    };
                    cur.end()?;
                    EntryCmd::Ikev2Mode(m, r)
                }
            },
            "pfs" => {
                let accepted = tables::pfs_groups(self.platform());
                match cur.peek() {
                    None => EntryCmd::Pfs(None),
                    Some(t) => {
                        let g = match DhGroup::from_cisco(CiscoContext::Pfs, t.text) {
                            Some(g) => {
                                if !tables::listed(accepted, t.text) {
                                    let e = cur.err_at(
                                        Some(t),
                                        ParseErrorKind::NotOnPlatform {
                                            what: "PFS group",
                                            value: t.text.to_owned(),
                                            platform: self.platform(),
                                            accepted,
                                        },
                                    );
                                    self.soft(e)?;
                                }
                                Some(g)
                            }
                            None if t.is("group7") => {
                                let e = cur.err_at(
                                    Some(t),
                                    ParseErrorKind::Unsupported { what: "PFS group 7 (EC2N, 163-bit)".to_owned() },
                                );
                                self.soft(e)?;
                                None
                            }
                            None => return Err(cur.expected(Expected::OneOf(accepted))),
                        };
                        cur.next();
                        cur.end()?;
                        match g {
                            Some(g) => EntryCmd::Pfs(Some(Setting::configured(g, line))),
                            None => EntryCmd::Nothing,
                        }
                    }
                }
            }
            "security-association" => match cur.keyword(&["lifetime", "level", "dummy", "replay", "idle-time"])? {
                "lifetime" => EntryCmd::Lifetime(self.entry_lifetime(cur)?),
                "level" => {
                    cur.keyword(&["per-host"])?;
                    cur.end()?;
                    EntryCmd::PerHost
                }
                "dummy" => {
                    let d = match cur.keyword(&["pps", "seconds"])? {
                        "pps" => DummyPackets::Pps(cur.number_u32("a packet rate", 1, u32::MAX)?),
                        _ => DummyPackets::Seconds(cur.number_u32("a number of seconds", 1, u32::MAX)?),
                    };
                    cur.end()?;
                    EntryCmd::Dummy(d)
                }
                other => {
                    cur.skip_rest();
                    self.note(line, format!("`set security-association {other}` is not modelled"));
                    EntryCmd::Nothing
                }
            },
            "session-key" => {
                if matches!(target, Target::Dynamic(..)) {
                    return Err(
                        cur.err_at(cur.peek(), ParseErrorKind::OutsideBlock { keyword: "set session-key".to_owned() })
                    );
                }
                match self.session_key(cur)? {
                    Some(k) => EntryCmd::SessionKey(k),
                    None => EntryCmd::Nothing,
                }
            }
            "connection-type" => {
                let c = match cur.keyword(&["answer-only", "originate-only", "bidirectional"])? {
                    "answer-only" => ConnectionType::AnswerOnly,
                    "originate-only" => ConnectionType::OriginateOnly,
                    _ => ConnectionType::Bidirectional,
                };
                cur.end()?;
                EntryCmd::ConnectionType(c)
            }
            "reverse-route" => {
                let d = cur.eat("dynamic");
                cur.end()?;
                EntryCmd::ReverseRoute(d)
            }
            "nat-t-disable" => {
                cur.end()?;
                EntryCmd::NatTDisable
            }
            "phase1-mode" => EntryCmd::Phase1(self.phase1(cur)?),
            "df-bit" => {
                let d = match cur.keyword(&["clear-df", "copy-df", "set-df"])? {
                    "clear-df" => DfBit::Clear,
                    "set-df" => DfBit::Set,
                    _ => DfBit::Copy,
                };
                cur.end()?;
                EntryCmd::DfBit(d)
            }
            "tfc-packets" => {
                let rest = cur.rest().to_owned();
                cur.skip_rest();
                EntryCmd::Tfc(rest)
            }
            _ => {
                cur.end()?;
                EntryCmd::ValidateIcmp
            }
        };
        Ok(cmd)
    }

    /// `main | aggressive [groupN]`.
    fn phase1(&mut self, cur: &mut Cur<'_, '_>) -> Result<Phase1Mode, ParseError> {
        let out = match cur.keyword(&["main", "aggressive"])? {
            "main" => Phase1Mode::Main,
            _ => match cur.peek() {
                None => Phase1Mode::Aggressive(None),
                Some(t) => match DhGroup::from_cisco(CiscoContext::Pfs, t.text) {
                    Some(g) => {
                        cur.next();
                        Phase1Mode::Aggressive(Some(g))
                    }
                    None if t.is("group7") => {
                        let e = cur.err_at(
                            Some(t),
                            ParseErrorKind::Unsupported { what: "Diffie-Hellman group 7 (EC2N, 163-bit)".to_owned() },
                        );
                        self.soft(e)?;
                        cur.next();
                        Phase1Mode::Aggressive(None)
                    }
                    None => return Err(cur.expected(Expected::OneOf(&["group1", "group2", "group5"]))),
                },
            },
        };
        cur.end()?;
        Ok(out)
    }

    /// `seconds N | kilobytes N|unlimited|disable`, repeated; a bare number (the PIX guide's
    /// `lifetime 2700`, 004:702) is read as seconds in lenient mode.
    fn entry_lifetime(&mut self, cur: &mut Cur<'_, '_>) -> Result<LifetimeOverride, ParseError> {
        let mut out = LifetimeOverride::default();
        if cur.at_end() {
            return Err(cur.expected(Expected::OneOf(&["seconds", "kilobytes"])));
        }
        while let Some(t) = cur.peek() {
            if t.text.bytes().all(|b| b.is_ascii_digit()) && out.seconds.is_none() {
                let e = cur.expected(Expected::OneOf(&["seconds", "kilobytes"]));
                self.soft(e)?;
                out.seconds = Some(cur.number("a number of seconds", 1, u64::from(u32::MAX))?);
                continue;
            }
            match cur.keyword(&["seconds", "kilobytes"])? {
                "seconds" => out.seconds = Some(cur.number("a number of seconds", 1, u64::from(u32::MAX))?),
                _ => {
                    if cur.eat("unlimited") || cur.eat("disable") {
                        out.kilobytes = None;
                        out.kilobytes_unlimited = true;
                    } else {
                        out.kilobytes = Some(cur.number("a number of kilobytes", 1, u64::from(u32::MAX))?);
                        out.kilobytes_unlimited = false;
                    }
                }
            }
        }
        Ok(out)
    }

    /// `inbound|outbound ah SPI KEY` / `inbound|outbound esp SPI [cipher KEY] [authenticator
    /// KEY]` (003:797-815, 004:829-882). `Ok(None)` when lenient mode dropped every key.
    fn session_key(&mut self, cur: &mut Cur<'_, '_>) -> Result<Option<SessionKey>, ParseError> {
        let inbound = cur.keyword(&["inbound", "outbound"])? == "inbound";
        let esp = cur.keyword(&["ah", "esp"])? == "esp";
        let spi_tok = cur.peek();
        let spi = match spi_tok.and_then(|t| parse_spi(t.text)) {
            Some(s) => {
                cur.next();
                Spi(s)
            }
            None => return Err(cur.expected(Expected::Value("an SPI (256-4294967295)"))),
        };
        let line = cur.line();
        let mut key = SessionKey { inbound, esp, spi, cipher_or_ah_key: None, authenticator: None, line };
        if !esp {
            cur.mark_secret();
            let t = cur.word("a hex key")?;
            cur.end()?;
            key.cipher_or_ah_key = self.hex_key(cur, t, "AH key")?;
            // Lenient mode dropped the only key: nothing is left to keep.
            return Ok(key.cipher_or_ah_key.is_some().then_some(key));
        }
        let mut any = false;
        while !cur.at_end() {
            let which = cur.keyword(&["cipher", "authenticator"])?;
            cur.mark_secret();
            let t = cur.word("a hex key")?;
            any = true;
            if which == "cipher" {
                key.cipher_or_ah_key = self.hex_key(cur, t, "ESP cipher key")?;
            } else {
                key.authenticator = self.hex_key(cur, t, "ESP authenticator key")?;
            }
        }
        if !any {
            return Err(cur.expected(Expected::OneOf(&["cipher", "authenticator"])));
        }
        Ok((key.cipher_or_ah_key.is_some() || key.authenticator.is_some()).then_some(key))
    }

    fn hex_key(
        &mut self,
        cur: &Cur<'_, '_>,
        t: super::lexer::Tok<'_>,
        what: &'static str,
    ) -> Result<Option<SecretBytes>, ParseError> {
        match hex::decode(t.text) {
            Ok(k) => Ok(Some(k)),
            Err(problem) => {
                let e = cur.err_at(Some(t), ParseErrorKind::HexKey { what, problem });
                self.soft(e)?;
                Ok(None)
            }
        }
    }
}

/// One or more names to the end of the line.
fn names(cur: &mut Cur<'_, '_>, what: &'static str) -> Result<Vec<String>, ParseError> {
    let mut out: Vec<String> = Vec::new();
    while let Some(t) = cur.next() {
        // ASA examples separate names with commas in the syntax line (000:782).
        let n = t.text.trim_end_matches(',');
        if !n.is_empty() && !out.iter().any(|x| x == n) {
            out.push(n.to_owned());
        }
    }
    if out.is_empty() {
        return Err(cur.expected(Expected::Value(what)));
    }
    Ok(out)
}

/// A decimal or `0x` hexadecimal SPI.
fn parse_spi(text: &str) -> Option<u32> {
    match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(h) => u32::from_str_radix(h, 16).ok(),
        None if text.bytes().all(|b| b.is_ascii_digit()) => text.parse().ok(),
        None => None,
    }
}

/// A plausible DNS name (letters, digits, `-`, `.`, `_`), not starting with a digit-only label.
fn is_hostname(text: &str) -> bool {
    !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_')
        && text.bytes().any(|b| b.is_ascii_alphabetic())
}
