//! `ikev1-peer`: an IKEv1 peer on real sockets, for interoperability tests (strongSwan in the
//! `ipx-*` namespaces of `../shared/interop`). It negotiates with the `ikev1` engine, then
//! sends ICMP echo requests through the SA pair with `esp-ah` (ESP in UDP 4500) and decrypts
//! the replies. The last line of its output is `RESULT ok|fail child_up_ms=N echo=R/S`.
//!
//! ```text
//! ikev1-peer --local 198.51.100.1 --peer 198.51.100.2 --initiate|--respond
//!            [--mode main|aggressive] [--ike aes128-sha1-modp1024[,...]] [--esp aes128-sha1[,...]]
//!            [--pfs none|modp1024|...] [--psk KEY] [--local-ts 10.1.0.0/24] [--remote-ts 10.2.0.0/24]
//!            [--ping 10.1.0.1,10.2.0.1] [--pings 3] [--retransmit-ms 1000] [--am-delay-ms 20]
//!            [--force-encap] [--keylog DIR] [--max-time SECS] [--exit-after-result]
//!            [--ike-lifetime SECS] [--child-lifetime SECS] [--dpd SECS] [--clear-after SECS]
//! ```
#![allow(clippy::print_stdout)]

use std::process::ExitCode;
use std::time::Duration as StdDuration;

use ikev1::policy::Phase1Mode;
use ipsec_core::Duration;
use ipsec_examples::ikev1_peer::{PeerOptions, parse_esp, parse_group, parse_ike, parse_selector, run};

fn usage() -> ExitCode {
    eprintln!(
        "usage: ikev1-peer --local ADDR --peer ADDR (--initiate|--respond) [--mode main|aggressive] \
         [--ike P[,P..]] [--esp T[,T..]] [--pfs GROUP|none] [--psk KEY] [--local-ts NET] [--remote-ts NET] \
         [--ping SRC,DST] [--pings N] [--retransmit-ms MS] [--am-delay-ms MS] [--force-encap] [--keylog DIR] \
         [--max-time SECS] [--exit-after-result] [--ike-lifetime SECS] [--child-lifetime SECS] [--dpd SECS] \
         [--clear-after SECS]"
    );
    ExitCode::from(2)
}

fn parse(args: &[String]) -> Result<PeerOptions, String> {
    let mut o = PeerOptions {
        local: "198.51.100.1".parse().map_err(|e| format!("{e}"))?,
        peer: "198.51.100.2".parse().map_err(|e| format!("{e}"))?,
        initiate: false,
        mode: Phase1Mode::Main,
        ike: Vec::new(),
        esp: Vec::new(),
        pfs: None,
        psk: b"ipx-interop-psk-0123456789".to_vec(),
        child_lifetime: 3600,
        local_ts: parse_selector("10.1.0.0/24")?,
        remote_ts: parse_selector("10.2.0.0/24")?,
        ping: None,
        pings: 3,
        retransmit: Duration::from_secs(1),
        aggressive_delay: Duration::from_millis(20),
        force_encapsulation: false,
        keylog: None,
        max_time: StdDuration::from_secs(60),
        exit_after_result: false,
        dpd: None,
        clear_after: None,
    };
    let (mut ike, mut ike_lifetime) = ("aes128-sha1-modp1024".to_owned(), 86_400);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned().ok_or_else(|| format!("{arg} needs a value"));
        let num = |v: String| v.parse::<u64>().map_err(|e| format!("{arg}: {e}"));
        match arg.as_str() {
            "--local" => o.local = value()?.parse().map_err(|e| format!("--local: {e}"))?,
            "--peer" => o.peer = value()?.parse().map_err(|e| format!("--peer: {e}"))?,
            "--initiate" => o.initiate = true,
            "--respond" => o.initiate = false,
            "--mode" => {
                o.mode = match value()?.as_str() {
                    "main" => Phase1Mode::Main,
                    "aggressive" => Phase1Mode::Aggressive,
                    m => return Err(format!("--mode {m}")),
                }
            }
            "--ike" => ike = value()?,
            "--ike-lifetime" => ike_lifetime = num(value()?)?,
            "--child-lifetime" => o.child_lifetime = num(value()?)?,
            "--esp" => o.esp = value()?.split(',').map(parse_esp).collect::<Result<_, _>>()?,
            "--pfs" => o.pfs = parse_group(&value()?)?,
            "--psk" => o.psk = value()?.into_bytes(),
            "--local-ts" => o.local_ts = parse_selector(&value()?)?,
            "--remote-ts" => o.remote_ts = parse_selector(&value()?)?,
            "--ping" => {
                let v = value()?;
                let (s, d) = v.split_once(',').ok_or("--ping SRC,DST")?;
                o.ping = Some((
                    s.parse().map_err(|e| format!("--ping: {e}"))?,
                    d.parse().map_err(|e| format!("--ping: {e}"))?,
                ));
            }
            "--pings" => o.pings = u16::try_from(num(value()?)?).map_err(|e| format!("--pings: {e}"))?,
            "--retransmit-ms" => o.retransmit = Duration::from_millis(num(value()?)?),
            "--am-delay-ms" => o.aggressive_delay = Duration::from_millis(num(value()?)?),
            "--force-encap" => o.force_encapsulation = true,
            "--keylog" => o.keylog = Some(value()?.into()),
            "--max-time" => o.max_time = StdDuration::from_secs(num(value()?)?),
            "--exit-after-result" => o.exit_after_result = true,
            "--dpd" => o.dpd = Some(Duration::from_secs(num(value()?)?)),
            "--clear-after" => o.clear_after = Some(StdDuration::from_secs(num(value()?)?)),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    o.ike = ike.split(',').map(|p| parse_ike(p, ike_lifetime)).collect::<Result<_, _>>()?;
    if o.esp.is_empty() {
        o.esp = vec![parse_esp("aes128-sha1")?];
    }
    Ok(o)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        return usage();
    }
    let options = match parse(&args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("ikev1-peer: {e}");
            return usage();
        }
    };
    match run(&options) {
        Ok(report) if report.child_up_ms.is_some() && (options.ping.is_none() || report.replies > 0) => {
            ExitCode::SUCCESS
        }
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("ikev1-peer: {e}");
            ExitCode::FAILURE
        }
    }
}
