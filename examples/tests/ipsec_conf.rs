//! The `ipsec-conf` binary: `check` on every conformance fixture of `crypto-map`, `trace` of the
//! ASA guide's cascade (host A.3 to network B), usage errors.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn configs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("crypto-map").join("tests").join("configs")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ipsec-conf")).args(args).output().expect("ipsec-conf runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn fixtures(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "conf"))
        .collect();
    v.sort();
    v
}

fn path(name: &str) -> String {
    configs().join(name).to_string_lossy().into_owned()
}

#[test]
fn check_accepts_every_fixture() {
    let all = fixtures(&configs());
    assert!(all.len() >= 30, "{} fixtures", all.len());
    for f in all {
        let file = f.to_string_lossy().into_owned();
        let o = run(&["check", &file]);
        let out = stdout(&o);
        assert!(o.status.success(), "{file}:\n{out}{}", String::from_utf8_lossy(&o.stderr));
        assert!(!out.contains(": error "), "{file}:\n{out}");
        assert!(out.lines().last().is_some_and(|l| l.ends_with(": ok")), "{file}:\n{out}");
        // Every finding names the file and, when it is about a line, the line.
        for line in out.lines() {
            assert!(line.starts_with(&format!("{file}:")) || line.starts_with(&format!("{file}: ")), "{line}");
        }
    }
}

#[test]
fn check_rejects_broken_fixtures_naming_the_line() {
    let expected: &[(&str, &[u32])] = &[
        ("invalid/asa8-abc-a-literal-mask.conf", &[14, 15, 19, 20]),
        ("invalid/asa9-abc-a-literal-mask.conf", &[14, 15, 19, 20]),
        ("invalid/asa9-ikev2-fragmentation-mtu.conf", &[6]),
        ("invalid/pix-manual-literal-keys.conf", &[17, 18]),
    ];
    assert_eq!(fixtures(&configs().join("invalid")).len(), expected.len());
    for (name, lines) in expected {
        let file = path(name);
        let o = run(&["check", &file]);
        let out = stdout(&o);
        assert_eq!(o.status.code(), Some(1), "{name}:\n{out}");
        for l in *lines {
            let prefix = format!("{file}:{l}: error ");
            assert!(out.lines().any(|x| x.starts_with(&prefix)), "{name}: no error on line {l}:\n{out}");
        }
        assert!(out.lines().last().is_some_and(|l| l.ends_with("FAILED")), "{name}:\n{out}");
        // Keys never appear in messages.
        assert!(!out.contains("abcdefghijklmnopno") && !out.contains("123456789012345 "), "{name}:\n{out}");
    }
    // The literal A.3 line is accepted with a warning in lenient mode.
    let o = run(&["check", &path("invalid/asa8-abc-a-literal-mask.conf"), "--lenient"]);
    assert!(stdout(&o).contains(":14: warning "), "{}", stdout(&o));
}

#[test]
fn check_strict_fails_on_warnings() {
    // The basic ASA example has warnings (e.g. no ISAKMP policy, DESIGN §3.19).
    let file = path("asa8-static-map.conf");
    let o = run(&["check", &file]);
    assert!(o.status.success());
    assert!(stdout(&o).contains(": warning "), "{}", stdout(&o));
    let o = run(&["check", &file, "--strict"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let o = run(&["check", &file, "--platform", "asa8"]);
    assert!(o.status.success());
}

#[test]
fn trace_a3_to_b_text() {
    let file = path("asa8-abc-a.conf");
    let o = run(&["trace", &file, "--map", "A", "--direction", "out", "--src", "192.168.3.3", "--dst", "192.168.12.5"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[1],
        "crypto map A 1: ACE 0 'access-list A_TO_B deny ip host 192.168.3.3 192.168.12.0 255.255.255.248' matched: deny, \
         leaving entry 1"
    );
    assert_eq!(
        lines[2],
        "crypto map A 2: ACE 0 'access-list A3_TO_B permit ip host 192.168.3.3 192.168.12.0 255.255.255.248' matched: \
         PROTECT with transform sets STRONG, peer 198.51.100.2"
    );
    assert!(out.contains("decision: protect by crypto map A 2"), "{out}");
    assert!(out.contains("flow: 192.168.3.3/32 <-> 192.168.12.0/29"), "{out}");
    // The 9.x device gives the same walk.
    let o = run(&["trace", &path("asa9-abc-a.conf"), "--map", "A", "--src", "192.168.3.3", "--dst", "192.168.12.5"]);
    assert!(stdout(&o).contains("matched: deny, leaving entry 1"), "{}", stdout(&o));
    assert!(stdout(&o).contains("PROTECT with transform sets STRONG"), "{}", stdout(&o));
}

#[test]
fn trace_a3_to_b_json() {
    let file = path("asa8-abc-a.conf");
    let o = run(&[
        "trace",
        &file,
        "--map",
        "A",
        "--direction",
        "out",
        "--src",
        "192.168.3.3",
        "--dst",
        "192.168.12.5",
        "--proto",
        "tcp",
        "--sport",
        "40000",
        "--dport",
        "443",
        "--json",
    ]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}");
    let json = out.trim();
    assert!(json.starts_with('{') && json.ends_with('}') && !json.contains('\n'), "{json}");
    for needle in [
        "\"decision\":\"protect\"",
        "\"map\":\"A\"",
        "\"seq\":2",
        "\"ace\":\"access-list A3_TO_B permit ip host 192.168.3.3 192.168.12.0 255.255.255.248\"",
        "\"transform_sets\":[\"STRONG\"]",
        "\"peers\":[\"198.51.100.2\"]",
        "\"reason\":\"ACE 0 of access-list A3_TO_B permits the packet\"",
        "\"sport\":40000",
        "\"flow\":{\"local\":\"192.168.3.3/32\",\"remote\":\"192.168.12.0/29\"}",
        "{\"seq\":1,\"dynamic\":null,",
        "\"event\":\"deny\",\"ace_index\":0,\"ace\":\"access-list A_TO_B deny ip host 192.168.3.3",
    ] {
        assert!(json.contains(needle), "missing {needle} in {json}");
    }
    // Bypass and inbound drop.
    let o = run(&["trace", &file, "--map", "A", "--src", "192.168.3.10", "--dst", "8.8.8.8", "--json"]);
    let out = stdout(&o);
    assert!(out.contains("\"decision\":\"bypass\"") && out.contains("\"transform_sets\":[]"), "{out}");
    let o = run(&[
        "trace",
        &file,
        "--map",
        "A",
        "--direction",
        "in",
        "--src",
        "192.168.12.5",
        "--dst",
        "192.168.3.3",
        "--json",
    ]);
    let out = stdout(&o);
    assert!(out.contains("\"decision\":\"drop\"") && out.contains("\"seq\":2"), "{out}");
    assert!(out.contains("should have arrived encrypted"), "{out}");
}

#[test]
fn usage_errors() {
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    let file = path("asa8-abc-a.conf");
    assert_eq!(run(&["trace", &file, "--map", "A", "--src", "192.168.3.3"]).status.code(), Some(2));
    assert_eq!(run(&["trace", &file, "--src", "1.2.3.4", "--dst", "nonsense"]).status.code(), Some(2));
    assert_eq!(run(&["check", &file, "--platform", "vax"]).status.code(), Some(2));
    assert_eq!(run(&["check", "/nonexistent/file.conf"]).status.code(), Some(1));
}

#[test]
fn show_sections_come_from_the_library() {
    let o = run(&["show", &path("pix-ike-policies.conf"), "isakmp-policy"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}");
    assert!(out.starts_with("Protection suite priority 20\n"), "{out}");
    assert!(out.contains("Default protection suite"), "{out}");
    let o = run(&["show", &path("asa8-abc-a.conf"), "crypto-map"]);
    assert!(stdout(&o).contains("crypto map A 2 set transform-set STRONG"), "{}", stdout(&o));
    // `all` on every fixture works and never prints a key.
    for f in fixtures(&configs()) {
        let file = f.to_string_lossy().into_owned();
        let o = run(&["show", &file, "all"]);
        let out = stdout(&o);
        assert!(o.status.success(), "{file}: {out}");
        assert!(out.contains("! show crypto map"), "{file}: {out}");
        for secret in ["secret-A-B", "secret-fig2", "1234567890\n", "shared-by-all", "0123456789abcdef"] {
            assert!(!out.contains(secret), "{file}: key {secret} shown:\n{out}");
        }
    }
    assert_eq!(run(&["show", &path("asa8-abc-a.conf"), "nonsense"]).status.code(), Some(2));
}
