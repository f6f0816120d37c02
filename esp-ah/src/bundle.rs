//! AH + ESP bundles: Cisco transform sets such as `ah-sha-hmac esp-3des esp-sha-hmac` (PIX
//! 004:542), where one packet carries both protocols.
//!
//! The two SAs are applied to the same datagram without a second tunnel, RFC 2401 §4.3's
//! "transport adjacency" (RFC 4301 §4.5 keeps bundles): outbound, ESP first (in the bundle's
//! mode: tunnel mode builds the outer header), then AH in transport mode over the resulting
//! packet, so that AH also covers the outer header and the ESP header; inbound, the reverse
//! order (AH verified and removed, then ESP). On the wire (tunnel mode):
//!
//! ```text
//! | outer IP | AH | ESP | inner IP packet | ESP trailer, ICV |
//! ```

use core::net::IpAddr;
use core::ops::Range;

use ipsec_core::types::{EncapsulationMode, Instant, SecurityProtocol};

use crate::error::{ConfigError, Error};
use crate::params::Framing;
use crate::sa::{Decapsulated, InboundSa, OutboundSa};

/// What must agree between the SAs of a bundle: protocol, addresses, mode.
type Identity = (SecurityProtocol, IpAddr, IpAddr, EncapsulationMode);

/// Checks that `esp` and `ah` form a bundle: ESP and AH, same addresses, same mode.
fn check(esp: Identity, ah: Identity) -> Result<(), ConfigError> {
    if esp.0 == SecurityProtocol::Esp && ah.0 == SecurityProtocol::Ah && (esp.1, esp.2, esp.3) == (ah.1, ah.2, ah.3) {
        Ok(())
    } else {
        Err(ConfigError::BundleMismatch)
    }
}

/// The sending half of an AH + ESP bundle.
///
/// Each SA keeps its own sequence numbers, lifetime, events and counters; reach them with
/// [`esp`](Self::esp) and [`ah`](Self::ah).
#[derive(Debug)]
pub struct OutboundBundle {
    /// The ESP SA, applied first.
    esp: OutboundSa,
    /// The AH SA, applied second, in transport mode over the ESP packet.
    ah: OutboundSa,
}

impl OutboundBundle {
    /// Pairs an ESP SA with an AH SA, both negotiated together (same addresses and mode).
    ///
    /// # Errors
    /// [`ConfigError::BundleMismatch`].
    pub fn new(esp: OutboundSa, ah: OutboundSa) -> Result<Self, ConfigError> {
        check(
            (esp.protocol(), esp.local(), esp.remote(), esp.mode()),
            (ah.protocol(), ah.local(), ah.remote(), ah.mode()),
        )?;
        Ok(Self { esp, ah })
    }

    /// Bytes needed in front of the packet: the ESP SA's headroom with [`Framing::Ip`] plus
    /// the AH header.
    #[must_use]
    pub fn headroom(&self) -> usize {
        self.esp.headroom(Framing::Ip) + self.ah.adjacent_headroom()
    }

    /// Bytes needed after the packet.
    #[must_use]
    pub fn tailroom(&self) -> usize {
        self.esp.tailroom() + self.ah.tailroom()
    }

    /// Encapsulates the IP packet at `buf[packet]` in place with ESP, then AH; returns where
    /// the complete outer packet is.
    ///
    /// # Errors
    /// Those of [`OutboundSa::encapsulate`] for either SA.
    pub fn encapsulate(&mut self, now: Instant, buf: &mut [u8], packet: Range<usize>) -> Result<Range<usize>, Error> {
        let esp = self.esp.encapsulate(now, buf, packet, Framing::Ip)?;
        self.ah.encapsulate_adjacent(now, buf, esp)
    }

    /// The ESP SA.
    #[must_use]
    pub fn esp(&self) -> &OutboundSa {
        &self.esp
    }

    /// The AH SA.
    #[must_use]
    pub fn ah(&self) -> &OutboundSa {
        &self.ah
    }

    /// The ESP SA, mutably (events, timeouts).
    pub fn esp_mut(&mut self) -> &mut OutboundSa {
        &mut self.esp
    }

    /// The AH SA, mutably.
    pub fn ah_mut(&mut self) -> &mut OutboundSa {
        &mut self.ah
    }

    /// The two SAs, ESP first.
    #[must_use]
    pub fn into_parts(self) -> (OutboundSa, OutboundSa) {
        (self.esp, self.ah)
    }
}

/// The receiving half of an AH + ESP bundle.
#[derive(Debug)]
pub struct InboundBundle {
    /// The AH SA, checked first.
    ah: InboundSa,
    /// The ESP SA, second.
    esp: InboundSa,
}

impl InboundBundle {
    /// Pairs an ESP SA with an AH SA (same addresses and mode).
    ///
    /// # Errors
    /// [`ConfigError::BundleMismatch`].
    pub fn new(esp: InboundSa, ah: InboundSa) -> Result<Self, ConfigError> {
        check(
            (esp.protocol(), esp.local(), esp.remote(), esp.mode()),
            (ah.protocol(), ah.local(), ah.remote(), ah.mode()),
        )?;
        Ok(Self { ah, esp })
    }

    /// Decapsulates the complete IP packet at `buf[packet]`: verifies and removes AH, then
    /// decapsulates ESP. The result is that of [`InboundSa::decapsulate_packet`] of the ESP
    /// SA (its sequence number is ESP's).
    ///
    /// # Errors
    /// Those of [`InboundSa::decapsulate_packet`] for either SA; a packet without AH in front
    /// of ESP is refused ([`PacketError::NotAh`](crate::PacketError::NotAh),
    /// [`PacketError::NotEsp`](crate::PacketError::NotEsp)).
    pub fn decapsulate_packet(
        &mut self,
        now: Instant,
        buf: &mut [u8],
        packet: Range<usize>,
    ) -> Result<Decapsulated, Error> {
        // AH over ESP keeps the outer header whatever the AH SA's mode (see
        // InboundSa::decapsulate_packet); anything else is not this bundle's.
        let outer = self.ah.decapsulate_packet(now, buf, packet)?;
        if outer.next_header != crate::ip::proto::ESP {
            return Err(crate::error::PacketError::NotEsp.into());
        }
        self.esp.decapsulate_packet(now, buf, outer.payload)
    }

    /// The ESP SA.
    #[must_use]
    pub fn esp(&self) -> &InboundSa {
        &self.esp
    }

    /// The AH SA.
    #[must_use]
    pub fn ah(&self) -> &InboundSa {
        &self.ah
    }

    /// The ESP SA, mutably.
    pub fn esp_mut(&mut self) -> &mut InboundSa {
        &mut self.esp
    }

    /// The AH SA, mutably.
    pub fn ah_mut(&mut self) -> &mut InboundSa {
        &mut self.ah
    }

    /// The two SAs, ESP first.
    #[must_use]
    pub fn into_parts(self) -> (InboundSa, InboundSa) {
        (self.esp, self.ah)
    }
}
