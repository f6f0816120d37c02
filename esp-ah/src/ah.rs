//! The AH transform (RFC 4302): the keyed integrity algorithm, the AH header, and the ICV over
//! the whole IP packet with its mutable fields treated as zero (RFC 4302 §3.3.3.1), computed
//! in place without allocating. Also RFC 1828 keyed MD5 with the RFC 1826 header (feature
//! `legacy`).
//!
//! AH header layout (RFC 4302 §2, RFC 4543 §4 for AES-GMAC's IV):
//!
//! ```text
//! 0    1    2         4      8          12         (20)
//! | nh | pl | reserved | SPI | seq (low) | [IV (8)] | ICV | padding to 4 (IPv4) or 8 (IPv6) |
//! ```
//!
//! The ICV input is the IP header and the extension headers in front of AH with their mutable
//! fields zeroed, the AH header with a zero ICV, the payload, and with ESN the high 32 bits of
//! the sequence number after the end of the packet (RFC 4302 §3.3.3.3.1; not transmitted).
//! The header in front of AH is copied to the stack (at most [`MAX_PREFIX`] bytes) and zeroed
//! there, so the packet itself is never modified: MACs take the pieces as separate parts;
//! AES-GMAC, whose AAD must be contiguous, swaps the zeroed copy into the packet and back.

use alloc::boxed::Box;
use core::ops::Range;

use ipsec_core::algorithm::{EncryptionAlgorithm, IntegrityAlgorithm};
use ipsec_core::crypto::{Aead, CryptoError, CryptoProvider, Mac};
use ipsec_core::types::Spi;

use crate::error::{ConfigError, Error, PacketError};
use crate::ip::{IPV4_HEADER, IPV6_HEADER, byte, proto, put};
use crate::params::SaParams;

/// Next header, payload length, reserved, SPI and sequence number (RFC 4302 §2).
pub(crate) const AH_FIXED: usize = 12;
/// RFC 1826's header without a sequence number: next header, length, reserved, SPI.
#[cfg(feature = "legacy")]
const RFC1826_FIXED: usize = 8;
/// The explicit IV of AES-GMAC in AH (RFC 4543 §4).
const GMAC_IV: usize = 8;
/// The largest ICV (HMAC-SHA-512-256, 32 bytes).
const MAX_ICV: usize = 32;
/// The most bytes of IP header and extension headers in front of AH that the ICV computation
/// accepts (IPv4 needs at most 60; IPv6 40 plus its extension headers).
pub(crate) const MAX_PREFIX: usize = 512;

/// IPv4 options that AH covers as they are (RFC 4302 Appendix A1 "immutable"), as full type
/// octets: Security (130), Extended Security (133), Commercial Security (134), Router Alert
/// (148), Sender Directed Multi-Destination Delivery (149). End of Option List and No
/// Operation are handled before the table. Every other option, listed as mutable, superseded
/// or unknown, is zeroed whole, type and length included (RFC 4302 §3.3.3.1.1.2).
const IMMUTABLE_IPV4_OPTIONS: [u8; 5] = [0x82, 0x85, 0x86, 0x94, 0x95];
/// IPv4 Loose and Strict Source Route (RFC 791 §3.1).
const SOURCE_ROUTE_OPTIONS: [u8; 2] = [0x83, 0x89];
/// The "option data may change en route" bit of an IPv6 option type (RFC 8200 §4.2).
const IPV6_OPTION_MUTABLE: u8 = 0x20;

/// Which end computes the ICV: the sender puts what the receiver will see where it can
/// predict it (the final destination of an IPv4 source route, RFC 4302 §3.3.3.1.1.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    /// Sending.
    Out,
    /// Receiving.
    In,
}

/// The keyed algorithm.
enum Auth {
    /// HMAC or AES-XCBC, truncated to the ICV length.
    Mac(Box<dyn Mac>),
    /// AES-GMAC: the ICV input is the AAD, the nonce is salt || IV (RFC 4543 §4).
    Gmac(Box<dyn Aead>),
    /// RFC 1828 keyed MD5.
    #[cfg(feature = "legacy")]
    KeyedMd5 {
        /// The hash provider.
        hash: &'static dyn ipsec_core::crypto::HashProvider,
        /// The key followed by its MD5 fill to a 64-byte boundary (RFC 1828 §2 "key, keyfill").
        filled: zeroize::Zeroizing<alloc::vec::Vec<u8>>,
        /// The key's length (the trailing "key" is `filled[..key_len]`).
        key_len: usize,
    },
}

/// The fields of a received AH header.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AhHeader {
    /// The protocol after AH.
    pub(crate) next_header: u8,
    /// The SPI.
    pub(crate) spi: Spi,
    /// The low 32 bits of the sequence number (0 for RFC 1826 headers, which have none).
    pub(crate) seq_low: u32,
    /// The header length in bytes.
    pub(crate) len: usize,
}

/// A keyed AH transform.
pub(crate) struct AhTransform {
    /// NULL, or AES-GMAC.
    pub(crate) encryption: EncryptionAlgorithm,
    /// The integrity algorithm (`None` for AES-GMAC and RFC 1828).
    pub(crate) integrity: Option<IntegrityAlgorithm>,
    /// The keyed algorithm.
    auth: Auth,
    /// ICV length.
    pub(crate) icv_len: usize,
    /// Explicit IV length (8 for AES-GMAC).
    pub(crate) iv_len: usize,
    /// Length of the fixed header part before IV and ICV (12, or 8 for RFC 1826).
    fixed: usize,
}

impl core::fmt::Debug for AhTransform {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("AhTransform")
            .field("encryption", &self.encryption)
            .field("integrity", &self.integrity)
            .field("icv_len", &self.icv_len)
            .finish_non_exhaustive()
    }
}

impl AhTransform {
    /// Keys the transform from validated parameters.
    pub(crate) fn new(p: &SaParams, provider: &CryptoProvider) -> Result<Self, ConfigError> {
        #[cfg(feature = "legacy")]
        if let Some(crate::params::LegacyTransform::AhKeyedMd5(key)) = &p.legacy {
            return Self::keyed_md5(key.expose(), provider);
        }
        let crypto = ConfigError::Crypto;
        let (auth, icv_len, iv_len) = match &p.integrity {
            Some((alg, key)) => {
                (Auth::Mac(provider.mac.new_mac(alg.mac(), key.expose()).map_err(crypto)?), alg.icv_len(), 0)
            }
            None => {
                let aead = provider.aead.new_aead(p.encryption, p.encryption_key.expose()).map_err(crypto)?;
                (Auth::Gmac(aead), p.encryption.icv_len(), GMAC_IV)
            }
        };
        let integrity = p.integrity.as_ref().map(|(a, _)| *a);
        Ok(Self { encryption: p.encryption, integrity, auth, icv_len, iv_len, fixed: AH_FIXED })
    }

    /// RFC 1828: precomputes "key, keyfill", the key padded with MD5's own padding (0x80,
    /// zeros, the 64-bit little-endian bit length, RFC 1321 §3.1-3.2) to a 64-byte boundary.
    #[cfg(feature = "legacy")]
    fn keyed_md5(key: &[u8], provider: &CryptoProvider) -> Result<Self, ConfigError> {
        use ipsec_core::algorithm::HashAlgorithm;
        if !provider.hash.supports(HashAlgorithm::Md5) {
            return Err(ConfigError::Crypto(CryptoError::UnsupportedAlgorithm));
        }
        let mut filled = zeroize::Zeroizing::new(alloc::vec::Vec::with_capacity(key.len() + 72));
        filled.extend_from_slice(key);
        filled.push(0x80);
        while filled.len() % 64 != 56 {
            filled.push(0);
        }
        filled.extend_from_slice(&((key.len() as u64) * 8).to_le_bytes());
        Ok(Self {
            encryption: EncryptionAlgorithm::Null,
            integrity: None,
            auth: Auth::KeyedMd5 { hash: provider.hash, filled, key_len: key.len() },
            icv_len: 16,
            iv_len: 0,
            fixed: RFC1826_FIXED,
        })
    }

    /// True for RFC 4302 headers, which carry a sequence number (RFC 1826 headers do not).
    pub(crate) fn has_sequence(&self) -> bool {
        self.fixed == AH_FIXED
    }

    /// True for AES-GMAC with ESN, whose contiguous AAD needs 4 bytes after the packet.
    pub(crate) fn wants_tail_room(&self, esn: bool) -> bool {
        esn && matches!(self.auth, Auth::Gmac(_))
    }

    /// The AH header length over IPv4 or IPv6: fixed part, IV and ICV, padded to a multiple
    /// of 4 (IPv4) or 8 (IPv6) bytes (RFC 4302 §2.6, RFC 4543 §4 erratum 3643).
    pub(crate) fn header_len(&self, ipv6: bool) -> usize {
        let raw = self.fixed + self.iv_len + self.icv_len;
        raw.next_multiple_of(if ipv6 { 8 } else { 4 })
    }

    /// Where the ICV is, relative to the start of the header.
    fn icv_range(&self) -> Range<usize> {
        let at = self.fixed + self.iv_len;
        at..at + self.icv_len
    }

    /// Writes a header into `h` (exactly [`header_len`](Self::header_len) bytes): next
    /// header, payload length (the header's length in 4-byte words minus 2, RFC 4302 §2.2,
    /// which equals RFC 1826's authentication-data length in words for keyed MD5), SPI,
    /// sequence number, the AES-GMAC IV (the 64-bit sequence number, unique per key as RFC
    /// 4543 §3.1 requires), and zeros for ICV and padding.
    pub(crate) fn write_header(&self, h: &mut [u8], next_header: u8, spi: Spi, seq: u64) -> Result<(), Error> {
        let words = u8::try_from(h.len() / 4 - 2).map_err(|_| Error::InvalidRange)?;
        h.fill(0);
        put(h, 0, &[next_header, words])?;
        put(h, 4, &spi.to_bytes())?;
        if self.has_sequence() {
            put(h, 8, &(seq as u32).to_be_bytes())?;
        }
        if self.iv_len == GMAC_IV {
            put(h, self.fixed, &seq.to_be_bytes())?;
        }
        Ok(())
    }

    /// Reads the header at the start of `ah` and checks its length against the SA's.
    pub(crate) fn parse_header(&self, ah: &[u8], ipv6: bool) -> Result<AhHeader, Error> {
        let len = self.header_len(ipv6);
        if ah.len() < len || usize::from(byte(ah, 1)?) + 2 != len / 4 {
            return Err(Error::InvalidLength);
        }
        let word = |at: usize| -> Result<[u8; 4], Error> {
            ah.get(at..at + 4).and_then(|w| w.try_into().ok()).ok_or(Error::InvalidLength)
        };
        let seq_low = if self.has_sequence() { u32::from_be_bytes(word(8)?) } else { 0 };
        Ok(AhHeader { next_header: byte(ah, 0)?, spi: Spi::from_bytes(word(4)?), seq_low, len })
    }

    /// Computes the ICV of the packet `buf[packet]`, whose AH header (written, ICV zero)
    /// starts at `ah`, and writes it into the header.
    pub(crate) fn sign(
        &self,
        buf: &mut [u8],
        packet: Range<usize>,
        ah: usize,
        seq: u64,
        esn: bool,
    ) -> Result<(), Error> {
        let mut icv = [0u8; MAX_ICV];
        let icv = icv.get_mut(..self.icv_len).ok_or(Error::InvalidRange)?;
        self.run(buf, packet, ah, seq, esn, Direction::Out, Check::Compute(icv))?;
        let r = self.icv_range();
        buf.get_mut(ah + r.start..ah + r.end).ok_or(Error::InvalidRange)?.copy_from_slice(icv);
        Ok(())
    }

    /// Verifies the ICV of the received packet `buf[packet]` whose AH header starts at `ah`,
    /// in constant time (the provider's `Mac::verify` and `Aead::open`). The buffer is the
    /// same afterwards.
    ///
    /// # Errors
    /// [`Error::AuthenticationFailed`], or framing errors.
    pub(crate) fn verify(
        &self,
        buf: &mut [u8],
        packet: Range<usize>,
        ah: usize,
        seq: u64,
        esn: bool,
    ) -> Result<(), Error> {
        let r = self.icv_range();
        let field = ah + r.start..ah + r.end;
        let mut saved = [0u8; MAX_ICV];
        let saved = saved.get_mut(..self.icv_len).ok_or(Error::InvalidRange)?;
        saved.copy_from_slice(buf.get(field.clone()).ok_or(Error::InvalidLength)?);
        buf.get_mut(field.clone()).ok_or(Error::InvalidRange)?.fill(0);
        let result = self.run(buf, packet, ah, seq, esn, Direction::In, Check::Verify(saved));
        buf.get_mut(field).ok_or(Error::InvalidRange)?.copy_from_slice(saved);
        result
    }

    /// The ICV computation over the packet with a zero ICV field.
    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        buf: &mut [u8],
        packet: Range<usize>,
        ah: usize,
        seq: u64,
        esn: bool,
        dir: Direction,
        check: Check<'_>,
    ) -> Result<(), Error> {
        let mut scratch = [0u8; MAX_PREFIX];
        let n = zeroed_prefix(buf.get(packet.start..ah).ok_or(Error::InvalidRange)?, &mut scratch, dir)?;
        let prefix = scratch.get_mut(..n).ok_or(Error::InvalidRange)?;
        let seq_hi = ((seq >> 32) as u32).to_be_bytes();
        let tail: &[u8] = if esn { &seq_hi } else { &[] };
        let auth = |e: CryptoError| match e {
            CryptoError::AuthenticationFailed => Error::AuthenticationFailed,
            other => Error::Crypto(other),
        };
        match (&self.auth, check) {
            (Auth::Mac(mac), check) => {
                let rest = buf.get(ah..packet.end).ok_or(Error::InvalidRange)?;
                let parts: [&[u8]; 3] = [prefix, rest, tail];
                match check {
                    Check::Compute(out) => mac.compute(&parts, out).map_err(auth),
                    Check::Verify(icv) => mac.verify(&parts, icv).map_err(auth),
                }
            }
            (Auth::Gmac(aead), check) => {
                let mut iv = [0u8; GMAC_IV];
                iv.copy_from_slice(buf.get(ah + self.fixed..ah + self.fixed + GMAC_IV).ok_or(Error::InvalidLength)?);
                with_contiguous(buf, packet, ah, prefix, tail, |aad| match check {
                    Check::Compute(out) => aead.seal(&iv, aad, &mut [], out),
                    Check::Verify(icv) => aead.open(&iv, aad, &mut [], icv),
                })?
                .map_err(auth)
            }
            #[cfg(feature = "legacy")]
            (Auth::KeyedMd5 { hash, filled, key_len }, check) => {
                let rest = buf.get(ah..packet.end).ok_or(Error::InvalidRange)?;
                let key = filled.get(..*key_len).ok_or(Error::InvalidRange)?;
                let mut digest = zeroize::Zeroizing::new([0u8; 16]);
                let parts: [&[u8]; 4] = [filled, prefix, rest, key];
                hash.hash(ipsec_core::algorithm::HashAlgorithm::Md5, &parts, digest.as_mut_slice()).map_err(auth)?;
                match check {
                    Check::Compute(out) => {
                        out.copy_from_slice(digest.get(..out.len()).ok_or(Error::InvalidRange)?);
                        Ok(())
                    }
                    Check::Verify(icv) if ipsec_core::secret::ct_eq(icv, digest.as_slice()) => Ok(()),
                    Check::Verify(_) => Err(Error::AuthenticationFailed),
                }
            }
        }
    }
}

/// What [`AhTransform::run`] does with the ICV.
enum Check<'a> {
    /// Writes it here.
    Compute(&'a mut [u8]),
    /// Compares it with this, in constant time.
    Verify(&'a [u8]),
}

/// Runs `f` on the ICV input of AES-GMAC as one contiguous AAD: swaps the zeroed header copy
/// `prefix` into `buf[packet.start..ah]`, appends `tail` (the ESN high bits) in the 4 bytes
/// after the packet, and restores both afterwards. Without 4 spare bytes after the packet the
/// packet moves 4 bytes towards the front of the buffer and back (if there is room there).
fn with_contiguous<R>(
    buf: &mut [u8],
    packet: Range<usize>,
    ah: usize,
    prefix: &mut [u8],
    tail: &[u8],
    f: impl FnOnce(&[u8]) -> R,
) -> Result<R, Error> {
    let shift = if buf.len() >= packet.end + tail.len() {
        0
    } else if packet.start >= tail.len() {
        tail.len()
    } else {
        return Err(Error::InsufficientTailroom {
            needed: tail.len(),
            available: buf.len().saturating_sub(packet.end),
        });
    };
    if shift != 0 {
        buf.copy_within(packet.clone(), packet.start - shift);
    }
    let (start, ah, end) = (packet.start - shift, ah - shift, packet.end - shift);
    let mut saved = [0u8; 4];
    let saved = saved.get_mut(..tail.len()).ok_or(Error::InvalidRange)?;
    let tail_at = end..end + tail.len();
    saved.copy_from_slice(buf.get(tail_at.clone()).ok_or(Error::InvalidRange)?);
    buf.get_mut(tail_at.clone()).ok_or(Error::InvalidRange)?.copy_from_slice(tail);
    buf.get_mut(start..ah).ok_or(Error::InvalidRange)?.swap_with_slice(prefix);
    let r = f(buf.get(start..tail_at.end).ok_or(Error::InvalidRange)?);
    buf.get_mut(start..ah).ok_or(Error::InvalidRange)?.swap_with_slice(prefix);
    buf.get_mut(tail_at).ok_or(Error::InvalidRange)?.copy_from_slice(saved);
    if shift != 0 {
        buf.copy_within(start..end, packet.start);
    }
    Ok(r)
}

/// Copies the IP header with the extension headers in front of AH (`hdr`) into `out` as the
/// ICV covers it (RFC 4302 §3.3.3.1), and returns its length.
fn zeroed_prefix(hdr: &[u8], out: &mut [u8; MAX_PREFIX], dir: Direction) -> Result<usize, PacketError> {
    let h = out.get_mut(..hdr.len()).ok_or(PacketError::HeadersTooLong)?;
    h.copy_from_slice(hdr);
    match byte(hdr, 0)? >> 4 {
        4 => zero_ipv4(h, dir)?,
        6 => zero_ipv6(h)?,
        _ => return Err(PacketError::BadVersion),
    }
    Ok(hdr.len())
}

/// IPv4 (RFC 4302 §3.3.3.1.1): TOS (DSCP and ECN), flags, fragment offset, TTL and checksum
/// are zeroed; options per Appendix A1 (see [`IMMUTABLE_IPV4_OPTIONS`]). With a loose or
/// strict source route the destination is mutable but predictable: the sender uses the final
/// destination, the last address of the route (RFC 4302 §3.3.3.1.1.1); the receiver has it in
/// the header already.
fn zero_ipv4(h: &mut [u8], dir: Direction) -> Result<(), PacketError> {
    put(h, 1, &[0])?;
    put(h, 6, &[0, 0, 0])?;
    put(h, 10, &[0, 0])?;
    let mut at = IPV4_HEADER;
    while at < h.len() {
        let ty = byte(h, at)?;
        match ty {
            // End of Option List: what follows is padding, covered as it is.
            0 => break,
            // No Operation.
            1 => {
                at += 1;
                continue;
            }
            _ => {}
        }
        let len = usize::from(byte(h, at + 1)?);
        if len < 2 || at + len > h.len() {
            return Err(PacketError::BadOption);
        }
        if !IMMUTABLE_IPV4_OPTIONS.contains(&ty) {
            if dir == Direction::Out && SOURCE_ROUTE_OPTIONS.contains(&ty) && len >= 7 {
                let mut last = [0u8; 4];
                last.copy_from_slice(h.get(at + len - 4..at + len).ok_or(PacketError::BadOption)?);
                put(h, 16, &last)?;
            }
            h.get_mut(at..at + len).ok_or(PacketError::BadOption)?.fill(0);
        }
        at += len;
    }
    Ok(())
}

/// IPv6 (RFC 4302 §3.3.3.1.2): traffic class, flow label and hop limit are zeroed; in
/// hop-by-hop and destination options the data of options whose type has the "may change en
/// route" bit is zeroed, type and length kept (Appendix A2); routing headers of type 0 (and
/// type 2, RFC 6275 §6.4, which has the same layout) are rearranged as they will arrive.
fn zero_ipv6(h: &mut [u8]) -> Result<(), PacketError> {
    let version = byte(h, 0)? & 0xf0;
    put(h, 0, &[version, 0, 0, 0])?;
    put(h, 7, &[0])?;
    let mut next = byte(h, 6)?;
    let mut at = IPV6_HEADER;
    while at < h.len() {
        let len = (usize::from(byte(h, at + 1)?) + 1) * 8;
        let following = byte(h, at)?;
        match next {
            proto::HOPOPT | proto::DSTOPTS => {
                zero_mutable_options(h.get_mut(at..at + len).ok_or(PacketError::Truncated)?)?;
            }
            proto::ROUTING => rearrange_routing(h, at, len)?,
            _ => return Err(PacketError::ExtensionHeaders),
        }
        next = following;
        at += len;
    }
    if at == h.len() { Ok(()) } else { Err(PacketError::Truncated) }
}

/// Zeroes the data of the mutable options in a hop-by-hop or destination options header.
fn zero_mutable_options(ext: &mut [u8]) -> Result<(), PacketError> {
    let mut at = 2;
    while at < ext.len() {
        let ty = byte(ext, at)?;
        if ty == 0 {
            // Pad1: a single byte.
            at += 1;
            continue;
        }
        let data = at + 2..at + 2 + usize::from(byte(ext, at + 1)?);
        let d = ext.get_mut(data.clone()).ok_or(PacketError::BadOption)?;
        if ty & IPV6_OPTION_MUTABLE != 0 {
            d.fill(0);
        }
        at = data.end;
    }
    Ok(())
}

/// Puts a type 0 or 2 routing header and the destination address in the order the final
/// destination will see them (RFC 4302 Appendix A2): segments left 0, the original
/// destination first in the address list, the last address as destination. Already arrived
/// (segments left 0) or other types: unchanged.
fn rearrange_routing(h: &mut [u8], at: usize, len: usize) -> Result<(), PacketError> {
    let (ty, left) = (byte(h, at + 2)?, usize::from(byte(h, at + 3)?));
    if left == 0 || !matches!(ty, 0 | 2) {
        return Ok(());
    }
    let n = usize::from(byte(h, at + 1)?) / 2;
    if left > n || 8 + 16 * n > len {
        return Err(PacketError::BadOption);
    }
    let mut dst = [0u8; 16];
    dst.copy_from_slice(h.get(24..40).ok_or(PacketError::Truncated)?);
    let addrs = h.get_mut(at + 8 + 16 * (n - left)..at + 8 + 16 * n).ok_or(PacketError::BadOption)?;
    // The last address moves to the front, the others one place back; the front (the final
    // destination) then becomes the header's destination and the old destination takes its
    // place.
    addrs.rotate_right(16);
    let front = addrs.get_mut(..16).ok_or(PacketError::BadOption)?;
    let mut last = [0u8; 16];
    last.copy_from_slice(front);
    front.copy_from_slice(&dst);
    put(h, 24, &last)?;
    put(h, at + 3, &[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_mutable_fields_and_options() {
        // IPv4 with options: NOP, Record Route (7, mutable), Router Alert (148, immutable),
        // LSRR (131) with one address, EOL.
        let mut h = [0u8; 40];
        h[..20].copy_from_slice(&[
            0x4a, 0xb8, 0, 100, 0x12, 0x34, 0x40, 0x10, 64, 51, 0xab, 0xcd, 10, 0, 0, 1, 10, 0, 0, 2,
        ]);
        h[20..40].copy_from_slice(&[1, 7, 7, 4, 9, 9, 9, 9, 148, 4, 0, 0, 131, 7, 4, 10, 0, 0, 99, 0]);
        let mut out = [0u8; MAX_PREFIX];
        zeroed_prefix(&h, &mut out, Direction::Out).unwrap();
        assert_eq!(&out[..20], &[0x4a, 0, 0, 100, 0x12, 0x34, 0, 0, 0, 51, 0, 0, 10, 0, 0, 1, 10, 0, 0, 99]);
        assert_eq!(&out[20..40], &[1, 0, 0, 0, 0, 0, 0, 0, 148, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        // The receiver keeps the destination it sees.
        zeroed_prefix(&h, &mut out, Direction::In).unwrap();
        assert_eq!(&out[16..20], &[10, 0, 0, 2]);
        // A truncated option is refused.
        h[22] = 30;
        assert_eq!(zeroed_prefix(&h, &mut out, Direction::In), Err(PacketError::BadOption));
    }

    #[test]
    fn ipv6_options_and_routing_header() {
        // IPv6 -> hop-by-hop (8 bytes: PadN mutable? no: 0x3e is mutable, 4 data bytes) ->
        // routing type 0 with 2 addresses, 2 segments left -> AH.
        let mut h = [0u8; 40 + 8 + 40];
        h[..8].copy_from_slice(&[0x6a, 0xbc, 0xde, 0xf0, 0, 48, 0, 33]);
        h[8..24].copy_from_slice(&[1; 16]);
        h[24..40].copy_from_slice(&[2; 16]);
        h[40..48].copy_from_slice(&[43, 0, 0x3e, 4, 0xaa, 0xbb, 0xcc, 0xdd]);
        h[48..56].copy_from_slice(&[51, 4, 0, 2, 0, 0, 0, 0]);
        h[56..72].copy_from_slice(&[3; 16]);
        h[72..88].copy_from_slice(&[4; 16]);
        let mut out = [0u8; MAX_PREFIX];
        zeroed_prefix(&h, &mut out, Direction::Out).unwrap();
        assert_eq!(&out[..8], &[0x60, 0, 0, 0, 0, 48, 0, 0]);
        assert_eq!(&out[24..40], &[4; 16], "final destination");
        assert_eq!(&out[40..48], &[43, 0, 0x3e, 4, 0, 0, 0, 0]);
        assert_eq!(&out[48..56], &[51, 4, 0, 0, 0, 0, 0, 0]);
        assert_eq!(&out[56..72], &[2; 16], "original destination first");
        assert_eq!(&out[72..88], &[3; 16]);
        // The arrived packet (what routing makes of it) gives the same bytes.
        let mut arrived = h;
        arrived[24..40].copy_from_slice(&[4; 16]);
        arrived[51] = 0;
        arrived[56..72].copy_from_slice(&[2; 16]);
        arrived[72..88].copy_from_slice(&[3; 16]);
        let mut out2 = [0u8; MAX_PREFIX];
        zeroed_prefix(&arrived, &mut out2, Direction::In).unwrap();
        assert_eq!(out[..88], out2[..88]);
        // An immutable option's data stays.
        h[42] = 0x1e;
        zeroed_prefix(&h, &mut out, Direction::In).unwrap();
        assert_eq!(&out[44..48], &[0xaa, 0xbb, 0xcc, 0xdd]);
    }
}
