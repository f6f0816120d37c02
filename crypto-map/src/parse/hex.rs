//! Hexadecimal keys (manual session keys, ASA `hex` pre-shared keys) into `SecretBytes`.

use alloc::vec::Vec;

use ipsec_core::SecretBytes;

use super::error::HexProblem;

/// Decodes `text` (an even number of hex digits, either case; an optional `0x` prefix).
///
/// # Errors
/// [`HexProblem`] naming the position of the first bad character or the odd length; the key
/// itself is never part of the error.
pub(crate) fn decode(text: &str) -> Result<SecretBytes, HexProblem> {
    let digits = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")).unwrap_or(text);
    let offset = text.len().saturating_sub(digits.len());
    let mut out = Vec::with_capacity(digits.len() / 2);
    let mut high: Option<u8> = None;
    for (i, ch) in digits.chars().enumerate() {
        let Some(v) = ch.to_digit(16).and_then(|d| u8::try_from(d).ok()) else {
            return Err(HexProblem::NotHex(i.saturating_add(offset).saturating_add(1)));
        };
        match high.take() {
            None => high = Some(v),
            Some(h) => out.push((h << 4) | v),
        }
    }
    if high.is_some() {
        return Err(HexProblem::OddLength(digits.chars().count()));
    }
    Ok(SecretBytes::new(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_reports_without_the_key() {
        assert_eq!(decode("0123456789abcdef").unwrap().expose(), &[0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef]);
        assert_eq!(decode("0xFF").unwrap().expose(), &[0xff]);
        // The PIX guide's own examples (004:868, 004:882).
        assert_eq!(decode("123456789012345").unwrap_err(), HexProblem::OddLength(15));
        assert_eq!(decode("abcdefghijklmnopno").unwrap_err(), HexProblem::NotHex(7));
        assert!(decode("").unwrap().is_empty());
    }
}
