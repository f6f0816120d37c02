//! The parser: a line-fed builder ([`AclParser`]) that a larger configuration parser can drive
//! one line at a time, and whole-text helpers ([`parse`], [`parse_lossy`], [`detect_dialect`]).
//!
//! # Grammar accepted
//!
//! IOS (guides 002:133-136, 003:569-577): `access-list N {permit|deny|remark} ...` with N in
//! 1-99 / 1300-1999 (standard) or 100-199 / 2000-2699 (extended); `ip access-list
//! {standard|extended} NAME` and `ipv6 access-list NAME` blocks of indented `[SEQ]
//! {permit|deny} ...` / `remark` lines (IPv6 lines may end in `sequence N`); wildcard masks,
//! non-contiguous ones included; IPv6 prefixes; `object-group network` blocks with `host`,
//! `A MASK`, `range`, `any` and `group-object` lines.
//!
//! ASA and PIX (guides 000:488, 001:650, 004:518): `access-list NAME [line N] [extended]
//! {permit|deny} ...`, `access-list NAME [line N] remark ...`, `access-list NAME standard
//! {permit|deny} ...`; netmasks; `any`/`any4`/`any6`; `object-group {network | service NAME
//! [tcp|udp|tcp-udp] | protocol | icmp-type}` blocks with `network-object`, `port-object`,
//! `service-object`, `protocol-object`, `icmp-object`, `group-object` and `description`;
//! `object network NAME` blocks with `host`, `subnet`, `range` and `description`.
//!
//! # Decisions
//!
//! * Address/mask pairs with bits set outside the mask (the ASA guides' own `192.168.3.3
//!   255.255.255.192`, 000:608, 001:768) are an error in [`Mode::Strict`] and a warning with
//!   the bits cleared in [`Mode::Lenient`] (DESIGN §3.12). This applies to IOS wildcards and
//!   IPv6 prefixes as well, although IOS itself clears such bits silently.
//! * Object-groups and objects must be defined before an ACE or `group-object` names them, as
//!   on ASA; a `group-object` that would make a group contain itself is an error. Members
//!   added to a group after an ACE names it still count (references resolve in
//!   [`AclParser::finish`]), as on the device.
//! * IOS sequence numbers order the entries of a named list; entries without one are appended
//!   and keep `None` (no automatic numbering). ASA `line N` inserts at position N (remarks
//!   count); a position past the end appends.
//! * An ACE identical to an earlier ACE of its list is not added, with a warning.
//! * Keywords are case-insensitive; names (lists, groups, objects) are case-sensitive.
//! * Lines that are not access-list syntax are reported as [`Feed::NotAcl`] and skipped by
//!   [`parse`] (a whole running configuration can be fed in, DESIGN §3.20). A line that *is*
//!   access-list syntax but that the crate does not model (ASA `ethertype` lists, IOS MAC
//!   lists, `nat` inside an object) is consumed with a [`DiagnosticKind::NotModelled`] warning.

use alloc::borrow::ToOwned;
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::error::{Diagnostic, DiagnosticKind, Expected, ParseError, ParseErrorKind};
use crate::model::{
    AccessList, Ace, AceOption, AclId, AclKind, AddressSpec, Dialect, Entry, GroupMember, GroupRef, IcmpSpec, Mode,
    NetworkObject, ObjectGroup, ObjectGroupKind, Port, PortSpec, ProtocolSpec, Remark, ServiceEntry, ServiceObject,
    ServicePorts, ServiceProtocol, Source, Span,
};
use crate::names;
use crate::rule::{Action, AddrMatch, IcmpMatch, PortRange};

/// ASA's limit on list names (ASA 9.x guide, 001:592).
pub const MAX_NAME_LEN: usize = 241;

/// How [`AclParser::feed`] treated a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Feed {
    /// An access-list, object-group or object line, or a line of an open block.
    Consumed,
    /// Not access-list syntax: the caller handles it (and any open block is closed).
    NotAcl,
}

/// Everything the parser found: lists, object definitions and warnings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AclSet {
    /// The dialect the text was read as.
    pub dialect: Dialect,
    /// Lists in order of first definition.
    pub acls: Vec<AccessList>,
    /// Object-groups in order of first definition.
    pub object_groups: Vec<ObjectGroup>,
    /// ASA network objects in order of first definition.
    pub network_objects: Vec<NetworkObject>,
    /// Warnings about accepted lines.
    pub diagnostics: Vec<Diagnostic>,
}

impl AclSet {
    /// The list whose id prints as `id` (`"101"`, `"outside_cryptomap"`).
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&AccessList> {
        self.acls.iter().find(|a| id_key(&a.id) == id)
    }

    /// The object-group named `name`.
    #[must_use]
    pub fn object_group(&self, name: &str) -> Option<&ObjectGroup> {
        self.object_groups.iter().find(|g| g.name == name)
    }

    /// The network object named `name`.
    #[must_use]
    pub fn network_object(&self, name: &str) -> Option<&NetworkObject> {
        self.network_objects.iter().find(|o| o.name == name)
    }
}

impl fmt::Display for AclSet {
    /// Objects, object-groups and lists as configuration text in the set's dialect.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for o in &self.network_objects {
            o.fmt(f)?;
        }
        // Groups in dependency order, so that every `group-object` names a group printed above.
        let mut printed: BTreeSet<&str> = BTreeSet::new();
        let mut left: Vec<&ObjectGroup> = self.object_groups.iter().collect();
        while !left.is_empty() {
            let before = left.len();
            let mut rest = Vec::new();
            for g in left {
                let ready = g.members.iter().all(|m| match m {
                    GroupMember::Group(n) => printed.contains(n.as_str()),
                    _ => true,
                });
                if ready {
                    g.display(self.dialect).fmt(f)?;
                    printed.insert(g.name.as_str());
                } else {
                    rest.push(g);
                }
            }
            if rest.len() == before {
                // A cycle or a dangling name (the parser refuses both): print as is.
                for g in &rest {
                    g.display(self.dialect).fmt(f)?;
                }
                break;
            }
            left = rest;
        }
        for a in &self.acls {
            a.fmt(f)?;
        }
        Ok(())
    }
}

fn id_key(id: &AclId) -> String {
    id.to_string()
}

// ----------------------------------------------------------------------------------------
// Tokens and cursor.

type Tok<'a> = crate::lex::Token<'a>;

struct Cur<'t, 'a> {
    toks: &'t [Tok<'a>],
    pos: usize,
    line: u32,
    eol: u32,
    text: &'a str,
}

impl<'a> Cur<'_, 'a> {
    fn peek(&self) -> Option<Tok<'a>> {
        self.toks.get(self.pos).copied()
    }

    fn peek_is(&self, kw: &str) -> bool {
        self.peek().is_some_and(|t| t.is(kw))
    }

    fn bump(&mut self) -> Option<Tok<'a>> {
        let t = self.peek();
        if t.is_some() {
            self.pos += 1;
        }
        t
    }

    fn eat(&mut self, kw: &str) -> bool {
        if self.peek_is(kw) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn prev(&self) -> Option<Tok<'a>> {
        self.pos.checked_sub(1).and_then(|p| self.toks.get(p).copied())
    }

    fn err_at(&self, tok: Option<Tok<'_>>, kind: ParseErrorKind) -> ParseError {
        ParseError { line: self.line, column: tok.map_or(self.eol, |t| t.col), kind }
    }

    /// `expected` at the current token, naming the previous token.
    fn expected(&self, expected: Expected) -> ParseError {
        let found = self.peek();
        self.err_at(
            found,
            ParseErrorKind::Expected {
                expected,
                after: self.prev().map(|t| t.text.to_owned()),
                found: found.map(|t| t.text.to_owned()),
            },
        )
    }

    fn need(&mut self, expected: Expected) -> Result<Tok<'a>, ParseError> {
        match self.peek() {
            Some(t) => {
                self.pos += 1;
                Ok(t)
            }
            None => Err(self.expected(expected)),
        }
    }

    fn end(&self) -> Result<(), ParseError> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.expected(Expected::EndOfLine)),
        }
    }

    /// The raw text from the current token to the end of the line, trimmed.
    fn rest(&mut self) -> String {
        let s = self.peek().and_then(|t| self.text.get(t.byte..)).unwrap_or("").trim().to_owned();
        self.pos = self.toks.len();
        s
    }

    fn span_from(&self, first: Tok<'_>) -> Span {
        Span { line: self.line, column: first.col, end_column: self.eol }
    }

    fn number(&mut self, what: &'static str, min: u32, max: u32) -> Result<u32, ParseError> {
        let t = self.need(Expected::Number)?;
        parse_num(t.text, what, min, max).map_err(|k| self.err_at(Some(t), k))
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn parse_num(s: &str, what: &'static str, min: u32, max: u32) -> Result<u32, ParseErrorKind> {
    if !is_digits(s) {
        return Err(ParseErrorKind::Expected { expected: Expected::Number, after: None, found: Some(s.to_owned()) });
    }
    let out = || ParseErrorKind::OutOfRange { what, value: s.to_owned(), min, max };
    let v: u32 = s.parse().map_err(|_| out())?;
    if v < min || v > max {
        return Err(out());
    }
    Ok(v)
}

fn u8_of(v: u32) -> u8 {
    u8::try_from(v).unwrap_or(u8::MAX)
}

fn u16_of(v: u32) -> u16 {
    u16::try_from(v).unwrap_or(u16::MAX)
}

/// FNV-1a, for the duplicate-ACE index.
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

fn ace_hash(ace: &Ace) -> u64 {
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    let mut a = ace.without_source();
    a.sequence = None;
    a.hash(&mut h);
    h.finish()
}

fn same_ace(a: &Ace, b: &Ace) -> bool {
    let mut x = a.without_source();
    let mut y = b.without_source();
    x.sequence = None;
    y.sequence = None;
    x == y
}

fn group_kind_name(k: ObjectGroupKind) -> &'static str {
    match k {
        ObjectGroupKind::Network => "network",
        ObjectGroupKind::Service(Some(_)) => "service (with a protocol)",
        ObjectGroupKind::Service(None) => "service",
        ObjectGroupKind::Protocol => "protocol",
        ObjectGroupKind::IcmpType => "icmp-type",
    }
}

fn same_group_family(a: ObjectGroupKind, b: ObjectGroupKind) -> bool {
    core::mem::discriminant(&a) == core::mem::discriminant(&b)
}

/// Which table a port name is checked against.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PortProto {
    Tcp,
    Udp,
    Either,
}

fn port_proto(spec: &ProtocolSpec) -> PortProto {
    match spec.number() {
        Some(6) => PortProto::Tcp,
        Some(17) => PortProto::Udp,
        _ => PortProto::Either,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Block {
    None,
    Acl(usize),
    Group(usize),
    Object(usize),
    Skip,
}

enum Insert {
    Append,
    Line(u32),
}

/// The line-fed parser.
///
/// Feed it lines in order with [`AclParser::feed`]; a rejected line leaves the state as it
/// was (like a device that refuses a command), so feeding can go on. [`AclParser::finish`]
/// resolves object-group references and returns the [`AclSet`].
#[derive(Clone, Debug)]
pub struct AclParser {
    dialect: Dialect,
    mode: Mode,
    acls: Vec<AccessList>,
    acl_index: BTreeMap<String, usize>,
    ace_hashes: Vec<BTreeSet<u64>>,
    sequences: Vec<BTreeSet<u32>>,
    groups: Vec<ObjectGroup>,
    skipped_groups: BTreeSet<String>,
    group_index: BTreeMap<String, usize>,
    objects: Vec<NetworkObject>,
    object_index: BTreeMap<String, usize>,
    diagnostics: Vec<Diagnostic>,
    block: Block,
}

/// Warnings gathered while parsing one line; kept only when the line is accepted.
type Warnings = Vec<Diagnostic>;

impl AclParser {
    /// A parser for `dialect` in `mode`.
    #[must_use]
    pub fn new(dialect: Dialect, mode: Mode) -> Self {
        AclParser {
            dialect,
            mode,
            acls: Vec::new(),
            acl_index: BTreeMap::new(),
            ace_hashes: Vec::new(),
            sequences: Vec::new(),
            groups: Vec::new(),
            skipped_groups: BTreeSet::new(),
            group_index: BTreeMap::new(),
            objects: Vec::new(),
            object_index: BTreeMap::new(),
            diagnostics: Vec::new(),
            block: Block::None,
        }
    }

    /// The dialect.
    #[must_use]
    pub const fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The warnings so far.
    #[must_use]
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Ends any open block (`ip access-list ...`, `object-group ...`): the caller saw a line
    /// that belongs to something else.
    pub fn close_block(&mut self) {
        self.block = Block::None;
    }

    /// Feeds one line (`line_no` is reported in spans and errors).
    ///
    /// # Errors
    /// [`ParseError`] naming the line, column and expected tokens when the line is
    /// access-list syntax but invalid; the parser state is unchanged.
    pub fn feed(&mut self, line_no: u32, text: &str) -> Result<Feed, ParseError> {
        let toks = crate::lex::tokens(text);
        let Some(first) = toks.first().copied() else {
            self.block = Block::None;
            return Ok(Feed::NotAcl);
        };
        let eol = toks.last().map_or(1, |t| t.end);
        let mut cur = Cur { toks: &toks, pos: 0, line: line_no, eol, text };
        if first.text.starts_with('!') || first.text.starts_with(':') {
            self.block = Block::None;
            return Ok(Feed::NotAcl);
        }
        let indented = text.starts_with(char::is_whitespace);
        if self.block != Block::None {
            if indented || self.continues_block(&first) {
                self.block_line(&mut cur)?;
                return Ok(Feed::Consumed);
            }
            self.block = Block::None;
        }
        let second = toks.get(1).copied();
        let second_is = |kw: &str| second.is_some_and(|t| t.is(kw));
        if first.is("access-list") {
            self.access_list_line(&mut cur)?;
            return Ok(Feed::Consumed);
        }
        let member_keywords =
            ["network-object", "port-object", "service-object", "protocol-object", "icmp-object", "group-object"];
        if member_keywords.iter().any(|k| first.is(k)) {
            return Err(cur.err_at(Some(first), ParseErrorKind::OutsideBlock { keyword: first.text.to_owned() }));
        }
        match self.dialect {
            Dialect::Ios if first.is("ip") && second_is("access-list") => self.ios_block_header(&mut cur, false),
            Dialect::Ios if first.is("ipv6") && second_is("access-list") => self.ios_block_header(&mut cur, true),
            Dialect::Asa if first.is("ipv6") && second_is("access-list") => {
                self.diagnostics.push(Diagnostic {
                    span: cur.span_from(first),
                    kind: DiagnosticKind::NotModelled { what: "ASA 8.x `ipv6 access-list` line" },
                });
                Ok(Feed::Consumed)
            }
            _ if first.is("object-group") => self.group_header(&mut cur),
            Dialect::Asa | Dialect::Pix if first.is("object") && second.is_some() => self.object_header(&mut cur),
            _ => Ok(Feed::NotAcl),
        }
    }

    /// Resolves object references and returns everything parsed.
    #[must_use]
    pub fn finish(mut self) -> AclSet {
        let mut acls = core::mem::take(&mut self.acls);
        for acl in &mut acls {
            for e in &mut acl.entries {
                if let Entry::Ace(ace) = e {
                    self.resolve_ace(ace);
                }
            }
        }
        AclSet {
            dialect: self.dialect,
            acls,
            object_groups: self.groups,
            network_objects: self.objects,
            diagnostics: self.diagnostics,
        }
    }

    // ------------------------------------------------------------------------------------
    // Blocks.

    fn continues_block(&self, first: &Tok<'_>) -> bool {
        let w = first.lower();
        match self.block {
            Block::Acl(_) => matches!(w.as_str(), "permit" | "deny" | "remark" | "sequence") || is_digits(&w),
            Block::Group(_) => matches!(
                w.as_str(),
                "network-object"
                    | "port-object"
                    | "service-object"
                    | "protocol-object"
                    | "icmp-object"
                    | "group-object"
                    | "description"
            ),
            Block::Object(_) => matches!(w.as_str(), "host" | "subnet" | "range" | "description" | "fqdn"),
            Block::Skip | Block::None => false,
        }
    }

    fn block_line(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        match self.block {
            Block::Acl(idx) => self.ios_block_entry(cur, idx),
            Block::Group(idx) => self.group_member(cur, idx),
            Block::Object(idx) => self.object_member(cur, idx),
            Block::Skip | Block::None => Ok(()),
        }
    }

    fn ios_block_header(&mut self, cur: &mut Cur<'_, '_>, v6: bool) -> Result<Feed, ParseError> {
        let first = cur.bump();
        cur.bump(); // access-list
        let kind = if v6 {
            AclKind::IosIpv6
        } else {
            let Some(t) = cur.peek() else {
                self.block = Block::Skip;
                return Err(cur.expected(Expected::IosListType));
            };
            let kind = if t.is("standard") {
                AclKind::IosStandard
            } else if t.is("extended") {
                AclKind::IosExtended
            } else {
                // `ip access-list resequence|logging|log-update|role-based ...`: global
                // commands about lists, not definitions.
                return Ok(Feed::NotAcl);
            };
            cur.bump();
            kind
        };
        let name_tok = match cur.need(Expected::Name) {
            Ok(t) => t,
            Err(e) => {
                self.block = Block::Skip;
                return Err(e);
            }
        };
        let id = if is_digits(name_tok.text) && kind != AclKind::IosIpv6 {
            let n = parse_num(name_tok.text, "access-list number", 1, 2699).map_err(|k| cur.err_at(Some(name_tok), k));
            let n = match n {
                Ok(n) => n,
                Err(e) => {
                    self.block = Block::Skip;
                    return Err(e);
                }
            };
            match ios_numbered_kind(n) {
                Some(k) if k == kind => AclId::Number(n),
                Some(k) => {
                    self.block = Block::Skip;
                    return Err(cur.err_at(
                        Some(name_tok),
                        ParseErrorKind::KindMismatch { id: n.to_string(), existing: k, line: kind },
                    ));
                }
                None => {
                    self.block = Block::Skip;
                    return Err(cur.err_at(
                        Some(name_tok),
                        ParseErrorKind::OutOfRange {
                            what: "IP access-list number",
                            value: n.to_string(),
                            min: 1,
                            max: 2699,
                        },
                    ));
                }
            }
        } else {
            AclId::Name(name_tok.text.to_owned())
        };
        if let Err(e) = cur.end() {
            self.block = Block::Skip;
            return Err(e);
        }
        let span = first.map_or_else(Span::default, |f| cur.span_from(f));
        match self.acl_for(&id, kind, span, true) {
            Ok(idx) => {
                self.block = Block::Acl(idx);
                Ok(Feed::Consumed)
            }
            Err(k) => {
                self.block = Block::Skip;
                Err(cur.err_at(Some(name_tok), k))
            }
        }
    }

    fn ios_block_entry(&mut self, cur: &mut Cur<'_, '_>, idx: usize) -> Result<(), ParseError> {
        let Some(kind) = self.acls.get(idx).map(|a| a.kind) else { return Ok(()) };
        let Some(first) = cur.peek() else { return Ok(()) };
        let mut sequence = None;
        if first.is("sequence") && kind == AclKind::IosIpv6 {
            cur.bump();
            sequence = Some(cur.number("sequence number", 1, u32::MAX)?);
        } else if is_digits(first.text) {
            cur.bump();
            sequence = Some(
                parse_num(first.text, "sequence number", 1, 2_147_483_647).map_err(|k| cur.err_at(Some(first), k))?,
            );
        }
        let t = cur.need(Expected::Action)?;
        if t.is("remark") {
            let text = cur.rest();
            let source = Source { text: cur.text.trim().to_owned(), span: cur.span_from(first) };
            return self.insert(idx, Entry::Remark(Remark { sequence, text, source }), Insert::Append, cur, first);
        }
        let action = if t.is("permit") {
            Action::Permit
        } else if t.is("deny") {
            Action::Deny
        } else if t.is("no") || t.is("evaluate") || t.is("dynamic") {
            return Err(cur.err_at(Some(t), ParseErrorKind::Unsupported { what: "this access-list subcommand" }));
        } else if t.is("statistics") {
            self.diagnostics.push(Diagnostic {
                span: cur.span_from(first),
                kind: DiagnosticKind::NotModelled { what: "`statistics per-entry`" },
            });
            return Ok(());
        } else {
            cur.pos = cur.pos.saturating_sub(1);
            return Err(cur.expected(Expected::Action));
        };
        let mut warnings = Warnings::new();
        let mut ace = self.ace_body(cur, kind, action, &mut warnings)?;
        if sequence.is_some() && ace.sequence.is_some() {
            return Err(cur.err_at(Some(first), ParseErrorKind::Unsupported { what: "two sequence numbers" }));
        }
        ace.sequence = ace.sequence.or(sequence);
        ace.source = Source { text: cur.text.trim().to_owned(), span: cur.span_from(first) };
        self.insert(idx, Entry::Ace(ace), Insert::Append, cur, first)?;
        self.diagnostics.extend(warnings);
        Ok(())
    }

    // ------------------------------------------------------------------------------------
    // `access-list ...` lines.

    fn access_list_line(&mut self, cur: &mut Cur<'_, '_>) -> Result<(), ParseError> {
        let Some(first) = cur.bump() else { return Ok(()) };
        let id_tok = cur.need(Expected::Name)?;
        match self.dialect {
            Dialect::Ios => self.ios_numbered(cur, first, id_tok),
            Dialect::Asa | Dialect::Pix => self.asa_line(cur, first, id_tok),
        }
    }

    fn ios_numbered(&mut self, cur: &mut Cur<'_, '_>, first: Tok<'_>, id_tok: Tok<'_>) -> Result<(), ParseError> {
        if !is_digits(id_tok.text) {
            self.diagnostics.push(Diagnostic {
                span: cur.span_from(first),
                kind: DiagnosticKind::NotModelled { what: "IOS `access-list` command that is not a numbered list" },
            });
            return Ok(());
        }
        let n = parse_num(id_tok.text, "access-list number", 1, 2699).ok();
        let Some((n, kind)) = n.and_then(|n| ios_numbered_kind(n).map(|k| (n, k))) else {
            self.diagnostics.push(Diagnostic {
                span: cur.span_from(first),
                kind: DiagnosticKind::NotModelled { what: "numbered list that is not an IP list" },
            });
            return Ok(());
        };
        let t = cur.need(Expected::Action)?;
        let id = AclId::Number(n);
        let span = cur.span_from(first);
        if t.is("remark") {
            let text = cur.rest();
            let idx = self.acl_for(&id, kind, span, false).map_err(|k| cur.err_at(Some(id_tok), k))?;
            let source = Source { text: cur.text.trim().to_owned(), span };
            return self.insert(
                idx,
                Entry::Remark(Remark { sequence: None, text, source }),
                Insert::Append,
                cur,
                first,
            );
        }
        let action = self.action(cur, t)?;
        let mut warnings = Warnings::new();
        let mut ace = self.ace_body(cur, kind, action, &mut warnings)?;
        if ace.sequence.is_some() {
            return Err(cur.err_at(Some(t), ParseErrorKind::Unsupported { what: "`sequence` in a numbered list" }));
        }
        ace.source = Source { text: cur.text.trim().to_owned(), span };
        let idx = self.acl_for(&id, kind, span, false).map_err(|k| cur.err_at(Some(id_tok), k))?;
        self.insert(idx, Entry::Ace(ace), Insert::Append, cur, first)?;
        self.diagnostics.extend(warnings);
        Ok(())
    }

    fn action(&self, cur: &mut Cur<'_, '_>, t: Tok<'_>) -> Result<Action, ParseError> {
        if t.is("permit") {
            Ok(Action::Permit)
        } else if t.is("deny") {
            Ok(Action::Deny)
        } else if t.is("dynamic") {
            Err(cur.err_at(Some(t), ParseErrorKind::Unsupported { what: "lock-and-key `dynamic` entries" }))
        } else {
            cur.pos = cur.pos.saturating_sub(1);
            Err(cur.expected(Expected::Action))
        }
    }

    fn asa_line(&mut self, cur: &mut Cur<'_, '_>, first: Tok<'_>, id_tok: Tok<'_>) -> Result<(), ParseError> {
        let span = cur.span_from(first);
        if ["alert-interval", "deny-flow-max"].iter().any(|k| id_tok.is(k)) {
            self.diagnostics
                .push(Diagnostic { span, kind: DiagnosticKind::NotModelled { what: "`access-list` setting" } });
            return Ok(());
        }
        let name = id_tok.text;
        if name.chars().count() > MAX_NAME_LEN {
            return Err(cur.err_at(Some(id_tok), ParseErrorKind::NameTooLong { len: name.chars().count() }));
        }
        let mut insert = Insert::Append;
        if cur.eat("line") {
            insert = Insert::Line(cur.number("line number", 1, u32::MAX)?);
        }
        let extended_kind = if self.dialect == Dialect::Pix { AclKind::PixExtended } else { AclKind::AsaExtended };
        let mut kind = extended_kind;
        let t = cur.need(Expected::Action)?;
        let id = AclId::Name(name.to_owned());
        let t = if t.is("extended") {
            cur.need(Expected::Action)?
        } else if t.is("standard") {
            kind = AclKind::AsaStandard;
            cur.need(Expected::Action)?
        } else if t.is("ethertype") || t.is("webtype") || t.is("rename") {
            self.diagnostics
                .push(Diagnostic { span, kind: DiagnosticKind::NotModelled { what: "ASA ethertype/webtype list" } });
            return Ok(());
        } else {
            t
        };
        if t.is("remark") {
            let text = cur.rest();
            let idx = self.acl_for(&id, kind, span, false).map_err(|k| cur.err_at(Some(id_tok), k))?;
            let source = Source { text: cur.text.trim().to_owned(), span };
            return self.insert(idx, Entry::Remark(Remark { sequence: None, text, source }), insert, cur, first);
        }
        let action = self.action(cur, t)?;
        let mut warnings = Warnings::new();
        let mut ace = self.ace_body(cur, kind, action, &mut warnings)?;
        if ace.sequence.is_some() {
            return Err(cur.err_at(Some(t), ParseErrorKind::Unsupported { what: "`sequence` in an ASA list" }));
        }
        ace.source = Source { text: cur.text.trim().to_owned(), span };
        let idx = self.acl_for(&id, kind, span, false).map_err(|k| cur.err_at(Some(id_tok), k))?;
        self.insert(idx, Entry::Ace(ace), insert, cur, first)?;
        self.diagnostics.extend(warnings);
        Ok(())
    }

    /// The index of list `id`, created with `kind` if new. A list holding only remarks takes
    /// the kind of its first ACE.
    fn acl_for(&mut self, id: &AclId, kind: AclKind, span: Span, header: bool) -> Result<usize, ParseErrorKind> {
        let key = id_key(id);
        if let Some(&idx) = self.acl_index.get(&key) {
            let Some(acl) = self.acls.get_mut(idx) else { return Err(ParseErrorKind::Unsupported { what: "list" }) };
            if acl.kind != kind {
                let only_remarks = acl.entries.iter().all(|e| matches!(e, Entry::Remark(_)));
                let convertible = only_remarks && acl.kind.dialect() == kind.dialect() && !header;
                if !convertible {
                    return Err(ParseErrorKind::KindMismatch { id: key, existing: acl.kind, line: kind });
                }
                acl.kind = kind;
            }
            return Ok(idx);
        }
        let idx = self.acls.len();
        let mut acl = AccessList::new(id.clone(), kind);
        acl.span = span;
        self.acls.push(acl);
        self.ace_hashes.push(BTreeSet::new());
        self.sequences.push(BTreeSet::new());
        self.acl_index.insert(key, idx);
        Ok(idx)
    }

    fn insert(
        &mut self,
        idx: usize,
        entry: Entry,
        at: Insert,
        cur: &Cur<'_, '_>,
        first: Tok<'_>,
    ) -> Result<(), ParseError> {
        let Some(acl) = self.acls.get_mut(idx) else { return Ok(()) };
        if let Entry::Ace(ace) = &entry {
            let h = ace_hash(ace);
            let hashes = self.ace_hashes.get_mut(idx);
            let seen = hashes.as_ref().is_some_and(|s| s.contains(&h));
            if seen && acl.aces().any(|a| same_ace(a, ace)) {
                self.diagnostics.push(Diagnostic {
                    span: cur.span_from(first),
                    kind: DiagnosticKind::DuplicateAce { id: acl.id.to_string() },
                });
                return Ok(());
            }
            if let Some(s) = hashes {
                s.insert(h);
            }
        }
        let pos = match (entry.sequence(), at) {
            (Some(seq), _) => {
                let Some(seqs) = self.sequences.get_mut(idx) else { return Ok(()) };
                if !seqs.insert(seq) {
                    return Err(cur.err_at(Some(first), ParseErrorKind::DuplicateSequence { sequence: seq }));
                }
                if seqs.last().is_some_and(|&max| max == seq) {
                    // The usual case: numbers in increasing order.
                    acl.entries.len()
                } else {
                    acl.entries.iter().position(|e| e.sequence().is_some_and(|s| s > seq)).unwrap_or(acl.entries.len())
                }
            }
            (None, Insert::Line(n)) => {
                usize::try_from(n.saturating_sub(1)).unwrap_or(usize::MAX).min(acl.entries.len())
            }
            (None, Insert::Append) => acl.entries.len(),
        };
        acl.entries.insert(pos, entry);
        Ok(())
    }

    // ------------------------------------------------------------------------------------
    // The ACE body, from the protocol (or the address of a standard list) on.

    fn ace_body(
        &self,
        cur: &mut Cur<'_, '_>,
        kind: AclKind,
        action: Action,
        warnings: &mut Warnings,
    ) -> Result<Ace, ParseError> {
        let mut ace = Ace {
            kind,
            sequence: None,
            action,
            protocol: ProtocolSpec::Ip,
            src: AddressSpec::Any,
            src_ports: None,
            dst: AddressSpec::Any,
            dst_ports: None,
            icmp: None,
            fragments: false,
            options: Vec::new(),
            source: Source::default(),
        };
        match kind {
            AclKind::IosStandard => ace.src = self.ios_standard_address(cur, warnings)?,
            AclKind::AsaStandard => ace.dst = self.address(cur, kind, warnings)?,
            _ => {
                ace.protocol = self.protocol(cur, kind, warnings)?;
                ace.src = self.address(cur, kind, warnings)?;
                ace.src_ports = self.maybe_ports(cur, &ace.protocol, warnings)?;
                ace.dst = self.address(cur, kind, warnings)?;
                ace.dst_ports = self.maybe_ports(cur, &ace.protocol, warnings)?;
                if let (Some(a), Some(b)) = (ace.src.family_v4(), ace.dst.family_v4())
                    && a != b
                {
                    return Err(cur.err_at(cur.prev(), ParseErrorKind::MixedFamilies));
                }
                if ace.protocol.is_icmp() {
                    ace.icmp = self.maybe_icmp(cur, ace.protocol.number() == Some(58), warnings)?;
                }
            }
        }
        self.options(cur, &mut ace, warnings)?;
        Ok(ace)
    }

    fn options(&self, cur: &mut Cur<'_, '_>, ace: &mut Ace, warnings: &mut Warnings) -> Result<(), ParseError> {
        let icmp_pending = ace.protocol.is_icmp() && ace.icmp.is_none();
        while let Some(t) = cur.peek() {
            let w = t.lower();
            cur.bump();
            match w.as_str() {
                "log" | "log-input" => {
                    let mut args = Vec::new();
                    if self.dialect == Dialect::Ios {
                        if let Some(n) = cur.peek()
                            && !is_option_keyword(&n.lower())
                        {
                            args.push(n.text.to_owned());
                            cur.bump();
                        }
                    } else if cur.peek_is("disable") || cur.peek_is("default") {
                        args.extend(cur.bump().map(|n| n.lower()));
                    } else {
                        if let Some(n) = cur.peek() {
                            let l = n.lower();
                            if parse_num(&l, "log level", 0, 7).is_ok() || names::LOG_LEVELS.contains(&l.as_str()) {
                                args.push(l);
                                cur.bump();
                            }
                        }
                        if cur.eat("interval") {
                            let v = cur.number("log interval", 1, 600)?;
                            args.push("interval".to_owned());
                            args.push(v.to_string());
                        }
                    }
                    ace.options.push(if w == "log" { AceOption::Log(args) } else { AceOption::LogInput(args) });
                }
                "time-range" => ace.options.push(AceOption::TimeRange(cur.need(Expected::Name)?.text.to_owned())),
                "inactive" => ace.options.push(AceOption::Inactive),
                "precedence" => ace.options.push(AceOption::Precedence(cur.need(Expected::Name)?.lower())),
                "tos" => ace.options.push(AceOption::Tos(cur.need(Expected::Name)?.lower())),
                "dscp" => ace.options.push(AceOption::Dscp(cur.need(Expected::Name)?.lower())),
                "established" if ace.protocol.number() == Some(6) => {
                    ace.options.push(AceOption::Established);
                    warnings.push(Diagnostic {
                        span: Span { line: cur.line, column: t.col, end_column: t.end },
                        kind: DiagnosticKind::EstablishedIgnored,
                    });
                }
                "fragments" if !ace.fragments => ace.fragments = true,
                "sequence" if ace.kind == AclKind::IosIpv6 && ace.sequence.is_none() => {
                    ace.sequence = Some(cur.number("sequence number", 1, u32::MAX)?);
                }
                _ => {
                    cur.pos = cur.pos.saturating_sub(1);
                    let first_option = ace.options.is_empty() && !ace.fragments;
                    return Err(cur.expected(if icmp_pending && first_option {
                        Expected::IcmpOrOption
                    } else {
                        Expected::OptionOrEnd
                    }));
                }
            }
        }
        Ok(())
    }

    fn protocol(
        &self,
        cur: &mut Cur<'_, '_>,
        kind: AclKind,
        warnings: &mut Warnings,
    ) -> Result<ProtocolSpec, ParseError> {
        let t = cur.need(Expected::Protocol)?;
        let w = t.lower();
        if (w == "ip" && kind != AclKind::IosIpv6) || (w == "ipv6" && kind == AclKind::IosIpv6) {
            return Ok(ProtocolSpec::Ip);
        }
        if w == "object-group" {
            let n = cur.need(Expected::Name)?;
            let g = self.group(cur, n)?;
            return match g.kind {
                ObjectGroupKind::Protocol => Ok(ProtocolSpec::ProtocolGroup(GroupRef::unresolved(g.name.clone()))),
                ObjectGroupKind::Service(None) => Ok(ProtocolSpec::ServiceGroup(GroupRef::unresolved(g.name.clone()))),
                other => Err(cur.err_at(
                    Some(n),
                    ParseErrorKind::GroupKind {
                        name: g.name.clone(),
                        expected: "protocol or service",
                        found: group_kind_name(other),
                    },
                )),
            };
        }
        if w == "object" {
            return Err(cur.err_at(Some(t), ParseErrorKind::Unsupported { what: "service objects (`object NAME`)" }));
        }
        if is_digits(&w) {
            let n = parse_num(&w, "protocol number", 0, 255).map_err(|k| cur.err_at(Some(t), k))?;
            return Ok(ProtocolSpec::Number { number: u8_of(n), name: None });
        }
        let Some(e) = names::protocol(&w) else {
            cur.pos = cur.pos.saturating_sub(1);
            return Err(cur.expected(Expected::Protocol));
        };
        let number = if kind == AclKind::IosIpv6 && e.number == 1 { 58 } else { e.number };
        if e.dialects & self.dialect.table_bit() == 0 {
            warnings.push(self.warn(cur, t, DiagnosticKind::NameFromOtherTable { what: "protocol", name: w }));
        }
        Ok(ProtocolSpec::Number { number, name: Some(e.name) })
    }

    fn warn(&self, cur: &Cur<'_, '_>, t: Tok<'_>, kind: DiagnosticKind) -> Diagnostic {
        Diagnostic { span: Span { line: cur.line, column: t.col, end_column: t.end }, kind }
    }

    fn group<'s>(&'s self, cur: &Cur<'_, '_>, n: Tok<'_>) -> Result<&'s ObjectGroup, ParseError> {
        self.group_index.get(n.text).and_then(|&i| self.groups.get(i)).ok_or_else(|| {
            if self.skipped_groups.contains(n.text) {
                cur.err_at(
                    Some(n),
                    ParseErrorKind::Unsupported { what: "an object-group of a type that is not modelled" },
                )
            } else {
                cur.err_at(Some(n), ParseErrorKind::UndefinedGroup { name: n.text.to_owned() })
            }
        })
    }

    fn ip(&self, cur: &Cur<'_, '_>, t: Tok<'_>, kind: AclKind) -> Result<IpAddr, ParseError> {
        let addr: IpAddr = t.text.parse().map_err(|_| {
            cur.err_at(
                Some(t),
                ParseErrorKind::Expected {
                    expected: Expected::HostAddress,
                    after: None,
                    found: Some(t.text.to_owned()),
                },
            )
        })?;
        family_ok(addr.is_ipv4(), kind)
            .map_err(|()| cur.err_at(Some(t), ParseErrorKind::WrongFamily { addr: t.text.to_owned(), kind }))?;
        Ok(addr)
    }

    fn ios_standard_address(&self, cur: &mut Cur<'_, '_>, warnings: &mut Warnings) -> Result<AddressSpec, ParseError> {
        let kind = AclKind::IosStandard;
        let Some(t) = cur.peek() else { return Err(cur.expected(Expected::Address)) };
        if t.is("any") || t.is("host") {
            return self.address(cur, kind, warnings);
        }
        let Ok(addr) = t.text.parse::<Ipv4Addr>() else { return Err(cur.expected(Expected::Address)) };
        cur.bump();
        match cur.peek().and_then(|m| m.text.parse::<Ipv4Addr>().ok().map(|w| (m, w))) {
            Some((m, wildcard)) => {
                cur.bump();
                self.wildcard(cur, t, addr, m, wildcard, warnings)
            }
            None => Ok(AddressSpec::Host(IpAddr::V4(addr))),
        }
    }

    fn wildcard(
        &self,
        cur: &Cur<'_, '_>,
        at: Tok<'_>,
        addr: Ipv4Addr,
        mtok: Tok<'_>,
        wildcard: Ipv4Addr,
        warnings: &mut Warnings,
    ) -> Result<AddressSpec, ParseError> {
        let a = u32::from(addr);
        let w = u32::from(wildcard);
        let addr = if a & w == 0 {
            addr
        } else {
            let masked = Ipv4Addr::from(a & !w);
            self.host_bits(cur, at, &addr.to_string(), mtok.text, &masked.to_string(), warnings)?;
            masked
        };
        Ok(AddressSpec::Wildcard { addr, wildcard })
    }

    fn host_bits(
        &self,
        cur: &Cur<'_, '_>,
        at: Tok<'_>,
        addr: &str,
        mask: &str,
        masked: &str,
        warnings: &mut Warnings,
    ) -> Result<(), ParseError> {
        match self.mode {
            Mode::Strict => Err(cur.err_at(
                Some(at),
                ParseErrorKind::HostBits { addr: addr.to_owned(), mask: mask.to_owned(), masked: masked.to_owned() },
            )),
            Mode::Lenient => {
                warnings.push(self.warn(
                    cur,
                    at,
                    DiagnosticKind::HostBitsMasked {
                        addr: addr.to_owned(),
                        mask: mask.to_owned(),
                        masked: masked.to_owned(),
                    },
                ));
                Ok(())
            }
        }
    }

    fn prefix6(
        &self,
        cur: &Cur<'_, '_>,
        t: Tok<'_>,
        warnings: &mut Warnings,
    ) -> Result<Option<AddressSpec>, ParseError> {
        let Some((a, l)) = t.text.split_once('/') else { return Ok(None) };
        let Ok(addr) = a.parse::<Ipv6Addr>() else { return Ok(None) };
        let len = parse_num(l, "IPv6 prefix length", 0, 128).map_err(|k| cur.err_at(Some(t), k))?;
        let bits = u128::from(addr);
        let keep = if len == 0 { 0 } else { u128::MAX << (128 - len) };
        let addr = if bits & !keep == 0 {
            addr
        } else {
            let masked = Ipv6Addr::from(bits & keep);
            self.host_bits(cur, t, &addr.to_string(), &alloc::format!("/{len}"), &masked.to_string(), warnings)?;
            masked
        };
        Ok(Some(AddressSpec::Prefix { addr, len: u8_of(len) }))
    }

    fn netmask(
        &self,
        cur: &Cur<'_, '_>,
        at: Tok<'_>,
        addr: Ipv4Addr,
        mtok: Tok<'_>,
        warnings: &mut Warnings,
    ) -> Result<AddressSpec, ParseError> {
        let Ok(mask) = mtok.text.parse::<Ipv4Addr>() else {
            return Err(cur.err_at(
                Some(mtok),
                ParseErrorKind::Expected {
                    expected: Expected::Netmask,
                    after: Some(at.text.to_owned()),
                    found: Some(mtok.text.to_owned()),
                },
            ));
        };
        let m = u32::from(mask);
        if m.leading_ones() + m.trailing_zeros() != 32 {
            return Err(cur.err_at(Some(mtok), ParseErrorKind::BadNetmask { mask: mtok.text.to_owned() }));
        }
        let a = u32::from(addr);
        let addr = if a & !m == 0 {
            addr
        } else {
            let masked = Ipv4Addr::from(a & m);
            self.host_bits(cur, at, &addr.to_string(), mtok.text, &masked.to_string(), warnings)?;
            masked
        };
        Ok(AddressSpec::Netmask { addr, mask })
    }

    fn address(
        &self,
        cur: &mut Cur<'_, '_>,
        kind: AclKind,
        warnings: &mut Warnings,
    ) -> Result<AddressSpec, ParseError> {
        let Some(t) = cur.peek() else { return Err(cur.expected(Expected::Address)) };
        let w = t.lower();
        let asa = matches!(kind, AclKind::AsaExtended | AclKind::AsaStandard);
        cur.bump();
        match w.as_str() {
            "any" => Ok(AddressSpec::Any),
            "any4" if asa => Ok(AddressSpec::Any4),
            "any6" if asa && kind != AclKind::AsaStandard => Ok(AddressSpec::Any6),
            "host" => {
                let a = cur.need(Expected::HostAddress)?;
                Ok(AddressSpec::Host(self.ip(cur, a, kind)?))
            }
            "object-group" if kind != AclKind::IosIpv6 => {
                let n = cur.need(Expected::Name)?;
                let g = self.group(cur, n)?;
                if g.kind != ObjectGroupKind::Network {
                    return Err(cur.err_at(
                        Some(n),
                        ParseErrorKind::GroupKind {
                            name: g.name.clone(),
                            expected: "network",
                            found: group_kind_name(g.kind),
                        },
                    ));
                }
                Ok(AddressSpec::ObjectGroup(GroupRef::unresolved(g.name.clone())))
            }
            "object" if asa => {
                let n = cur.need(Expected::Name)?;
                if !self.object_index.contains_key(n.text) {
                    return Err(cur.err_at(Some(n), ParseErrorKind::UndefinedObject { name: n.text.to_owned() }));
                }
                Ok(AddressSpec::Object(GroupRef::unresolved(n.text.to_owned())))
            }
            "interface" => Err(cur.err_at(Some(t), ParseErrorKind::Unsupported { what: "`interface NAME` addresses" })),
            _ => {
                if let Some(p) = self.prefix6(cur, t, warnings)? {
                    family_ok(false, kind).map_err(|()| {
                        cur.err_at(Some(t), ParseErrorKind::WrongFamily { addr: t.text.to_owned(), kind })
                    })?;
                    return Ok(p);
                }
                let Ok(addr) = t.text.parse::<Ipv4Addr>() else {
                    cur.pos = cur.pos.saturating_sub(1);
                    return Err(cur.expected(Expected::Address));
                };
                family_ok(true, kind)
                    .map_err(|()| cur.err_at(Some(t), ParseErrorKind::WrongFamily { addr: t.text.to_owned(), kind }))?;
                let want = if kind.dialect() == Dialect::Ios { Expected::Wildcard } else { Expected::Netmask };
                let Some(m) = cur.bump() else { return Err(cur.expected(want)) };
                if kind.dialect() == Dialect::Ios {
                    let Ok(wc) = m.text.parse::<Ipv4Addr>() else {
                        cur.pos = cur.pos.saturating_sub(1);
                        return Err(cur.expected(want));
                    };
                    self.wildcard(cur, t, addr, m, wc, warnings)
                } else {
                    self.netmask(cur, t, addr, m, warnings)
                }
            }
        }
    }

    fn maybe_ports(
        &self,
        cur: &mut Cur<'_, '_>,
        protocol: &ProtocolSpec,
        warnings: &mut Warnings,
    ) -> Result<Option<PortSpec>, ParseError> {
        let Some(t) = cur.peek() else { return Ok(None) };
        let w = t.lower();
        let is_op = matches!(w.as_str(), "eq" | "neq" | "lt" | "gt" | "range");
        let is_group = w == "object-group"
            && cur.toks.get(cur.pos + 1).is_some_and(|n| {
                self.group_index
                    .get(n.text)
                    .and_then(|&i| self.groups.get(i))
                    .is_some_and(|g| matches!(g.kind, ObjectGroupKind::Service(Some(_))))
            });
        if !is_op && !is_group {
            return Ok(None);
        }
        if !protocol.takes_ports() {
            let p = match protocol {
                ProtocolSpec::Ip => "ip".to_owned(),
                ProtocolSpec::Number { number, name } => name.map_or_else(|| number.to_string(), ToOwned::to_owned),
                _ => g_name(protocol).unwrap_or_default(),
            };
            return Err(cur.err_at(Some(t), ParseErrorKind::PortsNotAllowed { protocol: p }));
        }
        self.port_spec(cur, port_proto(protocol), true, warnings).map(Some)
    }

    fn port_spec(
        &self,
        cur: &mut Cur<'_, '_>,
        proto: PortProto,
        groups: bool,
        warnings: &mut Warnings,
    ) -> Result<PortSpec, ParseError> {
        let t = cur.need(Expected::PortOperator)?;
        let w = t.lower();
        Ok(match w.as_str() {
            "eq" => PortSpec::Eq(self.port(cur, proto, warnings)?),
            "neq" => PortSpec::Neq(self.port(cur, proto, warnings)?),
            "lt" => PortSpec::Lt(self.port(cur, proto, warnings)?),
            "gt" => PortSpec::Gt(self.port(cur, proto, warnings)?),
            "range" => {
                let a = self.port(cur, proto, warnings)?;
                let b = self.port(cur, proto, warnings)?;
                if a.number > b.number {
                    return Err(cur.err_at(
                        cur.prev(),
                        ParseErrorKind::ReversedRange { lo: u32::from(a.number), hi: u32::from(b.number) },
                    ));
                }
                PortSpec::Range(a, b)
            }
            "object-group" if groups => {
                let n = cur.need(Expected::Name)?;
                let g = self.group(cur, n)?;
                if !matches!(g.kind, ObjectGroupKind::Service(Some(_))) {
                    return Err(cur.err_at(
                        Some(n),
                        ParseErrorKind::GroupKind {
                            name: g.name.clone(),
                            expected: "service (with a protocol)",
                            found: group_kind_name(g.kind),
                        },
                    ));
                }
                PortSpec::Group(GroupRef::unresolved(g.name.clone()))
            }
            _ => {
                cur.pos = cur.pos.saturating_sub(1);
                return Err(cur.expected(Expected::PortOperator));
            }
        })
    }

    fn port(&self, cur: &mut Cur<'_, '_>, proto: PortProto, warnings: &mut Warnings) -> Result<Port, ParseError> {
        let t = cur.need(Expected::Port)?;
        let w = t.lower();
        if is_digits(&w) {
            let n = parse_num(&w, "port", 0, 65535).map_err(|k| cur.err_at(Some(t), k))?;
            return Ok(Port::number(u16_of(n)));
        }
        let Some(e) = names::port(&w) else {
            return Err(cur.err_at(Some(t), ParseErrorKind::UnknownName { what: "port", name: t.text.to_owned() }));
        };
        let (tcp, udp) = match self.dialect {
            Dialect::Ios => (names::IOS_TCP, names::IOS_UDP),
            Dialect::Asa | Dialect::Pix => (names::ASA_TCP, names::ASA_UDP),
        };
        let ok = match proto {
            PortProto::Tcp => e.valid & tcp != 0,
            PortProto::Udp => e.valid & udp != 0,
            PortProto::Either => e.valid & (tcp | udp) != 0,
        };
        if !ok {
            warnings.push(self.warn(cur, t, DiagnosticKind::NameFromOtherTable { what: "port", name: w }));
        }
        Ok(Port { number: e.port, name: Some(e.name) })
    }

    fn maybe_icmp(
        &self,
        cur: &mut Cur<'_, '_>,
        v6: bool,
        warnings: &mut Warnings,
    ) -> Result<Option<IcmpSpec>, ParseError> {
        let Some(t) = cur.peek() else { return Ok(None) };
        let w = t.lower();
        if is_digits(&w) {
            cur.bump();
            let ty = parse_num(&w, "ICMP type", 0, 255).map_err(|k| cur.err_at(Some(t), k))?;
            let mut code = None;
            if let Some(c) = cur.peek().filter(|c| is_digits(c.text)) {
                cur.bump();
                code = Some(u8_of(parse_num(c.text, "ICMP code", 0, 255).map_err(|k| cur.err_at(Some(c), k))?));
            }
            return Ok(Some(IcmpSpec::Type { icmp_type: u8_of(ty), code, name: None }));
        }
        if w == "object-group" {
            cur.bump();
            let n = cur.need(Expected::Name)?;
            let g = self.group(cur, n)?;
            if g.kind != ObjectGroupKind::IcmpType {
                return Err(cur.err_at(
                    Some(n),
                    ParseErrorKind::GroupKind {
                        name: g.name.clone(),
                        expected: "icmp-type",
                        found: group_kind_name(g.kind),
                    },
                ));
            }
            return Ok(Some(IcmpSpec::Group(GroupRef::unresolved(g.name.clone()))));
        }
        let Some(e) = names::icmp(&w, v6) else { return Ok(None) };
        cur.bump();
        if e.dialects & self.dialect.table_bit() == 0 {
            warnings.push(self.warn(cur, t, DiagnosticKind::NameFromOtherTable { what: "ICMP message", name: w }));
        }
        Ok(Some(IcmpSpec::Type { icmp_type: e.icmp_type, code: e.code, name: Some(e.name) }))
    }

    fn icmp_value(&self, cur: &mut Cur<'_, '_>, warnings: &mut Warnings) -> Result<IcmpSpec, ParseError> {
        match self.maybe_icmp(cur, false, warnings)? {
            Some(IcmpSpec::Group(_)) | None => {
                let t = cur.peek();
                match t {
                    Some(t) if !is_digits(t.text) && t.text != "object-group" => Err(cur.err_at(
                        Some(t),
                        ParseErrorKind::UnknownName { what: "ICMP message", name: t.text.to_owned() },
                    )),
                    _ => Err(cur.expected(Expected::IcmpType)),
                }
            }
            Some(i) => Ok(i),
        }
    }

    // ------------------------------------------------------------------------------------
    // Object-groups and objects.

    fn group_header(&mut self, cur: &mut Cur<'_, '_>) -> Result<Feed, ParseError> {
        let Some(first) = cur.bump() else { return Ok(Feed::NotAcl) };
        let r = self.group_header_inner(cur, first);
        if r.is_err() {
            self.block = Block::Skip;
        }
        r.map(|()| Feed::Consumed)
    }

    fn group_header_inner(&mut self, cur: &mut Cur<'_, '_>, first: Tok<'_>) -> Result<(), ParseError> {
        let t = cur.need(Expected::GroupType)?;
        let w = t.lower();
        let mut kind = match w.as_str() {
            "network" => ObjectGroupKind::Network,
            "service" => ObjectGroupKind::Service(None),
            "protocol" => ObjectGroupKind::Protocol,
            "icmp-type" => ObjectGroupKind::IcmpType,
            "user" | "security" | "network-service" => {
                return self.skip_group(cur, first, "object-group of this type");
            }
            _ => {
                cur.pos = cur.pos.saturating_sub(1);
                return Err(cur.expected(Expected::GroupType));
            }
        };
        if self.dialect == Dialect::Ios && kind != ObjectGroupKind::Network {
            return self.skip_group(cur, first, "IOS object-group other than network");
        }
        let name = cur.need(Expected::Name)?;
        if let ObjectGroupKind::Service(_) = kind
            && let Some(p) = cur.peek()
        {
            let sp = match p.lower().as_str() {
                "tcp" => ServicePorts::Tcp,
                "udp" => ServicePorts::Udp,
                "tcp-udp" => ServicePorts::TcpUdp,
                _ => return Err(cur.expected(Expected::EndOfLine)),
            };
            cur.bump();
            kind = ObjectGroupKind::Service(Some(sp));
        }
        cur.end()?;
        if let Some(&idx) = self.group_index.get(name.text) {
            let existing = self.groups.get(idx).map(|g| g.kind);
            if existing != Some(kind) {
                return Err(cur.err_at(
                    Some(name),
                    ParseErrorKind::GroupKind {
                        name: name.text.to_owned(),
                        expected: group_kind_name(kind),
                        found: existing.map_or("unknown", group_kind_name),
                    },
                ));
            }
            self.block = Block::Group(idx);
            return Ok(());
        }
        let idx = self.groups.len();
        self.groups.push(ObjectGroup {
            name: name.text.to_owned(),
            kind,
            description: None,
            members: Vec::new(),
            span: cur.span_from(first),
        });
        self.group_index.insert(name.text.to_owned(), idx);
        self.block = Block::Group(idx);
        Ok(())
    }

    /// Consumes an object-group header of a type the crate does not model: a warning, its
    /// member lines skipped, and an error only if an ACE names the group.
    fn skip_group(&mut self, cur: &mut Cur<'_, '_>, first: Tok<'_>, what: &'static str) -> Result<(), ParseError> {
        if let Some(name) = cur.bump() {
            self.skipped_groups.insert(name.text.to_owned());
        }
        self.diagnostics.push(Diagnostic { span: cur.span_from(first), kind: DiagnosticKind::NotModelled { what } });
        self.block = Block::Skip;
        Ok(())
    }

    fn group_member(&mut self, cur: &mut Cur<'_, '_>, idx: usize) -> Result<(), ParseError> {
        let Some(gkind) = self.groups.get(idx).map(|g| g.kind) else { return Ok(()) };
        let Some(t) = cur.bump() else { return Ok(()) };
        let w = t.lower();
        let mut warnings = Warnings::new();
        let kind = match self.dialect {
            Dialect::Ios => AclKind::IosExtended,
            Dialect::Asa => AclKind::AsaExtended,
            Dialect::Pix => AclKind::PixExtended,
        };
        let member = match (w.as_str(), gkind) {
            ("description", _) => {
                let d = cur.rest();
                if let Some(g) = self.groups.get_mut(idx) {
                    g.description = Some(d);
                }
                return Ok(());
            }
            ("group-object", _) => {
                let n = cur.need(Expected::Name)?;
                cur.end()?;
                let g = self.group(cur, n)?;
                let gname = self.groups.get(idx).map(|g| g.name.clone()).unwrap_or_default();
                if !same_group_family(g.kind, gkind) {
                    return Err(cur.err_at(
                        Some(n),
                        ParseErrorKind::GroupKind {
                            name: g.name.clone(),
                            expected: group_kind_name(gkind),
                            found: group_kind_name(g.kind),
                        },
                    ));
                }
                if g.name == gname || self.reaches(&g.name, &gname) {
                    return Err(
                        cur.err_at(Some(n), ParseErrorKind::GroupCycle { group: gname, member: g.name.clone() })
                    );
                }
                GroupMember::Group(n.text.to_owned())
            }
            ("network-object", ObjectGroupKind::Network) => {
                let spec = self.network_object_value(cur, kind, &mut warnings)?;
                cur.end()?;
                GroupMember::Address(spec)
            }
            ("host" | "range" | "any", ObjectGroupKind::Network) if self.dialect == Dialect::Ios => {
                cur.pos = cur.pos.saturating_sub(1);
                let spec = self.ios_group_address(cur, &mut warnings)?;
                cur.end()?;
                GroupMember::Address(spec)
            }
            (_, ObjectGroupKind::Network) if self.dialect == Dialect::Ios && t.text.parse::<Ipv4Addr>().is_ok() => {
                cur.pos = cur.pos.saturating_sub(1);
                let spec = self.ios_group_address(cur, &mut warnings)?;
                cur.end()?;
                GroupMember::Address(spec)
            }
            ("port-object", ObjectGroupKind::Service(Some(sp))) => {
                let proto = match sp {
                    ServicePorts::Tcp => PortProto::Tcp,
                    ServicePorts::Udp => PortProto::Udp,
                    ServicePorts::TcpUdp => PortProto::Either,
                };
                let spec = self.port_spec(cur, proto, false, &mut warnings)?;
                cur.end()?;
                GroupMember::Port(spec)
            }
            ("service-object", ObjectGroupKind::Service(None)) => {
                let so = self.service_object(cur, kind, &mut warnings)?;
                cur.end()?;
                GroupMember::Service(so)
            }
            ("protocol-object", ObjectGroupKind::Protocol) => {
                let p = self.protocol(cur, kind, &mut warnings)?;
                if !matches!(p, ProtocolSpec::Ip | ProtocolSpec::Number { .. }) {
                    return Err(cur.err_at(cur.prev(), ParseErrorKind::Unsupported { what: "nested groups here" }));
                }
                cur.end()?;
                GroupMember::Protocol(p)
            }
            ("icmp-object", ObjectGroupKind::IcmpType) => {
                let i = self.icmp_value(cur, &mut warnings)?;
                cur.end()?;
                GroupMember::Icmp(i)
            }
            _ => {
                cur.pos = cur.pos.saturating_sub(1);
                return Err(cur.expected(Expected::GroupMember));
            }
        };
        if let Some(g) = self.groups.get_mut(idx) {
            g.members.push(member);
        }
        self.diagnostics.extend(warnings);
        Ok(())
    }

    /// True when group `from` contains `to` through `group-object`s.
    fn reaches(&self, from: &str, to: &str) -> bool {
        let mut stack = alloc::vec![from.to_owned()];
        let mut seen = BTreeSet::new();
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if !seen.insert(n.clone()) {
                continue;
            }
            if let Some(g) = self.group_index.get(&n).and_then(|&i| self.groups.get(i)) {
                for m in &g.members {
                    if let GroupMember::Group(c) = m {
                        stack.push(c.clone());
                    }
                }
            }
        }
        false
    }

    fn network_object_value(
        &self,
        cur: &mut Cur<'_, '_>,
        kind: AclKind,
        warnings: &mut Warnings,
    ) -> Result<AddressSpec, ParseError> {
        let Some(t) = cur.peek() else { return Err(cur.expected(Expected::Address)) };
        if t.is("host") || t.is("object") {
            return self.address(cur, kind, warnings);
        }
        cur.bump();
        if let Some(p) = self.prefix6(cur, t, warnings)? {
            family_ok(false, kind)
                .map_err(|()| cur.err_at(Some(t), ParseErrorKind::WrongFamily { addr: t.text.to_owned(), kind }))?;
            return Ok(p);
        }
        let Ok(addr) = t.text.parse::<Ipv4Addr>() else {
            cur.pos = cur.pos.saturating_sub(1);
            return Err(cur.expected(Expected::Address));
        };
        let Some(m) = cur.bump() else { return Err(cur.expected(Expected::Netmask)) };
        self.netmask(cur, t, addr, m, warnings)
    }

    fn ios_group_address(&self, cur: &mut Cur<'_, '_>, warnings: &mut Warnings) -> Result<AddressSpec, ParseError> {
        let Some(t) = cur.bump() else { return Err(cur.expected(Expected::Address)) };
        let kind = AclKind::IosExtended;
        if t.is("any") {
            return Ok(AddressSpec::Any);
        }
        if t.is("host") {
            let a = cur.need(Expected::HostAddress)?;
            return Ok(AddressSpec::Host(self.ip(cur, a, kind)?));
        }
        if t.is("range") {
            return self.range(cur, kind);
        }
        let Ok(addr) = t.text.parse::<Ipv4Addr>() else {
            cur.pos = cur.pos.saturating_sub(1);
            return Err(cur.expected(Expected::Address));
        };
        let Some(m) = cur.bump() else { return Err(cur.expected(Expected::Netmask)) };
        self.netmask(cur, t, addr, m, warnings)
    }

    fn range(&self, cur: &mut Cur<'_, '_>, kind: AclKind) -> Result<AddressSpec, ParseError> {
        let a = cur.need(Expected::HostAddress)?;
        let start = self.ip(cur, a, kind)?;
        let b = cur.need(Expected::HostAddress)?;
        let end = self.ip(cur, b, kind)?;
        let num = |x: IpAddr| match x {
            IpAddr::V4(v) => u128::from(u32::from(v)),
            IpAddr::V6(v) => u128::from(v),
        };
        if start.is_ipv4() != end.is_ipv4() {
            return Err(cur.err_at(Some(b), ParseErrorKind::MixedFamilies));
        }
        if num(start) > num(end) {
            return Err(cur.err_at(
                Some(b),
                ParseErrorKind::Expected {
                    expected: Expected::HostAddress,
                    after: Some(a.text.to_owned()),
                    found: Some(b.text.to_owned()),
                },
            ));
        }
        Ok(AddressSpec::Range { start, end })
    }

    fn service_object(
        &self,
        cur: &mut Cur<'_, '_>,
        kind: AclKind,
        warnings: &mut Warnings,
    ) -> Result<ServiceObject, ParseError> {
        let protocol = if cur.eat("tcp-udp") {
            ServiceProtocol::TcpUdp
        } else {
            let p = self.protocol(cur, kind, warnings)?;
            if !matches!(p, ProtocolSpec::Ip | ProtocolSpec::Number { .. }) {
                return Err(cur.err_at(cur.prev(), ParseErrorKind::Unsupported { what: "nested groups here" }));
            }
            ServiceProtocol::Spec(p)
        };
        let mut so = ServiceObject { protocol, src_ports: None, dst_ports: None, icmp: None };
        let (ported, proto, icmp6) = match &so.protocol {
            ServiceProtocol::TcpUdp => (true, PortProto::Either, false),
            ServiceProtocol::Spec(p) => (p.takes_ports(), port_proto(p), p.number() == Some(58)),
        };
        if let ServiceProtocol::Spec(p) = &so.protocol
            && p.is_icmp()
        {
            so.icmp = self.maybe_icmp(cur, icmp6, warnings)?;
            return Ok(so);
        }
        if !ported {
            return Ok(so);
        }
        if cur.eat("source") {
            so.src_ports = Some(self.port_spec(cur, proto, false, warnings)?);
        }
        if cur.eat("destination") {
            so.dst_ports = Some(self.port_spec(cur, proto, false, warnings)?);
        } else if so.src_ports.is_none() && cur.peek().is_some() {
            // The 8.x form `service-object tcp eq 80` gives the destination port.
            so.dst_ports = Some(self.port_spec(cur, proto, false, warnings)?);
        }
        Ok(so)
    }

    fn object_header(&mut self, cur: &mut Cur<'_, '_>) -> Result<Feed, ParseError> {
        let Some(first) = cur.bump() else { return Ok(Feed::NotAcl) };
        let Some(t) = cur.bump() else { return Ok(Feed::NotAcl) };
        if !t.is("network") {
            if t.is("service") {
                self.diagnostics.push(Diagnostic {
                    span: cur.span_from(first),
                    kind: DiagnosticKind::NotModelled { what: "`object service`" },
                });
                self.block = Block::Skip;
                return Ok(Feed::Consumed);
            }
            return Ok(Feed::NotAcl);
        }
        let name = match cur.need(Expected::Name).and_then(|n| cur.end().map(|()| n)) {
            Ok(n) => n,
            Err(e) => {
                self.block = Block::Skip;
                return Err(e);
            }
        };
        if let Some(&idx) = self.object_index.get(name.text) {
            self.block = Block::Object(idx);
            return Ok(Feed::Consumed);
        }
        let idx = self.objects.len();
        self.objects.push(NetworkObject {
            name: name.text.to_owned(),
            value: None,
            description: None,
            span: cur.span_from(first),
        });
        self.object_index.insert(name.text.to_owned(), idx);
        self.block = Block::Object(idx);
        Ok(Feed::Consumed)
    }

    fn object_member(&mut self, cur: &mut Cur<'_, '_>, idx: usize) -> Result<(), ParseError> {
        let Some(t) = cur.bump() else { return Ok(()) };
        let mut warnings = Warnings::new();
        let kind = AclKind::AsaExtended;
        let value = match t.lower().as_str() {
            "description" => {
                let d = cur.rest();
                if let Some(o) = self.objects.get_mut(idx) {
                    o.description = Some(d);
                }
                return Ok(());
            }
            "host" => {
                let a = cur.need(Expected::HostAddress)?;
                AddressSpec::Host(self.ip(cur, a, kind)?)
            }
            "subnet" => {
                let a = cur.need(Expected::Address)?;
                if let Some(p) = self.prefix6(cur, a, &mut warnings)? {
                    p
                } else {
                    let Ok(addr) = a.text.parse::<Ipv4Addr>() else {
                        cur.pos = cur.pos.saturating_sub(1);
                        return Err(cur.expected(Expected::Address));
                    };
                    let Some(m) = cur.bump() else { return Err(cur.expected(Expected::Netmask)) };
                    self.netmask(cur, a, addr, m, &mut warnings)?
                }
            }
            "range" => self.range(cur, kind)?,
            "fqdn" => return Err(cur.err_at(Some(t), ParseErrorKind::Unsupported { what: "`fqdn` objects" })),
            "nat" => {
                self.diagnostics.push(Diagnostic {
                    span: cur.span_from(t),
                    kind: DiagnosticKind::NotModelled { what: "`nat` in an object" },
                });
                return Ok(());
            }
            _ => {
                cur.pos = cur.pos.saturating_sub(1);
                return Err(cur.expected(Expected::ObjectValue));
            }
        };
        cur.end()?;
        if let Some(o) = self.objects.get_mut(idx) {
            o.value = Some(value);
        }
        self.diagnostics.extend(warnings);
        Ok(())
    }

    // ------------------------------------------------------------------------------------
    // Resolution of references (in `finish`).

    fn resolve_ace(&self, ace: &mut Ace) {
        let kind = ace.kind;
        for spec in [&mut ace.src, &mut ace.dst] {
            match spec {
                AddressSpec::ObjectGroup(g) => g.members = self.resolve_network(&g.name, kind, 0),
                AddressSpec::Object(g) => g.members = self.resolve_object(&g.name, kind),
                _ => {}
            }
        }
        match &mut ace.protocol {
            ProtocolSpec::ProtocolGroup(g) => g.members = self.resolve_protocols(&g.name, 0),
            ProtocolSpec::ServiceGroup(g) => g.members = self.resolve_services(&g.name, 0),
            _ => {}
        }
        for p in [&mut ace.src_ports, &mut ace.dst_ports].into_iter().flatten() {
            if let PortSpec::Group(g) = p {
                g.members = self.resolve_ports(&g.name, 0);
            }
        }
        if let Some(IcmpSpec::Group(g)) = &mut ace.icmp {
            g.members = self.resolve_icmp(&g.name, 0);
        }
    }

    fn members(&self, name: &str, depth: usize) -> Option<&[GroupMember]> {
        if depth > 64 {
            return None;
        }
        self.group_index.get(name).and_then(|&i| self.groups.get(i)).map(|g| g.members.as_slice())
    }

    fn resolve_object(&self, name: &str, kind: AclKind) -> Vec<AddrMatch> {
        self.object_index
            .get(name)
            .and_then(|&i| self.objects.get(i))
            .and_then(|o| o.value.as_ref())
            .map(|v| v.matches(kind))
            .unwrap_or_default()
    }

    /// The members of group `name` with its nested groups flattened (depth-limited against
    /// reference cycles), each non-group member handed to `leaf` to add what it stands for.
    fn flatten<T>(&self, name: &str, depth: usize, leaf: &dyn Fn(&GroupMember, &mut Vec<T>)) -> Vec<T> {
        let mut out = Vec::new();
        for m in self.members(name, depth).unwrap_or_default() {
            match m {
                GroupMember::Group(g) => out.extend(self.flatten(g, depth + 1, leaf)),
                m => leaf(m, &mut out),
            }
        }
        out
    }

    fn resolve_network(&self, name: &str, kind: AclKind, depth: usize) -> Vec<AddrMatch> {
        self.flatten(name, depth, &|m, out| match m {
            GroupMember::Address(AddressSpec::Object(o)) => out.extend(self.resolve_object(&o.name, kind)),
            GroupMember::Address(a) => out.extend(a.matches(kind)),
            _ => {}
        })
    }

    fn resolve_ports(&self, name: &str, depth: usize) -> Vec<PortRange> {
        self.flatten(name, depth, &|m, out| {
            if let GroupMember::Port(p) = m {
                out.extend(p.ranges());
            }
        })
    }

    fn resolve_protocols(&self, name: &str, depth: usize) -> Vec<Option<u8>> {
        self.flatten(name, depth, &|m, out| match m {
            GroupMember::Protocol(ProtocolSpec::Ip) => out.push(None),
            GroupMember::Protocol(ProtocolSpec::Number { number, .. }) => out.push(Some(*number)),
            _ => {}
        })
    }

    fn resolve_icmp(&self, name: &str, depth: usize) -> Vec<IcmpMatch> {
        self.flatten(name, depth, &|m, out| {
            if let GroupMember::Icmp(i) = m {
                out.extend(i.matches());
            }
        })
    }

    fn resolve_services(&self, name: &str, depth: usize) -> Vec<ServiceEntry> {
        self.flatten(name, depth, &|m, out| {
            let GroupMember::Service(so) = m else { return };
            let protos: Vec<Option<u8>> = match &so.protocol {
                ServiceProtocol::TcpUdp => alloc::vec![Some(6), Some(17)],
                ServiceProtocol::Spec(ProtocolSpec::Number { number, .. }) => alloc::vec![Some(*number)],
                ServiceProtocol::Spec(_) => alloc::vec![None],
            };
            let src = so.src_ports.as_ref().map_or_else(|| alloc::vec![PortRange::ANY], PortSpec::ranges);
            let dst = so.dst_ports.as_ref().map_or_else(|| alloc::vec![PortRange::ANY], PortSpec::ranges);
            let icmp: Vec<Option<IcmpMatch>> =
                so.icmp.as_ref().map_or_else(|| alloc::vec![None], |i| i.matches().into_iter().map(Some).collect());
            for p in &protos {
                for s in &src {
                    for d in &dst {
                        for i in &icmp {
                            out.push(ServiceEntry { protocol: *p, src_ports: *s, dst_ports: *d, icmp: *i });
                        }
                    }
                }
            }
        })
    }
}

fn g_name(p: &ProtocolSpec) -> Option<String> {
    match p {
        ProtocolSpec::ProtocolGroup(g) => Some(alloc::format!("object-group {}", g.name)),
        ProtocolSpec::ServiceGroup(g) => Some(alloc::format!("object-group {}", g.name)),
        _ => None,
    }
}

fn is_option_keyword(w: &str) -> bool {
    matches!(
        w,
        "log"
            | "log-input"
            | "time-range"
            | "inactive"
            | "precedence"
            | "tos"
            | "dscp"
            | "established"
            | "fragments"
            | "sequence"
    )
}

fn family_ok(v4: bool, kind: AclKind) -> Result<(), ()> {
    if (v4 && kind.allows_v4()) || (!v4 && kind.allows_v6()) { Ok(()) } else { Err(()) }
}

/// The kind of an IOS numbered list, or `None` for numbers that are not IP lists.
#[must_use]
pub fn ios_numbered_kind(n: u32) -> Option<AclKind> {
    match n {
        1..=99 | 1300..=1999 => Some(AclKind::IosStandard),
        100..=199 | 2000..=2699 => Some(AclKind::IosExtended),
        _ => None,
    }
}

/// Parses a whole text, skipping lines that are not access-list syntax; the first invalid
/// access-list line is an error.
///
/// # Errors
/// The first [`ParseError`].
pub fn parse(text: &str, dialect: Dialect, mode: Mode) -> Result<AclSet, ParseError> {
    let (set, errors) = parse_lossy(text, dialect, mode);
    match errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(set),
    }
}

/// Parses a whole text like a device loading it: invalid lines are rejected (and returned)
/// and the rest is kept.
#[must_use]
pub fn parse_lossy(text: &str, dialect: Dialect, mode: Mode) -> (AclSet, Vec<ParseError>) {
    let mut p = AclParser::new(dialect, mode);
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = u32::try_from(i.saturating_add(1)).unwrap_or(u32::MAX);
        if let Err(e) = p.feed(n, line) {
            errors.push(e);
        }
    }
    (p.finish(), errors)
}

/// Guesses the dialect of a whole text: `ip access-list`, `ipv6 access-list` and wildcard
/// masks point to IOS; `object-group`, `object network`, `extended`, `any4`/`any6` and
/// netmasks to ASA; a `PIX Version` banner or `fixup` lines to PIX. IOS when nothing tells.
#[must_use]
pub fn detect_dialect(text: &str) -> Dialect {
    let (mut ios, mut asa, mut pix) = (0u32, 0u32, 0u32);
    for line in text.lines() {
        let l = line.trim().to_ascii_lowercase();
        let mut words = l.split_whitespace();
        let (Some(w0), w1) = (words.next(), words.next()) else { continue };
        match (w0, w1) {
            ("pix", Some("version")) => pix += 20,
            ("asa", Some("version")) => asa += 20,
            ("version", Some(_)) => ios += 5,
            ("ip" | "ipv6", Some("access-list")) => ios += 5,
            ("fixup", _) => pix += 3,
            ("object-group" | "object" | "tunnel-group", _) => asa += 2,
            ("crypto", Some("ikev1" | "ikev2")) => asa += 1,
            ("access-list", Some(id)) => {
                let rest: Vec<&str> = l.split_whitespace().skip(2).collect();
                if rest.first().is_some_and(|w| *w == "extended" || *w == "standard") {
                    asa += 3;
                }
                if rest.iter().any(|w| *w == "any4" || *w == "any6") {
                    asa += 3;
                }
                if !is_digits(id) {
                    asa += 1;
                }
                for w in rest {
                    if let Ok(m) = w.parse::<Ipv4Addr>() {
                        let v = u32::from(m);
                        if v != 0 && v != u32::MAX && v.leading_ones() + v.trailing_zeros() == 32 && v >> 24 == 255 {
                            asa += 1;
                        } else if v != 0 && v != u32::MAX && v >> 24 == 0 {
                            ios += 1;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if pix > 0 && pix >= asa && pix >= ios {
        Dialect::Pix
    } else if asa > ios {
        Dialect::Asa
    } else {
        Dialect::Ios
    }
}
