//! The ESP transform: keyed crypto objects and the in-place sealing and opening of one ESP
//! packet (RFC 4303 §2, §3.3, §3.4), independent of framing, sequence state and statistics.
//!
//! Packet layout, offsets from the start of the ESP header (`h = 8 + iv_len`):
//!
//! ```text
//! 0      4        8      h                 h+n        h+n+p+2    +icv
//! | SPI  | seq lo | IV   | payload (n)     | pad (p) |pl|nh| ICV  |
//! ```

use alloc::boxed::Box;
use core::ops::Range;

use ipsec_core::algorithm::{EncryptionAlgorithm, IntegrityAlgorithm};
use ipsec_core::crypto::{Aead, Cipher, CryptoError, CryptoProvider, Mac};
use ipsec_core::types::Spi;

use crate::error::{ConfigError, Error};
use crate::params::SaParams;

/// The all-zero IV of the CBC call that derives the per-packet IV (see [`IvSource::Auto`]).
const ZERO_IV: [u8; 16] = [0; 16];
/// Largest ICV of any transform (HMAC-SHA-512-256, 32 bytes).
const MAX_ICV: usize = 32;
/// Length of the ESP header: SPI and sequence number.
pub(crate) const ESP_HEADER: usize = 8;
/// Length of the RFC 1829 ESP header: the SPI alone.
#[cfg(feature = "legacy")]
const RFC1829_HEADER: usize = 4;

/// How the per-packet IV of CBC and counter modes is chosen.
#[derive(Clone, Copy, Debug)]
pub(crate) enum IvSource<'a> {
    /// The production rule: the 64-bit sequence number for counter modes and AEADs (RFC 3686
    /// §3.1, RFC 4106 §3.1, RFC 4543 §3.1, RFC 7634 §2), and for CBC the encryption under the
    /// SA key of a nonce made of the per-SA random seed XOR the sequence number (NIST SP
    /// 800-38A Appendix C, first method).
    Auto {
        /// The per-SA CBC seed (block size bytes used).
        seed: &'a [u8; 16],
    },
    /// An explicit IV, for the published test vectors (feature `test-hooks`).
    #[cfg_attr(not(feature = "test-hooks"), allow(dead_code))]
    Given(&'a [u8]),
}

/// The keyed crypto of one direction of an ESP SA.
pub(crate) enum Protection {
    /// AES-GCM or ChaCha20-Poly1305: AAD = SPI || [seq hi] || seq lo (RFC 4106 §5, RFC 7634
    /// §2.1), IV = sequence number.
    Aead(Box<dyn Aead>),
    /// AES-GMAC: everything is AAD, nothing is encrypted (RFC 4543 §3).
    Gmac(Box<dyn Aead>),
    /// A cipher (CBC, CTR or NULL) and an optional MAC.
    Cipher {
        /// The keyed cipher.
        cipher: Box<dyn Cipher>,
        /// The keyed MAC, `None` for confidentiality-only SAs.
        mac: Option<Box<dyn Mac>>,
        /// True for CBC (explicit random-looking IV), false for CTR (counter IV) and NULL.
        cbc: bool,
    },
}

/// An ESP transform: algorithms, sizes and keyed objects.
pub(crate) struct EspTransform {
    /// The encryption algorithm.
    pub(crate) encryption: EncryptionAlgorithm,
    /// The integrity algorithm, if separate.
    pub(crate) integrity: Option<IntegrityAlgorithm>,
    /// The keyed objects.
    protection: Protection,
    /// Explicit IV length.
    pub(crate) iv_len: usize,
    /// Header length before the IV: SPI and sequence number, or the SPI alone (RFC 1829).
    fixed: usize,
    /// Cipher block size (1 for stream modes): 1, 8 or 16, a power of two.
    block: usize,
    /// Alignment of payload + trailer: the block size, at least 4 (RFC 4303 §2.4); a power of
    /// two, so that padding is a mask rather than a division.
    align: usize,
    /// ICV length.
    pub(crate) icv_len: usize,
    /// True when the transform encrypts (not NULL, not GMAC), for the counters.
    encrypts: bool,
}

impl core::fmt::Debug for EspTransform {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("EspTransform")
            .field("encryption", &self.encryption)
            .field("integrity", &self.integrity)
            .finish_non_exhaustive()
    }
}

impl EspTransform {
    /// Keys the transform from validated parameters.
    pub(crate) fn new(p: &SaParams, provider: &CryptoProvider) -> Result<Self, ConfigError> {
        let enc = p.encryption;
        let key = p.encryption_key.expose();
        let protection = if enc.is_aead() {
            let aead = provider.aead.new_aead(enc, key).map_err(ConfigError::Crypto)?;
            if matches!(enc, EncryptionAlgorithm::AesGmac(_)) { Protection::Gmac(aead) } else { Protection::Aead(aead) }
        } else {
            let cipher = provider.cipher.new_cipher(enc, key).map_err(ConfigError::Crypto)?;
            let mac = match &p.integrity {
                Some((alg, k)) => Some(provider.mac.new_mac(alg.mac(), k.expose()).map_err(ConfigError::Crypto)?),
                None => None,
            };
            let cbc = matches!(
                enc,
                EncryptionAlgorithm::DesCbc | EncryptionAlgorithm::TripleDesCbc | EncryptionAlgorithm::AesCbc(_)
            );
            Protection::Cipher { cipher, mac, cbc }
        };
        let integrity = p.integrity.as_ref().map(|(a, _)| *a);
        let icv_len = if enc.is_aead() { enc.icv_len() } else { integrity.map_or(0, IntegrityAlgorithm::icv_len) };
        let block = enc.block_size();
        if !block.is_power_of_two() {
            return Err(ConfigError::Crypto(CryptoError::UnsupportedAlgorithm));
        }
        #[allow(unused_mut)]
        let (mut fixed, mut iv_len) = (ESP_HEADER, enc.iv_len());
        #[cfg(feature = "legacy")]
        if let Some(crate::params::LegacyTransform::EspDesCbc(iv)) = &p.legacy {
            (fixed, iv_len) = (RFC1829_HEADER, iv.bytes());
        }
        Ok(Self {
            encryption: enc,
            integrity,
            protection,
            iv_len,
            fixed,
            block,
            align: block.max(4),
            icv_len,
            encrypts: enc.encrypts(),
        })
    }

    /// ESP header plus IV.
    #[inline]
    pub(crate) fn header_len(&self) -> usize {
        self.fixed + self.iv_len
    }

    /// True for RFC 4303 packets, which carry a sequence number (RFC 1829 packets do not).
    #[inline]
    pub(crate) fn has_sequence(&self) -> bool {
        self.fixed == ESP_HEADER
    }

    /// True when the receiver checks the padding bytes (RFC 4303 §2.4); RFC 1829's padding
    /// has no defined content and is ignored.
    #[inline]
    pub(crate) fn checks_padding(&self) -> bool {
        self.has_sequence()
    }

    /// Padding for a payload of `n` bytes: the fewest bytes that make payload, pad length and
    /// next header a multiple of the block size and of 4 (RFC 4303 §2.4): since `align` is a
    /// power of two, `-(n + 2) mod align`.
    #[inline]
    pub(crate) fn pad_len(&self, n: usize) -> usize {
        (n + 2).wrapping_neg() & (self.align - 1)
    }

    /// Bytes after a payload of `n` bytes: padding, pad length, next header, ICV.
    #[inline]
    pub(crate) fn trailer_len(&self, n: usize) -> usize {
        self.pad_len(n) + 2 + self.icv_len
    }

    /// The most bytes [`trailer_len`](Self::trailer_len) can be.
    pub(crate) fn max_trailer_len(&self) -> usize {
        self.align - 1 + 2 + self.icv_len
    }

    /// True when the transform encrypts (not NULL, not GMAC).
    #[inline]
    pub(crate) fn encrypts(&self) -> bool {
        self.encrypts
    }

    /// True when packets carry an ICV.
    #[inline]
    pub(crate) fn authenticates(&self) -> bool {
        self.icv_len != 0
    }

    /// True for GMAC with ESN, whose AAD needs 4 bytes inserted in front of the packet.
    fn is_gmac(&self) -> bool {
        matches!(self.protection, Protection::Gmac(_))
    }

    /// Seals in place the ESP packet whose header starts at `start`, with a payload of `n`
    /// bytes already at `start + header_len()`: writes header, IV, trailer and ICV, encrypts.
    /// The caller checked that the buffer holds `start + header_len() + n + trailer_len(n)`
    /// bytes. Returns the end of the ICV.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    pub(crate) fn seal(
        &self,
        buf: &mut [u8],
        start: usize,
        n: usize,
        next_header: u8,
        spi: Spi,
        seq: u64,
        esn: bool,
        iv: IvSource<'_>,
    ) -> Result<usize, Error> {
        let h = self.header_len();
        let pad = self.pad_len(n);
        let ct_end = start + h + n + pad + 2;
        let end = ct_end + self.icv_len;
        let region = buf.get_mut(start..end).ok_or(Error::InvalidRange)?;
        let (head, rest) = region.split_at_mut_checked(h).ok_or(Error::InvalidRange)?;
        let (fixed, iv_field) = head.split_at_mut_checked(self.fixed).ok_or(Error::InvalidRange)?;
        let (data, icv) = rest.split_at_mut_checked(n + pad + 2).ok_or(Error::InvalidRange)?;
        self.write_header(fixed, spi, seq)?;
        write_trailer(data.get_mut(n..).ok_or(Error::InvalidRange)?, next_header);
        match &self.protection {
            Protection::Aead(aead) => {
                // IV and AAD are used where they are in the packet, without a copy.
                self.write_iv(iv_field, seq, iv)?;
                let aad_esn;
                let aad: &[u8] = if esn {
                    aad_esn = esn_aad(spi, seq);
                    &aad_esn
                } else {
                    fixed
                };
                aead.seal(iv_field, aad, data, icv).map_err(Error::Crypto)?;
            }
            Protection::Gmac(aead) => {
                self.write_iv(iv_field, seq, iv)?;
                self.seal_gmac(aead.as_ref(), buf, start, ct_end, seq, esn)?;
            }
            Protection::Cipher { cipher, mac, cbc } => {
                self.seal_cipher(cipher.as_ref(), mac.as_deref(), *cbc, buf, start, ct_end, seq, esn, iv)?;
            }
        }
        Ok(end)
    }

    /// The AES-GMAC ICV of the packet at `start..ct_end` whose header, IV and trailer are
    /// written; the ICV follows at `ct_end`.
    fn seal_gmac(
        &self,
        aead: &dyn Aead,
        buf: &mut [u8],
        start: usize,
        ct_end: usize,
        seq: u64,
        esn: bool,
    ) -> Result<(), Error> {
        let end = ct_end + self.icv_len;
        // The IV is needed while the buffer is borrowed for the AAD: keep a copy.
        let iv = self.iv_copy(buf, start)?;
        let iv = iv.get(..self.iv_len).ok_or(Error::InvalidRange)?;
        let mut tag = [0u8; MAX_ICV];
        let tag = tag.get_mut(..self.icv_len).ok_or(Error::InvalidRange)?;
        if esn {
            let seq_hi = ((seq >> 32) as u32).to_be_bytes();
            with_esn_aad(buf, start, ct_end, end, seq_hi, |aad| aead.seal(iv, aad, &mut [], tag))?
                .map_err(Error::Crypto)?;
        } else {
            let aad = buf.get(start..ct_end).ok_or(Error::InvalidRange)?;
            aead.seal(iv, aad, &mut [], tag).map_err(Error::Crypto)?;
        }
        buf.get_mut(ct_end..end).ok_or(Error::InvalidRange)?.copy_from_slice(tag);
        Ok(())
    }

    /// The IV, encryption and MAC of a cipher transform (CBC, CTR or NULL, with or without an
    /// integrity algorithm) for the packet at `start..ct_end` whose header and trailer are
    /// written; the ICV follows at `ct_end`.
    #[allow(clippy::too_many_arguments)]
    fn seal_cipher(
        &self,
        cipher: &dyn Cipher,
        mac: Option<&dyn Mac>,
        cbc: bool,
        buf: &mut [u8],
        start: usize,
        ct_end: usize,
        seq: u64,
        esn: bool,
        iv: IvSource<'_>,
    ) -> Result<(), Error> {
        let crypto = Error::Crypto;
        let h = self.header_len();
        let iv_at = start + self.fixed;
        match (iv, cbc) {
            (_, false) if self.iv_len == 0 => {}
            (IvSource::Auto { seed }, true) if self.iv_len == 4 => {
                // RFC 1829 §2 with a 4-byte IV field: the field is the per-SA seed XOR the
                // packet counter (it does not repeat within 2^32 packets, as the RFC asks);
                // DES-CBC runs with the field and its complement.
                let [a, b, c, d] = seed.first_chunk::<4>().copied().unwrap_or_default();
                let field = (u32::from_be_bytes([a, b, c, d]) ^ seq as u32).to_be_bytes();
                buf.get_mut(iv_at..iv_at + 4).ok_or(Error::InvalidRange)?.copy_from_slice(&field);
                let iv = expand_short_iv(&field);
                cipher.encrypt(&iv, buf.get_mut(start + h..ct_end).ok_or(Error::InvalidRange)?).map_err(crypto)?;
            }
            (IvSource::Auto { seed }, true) => {
                // The nonce goes into the IV field; one CBC pass with a zero IV over nonce ||
                // payload turns it into E_K(nonce), which is then the IV of the rest: NIST SP
                // 800-38A Appendix C method 1, at the cost of one extra block and no separate
                // call.
                let ivf = buf.get_mut(iv_at..iv_at + self.iv_len).ok_or(Error::InvalidRange)?;
                let seed = seed.get(..self.iv_len).ok_or(Error::InvalidRange)?;
                ivf.copy_from_slice(seed);
                let at = self.iv_len - 8;
                for (b, s) in ivf.iter_mut().skip(at).zip(seq.to_be_bytes()) {
                    *b ^= s;
                }
                let zero = ZERO_IV.get(..self.iv_len).ok_or(Error::InvalidRange)?;
                cipher.encrypt(zero, buf.get_mut(iv_at..ct_end).ok_or(Error::InvalidRange)?).map_err(crypto)?;
            }
            _ => {
                self.write_iv(buf.get_mut(iv_at..iv_at + self.iv_len).ok_or(Error::InvalidRange)?, seq, iv)?;
                let (iv, n) = self.cipher_iv(&self.iv_copy(buf, start)?)?;
                let iv = iv.get(..n).ok_or(Error::InvalidRange)?;
                cipher.encrypt(iv, buf.get_mut(start + h..ct_end).ok_or(Error::InvalidRange)?).map_err(crypto)?;
            }
        }
        if let Some(mac) = mac {
            let region = buf.get_mut(start..ct_end + self.icv_len).ok_or(Error::InvalidRange)?;
            let (covered, icv) = region.split_at_mut(ct_end - start);
            if esn {
                let seq_hi = ((seq >> 32) as u32).to_be_bytes();
                mac.compute(&[covered, &seq_hi], icv).map_err(crypto)?;
            } else {
                mac.compute(&[covered], icv).map_err(crypto)?;
            }
        }
        Ok(())
    }

    /// Writes the fixed header (`fixed`, [`header_len`](Self::header_len) minus the IV): SPI
    /// and the low half of the sequence number, or the SPI alone (RFC 1829).
    #[inline]
    fn write_header(&self, fixed: &mut [u8], spi: Spi, seq: u64) -> Result<(), Error> {
        let [s0, s1, s2, s3] = spi.to_bytes();
        let header = if self.has_sequence() {
            let [q0, q1, q2, q3] = (seq as u32).to_be_bytes();
            fixed.first_chunk_mut::<ESP_HEADER>().map(|h| *h = [s0, s1, s2, s3, q0, q1, q2, q3])
        } else {
            fixed.first_chunk_mut::<4>().map(|h| *h = [s0, s1, s2, s3])
        };
        header.ok_or(Error::InvalidRange)
    }

    /// Writes the explicit IV into the packet's IV field `field` (`iv_len` bytes): for
    /// counter modes and AEADs the 64-bit sequence number (8 bytes in every such transform;
    /// zero-extended or cut to another length), or a given IV.
    #[inline]
    fn write_iv(&self, field: &mut [u8], seq: u64, iv: IvSource<'_>) -> Result<(), Error> {
        match iv {
            IvSource::Given(given) if given.len() == field.len() => field.copy_from_slice(given),
            IvSource::Given(given) => {
                return Err(Error::Crypto(CryptoError::InvalidIvLength { expected: self.iv_len, got: given.len() }));
            }
            IvSource::Auto { .. } => match <&mut [u8; 8]>::try_from(&mut *field) {
                Ok(f) => *f = seq.to_be_bytes(),
                Err(_) => {
                    let seq = seq.to_be_bytes();
                    for (i, b) in field.iter_mut().enumerate() {
                        *b = seq.get(i).copied().unwrap_or(0);
                    }
                }
            },
        }
        Ok(())
    }

    /// Verifies and decrypts in place the ESP packet `esp` (SPI to ICV) whose full sequence
    /// number is `seq`. Returns the range of the plaintext payload with its trailer (padding,
    /// pad length, next header).
    #[inline]
    pub(crate) fn open(&self, buf: &mut [u8], esp: Range<usize>, seq: u64, esn: bool) -> Result<Range<usize>, Error> {
        let h = self.header_len();
        let total = esp.end.checked_sub(esp.start).ok_or(Error::InvalidRange)?;
        let ct_len = total.checked_sub(h + self.icv_len).filter(|&l| l >= 2).ok_or(Error::InvalidLength)?;
        // A whole number of blocks (`block` is a power of two).
        if ct_len & (self.block - 1) != 0 {
            return Err(Error::InvalidLength);
        }
        let start = esp.start;
        let ct_end = start + h + ct_len;
        let end = esp.end;
        let seq_hi = ((seq >> 32) as u32).to_be_bytes();
        let auth = |e: CryptoError| match e {
            CryptoError::AuthenticationFailed => Error::AuthenticationFailed,
            other => Error::Crypto(other),
        };
        match &self.protection {
            Protection::Aead(aead) => {
                // IV and AAD straight from the packet, no copy.
                let region = buf.get_mut(start..end).ok_or(Error::InvalidRange)?;
                let (head, rest) = region.split_at_mut_checked(h).ok_or(Error::InvalidRange)?;
                let (fixed, iv) = head.split_at_checked(self.fixed).ok_or(Error::InvalidRange)?;
                let (data, tag) = rest.split_at_mut_checked(ct_len).ok_or(Error::InvalidRange)?;
                let aad_esn;
                let aad: &[u8] = if esn {
                    aad_esn = esn_aad(Spi::from_bytes(spi_of(fixed)), seq);
                    &aad_esn
                } else {
                    fixed
                };
                aead.open(iv, aad, data, tag).map_err(auth)?;
            }
            Protection::Gmac(aead) => {
                // The IV is needed while the buffer is borrowed for the AAD: keep a copy.
                let iv = self.iv_copy(buf, start)?;
                let iv = iv.get(..self.iv_len).ok_or(Error::InvalidRange)?;
                let mut tag = [0u8; MAX_ICV];
                let tag = tag.get_mut(..self.icv_len).ok_or(Error::InvalidRange)?;
                tag.copy_from_slice(buf.get(ct_end..end).ok_or(Error::InvalidRange)?);
                if esn {
                    let r = with_esn_aad(buf, start, ct_end, end, seq_hi, |aad| aead.open(iv, aad, &mut [], tag))?;
                    // The shuffle may have used the ICV bytes as room; put them back.
                    buf.get_mut(ct_end..end).ok_or(Error::InvalidRange)?.copy_from_slice(tag);
                    r.map_err(auth)?;
                } else {
                    let aad = buf.get(start..ct_end).ok_or(Error::InvalidRange)?;
                    aead.open(iv, aad, &mut [], tag).map_err(auth)?;
                }
            }
            Protection::Cipher { cipher, mac, .. } => {
                if let Some(mac) = mac {
                    let covered = buf.get(start..ct_end).ok_or(Error::InvalidRange)?;
                    let icv = buf.get(ct_end..end).ok_or(Error::InvalidRange)?;
                    if esn {
                        mac.verify(&[covered, &seq_hi], icv).map_err(auth)?;
                    } else {
                        mac.verify(&[covered], icv).map_err(auth)?;
                    }
                }
                let (iv, iv_len) = self.cipher_iv(&self.iv_copy(buf, start)?)?;
                let iv = iv.get(..iv_len).ok_or(Error::InvalidRange)?;
                cipher.decrypt(iv, buf.get_mut(start + h..ct_end).ok_or(Error::InvalidRange)?).map_err(auth)?;
            }
        }
        Ok(start + h..ct_end)
    }

    /// The IV field of the packet whose ESP header starts at `start`, padded to 16 bytes.
    fn iv_copy(&self, buf: &[u8], start: usize) -> Result<[u8; 16], Error> {
        let mut iv = [0u8; 16];
        let field = buf.get(start + self.fixed..start + self.header_len()).ok_or(Error::InvalidRange)?;
        iv.get_mut(..self.iv_len).ok_or(Error::InvalidRange)?.copy_from_slice(field);
        Ok(iv)
    }

    /// The IV the cipher runs with for the IV field `field` (padded to 16 bytes), and its
    /// length: the field itself, or for RFC 1829's 4-byte field the field and its complement.
    fn cipher_iv(&self, field: &[u8; 16]) -> Result<([u8; 16], usize), Error> {
        if self.iv_len == 4 {
            let short = field.first_chunk::<4>().ok_or(Error::InvalidRange)?;
            let mut out = [0u8; 16];
            out.get_mut(..8).ok_or(Error::InvalidRange)?.copy_from_slice(&expand_short_iv(short));
            Ok((out, 8))
        } else {
            Ok((*field, self.iv_len))
        }
    }

    /// True when the GMAC-with-ESN shuffle needs 4 bytes in front of the ESP header to avoid
    /// moving the payload (see [`with_esn_aad`]).
    pub(crate) fn wants_front_room(&self, esn: bool) -> bool {
        esn && self.is_gmac()
    }
}

/// Writes the ESP trailer `trailer` (padding, pad length, next header): padding bytes 1, 2,
/// 3, ... (RFC 4303 §2.4; at most 15 of them).
#[inline]
fn write_trailer(trailer: &mut [u8], next_header: u8) {
    if let [pad @ .., pad_len, nh] = trailer {
        for (i, b) in pad.iter_mut().enumerate() {
            *b = (i + 1) as u8;
        }
        *pad_len = pad.len() as u8;
        *nh = next_header;
    }
}

/// RFC 1829 §2: a 4-byte IV field `v` stands for the DES-CBC IV `v || !v`.
fn expand_short_iv(v: &[u8; 4]) -> [u8; 8] {
    let [a, b, c, d] = *v;
    [a, b, c, d, !a, !b, !c, !d]
}

/// The first four bytes of an ESP header.
fn spi_of(head: &[u8]) -> [u8; 4] {
    match head.get(..4) {
        Some(&[a, b, c, d]) => [a, b, c, d],
        _ => [0; 4],
    }
}

/// The 12-byte AAD of an AEAD with ESN: SPI || seq hi || seq lo (RFC 4106 §5, RFC 7634 §2.1).
fn esn_aad(spi: Spi, seq: u64) -> [u8; 12] {
    let mut aad = [0u8; 12];
    let (s, q) = aad.split_at_mut(4);
    s.copy_from_slice(&spi.to_bytes());
    q.copy_from_slice(&seq.to_be_bytes());
    aad
}

/// Runs `f` on the contiguous GMAC AAD of an ESN packet, SPI || seq hi || seq lo || IV ||
/// payload and trailer (RFC 4543 §3.3 with the ESN layout of §3.2), built in place without
/// allocating, and restores the buffer afterwards.
///
/// `start..aad_end` is the packet without its ICV (`aad_end..icv_end`). With 4 bytes in
/// front of the packet, the SPI is copied there and the high half of the sequence number
/// takes its place (the 4 bytes are saved and restored). Without them, the packet after the
/// SPI moves 4 bytes right into the ICV's room and moves back afterwards; the caller keeps a
/// copy of the ICV.
fn with_esn_aad<R>(
    buf: &mut [u8],
    start: usize,
    aad_end: usize,
    icv_end: usize,
    seq_hi: [u8; 4],
    f: impl FnOnce(&[u8]) -> R,
) -> Result<R, Error> {
    if icv_end < aad_end + 4 || aad_end < start + ESP_HEADER {
        return Err(Error::InvalidRange);
    }
    if start >= 4 {
        let front = start - 4;
        let saved: [u8; 4] = buf.get(front..start).and_then(|s| s.try_into().ok()).ok_or(Error::InvalidRange)?;
        let spi: [u8; 4] = buf.get(start..start + 4).and_then(|s| s.try_into().ok()).ok_or(Error::InvalidRange)?;
        let head = buf.get_mut(front..start + 4).ok_or(Error::InvalidRange)?;
        let [a, b, c, d] = spi;
        let [e, g, h, i] = seq_hi;
        head.copy_from_slice(&[a, b, c, d, e, g, h, i]);
        let r = f(buf.get(front..aad_end).ok_or(Error::InvalidRange)?);
        let head = buf.get_mut(front..start + 4).ok_or(Error::InvalidRange)?;
        let [e, g, h, i] = saved;
        head.copy_from_slice(&[e, g, h, i, a, b, c, d]);
        Ok(r)
    } else {
        if buf.len() < icv_end {
            return Err(Error::InvalidRange);
        }
        buf.copy_within(start + 4..aad_end, start + 8);
        buf.get_mut(start + 4..start + 8).ok_or(Error::InvalidRange)?.copy_from_slice(&seq_hi);
        let r = f(buf.get(start..aad_end + 4).ok_or(Error::InvalidRange)?);
        buf.copy_within(start + 8..aad_end + 4, start + 4);
        Ok(r)
    }
}
