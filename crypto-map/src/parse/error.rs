//! Parse errors: the line, the column and what was expected. Keys never appear in them.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::model::Platform;

/// What the parser was looking for when it met something else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Expected {
    /// One of these keywords.
    OneOf(&'static [&'static str]),
    /// A value described in words (`a number`, `an IP address`, `a name`, `a hex key`).
    Value(&'static str),
    /// The end of the line.
    EndOfLine,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::OneOf([one]) => write!(f, "`{one}`"),
            Expected::OneOf(list) => {
                f.write_str("one of: ")?;
                for (i, k) in list.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(k)?;
                }
                Ok(())
            }
            Expected::Value(what) => f.write_str(what),
            Expected::EndOfLine => f.write_str("the end of the line"),
        }
    }
}

/// What is wrong with a transform set (the combination rules of the IOS command reference
/// \[EXT\], the PIX guide 004:532 and RFC 4303 §3.2).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TransformProblem {
    /// More than three transforms (003:661, 002:166, 004:532).
    TooMany(usize),
    /// Two transforms of one kind (two AH, two ESP ciphers, two ESP authenticators or two
    /// compressions).
    SameKind {
        /// `AH`, `ESP encryption`, `ESP authentication`, `compression`.
        kind: &'static str,
        /// The first keyword.
        first: String,
        /// The second keyword.
        second: String,
    },
    /// ESP with neither encryption nor integrity (`esp-null` without an ESP authenticator,
    /// or with `esp-none`): RFC 4303 §3.2 forbids it.
    NullWithoutIntegrity,
    /// `esp-rfc1829` with an ESP authenticator: RFC 1829 ESP has no authentication (003:314).
    Rfc1829WithAuthenticator,
    /// A combined-mode cipher (`esp-gcm`, `esp-gmac`) with an ESP authenticator: the cipher
    /// authenticates by itself (RFC 4106 §8, RFC 4543 §3).
    CombinedModeWithAuthenticator,
    /// `esp-none` without an ESP cipher.
    NoneWithoutCipher,
    /// `initialization-vector size` in a set without `esp-rfc1829` (003:663-665).
    IvSizeWithoutRfc1829,
    /// A keyword the platform does not offer in a transform set.
    NotOnPlatform {
        /// The keyword.
        keyword: String,
        /// The platform.
        platform: Platform,
    },
}

impl fmt::Display for TransformProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransformProblem::TooMany(n) => {
                write!(f, "{n} transforms: a transform set holds at most 3 (IOS guide 003:661, PIX guide 004:532)")
            }
            TransformProblem::SameKind { kind, first, second } => write!(
                f,
                "`{first}` and `{second}` are both {kind} transforms: a set holds at most one AH transform, one ESP \
                 cipher and one ESP authenticator"
            ),
            TransformProblem::NullWithoutIntegrity => f.write_str(
                "`esp-null` without an ESP authenticator gives ESP with neither confidentiality nor integrity, which \
                 RFC 4303 §3.2 forbids",
            ),
            TransformProblem::Rfc1829WithAuthenticator => {
                f.write_str("`esp-rfc1829` (RFC 1829 DES-CBC) has no authentication and takes no ESP authenticator")
            }
            TransformProblem::CombinedModeWithAuthenticator => f.write_str(
                "`esp-gcm`/`esp-gmac` authenticate by themselves and take no ESP authenticator (RFC 4106 §8, \
                 RFC 4543 §3)",
            ),
            TransformProblem::NoneWithoutCipher => f.write_str("`esp-none` needs an ESP cipher"),
            TransformProblem::IvSizeWithoutRfc1829 => {
                f.write_str("`initialization-vector size` applies only to sets with `esp-rfc1829` (003:663-665)")
            }
            TransformProblem::NotOnPlatform { keyword, platform } => {
                write!(f, "`{keyword}` is not a {platform} transform")
            }
        }
    }
}

/// What is wrong with a hexadecimal key (the key itself is never shown).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HexProblem {
    /// An odd number of hex digits.
    OddLength(usize),
    /// A character that is not a hex digit, at this 1-based position in the key.
    NotHex(usize),
}

impl fmt::Display for HexProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HexProblem::OddLength(n) => write!(f, "{n} hex digits is an odd number (two digits per byte)"),
            HexProblem::NotHex(p) => write!(f, "character {p} of the key is not a hex digit"),
        }
    }
}

/// Why a line was rejected (or, in lenient mode, accepted with a warning).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ParseErrorKind {
    /// Something else was found where `expected` was needed.
    Expected {
        /// What was needed.
        expected: Expected,
        /// What was found (`None` at the end of the line; `<key>` where a key stood).
        found: Option<String>,
    },
    /// An access-list or object-group line that `policy-acl` rejected.
    Acl(policy_acl::ParseErrorKind),
    /// A number outside its range.
    OutOfRange {
        /// What the number is.
        what: &'static str,
        /// As written.
        value: String,
        /// Smallest accepted value.
        min: u64,
        /// Largest accepted value.
        max: u64,
    },
    /// A value the platform does not accept in this place (a PFS group, a DH group, an
    /// authentication method).
    NotOnPlatform {
        /// What the value is.
        what: &'static str,
        /// As written.
        value: String,
        /// The platform.
        platform: Platform,
        /// The values the platform accepts.
        accepted: &'static [&'static str],
    },
    /// Valid device syntax the model cannot hold (DH group 7, ...).
    Unsupported {
        /// What.
        what: String,
    },
    /// A transform set that breaks the combination rules.
    Transform(TransformProblem),
    /// A hexadecimal key that does not decode.
    HexKey {
        /// Which key (`AH key`, `ESP cipher key`, `pre-shared key`).
        what: &'static str,
        /// Why.
        problem: HexProblem,
    },
    /// A sub-command with no block open to take it (`set peer` before any `crypto map`).
    OutsideBlock {
        /// The keyword.
        keyword: String,
    },
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseErrorKind::Expected { expected, found } => {
                write!(f, "expected {expected}")?;
                match found {
                    Some(t) => write!(f, ", found `{t}`"),
                    None => f.write_str(", found the end of the line"),
                }
            }
            ParseErrorKind::Acl(k) => k.fmt(f),
            ParseErrorKind::OutOfRange { what, value, min, max } => {
                write!(f, "{what} {value} is out of range {min}-{max}")
            }
            ParseErrorKind::NotOnPlatform { what, value, platform, accepted } => {
                write!(f, "{platform} does not accept {what} `{value}` (it accepts {})", Expected::OneOf(accepted))
            }
            ParseErrorKind::Unsupported { what } => write!(f, "{what} is not supported by this library"),
            ParseErrorKind::Transform(p) => p.fmt(f),
            ParseErrorKind::HexKey { what, problem } => write!(f, "{what}: {problem}"),
            ParseErrorKind::OutsideBlock { keyword } => {
                write!(f, "`{keyword}` outside the configuration block it belongs to")
            }
        }
    }
}

/// A rejected (or, in lenient mode, a caveated) line: where, and why.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("line {line}, column {column}: {kind}")]
pub struct ParseError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column (characters) of the offending token; one past the end of the line when
    /// something is missing there.
    pub column: u32,
    /// Why.
    pub kind: ParseErrorKind,
}

impl From<policy_acl::ParseError> for ParseError {
    fn from(e: policy_acl::ParseError) -> Self {
        ParseError { line: e.line, column: e.column, kind: ParseErrorKind::Acl(e.kind) }
    }
}

/// Every error of a configuration, in line order (what [`parse`](super::parse) returns).
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub struct ParseErrors(pub Vec<ParseError>);

impl fmt::Display for ParseErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.as_slice() {
            [] => f.write_str("no errors"),
            [one] => one.fmt(f),
            [first, rest @ ..] => write!(f, "{first} (and {} more errors)", rest.len()),
        }
    }
}

impl ParseErrors {
    /// The errors.
    #[must_use]
    pub fn errors(&self) -> &[ParseError] {
        &self.0
    }
}
