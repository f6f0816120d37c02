//! The security association database for inbound traffic (RFC 4301 §4.4.2), ESP and AH, and
//! the demultiplexing of UDP port 4500 (RFC 3948 §2.2-2.3).

use alloc::collections::BTreeMap;
use core::net::IpAddr;
use core::ops::Range;

use ipsec_core::types::{Instant, SecurityProtocol, Spi};

use crate::error::{Error, PacketError};
use crate::ip::{self, UDP_HEADER, Walk, proto};
use crate::lifetime::SaEvent;
use crate::sa::{Decapsulated, InboundSa};
use crate::stats::SadStats;

/// The key of an inbound SA: SPI, protocol and destination (our address), as DESIGN §3.16 and
/// RFC 4301 §4.1 look SAs up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SadKey {
    /// SPI.
    pub spi: Spi,
    /// ESP or AH.
    pub protocol: SecurityProtocol,
    /// Destination address of the packets (the SA's local address).
    pub destination: IpAddr,
}

/// What a datagram received on UDP port 4500 is (RFC 3948 §2.2, §2.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UdpDemux {
    /// An IKE message after the 4-byte non-ESP marker: the range of the message within the
    /// datagram, for the IKE layer.
    Ike(Range<usize>),
    /// A NAT keep-alive (the single byte 0xFF); ignore it.
    KeepAlive,
    /// An ESP packet of this inbound SA; the whole datagram is the ESP packet.
    Esp(SadKey),
    /// An ESP packet whose SPI no SA has (counted as `#pkts invalid sa`).
    UnknownSpi(Spi),
    /// Anything else (too short, or a source the SA does not accept); drop it.
    Invalid,
}

/// The inbound SAD: inbound SAs by SPI, protocol and destination.
///
/// Lookups and decapsulation do not allocate; inserting may.
#[derive(Debug, Default)]
pub struct Sad {
    /// The SAs.
    sas: BTreeMap<SadKey, InboundSa>,
    /// Counters of packets no SA took.
    stats: SadStats,
}

impl Sad {
    /// An empty SAD.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The key an inbound SA is filed under.
    #[must_use]
    pub fn key_of(sa: &InboundSa) -> SadKey {
        SadKey { spi: sa.spi(), protocol: sa.protocol(), destination: sa.local() }
    }

    /// Adds an SA and returns its key, with the SA it replaced (same SPI, protocol and
    /// destination), if any.
    pub fn insert(&mut self, sa: InboundSa) -> (SadKey, Option<InboundSa>) {
        let key = Self::key_of(&sa);
        (key, self.sas.insert(key, sa))
    }

    /// Removes an SA.
    pub fn remove(&mut self, key: &SadKey) -> Option<InboundSa> {
        self.sas.remove(key)
    }

    /// The SA under `key`.
    #[must_use]
    pub fn get(&self, key: &SadKey) -> Option<&InboundSa> {
        self.sas.get(key)
    }

    /// The SA under `key`, mutably (to decapsulate).
    pub fn get_mut(&mut self, key: &SadKey) -> Option<&mut InboundSa> {
        self.sas.get_mut(key)
    }

    /// Number of SAs.
    #[must_use]
    pub fn len(&self) -> usize {
        self.sas.len()
    }

    /// True when there is no SA.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.sas.is_empty()
    }

    /// All SAs with their keys.
    pub fn iter(&self) -> impl Iterator<Item = (&SadKey, &InboundSa)> {
        self.sas.iter()
    }

    /// Keeps only the SAs for which `keep` is true (e.g. drop the expired ones).
    pub fn retain(&mut self, mut keep: impl FnMut(&SadKey, &mut InboundSa) -> bool) {
        self.sas.retain(|k, v| keep(k, v));
    }

    /// The SAD's own counters.
    #[must_use]
    pub fn stats(&self) -> &SadStats {
        &self.stats
    }

    /// Finds the SA for an ESP packet with `spi` sent to `destination` from `source`
    /// (DESIGN §3.16): SPI, protocol and destination must match; an SA with
    /// [`check_source`](crate::SaParams::check_source) also needs `source` to be its peer.
    ///
    /// # Errors
    /// [`Error::UnknownSpi`] or [`Error::SourceMismatch`] (both counted).
    pub fn lookup(&mut self, spi: Spi, destination: IpAddr, source: IpAddr) -> Result<SadKey, Error> {
        self.lookup_protocol(spi, SecurityProtocol::Esp, destination, source)
    }

    /// [`lookup`](Self::lookup) for ESP or AH.
    ///
    /// # Errors
    /// [`Error::UnknownSpi`] or [`Error::SourceMismatch`] (both counted).
    pub fn lookup_protocol(
        &mut self,
        spi: Spi,
        protocol: SecurityProtocol,
        destination: IpAddr,
        source: IpAddr,
    ) -> Result<SadKey, Error> {
        let key = SadKey { spi, protocol, destination };
        match self.sas.get(&key) {
            None => {
                self.stats.invalid_sa += 1;
                Err(Error::UnknownSpi(spi))
            }
            Some(sa) if sa.checks_source() && sa.remote() != source => {
                self.stats.invalid_source += 1;
                Err(Error::SourceMismatch)
            }
            Some(_) => Ok(key),
        }
    }

    /// Classifies a datagram received on UDP port 4500 at `local` from `remote` (RFC 3948
    /// §2.2): four zero bytes (the non-ESP marker) start an IKE message, the single byte 0xFF
    /// is a NAT keep-alive, anything else of at least 8 bytes is ESP and is looked up by its
    /// SPI.
    pub fn demux_udp(&mut self, local: IpAddr, remote: IpAddr, datagram: &[u8]) -> UdpDemux {
        match datagram {
            [0xff] => {
                self.stats.keepalives += 1;
                UdpDemux::KeepAlive
            }
            [0, 0, 0, 0, _, ..] => {
                self.stats.ike_datagrams += 1;
                UdpDemux::Ike(4..datagram.len())
            }
            [a, b, c, d, _, _, _, _, ..] if [*a, *b, *c, *d] != [0; 4] => {
                let spi = Spi::from_bytes([*a, *b, *c, *d]);
                match self.lookup(spi, local, remote) {
                    Ok(key) => UdpDemux::Esp(key),
                    Err(Error::UnknownSpi(spi)) => UdpDemux::UnknownSpi(spi),
                    Err(_) => UdpDemux::Invalid,
                }
            }
            _ => {
                self.stats.invalid_datagrams += 1;
                UdpDemux::Invalid
            }
        }
    }

    /// Looks up and decapsulates the ESP packet `buf[esp]` (SPI to ICV) received at
    /// `destination` from `source`, e.g. a datagram [`demux_udp`](Self::demux_udp) called ESP
    /// or the payload of a raw protocol-50 socket.
    ///
    /// # Errors
    /// The lookup errors of [`lookup`](Self::lookup), and those of
    /// [`InboundSa::decapsulate`].
    pub fn decapsulate(
        &mut self,
        now: Instant,
        destination: IpAddr,
        source: IpAddr,
        buf: &mut [u8],
        esp: Range<usize>,
    ) -> Result<(SadKey, Decapsulated), Error> {
        let spi = match buf.get(esp.clone()).and_then(|p| p.get(..4)) {
            Some(&[a, b, c, d]) => Spi::from_bytes([a, b, c, d]),
            _ => return Err(Error::InvalidLength),
        };
        let key = self.lookup(spi, destination, source)?;
        let sa = self.sas.get_mut(&key).ok_or(Error::UnknownSpi(spi))?;
        sa.decapsulate(now, buf, esp).map(|d| (key, d))
    }

    /// Looks up and decapsulates the complete IP packet `buf[packet]` (ESP directly or in UDP,
    /// or AH), as [`InboundSa::decapsulate_packet`] does. For an AH + ESP bundle call it
    /// again on the result while its next header is ESP (50): AH is removed first (RFC 4301
    /// §5.2), then ESP.
    ///
    /// # Errors
    /// [`Error::Packet`] when the packet is neither ESP nor AH, the lookup errors of
    /// [`lookup`](Self::lookup), and those of [`InboundSa::decapsulate_packet`].
    pub fn decapsulate_packet(
        &mut self,
        now: Instant,
        buf: &mut [u8],
        packet: Range<usize>,
    ) -> Result<(SadKey, Decapsulated), Error> {
        let p = buf.get(packet.clone()).ok_or(Error::InvalidRange)?;
        let l = ip::parse(p, Walk::FindEsp)?;
        let (spi_at, protocol) = match l.next_header {
            proto::ESP => (l.header_len, SecurityProtocol::Esp),
            proto::UDP => (l.header_len + UDP_HEADER, SecurityProtocol::Esp),
            proto::AH => (l.header_len + 4, SecurityProtocol::Ah),
            _ => return Err(PacketError::NotEsp.into()),
        };
        let spi = match p.get(spi_at..spi_at + 4) {
            Some(&[0, 0, 0, 0]) | None => return Err(PacketError::NotEsp.into()),
            Some(&[a, b, c, d]) => Spi::from_bytes([a, b, c, d]),
            Some(_) => return Err(PacketError::Truncated.into()),
        };
        let key = self.lookup_protocol(spi, protocol, l.dst, l.src)?;
        let sa = self.sas.get_mut(&key).ok_or(Error::UnknownSpi(spi))?;
        sa.decapsulate_packet(now, buf, packet).map(|d| (key, d))
    }

    /// The next pending event of any SA, with the SA's key.
    pub fn poll_event(&mut self) -> Option<(SadKey, SaEvent)> {
        self.sas.iter_mut().find_map(|(k, sa)| sa.poll_event().map(|e| (*k, e)))
    }

    /// The earliest time-based limit of any SA.
    #[must_use]
    pub fn next_timeout(&self) -> Option<Instant> {
        self.sas.values().filter_map(InboundSa::next_timeout).min()
    }

    /// Fires the time-based limits of every SA due at `now`.
    pub fn handle_timeout(&mut self, now: Instant) {
        for sa in self.sas.values_mut() {
            if sa.next_timeout().is_some_and(|t| t <= now) {
                sa.handle_timeout(now);
            }
        }
    }
}
