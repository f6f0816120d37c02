//! Outbound and inbound SAs: sequence numbers, framing, anti-replay, lifetimes, events and
//! statistics around the ESP and AH transforms.

use core::fmt;
use core::net::IpAddr;
use core::ops::Range;

use ipsec_core::algorithm::{CiscoContext, EncryptionAlgorithm, IntegrityAlgorithm};
use ipsec_core::crypto::{CryptoProvider, CryptoRng};
use ipsec_core::types::{EncapsulationMode, Instant, LifetimeLimits, SecurityProtocol, Spi};
use zeroize::Zeroizing;

use crate::ah::AhTransform;
use crate::error::{ConfigError, Error, PacketError};
use crate::esp::{EspTransform, IvSource};
use crate::ip::{self, IpLayout, OuterFields, UDP_HEADER, Walk, proto};
use crate::lifetime::{EventQueue, LifetimeTracker, Limit, SaEvent};
use crate::params::{DfPolicy, DscpPolicy, EcnPolicy, Framing, OuterHeader, SaParams, UdpEncap};
use crate::replay::ReplayWindow;
use crate::stats::SaStats;

/// What goes in front of ESP or AH on encapsulation.
enum Front {
    /// Nothing: the ESP packet only ([`Framing::Esp`]).
    None,
    /// A new outer header with this traffic class and DF bit (tunnel mode).
    New(u8, bool),
    /// The packet's own header, moved (transport mode).
    Own(IpLayout),
}

/// The result of a successful decapsulation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decapsulated {
    /// Where the cleartext is in the buffer. From
    /// [`InboundSa::decapsulate`]: the inner IP packet (tunnel mode, without any TFC padding)
    /// or the upper-layer payload (transport mode). From
    /// [`InboundSa::decapsulate_packet`]: the inner IP packet (tunnel mode) or the whole
    /// restored cleartext IP packet (transport mode). Empty for a TFC dummy packet.
    pub payload: Range<usize>,
    /// The ESP next header: 4 or 41 in tunnel mode, the upper-layer protocol in transport
    /// mode, 59 for a dummy packet.
    pub next_header: u8,
    /// The full (ESN-inferred) sequence number.
    pub sequence: u64,
    /// True for a TFC dummy packet (next header 59, RFC 4303 §2.6): authenticated, counted,
    /// and to be discarded by the caller.
    pub tfc_dummy: bool,
}

/// The keyed transform of an SA: ESP (RFC 4303, or RFC 1829) or AH (RFC 4302, or RFC 1828).
#[derive(Debug)]
pub(crate) enum Transform {
    /// ESP.
    Esp(EspTransform),
    /// AH.
    Ah(AhTransform),
}

impl Transform {
    /// Keys the transform of validated parameters.
    fn new(p: &SaParams, provider: &CryptoProvider) -> Result<Self, ConfigError> {
        Ok(match p.protocol {
            SecurityProtocol::Ah => Self::Ah(AhTransform::new(p, provider)?),
            _ => Self::Esp(EspTransform::new(p, provider)?),
        })
    }

    /// ESP or AH.
    #[inline]
    pub(crate) fn protocol(&self) -> SecurityProtocol {
        match self {
            Self::Esp(_) => SecurityProtocol::Esp,
            Self::Ah(_) => SecurityProtocol::Ah,
        }
    }

    /// The encryption algorithm (NULL or AES-GMAC for AH).
    pub(crate) fn encryption(&self) -> EncryptionAlgorithm {
        match self {
            Self::Esp(t) => t.encryption,
            Self::Ah(t) => t.encryption,
        }
    }

    /// The integrity algorithm.
    pub(crate) fn integrity(&self) -> Option<IntegrityAlgorithm> {
        match self {
            Self::Esp(t) => t.integrity,
            Self::Ah(t) => t.integrity,
        }
    }

    /// The explicit IV length.
    pub(crate) fn iv_len(&self) -> usize {
        match self {
            Self::Esp(t) => t.iv_len,
            Self::Ah(t) => t.iv_len,
        }
    }

    /// True when packets are encrypted (never with AH).
    #[inline]
    pub(crate) fn encrypts(&self) -> bool {
        matches!(self, Self::Esp(t) if t.encrypts())
    }

    /// True when packets carry an ICV (always with AH).
    #[inline]
    pub(crate) fn authenticates(&self) -> bool {
        match self {
            Self::Esp(t) => t.authenticates(),
            Self::Ah(_) => true,
        }
    }

    /// True when packets carry a sequence number (not RFC 1828/1829).
    #[inline]
    pub(crate) fn has_sequence(&self) -> bool {
        match self {
            Self::Esp(t) => t.has_sequence(),
            Self::Ah(t) => t.has_sequence(),
        }
    }

    /// The ESP transform, or [`Error::Unsupported`] on an AH SA.
    #[inline]
    fn esp(&self) -> Result<&EspTransform, Error> {
        match self {
            Self::Esp(t) => Ok(t),
            Self::Ah(_) => Err(Error::Unsupported),
        }
    }

    /// The AH transform, or [`Error::Unsupported`] on an ESP SA.
    fn ah(&self) -> Result<&AhTransform, Error> {
        match self {
            Self::Ah(t) => Ok(t),
            Self::Esp(_) => Err(Error::Unsupported),
        }
    }
}

/// What outbound and inbound SAs share.
#[derive(Debug)]
struct Common {
    /// SPI.
    spi: Spi,
    /// Tunnel or transport.
    mode: EncapsulationMode,
    /// Our address.
    local: IpAddr,
    /// The peer's address.
    remote: IpAddr,
    /// NAT-T ports.
    udp: Option<UdpEncap>,
    /// Outer header options.
    outer: OuterHeader,
    /// Extended sequence numbers.
    esn: bool,
    /// Manually keyed.
    manual: bool,
    /// The keyed transform.
    transform: Transform,
    /// Lifetime accounting.
    lifetime: LifetimeTracker,
    /// Pending events.
    events: EventQueue,
    /// Counters.
    stats: SaStats,
}

impl Common {
    /// Validates and keys.
    fn new(p: &SaParams, provider: &CryptoProvider, now: Instant) -> Result<Self, ConfigError> {
        p.validate()?;
        let limits = if p.manual { LifetimeLimits::default() } else { p.lifetime };
        Ok(Self {
            spi: p.spi,
            mode: p.mode,
            local: p.local,
            remote: p.remote,
            udp: p.udp_encap,
            outer: p.outer,
            esn: p.esn,
            manual: p.manual,
            transform: Transform::new(p, provider)?,
            lifetime: LifetimeTracker::new(limits, now),
            events: EventQueue::default(),
            stats: SaStats::default(),
        })
    }
}

/// Getters shared by both directions.
macro_rules! common_getters {
    () => {
        /// The SPI.
        #[must_use]
        pub fn spi(&self) -> Spi {
            self.c.spi
        }

        /// Tunnel or transport mode.
        #[must_use]
        pub fn mode(&self) -> EncapsulationMode {
            self.c.mode
        }

        /// Our outer address.
        #[must_use]
        pub fn local(&self) -> IpAddr {
            self.c.local
        }

        /// The peer's outer address.
        #[must_use]
        pub fn remote(&self) -> IpAddr {
            self.c.remote
        }

        /// The NAT-T ports, if the SA is UDP-encapsulated.
        #[must_use]
        pub fn udp_encap(&self) -> Option<UdpEncap> {
            self.c.udp
        }

        /// Follows the peer to a new address and port, as NAT-T requires when its NAT mapping
        /// changes (RFC 7296 §2.23, RFC 3947 §5.2). The address family cannot change.
        ///
        /// # Errors
        /// [`ConfigError::AddressFamilyMismatch`].
        pub fn set_remote(&mut self, remote: IpAddr, udp_port: Option<u16>) -> Result<(), ConfigError> {
            if remote.is_ipv4() != self.c.remote.is_ipv4() {
                return Err(ConfigError::AddressFamilyMismatch);
            }
            self.c.remote = remote;
            if let (Some(u), Some(port)) = (self.c.udp.as_mut(), udp_port) {
                u.remote_port = port;
            }
            Ok(())
        }

        /// ESP or AH.
        #[must_use]
        pub fn protocol(&self) -> SecurityProtocol {
            self.c.transform.protocol()
        }

        /// The encryption algorithm (NULL for AH, AES-GMAC for AH with GMAC).
        #[must_use]
        pub fn encryption(&self) -> EncryptionAlgorithm {
            self.c.transform.encryption()
        }

        /// The integrity algorithm (`None` with a combined-mode algorithm or a legacy
        /// transform).
        #[must_use]
        pub fn integrity(&self) -> Option<IntegrityAlgorithm> {
            self.c.transform.integrity()
        }

        /// True with 64-bit extended sequence numbers.
        #[must_use]
        pub fn esn(&self) -> bool {
            self.c.esn
        }

        /// True for a manually keyed SA.
        #[must_use]
        pub fn is_manual(&self) -> bool {
            self.c.manual
        }

        /// The counters.
        #[must_use]
        pub fn stats(&self) -> &SaStats {
            &self.c.stats
        }

        /// Resets the counters (Cisco `clear crypto sa counters`); the SA stays.
        pub fn clear_stats(&mut self) {
            self.c.stats = SaStats::default();
        }

        /// The lifetime state: usage, limits, idle time.
        #[must_use]
        pub fn lifetime(&self) -> &LifetimeTracker {
            &self.c.lifetime
        }

        /// True once the SA processed a packet (DESIGN §3.2: an SA that carried no traffic is
        /// not rekeyed).
        #[must_use]
        pub fn carried_traffic(&self) -> bool {
            self.c.lifetime.carried_traffic()
        }

        /// When the SA last processed a packet.
        #[must_use]
        pub fn last_used(&self) -> Option<Instant> {
            self.c.lifetime.last_used()
        }

        /// True once a hard limit was reached; the SA refuses packets and should be deleted.
        #[must_use]
        pub fn is_expired(&self) -> bool {
            self.c.lifetime.is_hard_expired()
        }

        /// The next pending event.
        pub fn poll_event(&mut self) -> Option<SaEvent> {
            self.c.events.pop()
        }

        /// When [`handle_timeout`](Self::handle_timeout) should be called next.
        #[must_use]
        pub fn next_timeout(&self) -> Option<Instant> {
            self.c.lifetime.next_timeout()
        }

        /// Fires the time-based lifetime limits due at `now`.
        pub fn handle_timeout(&mut self, now: Instant) {
            self.c.lifetime.handle_timeout(now, &mut self.c.events);
        }

        /// Heap bytes owned by the SA itself, excluding the provider's keyed objects (key
        /// schedules) and the boxes that hold them.
        #[must_use]
        pub fn heap_bytes(&self) -> usize {
            self.extra_heap_bytes()
        }
    };
}

/// An outbound ESP or AH SA: encapsulates packets in place.
///
/// # Buffer contract
///
/// [`encapsulate`](Self::encapsulate) works in place on a caller buffer. The packet sits at
/// `packet` with at least [`headroom`](Self::headroom)`(framing)` bytes before it and
/// [`tailroom`](Self::tailroom) bytes after it; the result is a sub-range of the same buffer
/// that begins up to `headroom` bytes before `packet.start` and ends up to `tailroom` bytes
/// after `packet.end`. Nothing is allocated.
#[derive(Debug)]
pub struct OutboundSa {
    /// Shared state.
    c: Common,
    /// Last sequence number used.
    seq: u64,
    /// Last sequence number that may be used (2^32 - 1 or 2^64 - 1).
    seq_max: u64,
    /// The sequence number at which the soft "sequence numbers" limit fires (7/8 of the space).
    seq_soft: u64,
    /// Random per-SA seed of the CBC IV nonces (NIST SP 800-38A Appendix C).
    iv_seed: Zeroizing<[u8; 16]>,
}

impl OutboundSa {
    /// Validates `params`, keys the transform once through `provider`, and draws the CBC IV
    /// seed from `rng`. Time limits count from `now`.
    ///
    /// # Errors
    /// [`ConfigError`] from [`SaParams::validate`] or the provider.
    pub fn new(
        params: &SaParams,
        provider: &CryptoProvider,
        rng: &mut dyn CryptoRng,
        now: Instant,
    ) -> Result<Self, ConfigError> {
        let c = Common::new(params, provider, now)?;
        // Legacy transforms send no sequence number: the counter only varies the RFC 1829 IV.
        let seq_max = if params.esn || !c.transform.has_sequence() { u64::MAX } else { u64::from(u32::MAX) };
        let mut iv_seed = Zeroizing::new([0u8; 16]);
        rng.fill_bytes(iv_seed.as_mut_slice());
        Ok(Self { c, seq: params.sequence_start.min(seq_max), seq_max, seq_soft: seq_max - seq_max / 8, iv_seed })
    }

    common_getters!();

    /// The last sequence number sent (0 before the first packet).
    #[must_use]
    pub fn sequence(&self) -> u64 {
        self.seq
    }

    /// True once the sequence number space is used up.
    #[must_use]
    pub fn is_exhausted(&self) -> bool {
        self.seq >= self.seq_max
    }

    /// Bytes needed in front of the packet (or dummy payload) for `framing`, enough for every
    /// call: ESP header and IV, plus with [`Framing::Ip`] an outer IP header (built in tunnel
    /// mode and for dummies; transport mode needs only the ESP header and the UDP header in
    /// front of its own packet) and the UDP header of NAT-T. With GMAC and ESN, 4 more bytes
    /// avoid moving the payload. AH (always [`Framing::Ip`]): the AH header, plus the outer
    /// IP header in tunnel mode.
    #[must_use]
    pub fn headroom(&self, framing: Framing) -> usize {
        let t = match &self.c.transform {
            Transform::Esp(t) => t,
            Transform::Ah(t) => {
                let outer = match self.c.mode {
                    EncapsulationMode::Tunnel => ip::header_len_for(&self.c.remote),
                    EncapsulationMode::Transport => 0,
                };
                return outer + t.header_len(self.c.local.is_ipv6());
            }
        };
        let udp = if self.c.udp.is_some() { UDP_HEADER } else { 0 };
        let gmac = if t.wants_front_room(self.c.esn) { 4 } else { 0 };
        let front = match framing {
            Framing::Esp => gmac,
            Framing::Ip => ip::header_len_for(&self.c.remote) + udp,
        };
        t.header_len() + front
    }

    /// Bytes needed after the packet: the most padding (block size - 1, at least 3), pad
    /// length, next header and ICV. AH: none (4 for AES-GMAC with ESN, whose AAD ends with the
    /// high sequence bits).
    #[must_use]
    pub fn tailroom(&self) -> usize {
        match &self.c.transform {
            Transform::Esp(t) => t.max_trailer_len(),
            Transform::Ah(t) if t.wants_tail_room(self.c.esn) => 4,
            Transform::Ah(_) => 0,
        }
    }

    /// The exact size of the result of encapsulating an inner packet (tunnel mode) or an IP
    /// packet (transport mode, header included, without extension headers) of `len` bytes.
    #[must_use]
    pub fn encapsulated_len(&self, framing: Framing, len: usize) -> usize {
        let t = match &self.c.transform {
            Transform::Esp(t) => t,
            Transform::Ah(_) => return len + self.headroom(framing),
        };
        let payload = match self.c.mode {
            EncapsulationMode::Tunnel => len,
            EncapsulationMode::Transport => len.saturating_sub(ip::header_len_for(&self.c.local)),
        };
        let udp = if self.c.udp.is_some() { UDP_HEADER } else { 0 };
        let front = match framing {
            Framing::Esp => 0,
            Framing::Ip => ip::header_len_for(&self.c.local) + udp,
        };
        front + t.header_len() + payload + t.trailer_len(payload)
    }

    /// Encapsulates the IP packet at `buf[packet]` in place and returns where the result is.
    ///
    /// Tunnel mode protects the whole packet (next header 4 or 41); transport mode protects
    /// its payload and, with [`Framing::Ip`], moves the packet's own IP header (with the IPv6
    /// extension headers that must precede ESP, RFC 4303 §3.1.1) in front of ESP and updates
    /// its protocol, lengths and checksum. With [`Framing::Esp`] in transport mode the IP
    /// header is dropped (and IPv6 extension headers that would precede ESP are refused).
    ///
    /// AH (RFC 4302 §3.1) needs [`Framing::Ip`]: tunnel mode builds the outer header (next
    /// header 4 or 41); transport mode inserts AH after the IP header (IPv6: after hop-by-hop,
    /// routing and the destination options before a routing header, RFC 4302 §3.1.1). The
    /// ICV covers the whole resulting packet with its mutable fields zeroed (§3.3.3.1).
    ///
    /// # Errors
    /// [`Error::InsufficientHeadroom`], [`Error::InsufficientTailroom`],
    /// [`Error::InvalidRange`], [`Error::Packet`] (not an IP packet, a fragment in transport
    /// mode, malformed options under AH), [`Error::Expired`], [`Error::SequenceExhausted`],
    /// [`Error::Unsupported`] (AH with [`Framing::Esp`]). The buffer is unchanged unless the
    /// error comes from the crypto provider.
    pub fn encapsulate(
        &mut self,
        now: Instant,
        buf: &mut [u8],
        packet: Range<usize>,
        framing: Framing,
    ) -> Result<Range<usize>, Error> {
        let r = self.protect(now, buf, packet, framing, false, None);
        self.count_send(&r, false);
        r
    }

    /// Sends a TFC dummy packet (next header 59, RFC 4303 §2.6): the bytes at `buf[payload]`
    /// (any content, any length, also empty) become its payload, which the receiver discards.
    /// With [`Framing::Ip`] the outer header is built from the SA addresses in both modes.
    /// Dummies use a sequence number but count toward neither lifetime nor idle tracking.
    ///
    /// # Errors
    /// As [`encapsulate`](Self::encapsulate); [`Error::Unsupported`] on an AH SA.
    pub fn encapsulate_dummy(
        &mut self,
        now: Instant,
        buf: &mut [u8],
        payload: Range<usize>,
        framing: Framing,
    ) -> Result<Range<usize>, Error> {
        let r = self.protect(now, buf, payload, framing, true, None);
        self.count_send(&r, true);
        r
    }

    /// [`encapsulate`](Self::encapsulate) with an explicit IV, for reproducing published test
    /// vectors. Never use it on a real SA: CBC needs unpredictable IVs and counter modes
    /// unique ones.
    ///
    /// # Errors
    /// As [`encapsulate`](Self::encapsulate), and [`Error::Crypto`] for an IV of the wrong
    /// length.
    #[cfg(feature = "test-hooks")]
    #[doc(hidden)]
    pub fn encapsulate_with_iv(
        &mut self,
        now: Instant,
        buf: &mut [u8],
        packet: Range<usize>,
        framing: Framing,
        iv: &[u8],
    ) -> Result<Range<usize>, Error> {
        let r = self.protect(now, buf, packet, framing, false, Some(iv));
        self.count_send(&r, false);
        r
    }

    /// AH in transport mode over the IP packet at `buf[packet]` whatever the SA's mode: the
    /// second step of a bundle (transport adjacency, RFC 2401 §4.3), with the counters.
    pub(crate) fn encapsulate_adjacent(
        &mut self,
        now: Instant,
        buf: &mut [u8],
        packet: Range<usize>,
    ) -> Result<Range<usize>, Error> {
        let r = self.protect_ah(now, buf, packet, EncapsulationMode::Transport);
        self.count_send(&r, false);
        r
    }

    /// The AH header length of this SA in transport mode (what a bundle adds).
    pub(crate) fn adjacent_headroom(&self) -> usize {
        match &self.c.transform {
            Transform::Ah(t) => t.header_len(self.c.local.is_ipv6()),
            Transform::Esp(_) => 0,
        }
    }

    /// Updates the counters after an encapsulation.
    #[inline]
    fn count_send(&mut self, r: &Result<Range<usize>, Error>, dummy: bool) {
        let s = &mut self.c.stats;
        match r {
            Ok(_) => {
                s.encaps += 1;
                if self.c.transform.encrypts() {
                    s.encrypt += 1;
                }
                if self.c.transform.authenticates() {
                    s.digest += 1;
                }
                if dummy {
                    s.tfc_sent += 1;
                }
            }
            Err(Error::SequenceExhausted) => {
                s.send_errors += 1;
                s.replay_rollover_send += 1;
            }
            Err(_) => {
                s.send_errors += 1;
                s.encaps_failed += 1;
            }
        }
    }

    /// Takes the next sequence number.
    #[inline]
    fn next_sequence(&mut self) -> Result<u64, Error> {
        if self.seq >= self.seq_max {
            return Err(Error::SequenceExhausted);
        }
        self.seq += 1;
        if self.seq == self.seq_max {
            self.c.events.push(SaEvent::SequenceExhausted);
        } else if self.seq >= self.seq_soft {
            self.c.lifetime.soft_expire(Limit::SequenceNumbers, &mut self.c.events);
        }
        Ok(self.seq)
    }

    /// The outer header's traffic class for an inner one.
    fn outer_tos(&self, inner: u8) -> u8 {
        let dscp = match self.c.outer.dscp {
            DscpPolicy::Copy => inner & 0xfc,
            DscpPolicy::Set(d) => (d & 0x3f) << 2,
        };
        let ecn = match self.c.outer.ecn {
            EcnPolicy::Normal => inner & 3,
            EcnPolicy::Compatibility => 0,
        };
        dscp | ecn
    }

    /// The outer DF bit for an inner one.
    fn outer_df(&self, inner: bool) -> bool {
        match self.c.outer.df {
            DfPolicy::Copy => inner,
            DfPolicy::Set => true,
            DfPolicy::Clear => false,
        }
    }

    /// The encapsulation itself; `given_iv` replaces the production IV (test hook only).
    fn protect(
        &mut self,
        now: Instant,
        buf: &mut [u8],
        packet: Range<usize>,
        framing: Framing,
        dummy: bool,
        given_iv: Option<&[u8]>,
    ) -> Result<Range<usize>, Error> {
        match self.c.transform.protocol() {
            SecurityProtocol::Ah if dummy || framing != Framing::Ip || given_iv.is_some() => Err(Error::Unsupported),
            SecurityProtocol::Ah => self.protect_ah(now, buf, packet, self.c.mode),
            _ => self.protect_esp(now, buf, packet, framing, dummy, given_iv),
        }
    }

    /// The sequence number of the next packet, once the SA is admitted at `now` (lifetime).
    #[inline]
    fn begin_packet(&mut self, now: Instant) -> Result<u64, Error> {
        if !self.c.lifetime.admit(now, &mut self.c.events) {
            return Err(Error::Expired);
        }
        self.next_sequence()
    }

    /// AH encapsulation (RFC 4302 §3.1, §3.3) in `mode`: tunnel mode builds a new outer
    /// header, transport mode moves the packet's own header in front of AH; then the AH header
    /// and the ICV over the whole result.
    fn protect_ah(
        &mut self,
        now: Instant,
        buf: &mut [u8],
        packet: Range<usize>,
        mode: EncapsulationMode,
    ) -> Result<Range<usize>, Error> {
        let pkt = buf.get(packet.clone()).ok_or(Error::InvalidRange)?;
        let (front, next_header, end) = match mode {
            EncapsulationMode::Tunnel => {
                let info = ip::inner_info(pkt)?;
                (Front::New(self.outer_tos(info.tos), self.outer_df(info.df)), info.next_header, packet.end)
            }
            EncapsulationMode::Transport => {
                let l = ip::parse(pkt, Walk::InsertEsp)?;
                if l.src.is_ipv4() != self.c.local.is_ipv4() {
                    return Err(PacketError::AddressFamily.into());
                }
                let end = packet.start + l.total_len;
                (Front::Own(l), l.next_header, end)
            }
        };
        // Bytes of IP header in front of AH, and of them those not yet in front of the packet.
        let (hl, new) = match &front {
            Front::Own(l) => (l.header_len, 0),
            _ => (ip::header_len_for(&self.c.remote), ip::header_len_for(&self.c.remote)),
        };
        let t = self.c.transform.ah()?;
        let ah_len = t.header_len(self.c.local.is_ipv6());
        let needed = new + ah_len;
        if packet.start < needed {
            return Err(Error::InsufficientHeadroom { needed, available: packet.start });
        }
        let tail = if t.wants_tail_room(self.c.esn) { 4 } else { 0 };
        if buf.len() - end < tail {
            return Err(Error::InsufficientTailroom { needed: tail, available: buf.len() - end });
        }
        let payload = end - packet.start - (hl - new);
        let seq = self.begin_packet(now)?;
        let out_start = packet.start - needed;
        let ah = out_start + hl;
        let total = end - out_start;
        match front {
            Front::New(tos, df) => {
                let fields = OuterFields {
                    src: self.c.local,
                    dst: self.c.remote,
                    protocol: proto::AH,
                    tos,
                    ttl: self.c.outer.ttl,
                    df,
                    id: seq as u16,
                };
                ip::write_outer(buf.get_mut(out_start..ah).ok_or(Error::InvalidRange)?, &fields, total)?;
            }
            Front::Own(l) => {
                buf.copy_within(packet.start..packet.start + hl, out_start);
                let h = buf.get_mut(out_start..end).ok_or(Error::InvalidRange)?;
                ip::rewrite_header(h, l.next_header_at, proto::AH, total)?;
            }
            Front::None => {}
        }
        let t = self.c.transform.ah()?;
        t.write_header(buf.get_mut(ah..ah + ah_len).ok_or(Error::InvalidRange)?, next_header, self.c.spi, seq)?;
        t.sign(buf, out_start..end, ah, seq, self.c.esn)?;
        self.c.lifetime.record(now, payload, &mut self.c.events);
        Ok(out_start..end)
    }

    /// ESP encapsulation.
    fn protect_esp(
        &mut self,
        now: Instant,
        buf: &mut [u8],
        packet: Range<usize>,
        framing: Framing,
        dummy: bool,
        given_iv: Option<&[u8]>,
    ) -> Result<Range<usize>, Error> {
        let pkt = buf.get(packet.clone()).ok_or(Error::InvalidRange)?;
        let (payload, next_header, front) = match (dummy, self.c.mode, framing) {
            (true, _, Framing::Esp) => (packet.clone(), proto::NONE, Front::None),
            (true, _, Framing::Ip) => (packet.clone(), proto::NONE, Front::New(self.outer_tos(0), self.outer_df(true))),
            (false, EncapsulationMode::Tunnel, _) => {
                let info = ip::inner_info(pkt)?;
                let front = match framing {
                    Framing::Esp => Front::None,
                    Framing::Ip => Front::New(self.outer_tos(info.tos), self.outer_df(info.df)),
                };
                (packet.clone(), info.next_header, front)
            }
            (false, EncapsulationMode::Transport, _) => {
                let l = ip::parse(pkt, Walk::InsertEsp)?;
                let payload = packet.start + l.header_len..packet.start + l.total_len;
                let front = match framing {
                    Framing::Ip => {
                        if l.src.is_ipv4() != self.c.local.is_ipv4() {
                            return Err(PacketError::AddressFamily.into());
                        }
                        Front::Own(l)
                    }
                    // IPv4 options are dropped with the header; IPv6 extension headers that
                    // must precede ESP cannot be, since the caller's socket builds the header.
                    Framing::Esp if l.src.is_ipv6() && l.header_len > ip::IPV6_HEADER => {
                        return Err(PacketError::ExtensionHeaders.into());
                    }
                    Framing::Esp => Front::None,
                };
                (payload, l.next_header, front)
            }
        };
        let t = self.c.transform.esp()?;
        let n = payload.end - payload.start;
        let udp = if self.c.udp.is_some() { UDP_HEADER } else { 0 };
        let front_len = match &front {
            Front::None => 0,
            Front::New(..) => ip::header_len_for(&self.c.remote) + udp,
            Front::Own(l) => l.header_len + udp,
        };
        let esp_start_rel = t.header_len() + front_len;
        // Bytes needed before `packet.start` (the packet's own header is already there).
        let own = payload.start - packet.start;
        let needed = esp_start_rel.saturating_sub(own);
        if packet.start < needed {
            return Err(Error::InsufficientHeadroom { needed, available: packet.start });
        }
        let trailer = t.trailer_len(n);
        let available_tail = buf.len() - payload.end;
        if available_tail < trailer {
            return Err(Error::InsufficientTailroom { needed: trailer, available: available_tail });
        }
        let out_start = payload.start - esp_start_rel;
        let esp_start = payload.start - t.header_len();

        let seq = self.begin_packet(now)?;
        if let Front::Own(l) = &front {
            buf.copy_within(packet.start..packet.start + l.header_len, out_start);
        }
        let iv = match given_iv {
            Some(iv) => IvSource::Given(iv),
            None => IvSource::Auto { seed: &self.iv_seed },
        };
        let end = self.c.transform.esp()?.seal(buf, esp_start, n, next_header, self.c.spi, seq, self.c.esn, iv)?;
        let total = end - out_start;
        match front {
            Front::None => {}
            Front::New(tos, df) => {
                let hl = ip::header_len_for(&self.c.remote);
                let protocol = if let Some(u) = self.c.udp {
                    let dgram = buf.get_mut(out_start + hl..end).ok_or(Error::InvalidRange)?;
                    ip::write_udp(dgram, u.local_port, u.remote_port, &self.c.local, &self.c.remote)?;
                    proto::UDP
                } else {
                    proto::ESP
                };
                let fields = OuterFields {
                    src: self.c.local,
                    dst: self.c.remote,
                    protocol,
                    tos,
                    ttl: self.c.outer.ttl,
                    df,
                    id: seq as u16,
                };
                ip::write_outer(buf.get_mut(out_start..out_start + hl).ok_or(Error::InvalidRange)?, &fields, total)?;
            }
            Front::Own(l) => {
                let protocol = if let Some(u) = self.c.udp {
                    let dgram = buf.get_mut(out_start + l.header_len..end).ok_or(Error::InvalidRange)?;
                    ip::write_udp(dgram, u.local_port, u.remote_port, &l.src, &l.dst)?;
                    proto::UDP
                } else {
                    proto::ESP
                };
                let h = buf.get_mut(out_start..end).ok_or(Error::InvalidRange)?;
                ip::rewrite_header(h, l.next_header_at, protocol, total)?;
            }
        }
        if !dummy {
            self.c.lifetime.record(now, n, &mut self.c.events);
        }
        Ok(out_start..end)
    }

    /// Heap bytes of the SA's own allocations.
    fn extra_heap_bytes(&self) -> usize {
        0
    }

    /// A `show crypto ipsec sa` style block for this SA at `now`.
    #[must_use]
    pub fn display(&self, now: Instant) -> SaDisplay<'_> {
        SaDisplay { c: &self.c, now, replay: None, sequence: self.seq }
    }
}

/// An inbound ESP or AH SA: checks and decapsulates packets in place.
#[derive(Debug)]
pub struct InboundSa {
    /// Shared state.
    c: Common,
    /// Anti-replay window and ESN state.
    replay: ReplayWindow,
    /// Check that packets come from the peer.
    check_source: bool,
}

impl InboundSa {
    /// Validates `params` and keys the transform once through `provider`. Time limits count
    /// from `now`.
    ///
    /// # Errors
    /// [`ConfigError`] from [`SaParams::validate`] or the provider.
    pub fn new(params: &SaParams, provider: &CryptoProvider, now: Instant) -> Result<Self, ConfigError> {
        let c = Common::new(params, provider, now)?;
        let replay = ReplayWindow::new(params.replay_window, params.esn, params.sequence_start)?;
        Ok(Self { c, replay, check_source: params.check_source })
    }

    common_getters!();

    /// The anti-replay window.
    #[must_use]
    pub fn replay_window(&self) -> &ReplayWindow {
        &self.replay
    }

    /// True when packets must come from [`remote`](Self::remote).
    #[must_use]
    pub fn checks_source(&self) -> bool {
        self.check_source
    }

    /// Decapsulates the ESP packet at `buf[esp]` (SPI to ICV) in place.
    ///
    /// Order of RFC 4303 §3.4: SPI, replay check (before the ICV), ICV, window update (only
    /// after the ICV verified), decryption, padding check (§2.4), then in tunnel mode the
    /// inner packet's version and lengths.
    ///
    /// # Errors
    /// [`Error::InvalidRange`], [`Error::InvalidLength`], [`Error::SpiMismatch`],
    /// [`Error::Expired`], [`Error::Replayed`], [`Error::TooOld`],
    /// [`Error::AuthenticationFailed`], [`Error::InvalidPadding`],
    /// [`Error::InvalidInnerPacket`]; [`Error::Unsupported`] on an AH SA, whose ICV covers
    /// the IP header (use [`decapsulate_packet`](Self::decapsulate_packet)).
    pub fn decapsulate(&mut self, now: Instant, buf: &mut [u8], esp: Range<usize>) -> Result<Decapsulated, Error> {
        let r = self.open(now, buf, esp);
        if r.is_err() {
            self.c.stats.recv_errors += 1;
        }
        r
    }

    /// Decapsulates the complete IP packet at `buf[packet]`: parses the outer IPv4/IPv6
    /// header (walking IPv6 extension headers) and the UDP header of NAT-T, decapsulates, and
    /// then in tunnel mode applies the ECN rules of RFC 6040 to the inner packet, in transport
    /// mode moves the IP header behind the ESP or AH overhead and restores protocol, lengths
    /// and checksum so that [`Decapsulated::payload`] is the cleartext packet.
    ///
    /// AH (RFC 4302 §3.4): header length, SPI, replay check, ICV over the packet with its
    /// mutable fields zeroed (constant-time comparison), window update, then AH is removed.
    /// AH whose next header is ESP is the outer half of a bundle (transport adjacency, RFC
    /// 2401 §4.3): the outer header stays in front of ESP whatever the SA's mode, and the
    /// result ([`Decapsulated::next_header`] 50) is decapsulated again with the ESP SA.
    ///
    /// The upper-layer checksum of a NAT-T transport-mode packet is left as it is (RFC 3948
    /// §3.1.2 lets the receiver fix it with the original addresses from IKE).
    ///
    /// # Errors
    /// As [`decapsulate`](Self::decapsulate), plus [`Error::Packet`] (not ESP or AH, a
    /// fragment, malformed options), [`Error::SourceMismatch`] and [`Error::EcnDrop`].
    pub fn decapsulate_packet(
        &mut self,
        now: Instant,
        buf: &mut [u8],
        packet: Range<usize>,
    ) -> Result<Decapsulated, Error> {
        let r = self.open_packet(now, buf, packet);
        if r.is_err() {
            self.c.stats.recv_errors += 1;
        }
        r
    }

    /// The full-packet decapsulation.
    fn open_packet(&mut self, now: Instant, buf: &mut [u8], packet: Range<usize>) -> Result<Decapsulated, Error> {
        let p = buf.get(packet.clone()).ok_or(Error::InvalidRange)?;
        let l = ip::parse(p, Walk::FindEsp).inspect_err(|_| self.c.stats.invalid_prot += 1)?;
        if self.check_source && l.src != self.c.remote {
            return Err(Error::SourceMismatch);
        }
        if self.c.transform.protocol() == SecurityProtocol::Ah {
            return self.open_ah(now, buf, packet.start, &l);
        }
        let esp_end = packet.start + l.total_len;
        let esp_start = match l.next_header {
            proto::ESP => packet.start + l.header_len,
            proto::UDP => {
                let esp = packet.start + l.header_len + UDP_HEADER;
                match buf.get(esp..esp_end) {
                    Some([0, 0, 0, 0, ..] | [0xff]) | None => return Err(PacketError::NotEsp.into()),
                    Some(_) => esp,
                }
            }
            _ => return Err(PacketError::NotEsp.into()),
        };
        let d = self.open(now, buf, esp_start..esp_end)?;
        if d.tfc_dummy {
            return Ok(d);
        }
        let payload = match self.c.mode {
            EncapsulationMode::Tunnel => {
                self.apply_ecn(buf, d.payload.clone(), l.tos)?;
                d.payload
            }
            EncapsulationMode::Transport => restore_transport(buf, packet.start, &l, d.payload, d.next_header)?,
        };
        Ok(Decapsulated { payload, ..d })
    }

    /// AH decapsulation (RFC 4302 §3.4) of the packet starting at `start` with layout `l`.
    fn open_ah(&mut self, now: Instant, buf: &mut [u8], start: usize, l: &IpLayout) -> Result<Decapsulated, Error> {
        if l.next_header != proto::AH {
            self.c.stats.invalid_prot += 1;
            return Err(PacketError::NotAh.into());
        }
        let (ah, end) = (start + l.header_len, start + l.total_len);
        let t = self.c.transform.ah()?;
        let h = t
            .parse_header(buf.get(ah..end).unwrap_or_default(), l.src.is_ipv6())
            .inspect_err(|_| self.c.stats.invalid_len += 1)?;
        let seq = self.accept_sequence(now, h.spi, h.seq_low)?;
        let t = self.c.transform.ah()?;
        let checked = t.verify(buf, start..end, ah, seq, self.c.esn);
        self.count_verification(&checked);
        checked?;
        self.verified(seq);
        let payload = ah + h.len..end;
        let bytes = payload.len();
        // AH directly over ESP is a bundle (transport adjacency, RFC 2401 §4.3) whatever the
        // SA's mode: a tunnel carries IPv4 or IPv6, so the outer header stays, as in transport
        // mode, and ESP is decapsulated next.
        let mode = if h.next_header == proto::ESP { EncapsulationMode::Transport } else { self.c.mode };
        let payload = match mode {
            EncapsulationMode::Tunnel => {
                let inner = self.inner_packet(buf, payload, h.next_header)?;
                self.apply_ecn(buf, inner.clone(), l.tos)?;
                inner
            }
            EncapsulationMode::Transport => restore_transport(buf, start, l, payload, h.next_header)?,
        };
        self.c.stats.decaps += 1;
        self.c.lifetime.record(now, bytes, &mut self.c.events);
        Ok(Decapsulated { payload, next_header: h.next_header, sequence: seq, tfc_dummy: false })
    }

    /// The checks before the ICV, common to ESP and AH (RFC 4303 §3.4.2-3.4.3, RFC 4302
    /// §3.4.2-3.4.3): the SPI, the lifetime, and the replay window, which also infers the ESN.
    /// Legacy transforms have no sequence number (0).
    #[inline]
    fn accept_sequence(&mut self, now: Instant, spi: Spi, seq_low: u32) -> Result<u64, Error> {
        if spi != self.c.spi {
            return Err(Error::SpiMismatch(spi));
        }
        if !self.c.lifetime.admit(now, &mut self.c.events) {
            return Err(Error::Expired);
        }
        if !self.c.transform.has_sequence() {
            return Ok(0);
        }
        let s = &mut self.c.stats;
        self.replay.check(seq_low).inspect_err(|_| s.replay_failed += 1)
    }

    /// Counts the failure of an ICV check or decryption.
    #[inline]
    fn count_verification<T>(&mut self, r: &Result<T, Error>) {
        match r {
            Err(Error::AuthenticationFailed) => self.c.stats.verify_failed += 1,
            Err(Error::InvalidLength) => self.c.stats.invalid_len += 1,
            _ => {}
        }
    }

    /// After the ICV verified: the window moves (never before, RFC 4303 §3.4.3) and the packet
    /// counts as verified.
    #[inline]
    fn verified(&mut self, seq: u64) {
        if self.c.transform.has_sequence() {
            self.replay.update(seq);
        }
        if self.c.transform.authenticates() {
            self.c.stats.verify += 1;
        }
    }

    /// The inner packet of a tunnel: next header 4 or 41 with a consistent header; the range
    /// is cut to the inner packet's own length (dropping TFC padding).
    #[inline]
    fn inner_packet(&mut self, buf: &[u8], payload: Range<usize>, next_header: u8) -> Result<Range<usize>, Error> {
        let inner = buf.get(payload.clone()).ok_or(Error::InvalidRange)?;
        let len = match next_header {
            proto::IPV4 | proto::IPV6 => ip::inner_length(inner, next_header).ok(),
            _ => None,
        };
        let Some(len) = len else {
            self.c.stats.invalid_prot += 1;
            return Err(Error::InvalidInnerPacket);
        };
        Ok(payload.start..payload.start + len)
    }

    /// RFC 6040 normal mode on decapsulation: combines the outer ECN field (from `outer_tos`)
    /// into the inner packet at `buf[inner]`, or refuses it (outer CE, inner not-ECT).
    fn apply_ecn(&self, buf: &mut [u8], inner: Range<usize>, outer_tos: u8) -> Result<(), Error> {
        if self.c.outer.ecn != EcnPolicy::Normal {
            return Ok(());
        }
        let inner = buf.get_mut(inner).ok_or(Error::InvalidRange)?;
        let tc = ip::traffic_class(inner)?;
        match ip::ecn_decap(tc & 3, outer_tos & 3) {
            None => Err(Error::EcnDrop),
            Some(e) if e != tc & 3 => Ok(ip::set_ecn(inner, e)?),
            Some(_) => Ok(()),
        }
    }

    /// The ESP decapsulation with its counters (not `recv_errors`).
    fn open(&mut self, now: Instant, buf: &mut [u8], esp: Range<usize>) -> Result<Decapsulated, Error> {
        self.c.transform.esp()?;
        let fixed = if self.c.transform.has_sequence() { 8 } else { 4 };
        let header = buf.get(esp.clone()).ok_or(Error::InvalidRange)?;
        let (spi, seq_low) = match header.get(..8) {
            Some(&[a, b, c, d, e, f, g, h]) => (Spi::from_bytes([a, b, c, d]), u32::from_be_bytes([e, f, g, h])),
            _ if fixed == 4 && header.len() >= 4 => {
                (Spi::from_bytes(header.first_chunk::<4>().copied().unwrap_or_default()), 0)
            }
            _ => {
                self.c.stats.invalid_len += 1;
                return Err(Error::InvalidLength);
            }
        };
        let seq = self.accept_sequence(now, spi, seq_low)?;
        let t = self.c.transform.esp()?;
        let checks_padding = t.checks_padding();
        let plain = t.open(buf, esp, seq, self.c.esn);
        self.count_verification(&plain);
        let plain = plain?;
        self.verified(seq);
        let s = &mut self.c.stats;
        if self.c.transform.encrypts() {
            s.decrypt += 1;
        }
        let pt = buf.get(plain.clone()).ok_or(Error::InvalidRange)?;
        let (pad_len, next_header) = match pt {
            [.., pl, nh] => (usize::from(*pl), *nh),
            _ => return Err(Error::InvalidLength),
        };
        let Some(payload_len) = pt.len().checked_sub(pad_len + 2) else {
            s.invalid_pad += 1;
            return Err(Error::InvalidPadding);
        };
        let pad = pt.get(payload_len..payload_len + pad_len).unwrap_or_default();
        if checks_padding && pad.iter().enumerate().any(|(i, &b)| usize::from(b) != i + 1) {
            s.invalid_pad += 1;
            return Err(Error::InvalidPadding);
        }
        let mut payload = plain.start..plain.start + payload_len;
        if next_header == proto::NONE {
            s.tfc_received += 1;
            return Ok(Decapsulated {
                payload: payload.start..payload.start,
                next_header,
                sequence: seq,
                tfc_dummy: true,
            });
        }
        if self.c.mode == EncapsulationMode::Tunnel {
            payload = self.inner_packet(buf, payload, next_header)?;
        }
        self.c.stats.decaps += 1;
        self.c.lifetime.record(now, payload.end - payload.start, &mut self.c.events);
        Ok(Decapsulated { payload, next_header, sequence: seq, tfc_dummy: false })
    }

    /// Heap bytes of the SA's own allocations: the replay bitmap.
    fn extra_heap_bytes(&self) -> usize {
        self.replay.heap_bytes()
    }

    /// A `show crypto ipsec sa` style block for this SA at `now`.
    #[must_use]
    pub fn display(&self, now: Instant) -> SaDisplay<'_> {
        SaDisplay { c: &self.c, now, replay: Some(&self.replay), sequence: self.replay.top() }
    }
}

/// Transport mode after decapsulation: moves the IP header (with the IPv6 extension headers
/// kept in front of ESP or AH) of the packet at `start` (layout `l`) right in front of
/// `payload`, and restores its next header, lengths and checksum. Returns the cleartext
/// packet.
fn restore_transport(
    buf: &mut [u8],
    start: usize,
    l: &IpLayout,
    payload: Range<usize>,
    next_header: u8,
) -> Result<Range<usize>, Error> {
    let at = payload.start.checked_sub(l.header_len).ok_or(Error::InvalidRange)?;
    buf.copy_within(start..start + l.header_len, at);
    let h = buf.get_mut(at..payload.end).ok_or(Error::InvalidRange)?;
    let total = h.len();
    ip::rewrite_header(h, l.next_header_at, next_header, total)?;
    Ok(at..payload.end)
}

/// One SA as `show crypto ipsec sa` prints it, from [`OutboundSa::display`] or
/// [`InboundSa::display`]:
///
/// ```text
///      spi: 0x00001000(4096)
///        transform: esp-aes esp-sha-hmac ,
///        in use settings ={Tunnel, }
///        sa timing: remaining key lifetime (k/sec): (4607999/3599)
///        IV size: 16 bytes
///        replay detection support: Y
///        Status: ACTIVE
/// ```
#[derive(Debug)]
pub struct SaDisplay<'a> {
    /// The SA.
    c: &'a Common,
    /// The instant the remaining lifetime is computed for.
    now: Instant,
    /// The replay window of an inbound SA.
    replay: Option<&'a ReplayWindow>,
    /// Last sequence number sent or highest received.
    sequence: u64,
}

/// The IOS transform-set keyword of an algorithm for the protocol (`prefix` is `esp-` or
/// `ah-`), or the prefix and its short name.
fn transform_word(
    f: &mut fmt::Formatter<'_>,
    keywords: &[ipsec_core::algorithm::CiscoKeyword],
    name: &str,
    prefix: &str,
) -> fmt::Result {
    match keywords.iter().find(|k| k.context == CiscoContext::IosTransformSet && k.words.starts_with(prefix)) {
        Some(k) => write!(f, "{} ", k.words),
        None => write!(f, "{prefix}{name} "),
    }
}

impl fmt::Display for SaDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.c;
        writeln!(f, "      spi: {}({})", c.spi, c.spi.0)?;
        write!(f, "        transform: ")?;
        let t = &c.transform;
        let (prefix, legacy) = match t {
            Transform::Esp(_) => ("esp-", "esp-rfc1829 "),
            Transform::Ah(_) => ("ah-", "ah-rfc1828 "),
        };
        let enc = t.encryption();
        if !t.has_sequence() {
            write!(f, "{legacy}")?;
        } else if t.protocol() == SecurityProtocol::Esp || enc != EncryptionAlgorithm::Null {
            transform_word(f, enc.cisco_keywords(), enc.name(), prefix)?;
        }
        if let Some(i) = t.integrity() {
            transform_word(f, i.cisco_keywords(), i.name(), prefix)?;
        }
        writeln!(f, ",")?;
        let mode = match c.mode {
            EncapsulationMode::Tunnel => "Tunnel",
            EncapsulationMode::Transport => "Transport",
        };
        let udp = if c.udp.is_some() { "UDP-Encaps, " } else { "" };
        let esn = if c.esn { "ESN, " } else { "" };
        writeln!(f, "        in use settings ={{{mode}, {udp}{esn}}}")?;
        if c.manual {
            writeln!(f, "        sa timing: manual (no expiry)")?;
        } else {
            let (kb, secs) = c.lifetime.remaining(self.now);
            let show =
                |v: Option<u64>| v.map_or_else(|| alloc::string::String::from("unlimited"), |v| alloc::format!("{v}"));
            writeln!(f, "        sa timing: remaining key lifetime (k/sec): ({}/{})", show(kb), show(secs))?;
        }
        writeln!(f, "        IV size: {} bytes", c.transform.iv_len())?;
        let replay = self.replay.map_or(!c.manual, ReplayWindow::enabled);
        writeln!(f, "        replay detection support: {}", if replay { "Y" } else { "N" })?;
        if let Some(w) = self.replay.filter(|w| w.enabled()) {
            writeln!(f, "        replay window size: {}", w.size())?;
        }
        writeln!(f, "        sequence number: {}", self.sequence)?;
        let status = if c.lifetime.is_hard_expired() { "EXPIRED" } else { "ACTIVE" };
        writeln!(f, "        Status: {status}")
    }
}
