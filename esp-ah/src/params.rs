//! SA parameters: everything an SA is built from, as IKE (or a manual configuration) hands it
//! over.

use core::net::IpAddr;

use ipsec_core::SecretBytes;
use ipsec_core::algorithm::{AesKeyLen, EncryptionAlgorithm, IntegrityAlgorithm};
use ipsec_core::types::{EncapsulationMode, Lifetime, LifetimeLimits, SecurityProtocol, Spi};

use crate::error::ConfigError;

/// The smallest replay window accepted (RFC 4303 §3.4.3: a window of 32 MUST be supported).
pub const MIN_REPLAY_WINDOW: u32 = 32;
/// The largest replay window accepted. Each packet of window costs one bit of SA memory.
pub const MAX_REPLAY_WINDOW: u32 = 65_536;
/// The replay window of [`SaParams::new`]: 64, RFC 4303 §3.4.3's default and Cisco's.
pub const DEFAULT_REPLAY_WINDOW: u32 = 64;
/// The UDP port of IKE and ESP with NAT traversal (RFC 3948 §2, RFC 7296 §2.23).
pub const NAT_T_PORT: u16 = 4500;

/// UDP encapsulation of ESP for NAT traversal (RFC 3948).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UdpEncap {
    /// Our UDP port.
    pub local_port: u16,
    /// The peer's UDP port (the NAT's mapping of port 4500 when the peer is behind a NAT).
    pub remote_port: u16,
}

impl Default for UdpEncap {
    /// Port 4500 on both sides.
    fn default() -> Self {
        Self { local_port: NAT_T_PORT, remote_port: NAT_T_PORT }
    }
}

/// How the outer header's DSCP is chosen on encapsulation (RFC 4301 §5.1.2.1, RFC 2983).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DscpPolicy {
    /// Copy the inner packet's DSCP (RFC 4301 §5.1.2.1 default; the tunnel-mode default of
    /// Cisco devices). Transport mode keeps the packet's own header anyway.
    #[default]
    Copy,
    /// Use this DSCP (6 bits; 0 clears it).
    Set(u8),
}

/// How the ECN field crosses the tunnel (RFC 6040).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum EcnPolicy {
    /// RFC 6040 normal mode: encapsulation copies the inner ECN field to the outer header;
    /// decapsulation combines them per RFC 6040 §4.2 (outer CE marks an ECN-capable inner
    /// packet CE and drops a not-ECT one).
    #[default]
    Normal,
    /// RFC 6040 compatibility mode: the outer header is Not-ECT and decapsulation leaves the
    /// inner field alone.
    Compatibility,
}

/// How the outer IPv4 header's Don't Fragment bit is set in tunnel mode (RFC 4301 §8.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DfPolicy {
    /// Copy DF from an inner IPv4 packet; an inner IPv6 packet counts as DF set, since IPv6
    /// is never fragmented on the way (RFC 8200 §4.5).
    #[default]
    Copy,
    /// Always set DF.
    Set,
    /// Always clear DF.
    Clear,
}

/// Options of the outer IP header that tunnel-mode SAs write ([`Framing::Ip`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OuterHeader {
    /// TTL (IPv4) or hop limit (IPv6) of the outer header.
    pub ttl: u8,
    /// DSCP of the outer header.
    pub dscp: DscpPolicy,
    /// ECN handling.
    pub ecn: EcnPolicy,
    /// DF bit of an outer IPv4 header.
    pub df: DfPolicy,
}

impl Default for OuterHeader {
    /// TTL 64, copy DSCP, RFC 6040 normal mode, copy DF.
    fn default() -> Self {
        Self { ttl: 64, dscp: DscpPolicy::Copy, ecn: EcnPolicy::Normal, df: DfPolicy::Copy }
    }
}

/// What [`OutboundSa::encapsulate`](crate::OutboundSa::encapsulate) produces.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Framing {
    /// The ESP packet only, SPI to ICV: for a caller whose raw IP socket (protocol 50) or
    /// UDP socket (NAT-T) adds the outer headers.
    Esp,
    /// A complete outer IP packet: the outer IPv4/IPv6 header (tunnel mode: new, from the SA
    /// addresses; transport mode: the packet's own, moved and updated), the UDP header for
    /// NAT-T, then ESP.
    #[default]
    Ip,
}

/// The size of the IV field of RFC 1829 ESP (IOS `initialization-vector size`, feature
/// `legacy`).
#[cfg(feature = "legacy")]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Rfc1829Iv {
    /// A 4-byte IV field; the DES-CBC IV is the field followed by its bitwise complement
    /// (RFC 1829 §2).
    Four,
    /// An 8-byte IV field, the whole DES-CBC IV (RFC 1829 §2). The default (DESIGN §3.17).
    #[default]
    Eight,
}

#[cfg(feature = "legacy")]
impl Rfc1829Iv {
    /// The field length in bytes.
    #[must_use]
    pub const fn bytes(self) -> usize {
        match self {
            Self::Four => 4,
            Self::Eight => 8,
        }
    }
}

/// A transform of the first IPsec RFCs (1995), which IOS 11.3 keeps for old manual SAs
/// (`esp-rfc1829`, `ah-rfc1828`; feature `legacy`). Neither has a sequence number, so neither
/// has anti-replay; both are manual only (DESIGN §3.18).
#[cfg(feature = "legacy")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LegacyTransform {
    /// RFC 1829 ESP DES-CBC: SPI, IV, then the encrypted payload, padding (to 8 bytes, any
    /// content, ignored by the receiver), pad length and payload type; no integrity.
    EspDesCbc(Rfc1829Iv),
    /// RFC 1828 AH keyed MD5 (the RFC 1826 header: next header, length, reserved, SPI,
    /// 16 bytes of authentication data): MD5 over key, key fill, datagram, key (RFC 1828 §2).
    AhKeyedMd5(SecretBytes),
}

/// Everything an ESP or AH SA is made of.
///
/// Build one with [`SaParams::new`] (an ESP SA negotiated by IKE), [`SaParams::manual`] (a
/// manually keyed ESP SA, DESIGN §3.18), [`SaParams::ah`] or [`SaParams::ah_gmac`] (AH, RFC
/// 4302), or with feature `legacy` `SaParams::esp_rfc1829` and `SaParams::ah_rfc1828`;
/// adjust the public fields or use the `with_*` methods, then create an
/// [`OutboundSa`](crate::OutboundSa) or [`InboundSa`](crate::InboundSa). The same parameters,
/// with `local` and `remote` swapped, describe the peer's SA.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SaParams {
    /// The SPI, chosen by the receiving side (RFC 4303 §2.1).
    pub spi: Spi,
    /// ESP (RFC 4303) or AH (RFC 4302).
    pub protocol: SecurityProtocol,
    /// Tunnel or transport mode.
    pub mode: EncapsulationMode,
    /// Our outer address: the source of outbound packets, the destination of inbound ones.
    pub local: IpAddr,
    /// The peer's outer address.
    pub remote: IpAddr,
    /// UDP encapsulation for NAT traversal (RFC 3948), or `None` for plain ESP (protocol 50).
    pub udp_encap: Option<UdpEncap>,
    /// The encryption (or combined-mode) algorithm. For AH: NULL with an integrity algorithm,
    /// or AES-GMAC alone (RFC 4543 §4).
    pub encryption: EncryptionAlgorithm,
    /// Its key material: key followed by salt or nonce, exactly
    /// [`keymat_len`](EncryptionAlgorithm::keymat_len) bytes as IKE derives it.
    pub encryption_key: SecretBytes,
    /// The integrity algorithm and its key; `None` with a combined-mode algorithm.
    pub integrity: Option<(IntegrityAlgorithm, SecretBytes)>,
    /// Replay window in packets: 0 turns anti-replay off, otherwise
    /// [`MIN_REPLAY_WINDOW`]..=[`MAX_REPLAY_WINDOW`].
    pub replay_window: u32,
    /// 64-bit extended sequence numbers (RFC 4303 §2.2.1).
    pub esn: bool,
    /// Soft and hard lifetimes, in seconds from SA creation, bytes and packets.
    pub lifetime: LifetimeLimits,
    /// Outer header options for tunnel mode.
    pub outer: OuterHeader,
    /// Sequence state to start from: for an outbound SA the number of the last packet already
    /// sent (the next one gets this plus one), for an inbound SA the highest number already
    /// received (`ip xfrm`'s `replay-oseq`/`replay-seq`). 0 for a new SA.
    pub sequence_start: u64,
    /// Accept encryption without integrity (RFC 4303 §3.2 "confidentiality-only", a MAY that
    /// RFC 8221 discourages). Off by default.
    pub allow_confidentiality_only: bool,
    /// Check that inbound packets come from `remote` (DESIGN §3.16 optional source check).
    pub check_source: bool,
    /// A manually keyed SA (set by [`SaParams::manual`]): no anti-replay, no expiry.
    pub manual: bool,
    /// A legacy RFC 1828/1829 transform instead of the RFC 4302/4303 formats.
    #[cfg(feature = "legacy")]
    pub legacy: Option<LegacyTransform>,
}

impl SaParams {
    /// Parameters of an SA negotiated by IKE, with the defaults: no UDP encapsulation, a
    /// replay window of [`DEFAULT_REPLAY_WINDOW`], 32-bit sequence numbers, no lifetime limit
    /// (the caller sets the negotiated one with [`with_lifetime`](Self::with_lifetime)),
    /// [`OuterHeader::default`].
    #[must_use]
    pub fn new(
        spi: Spi,
        mode: EncapsulationMode,
        local: IpAddr,
        remote: IpAddr,
        encryption: EncryptionAlgorithm,
        encryption_key: SecretBytes,
        integrity: Option<(IntegrityAlgorithm, SecretBytes)>,
    ) -> Self {
        Self {
            spi,
            protocol: SecurityProtocol::Esp,
            mode,
            local,
            remote,
            udp_encap: None,
            encryption,
            encryption_key,
            integrity,
            replay_window: DEFAULT_REPLAY_WINDOW,
            esn: false,
            lifetime: LifetimeLimits::default(),
            outer: OuterHeader::default(),
            sequence_start: 0,
            allow_confidentiality_only: false,
            check_source: false,
            manual: false,
            #[cfg(feature = "legacy")]
            legacy: None,
        }
    }

    /// Parameters of an AH SA (RFC 4302) with an HMAC or AES-XCBC integrity algorithm (RFC
    /// 2403, RFC 2404, RFC 4868, RFC 3566), as IKE negotiates it (Cisco `ah-md5-hmac`,
    /// `ah-sha-hmac`, `ah-sha256-hmac`, ...), with the defaults of [`SaParams::new`]. Use
    /// [`manual`](Self::manual) semantics by setting `manual` (no replay window, no lifetime).
    #[must_use]
    pub fn ah(
        spi: Spi,
        mode: EncapsulationMode,
        local: IpAddr,
        remote: IpAddr,
        integrity: IntegrityAlgorithm,
        key: SecretBytes,
    ) -> Self {
        Self {
            protocol: SecurityProtocol::Ah,
            ..Self::new(
                spi,
                mode,
                local,
                remote,
                EncryptionAlgorithm::Null,
                SecretBytes::default(),
                Some((integrity, key)),
            )
        }
    }

    /// Parameters of an AH SA with AES-GMAC (RFC 4543 §4): `keymat` is the AES key followed by
    /// the 4-byte salt. The AH packet carries an 8-byte IV (the sequence number) before the
    /// 16-byte tag. Counter-based, so never with manual keys.
    #[must_use]
    pub fn ah_gmac(
        spi: Spi,
        mode: EncapsulationMode,
        local: IpAddr,
        remote: IpAddr,
        key_len: AesKeyLen,
        keymat: SecretBytes,
    ) -> Self {
        Self {
            protocol: SecurityProtocol::Ah,
            ..Self::new(spi, mode, local, remote, EncryptionAlgorithm::AesGmac(key_len), keymat, None)
        }
    }

    /// Parameters of an RFC 1829 ESP DES-CBC SA (IOS `esp-rfc1829` with
    /// `initialization-vector size`, DESIGN §3.17): manual, no integrity, no sequence number,
    /// hence no anti-replay. `key` is the 8-byte DES key.
    #[cfg(feature = "legacy")]
    #[must_use]
    pub fn esp_rfc1829(
        spi: Spi,
        mode: EncapsulationMode,
        local: IpAddr,
        remote: IpAddr,
        key: SecretBytes,
        iv: Rfc1829Iv,
    ) -> Self {
        Self {
            allow_confidentiality_only: true,
            legacy: Some(LegacyTransform::EspDesCbc(iv)),
            ..Self::manual(spi, mode, local, remote, EncryptionAlgorithm::DesCbc, key, None)
        }
    }

    /// Parameters of an RFC 1828 AH keyed-MD5 SA (IOS `ah-rfc1828`): manual, no sequence
    /// number, hence no anti-replay. `key` is the authentication key (RFC 1828 §1.1: any
    /// length, 128 bits at least supported; IOS takes 16 bytes).
    #[cfg(feature = "legacy")]
    #[must_use]
    pub fn ah_rfc1828(spi: Spi, mode: EncapsulationMode, local: IpAddr, remote: IpAddr, key: SecretBytes) -> Self {
        Self {
            protocol: SecurityProtocol::Ah,
            legacy: Some(LegacyTransform::AhKeyedMd5(key)),
            ..Self::manual(spi, mode, local, remote, EncryptionAlgorithm::Null, SecretBytes::default(), None)
        }
    }

    /// Parameters of a manually keyed SA (Cisco `ipsec-manual`, DESIGN §3.18): it never
    /// expires and has no anti-replay (RFC 4301 §4.5 leaves both to automated keying).
    /// Counter-based algorithms are refused at SA creation
    /// ([`ConfigError::CounterModeWithManualKeys`]).
    #[must_use]
    pub fn manual(
        spi: Spi,
        mode: EncapsulationMode,
        local: IpAddr,
        remote: IpAddr,
        encryption: EncryptionAlgorithm,
        encryption_key: SecretBytes,
        integrity: Option<(IntegrityAlgorithm, SecretBytes)>,
    ) -> Self {
        Self {
            replay_window: 0,
            manual: true,
            ..Self::new(spi, mode, local, remote, encryption, encryption_key, integrity)
        }
    }

    /// Sets UDP encapsulation (RFC 3948).
    #[must_use]
    pub fn with_udp_encap(mut self, encap: UdpEncap) -> Self {
        self.udp_encap = Some(encap);
        self
    }

    /// Sets the replay window (0 = off).
    #[must_use]
    pub fn with_replay_window(mut self, packets: u32) -> Self {
        self.replay_window = packets;
        self
    }

    /// Turns extended sequence numbers on or off.
    #[must_use]
    pub fn with_esn(mut self, esn: bool) -> Self {
        self.esn = esn;
        self
    }

    /// Sets the soft and hard lifetimes.
    #[must_use]
    pub fn with_lifetime(mut self, lifetime: LifetimeLimits) -> Self {
        self.lifetime = lifetime;
        self
    }

    /// Sets the outer header options.
    #[must_use]
    pub fn with_outer(mut self, outer: OuterHeader) -> Self {
        self.outer = outer;
        self
    }

    /// Sets the sequence state to start from (see [`sequence_start`](Self::sequence_start)).
    #[must_use]
    pub fn with_sequence_start(mut self, sequence: u64) -> Self {
        self.sequence_start = sequence;
        self
    }

    /// The same SA seen from the peer: local and remote addresses and UDP ports swapped.
    #[must_use]
    pub fn mirrored(&self) -> Self {
        let mut p = self.clone();
        core::mem::swap(&mut p.local, &mut p.remote);
        if let Some(u) = p.udp_encap.as_mut() {
            core::mem::swap(&mut u.local_port, &mut u.remote_port);
        }
        p
    }

    /// Checks the parameters without touching a crypto provider: the combination rules of
    /// RFC 4303 §3.2 (ESP) and RFC 4302 (AH, which never encrypts), key lengths, the replay
    /// window, address families, the rules for manual SAs and for legacy transforms.
    ///
    /// # Errors
    /// The first [`ConfigError`] found.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.spi.0 == 0 {
            return Err(ConfigError::ReservedSpi);
        }
        match self.protocol {
            SecurityProtocol::Esp => self.validate_esp()?,
            SecurityProtocol::Ah => self.validate_ah()?,
            SecurityProtocol::Ike => return Err(ConfigError::UnsupportedProtocol),
        }
        if self.replay_window != 0 && !(MIN_REPLAY_WINDOW..=MAX_REPLAY_WINDOW).contains(&self.replay_window) {
            return Err(ConfigError::ReplayWindowSize(self.replay_window));
        }
        if self.local.is_ipv4() != self.remote.is_ipv4() {
            return Err(ConfigError::AddressFamilyMismatch);
        }
        if self.manual {
            if uses_counter_iv(self.encryption) {
                return Err(ConfigError::CounterModeWithManualKeys);
            }
            if self.replay_window != 0 || self.lifetime.hard != Lifetime::UNLIMITED {
                return Err(ConfigError::ManualSaLimits);
            }
        }
        self.validate_legacy()
    }

    /// The key length of the encryption (or AES-GMAC) algorithm.
    fn check_encryption_key(&self) -> Result<(), ConfigError> {
        let expected = self.encryption.keymat_len();
        if self.encryption_key.len() != expected {
            return Err(ConfigError::EncryptionKeyLength { expected, got: self.encryption_key.len() });
        }
        Ok(())
    }

    /// The integrity key length, if there is an integrity algorithm.
    fn check_integrity_key(&self) -> Result<(), ConfigError> {
        match &self.integrity {
            Some((alg, key)) if key.len() != alg.key_len() => {
                Err(ConfigError::IntegrityKeyLength { expected: alg.key_len(), got: key.len() })
            }
            _ => Ok(()),
        }
    }

    /// ESP's algorithm rules (RFC 4303 §3.2).
    fn validate_esp(&self) -> Result<(), ConfigError> {
        let enc = self.encryption;
        self.check_encryption_key()?;
        match (&self.integrity, enc.is_aead()) {
            (Some(_), true) => Err(ConfigError::AeadWithIntegrity),
            (None, false) if enc == EncryptionAlgorithm::Null => Err(ConfigError::NullWithoutIntegrity),
            (None, false) if !self.allow_confidentiality_only => Err(ConfigError::MissingIntegrity),
            _ => self.check_integrity_key(),
        }
    }

    /// AH's rules: integrity only (RFC 4302 §1), or AES-GMAC alone (RFC 4543 §4); no UDP
    /// encapsulation (RFC 3948 is for ESP).
    fn validate_ah(&self) -> Result<(), ConfigError> {
        if self.udp_encap.is_some() {
            return Err(ConfigError::AhWithUdpEncap);
        }
        if self.is_legacy() {
            return Ok(());
        }
        match (self.encryption, &self.integrity) {
            (EncryptionAlgorithm::Null, Some(_)) => self.check_integrity_key(),
            (EncryptionAlgorithm::AesGmac(_), None) => self.check_encryption_key(),
            _ => Err(ConfigError::AhAlgorithm),
        }
    }

    /// True for an RFC 1828/1829 SA.
    #[cfg(feature = "legacy")]
    pub(crate) fn is_legacy(&self) -> bool {
        self.legacy.is_some()
    }

    /// True for an RFC 1828/1829 SA.
    #[cfg(not(feature = "legacy"))]
    pub(crate) fn is_legacy(&self) -> bool {
        false
    }

    /// The rules of the legacy transforms: manual, no ESN, no NAT-T, fixed algorithms.
    #[cfg(feature = "legacy")]
    fn validate_legacy(&self) -> Result<(), ConfigError> {
        let Some(legacy) = &self.legacy else { return Ok(()) };
        if !self.manual || self.esn || self.udp_encap.is_some() || self.integrity.is_some() {
            return Err(ConfigError::LegacyParameters);
        }
        let ok = match legacy {
            LegacyTransform::EspDesCbc(_) => {
                self.protocol == SecurityProtocol::Esp && self.encryption == EncryptionAlgorithm::DesCbc
            }
            LegacyTransform::AhKeyedMd5(key) => {
                self.protocol == SecurityProtocol::Ah && self.encryption == EncryptionAlgorithm::Null && !key.is_empty()
            }
        };
        if ok { Ok(()) } else { Err(ConfigError::LegacyParameters) }
    }

    /// Without feature `legacy` there is nothing to check.
    #[cfg(not(feature = "legacy"))]
    #[allow(clippy::unnecessary_wraps, clippy::unused_self)]
    fn validate_legacy(&self) -> Result<(), ConfigError> {
        Ok(())
    }
}

/// True for the algorithms whose per-packet IV is a counter that must never repeat under a
/// key: AES-CTR, AES-GCM, AES-GMAC, ChaCha20-Poly1305.
pub(crate) const fn uses_counter_iv(enc: EncryptionAlgorithm) -> bool {
    matches!(
        enc,
        EncryptionAlgorithm::AesCtr(_)
            | EncryptionAlgorithm::AesGcm(..)
            | EncryptionAlgorithm::AesGmac(_)
            | EncryptionAlgorithm::ChaCha20Poly1305
    )
}
