//! Shared helpers of the conformance tests (`mod conformance_common` in each
//! `conformance_*.rs`): load a fixture from `tests/configs`, parse it for the platform its name
//! says (`asa8-`, `asa9-`, `ios113-`/`iosxe-`, `pix-`), and build packets and requests.
#![allow(dead_code, unreachable_pub, clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::net::IpAddr;
use std::path::PathBuf;

use crypto_map::model::{Config, Platform};
use crypto_map::parse::{ParseErrors, ParseOptions, parse};
use ipsec_core::types::TrafficSelector;
use policy_acl::Packet;

/// `crypto-map/tests/configs`.
pub fn configs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("configs")
}

/// The fixtures (`*.conf`), relative to `configs_dir()`: the valid ones, or the ones in `invalid/`.
pub fn fixture_names(invalid: bool) -> Vec<String> {
    let dir = if invalid { configs_dir().join("invalid") } else { configs_dir() };
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("configs directory")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".conf"))
        .map(|n| if invalid { format!("invalid/{n}") } else { n })
        .collect();
    names.sort();
    names
}

/// The text of a fixture.
pub fn load(name: &str) -> String {
    std::fs::read_to_string(configs_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The platform a fixture's name says.
pub fn platform_of(name: &str) -> Platform {
    let base = name.rsplit('/').next().unwrap_or(name);
    if base.starts_with("asa8-") {
        Platform::Asa8
    } else if base.starts_with("asa9-") {
        Platform::Asa9
    } else if base.starts_with("pix-") {
        Platform::Pix
    } else if base.starts_with("ios") {
        Platform::Ios
    } else {
        panic!("{name}: no platform prefix")
    }
}

/// Parses a fixture strictly for its platform.
pub fn parse_fixture(name: &str) -> Result<Config, ParseErrors> {
    parse(&load(name), ParseOptions::strict(platform_of(name)))
}

/// Parses a fixture that must parse.
pub fn config(name: &str) -> Config {
    parse_fixture(name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// An address.
pub fn ip(s: &str) -> IpAddr {
    s.parse().unwrap_or_else(|_| panic!("{s}: not an address"))
}

/// A TCP packet (40000 -> 443).
pub fn tcp(src: &str, dst: &str) -> Packet {
    Packet::ported(ip(src), ip(dst), 6, 40000, 443)
}

/// An ICMP echo request.
pub fn icmp(src: &str, dst: &str) -> Packet {
    Packet { icmp: Some((8, 0)), ..Packet::plain(ip(src), ip(dst), 1) }
}

/// `a.b.c.d/len` or a host address as a selector.
pub fn sel(s: &str) -> TrafficSelector {
    match s.split_once('/') {
        Some((a, len)) => TrafficSelector::prefix(ip(a), len.parse().expect("prefix length")).expect("a prefix"),
        None => TrafficSelector::host(ip(s)),
    }
}

use crypto_map::eval::{Decision, OfferedProposal, Protect, ResponderRequest};
use crypto_map::model::IkeVersion;
use ipsec_core::algorithm::{DhGroup, EncryptionAlgorithm, IntegrityAlgorithm};
use ipsec_core::types::{EncapsulationMode, Lifetime, Proposal};

/// The protect decision, or a panic naming what came instead.
pub fn protected(d: Decision) -> Protect {
    match d {
        Decision::Protect(p) => *p,
        other => panic!("expected protect, got {other:?}"),
    }
}

/// An IKEv1 ESP proposal (tunnel mode).
pub fn esp(
    enc: EncryptionAlgorithm,
    int: Option<IntegrityAlgorithm>,
    pfs: Option<DhGroup>,
    seconds: u64,
) -> OfferedProposal {
    OfferedProposal {
        esp: Some(Proposal {
            encryption: vec![enc],
            integrity: int.into_iter().collect(),
            dh_groups: pfs.into_iter().collect(),
            ..Proposal::default()
        }),
        ah: None,
        ipcomp: false,
        mode: EncapsulationMode::Tunnel,
        lifetime: Lifetime::new(seconds, 4_608_000),
    }
}

/// An IKEv1 request from `peer` for the flow `initiator_side <-> responder_side`.
pub fn request<'a>(
    peer: &str,
    initiator_side: &str,
    responder_side: &str,
    proposals: &'a [OfferedProposal],
) -> ResponderRequest<'a> {
    ResponderRequest {
        version: IkeVersion::V1,
        peer: ip(peer),
        peer_identity: None,
        initiator_side: sel(initiator_side),
        responder_side: sel(responder_side),
        proposals,
    }
}

/// The proposals an initiator's decision sends (IKEv1), with its lifetime.
pub fn offers_of(p: &Protect) -> Vec<OfferedProposal> {
    p.proposals(IkeVersion::V1)
}

/// The request the peer of decision `p` receives from `from`.
pub fn request_from<'a>(p: &Protect, proposals: &'a [OfferedProposal], from: &str) -> ResponderRequest<'a> {
    ResponderRequest {
        version: IkeVersion::V1,
        peer: ip(from),
        peer_identity: None,
        initiator_side: p.flow.0,
        responder_side: p.flow.1,
        proposals,
    }
}
