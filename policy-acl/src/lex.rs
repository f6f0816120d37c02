//! Words of a configuration line with their columns, shared by this crate's parser and by
//! the other Cisco configuration parsers built on it, so that every error names the same
//! column for the same word.

use alloc::string::String;
use alloc::vec::Vec;

/// One whitespace-separated word of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// The text.
    pub text: &'a str,
    /// Byte offset in the line.
    pub byte: usize,
    /// 1-based column (characters) of the first character.
    pub col: u32,
    /// Column just past the last character.
    pub end: u32,
}

impl Token<'_> {
    /// Case-insensitive keyword test (Cisco keywords are case-insensitive).
    #[must_use]
    pub fn is(&self, keyword: &str) -> bool {
        self.text.eq_ignore_ascii_case(keyword)
    }

    /// The text in lower case.
    #[must_use]
    pub fn lower(&self) -> String {
        self.text.to_ascii_lowercase()
    }
}

/// Splits `line` into words, with 1-based character columns.
#[must_use]
pub fn tokens(line: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, u32)> = None;
    let mut col: u32 = 0;
    for (i, ch) in line.char_indices() {
        col = col.saturating_add(1);
        if ch.is_whitespace() {
            if let Some((b, c)) = start.take() {
                out.push(Token { text: line.get(b..i).unwrap_or(""), byte: b, col: c, end: col });
            }
        } else if start.is_none() {
            start = Some((i, col));
        }
    }
    if let Some((b, c)) = start {
        out.push(Token { text: line.get(b..).unwrap_or(""), byte: b, col: c, end: col.saturating_add(1) });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let t = tokens("  permit  ïp any");
        let cols: Vec<_> = t.iter().map(|t| (t.text, t.byte, t.col, t.end)).collect();
        assert_eq!(cols, [("permit", 2, 3, 9), ("ïp", 10, 11, 13), ("any", 14, 14, 17)]);
        assert!(t[0].is("PERMIT"));
    }
}
