//! Security parameter indexes.

use core::fmt;

/// An ESP or AH SPI (RFC 4303 §2.1, RFC 4302 §2.4). Values 1-255 are reserved by IANA and 0
/// is for local use only, so neither is ever allocated for an SA.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Spi(pub u32);

impl Spi {
    /// True for values an SA may use (256 and above).
    #[must_use]
    pub const fn is_assignable(self) -> bool {
        self.0 > 255
    }

    /// Network byte order.
    #[must_use]
    pub const fn to_bytes(self) -> [u8; 4] {
        self.0.to_be_bytes()
    }

    /// From network byte order.
    #[must_use]
    pub const fn from_bytes(bytes: [u8; 4]) -> Self {
        Self(u32::from_be_bytes(bytes))
    }
}

impl fmt::Display for Spi {
    /// Cisco and `ip xfrm` style: `0x1A2B3C4D`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:08X}", self.0)
    }
}

/// An IPComp compression parameter index (RFC 3173 §2.2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cpi(pub u16);

/// An IKEv2 SPI, or an IKEv1/ISAKMP cookie (RFC 7296 §3.1, RFC 2408 §3.1): eight opaque bytes.
/// The responder's is all zeros until it answers.
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IkeSpi(pub [u8; 8]);

impl IkeSpi {
    /// The all-zero SPI of a responder that has not answered yet.
    pub const ZERO: IkeSpi = IkeSpi([0; 8]);

    /// True for the all-zero SPI.
    #[must_use]
    pub fn is_zero(&self) -> bool {
        self.0 == [0; 8]
    }

    /// The bytes.
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; 8] {
        &self.0
    }
}

impl fmt::Display for IkeSpi {
    /// Sixteen lowercase hex digits, as strongSwan and Wireshark print cookies.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for IkeSpi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IkeSpi({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn display() {
        assert_eq!(format!("{}", Spi(0x1a2b)), "0x00001A2B");
        assert_eq!(format!("{}", IkeSpi([0, 1, 2, 3, 0xa, 0xb, 0xc, 0xff])), "000102030a0b0cff");
        assert!(!Spi(255).is_assignable());
        assert!(Spi(256).is_assignable());
    }
}
