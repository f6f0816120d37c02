//! Tokens with their columns, and a cursor that turns "not what was needed" into a
//! [`ParseError`] naming the column and the expected tokens.

use alloc::borrow::ToOwned;
use alloc::string::String;
use core::net::IpAddr;

use super::error::{Expected, ParseError, ParseErrorKind};

/// One whitespace-separated word of a line, with its columns.
pub(crate) use policy_acl::lex::Token as Tok;
/// Splits a line into words, with 1-based character columns.
pub(crate) use policy_acl::lex::tokens as lex;

/// A cursor over the tokens of one line.
pub(crate) struct Cur<'t, 'a> {
    toks: &'t [Tok<'a>],
    pos: usize,
    line: u32,
    text: &'a str,
    /// The index of a secret token (a key): errors never quote it.
    secret: Option<usize>,
}

impl<'t, 'a> Cur<'t, 'a> {
    /// A cursor at the first token.
    pub(crate) fn new(toks: &'t [Tok<'a>], line: u32, text: &'a str) -> Self {
        Cur { toks, pos: 0, line, text, secret: None }
    }

    /// The line number.
    pub(crate) fn line(&self) -> u32 {
        self.line
    }

    /// The column one past the last token (where a missing token is reported).
    pub(crate) fn eol(&self) -> u32 {
        self.toks.last().map_or(1, |t| t.end)
    }

    /// The current token.
    pub(crate) fn peek(&self) -> Option<Tok<'a>> {
        self.toks.get(self.pos).copied()
    }

    /// The token `n` places ahead of the current one.
    pub(crate) fn peek_at(&self, n: usize) -> Option<Tok<'a>> {
        self.toks.get(self.pos.saturating_add(n)).copied()
    }

    /// True when the current token is `kw`.
    pub(crate) fn peek_is(&self, kw: &str) -> bool {
        self.peek().is_some_and(|t| t.is(kw))
    }

    /// Takes the current token.
    pub(crate) fn next(&mut self) -> Option<Tok<'a>> {
        let t = self.peek();
        if t.is_some() {
            self.pos = self.pos.saturating_add(1);
        }
        t
    }

    /// Goes back one token.
    pub(crate) fn back(&mut self) {
        self.pos = self.pos.saturating_sub(1);
    }

    /// True when every token is taken.
    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }

    /// The tokens left.
    pub(crate) fn remaining(&self) -> usize {
        self.toks.len().saturating_sub(self.pos)
    }

    /// Marks the current token as secret: errors at it say `<key>`.
    pub(crate) fn mark_secret(&mut self) {
        self.secret = Some(self.pos);
    }

    /// The text of the line from the current token to its end (trailing spaces trimmed).
    pub(crate) fn rest(&self) -> &'a str {
        match self.peek() {
            Some(t) => self.text.get(t.byte..).unwrap_or("").trim_end(),
            None => "",
        }
    }

    /// Takes every token left.
    pub(crate) fn skip_rest(&mut self) {
        self.pos = self.toks.len();
    }

    /// An error at `tok` (or the end of the line).
    pub(crate) fn err_at(&self, tok: Option<Tok<'_>>, kind: ParseErrorKind) -> ParseError {
        ParseError { line: self.line, column: tok.map_or(self.eol(), |t| t.col), kind }
    }

    /// "Expected ..., found <current token>".
    pub(crate) fn expected(&self, expected: Expected) -> ParseError {
        let tok = self.peek();
        let secret = self.secret == Some(self.pos);
        let found = tok.map(|t| if secret { "<key>".to_owned() } else { String::from(t.text) });
        self.err_at(tok, ParseErrorKind::Expected { expected, found })
    }

    /// Takes one of `keywords` (case-insensitive) and returns the canonical spelling.
    pub(crate) fn keyword(&mut self, keywords: &'static [&'static str]) -> Result<&'static str, ParseError> {
        match self.peek().and_then(|t| keywords.iter().find(|k| t.is(k))) {
            Some(k) => {
                self.pos = self.pos.saturating_add(1);
                Ok(k)
            }
            None => Err(self.expected(Expected::OneOf(keywords))),
        }
    }

    /// Takes `kw` if it is the current token.
    pub(crate) fn eat(&mut self, kw: &str) -> bool {
        if self.peek_is(kw) {
            self.pos = self.pos.saturating_add(1);
            true
        } else {
            false
        }
    }

    /// Takes any word (a name).
    pub(crate) fn word(&mut self, what: &'static str) -> Result<Tok<'a>, ParseError> {
        match self.next() {
            Some(t) => Ok(t),
            None => Err(self.expected(Expected::Value(what))),
        }
    }

    /// Takes a decimal number in `min..=max`.
    pub(crate) fn number(&mut self, what: &'static str, min: u64, max: u64) -> Result<u64, ParseError> {
        let Some(t) = self.peek() else { return Err(self.expected(Expected::Value(what))) };
        if !t.text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.expected(Expected::Value(what)));
        }
        let out_of_range =
            || self.err_at(Some(t), ParseErrorKind::OutOfRange { what, value: t.text.to_owned(), min, max });
        let v: u64 = t.text.parse().map_err(|_| out_of_range())?;
        if v < min || v > max {
            return Err(out_of_range());
        }
        self.pos = self.pos.saturating_add(1);
        Ok(v)
    }

    /// Takes a `u32` number in `min..=max`.
    pub(crate) fn number_u32(&mut self, what: &'static str, min: u32, max: u32) -> Result<u32, ParseError> {
        let v = self.number(what, u64::from(min), u64::from(max))?;
        Ok(u32::try_from(v).unwrap_or(max))
    }

    /// Takes an IPv4 or IPv6 address.
    pub(crate) fn ip(&mut self, what: &'static str) -> Result<IpAddr, ParseError> {
        match self.peek().and_then(|t| t.text.parse::<IpAddr>().ok()) {
            Some(a) => {
                self.pos = self.pos.saturating_add(1);
                Ok(a)
            }
            None => Err(self.expected(Expected::Value(what))),
        }
    }

    /// Requires the end of the line.
    pub(crate) fn end(&self) -> Result<(), ParseError> {
        if self.at_end() { Ok(()) } else { Err(self.expected(Expected::EndOfLine)) }
    }
}
