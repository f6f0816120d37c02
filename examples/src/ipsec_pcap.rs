//! Glue of the `ipsec-pcap` binary: pcap files ([`pcap`]), SA parameters in the words of
//! `ip xfrm state` ([`xfrm`]), and the per-packet encrypt and decrypt loops over `esp-ah`
//! SAs ([`Processor`]). The protocol work is `esp-ah`'s; this module only frames it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::IpAddr;

use esp_ah::{Framing, InboundSa, OutboundBundle, OutboundSa, SaParams, Sad};
use ipsec_core::crypto::CryptoRng;
use ipsec_core::types::SecurityProtocol;
use ipsec_core::{CryptoProvider, Instant};

/// Reading and writing classic pcap files (the libpcap format; pcapng is refused with a hint).
pub mod pcap {
    /// The link-layer header types read here (tcpdump.org "LINKTYPE_" values).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum LinkType {
        /// `LINKTYPE_ETHERNET` (1): Ethernet II, with 802.1Q/802.1ad tags skipped.
        Ethernet,
        /// `LINKTYPE_RAW` (101) and `DLT_RAW` (12, or 14 on OpenBSD): raw IPv4/IPv6.
        Raw(u32),
        /// `LINKTYPE_LINUX_SLL` (113): Linux cooked capture v1.
        LinuxSll,
        /// `LINKTYPE_LINUX_SLL2` (276): Linux cooked capture v2.
        LinuxSll2,
        /// `LINKTYPE_IPV4` (228).
        Ipv4,
        /// `LINKTYPE_IPV6` (229).
        Ipv6,
    }

    impl LinkType {
        /// The link type of a header's `network` field.
        #[must_use]
        pub fn from_code(code: u32) -> Option<Self> {
            Some(match code {
                1 => Self::Ethernet,
                12 | 14 | 101 => Self::Raw(code),
                113 => Self::LinuxSll,
                276 => Self::LinuxSll2,
                228 => Self::Ipv4,
                229 => Self::Ipv6,
                _ => return None,
            })
        }

        /// The IP packet in a frame of this link type, or `None` for other protocols.
        #[must_use]
        pub fn ip_packet(self, frame: &[u8]) -> Option<&[u8]> {
            let (ethertype, rest) = match self {
                Self::Raw(_) | Self::Ipv4 | Self::Ipv6 => return Some(frame).filter(|f| is_ip(f)),
                Self::Ethernet => {
                    let mut at = 12;
                    loop {
                        let t = be16(frame, at)?;
                        if t == 0x8100 || t == 0x88a8 {
                            at += 4;
                        } else {
                            break (t, frame.get(at + 2..)?);
                        }
                    }
                }
                Self::LinuxSll => (be16(frame, 14)?, frame.get(16..)?),
                Self::LinuxSll2 => (be16(frame, 0)?, frame.get(20..)?),
            };
            match ethertype {
                0x0800 | 0x86dd => Some(rest).filter(|f| is_ip(f)),
                _ => None,
            }
        }
    }

    /// True when `p` starts with an IPv4 or IPv6 version nibble.
    fn is_ip(p: &[u8]) -> bool {
        matches!(p.first().map(|b| b >> 4), Some(4 | 6))
    }

    /// A big-endian u16 at `at`.
    fn be16(b: &[u8], at: usize) -> Option<u16> {
        b.get(at..at + 2).map(|s| u16::from_be_bytes([s.first().copied().unwrap_or(0), s.get(1).copied().unwrap_or(0)]))
    }

    /// One captured frame.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Record {
        /// Seconds since the epoch.
        pub ts_sec: u32,
        /// Microseconds (or nanoseconds, see [`Capture::nanos`]).
        pub ts_frac: u32,
        /// The frame's length on the wire.
        pub orig_len: u32,
        /// The captured bytes.
        pub data: Vec<u8>,
    }

    /// A whole capture file.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Capture {
        /// The link type of every record.
        pub link: LinkType,
        /// Nanosecond timestamps (magic `a1b23c4d`) instead of microseconds.
        pub nanos: bool,
        /// The frames.
        pub records: Vec<Record>,
    }

    /// Parses a pcap file (either byte order, micro- or nanosecond timestamps).
    ///
    /// # Errors
    /// A message for a file that is not pcap, is pcapng, has an unsupported link type, or is
    /// truncated.
    pub fn parse(bytes: &[u8]) -> Result<Capture, String> {
        let magic = bytes.get(..4).ok_or("file too short for a pcap header")?;
        let (le, nanos) = match magic {
            [0xd4, 0xc3, 0xb2, 0xa1] => (true, false),
            [0xa1, 0xb2, 0xc3, 0xd4] => (false, false),
            [0x4d, 0x3c, 0xb2, 0xa1] => (true, true),
            [0xa1, 0xb2, 0x3c, 0x4d] => (false, true),
            [0x0a, 0x0d, 0x0d, 0x0a] => {
                return Err("pcapng is not read here; convert it with `editcap -F pcap IN OUT`".into());
            }
            _ => return Err("not a pcap file (bad magic number)".into()),
        };
        let u32_at = |at: usize| -> Result<u32, String> {
            let b: [u8; 4] = bytes.get(at..at + 4).and_then(|s| s.try_into().ok()).ok_or("truncated pcap")?;
            Ok(if le { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) })
        };
        let code = u32_at(20)?;
        let link = LinkType::from_code(code).ok_or(format!(
            "link type {code} not supported (raw IP 101/12/14/228/229, Ethernet 1, Linux cooked 113/276)"
        ))?;
        let mut records = Vec::new();
        let mut at = 24;
        while at < bytes.len() {
            let (ts_sec, ts_frac, incl, orig_len) = (u32_at(at)?, u32_at(at + 4)?, u32_at(at + 8)?, u32_at(at + 12)?);
            let end = at + 16 + incl as usize;
            let data = bytes.get(at + 16..end).ok_or(format!("record {} truncated", records.len() + 1))?;
            records.push(Record { ts_sec, ts_frac, orig_len, data: data.to_vec() });
            at = end;
        }
        Ok(Capture { link, nanos, records })
    }

    /// Writes a pcap file of raw IP packets (`LINKTYPE_RAW`, little-endian): `(seconds,
    /// fraction, packet)` per record.
    #[must_use]
    pub fn write_raw<'a>(nanos: bool, records: impl IntoIterator<Item = (u32, u32, &'a [u8])>) -> Vec<u8> {
        let magic: u32 = if nanos { 0xa1b2_3c4d } else { 0xa1b2_c3d4 };
        let mut out = Vec::new();
        out.extend_from_slice(&magic.to_le_bytes());
        out.extend_from_slice(&2u16.to_le_bytes());
        out.extend_from_slice(&4u16.to_le_bytes());
        out.extend_from_slice(&[0; 8]);
        out.extend_from_slice(&262_144u32.to_le_bytes());
        out.extend_from_slice(&101u32.to_le_bytes());
        for (sec, frac, p) in records {
            let len = u32::try_from(p.len()).unwrap_or(u32::MAX);
            for v in [sec, frac, len, len] {
                out.extend_from_slice(&v.to_le_bytes());
            }
            out.extend_from_slice(p);
        }
        out
    }
}

/// SA parameters in the words of `ip xfrm state` (iproute2, `ip-xfrm(8)`).
pub mod xfrm {
    use std::net::IpAddr;

    use esp_ah::{DEFAULT_REPLAY_WINDOW, EcnPolicy, SaParams, UdpEncap};
    use ipsec_core::SecretBytes;
    use ipsec_core::algorithm::{AesKeyLen, EncryptionAlgorithm, GcmIcvLen, IntegrityAlgorithm};
    use ipsec_core::types::{EncapsulationMode, SecurityProtocol, Spi};

    /// An address prefix of a `sel` selector.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct Prefix {
        /// The address.
        pub addr: IpAddr,
        /// The prefix length.
        pub len: u8,
    }

    impl Prefix {
        /// True when `a` lies in the prefix.
        #[must_use]
        pub fn contains(&self, a: IpAddr) -> bool {
            let bits = |x: IpAddr| -> u128 {
                match x {
                    IpAddr::V4(v) => u128::from(u32::from(v)) << 96,
                    IpAddr::V6(v) => u128::from(v),
                }
            };
            if a.is_ipv4() != self.addr.is_ipv4() {
                return false;
            }
            let mask = u128::MAX.checked_shl(128 - u32::from(self.len)).unwrap_or(0);
            bits(a) & mask == bits(self.addr) & mask
        }
    }

    /// One `ip xfrm state`: an SA from `src` to `dst`.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct State {
        /// The SA as its sender sees it (local = `src`, remote = `dst`), with the outbound
        /// sequence start (`replay-oseq`, `replay-oseq-hi`).
        pub params: SaParams,
        /// The inbound sequence start (`replay-seq`, `replay-seq-hi`).
        pub inbound_start: u64,
        /// The `sel src ... dst ...` selector, if given.
        pub selector: Option<(Prefix, Prefix)>,
        /// The words in the canonical `ip xfrm state` order.
        pub canonical: String,
    }

    impl State {
        /// The sender's SA parameters.
        #[must_use]
        pub fn outbound(&self) -> SaParams {
            self.params.clone()
        }

        /// The receiver's SA parameters (addresses and ports swapped).
        #[must_use]
        pub fn inbound(&self) -> SaParams {
            self.params.mirrored().with_sequence_start(self.inbound_start)
        }

        /// True when an outbound packet from `src` to `dst` is for this SA: in transport
        /// mode the SA's own addresses, in tunnel mode the selector (any packet without one).
        #[must_use]
        pub fn matches(&self, src: IpAddr, dst: IpAddr) -> bool {
            match (self.params.mode, self.selector) {
                (_, Some((s, d))) => s.contains(src) && d.contains(dst),
                (EncapsulationMode::Transport, None) => (src, dst) == (self.params.local, self.params.remote),
                (EncapsulationMode::Tunnel, None) => true,
            }
        }
    }

    /// Splits a line into words, keeping what stands in single or double quotes together (as
    /// a shell would hand them to `ip`).
    ///
    /// # Errors
    /// An unterminated quote.
    pub fn split_words(line: &str) -> Result<Vec<String>, String> {
        let mut words = Vec::new();
        let mut cur: Option<String> = None;
        let mut quote: Option<char> = None;
        for c in line.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), c) => cur.get_or_insert_with(String::new).push(c),
                (None, '\'' | '"') => {
                    quote = Some(c);
                    cur.get_or_insert_with(String::new);
                }
                (None, c) if c.is_whitespace() => words.extend(cur.take()),
                (None, c) => cur.get_or_insert_with(String::new).push(c),
            }
        }
        if quote.is_some() {
            return Err("unterminated quote".into());
        }
        words.extend(cur);
        Ok(words)
    }

    /// A number as `ip` reads it (`strtoul` base 0: decimal or `0x` hex).
    fn number(w: &str) -> Result<u64, String> {
        let r = match w.strip_prefix("0x").or_else(|| w.strip_prefix("0X")) {
            Some(h) => u64::from_str_radix(h, 16),
            None => w.parse(),
        };
        r.map_err(|_| format!("not a number: {w:?}"))
    }

    /// Key material as `ip` reads it: `0x` and hex digits, or else the string's own bytes.
    fn keymat(w: &str) -> Result<Vec<u8>, String> {
        let Some(h) = w.strip_prefix("0x").or_else(|| w.strip_prefix("0X")) else { return Ok(w.as_bytes().to_vec()) };
        if h.len() % 2 != 0 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!("bad hex key {w:?}"));
        }
        (0..h.len())
            .step_by(2)
            .map(|i| h.get(i..i + 2).and_then(|d| u8::from_str_radix(d, 16).ok()).ok_or(format!("bad hex key {w:?}")))
            .collect()
    }

    /// An AES key length from a key in bytes.
    fn aes(len: usize, name: &str) -> Result<AesKeyLen, String> {
        AesKeyLen::from_bits(u16::try_from(len * 8).unwrap_or(0))
            .ok_or(format!("{name}: an AES key is 16, 24 or 32 bytes, not {len}"))
    }

    /// The encryption algorithm of `enc NAME KEY` (kernel crypto names, with the short aliases
    /// the kernel also knows).
    fn enc_algorithm(name: &str, key: &[u8]) -> Result<EncryptionAlgorithm, String> {
        Ok(match name {
            "cbc(aes)" | "aes" => EncryptionAlgorithm::AesCbc(aes(key.len(), name)?),
            "cbc(des3_ede)" | "des3_ede" => EncryptionAlgorithm::TripleDesCbc,
            "cbc(des)" | "des" => EncryptionAlgorithm::DesCbc,
            "rfc3686(ctr(aes))" => EncryptionAlgorithm::AesCtr(aes(key.len().saturating_sub(4), name)?),
            "ecb(cipher_null)" | "cipher_null" => EncryptionAlgorithm::Null,
            _ => {
                return Err(format!(
                    "enc {name:?} not supported (cbc(aes), cbc(des3_ede), cbc(des), rfc3686(ctr(aes)), ecb(cipher_null))"
                ));
            }
        })
    }

    /// The integrity algorithm of `auth NAME` / `auth-trunc NAME` and the ICV bits `auth`
    /// uses by default in Linux.
    fn auth_algorithm(name: &str) -> Result<(IntegrityAlgorithm, u32), String> {
        Ok(match name {
            "hmac(md5)" | "md5" => (IntegrityAlgorithm::HmacMd5_96, 96),
            "hmac(sha1)" | "sha1" => (IntegrityAlgorithm::HmacSha1_96, 96),
            // Linux keeps the pre-RFC 4868 default of 96 bits for `auth hmac(sha256)`.
            "hmac(sha256)" | "sha256" => (IntegrityAlgorithm::HmacSha2_256_128, 96),
            "hmac(sha384)" | "sha384" => (IntegrityAlgorithm::HmacSha2_384_192, 192),
            "hmac(sha512)" | "sha512" => (IntegrityAlgorithm::HmacSha2_512_256, 256),
            "xcbc(aes)" => (IntegrityAlgorithm::AesXcbc96, 96),
            _ => return Err(format!("auth {name:?} not supported (hmac(md5|sha1|sha256|sha384|sha512), xcbc(aes))")),
        })
    }

    /// The combined-mode algorithm of `aead NAME KEY BITS`.
    fn aead_algorithm(name: &str, key: &[u8], bits: u64) -> Result<EncryptionAlgorithm, String> {
        let aes_len = aes(key.len().saturating_sub(4), name);
        let alg = match (name, bits) {
            ("rfc4106(gcm(aes))", 64) => EncryptionAlgorithm::AesGcm(aes_len?, GcmIcvLen::Icv8),
            ("rfc4106(gcm(aes))", 96) => EncryptionAlgorithm::AesGcm(aes_len?, GcmIcvLen::Icv12),
            ("rfc4106(gcm(aes))", 128) => EncryptionAlgorithm::AesGcm(aes_len?, GcmIcvLen::Icv16),
            ("rfc4543(gcm(aes))", 128) => EncryptionAlgorithm::AesGmac(aes_len?),
            ("rfc7539esp(chacha20,poly1305)", 128) => EncryptionAlgorithm::ChaCha20Poly1305,
            ("rfc4106(gcm(aes))" | "rfc4543(gcm(aes))" | "rfc7539esp(chacha20,poly1305)", _) => {
                return Err(format!("aead {name}: ICV of {bits} bits not supported"));
            }
            _ => {
                return Err(format!(
                    "aead {name:?} not supported (rfc4106(gcm(aes)), rfc4543(gcm(aes)), rfc7539esp(chacha20,poly1305))"
                ));
            }
        };
        Ok(alg)
    }

    /// Takes the next word or fails naming what was expected.
    fn next<'a>(it: &mut impl Iterator<Item = &'a String>, what: &str) -> Result<&'a str, String> {
        it.next().map(String::as_str).ok_or(format!("{what} expected at the end of the line"))
    }

    /// An address or a prefix `A/LEN`.
    fn prefix(w: &str) -> Result<Prefix, String> {
        let (a, len) = w.split_once('/').map_or((w, None), |(a, l)| (a, Some(l)));
        let addr: IpAddr = a.parse().map_err(|_| format!("not an address: {a:?}"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let len = match len {
            Some(l) => l.parse::<u8>().ok().filter(|&l| l <= max).ok_or(format!("bad prefix length in {w:?}"))?,
            None => max,
        };
        Ok(Prefix { addr, len })
    }

    /// Parses the words of one `ip xfrm state add` (everything after `add`): `src`, `dst`,
    /// `proto esp|ah`, `spi`, `mode tunnel|transport` (iproute2's default is transport),
    /// `reqid`, `replay-window` (default 0, as iproute2), `replay-seq[-hi]`,
    /// `replay-oseq[-hi]`, `flag esn|noecn ...`, `enc`, `auth`, `auth-trunc`, `aead`,
    /// `encap espinudp SPORT DPORT [OADDR]` (the original address may be left out, although
    /// iproute2 requires it), `sel src PREFIX dst PREFIX`.
    ///
    /// # Errors
    /// A message naming the word that is wrong, missing or unsupported, or the SA parameter
    /// check of `esp-ah` that fails.
    pub fn parse_state(line: &str) -> Result<State, String> {
        let words = split_words(line)?;
        let mut it = words.iter();
        let (mut src, mut dst, mut proto, mut spi) = (None, None, None, None);
        let mut mode = EncapsulationMode::Transport;
        let (mut window, mut seq, mut seq_hi, mut oseq, mut oseq_hi, mut esn, mut noecn) =
            (0, 0, 0, 0, 0, false, false);
        let (mut enc, mut auth, mut aead, mut encap, mut sel, mut reqid) = (None, None, None, None, None, None);
        while let Some(w) = it.next() {
            match w.as_str() {
                "src" => src = Some(prefix(next(&mut it, "src address")?)?.addr),
                "dst" => dst = Some(prefix(next(&mut it, "dst address")?)?.addr),
                "proto" => {
                    proto = Some(match next(&mut it, "protocol")? {
                        "esp" => SecurityProtocol::Esp,
                        "ah" => SecurityProtocol::Ah,
                        other => return Err(format!("proto {other:?} not supported (esp, ah)")),
                    });
                }
                "spi" => spi = Some(u32::try_from(number(next(&mut it, "SPI")?)?).map_err(|_| "SPI too large")?),
                "mode" => {
                    mode = match next(&mut it, "mode")? {
                        "tunnel" => EncapsulationMode::Tunnel,
                        "transport" => EncapsulationMode::Transport,
                        other => return Err(format!("mode {other:?} not supported (tunnel, transport)")),
                    };
                }
                "reqid" => reqid = Some(number(next(&mut it, "reqid")?)?),
                "replay-window" => window = number(next(&mut it, "replay window")?)?,
                "replay-seq" => seq = number(next(&mut it, "sequence number")?)?,
                "replay-seq-hi" => seq_hi = number(next(&mut it, "sequence number")?)?,
                "replay-oseq" => oseq = number(next(&mut it, "sequence number")?)?,
                "replay-oseq-hi" => oseq_hi = number(next(&mut it, "sequence number")?)?,
                "flag" => match next(&mut it, "flag")? {
                    "esn" => esn = true,
                    "noecn" => noecn = true,
                    other => return Err(format!("flag {other:?} not supported (esn, noecn)")),
                },
                "enc" => {
                    let (name, key) = (next(&mut it, "algorithm")?, keymat(next(&mut it, "key")?)?);
                    enc = Some((name.to_owned(), enc_algorithm(name, &key)?, key));
                }
                "auth" | "auth-trunc" => {
                    let (name, key) = (next(&mut it, "algorithm")?, keymat(next(&mut it, "key")?)?);
                    let (alg, default_bits) = auth_algorithm(name)?;
                    let bits = if w == "auth" { u64::from(default_bits) } else { number(next(&mut it, "ICV bits")?)? };
                    if bits != alg.icv_len() as u64 * 8 {
                        return Err(format!(
                            "{w} {name}: a {bits}-bit ICV is not supported; {alg} uses {} bits (auth-trunc {name} KEY {})",
                            alg.icv_len() * 8,
                            alg.icv_len() * 8
                        ));
                    }
                    auth = Some((name.to_owned(), alg, key));
                }
                "aead" => {
                    let (name, key) = (next(&mut it, "algorithm")?, keymat(next(&mut it, "key")?)?);
                    let bits = number(next(&mut it, "ICV bits")?)?;
                    aead = Some((name.to_owned(), aead_algorithm(name, &key, bits)?, key, bits));
                }
                "encap" => {
                    let kind = next(&mut it, "encapsulation type")?;
                    if kind != "espinudp" {
                        return Err(format!("encap {kind:?} not supported (espinudp)"));
                    }
                    let port = |w: &str| -> Result<u16, String> {
                        u16::try_from(number(w)?).map_err(|_| format!("bad port {w:?}"))
                    };
                    let sport = port(next(&mut it, "source port")?)?;
                    let dport = port(next(&mut it, "destination port")?)?;
                    // The original address (NAT-OA) is optional here; only an address is
                    // taken as one.
                    let mut peek = it.clone();
                    if peek.next().is_some_and(|w| w.parse::<IpAddr>().is_ok()) {
                        it.next();
                    }
                    encap = Some(UdpEncap { local_port: sport, remote_port: dport });
                }
                "sel" => {
                    let (mut s, mut d) = (None, None);
                    for _ in 0..2 {
                        let mut peek = it.clone();
                        match peek.next().map(String::as_str) {
                            Some("src") => {
                                it.next();
                                s = Some(prefix(next(&mut it, "selector source")?)?);
                            }
                            Some("dst") => {
                                it.next();
                                d = Some(prefix(next(&mut it, "selector destination")?)?);
                            }
                            _ => break,
                        }
                    }
                    let any = |a: Option<IpAddr>| Prefix { addr: a.unwrap_or(IpAddr::from([0u8; 4])), len: 0 };
                    sel = Some((s.unwrap_or(any(None)), d.unwrap_or(any(None))));
                }
                other => return Err(format!("word {other:?} not supported here")),
            }
        }
        let src = src.ok_or("src missing")?;
        let dst = dst.ok_or("dst missing")?;
        let proto = proto.ok_or("proto missing")?;
        let spi = Spi(spi.ok_or("spi missing")?);
        let mut p = match proto {
            SecurityProtocol::Ah => {
                if enc.is_some() || aead.is_some() {
                    return Err("proto ah takes only auth or auth-trunc".into());
                }
                let (_, alg, key) = auth.clone().ok_or("proto ah needs auth or auth-trunc")?;
                SaParams::ah(spi, mode, src, dst, alg, SecretBytes::from_slice(&key))
            }
            _ => {
                let (alg, key) = match (&enc, &aead) {
                    (Some(_), Some(_)) => return Err("enc and aead exclude each other".into()),
                    (Some((_, alg, key)), None) => (*alg, key.clone()),
                    (None, Some((_, alg, key, _))) => (*alg, key.clone()),
                    (None, None) => (EncryptionAlgorithm::Null, Vec::new()),
                };
                let integrity = auth.as_ref().map(|(_, a, k)| (*a, SecretBytes::from_slice(k)));
                let mut p = SaParams::new(spi, mode, src, dst, alg, SecretBytes::from_slice(&key), integrity);
                // An `ip xfrm` state with enc and no auth is what the user asked for.
                p.allow_confidentiality_only = auth.is_none();
                p
            }
        };
        if window > u64::from(u32::MAX) {
            return Err("replay-window too large".into());
        }
        p = p.with_replay_window(window as u32).with_esn(esn).with_sequence_start((oseq_hi << 32) | oseq);
        if let Some(u) = encap {
            p = p.with_udp_encap(u);
        }
        if noecn {
            p.outer.ecn = EcnPolicy::Compatibility;
        }
        p.validate().map_err(|e| format!("SA refused: {e}"))?;
        let _ = DEFAULT_REPLAY_WINDOW;
        let mut c = format!(
            "src {src} dst {dst} proto {} spi 0x{:08x}",
            if proto == SecurityProtocol::Ah { "ah" } else { "esp" },
            spi.0
        );
        if let Some(r) = reqid {
            c += &format!(" reqid {r}");
        }
        c += if mode == EncapsulationMode::Tunnel { " mode tunnel" } else { " mode transport" };
        if window != 0 {
            c += &format!(" replay-window {window}");
        }
        for (word, v) in
            [("replay-seq", seq), ("replay-seq-hi", seq_hi), ("replay-oseq", oseq), ("replay-oseq-hi", oseq_hi)]
        {
            if v != 0 {
                c += &format!(" {word} 0x{v:x}");
            }
        }
        for (flag, on) in [("esn", esn), ("noecn", noecn)] {
            if on {
                c += &format!(" flag {flag}");
            }
        }
        let hex = |k: &[u8]| -> String { k.iter().map(|b| format!("{b:02x}")).collect() };
        if let Some((name, _, key)) = &enc {
            c += &format!(" enc '{name}' 0x{}", hex(key));
        }
        if let Some((name, alg, key)) = &auth {
            c += &format!(" auth-trunc '{name}' 0x{} {}", hex(key), alg.icv_len() * 8);
        }
        if let Some((name, _, key, bits)) = &aead {
            c += &format!(" aead '{name}' 0x{} {bits}", hex(key));
        }
        if let Some(u) = encap {
            c += &format!(" encap espinudp {} {} 0.0.0.0", u.local_port, u.remote_port);
        }
        if let Some((s, d)) = sel {
            c += &format!(" sel src {}/{} dst {}/{}", s.addr, s.len, d.addr, d.len);
        }
        Ok(State { params: p, inbound_start: (seq_hi << 32) | seq, selector: sel, canonical: c })
    }
}

/// The source, destination and protocol of an IP packet (IPv6: the first next header).
#[must_use]
pub fn addresses(p: &[u8]) -> Option<(IpAddr, IpAddr, u8)> {
    match p.first()? >> 4 {
        4 => {
            let s: [u8; 4] = p.get(12..16)?.try_into().ok()?;
            let d: [u8; 4] = p.get(16..20)?.try_into().ok()?;
            Some((IpAddr::from(s), IpAddr::from(d), *p.get(9)?))
        }
        6 => {
            let s: [u8; 16] = p.get(8..24)?.try_into().ok()?;
            let d: [u8; 16] = p.get(24..40)?.try_into().ok()?;
            Some((IpAddr::from(s), IpAddr::from(d), *p.get(6)?))
        }
        _ => None,
    }
}

/// A one-line description of an IP packet: addresses, protocol (with the SPI and sequence
/// number of ESP and AH, and ESP in UDP 4500), length.
#[must_use]
pub fn describe(p: &[u8]) -> String {
    let Some((s, d, proto)) = addresses(p) else { return format!("not IP, {} B", p.len()) };
    let hl = if s.is_ipv4() { usize::from(p.first().map_or(5, |b| b & 15)) * 4 } else { 40 };
    let word = |at: usize| p.get(at..at + 4).and_then(|w| w.try_into().ok()).map(u32::from_be_bytes);
    let what = match proto {
        50 => format!("ESP spi 0x{:08x} seq {}", word(hl).unwrap_or(0), word(hl + 4).unwrap_or(0)),
        51 => format!("AH spi 0x{:08x} seq {}", word(hl + 4).unwrap_or(0), word(hl + 8).unwrap_or(0)),
        17 if word(hl).map(|w| w as u16) == Some(4500) && word(hl + 8).is_some_and(|w| w != 0) => {
            format!("UDP-ESP spi 0x{:08x} seq {}", word(hl + 8).unwrap_or(0), word(hl + 12).unwrap_or(0))
        }
        6 => "TCP".to_owned(),
        17 => "UDP".to_owned(),
        1 | 58 => "ICMP".to_owned(),
        other => format!("proto {other}"),
    };
    format!("{s} > {d} {what}, {} B", p.len())
}

/// Encrypt or decrypt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Plain packets in, ESP/AH out.
    Encrypt,
    /// ESP/AH in, plain packets out.
    Decrypt,
}

/// What protects outbound packets: one SA, or an AH + ESP bundle.
#[derive(Debug)]
enum Protector {
    /// One ESP or AH SA.
    Single(Box<OutboundSa>),
    /// ESP then AH (transport adjacency).
    Bundle(Box<OutboundBundle>),
}

/// The result of one packet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The one-line summary.
    pub line: String,
    /// The packet to write, if any.
    pub output: Option<Vec<u8>>,
}

/// The per-packet engine of one run.
#[derive(Debug)]
pub struct Processor {
    /// Encrypt or decrypt.
    direction: Direction,
    /// The SAs, as given.
    states: Vec<xfrm::State>,
    /// Outbound protectors with the index of the state whose selector chooses them.
    outbound: Vec<(usize, Protector)>,
    /// Inbound SAs.
    sad: Sad,
    /// Failures by kind.
    failures: BTreeMap<String, u64>,
    /// Packets in, processed, passed in clear, skipped.
    counts: [u64; 4],
}

impl Processor {
    /// Builds the SAs of `states` for `direction` (created at [`Instant::ZERO`], never expiring).
    ///
    /// # Errors
    /// A message when an SA cannot be created or two SAs collide.
    pub fn new(states: Vec<xfrm::State>, direction: Direction) -> Result<Self, String> {
        let provider = CryptoProvider::rustcrypto();
        let mut rng = rand_core::UnwrapErr(getrandom::SysRng);
        let mut outbound = Vec::new();
        let mut sad = Sad::new();
        let mut used = vec![false; states.len()];
        for (i, st) in states.iter().enumerate() {
            match direction {
                Direction::Decrypt => {
                    let sa = InboundSa::new(&st.inbound(), provider, Instant::ZERO)
                        .map_err(|e| format!("SA {}: {e}", i + 1))?;
                    if sad.insert(sa).1.is_some() {
                        return Err(format!("SA {}: the same SPI, protocol and destination twice", i + 1));
                    }
                }
                Direction::Encrypt if used.get(i).copied().unwrap_or(true) => {}
                Direction::Encrypt => {
                    let new = |p: &SaParams, rng: &mut dyn CryptoRng| {
                        OutboundSa::new(p, provider, rng, Instant::ZERO).map_err(|e| format!("SA {}: {e}", i + 1))
                    };
                    let sa = new(&st.outbound(), &mut rng)?;
                    // An ESP SA with an AH SA between the same addresses in the same mode is a
                    // bundle (Cisco `ah-... esp-...` transform sets).
                    let partner = states.iter().enumerate().find(|(j, o)| {
                        *j != i
                            && !used.get(*j).copied().unwrap_or(true)
                            && st.params.protocol == SecurityProtocol::Esp
                            && o.params.protocol == SecurityProtocol::Ah
                            && (o.params.local, o.params.remote, o.params.mode)
                                == (st.params.local, st.params.remote, st.params.mode)
                    });
                    let protector = match partner {
                        Some((j, o)) => {
                            if let Some(u) = used.get_mut(j) {
                                *u = true;
                            }
                            let ah = new(&o.outbound(), &mut rng)?;
                            Protector::Bundle(Box::new(OutboundBundle::new(sa, ah).map_err(|e| e.to_string())?))
                        }
                        None => Protector::Single(Box::new(sa)),
                    };
                    outbound.push((i, protector));
                }
            }
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
        }
        Ok(Self { direction, states, outbound, sad, failures: BTreeMap::new(), counts: [0; 4] })
    }

    /// Processes one IP packet captured at `now`.
    pub fn process(&mut self, now: Instant, packet: &[u8]) -> Outcome {
        self.counts[0] += 1;
        match self.direction {
            Direction::Encrypt => self.encrypt(now, packet),
            Direction::Decrypt => self.decrypt(now, packet),
        }
    }

    /// Records a frame that holds no IP packet.
    pub fn skip(&mut self, len: usize) -> Outcome {
        self.counts[0] += 1;
        self.counts[3] += 1;
        Outcome { line: format!("not an IP packet ({len} B), skipped"), output: None }
    }

    /// A failure of kind `e`.
    fn fail(&mut self, before: &str, e: &esp_ah::Error) -> Outcome {
        let kind = match e {
            esp_ah::Error::Replayed(_) => "replayed".to_owned(),
            esp_ah::Error::TooOld(_) => "older than the replay window".to_owned(),
            esp_ah::Error::UnknownSpi(_) => "unknown SPI".to_owned(),
            esp_ah::Error::SpiMismatch(_) => "SPI mismatch".to_owned(),
            other => other.to_string(),
        };
        *self.failures.entry(kind).or_default() += 1;
        Outcome { line: format!("{before}: FAILED: {e}"), output: None }
    }

    /// Encrypts with the first SA whose addresses or selector match.
    fn encrypt(&mut self, now: Instant, packet: &[u8]) -> Outcome {
        let before = describe(packet);
        let Some((src, dst, _)) = addresses(packet) else { return self.skip(packet.len()) };
        let states = &self.states;
        let found = self.outbound.iter_mut().find(|(i, _)| states.get(*i).is_some_and(|s| s.matches(src, dst)));
        let Some((_, protector)) = found else {
            self.counts[2] += 1;
            return Outcome { line: format!("{before}: clear (no SA)"), output: Some(packet.to_vec()) };
        };
        let (head, tail) = match protector {
            Protector::Single(sa) => (sa.headroom(Framing::Ip), sa.tailroom()),
            Protector::Bundle(b) => (b.headroom(), b.tailroom()),
        };
        let mut buf = vec![0u8; head + packet.len() + tail];
        if let Some(b) = buf.get_mut(head..head + packet.len()) {
            b.copy_from_slice(packet);
        }
        let range = head..head + packet.len();
        let r = match protector {
            Protector::Single(sa) => sa.encapsulate(now, &mut buf, range, Framing::Ip),
            Protector::Bundle(b) => b.encapsulate(now, &mut buf, range),
        };
        match r {
            Ok(r) => {
                self.counts[1] += 1;
                let out = buf.get(r).unwrap_or_default().to_vec();
                Outcome { line: format!("{before} -> {}", describe(&out)), output: Some(out) }
            }
            Err(e) => self.fail(&before, &e),
        }
    }

    /// Decrypts ESP and AH (AH over ESP in two steps); passes other packets through.
    fn decrypt(&mut self, now: Instant, packet: &[u8]) -> Outcome {
        let before = describe(packet);
        let ipsec = before.contains(" ESP spi ") || before.contains(" AH spi ") || before.contains(" UDP-ESP spi ");
        if !ipsec {
            self.counts[2] += 1;
            return Outcome { line: format!("{before}: not IPsec, passed through"), output: Some(packet.to_vec()) };
        }
        let mut buf = packet.to_vec();
        // Spare room for AES-GMAC AH with ESN, whose AAD ends 4 bytes past the packet.
        buf.extend_from_slice(&[0; 4]);
        let mut range = 0..packet.len();
        let mut steps = Vec::new();
        for _ in 0..4 {
            match self.sad.decapsulate_packet(now, &mut buf, range.clone()) {
                Ok((key, d)) => {
                    let proto = if key.protocol == SecurityProtocol::Ah { "AH" } else { "ESP" };
                    steps.push(format!("{proto} spi 0x{:08x} seq {} ok", key.spi.0, d.sequence));
                    range = d.payload;
                    if d.tfc_dummy {
                        self.counts[1] += 1;
                        return Outcome {
                            line: format!("{before}: {}, TFC dummy dropped", steps.join(", ")),
                            output: None,
                        };
                    }
                    if !matches!(d.next_header, 50 | 51) {
                        break;
                    }
                }
                Err(e) => {
                    return self
                        .fail(&format!("{before}{}", steps.iter().map(|s| format!(": {s}")).collect::<String>()), &e);
                }
            }
        }
        self.counts[1] += 1;
        let out = buf.get(range).unwrap_or_default().to_vec();
        Outcome { line: format!("{before}: {} -> {}", steps.join(", "), describe(&out)), output: Some(out) }
    }

    /// Packets that failed.
    #[must_use]
    pub fn failed(&self) -> u64 {
        self.failures.values().sum()
    }

    /// The closing report: packet totals, failures by kind, and the counters of every SA as
    /// `show crypto ipsec sa` prints them.
    #[must_use]
    pub fn report(&self) -> String {
        let mut s = String::new();
        let [total, done, clear, skipped] = self.counts;
        let failed = self.failed();
        let verb = if self.direction == Direction::Encrypt { "encrypted" } else { "decrypted" };
        let _ = writeln!(s, "{total} packets: {done} {verb}, {failed} failed, {clear} clear, {skipped} not IP");
        if !self.failures.is_empty() {
            let _ = writeln!(s, "failures by kind:");
            for (kind, n) in &self.failures {
                let _ = writeln!(s, "  {n:>6}  {kind}");
            }
        }
        match self.direction {
            Direction::Decrypt => {
                for (k, sa) in self.sad.iter() {
                    let _ = writeln!(
                        s,
                        "inbound SA {} spi 0x{:08x} to {}:",
                        proto_name(k.protocol),
                        k.spi.0,
                        k.destination
                    );
                    let _ = write!(s, "{}", sa.stats());
                }
                let _ = write!(s, "{}", self.sad.stats());
            }
            Direction::Encrypt => {
                for (_, p) in &self.outbound {
                    let sas: Vec<&OutboundSa> = match p {
                        Protector::Single(sa) => vec![&**sa],
                        Protector::Bundle(b) => vec![b.esp(), b.ah()],
                    };
                    for sa in sas {
                        let _ = writeln!(
                            s,
                            "outbound SA {} spi 0x{:08x} to {}:",
                            proto_name(sa.protocol()),
                            sa.spi().0,
                            sa.remote()
                        );
                        let _ = write!(s, "{}", sa.stats());
                    }
                }
            }
        }
        s
    }
}

/// `esp` or `ah`.
fn proto_name(p: SecurityProtocol) -> &'static str {
    if p == SecurityProtocol::Ah { "ah" } else { "esp" }
}
