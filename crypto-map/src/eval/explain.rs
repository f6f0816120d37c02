//! A trace in words and as JSON, for `ipsec-conf trace`: entry by entry, like a packet tracer.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::{self, Write as _};

use ipsec_core::types::Lifetime;
use policy_acl::{Action, Packet};

use super::cascade::{Decision, Direction, OnMissingSa, Protect, StepEvent, Trace, TraceStep};
use super::entries::{EntryKey, peer_text};

fn protocol_name(p: u8) -> String {
    match p {
        1 => "icmp".into(),
        6 => "tcp".into(),
        17 => "udp".into(),
        47 => "gre".into(),
        50 => "esp".into(),
        51 => "ah".into(),
        58 => "icmpv6".into(),
        n => n.to_string(),
    }
}

/// `tcp 10.0.0.1:40000 -> 10.1.1.1:443`, `icmp 10.0.0.1 -> 10.1.1.1 (type 8 code 0)`.
fn packet_text(p: &Packet) -> String {
    let end = |addr: core::net::IpAddr, port: Option<u16>| match (addr, port) {
        (core::net::IpAddr::V6(a), Some(port)) => format!("[{a}]:{port}"),
        (a, Some(port)) => format!("{a}:{port}"),
        (a, None) => a.to_string(),
    };
    let mut s = format!("{} {} -> {}", protocol_name(p.protocol), end(p.src, p.src_port), end(p.dst, p.dst_port));
    if let Some((t, c)) = p.icmp {
        let _ = write!(s, " (type {t} code {c})");
    }
    if p.non_initial_fragment {
        s.push_str(" (non-initial fragment)");
    }
    s
}

fn leaving(entry: &EntryKey) -> String {
    match &entry.dynamic {
        Some((name, seq)) => format!("leaving dynamic-map {name} {seq}"),
        None => format!("leaving entry {}", entry.seq),
    }
}

fn lifetime_text(l: &Lifetime) -> String {
    let s = l.seconds.map_or_else(|| "unlimited".to_string(), |v| format!("{v} seconds"));
    let k = l.kilobytes.map_or_else(|| "unlimited".to_string(), |v| format!("{v} kilobytes"));
    format!("{s}, {k}")
}

fn list(items: &[String]) -> String {
    if items.is_empty() { "(none)".to_string() } else { items.join(" ") }
}

fn protect_summary(p: &Protect) -> String {
    let mut s = String::from("PROTECT with ");
    if p.transform_sets.is_empty() && p.ikev2_proposals.is_empty() {
        s.push_str("no transform set");
    } else {
        if !p.transform_sets.is_empty() {
            let _ = write!(s, "transform sets {}", p.transform_sets.join(" "));
        }
        if !p.ikev2_proposals.is_empty() {
            if !p.transform_sets.is_empty() {
                s.push_str(", ");
            }
            let _ = write!(s, "IKEv2 IPsec proposals {}", p.ikev2_proposals.join(" "));
        }
    }
    let peers: Vec<String> = p.peers.iter().map(peer_text).collect();
    match peers.len() {
        0 => s.push_str(", any peer (dynamic)"),
        1 => {
            let _ = write!(s, ", peer {}", list(&peers));
        }
        _ => {
            let _ = write!(s, ", peers {} (failover order)", list(&peers));
        }
    }
    s
}

impl TraceStep {
    fn write_line(&self, f: &mut fmt::Formatter<'_>, direction: Direction, last: Option<&Decision>) -> fmt::Result {
        write!(f, "{}: ", self.entry)?;
        match &self.event {
            StepEvent::Matched { ace, mirrored, action } => {
                write!(f, "ACE {} '{}'", ace.index, ace.text)?;
                if let Some(m) = mirrored {
                    write!(f, " (mirrored: '{m}')")?;
                }
                f.write_str(" matched: ")?;
                match (action, direction, last) {
                    (Action::Deny, _, _) => write!(f, "deny, {}", leaving(&self.entry)),
                    (Action::Permit, Direction::Outbound, Some(Decision::Protect(p))) => {
                        f.write_str(&protect_summary(p))
                    }
                    (Action::Permit, _, Some(Decision::Drop(r))) => write!(f, "permit, DROP: {}", r.cause),
                    (Action::Permit, _, _) => f.write_str("permit"),
                }
            }
            StepEvent::NoAceMatched => match &self.acl {
                Some(acl) => write!(f, "no ACE of access-list {acl} matched, next entry"),
                None => f.write_str("no ACE matched, next entry"),
            },
            StepEvent::ManualAceIgnored(ace) => write!(
                f,
                "ACE {} '{}' comes after the first permit of a manual entry's list and is ignored, next entry",
                ace.index, ace.text
            ),
            StepEvent::NoAcl => f.write_str("dynamic entry without match address: ignored in traffic filtering"),
            StepEvent::DynamicMapMissing(name) => {
                write!(f, "dynamic map set {name} is not defined: nothing to evaluate")
            }
            StepEvent::Stop(cause) => write!(f, "DROP: {cause}"),
        }
    }
}

impl fmt::Display for Trace {
    /// The walk, one line per entry visited, then the decision and its parameters.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dir = match self.direction {
            Direction::Outbound => "outbound",
            Direction::Inbound => "inbound (cleartext; mirrored ACLs)",
        };
        writeln!(f, "packet: {} {dir}, crypto map {}", packet_text(&self.packet), self.map)?;
        let n = self.steps.len();
        for (i, step) in self.steps.iter().enumerate() {
            step.write_line(f, self.direction, (i + 1 == n).then_some(&self.decision))?;
            f.write_str("\n")?;
        }
        match (&self.decision, self.direction) {
            (Decision::Protect(p), _) => {
                writeln!(f, "decision: protect by {} (line {})", p.entry, p.entry_line)?;
                writeln!(f, "  ace: {} (line {})", p.ace.text, p.ace.line)?;
                let scope = if p.per_host { "per-host pair" } else { "the permit ACE's selectors" };
                writeln!(f, "  flow: {} <-> {} ({scope})", p.flow.0, p.flow.1)?;
                writeln!(f, "  transform sets: {}", list(&p.transform_sets))?;
                if !p.ikev2_proposals.is_empty() {
                    writeln!(f, "  IKEv2 IPsec proposals: {}", list(&p.ikev2_proposals))?;
                }
                let peers: Vec<String> = p.peers.iter().map(peer_text).collect();
                writeln!(f, "  peers: {}", list(&peers))?;
                match p.pfs {
                    Some(g) => writeln!(f, "  pfs: group{}", g.number())?,
                    None => writeln!(f, "  pfs: no")?,
                }
                writeln!(f, "  lifetime: {}", lifetime_text(&p.lifetime))?;
                match p.on_missing_sa {
                    OnMissingSa::Negotiate => {
                        writeln!(f, "  without an SA: negotiate with the peer (packet dropped meanwhile)")
                    }
                    OnMissingSa::Drop => writeln!(f, "  without an SA: drop (this entry never initiates)"),
                }
            }
            (Decision::Bypass, Direction::Outbound) => {
                writeln!(f, "decision: bypass: no permit ACE in crypto map {}; sent in clear", self.map)
            }
            (Decision::Bypass, Direction::Inbound) => {
                writeln!(f, "decision: pass in clear: no mirrored permit ACE in crypto map {}", self.map)
            }
            (Decision::Drop(r), _) => writeln!(f, "decision: drop: {r}"),
        }
    }
}

/// `s` as a JSON string literal.
fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_opt_str(s: Option<&str>) -> String {
    s.map_or_else(|| "null".to_string(), json_str)
}

fn json_opt_num<T: fmt::Display>(n: Option<T>) -> String {
    n.map_or_else(|| "null".to_string(), |v| v.to_string())
}

fn json_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| json_str(s)).collect();
    format!("[{}]", quoted.join(","))
}

fn json_dynamic(e: &EntryKey) -> String {
    match &e.dynamic {
        Some((name, seq)) => format!("{{\"name\":{},\"seq\":{seq}}}", json_str(name)),
        None => "null".to_string(),
    }
}

impl Trace {
    /// The trace as one JSON object: `decision` (`protect`, `bypass` or `drop`), `map`,
    /// `seq`, `ace` (the ACE's line as written), `transform_sets`, `peers`, `reason`, the
    /// flow and SA parameters when protecting, and every step.
    #[must_use]
    pub fn to_json(&self) -> String {
        let p = &self.packet;
        let mut o = String::from("{");
        let _ = write!(
            o,
            "\"direction\":{},\"map\":{},\"packet\":{{\"src\":{},\"dst\":{},\"protocol\":{},\"sport\":{},\"dport\":{}}}",
            json_str(match self.direction {
                Direction::Outbound => "out",
                Direction::Inbound => "in",
            }),
            json_str(&self.map),
            json_str(&p.src.to_string()),
            json_str(&p.dst.to_string()),
            p.protocol,
            json_opt_num(p.src_port),
            json_opt_num(p.dst_port),
        );
        match &self.decision {
            Decision::Protect(pr) => {
                let peers: Vec<String> = pr.peers.iter().map(peer_text).collect();
                let reason = format!("ACE {} of access-list {} permits the packet", pr.ace.index, pr.ace.acl);
                let _ = write!(
                    o,
                    ",\"decision\":\"protect\",\"seq\":{},\"dynamic\":{},\"acl\":{},\"ace_index\":{},\"ace\":{},\"ace_line\":{},\
                     \"transform_sets\":{},\"ikev2_proposals\":{},\"peers\":{},\"flow\":{{\"local\":{},\"remote\":{}}},\
                     \"per_host\":{},\"pfs\":{},\"lifetime\":{{\"seconds\":{},\"kilobytes\":{}}},\"on_missing_sa\":{},\"reason\":{}",
                    pr.entry.seq,
                    json_dynamic(&pr.entry),
                    json_str(&pr.ace.acl),
                    pr.ace.index,
                    json_str(&pr.ace.text),
                    pr.ace.line,
                    json_list(&pr.transform_sets),
                    json_list(&pr.ikev2_proposals),
                    json_list(&peers),
                    json_str(&pr.flow.0.to_string()),
                    json_str(&pr.flow.1.to_string()),
                    pr.per_host,
                    json_opt_num(pr.pfs.map(ipsec_core::algorithm::DhGroup::number)),
                    json_opt_num(pr.lifetime.seconds),
                    json_opt_num(pr.lifetime.kilobytes),
                    json_str(match pr.on_missing_sa {
                        OnMissingSa::Negotiate => "negotiate",
                        OnMissingSa::Drop => "drop",
                    }),
                    json_str(&reason),
                );
            }
            Decision::Bypass => {
                let reason = match self.direction {
                    Direction::Outbound => "no permit ACE in the crypto map set: sent in clear",
                    Direction::Inbound => "no mirrored permit ACE in the crypto map set: passes in clear",
                };
                let _ = write!(
                    o,
                    ",\"decision\":\"bypass\",\"seq\":null,\"dynamic\":null,\"acl\":null,\"ace_index\":null,\"ace\":null,\
                     \"transform_sets\":[],\"peers\":[],\"reason\":{}",
                    json_str(reason)
                );
            }
            Decision::Drop(r) => {
                let _ = write!(
                    o,
                    ",\"decision\":\"drop\",\"seq\":{},\"dynamic\":{},\"acl\":{},\"ace_index\":{},\"ace\":{},\
                     \"transform_sets\":[],\"peers\":[],\"reason\":{}",
                    json_opt_num(r.entry.as_ref().map(|e| e.seq)),
                    r.entry.as_ref().map_or_else(|| "null".to_string(), json_dynamic),
                    json_opt_str(r.ace.as_ref().map(|a| a.acl.as_str())),
                    json_opt_num(r.ace.as_ref().map(|a| a.index)),
                    json_opt_str(r.ace.as_ref().map(|a| a.text.as_str())),
                    json_str(&r.cause.to_string()),
                );
            }
        }
        o.push_str(",\"steps\":[");
        for (i, s) in self.steps.iter().enumerate() {
            if i > 0 {
                o.push(',');
            }
            let (event, ace, mirrored): (&str, Option<&super::entries::AceRef>, Option<&str>) = match &s.event {
                StepEvent::Matched { ace, mirrored, action: Action::Deny } => ("deny", Some(ace), mirrored.as_deref()),
                StepEvent::Matched { ace, mirrored, action: Action::Permit } => {
                    ("permit", Some(ace), mirrored.as_deref())
                }
                StepEvent::NoAceMatched => ("no_match", None, None),
                StepEvent::ManualAceIgnored(ace) => ("ignored", Some(ace), None),
                StepEvent::NoAcl => ("no_acl", None, None),
                StepEvent::DynamicMapMissing(_) => ("dynamic_map_missing", None, None),
                StepEvent::Stop(_) => ("drop", None, None),
            };
            let detail = match &s.event {
                StepEvent::Stop(cause) => Some(cause.to_string()),
                StepEvent::DynamicMapMissing(name) => Some(name.clone()),
                _ => None,
            };
            let _ = write!(
                o,
                "{{\"seq\":{},\"dynamic\":{},\"line\":{},\"acl\":{},\"event\":{},\"ace_index\":{},\"ace\":{},\"mirrored\":{},\"detail\":{}}}",
                s.entry.seq,
                json_dynamic(&s.entry),
                s.line,
                json_opt_str(s.acl.as_deref()),
                json_str(event),
                json_opt_num(ace.map(|a| a.index)),
                json_opt_str(ace.map(|a| a.text.as_str())),
                json_opt_str(mirrored),
                json_opt_str(detail.as_deref()),
            );
        }
        o.push_str("]}");
        o
    }
}

#[cfg(test)]
mod tests {
    use super::json_str;

    #[test]
    fn json_escapes() {
        assert_eq!(json_str("a\"b\\c\n\u{1}"), "\"a\\\"b\\\\c\\n\\u0001\"");
    }
}
