//! IKE on the NAT-T port (RFC 3947 §4, RFC 3948 §2.2-§2.3): the non-ESP marker and the
//! keepalive.

/// The non-ESP marker: four zero bytes that precede an IKE message on UDP port 4500, where an
/// ESP packet would have its (never zero) SPI (RFC 3948 §2.2).
pub const NON_ESP_MARKER: [u8; 4] = [0; 4];

/// The UDP port of NAT-T (RFC 3947 §4).
pub const NAT_T_PORT: u16 = 4500;

/// The NAT-keepalive payload: a single 0xFF byte (RFC 3948 §2.3).
pub const KEEPALIVE: [u8; 1] = [0xff];

/// What a datagram received on port 4500 carries (RFC 3948 §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NatTDatagram<'a> {
    /// An IKE message, the marker removed.
    Ike(&'a [u8]),
    /// An ESP packet (starting with its non-zero SPI).
    Esp(&'a [u8]),
    /// A NAT-keepalive.
    Keepalive,
    /// Too short to be any of them.
    Invalid,
}

/// Classifies a UDP payload received on the NAT-T port.
#[must_use]
pub fn classify(datagram: &[u8]) -> NatTDatagram<'_> {
    if datagram == KEEPALIVE {
        return NatTDatagram::Keepalive;
    }
    match datagram.split_first_chunk::<4>() {
        Some((marker, ike)) if *marker == NON_ESP_MARKER => NatTDatagram::Ike(ike),
        Some(_) => NatTDatagram::Esp(datagram),
        None => NatTDatagram::Invalid,
    }
}

/// Prefixes an IKE message with the non-ESP marker, for sending on port 4500.
#[must_use]
pub fn with_non_esp_marker(message: &[u8]) -> alloc::vec::Vec<u8> {
    [NON_ESP_MARKER.as_slice(), message].concat()
}
