//! Parse errors and warnings, each naming the line and column.

use alloc::string::String;
use core::fmt;

use crate::model::{AclKind, Span};

/// What the parser was looking for when it met something else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Expected {
    /// `permit`, `deny` or `remark`.
    Action,
    /// A protocol.
    Protocol,
    /// A source or destination address.
    Address,
    /// An address after `host`.
    HostAddress,
    /// A netmask (ASA/PIX).
    Netmask,
    /// A wildcard mask (IOS).
    Wildcard,
    /// A port operator.
    PortOperator,
    /// A port number or keyword.
    Port,
    /// An ICMP message keyword or type number.
    IcmpType,
    /// An ICMP code number.
    IcmpCode,
    /// A name (list, object, object-group, time-range).
    Name,
    /// A number.
    Number,
    /// The list type after `ip access-list`.
    IosListType,
    /// The type after `object-group`.
    GroupType,
    /// A member line of the open object-group.
    GroupMember,
    /// `host`, `subnet`, `range` or `description` in an `object network`.
    ObjectValue,
    /// A trailing option, or the end of the line.
    OptionOrEnd,
    /// An ICMP message, a trailing option, or the end of the line.
    IcmpOrOption,
    /// The end of the line.
    EndOfLine,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::Action => "one of: permit, deny, remark",
            Expected::Protocol => "a protocol (ip, a number 0-255, tcp, udp, icmp, esp, ... or object-group NAME)",
            Expected::Address => "an address (any, host A, an address and mask, object-group NAME)",
            Expected::HostAddress => "an IP address after host",
            Expected::Netmask => "a netmask",
            Expected::Wildcard => "a wildcard mask",
            Expected::PortOperator => "one of: eq, neq, lt, gt, range",
            Expected::Port => "a port number (0-65535) or port name",
            Expected::IcmpType => "an ICMP message name or type number (0-255)",
            Expected::IcmpCode => "an ICMP code number (0-255)",
            Expected::Name => "a name",
            Expected::Number => "a number",
            Expected::IosListType => "one of: standard, extended",
            Expected::GroupType => "one of: network, service, protocol, icmp-type",
            Expected::GroupMember => {
                "one of: network-object, port-object, service-object, protocol-object, icmp-object, group-object, description"
            }
            Expected::ObjectValue => "one of: host, subnet, range, description",
            Expected::OptionOrEnd => {
                "one of: log, log-input, time-range, inactive, precedence, tos, dscp, established, fragments, or the end of the line"
            }
            Expected::IcmpOrOption => "an ICMP message name or number, a trailing option, or the end of the line",
            Expected::EndOfLine => "the end of the line",
        })
    }
}

/// Why a line was rejected.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ParseErrorKind {
    /// Something else was found where `expected` was needed.
    Expected {
        /// What was needed.
        expected: Expected,
        /// The token it should have followed, if that helps (`10.0.0.0` for a missing mask).
        after: Option<String>,
        /// What was found (`None` at the end of the line).
        found: Option<String>,
    },
    /// An address/mask pair with bits set outside the mask (DESIGN §3.12; in strict mode).
    HostBits {
        /// Address as written.
        addr: String,
        /// Mask as written (netmask, wildcard or `/len`).
        mask: String,
        /// The address with those bits cleared.
        masked: String,
    },
    /// A netmask that is not a run of ones followed by zeros.
    BadNetmask {
        /// The mask as written.
        mask: String,
    },
    /// A keyword that none of the tables knows.
    UnknownName {
        /// What kind of name (`port`, `protocol`, `ICMP message`).
        what: &'static str,
        /// The name.
        name: String,
    },
    /// A number outside its range.
    OutOfRange {
        /// What the number is.
        what: &'static str,
        /// As written.
        value: String,
        /// The smallest accepted value.
        min: u32,
        /// The largest accepted value.
        max: u32,
    },
    /// `range A B` with `A > B`.
    ReversedRange {
        /// First.
        lo: u32,
        /// Last.
        hi: u32,
    },
    /// A port operator on a protocol without ports.
    PortsNotAllowed {
        /// The protocol as written.
        protocol: String,
    },
    /// An address of a family the list does not carry.
    WrongFamily {
        /// The address as written.
        addr: String,
        /// The list kind.
        kind: AclKind,
    },
    /// An IPv4 source with an IPv6 destination or the reverse.
    MixedFamilies,
    /// A reference to an object-group not (yet) defined; ASA requires definition before use.
    UndefinedGroup {
        /// Name.
        name: String,
    },
    /// A reference to an `object network` not (yet) defined.
    UndefinedObject {
        /// Name.
        name: String,
    },
    /// An object-group of another type than the position needs.
    GroupKind {
        /// Name.
        name: String,
        /// What the position needs.
        expected: &'static str,
        /// What the group is.
        found: &'static str,
    },
    /// `group-object` that would make a group contain itself.
    GroupCycle {
        /// The group being edited.
        group: String,
        /// The member that leads back to it.
        member: String,
    },
    /// A line of a different kind than the list's first line (`access-list 5` is standard).
    KindMismatch {
        /// The list.
        id: String,
        /// Its kind.
        existing: AclKind,
        /// What this line needs.
        line: AclKind,
    },
    /// An IOS sequence number already used in the list.
    DuplicateSequence {
        /// The number.
        sequence: u32,
    },
    /// A list name longer than ASA's 241 characters (ASA 9.x guide, 001:592).
    NameTooLong {
        /// Its length.
        len: usize,
    },
    /// Valid device syntax that this crate does not model.
    Unsupported {
        /// What.
        what: &'static str,
    },
    /// An object-group member line with no open group.
    OutsideBlock {
        /// The keyword.
        keyword: String,
    },
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseErrorKind::Expected { expected, after, found } => {
                write!(f, "expected {expected}")?;
                if let Some(a) = after {
                    write!(f, " after {a}")?;
                }
                match found {
                    Some(t) => write!(f, ", found `{t}`"),
                    None => f.write_str(", found the end of the line"),
                }
            }
            ParseErrorKind::HostBits { addr, mask, masked } => write!(
                f,
                "address {addr} has bits set outside mask {mask} (the network is {masked}; for one host write \
                 `host {addr}`)"
            ),
            ParseErrorKind::BadNetmask { mask } => write!(f, "{mask} is not a netmask (ones followed by zeros)"),
            ParseErrorKind::UnknownName { what, name } => write!(f, "unknown {what} `{name}`"),
            ParseErrorKind::OutOfRange { what, value, min, max } => {
                write!(f, "{what} {value} is out of range {min}-{max}")
            }
            ParseErrorKind::ReversedRange { lo, hi } => write!(f, "range {lo} {hi} is reversed"),
            ParseErrorKind::PortsNotAllowed { protocol } => {
                write!(f, "port operators need tcp, udp or sctp, not {protocol}")
            }
            ParseErrorKind::WrongFamily { addr, kind } => write!(f, "address {addr} is not allowed in a {kind:?} list"),
            ParseErrorKind::MixedFamilies => f.write_str("source and destination are of different address families"),
            ParseErrorKind::UndefinedGroup { name } => {
                write!(f, "object-group {name} is not defined (define object-groups before use)")
            }
            ParseErrorKind::UndefinedObject { name } => {
                write!(f, "object {name} is not defined (define objects before use)")
            }
            ParseErrorKind::GroupKind { name, expected, found } => {
                write!(f, "object-group {name} is a {found} group; a {expected} group is needed here")
            }
            ParseErrorKind::GroupCycle { group, member } => {
                write!(f, "group-object {member} in {group} would make the group contain itself")
            }
            ParseErrorKind::KindMismatch { id, existing, line } => {
                write!(f, "access list {id} is {existing:?}; this line is {line:?}")
            }
            ParseErrorKind::DuplicateSequence { sequence } => write!(f, "sequence number {sequence} is already used"),
            ParseErrorKind::NameTooLong { len } => write!(f, "list name of {len} characters exceeds 241"),
            ParseErrorKind::Unsupported { what } => write!(f, "{what} is not supported"),
            ParseErrorKind::OutsideBlock { keyword } => write!(f, "{keyword} outside an object-group or object"),
        }
    }
}

/// A rejected line: where, and why.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("line {line}, column {column}: {kind}")]
pub struct ParseError {
    /// Line number as given to the parser.
    pub line: u32,
    /// 1-based column of the offending token (one past the end of the line when something is
    /// missing there).
    pub column: u32,
    /// Why.
    pub kind: ParseErrorKind,
}

/// What a warning is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DiagnosticKind {
    /// Lenient mode cleared host bits (DESIGN §3.12).
    HostBitsMasked {
        /// Address as written.
        addr: String,
        /// Mask as written.
        mask: String,
        /// The address used.
        masked: String,
    },
    /// `established` is kept but not evaluated: matching cannot see TCP flags.
    EstablishedIgnored,
    /// A keyword the tables give for another dialect or protocol only; resolved anyway.
    NameFromOtherTable {
        /// `port`, `protocol`, `ICMP message`.
        what: &'static str,
        /// The name.
        name: String,
    },
    /// A line that belongs to the access-list syntax but that this crate does not model
    /// (ASA `ethertype`/`webtype` lists, IOS numbered lists that are not IP lists, `nat` in an
    /// object): consumed and skipped.
    NotModelled {
        /// What.
        what: &'static str,
    },
    /// An ACE identical to an earlier one of the same list: not added (ASA refuses duplicates;
    /// a duplicate is shadowed by its original, so no verdict changes).
    DuplicateAce {
        /// List.
        id: String,
    },
}

impl fmt::Display for DiagnosticKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DiagnosticKind::HostBitsMasked { addr, mask, masked } => {
                write!(f, "address {addr} has bits set outside mask {mask}; using {masked}")
            }
            DiagnosticKind::EstablishedIgnored => {
                f.write_str("`established` ignored: matching cannot see TCP flags; the ACE is evaluated without it")
            }
            DiagnosticKind::NameFromOtherTable { what, name } => {
                write!(f, "{what} name `{name}` is not in this dialect's table for this protocol; resolved anyway")
            }
            DiagnosticKind::NotModelled { what } => write!(f, "{what} skipped (not modelled)"),
            DiagnosticKind::DuplicateAce { id } => write!(f, "duplicate ACE in access list {id} not added"),
        }
    }
}

/// A warning about a line that was accepted.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// Where.
    pub span: Span,
    /// What.
    pub kind: DiagnosticKind,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: warning: {}", self.span.line, self.span.column, self.kind)
    }
}
