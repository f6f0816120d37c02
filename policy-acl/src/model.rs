//! The access-list model: lists, entries, ACEs and object definitions as written, with their
//! source positions, and their flattening into [`Rule`]s.
//!
//! # Address families
//!
//! * IOS `access-list N` and `ip access-list` lists are IPv4 only: `any` is every IPv4 address
//!   ([`AddrMatch::ANY_V4`]). IOS `ipv6 access-list` lists are IPv6 only: `any` is every IPv6
//!   address.
//! * ASA follows the unified ACLs of 9.x (ASA 9.x guide, 001:946 names IPv4 for crypto ACLs;
//!   the ASA 9.0 command reference unifies the families): `any` is every address of both
//!   families ([`AddrMatch::Any`]), `any4` and `any6` one family each. For the guides' IPv4
//!   examples (000:488, 001:650) this is the same as the 8.x reading, since a packet of one
//!   family never matches an address of the other.
//! * PIX lists are IPv4 only (PIX guide, 004:518): `any` is every IPv4 address.
//!
//! An ACE never mixes an IPv4 address with an IPv6 one (a parse error); object-groups may hold
//! both, and flattening keeps only the source/destination pairs of one family.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::names;
use crate::rule::{Action, AddrMatch, IcmpMatch, Packet, PortRange, Rule, Verdict, first_match};

/// The configuration dialect a list is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// Cisco IOS and IOS-XE (guides 002, 003): wildcard masks, numbered and named lists.
    #[default]
    Ios,
    /// Cisco ASA 8.x/9.x (guides 000, 001): netmasks, `extended`, object-groups.
    Asa,
    /// Cisco PIX 6/7 (guide 004): netmasks, numbered or named lists, object-groups.
    Pix,
}

impl Dialect {
    pub(crate) const fn table_bit(self) -> u8 {
        match self {
            Dialect::Ios => names::IOS,
            Dialect::Asa | Dialect::Pix => names::ASA,
        }
    }
}

/// How the parser treats address/mask pairs with host bits set (DESIGN §3.12).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Host bits set under the mask are a parse error naming the line and column (default).
    #[default]
    Strict,
    /// Host bits are cleared and a warning is recorded.
    Lenient,
}

/// A position in the configuration text: 1-based line, 1-based columns (characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// Line number as given to the parser.
    pub line: u32,
    /// Column of the first character.
    pub column: u32,
    /// Column just past the last character.
    pub end_column: u32,
}

/// A list's identifier: an IOS number, or a name (ASA/PIX names are always names, even
/// `101`: the ASA guide says "a string or integer", 001:592).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AclId {
    /// IOS numbered list (`access-list 101 ...`).
    Number(u32),
    /// Named list.
    Name(String),
}

impl fmt::Display for AclId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AclId::Number(n) => write!(f, "{n}"),
            AclId::Name(s) => f.write_str(s),
        }
    }
}

/// The kind of a list, which fixes its syntax and the family of `any`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AclKind {
    /// IOS standard list (1-99, 1300-1999, `ip access-list standard`): source address only.
    IosStandard,
    /// IOS extended list (100-199, 2000-2699, `ip access-list extended`).
    IosExtended,
    /// IOS `ipv6 access-list`.
    IosIpv6,
    /// ASA `access-list NAME standard`: destination address only.
    AsaStandard,
    /// ASA `access-list NAME [extended]`.
    AsaExtended,
    /// PIX `access-list NAME`.
    PixExtended,
}

impl AclKind {
    /// The dialect the kind belongs to.
    #[must_use]
    pub const fn dialect(self) -> Dialect {
        match self {
            AclKind::IosStandard | AclKind::IosExtended | AclKind::IosIpv6 => Dialect::Ios,
            AclKind::AsaStandard | AclKind::AsaExtended => Dialect::Asa,
            AclKind::PixExtended => Dialect::Pix,
        }
    }

    /// True for the standard (address-only) kinds.
    #[must_use]
    pub const fn is_standard(self) -> bool {
        matches!(self, AclKind::IosStandard | AclKind::AsaStandard)
    }

    /// What `any` means in this kind (see the module docs).
    #[must_use]
    pub const fn any(self) -> AddrMatch {
        match self {
            AclKind::IosIpv6 => AddrMatch::ANY_V6,
            AclKind::AsaStandard | AclKind::AsaExtended => AddrMatch::Any,
            AclKind::IosStandard | AclKind::IosExtended | AclKind::PixExtended => AddrMatch::ANY_V4,
        }
    }

    /// True when the kind carries IPv4 addresses.
    #[must_use]
    pub const fn allows_v4(self) -> bool {
        !matches!(self, AclKind::IosIpv6)
    }

    /// True when the kind carries IPv6 addresses.
    #[must_use]
    pub const fn allows_v6(self) -> bool {
        matches!(self, AclKind::IosIpv6 | AclKind::AsaExtended | AclKind::AsaStandard)
    }
}

/// A reference to a named object or object-group, with its members as resolved when the
/// parser finished (nested `group-object`s flattened, in order).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GroupRef<T> {
    /// The object or group name as written.
    pub name: String,
    /// The resolved members.
    pub members: Vec<T>,
}

impl<T> GroupRef<T> {
    /// A reference not yet resolved.
    #[must_use]
    pub fn unresolved(name: String) -> Self {
        GroupRef { name, members: Vec::new() }
    }
}

/// The protocol field of an ACE.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ProtocolSpec {
    /// `ip` (or `ipv6` in an IOS IPv6 list): any protocol.
    Ip,
    /// A protocol number, with the keyword it was written as (`tcp`, `ahp`, ...), if any.
    Number {
        /// The protocol number.
        number: u8,
        /// The keyword as written; `None` when written as a number.
        name: Option<&'static str>,
    },
    /// `object-group NAME` of type `protocol` (ASA/PIX): each member protocol (`None` = `ip`).
    ProtocolGroup(GroupRef<Option<u8>>),
    /// `object-group NAME` of type `service` without a protocol (ASA): protocols and ports.
    ServiceGroup(GroupRef<ServiceEntry>),
}

impl ProtocolSpec {
    /// The single protocol number, if the spec names exactly one.
    #[must_use]
    pub fn number(&self) -> Option<u8> {
        match self {
            ProtocolSpec::Number { number, .. } => Some(*number),
            _ => None,
        }
    }

    /// True when ports may follow the addresses (TCP, UDP, SCTP, or a protocol group).
    #[must_use]
    pub fn takes_ports(&self) -> bool {
        match self {
            ProtocolSpec::Number { number, .. } => matches!(number, 6 | 17 | 132),
            ProtocolSpec::ProtocolGroup(_) => true,
            ProtocolSpec::Ip | ProtocolSpec::ServiceGroup(_) => false,
        }
    }

    /// True for ICMP or ICMPv6.
    #[must_use]
    pub fn is_icmp(&self) -> bool {
        matches!(self.number(), Some(1 | 58))
    }
}

/// One resolved member of an untyped service object-group: a protocol with port ranges or an
/// ICMP type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ServiceEntry {
    /// Protocol (`None` = any).
    pub protocol: Option<u8>,
    /// Source ports.
    pub src_ports: PortRange,
    /// Destination ports.
    pub dst_ports: PortRange,
    /// ICMP type/code.
    pub icmp: Option<IcmpMatch>,
}

/// A source or destination address as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AddressSpec {
    /// `any` (family per [`AclKind::any`]).
    Any,
    /// `any4` (ASA 9.x).
    Any4,
    /// `any6` (ASA 9.x).
    Any6,
    /// `host A` (also an IOS standard list's bare address).
    Host(IpAddr),
    /// IOS address and wildcard mask (set bits are "don't care"; non-contiguous allowed).
    Wildcard {
        /// Address.
        addr: Ipv4Addr,
        /// Wildcard mask.
        wildcard: Ipv4Addr,
    },
    /// ASA/PIX address and netmask (contiguous).
    Netmask {
        /// Address.
        addr: Ipv4Addr,
        /// Netmask.
        mask: Ipv4Addr,
    },
    /// IPv6 prefix `A/len`.
    Prefix {
        /// Address.
        addr: Ipv6Addr,
        /// Prefix length.
        len: u8,
    },
    /// An inclusive range; only in object definitions (`range A B`), never inline in an ACE.
    Range {
        /// First address.
        start: IpAddr,
        /// Last address.
        end: IpAddr,
    },
    /// `object-group NAME` of type `network`.
    ObjectGroup(GroupRef<AddrMatch>),
    /// `object NAME` (ASA network object).
    Object(GroupRef<AddrMatch>),
}

impl AddressSpec {
    /// The address tests this spec stands for in a list of `kind`.
    #[must_use]
    pub fn matches(&self, kind: AclKind) -> Vec<AddrMatch> {
        let one = match self {
            AddressSpec::Any => kind.any(),
            AddressSpec::Any4 => AddrMatch::ANY_V4,
            AddressSpec::Any6 => AddrMatch::ANY_V6,
            AddressSpec::Host(a) => AddrMatch::host(*a),
            AddressSpec::Wildcard { addr, wildcard } => AddrMatch::v4_wildcard(u32::from(*addr), u32::from(*wildcard)),
            AddressSpec::Netmask { addr, mask } => AddrMatch::v4_netmask(u32::from(*addr), u32::from(*mask)),
            AddressSpec::Prefix { addr, len } => {
                // Not `AddrMatch::v6_prefix`: it shifts by 128 for a /128 (overflow).
                let wildcard = u128::MAX.checked_shr(u32::from(*len)).unwrap_or(0);
                AddrMatch::V6 { addr: u128::from(*addr) & !wildcard, wildcard }
            }
            AddressSpec::Range { start, end } => match (start, end) {
                (IpAddr::V4(s), IpAddr::V4(e)) => AddrMatch::V4Range { lo: u32::from(*s), hi: u32::from(*e) },
                (IpAddr::V6(s), IpAddr::V6(e)) => AddrMatch::V6Range { lo: u128::from(*s), hi: u128::from(*e) },
                _ => return Vec::new(),
            },
            AddressSpec::ObjectGroup(g) | AddressSpec::Object(g) => return g.members.clone(),
        };
        alloc::vec![one]
    }

    /// `Some(true)` for an IPv4-only spec, `Some(false)` for IPv6-only, `None` when it can
    /// hold either (`any`, references).
    #[must_use]
    pub fn family_v4(&self) -> Option<bool> {
        match self {
            AddressSpec::Any4 | AddressSpec::Wildcard { .. } | AddressSpec::Netmask { .. } => Some(true),
            AddressSpec::Any6 | AddressSpec::Prefix { .. } => Some(false),
            AddressSpec::Host(a) | AddressSpec::Range { start: a, .. } => Some(a.is_ipv4()),
            AddressSpec::Any | AddressSpec::ObjectGroup(_) | AddressSpec::Object(_) => None,
        }
    }
}

/// A port as written: its number and the keyword used, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Port {
    /// Port number.
    pub number: u16,
    /// The keyword as written (`www`, `isakmp`, ...); `None` when written as a number.
    pub name: Option<&'static str>,
}

impl Port {
    /// A port written as a number.
    #[must_use]
    pub const fn number(number: u16) -> Self {
        Port { number, name: None }
    }
}

impl fmt::Display for Port {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name {
            Some(n) => f.write_str(n),
            None => write!(f, "{}", self.number),
        }
    }
}

/// A port operator: `eq`, `neq`, `lt`, `gt`, `range`, or a service object-group.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PortSpec {
    /// `eq P`.
    Eq(Port),
    /// `neq P`: flattens into the two ranges around `P`.
    Neq(Port),
    /// `lt P`: ports below `P` (none for `lt 0`).
    Lt(Port),
    /// `gt P`: ports above `P` (none for `gt 65535`).
    Gt(Port),
    /// `range A B`, inclusive.
    Range(Port, Port),
    /// `object-group NAME` of type `service tcp|udp|tcp-udp` (ASA/PIX).
    Group(GroupRef<PortRange>),
}

impl PortSpec {
    /// The inclusive ranges the operator stands for (empty when it matches no port).
    #[must_use]
    pub fn ranges(&self) -> Vec<PortRange> {
        let mut v = Vec::new();
        match self {
            PortSpec::Eq(p) => v.push(PortRange::single(p.number)),
            PortSpec::Neq(p) => {
                if let Some(hi) = p.number.checked_sub(1) {
                    v.push(PortRange { lo: 0, hi });
                }
                if let Some(lo) = p.number.checked_add(1) {
                    v.push(PortRange { lo, hi: u16::MAX });
                }
            }
            PortSpec::Lt(p) => {
                if let Some(hi) = p.number.checked_sub(1) {
                    v.push(PortRange { lo: 0, hi });
                }
            }
            PortSpec::Gt(p) => {
                if let Some(lo) = p.number.checked_add(1) {
                    v.push(PortRange { lo, hi: u16::MAX });
                }
            }
            PortSpec::Range(a, b) => {
                if a.number <= b.number {
                    v.push(PortRange { lo: a.number, hi: b.number });
                }
            }
            PortSpec::Group(g) => v.extend(g.members.iter().copied()),
        }
        v
    }
}

/// The ICMP part of an ACE: a message keyword or number and code, or an `icmp-type` group.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IcmpSpec {
    /// A type with an optional code.
    Type {
        /// ICMP type.
        icmp_type: u8,
        /// ICMP code (`None` = every code of the type).
        code: Option<u8>,
        /// The keyword as written (`echo`, `host-unreachable`, ...); `None` for numbers.
        name: Option<&'static str>,
    },
    /// `object-group NAME` of type `icmp-type` (ASA/PIX).
    Group(GroupRef<IcmpMatch>),
}

impl IcmpSpec {
    /// The type/code tests the spec stands for.
    #[must_use]
    pub fn matches(&self) -> Vec<IcmpMatch> {
        match self {
            IcmpSpec::Type { icmp_type, code, .. } => alloc::vec![IcmpMatch { icmp_type: *icmp_type, code: *code }],
            IcmpSpec::Group(g) => g.members.clone(),
        }
    }
}

/// A trailing ACE option that does not change which packets match. Each is kept so that the
/// ACE prints as written; [`AceOption::why_ignored`] says why matching leaves it out.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AceOption {
    /// `log [args]` (IOS cookie; ASA level, `interval N`, `disable`, `default`).
    Log(Vec<String>),
    /// `log-input [cookie]` (IOS).
    LogInput(Vec<String>),
    /// `time-range NAME`.
    TimeRange(String),
    /// `inactive` (ASA): the ACE is kept but produces no rules.
    Inactive,
    /// `precedence P` (IOS).
    Precedence(String),
    /// `tos T` (IOS).
    Tos(String),
    /// `dscp D` (IOS).
    Dscp(String),
    /// `established` (IOS, TCP only).
    Established,
}

impl AceOption {
    /// Why the evaluator does not look at this option.
    #[must_use]
    pub const fn why_ignored(&self) -> &'static str {
        match self {
            AceOption::Log(_) | AceOption::LogInput(_) => "logging only reports matches; it does not change them",
            AceOption::TimeRange(_) => {
                "the library reads no clock (DESIGN §2): time ranges are not evaluated, the ACE is always active"
            }
            AceOption::Inactive => "the ACE is disabled: it produces no rules",
            AceOption::Precedence(_) | AceOption::Tos(_) | AceOption::Dscp(_) => {
                "the packet key has no IP precedence/ToS/DSCP field: the ACE is evaluated without the test"
            }
            AceOption::Established => {
                "matching cannot see TCP flags: the ACE is evaluated without `established` (a parse warning says so)"
            }
        }
    }
}

impl fmt::Display for AceOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let with_args = |f: &mut fmt::Formatter<'_>, kw: &str, args: &[String]| {
            f.write_str(kw)?;
            args.iter().try_for_each(|a| write!(f, " {a}"))
        };
        match self {
            AceOption::Log(args) => with_args(f, "log", args),
            AceOption::LogInput(args) => with_args(f, "log-input", args),
            AceOption::TimeRange(n) => write!(f, "time-range {n}"),
            AceOption::Inactive => f.write_str("inactive"),
            AceOption::Precedence(v) => write!(f, "precedence {v}"),
            AceOption::Tos(v) => write!(f, "tos {v}"),
            AceOption::Dscp(v) => write!(f, "dscp {v}"),
            AceOption::Established => f.write_str("established"),
        }
    }
}

/// Where an entry came from: the line as written (trimmed) and its span.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Source {
    /// The configuration line, trimmed.
    pub text: String,
    /// Its position.
    pub span: Span,
}

/// An access control entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Ace {
    /// The kind of list the ACE belongs to (fixes its syntax and the family of `any`).
    pub kind: AclKind,
    /// IOS sequence number, if written (or given by `sequence N` in IPv6 lists).
    pub sequence: Option<u32>,
    /// `permit` or `deny`.
    pub action: Action,
    /// Protocol; [`ProtocolSpec::Ip`] in standard lists.
    pub protocol: ProtocolSpec,
    /// Source; `any` in ASA standard lists (which test the destination).
    pub src: AddressSpec,
    /// Source port operator.
    pub src_ports: Option<PortSpec>,
    /// Destination; `any` in IOS standard lists (which test the source).
    pub dst: AddressSpec,
    /// Destination port operator.
    pub dst_ports: Option<PortSpec>,
    /// ICMP type/code.
    pub icmp: Option<IcmpSpec>,
    /// IOS `fragments`: matches only non-initial fragments.
    pub fragments: bool,
    /// Options that do not change matching.
    pub options: Vec<AceOption>,
    /// The line as written and its position.
    pub source: Source,
}

impl Ace {
    /// True when the ACE carries `inactive`.
    #[must_use]
    pub fn is_inactive(&self) -> bool {
        self.options.contains(&AceOption::Inactive)
    }

    /// The same ACE without its source text and span: what two spellings of one ACE share.
    #[must_use]
    pub fn without_source(&self) -> Ace {
        Ace { source: Source::default(), ..self.clone() }
    }

    /// The protocol / port / ICMP combinations the ACE stands for.
    pub(crate) fn l4_combos(&self) -> Vec<ServiceEntry> {
        let src = self.src_ports.as_ref().map_or_else(|| alloc::vec![PortRange::ANY], PortSpec::ranges);
        let dst = self.dst_ports.as_ref().map_or_else(|| alloc::vec![PortRange::ANY], PortSpec::ranges);
        let icmp: Vec<Option<IcmpMatch>> =
            self.icmp.as_ref().map_or_else(|| alloc::vec![None], |i| i.matches().into_iter().map(Some).collect());
        let protocols: Vec<Option<u8>> = match &self.protocol {
            ProtocolSpec::Ip => alloc::vec![None],
            ProtocolSpec::Number { number, .. } => alloc::vec![Some(*number)],
            ProtocolSpec::ProtocolGroup(g) => g.members.clone(),
            ProtocolSpec::ServiceGroup(g) => return g.members.clone(),
        };
        let mut out = Vec::new();
        for protocol in protocols {
            for s in &src {
                for d in &dst {
                    for i in &icmp {
                        out.push(ServiceEntry { protocol, src_ports: *s, dst_ports: *d, icmp: *i });
                    }
                }
            }
        }
        out
    }

    /// The ACE's elementary rules, each carrying `ace_index`. An `inactive` ACE has none.
    #[must_use]
    pub fn rules(&self, ace_index: usize) -> Vec<Rule> {
        let mut out = Vec::new();
        self.push_rules(ace_index, &mut out);
        out
    }

    fn push_rules(&self, ace_index: usize, out: &mut Vec<Rule>) {
        if self.is_inactive() {
            return;
        }
        let srcs = self.src.matches(self.kind);
        let dsts = self.dst.matches(self.kind);
        let l4 = self.l4_combos();
        for s in &srcs {
            for d in &dsts {
                if !same_family(s, d) {
                    continue;
                }
                for c in &l4 {
                    out.push(Rule {
                        action: self.action,
                        ace_index,
                        protocol: c.protocol,
                        src: *s,
                        dst: *d,
                        src_ports: c.src_ports,
                        dst_ports: c.dst_ports,
                        icmp: c.icmp,
                        fragments_only: self.fragments,
                    });
                }
            }
        }
    }
}

/// `Some(true)` for IPv4, `Some(false)` for IPv6, `None` for [`AddrMatch::Any`].
pub(crate) const fn addr_family_v4(m: &AddrMatch) -> Option<bool> {
    match m {
        AddrMatch::Any => None,
        AddrMatch::V4 { .. } | AddrMatch::V4Range { .. } => Some(true),
        AddrMatch::V6 { .. } | AddrMatch::V6Range { .. } => Some(false),
    }
}

fn same_family(a: &AddrMatch, b: &AddrMatch) -> bool {
    match (addr_family_v4(a), addr_family_v4(b)) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// A `remark` line.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Remark {
    /// IOS sequence number, if written.
    pub sequence: Option<u32>,
    /// The remark text (everything after `remark`, trimmed).
    pub text: String,
    /// The line as written and its position.
    pub source: Source,
}

/// One line of a list: an ACE or a remark.
// Nearly every entry is an ACE: boxing them would cost an allocation each for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Entry {
    /// An access control entry.
    Ace(Ace),
    /// A remark.
    Remark(Remark),
}

impl Entry {
    /// The sequence number, if any.
    #[must_use]
    pub fn sequence(&self) -> Option<u32> {
        match self {
            Entry::Ace(a) => a.sequence,
            Entry::Remark(r) => r.sequence,
        }
    }
}

/// An access list: id, kind and ordered entries.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AccessList {
    /// Number or name.
    pub id: AclId,
    /// Kind.
    pub kind: AclKind,
    /// ACEs and remarks in order.
    pub entries: Vec<Entry>,
    /// Where the list was first defined.
    pub span: Span,
}

impl AccessList {
    /// An empty list.
    #[must_use]
    pub fn new(id: AclId, kind: AclKind) -> Self {
        AccessList { id, kind, entries: Vec::new(), span: Span::default() }
    }

    /// The ACEs in order, remarks left out: the n-th item has ACE index n.
    pub fn aces(&self) -> impl Iterator<Item = &Ace> {
        self.entries.iter().filter_map(|e| match e {
            Entry::Ace(a) => Some(a),
            Entry::Remark(_) => None,
        })
    }

    /// The ACE with 0-based index `index` (remarks not counted).
    #[must_use]
    pub fn ace(&self, index: usize) -> Option<&Ace> {
        self.aces().nth(index)
    }

    /// The flattened rules, in order: object-groups expanded, `neq` split, `inactive` ACEs
    /// left out; every rule carries the 0-based index of its ACE among the ACEs.
    #[must_use]
    pub fn rules(&self) -> Vec<Rule> {
        let mut out = Vec::new();
        for (index, ace) in self.aces().enumerate() {
            ace.push_rules(index, &mut out);
        }
        out
    }

    /// First-match evaluation of one packet (a linear scan of [`AccessList::rules`]).
    #[must_use]
    pub fn evaluate(&self, packet: &Packet) -> Verdict {
        first_match(&self.rules(), packet)
    }
}

/// The protocol keyword of an `object-group service NAME tcp|udp|tcp-udp`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ServicePorts {
    /// `tcp`.
    Tcp,
    /// `udp`.
    Udp,
    /// `tcp-udp`.
    TcpUdp,
}

impl ServicePorts {
    /// The keyword.
    #[must_use]
    pub const fn keyword(self) -> &'static str {
        match self {
            ServicePorts::Tcp => "tcp",
            ServicePorts::Udp => "udp",
            ServicePorts::TcpUdp => "tcp-udp",
        }
    }
}

/// The type of an object-group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ObjectGroupKind {
    /// `object-group network`.
    Network,
    /// `object-group service NAME [tcp|udp|tcp-udp]`: with a protocol it holds `port-object`s
    /// and stands for ports; without, it holds `service-object`s and stands for a protocol.
    Service(Option<ServicePorts>),
    /// `object-group protocol`.
    Protocol,
    /// `object-group icmp-type`.
    IcmpType,
}

impl ObjectGroupKind {
    /// The keyword after `object-group`.
    #[must_use]
    pub const fn keyword(self) -> &'static str {
        match self {
            ObjectGroupKind::Network => "network",
            ObjectGroupKind::Service(_) => "service",
            ObjectGroupKind::Protocol => "protocol",
            ObjectGroupKind::IcmpType => "icmp-type",
        }
    }
}

/// The protocol of a `service-object`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ServiceProtocol {
    /// A protocol (or `ip`).
    Spec(ProtocolSpec),
    /// `tcp-udp`: both.
    TcpUdp,
}

/// A `service-object` line.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ServiceObject {
    /// Protocol.
    pub protocol: ServiceProtocol,
    /// `source OP`.
    pub src_ports: Option<PortSpec>,
    /// `destination OP` (or the bare operator of the 8.x form).
    pub dst_ports: Option<PortSpec>,
    /// ICMP type/code for `service-object icmp TYPE [CODE]`.
    pub icmp: Option<IcmpSpec>,
}

/// One member line of an object-group.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum GroupMember {
    /// `network-object ...` (ASA/PIX) or `host` / `A MASK` / `range` / `any` (IOS).
    Address(AddressSpec),
    /// `port-object OP`.
    Port(PortSpec),
    /// `service-object ...`.
    Service(ServiceObject),
    /// `protocol-object P` (`ProtocolSpec::Ip` for `ip`).
    Protocol(ProtocolSpec),
    /// `icmp-object T`.
    Icmp(IcmpSpec),
    /// `group-object NAME`.
    Group(String),
}

/// An object-group definition.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ObjectGroup {
    /// Name.
    pub name: String,
    /// Type.
    pub kind: ObjectGroupKind,
    /// `description` text.
    pub description: Option<String>,
    /// Members in order.
    pub members: Vec<GroupMember>,
    /// Where the group was defined.
    pub span: Span,
}

/// An ASA `object network NAME` definition.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NetworkObject {
    /// Name.
    pub name: String,
    /// `host A` ([`AddressSpec::Host`]), `subnet A M` / `subnet A/len`, or `range A B`;
    /// `None` until one is given.
    pub value: Option<AddressSpec>,
    /// `description` text.
    pub description: Option<String>,
    /// Where the object was defined.
    pub span: Span,
}

// ----------------------------------------------------------------------------------------
// Display: the dialect's own syntax.

struct AddrDisplay<'a>(&'a AddressSpec);

impl fmt::Display for AddrDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            AddressSpec::Any => f.write_str("any"),
            AddressSpec::Any4 => f.write_str("any4"),
            AddressSpec::Any6 => f.write_str("any6"),
            AddressSpec::Host(a) => write!(f, "host {a}"),
            AddressSpec::Wildcard { addr, wildcard } => write!(f, "{addr} {wildcard}"),
            AddressSpec::Netmask { addr, mask } => write!(f, "{addr} {mask}"),
            AddressSpec::Prefix { addr, len } => write!(f, "{addr}/{len}"),
            AddressSpec::Range { start, end } => write!(f, "range {start} {end}"),
            AddressSpec::ObjectGroup(g) => write!(f, "object-group {}", g.name),
            AddressSpec::Object(g) => write!(f, "object {}", g.name),
        }
    }
}

impl fmt::Display for AddressSpec {
    /// The address as it appears in an ACE (`any`, `host A`, `A MASK`, `A/len`, ...).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        AddrDisplay(self).fmt(f)
    }
}

impl fmt::Display for PortSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PortSpec::Eq(p) => write!(f, "eq {p}"),
            PortSpec::Neq(p) => write!(f, "neq {p}"),
            PortSpec::Lt(p) => write!(f, "lt {p}"),
            PortSpec::Gt(p) => write!(f, "gt {p}"),
            PortSpec::Range(a, b) => write!(f, "range {a} {b}"),
            PortSpec::Group(g) => write!(f, "object-group {}", g.name),
        }
    }
}

impl fmt::Display for IcmpSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IcmpSpec::Type { name: Some(n), .. } => f.write_str(n),
            IcmpSpec::Type { icmp_type, code: Some(c), name: None } => write!(f, "{icmp_type} {c}"),
            IcmpSpec::Type { icmp_type, code: None, name: None } => write!(f, "{icmp_type}"),
            IcmpSpec::Group(g) => write!(f, "object-group {}", g.name),
        }
    }
}

struct ProtoDisplay<'a>(&'a ProtocolSpec, AclKind);

impl fmt::Display for ProtoDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            ProtocolSpec::Ip if self.1 == AclKind::IosIpv6 => f.write_str("ipv6"),
            ProtocolSpec::Ip => f.write_str("ip"),
            ProtocolSpec::Number { name: Some(n), .. } => f.write_str(n),
            ProtocolSpec::Number { number, name: None } => write!(f, "{number}"),
            ProtocolSpec::ProtocolGroup(g) => write!(f, "object-group {}", g.name),
            ProtocolSpec::ServiceGroup(g) => write!(f, "object-group {}", g.name),
        }
    }
}

impl fmt::Display for Ace {
    /// The ACE in its dialect's syntax, from the sequence number (IOS named lists) or the
    /// action on: `10 permit tcp 10.0.0.0 0.0.0.255 any eq www log`. IPv6 lists print the
    /// sequence number at the end (`... sequence 10`) as IOS does.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(seq), false) = (self.sequence, self.kind == AclKind::IosIpv6) {
            write!(f, "{seq} ")?;
        }
        f.write_str(match self.action {
            Action::Permit => "permit",
            Action::Deny => "deny",
        })?;
        match self.kind {
            AclKind::IosStandard => write!(f, " {}", AddrDisplay(&self.src))?,
            AclKind::AsaStandard => write!(f, " {}", AddrDisplay(&self.dst))?,
            _ => {
                write!(f, " {} {}", ProtoDisplay(&self.protocol, self.kind), AddrDisplay(&self.src))?;
                if let Some(p) = &self.src_ports {
                    write!(f, " {p}")?;
                }
                write!(f, " {}", AddrDisplay(&self.dst))?;
                if let Some(p) = &self.dst_ports {
                    write!(f, " {p}")?;
                }
                if let Some(i) = &self.icmp {
                    write!(f, " {i}")?;
                }
            }
        }
        if self.fragments {
            f.write_str(" fragments")?;
        }
        for o in &self.options {
            write!(f, " {o}")?;
        }
        if let (Some(seq), true) = (self.sequence, self.kind == AclKind::IosIpv6) {
            write!(f, " sequence {seq}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Remark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(seq) = self.sequence {
            write!(f, "{seq} ")?;
        }
        write!(f, "remark {}", self.text)
    }
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Entry::Ace(a) => a.fmt(f),
            Entry::Remark(r) => r.fmt(f),
        }
    }
}

impl fmt::Display for AccessList {
    /// The whole list as configuration lines (numbered `access-list` lines, an IOS named
    /// block with one-space indentation, or ASA/PIX `access-list NAME ...` lines), each line
    /// ending in a newline.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let block_header = match self.kind {
            AclKind::IosStandard => Some("ip access-list standard"),
            AclKind::IosExtended => Some("ip access-list extended"),
            AclKind::IosIpv6 => Some("ipv6 access-list"),
            _ => None,
        };
        let numbered_flat = matches!(self.id, AclId::Number(_)) && self.entries.iter().all(|e| e.sequence().is_none());
        match block_header {
            Some(h) if !numbered_flat || self.kind == AclKind::IosIpv6 => {
                writeln!(f, "{h} {}", self.id)?;
                for e in &self.entries {
                    writeln!(f, " {e}")?;
                }
            }
            _ => {
                let infix = match self.kind {
                    AclKind::AsaExtended => " extended",
                    AclKind::AsaStandard => " standard",
                    _ => "",
                };
                for e in &self.entries {
                    match e {
                        Entry::Ace(a) => writeln!(f, "access-list {}{infix} {a}", self.id)?,
                        Entry::Remark(r) => writeln!(f, "access-list {} {r}", self.id)?,
                    }
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for ServiceObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.protocol {
            ServiceProtocol::TcpUdp => f.write_str("tcp-udp")?,
            ServiceProtocol::Spec(p) => write!(f, "{}", ProtoDisplay(p, AclKind::AsaExtended))?,
        }
        if let Some(p) = &self.src_ports {
            write!(f, " source {p}")?;
        }
        if let Some(p) = &self.dst_ports {
            write!(f, " destination {p}")?;
        }
        if let Some(i) = &self.icmp {
            write!(f, " {i}")?;
        }
        Ok(())
    }
}

impl ObjectGroup {
    fn fmt_with(&self, f: &mut fmt::Formatter<'_>, dialect: Dialect) -> fmt::Result {
        write!(f, "object-group {} {}", self.kind.keyword(), self.name)?;
        if let ObjectGroupKind::Service(Some(p)) = self.kind {
            write!(f, " {}", p.keyword())?;
        }
        writeln!(f)?;
        if let Some(d) = &self.description {
            writeln!(f, " description {d}")?;
        }
        let ios = dialect == Dialect::Ios;
        for m in &self.members {
            match m {
                GroupMember::Address(a) if ios => match a {
                    AddressSpec::Netmask { addr, mask } => writeln!(f, " {addr} {mask}")?,
                    other => writeln!(f, " {other}")?,
                },
                GroupMember::Address(a) => writeln!(f, " network-object {a}")?,
                GroupMember::Port(p) => writeln!(f, " port-object {p}")?,
                GroupMember::Service(s) => writeln!(f, " service-object {s}")?,
                GroupMember::Protocol(p) => writeln!(f, " protocol-object {}", ProtoDisplay(p, AclKind::AsaExtended))?,
                GroupMember::Icmp(i) => writeln!(f, " icmp-object {i}")?,
                GroupMember::Group(g) => writeln!(f, " group-object {g}")?,
            }
        }
        Ok(())
    }

    /// The definition in `dialect`'s syntax (IOS network groups list bare `host` / `A MASK` /
    /// `range` lines; ASA and PIX write `network-object`).
    #[must_use]
    pub fn display(&self, dialect: Dialect) -> impl fmt::Display + '_ {
        struct D<'a>(&'a ObjectGroup, Dialect);
        impl fmt::Display for D<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt_with(f, self.1)
            }
        }
        D(self, dialect)
    }
}

impl fmt::Display for NetworkObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "object network {}", self.name)?;
        match &self.value {
            Some(AddressSpec::Host(a)) => writeln!(f, " host {a}")?,
            Some(AddressSpec::Range { start, end }) => writeln!(f, " range {start} {end}")?,
            Some(AddressSpec::Netmask { addr, mask }) => writeln!(f, " subnet {addr} {mask}")?,
            Some(AddressSpec::Prefix { addr, len }) => writeln!(f, " subnet {addr}/{len}")?,
            Some(_) | None => {}
        }
        if let Some(d) = &self.description {
            writeln!(f, " description {d}")?;
        }
        Ok(())
    }
}
