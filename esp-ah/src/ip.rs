//! IPv4, IPv6 and UDP header handling for the data path: parsing outer packets, walking IPv6
//! extension headers, writing outer headers, checksums and the ECN rules of RFC 6040.

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::error::PacketError;

/// IP protocol numbers used here (IANA "Assigned Internet Protocol Numbers").
pub(crate) mod proto {
    /// IPv6 hop-by-hop options.
    pub(crate) const HOPOPT: u8 = 0;
    /// IPv4 in IP (tunnel-mode next header for an inner IPv4 packet).
    pub(crate) const IPV4: u8 = 4;
    /// UDP.
    pub(crate) const UDP: u8 = 17;
    /// IPv6 in IP (tunnel-mode next header for an inner IPv6 packet).
    pub(crate) const IPV6: u8 = 41;
    /// IPv6 routing header.
    pub(crate) const ROUTING: u8 = 43;
    /// IPv6 fragment header.
    pub(crate) const FRAGMENT: u8 = 44;
    /// ESP.
    pub(crate) const ESP: u8 = 50;
    /// AH.
    pub(crate) const AH: u8 = 51;
    /// No next header: ESP's TFC dummy packets (RFC 4303 §2.6).
    pub(crate) const NONE: u8 = 59;
    /// IPv6 destination options.
    pub(crate) const DSTOPTS: u8 = 60;
}

/// IPv4 header length without options.
pub(crate) const IPV4_HEADER: usize = 20;
/// IPv6 fixed header length.
pub(crate) const IPV6_HEADER: usize = 40;
/// UDP header length.
pub(crate) const UDP_HEADER: usize = 8;

/// Reads a big-endian u16 at `at`.
#[inline]
pub(crate) fn be16(b: &[u8], at: usize) -> Result<u16, PacketError> {
    match b.get(at..at + 2) {
        Some(&[x, y]) => Ok(u16::from_be_bytes([x, y])),
        _ => Err(PacketError::Truncated),
    }
}

/// Reads a byte at `at`.
#[inline]
pub(crate) fn byte(b: &[u8], at: usize) -> Result<u8, PacketError> {
    b.get(at).copied().ok_or(PacketError::Truncated)
}

/// Writes `bytes` at `at`.
pub(crate) fn put(b: &mut [u8], at: usize, bytes: &[u8]) -> Result<(), PacketError> {
    b.get_mut(at..at + bytes.len()).ok_or(PacketError::Truncated)?.copy_from_slice(bytes);
    Ok(())
}

/// Adds `data` as big-endian 16-bit words to a one's complement accumulator (an odd last
/// byte is padded with zero, RFC 1071).
pub(crate) fn ones_sum(data: &[u8], mut acc: u64) -> u64 {
    let (words, rest) = data.as_chunks::<4>();
    for w in words {
        acc += u64::from(u32::from_be_bytes(*w));
    }
    let (pairs, last) = rest.as_chunks::<2>();
    for p in pairs {
        acc += u64::from(u16::from_be_bytes(*p));
    }
    if let Some(&b) = last.first() {
        acc += u64::from(b) << 8;
    }
    acc
}

/// Folds an accumulator to the 16-bit one's complement checksum.
pub(crate) fn fold(mut acc: u64) -> u16 {
    while acc > 0xffff {
        acc = (acc & 0xffff) + (acc >> 16);
    }
    !(acc as u16)
}

/// Recomputes the header checksum of the IPv4 header `h` (its length is the header length).
pub(crate) fn ipv4_fix_checksum(h: &mut [u8]) -> Result<(), PacketError> {
    put(h, 10, &[0, 0])?;
    let sum = fold(ones_sum(h, 0));
    put(h, 10, &sum.to_be_bytes())
}

/// The UDP checksum over the IPv6 pseudo-header (RFC 8200 §8.1) and `udp` (header with a
/// zero checksum field, then payload). Zero comes out as 0xffff (RFC 768).
pub(crate) fn udp6_checksum(src: &Ipv6Addr, dst: &Ipv6Addr, udp: &[u8]) -> u16 {
    let mut acc = ones_sum(&src.octets(), 0);
    acc = ones_sum(&dst.octets(), acc);
    acc += udp.len() as u64 + u64::from(proto::UDP);
    let sum = fold(ones_sum(udp, acc));
    if sum == 0 { 0xffff } else { sum }
}

/// The traffic class byte (DSCP << 2 | ECN) of an IPv4 or IPv6 header.
pub(crate) fn traffic_class(h: &[u8]) -> Result<u8, PacketError> {
    let b0 = byte(h, 0)?;
    let b1 = byte(h, 1)?;
    match b0 >> 4 {
        4 => Ok(b1),
        6 => Ok((b0 << 4) | (b1 >> 4)),
        _ => Err(PacketError::BadVersion),
    }
}

/// Sets the ECN bits of an IPv4 (fixing its checksum) or IPv6 header.
pub(crate) fn set_ecn(h: &mut [u8], ecn: u8) -> Result<(), PacketError> {
    let b0 = byte(h, 0)?;
    match b0 >> 4 {
        4 => {
            let b1 = byte(h, 1)?;
            put(h, 1, &[(b1 & 0xfc) | (ecn & 3)])?;
            let ihl = usize::from(b0 & 0x0f) * 4;
            ipv4_fix_checksum(h.get_mut(..ihl).ok_or(PacketError::Truncated)?)
        }
        6 => {
            let b1 = byte(h, 1)?;
            put(h, 1, &[(b1 & 0xcf) | ((ecn & 3) << 4)])
        }
        _ => Err(PacketError::BadVersion),
    }
}

/// ECN codepoints (RFC 3168 §5).
pub(crate) mod ecn {
    /// Not ECN-capable transport.
    pub(crate) const NOT_ECT: u8 = 0;
    /// ECT(1).
    pub(crate) const ECT1: u8 = 1;
    /// Congestion experienced.
    pub(crate) const CE: u8 = 3;
}

/// The inner ECN field after decapsulation in RFC 6040 normal mode (§4.2, Figure 4), or
/// `None` when the packet must be dropped (outer CE, inner Not-ECT).
pub(crate) fn ecn_decap(inner: u8, outer: u8) -> Option<u8> {
    match (inner & 3, outer & 3) {
        (ecn::NOT_ECT, ecn::CE) => None,
        (ecn::NOT_ECT, _) => Some(ecn::NOT_ECT),
        (_, ecn::CE) => Some(ecn::CE),
        (i, ecn::ECT1) if i != ecn::CE => Some(ecn::ECT1),
        (i, _) => Some(i),
    }
}

/// What the tunnel-mode encapsulator needs from an inner packet.
#[derive(Clone, Copy, Debug)]
pub(crate) struct InnerInfo {
    /// ESP next header: 4 (IPv4) or 41 (IPv6).
    pub(crate) next_header: u8,
    /// DSCP << 2 | ECN.
    pub(crate) tos: u8,
    /// Don't Fragment (always true for IPv6).
    pub(crate) df: bool,
}

/// Reads version, traffic class and DF of an inner packet for tunnel mode.
#[inline]
pub(crate) fn inner_info(p: &[u8]) -> Result<InnerInfo, PacketError> {
    let b0 = byte(p, 0)?;
    match b0 >> 4 {
        4 if p.len() >= IPV4_HEADER => {
            Ok(InnerInfo { next_header: proto::IPV4, tos: byte(p, 1)?, df: byte(p, 6)? & 0x40 != 0 })
        }
        6 if p.len() >= IPV6_HEADER => Ok(InnerInfo { next_header: proto::IPV6, tos: traffic_class(p)?, df: true }),
        4 | 6 => Err(PacketError::Truncated),
        _ => Err(PacketError::BadVersion),
    }
}

/// Length of the decrypted inner packet announced by its header, checked against the `avail`
/// decrypted bytes (RFC 4303 §3.4.4.1 leaves TFC padding after it, RFC 4303 §2.4).
#[inline]
pub(crate) fn inner_length(p: &[u8], next_header: u8) -> Result<usize, PacketError> {
    let b0 = byte(p, 0)?;
    match (next_header, b0 >> 4) {
        (proto::IPV4, 4) => {
            let ihl = usize::from(b0 & 0x0f) * 4;
            let total = usize::from(be16(p, 2)?);
            if ihl < IPV4_HEADER || total < ihl {
                return Err(PacketError::BadHeaderLength);
            }
            if total > p.len() {
                return Err(PacketError::BadTotalLength);
            }
            Ok(total)
        }
        (proto::IPV6, 6) => {
            let total = usize::from(be16(p, 4)?) + IPV6_HEADER;
            if p.len() < IPV6_HEADER || total > p.len() {
                return Err(PacketError::BadTotalLength);
            }
            Ok(total)
        }
        _ => Err(PacketError::BadVersion),
    }
}

/// An IP packet whose ESP (or AH, UDP) position is known.
#[derive(Clone, Copy, Debug)]
pub(crate) struct IpLayout {
    /// Bytes of IP header, including IPv4 options or the IPv6 extension headers that stay in
    /// front of the security protocol.
    pub(crate) header_len: usize,
    /// The protocol that follows `header_len` (UDP, ESP, or for transport-mode encapsulation
    /// the upper-layer protocol).
    pub(crate) next_header: u8,
    /// Offset of the byte that holds `next_header` (IPv4 protocol field or the last kept
    /// next-header field of an IPv6 chain).
    pub(crate) next_header_at: usize,
    /// Total packet length from the IPv4 total length or IPv6 payload length.
    pub(crate) total_len: usize,
    /// Source address.
    pub(crate) src: IpAddr,
    /// Destination address.
    pub(crate) dst: IpAddr,
    /// DSCP << 2 | ECN.
    pub(crate) tos: u8,
}

/// What [`parse`] is looking for in an IPv6 extension-header chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Walk {
    /// Where transport-mode ESP or AH goes (RFC 4303 §3.1.1, RFC 4302 §3.1.1, with the
    /// header order of RFC 8200 §4.1): after hop-by-hop, routing and the destination options
    /// that precede a routing header; fragments are refused.
    InsertEsp,
    /// Up to the ESP or AH header (or the UDP header of NAT-T) of a received packet.
    FindEsp,
}

/// Parses an IPv4 or IPv6 packet. The packet may be longer than its total length (link
/// padding); it may not be shorter.
pub(crate) fn parse(p: &[u8], walk: Walk) -> Result<IpLayout, PacketError> {
    let b0 = byte(p, 0)?;
    match b0 >> 4 {
        4 => {
            if p.len() < IPV4_HEADER {
                return Err(PacketError::Truncated);
            }
            let ihl = usize::from(b0 & 0x0f) * 4;
            let total_len = usize::from(be16(p, 2)?);
            if ihl < IPV4_HEADER || ihl > total_len {
                return Err(PacketError::BadHeaderLength);
            }
            if total_len > p.len() {
                return Err(PacketError::BadTotalLength);
            }
            if be16(p, 6)? & 0x3fff != 0 {
                return Err(PacketError::Fragment);
            }
            let addr = |at: usize| -> Result<IpAddr, PacketError> {
                match p.get(at..at + 4) {
                    Some(&[a, b, c, d]) => Ok(IpAddr::V4(Ipv4Addr::new(a, b, c, d))),
                    _ => Err(PacketError::Truncated),
                }
            };
            Ok(IpLayout {
                header_len: ihl,
                next_header: byte(p, 9)?,
                next_header_at: 9,
                total_len,
                src: addr(12)?,
                dst: addr(16)?,
                tos: byte(p, 1)?,
            })
        }
        6 => {
            if p.len() < IPV6_HEADER {
                return Err(PacketError::Truncated);
            }
            let total_len = usize::from(be16(p, 4)?) + IPV6_HEADER;
            if total_len > p.len() {
                return Err(PacketError::BadTotalLength);
            }
            let addr = |at: usize| -> Result<IpAddr, PacketError> {
                let o: [u8; 16] = p.get(at..at + 16).and_then(|s| s.try_into().ok()).ok_or(PacketError::Truncated)?;
                Ok(IpAddr::V6(Ipv6Addr::from(o)))
            };
            let mut at = IPV6_HEADER;
            let mut nh_at = 6;
            let mut nh = byte(p, 6)?;
            loop {
                let ext_len = |at: usize| -> Result<usize, PacketError> { Ok((usize::from(byte(p, at + 1)?) + 1) * 8) };
                match (nh, walk) {
                    (proto::HOPOPT | proto::ROUTING, _) => {}
                    (proto::DSTOPTS, Walk::FindEsp) => {}
                    (proto::DSTOPTS, Walk::InsertEsp) if byte(p, at)? == proto::ROUTING => {}
                    (proto::FRAGMENT, _) => return Err(PacketError::Fragment),
                    _ => break,
                }
                let len = ext_len(at)?;
                if at + len > total_len {
                    return Err(PacketError::Truncated);
                }
                nh_at = at;
                nh = byte(p, at)?;
                at += len;
            }
            Ok(IpLayout {
                header_len: at,
                next_header: nh,
                next_header_at: nh_at,
                total_len,
                src: addr(8)?,
                dst: addr(24)?,
                tos: traffic_class(p)?,
            })
        }
        _ => Err(PacketError::BadVersion),
    }
}

/// Length of an outer IP header for the address family of `addr`.
pub(crate) const fn header_len_for(addr: &IpAddr) -> usize {
    match addr {
        IpAddr::V4(_) => IPV4_HEADER,
        IpAddr::V6(_) => IPV6_HEADER,
    }
}

/// Fields of a new outer header.
#[derive(Clone, Copy, Debug)]
pub(crate) struct OuterFields {
    /// Source address.
    pub(crate) src: IpAddr,
    /// Destination address.
    pub(crate) dst: IpAddr,
    /// Protocol after the header (ESP or UDP).
    pub(crate) protocol: u8,
    /// DSCP << 2 | ECN.
    pub(crate) tos: u8,
    /// TTL or hop limit.
    pub(crate) ttl: u8,
    /// IPv4 DF bit.
    pub(crate) df: bool,
    /// IPv4 identification.
    pub(crate) id: u16,
}

/// Writes a new outer IPv4 or IPv6 header at the start of `h` for a packet of `total` bytes
/// (header included). `h` is exactly the header.
pub(crate) fn write_outer(h: &mut [u8], f: &OuterFields, total: usize) -> Result<(), PacketError> {
    match (f.src, f.dst) {
        (IpAddr::V4(src), IpAddr::V4(dst)) => {
            let total = u16::try_from(total).map_err(|_| PacketError::BadTotalLength)?;
            let hdr: &mut [u8; IPV4_HEADER] = h.try_into().map_err(|_| PacketError::Truncated)?;
            let [t0, t1] = total.to_be_bytes();
            let [i0, i1] = f.id.to_be_bytes();
            let flags = if f.df { 0x40 } else { 0 };
            let [s0, s1, s2, s3] = src.octets();
            let [d0, d1, d2, d3] = dst.octets();
            *hdr = [0x45, f.tos, t0, t1, i0, i1, flags, 0, f.ttl, f.protocol, 0, 0, s0, s1, s2, s3, d0, d1, d2, d3];
            ipv4_fix_checksum(hdr)
        }
        (IpAddr::V6(src), IpAddr::V6(dst)) => {
            let payload = total.checked_sub(IPV6_HEADER).ok_or(PacketError::BadTotalLength)?;
            let payload = u16::try_from(payload).map_err(|_| PacketError::BadTotalLength)?;
            let hdr: &mut [u8; IPV6_HEADER] = h.try_into().map_err(|_| PacketError::Truncated)?;
            let [p0, p1] = payload.to_be_bytes();
            hdr[..8].copy_from_slice(&[0x60 | (f.tos >> 4), f.tos << 4, 0, 0, p0, p1, f.protocol, f.ttl]);
            hdr[8..24].copy_from_slice(&src.octets());
            hdr[24..40].copy_from_slice(&dst.octets());
            Ok(())
        }
        _ => Err(PacketError::AddressFamily),
    }
}

/// Rewrites the length fields (and the IPv4 checksum) of the IP header `h` at the start of a
/// packet of `total` bytes, and the next-header byte at `next_header_at`.
pub(crate) fn rewrite_header(
    h: &mut [u8],
    next_header_at: usize,
    next_header: u8,
    total: usize,
) -> Result<(), PacketError> {
    put(h, next_header_at, &[next_header])?;
    match byte(h, 0)? >> 4 {
        4 => {
            let total = u16::try_from(total).map_err(|_| PacketError::BadTotalLength)?;
            put(h, 2, &total.to_be_bytes())?;
            let ihl = usize::from(byte(h, 0)? & 0x0f) * 4;
            ipv4_fix_checksum(h.get_mut(..ihl).ok_or(PacketError::Truncated)?)
        }
        6 => {
            let payload = total.checked_sub(IPV6_HEADER).ok_or(PacketError::BadTotalLength)?;
            let payload = u16::try_from(payload).map_err(|_| PacketError::BadTotalLength)?;
            put(h, 4, &payload.to_be_bytes())
        }
        _ => Err(PacketError::BadVersion),
    }
}

/// Writes a UDP header for NAT-T at the start of `datagram` (header then ESP). The checksum
/// is 0 over IPv4 (RFC 3948 §2.1) and computed over IPv6, where 0 is not allowed (RFC 8200
/// §8.1).
pub(crate) fn write_udp(
    datagram: &mut [u8],
    src_port: u16,
    dst_port: u16,
    src: &IpAddr,
    dst: &IpAddr,
) -> Result<(), PacketError> {
    let len = u16::try_from(datagram.len()).map_err(|_| PacketError::BadTotalLength)?;
    let [s0, s1] = src_port.to_be_bytes();
    let [d0, d1] = dst_port.to_be_bytes();
    let [l0, l1] = len.to_be_bytes();
    put(datagram, 0, &[s0, s1, d0, d1, l0, l1, 0, 0])?;
    if let (IpAddr::V6(s), IpAddr::V6(d)) = (src, dst) {
        let sum = udp6_checksum(s, d, datagram);
        put(datagram, 6, &sum.to_be_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_checksum_of_a_known_header() {
        // RFC 3602 case 5's outer header (checksum f9a5).
        let mut h = hex_literal::hex!("4500007c08f2000040320000c0a87b03c0a87b64");
        ipv4_fix_checksum(&mut h).unwrap();
        assert_eq!(&h[10..12], &[0xf9, 0xa5]);
    }

    #[test]
    fn rfc6040_decapsulation_table() {
        use ecn::*;
        const ECT0: u8 = 2;
        assert_eq!(ecn_decap(NOT_ECT, CE), None);
        assert_eq!(ecn_decap(NOT_ECT, ECT0), Some(NOT_ECT));
        assert_eq!(ecn_decap(ECT0, CE), Some(CE));
        assert_eq!(ecn_decap(ECT1, CE), Some(CE));
        assert_eq!(ecn_decap(ECT0, ECT1), Some(ECT1));
        assert_eq!(ecn_decap(ECT0, NOT_ECT), Some(ECT0));
        assert_eq!(ecn_decap(ECT1, ECT0), Some(ECT1));
        assert_eq!(ecn_decap(CE, ECT1), Some(CE));
        assert_eq!(ecn_decap(CE, NOT_ECT), Some(CE));
    }

    #[test]
    fn ipv6_walk_places_esp_after_routing() {
        // IPv6, hop-by-hop (8 bytes) -> routing (8 bytes) -> destination options (8) -> TCP.
        let mut p = [0u8; 40 + 24 + 20];
        p[0] = 0x60;
        p[4..6].copy_from_slice(&44u16.to_be_bytes());
        p[6] = proto::HOPOPT;
        p[40] = proto::ROUTING;
        p[48] = proto::DSTOPTS;
        p[56] = 6;
        let l = parse(&p, Walk::InsertEsp).unwrap();
        assert_eq!((l.header_len, l.next_header, l.next_header_at), (56, proto::DSTOPTS, 48));
        let l = parse(&p, Walk::FindEsp).unwrap();
        assert_eq!((l.header_len, l.next_header, l.next_header_at), (64, 6, 56));
        // A fragment header is refused.
        p[56] = proto::FRAGMENT;
        assert_eq!(parse(&p, Walk::FindEsp).unwrap_err(), PacketError::Fragment);
    }
}
