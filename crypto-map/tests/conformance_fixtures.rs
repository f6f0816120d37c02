//! Every configuration in `tests/configs` parses in strict mode; every one in
//! `tests/configs/invalid` is rejected with an error naming the line.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // test code

mod conformance_common;
use conformance_common as common;

use common::{fixture_names, load, parse_fixture};

#[test]
fn every_fixture_parses_strictly() {
    let mut failures = Vec::new();
    for name in fixture_names(false) {
        if let Err(e) = parse_fixture(&name) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(failures.is_empty(), "fixtures that do not parse:\n{}", failures.join("\n"));
}

#[test]
fn every_negative_fixture_is_rejected_naming_the_line() {
    let expected: &[(&str, &[u32])] = &[
        ("invalid/asa8-abc-a-literal-mask.conf", &[14, 15, 19, 20]),
        ("invalid/asa9-abc-a-literal-mask.conf", &[14, 15, 19, 20]),
        ("invalid/asa9-ikev2-fragmentation-mtu.conf", &[6]),
        ("invalid/pix-manual-literal-keys.conf", &[17, 18]),
    ];
    assert_eq!(fixture_names(true).len(), expected.len(), "every negative fixture has an expectation");
    for (name, lines) in expected {
        let text = load(name);
        assert!(text.contains("NEGATIVE FIXTURE"), "{name}");
        let err = parse_fixture(name).expect_err(name);
        let got: Vec<u32> = err.0.iter().map(|e| e.line).collect();
        assert_eq!(&got, lines, "{name}: {err}");
    }
}
