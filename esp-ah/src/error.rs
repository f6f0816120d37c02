//! Errors of SA construction and of the packet path.

use ipsec_core::CryptoError;
use ipsec_core::types::Spi;

/// Why [`SaParams`](crate::SaParams) cannot become an SA.
///
/// Returned by [`SaParams::validate`](crate::SaParams::validate) and by the SA constructors;
/// never on the packet path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The protocol is not a data-path protocol (`Ike`).
    #[error("security protocol not supported by this SA type")]
    UnsupportedProtocol,
    /// AH authenticates and never encrypts (RFC 4302 §1): an AH SA takes NULL encryption with
    /// an integrity algorithm, or AES-GMAC alone (RFC 4543 §4).
    #[error("AH takes an integrity algorithm or AES-GMAC, and no encryption")]
    AhAlgorithm,
    /// UDP encapsulation carries ESP only (RFC 3948 §1): AH covers the outer addresses, which
    /// a NAT rewrites, so AH cannot cross one.
    #[error("AH cannot be UDP-encapsulated (RFC 3948 covers ESP only)")]
    AhWithUdpEncap,
    /// A legacy transform (RFC 1828/1829, feature `legacy`) with parameters it cannot have:
    /// only manual SAs (DESIGN §3.18), no ESN, no NAT-T, no integrity, DES with an 8-byte key
    /// for RFC 1829 and a non-empty key for RFC 1828.
    #[error("legacy RFC 1828/1829 transforms are manual SAs with their own fixed algorithms")]
    LegacyParameters,
    /// The two SAs of a bundle do not fit together: an ESP and an AH SA with the same
    /// addresses and mode are needed (RFC 4301 §4.5, transport adjacency of RFC 2401 §4.3).
    #[error("a bundle needs an ESP and an AH SA between the same addresses in the same mode")]
    BundleMismatch,
    /// SPI 0 is reserved for local use and never sent on the wire (RFC 4303 §2.1); it is also
    /// the non-ESP marker of UDP encapsulation (RFC 3948 §2.2).
    #[error("SPI 0 is reserved (RFC 4303 §2.1)")]
    ReservedSpi,
    /// NULL encryption together with no integrity protects nothing; RFC 4303 §3.2 forbids
    /// the combination.
    #[error("NULL encryption without integrity is not allowed (RFC 4303 §3.2)")]
    NullWithoutIntegrity,
    /// A combined-mode algorithm (AES-GCM, AES-GMAC, ChaCha20-Poly1305) already provides
    /// integrity; a separate integrity transform must not be added (RFC 4106 §4, RFC 4543 §3,
    /// RFC 7634 §2, RFC 7296 §3.3).
    #[error("a combined-mode algorithm cannot be combined with an integrity algorithm")]
    AeadWithIntegrity,
    /// Encryption without integrity ("confidentiality only", RFC 4303 §3.2, a MAY) must be
    /// asked for explicitly with
    /// [`SaParams::allow_confidentiality_only`](crate::SaParams::allow_confidentiality_only).
    #[error("encryption without integrity needs an explicit opt-in")]
    MissingIntegrity,
    /// The encryption key material (key plus salt or nonce) has the wrong length.
    #[error("encryption key material is {got} bytes, expected {expected}")]
    EncryptionKeyLength {
        /// [`EncryptionAlgorithm::keymat_len`](ipsec_core::algorithm::EncryptionAlgorithm::keymat_len).
        expected: usize,
        /// What was given.
        got: usize,
    },
    /// The integrity key has the wrong length (RFC 2404 §3, RFC 4868 §2.1.1, RFC 3566 §4).
    #[error("integrity key is {got} bytes, expected {expected}")]
    IntegrityKeyLength {
        /// [`IntegrityAlgorithm::key_len`](ipsec_core::algorithm::IntegrityAlgorithm::key_len).
        expected: usize,
        /// What was given.
        got: usize,
    },
    /// The replay window is neither 0 (off) nor within
    /// [`MIN_REPLAY_WINDOW`](crate::MIN_REPLAY_WINDOW)..=[`MAX_REPLAY_WINDOW`](crate::MAX_REPLAY_WINDOW).
    #[error("replay window of {0} packets is not supported")]
    ReplayWindowSize(u32),
    /// The local and remote outer addresses are of different families.
    #[error("local and remote addresses are of different IP versions")]
    AddressFamilyMismatch,
    /// AES-CTR, AES-GCM, AES-GMAC and ChaCha20-Poly1305 derive their nonce from a counter
    /// and must not be used with static (manual) keys: a restart would reuse nonces. RFC 3686,
    /// RFC 4106 (§2) and RFC 4543 require automated key management for them; ChaCha20-Poly1305
    /// (RFC 7634) builds its nonce the same way.
    #[error("counter-based algorithms cannot be used with manual keys")]
    CounterModeWithManualKeys,
    /// A manual SA was given a replay window or a lifetime (DESIGN §3.18: manual SAs never
    /// expire and have no anti-replay).
    #[error("manual SAs have no anti-replay and never expire")]
    ManualSaLimits,
    /// The crypto provider refused the algorithm or key.
    #[error("crypto provider: {0}")]
    Crypto(CryptoError),
}

/// What is wrong with a packet's IP framing, found while parsing or building headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PacketError {
    /// The packet ends before a header it announces.
    #[error("packet truncated")]
    Truncated,
    /// The IP version nibble is neither 4 nor 6, or disagrees with the protocol that
    /// announced the packet.
    #[error("bad IP version")]
    BadVersion,
    /// An IPv4 header length below 20 bytes or beyond the packet.
    #[error("bad IP header length")]
    BadHeaderLength,
    /// A total (IPv4) or payload (IPv6) length that disagrees with the bytes present.
    #[error("bad IP total length")]
    BadTotalLength,
    /// A fragment: transport mode applies to whole datagrams only (RFC 4303 §3.1.1), and
    /// ESP must be reassembled before it is processed (RFC 4303 §3.4.1).
    #[error("IP fragment")]
    Fragment,
    /// The outer packet does not carry ESP (another protocol, or a UDP datagram that is
    /// IKE or a NAT keep-alive).
    #[error("not an ESP packet")]
    NotEsp,
    /// An IPv6 extension header that cannot be kept in front of ESP with this framing.
    #[error("IPv6 extension headers need Framing::Ip in transport mode")]
    ExtensionHeaders,
    /// The SA's outer addresses do not fit the packet (for example an IPv6 packet on an
    /// IPv4 SA in transport mode).
    #[error("address family does not match the SA")]
    AddressFamily,
    /// The packet does not carry AH where an AH SA expects it.
    #[error("not an AH packet")]
    NotAh,
    /// A malformed IPv4 option or IPv6 option TLV in a header that AH covers: its mutable
    /// parts cannot be found (RFC 4302 §3.3.3.1).
    #[error("malformed IP option")]
    BadOption,
    /// More than 512 bytes of IPv6 extension headers in front of AH (the ICV computation copies
    /// them to the stack to zero their mutable parts without allocating).
    #[error("too many IPv6 extension headers in front of AH")]
    HeadersTooLong,
}

/// Why encapsulation or decapsulation failed.
///
/// Every variant maps to a statistics counter of the SA (see [`SaStats`](crate::SaStats)).
/// After an error the contents of the buffer range are unspecified and the packet must be
/// dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The buffer has fewer bytes in front of the packet than the SA needs
    /// ([`OutboundSa::headroom`](crate::OutboundSa::headroom)).
    #[error("buffer headroom {available} bytes, need {needed}")]
    InsufficientHeadroom {
        /// Bytes needed before the packet.
        needed: usize,
        /// Bytes present.
        available: usize,
    },
    /// The buffer has fewer bytes after the packet than the SA needs
    /// ([`OutboundSa::tailroom`](crate::OutboundSa::tailroom)).
    #[error("buffer tailroom {available} bytes, need {needed}")]
    InsufficientTailroom {
        /// Bytes needed after the packet.
        needed: usize,
        /// Bytes present.
        available: usize,
    },
    /// The range given is not inside the buffer.
    #[error("packet range outside the buffer")]
    InvalidRange,
    /// The packet's IP headers are unusable.
    #[error("malformed packet: {0}")]
    Packet(PacketError),
    /// The outbound sequence number space is used up; the SA must be replaced (RFC 4303
    /// §3.3.3: the counter never cycles).
    #[error("sequence number space exhausted")]
    SequenceExhausted,
    /// The SA passed a hard lifetime limit and must be replaced (RFC 4301 §4.4.2.1).
    #[error("SA lifetime expired")]
    Expired,
    /// The ESP header carries another SPI than this SA's.
    #[error("SPI {0} does not belong to this SA")]
    SpiMismatch(Spi),
    /// No SA in the SAD has this SPI for the packet's destination (RFC 4303 §3.4.2).
    #[error("no SA for SPI {0}")]
    UnknownSpi(Spi),
    /// The packet's source address is not the SA's peer (DESIGN §3.16 source check).
    #[error("packet source does not match the SA's peer")]
    SourceMismatch,
    /// The ESP packet is too short for the SA's IV and ICV, or its ciphertext is not a whole
    /// number of cipher blocks.
    #[error("invalid ESP packet length")]
    InvalidLength,
    /// The sequence number was already received (RFC 4303 §3.4.3).
    #[error("replayed sequence number {0}")]
    Replayed(u64),
    /// The sequence number lies to the left of the replay window (RFC 4303 §3.4.3).
    #[error("sequence number {0} is older than the replay window")]
    TooOld(u64),
    /// The ICV did not verify (RFC 4303 §3.4.4).
    #[error("ICV verification failed")]
    AuthenticationFailed,
    /// The padding bytes are not 1, 2, 3, ... or the pad length exceeds the payload
    /// (RFC 4303 §2.4).
    #[error("invalid ESP padding")]
    InvalidPadding,
    /// The decrypted inner packet of a tunnel-mode SA is not a consistent IPv4/IPv6 packet,
    /// or its next header is not IPv4/IPv6/no-next-header.
    #[error("invalid inner packet")]
    InvalidInnerPacket,
    /// The outer header said Congestion Experienced for a not-ECN-capable inner packet; RFC
    /// 6040 §4.2 requires the packet to be dropped.
    #[error("CE mark on a not-ECT inner packet (RFC 6040 §4.2)")]
    EcnDrop,
    /// The crypto provider failed for another reason than authentication.
    #[error("crypto provider: {0}")]
    Crypto(CryptoError),
    /// The operation does not exist for this SA's protocol: AH needs whole IP packets
    /// ([`Framing::Ip`](crate::Framing::Ip) and
    /// [`InboundSa::decapsulate_packet`](crate::InboundSa::decapsulate_packet)), since its ICV
    /// covers the IP header (RFC 4302 §3.3.3.1), and has no TFC dummy packets (an ESP feature,
    /// RFC 4303 §2.6).
    #[error("operation not available for this SA's protocol")]
    Unsupported,
}

impl From<PacketError> for Error {
    fn from(e: PacketError) -> Self {
        Error::Packet(e)
    }
}
