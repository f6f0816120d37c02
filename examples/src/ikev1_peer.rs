//! Glue for the `ikev1-peer` binary: the `ikev1` engine on real UDP sockets (ports 500 and
//! 4500) with the system clock mapped to [`ipsec_core::Instant`], and an `esp-ah` data path
//! that sends ICMP echo requests through the negotiated SA pair (ESP in UDP, RFC 3948) and
//! decrypts the replies. Everything protocol-related lives in the library crates.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration as StdDuration;

use esp_ah::{Framing, InboundSa, OutboundSa, SaParams, UdpEncap};
use ikev1::keylog::{KeyLog, KeyLogTable};
use ikev1::policy::{Phase1Mode, ProxyPair, SimplePolicy, TransformSet};
use ikev1::transform::Phase1Transform;
use ikev1::{ChildSa, Config, Engine, Event, MAX_DATAGRAM_LEN};
use ipsec_core::algorithm::{AesKeyLen, DhGroup, EncryptionAlgorithm, GcmIcvLen, IntegrityAlgorithm, PrfAlgorithm};
use ipsec_core::crypto::CryptoRng;
use ipsec_core::registry::ikev1::AuthenticationMethod;
use ipsec_core::types::{Lifetime, LifetimeLimits, TrafficSelector};
use ipsec_core::{CryptoProvider, Duration, Instant};

/// Maps `std::time::Instant` to the Sans-IO clock: nanoseconds since the peer started.
#[derive(Clone, Copy, Debug)]
pub struct Clock(std::time::Instant);

impl Clock {
    /// A clock starting now.
    #[must_use]
    pub fn start() -> Self {
        Self(std::time::Instant::now())
    }

    /// The current instant.
    #[must_use]
    pub fn now(&self) -> Instant {
        Instant::from_nanos(u64::try_from(self.0.elapsed().as_nanos()).unwrap_or(u64::MAX))
    }

    /// Milliseconds since start.
    #[must_use]
    pub fn elapsed_ms(&self) -> u128 {
        self.0.elapsed().as_millis()
    }
}

/// `aes128-sha1-modp1024`, `3des-md5-modp1024`, `aes256-sha256-modp2048`: an ISAKMP policy
/// with pre-shared keys and a lifetime of `lifetime` seconds.
///
/// # Errors
/// A message naming the part that is not understood.
pub fn parse_ike(s: &str, lifetime: u64) -> Result<Phase1Transform, String> {
    let parts: Vec<&str> = s.split('-').collect();
    let [enc, hash, group] = parts.as_slice() else { return Err(format!("IKE proposal {s}: want ENC-HASH-GROUP")) };
    let encryption = match *enc {
        "des" => EncryptionAlgorithm::DesCbc,
        "3des" => EncryptionAlgorithm::TripleDesCbc,
        "aes128" | "aes" => EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128),
        "aes192" => EncryptionAlgorithm::AesCbc(AesKeyLen::Aes192),
        "aes256" => EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256),
        other => return Err(format!("IKE cipher {other}")),
    };
    let prf = match *hash {
        "md5" => PrfAlgorithm::HmacMd5,
        "sha1" | "sha" => PrfAlgorithm::HmacSha1,
        "sha256" => PrfAlgorithm::HmacSha2_256,
        "sha384" => PrfAlgorithm::HmacSha2_384,
        "sha512" => PrfAlgorithm::HmacSha2_512,
        other => return Err(format!("IKE hash {other}")),
    };
    let group = parse_group(group)?.ok_or_else(|| format!("IKE group {group}"))?;
    Ok(Phase1Transform {
        encryption,
        prf,
        authentication: AuthenticationMethod::PreSharedKey,
        group,
        lifetime: Lifetime { seconds: Some(lifetime), kilobytes: None, packets: None },
    })
}

/// `aes128-sha1`, `3des-md5`, `aes256-sha256`, `aes128gcm16`: an ESP transform set.
///
/// # Errors
/// A message naming the part that is not understood.
pub fn parse_esp(s: &str) -> Result<TransformSet, String> {
    let (enc, integ) = s.split_once('-').map_or((s, None), |(e, i)| (e, Some(i)));
    let encryption = match enc {
        "null" => EncryptionAlgorithm::Null,
        "des" => EncryptionAlgorithm::DesCbc,
        "3des" => EncryptionAlgorithm::TripleDesCbc,
        "aes128" | "aes" => EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128),
        "aes192" => EncryptionAlgorithm::AesCbc(AesKeyLen::Aes192),
        "aes256" => EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256),
        "aes128gcm16" => EncryptionAlgorithm::AesGcm(AesKeyLen::Aes128, GcmIcvLen::Icv16),
        "aes256gcm16" => EncryptionAlgorithm::AesGcm(AesKeyLen::Aes256, GcmIcvLen::Icv16),
        other => return Err(format!("ESP cipher {other}")),
    };
    let integrity = match integ {
        None => None,
        Some("md5") => Some(IntegrityAlgorithm::HmacMd5_96),
        Some("sha1" | "sha") => Some(IntegrityAlgorithm::HmacSha1_96),
        Some("sha256") => Some(IntegrityAlgorithm::HmacSha2_256_128),
        Some("sha384") => Some(IntegrityAlgorithm::HmacSha2_384_192),
        Some("sha512") => Some(IntegrityAlgorithm::HmacSha2_512_256),
        Some(other) => return Err(format!("ESP integrity {other}")),
    };
    Ok(TransformSet { encryption, integrity })
}

/// `modp1024`, `modp2048`, `ecp256`, ... or `none`.
///
/// # Errors
/// An unknown group name.
pub fn parse_group(s: &str) -> Result<Option<DhGroup>, String> {
    Ok(Some(match s {
        "none" | "" => return Ok(None),
        "modp768" => DhGroup::Modp768,
        "modp1024" => DhGroup::Modp1024,
        "modp1536" => DhGroup::Modp1536,
        "modp2048" => DhGroup::Modp2048,
        "modp3072" => DhGroup::Modp3072,
        "ecp256" => DhGroup::Ecp256,
        "ecp384" => DhGroup::Ecp384,
        "curve25519" | "x25519" => DhGroup::Curve25519,
        other => return Err(format!("DH group {other}")),
    }))
}

/// `10.1.0.0/24` or a host address.
///
/// # Errors
/// An unparsable address or prefix.
pub fn parse_selector(s: &str) -> Result<TrafficSelector, String> {
    let (addr, len) = s.split_once('/').map_or((s, None), |(a, l)| (a, Some(l)));
    let addr: IpAddr = addr.parse().map_err(|e| format!("{s}: {e}"))?;
    match len {
        None => Ok(TrafficSelector::host(addr)),
        Some(l) => {
            let l: u8 = l.parse().map_err(|e| format!("{s}: {e}"))?;
            TrafficSelector::prefix(addr, l).ok_or_else(|| format!("{s}: bad prefix"))
        }
    }
}

/// Everything the peer needs to know.
#[derive(Clone, Debug)]
pub struct PeerOptions {
    /// Our outside address (UDP 500 and 4500 are bound on it).
    pub local: IpAddr,
    /// The peer's outside address.
    pub peer: IpAddr,
    /// Initiate (else only respond).
    pub initiate: bool,
    /// Main or Aggressive Mode as initiator.
    pub mode: Phase1Mode,
    /// ISAKMP policies.
    pub ike: Vec<Phase1Transform>,
    /// ESP transform sets.
    pub esp: Vec<TransformSet>,
    /// PFS group.
    pub pfs: Option<DhGroup>,
    /// Pre-shared key.
    pub psk: Vec<u8>,
    /// IPsec SA lifetime in seconds.
    pub child_lifetime: u64,
    /// Our protected side.
    pub local_ts: TrafficSelector,
    /// The peer's protected side.
    pub remote_ts: TrafficSelector,
    /// Source and destination of the ICMP echo requests sent through the tunnel.
    pub ping: Option<(Ipv4Addr, Ipv4Addr)>,
    /// Echo requests to send.
    pub pings: u16,
    /// First retransmission timeout of IKE.
    pub retransmit: Duration,
    /// Delay of Quick Mode after Aggressive Mode as initiator.
    pub aggressive_delay: Duration,
    /// Fake a NAT so that ESP is UDP-encapsulated even without one.
    pub force_encapsulation: bool,
    /// Directory for Wireshark key tables (`ikev1_decryption_table`, `esp_sa`).
    pub keylog: Option<PathBuf>,
    /// Stop after this long.
    pub max_time: StdDuration,
    /// Stop right after the result line.
    pub exit_after_result: bool,
    /// DPD idle interval (RFC 3706), `None` for the engine default.
    pub dpd: Option<Duration>,
    /// Run this long after the result, then delete everything (Deletes to the peer) and stop.
    pub clear_after: Option<StdDuration>,
}

/// Appends key-log lines to Wireshark table files in a directory.
#[derive(Debug)]
pub struct FileKeyLog(pub PathBuf);

impl KeyLog for FileKeyLog {
    fn log(&mut self, table: KeyLogTable, line: &str) {
        let name = match table {
            KeyLogTable::Ikev1DecryptionTable => "ikev1_decryption_table",
            KeyLogTable::EspSa => "esp_sa",
        };
        let path = self.0.join(name);
        if let Ok(mut f) = OpenOptions::new().create(true).append(true).open(path) {
            let _ = writeln!(f, "{line}");
        }
    }
}

/// A datagram from one of the sockets.
#[derive(Debug)]
struct Received {
    local: SocketAddr,
    remote: SocketAddr,
    data: Vec<u8>,
}

/// The two UDP sockets of IKE (500) and NAT-T (4500), read by one thread each.
#[derive(Debug)]
pub struct Sockets {
    ike: UdpSocket,
    natt: UdpSocket,
    rx: Receiver<Received>,
}

impl Sockets {
    /// Binds `local`:500 and `local`:`nat_port`.
    ///
    /// # Errors
    /// Socket errors (port in use, not root).
    pub fn bind(local: IpAddr, nat_port: u16) -> io::Result<Self> {
        let ike = UdpSocket::bind(SocketAddr::new(local, 500))?;
        let natt = UdpSocket::bind(SocketAddr::new(local, nat_port))?;
        let (tx, rx) = mpsc::channel();
        for socket in [ike.try_clone()?, natt.try_clone()?] {
            let tx = tx.clone();
            let local = socket.local_addr()?;
            std::thread::spawn(move || {
                let mut buf = vec![0u8; 65_536];
                while let Ok((n, remote)) = socket.recv_from(&mut buf) {
                    let data = buf.get(..n).map(<[u8]>::to_vec).unwrap_or_default();
                    if tx.send(Received { local, remote, data }).is_err() {
                        break;
                    }
                }
            });
        }
        Ok(Self { ike, natt, rx })
    }

    fn socket(&self, local: SocketAddr) -> &UdpSocket {
        if local.port() == 500 { &self.ike } else { &self.natt }
    }
}

/// Builds an IPv4 ICMP echo request (RFC 792) with `payload`.
#[must_use]
pub fn icmp_echo_request(src: Ipv4Addr, dst: Ipv4Addr, id: u16, seq: u16, payload: &[u8]) -> Vec<u8> {
    let total = 20 + 8 + payload.len();
    let mut p = Vec::with_capacity(total);
    p.extend_from_slice(&[0x45, 0]);
    p.extend_from_slice(&u16::try_from(total).unwrap_or(u16::MAX).to_be_bytes());
    p.extend_from_slice(&seq.to_be_bytes()); // identification
    p.extend_from_slice(&[0x40, 0, 64, 1, 0, 0]); // DF, TTL 64, ICMP, checksum
    p.extend_from_slice(&src.octets());
    p.extend_from_slice(&dst.octets());
    let sum = checksum(p.get(..20).unwrap_or_default());
    if let Some(c) = p.get_mut(10..12) {
        c.copy_from_slice(&sum.to_be_bytes());
    }
    p.extend_from_slice(&[8, 0, 0, 0]);
    p.extend_from_slice(&id.to_be_bytes());
    p.extend_from_slice(&seq.to_be_bytes());
    p.extend_from_slice(payload);
    let sum = checksum(p.get(20..).unwrap_or_default());
    if let Some(c) = p.get_mut(22..24) {
        c.copy_from_slice(&sum.to_be_bytes());
    }
    p
}

/// The Internet checksum (RFC 1071).
#[must_use]
pub fn checksum(data: &[u8]) -> u16 {
    let mut sum: u32 = data
        .chunks(2)
        .map(|c| u32::from(u16::from_be_bytes([c.first().copied().unwrap_or(0), c.get(1).copied().unwrap_or(0)])))
        .sum();
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !u16::try_from(sum).unwrap_or(0)
}

/// Source, destination, identifier and sequence number of an IPv4 ICMP echo reply.
#[must_use]
pub fn parse_echo_reply(packet: &[u8]) -> Option<(Ipv4Addr, Ipv4Addr, u16, u16)> {
    let ihl = usize::from(packet.first()? & 0x0f) * 4;
    if packet.first()? >> 4 != 4 || *packet.get(9)? != 1 {
        return None;
    }
    let src = Ipv4Addr::new(*packet.get(12)?, *packet.get(13)?, *packet.get(14)?, *packet.get(15)?);
    let dst = Ipv4Addr::new(*packet.get(16)?, *packet.get(17)?, *packet.get(18)?, *packet.get(19)?);
    let icmp = packet.get(ihl..)?;
    if *icmp.first()? != 0 {
        return None;
    }
    let id = u16::from_be_bytes([*icmp.get(4)?, *icmp.get(5)?]);
    let seq = u16::from_be_bytes([*icmp.get(6)?, *icmp.get(7)?]);
    Some((src, dst, id, seq))
}

/// The data path of one negotiated SA pair, built straight from the engine's [`ChildSa`].
pub struct EspTunnel {
    out: OutboundSa,
    inb: InboundSa,
    remote: SocketAddr,
    local: SocketAddr,
}

impl std::fmt::Debug for EspTunnel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EspTunnel").field("local", &self.local).field("remote", &self.remote).finish_non_exhaustive()
    }
}

/// `esp-ah` parameters of one direction of a [`ChildSa`].
#[must_use]
pub fn sa_params(child: &ChildSa, inbound: bool) -> SaParams {
    let keys = if inbound { &child.inbound } else { &child.outbound };
    let integrity = child.integrity.map(|i| (i, keys.integrity_key.clone()));
    let mut params = SaParams::new(
        keys.spi,
        child.mode,
        child.local.ip(),
        child.remote.ip(),
        child.encryption,
        keys.encryption_key.clone(),
        integrity,
    )
    .with_lifetime(LifetimeLimits::ios(child.lifetime));
    if let Some(udp) = child.udp_encapsulation {
        params = params.with_udp_encap(UdpEncap { local_port: udp.local, remote_port: udp.remote });
    }
    params
}

impl EspTunnel {
    /// Both SAs of `child`.
    ///
    /// # Errors
    /// The SA parameters are refused by `esp-ah`.
    pub fn new(
        child: &ChildSa,
        provider: &'static CryptoProvider,
        rng: &mut dyn CryptoRng,
        now: Instant,
    ) -> Result<Self, esp_ah::ConfigError> {
        let out = OutboundSa::new(&sa_params(child, false), provider, rng, now)?;
        let inb = InboundSa::new(&sa_params(child, true), provider, now)?;
        let port = child.udp_encapsulation.map_or(4500, |u| u.remote);
        let local_port = child.udp_encapsulation.map_or(4500, |u| u.local);
        Ok(Self {
            out,
            inb,
            remote: SocketAddr::new(child.remote.ip(), port),
            local: SocketAddr::new(child.local.ip(), local_port),
        })
    }

    /// Encapsulates an inner packet: the UDP payload (SPI to ICV) to send to the peer.
    ///
    /// # Errors
    /// An `esp-ah` error.
    pub fn encapsulate(&mut self, now: Instant, inner: &[u8]) -> Result<Vec<u8>, esp_ah::Error> {
        let head = self.out.headroom(Framing::Esp);
        let mut buf = vec![0u8; head + inner.len() + self.out.tailroom()];
        buf.get_mut(head..head + inner.len()).ok_or(esp_ah::Error::InvalidRange)?.copy_from_slice(inner);
        let r = self.out.encapsulate(now, &mut buf, head..head + inner.len(), Framing::Esp)?;
        Ok(buf.get(r).map(<[u8]>::to_vec).unwrap_or_default())
    }

    /// Decapsulates a received ESP packet (the UDP payload): the inner packet.
    ///
    /// # Errors
    /// An `esp-ah` error (wrong SPI, ICV, replay).
    pub fn decapsulate(&mut self, now: Instant, esp: &[u8]) -> Result<Vec<u8>, esp_ah::Error> {
        let mut buf = esp.to_vec();
        let d = self.inb.decapsulate(now, &mut buf, 0..esp.len())?;
        Ok(buf.get(d.payload).map(<[u8]>::to_vec).unwrap_or_default())
    }

    /// Where ESP goes: our socket address and the peer's.
    #[must_use]
    pub fn endpoints(&self) -> (SocketAddr, SocketAddr) {
        (self.local, self.remote)
    }
}

/// The outcome of a run.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Milliseconds from start (initiator) or from the first IKE datagram (responder) to the
    /// first `ChildSaReady`.
    pub child_up_ms: Option<u128>,
    /// Echo replies decrypted.
    pub replies: u16,
    /// Echo requests sent (first transmissions).
    pub requests: u16,
}

fn log_event(clock: &Clock, e: &Event) {
    let t = clock.elapsed_ms();
    match e {
        Event::Phase1Up(i) => println!(
            "[{t:>6} ms] phase 1 up: {:?} {} {} -> {}, {:?}/{:?}/{:?}, nat local={} peer={}",
            i.mode,
            i.role,
            i.local,
            i.remote,
            i.transform.encryption,
            i.transform.prf,
            i.transform.group,
            i.nat.local_behind_nat,
            i.nat.peer_behind_nat
        ),
        Event::ChildSaReady(c) => println!(
            "[{t:>6} ms] child SA up: {} in {} out {} {:?}/{:?} {} === {} mode {:?} udp {:?} pfs {:?} lifetime {:?}",
            c.role,
            c.inbound.spi,
            c.outbound.spi,
            c.encryption,
            c.integrity,
            c.local_ts,
            c.remote_ts,
            c.mode,
            c.udp_encapsulation,
            c.pfs_group,
            c.lifetime.seconds
        ),
        other => println!("[{t:>6} ms] {other:?}"),
    }
}

/// Runs the peer until [`PeerOptions::max_time`] (or the result, with
/// [`PeerOptions::exit_after_result`]) and prints one line per event and a final
/// `RESULT ...` line.
///
/// # Errors
/// Socket or setup errors.
pub fn run(options: &PeerOptions) -> Result<Report, String> {
    let provider = CryptoProvider::rustcrypto();
    let clock = Clock::start();
    let mut rng = rand_core::UnwrapErr(getrandom::SysRng);
    let mut policy = SimplePolicy::new(
        options.ike.first().copied().ok_or("no IKE proposal")?,
        options.esp.first().copied().ok_or("no ESP proposal")?,
        &options.psk,
    );
    policy.mode = options.mode;
    policy.phase1.clone_from(&options.ike);
    policy.transform_sets.clone_from(&options.esp);
    policy.pfs = options.pfs;
    policy.lifetime = Lifetime { seconds: Some(options.child_lifetime), kilobytes: None, packets: None };
    let mut config = Config::default();
    config.retransmit.timeout = options.retransmit;
    config.aggressive_quick_mode_delay = options.aggressive_delay;
    config.nat_t.force_encapsulation = options.force_encapsulation;
    if let Some(interval) = options.dpd {
        config.dpd = Some(ikev1::config::DpdConfig { interval, retry_interval: interval, retries: 5 });
    }
    let nat_port = config.nat_t.port;
    let mut engine = Engine::new(config, policy, rand_core::UnwrapErr(getrandom::SysRng), provider);
    if let Some(dir) = &options.keylog {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        engine.set_key_log(Some(Box::new(FileKeyLog(dir.clone()))));
    }
    let sockets = Sockets::bind(options.local, nat_port).map_err(|e| format!("bind {}: {e}", options.local))?;
    println!("listening on {}:500 and {}:{nat_port}", options.local, options.local);
    let local = SocketAddr::new(options.local, 500);
    let proxies = ProxyPair { local: options.local_ts, remote: options.remote_ts };
    if options.initiate {
        let request = engine
            .initiate(clock.now(), local, SocketAddr::new(options.peer, 500), proxies)
            .map_err(|e| format!("initiate: {e}"))?;
        println!("[{:>6} ms] initiating {request:?} to {}", clock.elapsed_ms(), options.peer);
    }
    let mut report = Report::default();
    let mut first_ike_ms: Option<u128> = None;
    let mut tunnel: Option<EspTunnel> = None;
    let mut next_ping: Option<std::time::Instant> = None;
    let mut result_printed = false;
    let mut clear_at: Option<std::time::Instant> = None;
    let mut buf = vec![0u8; MAX_DATAGRAM_LEN];
    let deadline = std::time::Instant::now() + options.max_time;
    loop {
        let now = clock.now();
        while let Some(t) = engine.poll_transmit(now, &mut buf) {
            let data = buf.get(..t.len).unwrap_or_default();
            if let Err(e) = sockets.socket(t.local).send_to(data, t.remote) {
                println!("send to {}: {e}", t.remote);
            }
        }
        while let Some(e) = engine.poll_event() {
            log_event(&clock, &e);
            if let Event::ChildSaReady(child) = &e
                && tunnel.is_none()
            {
                let since = if options.initiate { 0 } else { first_ike_ms.unwrap_or(0) };
                report.child_up_ms = Some(clock.elapsed_ms().saturating_sub(since));
                match EspTunnel::new(child, provider, &mut rng, now) {
                    Ok(t) => tunnel = Some(t),
                    Err(err) => println!("esp-ah refused the SA: {err}"),
                }
                // Give the peer a moment to install its SAs before the first packet.
                next_ping = Some(std::time::Instant::now() + StdDuration::from_millis(150));
            }
        }
        let done = report.child_up_ms.is_some() && report.replies >= options.pings.max(1);
        if (done || (options.ping.is_none() && report.child_up_ms.is_some())) && !result_printed {
            result_printed = true;
            println!(
                "RESULT ok child_up_ms={} echo={}/{}",
                report.child_up_ms.unwrap_or(0),
                report.replies,
                report.requests
            );
            if let Some(after) = options.clear_after {
                clear_at = Some(std::time::Instant::now() + after);
            } else if options.exit_after_result {
                return Ok(report);
            }
        }
        if clear_at.is_some_and(|t| std::time::Instant::now() >= t) {
            engine.clear(clock.now());
            let now = clock.now();
            while let Some(t) = engine.poll_transmit(now, &mut buf) {
                let _ = sockets.socket(t.local).send_to(buf.get(..t.len).unwrap_or_default(), t.remote);
            }
            while let Some(e) = engine.poll_event() {
                log_event(&clock, &e);
            }
            let s = engine.stats();
            println!(
                "CLEARED dpd_sent={} received={} sent={} retransmitted={} dropped={}",
                s.dpd_sent, s.received, s.sent, s.retransmitted, s.dropped
            );
            return Ok(report);
        }
        if std::time::Instant::now() >= deadline {
            if !result_printed {
                println!(
                    "RESULT fail child_up_ms={} echo={}/{}",
                    report.child_up_ms.map_or_else(|| "-".to_owned(), |v| v.to_string()),
                    report.replies,
                    report.requests
                );
            }
            return Ok(report);
        }
        // Echo requests through the tunnel, resent until enough replies arrived.
        if let (Some(t), Some(at), Some((src, dst))) = (tunnel.as_mut(), next_ping, options.ping)
            && std::time::Instant::now() >= at
            && report.replies < options.pings
        {
            let seq = report.requests.wrapping_add(1);
            let packet = icmp_echo_request(src, dst, 0x4950, seq, b"ikev1-peer interop echo payload!");
            match t.encapsulate(now, &packet) {
                Ok(esp) => {
                    let (l, r) = t.endpoints();
                    match sockets.socket(l).send_to(&esp, r) {
                        Ok(_) => {
                            report.requests = seq;
                            println!(
                                "[{:>6} ms] ESP echo request {src} -> {dst} seq {seq} ({} bytes) to {r}",
                                clock.elapsed_ms(),
                                esp.len()
                            );
                        }
                        Err(e) => println!("ESP send: {e}"),
                    }
                }
                Err(e) => println!("ESP encapsulate: {e}"),
            }
            next_ping = Some(std::time::Instant::now() + StdDuration::from_millis(300));
        }
        let now = clock.now();
        let wait = engine
            .poll_timeout()
            .map_or(StdDuration::from_millis(50), |t| {
                StdDuration::from_nanos((t - now).as_nanos().try_into().unwrap_or(u64::MAX))
            })
            .min(StdDuration::from_millis(50));
        match sockets.rx.recv_timeout(wait) {
            Ok(rx) => {
                let now = clock.now();
                let esp = rx.local.port() == nat_port && rx.data.len() > 8 && rx.data.get(..4) != Some(&[0, 0, 0, 0]);
                if esp {
                    match tunnel.as_mut().map(|t| t.decapsulate(now, &rx.data)) {
                        Some(Ok(inner)) => match parse_echo_reply(&inner) {
                            Some((src, dst, _, seq)) => {
                                report.replies = report.replies.saturating_add(1);
                                println!(
                                    "[{:>6} ms] ESP echo reply {src} -> {dst} seq {seq} decrypted",
                                    clock.elapsed_ms()
                                );
                            }
                            None => println!(
                                "[{:>6} ms] ESP packet decrypted ({} bytes), not an echo reply",
                                clock.elapsed_ms(),
                                inner.len()
                            ),
                        },
                        Some(Err(e)) => println!("[{:>6} ms] ESP from {}: {e}", clock.elapsed_ms(), rx.remote),
                        None => println!("[{:>6} ms] ESP from {} before any SA", clock.elapsed_ms(), rx.remote),
                    }
                } else {
                    if first_ike_ms.is_none() {
                        first_ike_ms = Some(clock.elapsed_ms());
                    }
                    let d = engine.handle_datagram(now, rx.local, rx.remote, &rx.data);
                    if let ikev1::Disposition::Dropped(reason) = d {
                        println!("[{:>6} ms] dropped datagram from {}: {reason:?}", clock.elapsed_ms(), rx.remote);
                    }
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return Err("socket readers stopped".to_owned()),
        }
        let now = clock.now();
        if engine.poll_timeout().is_some_and(|t| t <= now) {
            engine.handle_timeout(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_packets() {
        let p = icmp_echo_request(Ipv4Addr::new(10, 1, 0, 1), Ipv4Addr::new(10, 2, 0, 1), 7, 3, b"abcd");
        assert_eq!(checksum(&p[..20]), 0);
        assert_eq!(checksum(&p[20..]), 0);
        let mut reply = p.clone();
        reply[20] = 0;
        assert_eq!(parse_echo_reply(&reply), Some((Ipv4Addr::new(10, 1, 0, 1), Ipv4Addr::new(10, 2, 0, 1), 7, 3)));
        assert_eq!(parse_echo_reply(&p), None);
    }

    #[test]
    fn names() {
        assert_eq!(parse_ike("3des-md5-modp1024", 60).unwrap().prf, PrfAlgorithm::HmacMd5);
        assert_eq!(parse_esp("aes128-sha1").unwrap().integrity, Some(IntegrityAlgorithm::HmacSha1_96));
        assert_eq!(parse_group("none").unwrap(), None);
        assert!(parse_selector("10.1.0.0/24").is_ok());
        assert!(parse_ike("aes128-sha1", 60).is_err());
    }
}
