//! The configuration model: everything a Cisco IOS, ASA or PIX configuration says about IPsec.
//!
//! The model keeps what was written and where (every item has the line it came from), and marks
//! values the platform supplies by default as such ([`Setting`]), so that validation can name
//! lines and `show` output can mark defaults the way the devices do. Algorithms are the
//! protocol-neutral catalogue of `ipsec-core`; access lists are `policy-acl`'s.
//!
//! Defaults per platform follow DESIGN §3.2-3.3: ISAKMP policy `des`/`sha`/`rsa-sig`/group 1/
//! 86,400 s on IOS and PIX, `3des`/`sha`/`pre-share`/group 2/86,400 s on ASA; IPsec SA
//! lifetime 3,600 s / 4,608,000 KB on IOS, 28,800 s / 4,608,000 KB on ASA and PIX.

use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use ipsec_core::SecretBytes;
use ipsec_core::algorithm::{DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, PrfAlgorithm};
use ipsec_core::types::{EncapsulationMode, Lifetime, Spi};
use policy_acl::AclSet;

/// The platform (and so the dialect and the defaults) a configuration is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Platform {
    /// Cisco IOS 11.3 and 12.x/15.x, IOS-XE (seeds 002, 003).
    Ios,
    /// ASA 8.x (seed 000): `crypto isakmp policy`, `crypto ipsec transform-set`.
    Asa8,
    /// ASA 9.x (seed 001): `crypto ikev1|ikev2 policy`, `crypto ipsec ikev1 transform-set`,
    /// `crypto ipsec ikev2 ipsec-proposal`.
    Asa9,
    /// PIX 6.x (seed 004): `isakmp policy`, `crypto ipsec transform-set`, `isakmp key`.
    Pix,
}

impl Platform {
    /// The access-list dialect of the platform.
    #[must_use]
    pub const fn acl_dialect(self) -> policy_acl::Dialect {
        match self {
            Self::Ios => policy_acl::Dialect::Ios,
            Self::Asa8 | Self::Asa9 => policy_acl::Dialect::Asa,
            Self::Pix => policy_acl::Dialect::Pix,
        }
    }

    /// The default IPsec SA lifetime (DESIGN §3.2).
    #[must_use]
    pub const fn default_sa_lifetime(self) -> Lifetime {
        match self {
            Self::Ios => Lifetime::IOS_DEFAULT,
            Self::Asa8 | Self::Asa9 | Self::Pix => Lifetime::ASA_DEFAULT,
        }
    }

    /// ISAKMP policy defaults (DESIGN §3.3): `des`/`sha`/`rsa-sig`/group 1/86,400 s on IOS and
    /// PIX (004:949-957), `3des`/`sha`/`pre-share`/group 2/86,400 s on ASA (000:75-91).
    #[must_use]
    pub const fn isakmp_defaults(self) -> IsakmpDefaults {
        match self {
            Self::Ios | Self::Pix => IsakmpDefaults {
                encryption: EncryptionAlgorithm::DesCbc,
                hash: PrfAlgorithm::HmacSha1,
                authentication: AuthMethod::RsaSig,
                group: DhGroup::Modp768,
                lifetime: 86_400,
            },
            Self::Asa8 | Self::Asa9 => IsakmpDefaults {
                encryption: EncryptionAlgorithm::TripleDesCbc,
                hash: PrfAlgorithm::HmacSha1,
                authentication: AuthMethod::PreShare,
                group: DhGroup::Modp1024,
                lifetime: 86_400,
            },
        }
    }

    /// True when the platform has a built-in ISAKMP policy used below every configured one
    /// (IOS and PIX, 004:1008); a new ASA configuration has none (000:103, 001:138).
    #[must_use]
    pub const fn has_default_isakmp_policy(self) -> bool {
        matches!(self, Self::Ios | Self::Pix)
    }

    /// The group a bare `set pfs` asks for: group 1 on IOS (002:273) and PIX (\[EXT\] PIX
    /// command reference), group 2 on ASA (\[EXT\] ASA command reference; not in the guides).
    #[must_use]
    pub const fn default_pfs_group(self) -> DhGroup {
        match self {
            Self::Ios | Self::Pix => DhGroup::Modp768,
            Self::Asa8 | Self::Asa9 => DhGroup::Modp1024,
        }
    }

    /// The phase-1 identity used when none is configured: the address on IOS and PIX
    /// (004:1034), the host name on ASA 8.x (000:218), `auto` on ASA 9.x (001:273; the 9.x
    /// table also marks hostname as default, ambiguity A3 of the ASA inventory).
    #[must_use]
    pub const fn default_identity(self) -> IdentityKind {
        match self {
            Self::Ios | Self::Pix => IdentityKind::Address,
            Self::Asa8 => IdentityKind::Hostname,
            Self::Asa9 => IdentityKind::Auto,
        }
    }

    /// Short name for messages (`IOS`, `ASA 8.x`, `ASA 9.x`, `PIX`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Ios => "IOS",
            Self::Asa8 => "ASA 8.x",
            Self::Asa9 => "ASA 9.x",
            Self::Pix => "PIX",
        }
    }

    /// True for ASA 8.x and 9.x.
    #[must_use]
    pub const fn is_asa(self) -> bool {
        matches!(self, Self::Asa8 | Self::Asa9)
    }
}

impl core::fmt::Display for Platform {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// Written on this line (1-based).
    Line(u32),
    /// Supplied by the platform's default.
    Default,
}

/// A value and its origin.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Setting<T> {
    /// The value in force.
    pub value: T,
    /// Configured on a line, or the platform default.
    pub origin: Origin,
}

impl<T> Setting<T> {
    /// A value written on `line`.
    pub const fn configured(value: T, line: u32) -> Self {
        Self { value, origin: Origin::Line(line) }
    }

    /// A platform default.
    pub const fn default_value(value: T) -> Self {
        Self { value, origin: Origin::Default }
    }

    /// True when the value is the platform's default rather than configured.
    pub const fn is_default(&self) -> bool {
        matches!(self.origin, Origin::Default)
    }
}

/// Phase-1 authentication method of an ISAKMP policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuthMethod {
    /// `pre-share`.
    PreShare,
    /// `rsa-sig`.
    RsaSig,
    /// `rsa-encr` (IOS; PIX says RSA-encrypted nonces are not supported, 004:1420).
    RsaEncr,
    /// `dsa-sig` (ASA 8.x).
    DsaSig,
    /// ASA `crack` (Challenge/Response for Authenticated Cryptographic Keys, remote access;
    /// \[EXT\]: not in the guides, but ASDM writes it into default policies).
    Crack,
    /// IOS `ecdsa-sig` (\[EXT\]: later IOS releases).
    EcdsaSig,
}

/// An ISAKMP (IKEv1) policy: `crypto isakmp policy N` (IOS, ASA 8.x), `crypto ikev1 policy N`
/// (ASA 9.x), `isakmp policy N ...` (PIX).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IsakmpPolicy {
    /// Priority: lower is preferred; unique per device.
    pub priority: u32,
    /// Encryption (`des`, `3des`, `aes [128|192|256]`, `aes-192`, ...).
    pub encryption: Setting<EncryptionAlgorithm>,
    /// Hash (`md5`, `sha`, `sha256`, ...), which IKEv1 uses as its PRF.
    pub hash: Setting<PrfAlgorithm>,
    /// Authentication method.
    pub authentication: Setting<AuthMethod>,
    /// Diffie-Hellman group.
    pub group: Setting<DhGroup>,
    /// Lifetime in seconds.
    pub lifetime: Setting<u64>,
    /// Line of the `policy` command.
    pub line: u32,
}

impl IsakmpPolicy {
    /// The priority given to the built-in default policy ("Default protection suite") of IOS
    /// and PIX: below every configurable priority, so it sorts last (PIX guide 004:1008).
    pub const DEFAULT_SUITE_PRIORITY: u32 = u32::MAX;

    /// True for the built-in default policy that IOS and PIX always offer at the lowest
    /// priority (PIX guide 004:1008, 004:1188-1193; DESIGN §3.3). ASA has none (000:103).
    #[must_use]
    pub const fn is_default_suite(&self) -> bool {
        self.priority == Self::DEFAULT_SUITE_PRIORITY
    }

    /// The platform's default policy at `priority`: every value a default (DESIGN §3.3).
    #[must_use]
    pub fn defaults(platform: Platform, priority: u32, line: u32) -> Self {
        let d = platform.isakmp_defaults();
        IsakmpPolicy {
            priority,
            encryption: Setting::default_value(d.encryption),
            hash: Setting::default_value(d.hash),
            authentication: Setting::default_value(d.authentication),
            group: Setting::default_value(d.group),
            lifetime: Setting::default_value(d.lifetime),
            line,
        }
    }
}

/// The ISAKMP policy values a platform uses for attributes that are not configured
/// (DESIGN §3.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IsakmpDefaults {
    /// Encryption: `des` on IOS/PIX, `3des` on ASA.
    pub encryption: EncryptionAlgorithm,
    /// Hash: `sha` everywhere.
    pub hash: PrfAlgorithm,
    /// Authentication: `rsa-sig` on IOS/PIX, `pre-share` on ASA.
    pub authentication: AuthMethod,
    /// Group: 1 on IOS/PIX, 2 on ASA.
    pub group: DhGroup,
    /// Lifetime: 86,400 s everywhere.
    pub lifetime: u64,
}

/// Which IKEv2 policy attributes were filled from the ASA defaults (001:210-234) because the
/// policy did not configure them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Ikev2Defaulted {
    /// `encryption` (default `3des`).
    pub encryption: bool,
    /// `integrity` (default `sha`).
    pub integrity: bool,
    /// `prf` (default `sha`).
    pub prf: bool,
    /// `group` (default 2).
    pub groups: bool,
}

/// An IKEv2 policy or proposal: ASA 9.x `crypto ikev2 policy N` (algorithm lists inline) or
/// IOS-XE `crypto ikev2 proposal NAME` (named, referenced from an IKEv2 policy).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ikev2Policy {
    /// ASA priority, or `None` for an IOS named proposal.
    pub priority: Option<u32>,
    /// IOS proposal name.
    pub name: Option<String>,
    /// Encryption algorithms, as configured (the ASA sorts them "most secure first", DESIGN §3.6).
    pub encryption: Vec<EncryptionAlgorithm>,
    /// Integrity algorithms; empty means `null` (AEAD only).
    pub integrity: Vec<IntegrityAlgorithm>,
    /// PRFs.
    pub prf: Vec<PrfAlgorithm>,
    /// Diffie-Hellman groups.
    pub groups: Vec<DhGroup>,
    /// Lifetime in seconds (not negotiated in IKEv2; enforced locally).
    pub lifetime: Setting<u64>,
    /// The attributes filled from the platform defaults (ASA policies only; an IOS proposal
    /// has no defaults and is incomplete without encryption, integrity and group, 002:103).
    pub defaulted: Ikev2Defaulted,
    /// Line of the `policy`/`proposal` command.
    pub line: u32,
}

/// An IOS-XE IKEv2 policy: `crypto ikev2 policy NAME` with `proposal NAME` lines (002:191-193);
/// the proposals are [`Ikev2Policy`] values with a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IosIkev2Policy {
    /// Policy name.
    pub name: String,
    /// `proposal NAME` lines, in order, with their lines.
    pub proposals: Vec<(String, u32)>,
    /// Line of the `crypto ikev2 policy` command.
    pub line: u32,
}

/// Who a pre-shared key is for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KeyScope {
    /// `crypto isakmp key K address A [MASK]` / PIX `isakmp key K address A netmask M`: a peer
    /// address and mask (`0.0.0.0 0.0.0.0` is the wildcard key).
    Address {
        /// Peer address.
        address: IpAddr,
        /// Mask; all ones for a host.
        mask: IpAddr,
    },
    /// `crypto isakmp key K hostname NAME`: matched against the peer's FQDN identity.
    Hostname(String),
    /// ASA `tunnel-group NAME ipsec-attributes` / `pre-shared-key K` (or `ikev1
    /// pre-shared-key`); site-to-site tunnel groups are named by the peer address.
    TunnelGroup(String),
}

/// Which side of an IKEv2 exchange a key authenticates (ASA `ikev2 local-authentication` /
/// `remote-authentication pre-shared-key`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyDirection {
    /// Used in both directions (IKEv1, and IKEv2 symmetric keys).
    Both,
    /// Proves our identity to the peer.
    Local,
    /// Checks the peer's proof.
    Remote,
}

/// A pre-shared key. The secret never prints (`SecretBytes`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreSharedKey {
    /// The key bytes (a hex key, ASA `hex`, is stored decoded).
    pub key: SecretBytes,
    /// Who it is for.
    pub scope: KeyScope,
    /// IKEv2 direction.
    pub direction: KeyDirection,
    /// The key was given in the device's encrypted storage form (IOS type `6`, ASA type `8`):
    /// the bytes are the stored text, not the key itself.
    pub stored_encrypted: bool,
    /// PIX/IOS `no-xauth`: peers matching the key skip extended authentication.
    pub no_xauth: bool,
    /// PIX `no-config-mode`: peers matching the key skip mode-config.
    pub no_config_mode: bool,
    /// The IOS keyring that holds the key (`crypto keyring NAME`, IOS-XE `crypto ikev2 keyring
    /// NAME`); `None` for the global keys (`crypto isakmp key`, PIX `isakmp key`, ASA tunnel
    /// groups).
    pub keyring: Option<KeyringRef>,
    /// Line of the key command.
    pub line: u32,
}

/// Where a keyring key came from: the keyring, and for an IOS-XE IKEv2 keyring the `peer`
/// block and the line of it that gave the key its [`KeyScope`].
///
/// An IKEv1 keyring (`crypto keyring NAME [vrf VRF]`, lines `pre-shared-key address A [MASK]
/// key K` and `pre-shared-key hostname H key K`; \[EXT\] Cisco IOS Security Command Reference,
/// `crypto keyring` and `pre-shared-key`) gives one key per line. An IKEv2 keyring (`crypto
/// ikev2 keyring NAME`, `peer NAME` blocks with `address`, `hostname`, `identity` and
/// `pre-shared-key [local|remote] K` lines; \[EXT\] Cisco IOS-XE IKEv2 configuration
/// guide and command reference, `crypto ikev2 keyring`) gives one key per matching line and key
/// line of the block: a peer with an address and local and remote keys
/// is two keys ([`KeyDirection::Local`] and [`KeyDirection::Remote`]) for that address.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct KeyringRef {
    /// The keyring name.
    pub name: String,
    /// [`IkeVersion::V1`] for `crypto keyring`, [`IkeVersion::V2`] for `crypto ikev2 keyring`.
    pub version: IkeVersion,
    /// IKEv2 keyrings: the `peer NAME` block and the kind of line that named the peer.
    pub peer: Option<(String, PeerMatch)>,
}

/// The line of an IKEv2 keyring `peer` block that a key's [`KeyScope`] comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeerMatch {
    /// `address A [MASK]` or `address PREFIX/LEN` ([`KeyScope::Address`]).
    Address,
    /// `hostname NAME` ([`KeyScope::Hostname`]): the name an initiator's `set peer NAME` gives.
    Hostname,
    /// `identity address A` ([`KeyScope::Address`], host mask) or `identity fqdn NAME`
    /// ([`KeyScope::Hostname`]): the IKE identity the peer sends.
    Identity,
}

impl PreSharedKey {
    /// True when the key is the `*****` placeholder that `show running-config` prints on
    /// ASA instead of the key: the real key is not in the text.
    #[must_use]
    pub fn is_masked(&self) -> bool {
        !self.key.is_empty() && self.key.expose().iter().all(|b| *b == b'*')
    }
}

/// ISAKMP identity (`crypto isakmp identity address|hostname|key-id|auto`, ASA `crypto isakmp
/// identity`, PIX `isakmp identity`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IdentityKind {
    /// The interface address (default on IOS and PIX, 004:1034).
    Address,
    /// The host name (FQDN); the ASA 8.x default (000:218).
    Hostname,
    /// A key-id string.
    KeyId(String),
    /// ASA `auto` (the ASA 9.x default, 001:273): address for pre-shared keys, DN for
    /// certificates.
    Auto,
    /// IOS `dn`: the distinguished name of the device certificate.
    Dn,
}

/// Device-wide ISAKMP/IKE settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IkeSettings {
    /// Phase-1 identity.
    pub identity: Setting<IdentityKind>,
    /// `crypto isakmp keepalive SECONDS [RETRY]` (DPD).
    pub keepalive: Option<Setting<(u32, u32)>>,
    /// NAT-T keep-alive interval (`crypto isakmp nat-traversal [SECONDS]`; ASA default 20).
    pub nat_traversal: Option<Setting<u32>>,
    /// Interfaces IKE is enabled on, with the versions (`crypto isakmp enable outside`,
    /// `crypto ikev1|ikev2 enable outside`, PIX `isakmp enable outside`).
    pub enabled_on: Vec<(String, IkeVersion, u32)>,
    /// ASA `crypto isakmp am-disable` / IOS `crypto isakmp aggressive-mode disable`.
    pub aggressive_mode_disabled: Option<u32>,
    /// IKEv2 fragmentation MTU (ASA 9.x `crypto ikev2 fragmentation mtu`, 68-1500; the
    /// defaults 576 for IPv4 and 1280 for IPv6 apply when unset, 001:330-337).
    pub ikev2_fragmentation_mtu: Option<Setting<u16>>,
    /// `no crypto ikev2 fragmentation`: fragmentation switched off (on by default, 001:330).
    pub ikev2_fragmentation_disabled: Option<u32>,
    /// `crypto ikev2 fragmentation preferred-method ietf|cisco` (default IETF, 001:335).
    pub ikev2_fragmentation_preferred: Setting<FragmentationMethod>,
}

/// IKEv2 fragmentation method (ASA 9.x guide, 001:345-353).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FragmentationMethod {
    /// RFC 7383 (default).
    #[default]
    Ietf,
    /// Cisco proprietary.
    Cisco,
}

/// IKE version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IkeVersion {
    /// IKEv1 / ISAKMP.
    V1,
    /// IKEv2.
    V2,
}

/// One element of a transform set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Transform {
    /// `ah-md5-hmac`, `ah-sha-hmac`, `ah-sha256-hmac`, ...
    Ah(IntegrityAlgorithm),
    /// `esp-des`, `esp-3des`, `esp-aes [..]`, `esp-gcm`, `esp-gmac`, `esp-null`.
    EspEncryption(EncryptionAlgorithm),
    /// `esp-md5-hmac`, `esp-sha-hmac`, `esp-sha256-hmac`, ...
    EspIntegrity(IntegrityAlgorithm),
    /// ASA `esp-none`: explicitly no ESP integrity.
    EspNone,
    /// IOS `ah-rfc1828` (keyed MD5, no replay protection).
    AhRfc1828,
    /// IOS `esp-rfc1829` (DES-CBC, no integrity, 4- or 8-byte IV).
    EspRfc1829,
    /// IOS `comp-lzs` (IPComp).
    CompLzs,
}

/// A transform set: `crypto ipsec [ikev1] transform-set NAME t1 [t2 [t3]]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransformSet {
    /// Name (tag).
    pub name: String,
    /// Transforms in the order written (order does not matter: ASA examples put auth first).
    pub transforms: Vec<Transform>,
    /// `mode tunnel|transport` (default tunnel).
    pub mode: Setting<EncapsulationMode>,
    /// IOS `initialization-vector size 4|8` for `esp-rfc1829` (default 8, DESIGN §3.17).
    pub iv_size: Option<Setting<u8>>,
    /// Line of the transform-set command.
    pub line: u32,
}

/// ASA 9.x IKEv2 IPsec proposal: `crypto ipsec ikev2 ipsec-proposal NAME` with `protocol esp
/// encryption ...` and `protocol esp integrity ...`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IpsecProposal {
    /// Name (1-64 characters).
    pub name: String,
    /// Encryption algorithms.
    pub encryption: Vec<EncryptionAlgorithm>,
    /// Integrity algorithms; `null` is recorded as an empty list plus `integrity_null`.
    pub integrity: Vec<IntegrityAlgorithm>,
    /// `protocol esp integrity null` was given (required with AES-GCM/GMAC, 001:1009).
    pub integrity_null: bool,
    /// Line of the proposal command.
    pub line: u32,
}

/// A crypto map peer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Peer {
    /// An address.
    Address(IpAddr),
    /// A host name (IOS `set peer NAME`).
    Hostname(String),
}

/// What kind of crypto map entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// `ipsec-isakmp`: SAs negotiated by IKE.
    IpsecIsakmp,
    /// `ipsec-manual`: SAs from `set session-key`.
    IpsecManual,
    /// `ipsec-isakmp dynamic NAME [discover]`: a reference to a dynamic map set.
    Dynamic {
        /// The dynamic map set.
        dynamic_map: String,
        /// IOS Tunnel Endpoint Discovery.
        discover: bool,
    },
    /// IOS `cisco` (CET, out of scope; kept so the entry order is right).
    Cisco,
}

/// `set session-key` of a manual entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionKey {
    /// `inbound` or `outbound`.
    pub inbound: bool,
    /// `ah` or `esp`.
    pub esp: bool,
    /// SPI (256 and above).
    pub spi: Spi,
    /// AH key, or the ESP `cipher` key.
    pub cipher_or_ah_key: Option<SecretBytes>,
    /// The ESP `authenticator` key.
    pub authenticator: Option<SecretBytes>,
    /// Line.
    pub line: u32,
}

/// A per-entry SA lifetime override (`set security-association lifetime seconds N |
/// kilobytes N|disable|unlimited`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct LifetimeOverride {
    /// Seconds, if set on the entry.
    pub seconds: Option<u64>,
    /// Kilobytes, if set on the entry.
    pub kilobytes: Option<u64>,
    /// `kilobytes disable` (IOS) or `kilobytes unlimited` (ASA 9.x).
    pub kilobytes_unlimited: bool,
}

/// ASA `set connection-type answer-only|originate-only|bidirectional`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConnectionType {
    /// Only responds.
    AnswerOnly,
    /// Only initiates.
    OriginateOnly,
    /// Both (default).
    Bidirectional,
}

/// ASA `set phase1-mode main|aggressive [GROUP]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase1Mode {
    /// Main mode (default).
    Main,
    /// Aggressive mode, with the DH group to use.
    Aggressive(Option<DhGroup>),
}

/// ASA `set df-bit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DfBit {
    /// `clear-df`.
    Clear,
    /// `copy-df`.
    Copy,
    /// `set-df`.
    Set,
}

/// The settings a static crypto map entry and a dynamic map entry share.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntrySettings {
    /// `match address ACL`: the ACL's id as written (number or name).
    pub match_address: Option<(String, u32)>,
    /// `set peer`, in the order written (a failover list, DESIGN §3.13).
    pub peers: Vec<(Peer, u32)>,
    /// `set transform-set` / `set ikev1 transform-set` names, preference order.
    pub transform_sets: Vec<(String, u32)>,
    /// `set ikev2 ipsec-proposal` names, preference order.
    pub ikev2_proposals: Vec<(String, u32)>,
    /// `set pfs [GROUP]`; a bare `set pfs` takes the platform default group (IOS group 1,
    /// 002:273; ASA group 2).
    pub pfs: Option<Setting<DhGroup>>,
    /// `set security-association lifetime ...`.
    pub lifetime: Option<(LifetimeOverride, u32)>,
    /// `set security-association level per-host`.
    pub per_host: Option<u32>,
    /// `set ikev2 mode tunnel|transport|transport-require` (ASA 9.x).
    pub ikev2_mode: Option<(EncapsulationMode, bool, u32)>,
    /// ASA `set connection-type`.
    pub connection_type: Option<(ConnectionType, u32)>,
    /// ASA `set reverse-route [dynamic]` (the flag is `dynamic`).
    pub reverse_route: Option<(bool, u32)>,
    /// ASA `set nat-t-disable`.
    pub nat_t_disable: Option<u32>,
    /// ASA `set phase1-mode`.
    pub phase1_mode: Option<(Phase1Mode, u32)>,
    /// ASA `set df-bit`.
    pub df_bit: Option<(DfBit, u32)>,
    /// ASA `set tfc-packets ...` (kept as written).
    pub tfc_packets: Option<(String, u32)>,
    /// ASA `set validate-icmp-errors`.
    pub validate_icmp_errors: Option<u32>,
    /// IOS-XE `set security-association dummy pps N | seconds N` (002:253-254).
    pub dummy_packets: Option<(DummyPackets, u32)>,
    /// `description TEXT` (IOS).
    pub description: Option<(String, u32)>,
}

/// IOS-XE traffic-flow-confidentiality dummy packets (002:253-254; the unit of `pps` is not
/// given in the guide).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DummyPackets {
    /// `pps N`.
    Pps(u32),
    /// `seconds N`.
    Seconds(u32),
}

/// One entry of a crypto map set: `crypto map NAME SEQ ...`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapEntry {
    /// Sequence number: lower is evaluated first.
    pub seq: u32,
    /// Entry kind.
    pub kind: EntryKind,
    /// The entry's settings.
    pub settings: EntrySettings,
    /// Manual keys (`ipsec-manual` only).
    pub session_keys: Vec<SessionKey>,
    /// Line where the entry was first declared.
    pub line: u32,
}

/// A crypto map set: every entry with one map name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CryptoMapSet {
    /// Map name.
    pub name: String,
    /// IOS `crypto map ipv6 NAME ...`.
    pub ipv6: bool,
    /// Entries sorted by sequence number.
    pub entries: Vec<MapEntry>,
    /// `crypto map NAME local-address INTERFACE`.
    pub local_address: Option<(String, u32)>,
    /// PIX mode-config: `crypto map NAME client configuration address initiate|respond`:
    /// the first such line (`"initiate"` or `"respond"`) and its line number; see
    /// [`CryptoMapSet::client_configuration_modes`] for both when both are given (004:1351-1352).
    pub client_configuration: Option<(String, u32)>,
    /// Every `client configuration address` mode given, in order (`initiate`, `respond`).
    pub client_configuration_modes: Vec<(String, u32)>,
    /// PIX/ASA `crypto map NAME client authentication AAA-SERVER`.
    pub client_authentication: Option<(String, u32)>,
}

/// One entry of a dynamic map set: `crypto dynamic-map NAME SEQ`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DynamicEntry {
    /// Sequence number.
    pub seq: u32,
    /// The entry's settings (only the transform sets are required).
    pub settings: EntrySettings,
    /// Line where the entry was first declared.
    pub line: u32,
}

/// A dynamic map set: every entry with one dynamic map name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DynamicMapSet {
    /// Name.
    pub name: String,
    /// Entries sorted by sequence number.
    pub entries: Vec<DynamicEntry>,
}

/// `crypto map NAME` on an interface (IOS `interface X` block) or `crypto map NAME interface
/// IF` (ASA/PIX).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InterfaceBinding {
    /// Map set name.
    pub map: String,
    /// Interface name.
    pub interface: String,
    /// Line.
    pub line: u32,
}

/// An interface's address, when the configuration gives it (`ip address A M` in an IOS
/// interface block; ASA `ip address A M` under `interface`; PIX `ip address outside A M`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InterfaceAddress {
    /// Interface name (IOS `Serial0`, ASA `nameif` value or physical name).
    pub interface: String,
    /// Address.
    pub address: IpAddr,
    /// Mask.
    pub mask: IpAddr,
    /// Line.
    pub line: u32,
}

/// PIX mode-config / ASA remote access address pool: `ip local pool NAME A-B [mask M]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AddressPool {
    /// Pool name.
    pub name: String,
    /// First address.
    pub start: IpAddr,
    /// Last address.
    pub end: IpAddr,
    /// Optional mask.
    pub mask: Option<IpAddr>,
    /// Line.
    pub line: u32,
}

/// ASA `tunnel-group NAME type ipsec-l2l|remote-access|...`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TunnelGroup {
    /// Name (for site-to-site groups, the peer address).
    pub name: String,
    /// The `type` as written (`ipsec-l2l`, `remote-access`, `ipsec-ra`), with its line.
    pub kind: Option<(String, u32)>,
    /// Line of the first `tunnel-group NAME` command.
    pub line: u32,
}

/// An interface name: PIX `nameif ethernet0 outside security0` or ASA `nameif outside` in an
/// `interface` block.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InterfaceName {
    /// Hardware name (`ethernet0`, `GigabitEthernet0/0`).
    pub hardware: String,
    /// Name used by the rest of the configuration (`outside`).
    pub name: String,
    /// Security level, when given.
    pub security_level: Option<u8>,
    /// Line.
    pub line: u32,
}

/// What a repeated definition re-defined (see [`Redefinition`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RedefinitionKind {
    /// A crypto map entry declared again with another type (`ipsec-isakmp`, `ipsec-manual`,
    /// `ipsec-isakmp dynamic ...`): the first type is kept.
    MapEntryType,
    /// A transform set defined again: the later transforms replace the earlier ones.
    TransformSet,
    /// An interface given a second crypto map set: the later one replaces the earlier one
    /// (one set per interface, 003:748, 000:511).
    InterfaceMap,
    /// A pre-shared key for the same peer given again: the later one is in force.
    Key,
}

/// A definition that changed an earlier one (the device keeps one of them).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Redefinition {
    /// What.
    pub kind: RedefinitionKind,
    /// The name (`mymap 10`, the transform set, the interface, the key's scope).
    pub name: String,
    /// Line of the earlier definition.
    pub first_line: u32,
    /// Line of the later one.
    pub line: u32,
}

/// The lines that set the global IPsec SA lifetime, per dimension.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct LifetimeLines {
    /// `crypto ipsec security-association lifetime seconds N`.
    pub seconds: Option<u32>,
    /// `crypto ipsec security-association lifetime kilobytes N`.
    pub kilobytes: Option<u32>,
}

/// A note about a line the parser skipped or accepted with a caveat (non-crypto commands are
/// skipped with a note, never an error: DESIGN §3.20).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Note {
    /// Line.
    pub line: u32,
    /// What happened.
    pub text: String,
}

/// A whole parsed configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// Platform (dialect and defaults).
    pub platform: Platform,
    /// Host name (`hostname X`), for identities and show output.
    pub hostname: Option<String>,
    /// Access lists and object-groups.
    pub acls: AclSet,
    /// ISAKMP (IKEv1) policies, sorted by priority. On IOS and PIX the built-in "Default
    /// protection suite" is the last element ([`IsakmpPolicy::is_default_suite`], every value a
    /// default, line 0), so that matching and `show` see it as the devices do (004:1008);
    /// ASA has none (000:103). [`Config::configured_isakmp_policies`] leaves it out.
    pub isakmp_policies: Vec<IsakmpPolicy>,
    /// IKEv2 policies (ASA, by priority, unset attributes filled from the ASA defaults and
    /// recorded in [`Ikev2Policy::defaulted`]) and proposals (IOS-XE, by name, in order).
    pub ikev2_policies: Vec<Ikev2Policy>,
    /// Pre-shared keys.
    pub keys: Vec<PreSharedKey>,
    /// Device-wide IKE settings.
    pub ike: IkeSettings,
    /// Transform sets.
    pub transform_sets: Vec<TransformSet>,
    /// ASA IKEv2 IPsec proposals.
    pub ipsec_proposals: Vec<IpsecProposal>,
    /// Global IPsec SA lifetime (`crypto ipsec security-association lifetime ...`).
    pub sa_lifetime: Setting<Lifetime>,
    /// Crypto map sets.
    pub maps: Vec<CryptoMapSet>,
    /// Dynamic map sets.
    pub dynamic_maps: Vec<DynamicMapSet>,
    /// Interface bindings.
    pub bindings: Vec<InterfaceBinding>,
    /// Interface addresses.
    pub interface_addresses: Vec<InterfaceAddress>,
    /// Address pools.
    pub pools: Vec<AddressPool>,
    /// PIX `isakmp client configuration address-pool local POOL [IF]`.
    pub client_address_pool: Option<(String, u32)>,
    /// Notes on skipped or caveated lines.
    pub notes: Vec<Note>,
    /// `domain-name X` (ASA/PIX) or `ip domain-name X` (IOS).
    pub domain_name: Option<String>,
    /// IOS-XE IKEv2 policies (`crypto ikev2 policy NAME` with `proposal` lines).
    pub ios_ikev2_policies: Vec<IosIkev2Policy>,
    /// ASA tunnel groups.
    pub tunnel_groups: Vec<TunnelGroup>,
    /// Interface names (`nameif`).
    pub interface_names: Vec<InterfaceName>,
    /// Which lines set the global SA lifetime.
    pub sa_lifetime_lines: LifetimeLines,
    /// Definitions that changed earlier ones.
    pub redefinitions: Vec<Redefinition>,
    /// Problems that lenient mode accepted (each would be an error in strict mode), and
    /// warnings about accepted lines.
    pub warnings: Vec<crate::parse::ParseError>,
}

impl Config {
    /// An empty configuration for `platform`: no policies, no maps, the platform's default
    /// global SA lifetime and IKE settings, and (IOS and PIX) the built-in default ISAKMP
    /// policy.
    #[must_use]
    pub fn new(platform: Platform) -> Self {
        let mut isakmp_policies = Vec::new();
        if platform.has_default_isakmp_policy() {
            isakmp_policies.push(IsakmpPolicy::defaults(platform, IsakmpPolicy::DEFAULT_SUITE_PRIORITY, 0));
        }
        Config {
            platform,
            hostname: None,
            acls: AclSet { dialect: platform.acl_dialect(), ..AclSet::default() },
            isakmp_policies,
            ikev2_policies: Vec::new(),
            keys: Vec::new(),
            ike: IkeSettings::defaults(platform),
            transform_sets: Vec::new(),
            ipsec_proposals: Vec::new(),
            sa_lifetime: Setting::default_value(platform.default_sa_lifetime()),
            maps: Vec::new(),
            dynamic_maps: Vec::new(),
            bindings: Vec::new(),
            interface_addresses: Vec::new(),
            pools: Vec::new(),
            client_address_pool: None,
            notes: Vec::new(),
            domain_name: None,
            ios_ikev2_policies: Vec::new(),
            tunnel_groups: Vec::new(),
            interface_names: Vec::new(),
            sa_lifetime_lines: LifetimeLines::default(),
            redefinitions: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The ISAKMP policies written in the configuration (without the built-in default
    /// suite), by priority.
    pub fn configured_isakmp_policies(&self) -> impl Iterator<Item = &IsakmpPolicy> {
        self.isakmp_policies.iter().filter(|p| !p.is_default_suite())
    }

    /// The crypto map set named `name`.
    #[must_use]
    pub fn map(&self, name: &str) -> Option<&CryptoMapSet> {
        self.maps.iter().find(|m| m.name == name)
    }

    /// The dynamic map set named `name`.
    #[must_use]
    pub fn dynamic_map(&self, name: &str) -> Option<&DynamicMapSet> {
        self.dynamic_maps.iter().find(|m| m.name == name)
    }

    /// The transform set named `name`.
    #[must_use]
    pub fn transform_set(&self, name: &str) -> Option<&TransformSet> {
        self.transform_sets.iter().find(|t| t.name == name)
    }

    /// The ASA IKEv2 IPsec proposal named `name`.
    #[must_use]
    pub fn ipsec_proposal(&self, name: &str) -> Option<&IpsecProposal> {
        self.ipsec_proposals.iter().find(|p| p.name == name)
    }

    /// The interfaces a crypto map set is bound to, in configuration order.
    pub fn interfaces_using<'a>(&'a self, map: &'a str) -> impl Iterator<Item = &'a InterfaceBinding> + 'a {
        self.bindings.iter().filter(move |b| b.map == map)
    }

    /// The address of an interface (matched by name, ASCII case-insensitively; ASA/PIX
    /// `nameif` names and hardware names both work).
    #[must_use]
    pub fn interface_address(&self, interface: &str) -> Option<&InterfaceAddress> {
        // The other name of the interface: hardware for a `nameif` name, and the reverse.
        let other = self.interface_names.iter().find_map(|n| {
            if n.name.eq_ignore_ascii_case(interface) {
                Some(n.hardware.as_str())
            } else if n.hardware.eq_ignore_ascii_case(interface) {
                Some(n.name.as_str())
            } else {
                None
            }
        });
        self.interface_addresses.iter().find(|a| {
            a.interface.eq_ignore_ascii_case(interface) || other.is_some_and(|o| a.interface.eq_ignore_ascii_case(o))
        })
    }
}

impl IkeSettings {
    /// The settings of a configuration that says nothing about them.
    #[must_use]
    pub fn defaults(platform: Platform) -> Self {
        IkeSettings {
            identity: Setting::default_value(platform.default_identity()),
            keepalive: None,
            // ASA 8.x: NAT-T is disabled by default (000:239); ASA 9.x: enabled with a 20 s
            // keep-alive ([EXT] ASDM 9.7; 9.x prints `no crypto isakmp nat-traversal` when off).
            nat_traversal: match platform {
                Platform::Asa9 => Some(Setting::default_value(20)),
                _ => None,
            },
            enabled_on: Vec::new(),
            aggressive_mode_disabled: None,
            ikev2_fragmentation_mtu: None,
            ikev2_fragmentation_disabled: None,
            ikev2_fragmentation_preferred: Setting::default_value(FragmentationMethod::Ietf),
        }
    }
}
