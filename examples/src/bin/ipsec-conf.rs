//! `ipsec-conf`: check, show and trace a Cisco IOS, ASA or PIX IPsec configuration.
//!
//! ```text
//! ipsec-conf check FILE [--platform ios|asa8|asa9|pix] [--strict] [--lenient]
//! ipsec-conf show  FILE [crypto-map|transform-set|isakmp-policy|sa-lifetime|dynamic-map|all|running-config]
//!                  [--platform P]
//! ipsec-conf trace FILE --map NAME [--direction out|in] --src IP --dst IP
//!                  [--proto P] [--sport N] [--dport N] [--icmp-type T [--icmp-code C]] [--json] [--platform P]
//! ```
//!
//! `check` prints every rejected line and every lint finding as `FILE:LINE: severity CODE:
//! message` and exits with status 1 when there are errors (or, with `--strict`, warnings;
//! DESIGN §3.19). `trace` walks a packet through a crypto map set like a packet tracer, entry by
//! entry. The parsing, the findings, the rendering and the trace all come from the `crypto-map`
//! library; this binary only reads arguments and files.

use std::net::IpAddr;
use std::process::ExitCode;

use crypto_map::eval::{Direction, trace};
use crypto_map::lint::Severity;
use crypto_map::model::{Config, Platform};
use crypto_map::parse::{Mode, ParseError, ParseOptions, detect_platform, parse_lossy};
use crypto_map::show::ShowCommand;
use policy_acl::Packet;

const USAGE: &str = "\
usage:
  ipsec-conf check FILE [--platform ios|asa8|asa9|pix] [--strict] [--lenient]
  ipsec-conf show  FILE [crypto-map|transform-set|isakmp-policy|sa-lifetime|dynamic-map|all|running-config]
                   [--platform P]
  ipsec-conf trace FILE --map NAME [--direction out|in] --src IP --dst IP
                   [--proto P] [--sport N] [--dport N] [--icmp-type T [--icmp-code C]] [--json] [--platform P]";

/// A command-line mistake: printed with the usage, exit status 2.
struct Usage(String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or_default();
    let result = match args.first().map(String::as_str) {
        Some("check") => check(rest),
        Some("show") => show(rest),
        Some("trace") => trace_cmd(rest),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(Usage(format!("unknown command `{other}`"))),
        None => Err(Usage("no command".into())),
    };
    match result {
        Ok(code) => code,
        Err(Usage(msg)) => {
            eprintln!("ipsec-conf: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The arguments after the command: positional words and `--flag [value]` options.
struct Args {
    positional: Vec<String>,
    options: Vec<(String, Option<String>)>,
}

/// Options that take no value.
const SWITCHES: &[&str] = &["--strict", "--lenient", "--json"];

impl Args {
    fn parse(args: &[String], allowed: &[&str]) -> Result<Self, Usage> {
        let mut positional = Vec::new();
        let mut options = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if a.starts_with("--") {
                if !allowed.contains(&a.as_str()) {
                    return Err(Usage(format!("unknown option `{a}`")));
                }
                if SWITCHES.contains(&a.as_str()) {
                    options.push((a.clone(), None));
                } else {
                    let v = it.next().ok_or_else(|| Usage(format!("`{a}` needs a value")))?;
                    options.push((a.clone(), Some(v.clone())));
                }
            } else {
                positional.push(a.clone());
            }
        }
        Ok(Self { positional, options })
    }

    fn flag(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| n == name)
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.options.iter().rev().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref())
    }

    fn file(&self) -> Result<&str, Usage> {
        self.positional.first().map(String::as_str).ok_or_else(|| Usage("no FILE".into()))
    }
}

fn platform_arg(args: &Args) -> Result<Option<Platform>, Usage> {
    Ok(match args.value("--platform") {
        None => None,
        Some("ios") => Some(Platform::Ios),
        Some("asa8") => Some(Platform::Asa8),
        Some("asa9") => Some(Platform::Asa9),
        Some("pix") => Some(Platform::Pix),
        Some(other) => return Err(Usage(format!("unknown platform `{other}` (ios, asa8, asa9, pix)"))),
    })
}

/// A parsed file: its name, the configuration and the rejected lines.
type Loaded = (String, Config, Vec<ParseError>);

/// Reads and parses FILE as the device would (rejected lines are returned, the rest kept).
fn load(args: &Args, mode: Mode) -> Result<Result<Loaded, ExitCode>, Usage> {
    let file = args.file()?.to_string();
    let platform = platform_arg(args)?;
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("ipsec-conf: {file}: {e}");
            return Ok(Err(ExitCode::from(1)));
        }
    };
    let platform = platform.unwrap_or_else(|| detect_platform(&text));
    let (config, errors) = parse_lossy(&text, ParseOptions { platform: Some(platform), mode });
    Ok(Ok((file, config, errors)))
}

fn check(args: &[String]) -> Result<ExitCode, Usage> {
    let args = Args::parse(args, &["--platform", "--strict", "--lenient"])?;
    let strict = args.flag("--strict");
    let mode = if args.flag("--lenient") { Mode::Lenient } else { Mode::Strict };
    let (file, config, errors) = match load(&args, mode)? {
        Ok(v) => v,
        Err(code) => return Ok(code),
    };
    for e in &errors {
        println!("{file}:{}: error PARSE: {} (column {})", e.line, e.kind, e.column);
    }
    let findings = config.lint();
    for f in &findings {
        match f.line {
            Some(line) => println!("{file}:{line}: {} {}: {}", f.severity, f.code, f.message),
            None => println!("{file}: {} {}: {}", f.severity, f.code, f.message),
        }
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (lint_errors, warnings, infos) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
    let errors_total = errors.len() + lint_errors;
    let failed = errors_total > 0 || (strict && warnings > 0);
    println!(
        "{file}: {}: {errors_total} error(s), {warnings} warning(s), {infos} info(s): {}",
        config.platform,
        if failed { "FAILED" } else { "ok" }
    );
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn show(args: &[String]) -> Result<ExitCode, Usage> {
    let args = Args::parse(args, &["--platform"])?;
    let section = args.positional.get(1).map_or("all", String::as_str);
    let commands: Vec<ShowCommand> = match section {
        "all" => SECTIONS.iter().map(|(_, c)| *c).collect(),
        name => {
            match SECTIONS.iter().chain(&[("running-config", ShowCommand::RunningConfig)]).find(|(n, _)| *n == name) {
                Some((_, c)) => vec![*c],
                None => return Err(Usage(format!("unknown section `{section}`"))),
            }
        }
    };
    let (file, config, errors) = match load(&args, Mode::Strict)? {
        Ok(v) => v,
        Err(code) => return Ok(code),
    };
    for e in &errors {
        eprintln!("{file}:{}: error PARSE: {} (column {}); line ignored", e.line, e.kind, e.column);
    }
    let several = commands.len() > 1;
    for c in commands {
        if several {
            println!("! {}", c.as_str());
        }
        print!("{}", c.render(&config));
    }
    Ok(ExitCode::SUCCESS)
}

/// The sections of `show` and the library renderings they print (`all` prints them in order).
const SECTIONS: &[(&str, ShowCommand)] = &[
    ("crypto-map", ShowCommand::CryptoMap),
    ("transform-set", ShowCommand::IpsecTransformSet),
    ("isakmp-policy", ShowCommand::IsakmpPolicy),
    ("sa-lifetime", ShowCommand::IpsecSaLifetime),
    ("dynamic-map", ShowCommand::CryptoDynamicMap),
];

fn number<T: std::str::FromStr>(args: &Args, name: &str) -> Result<Option<T>, Usage> {
    args.value(name).map(|v| v.parse::<T>().map_err(|_| Usage(format!("`{name}`: bad number `{v}`")))).transpose()
}

fn address(args: &Args, name: &str) -> Result<IpAddr, Usage> {
    let v = args.value(name).ok_or_else(|| Usage(format!("`{name}` is required")))?;
    v.parse().map_err(|_| Usage(format!("`{name}`: bad address `{v}`")))
}

fn protocol(name: &str) -> Option<u8> {
    match name.to_ascii_lowercase().as_str() {
        "icmp" => Some(1),
        "tcp" => Some(6),
        "udp" => Some(17),
        "gre" => Some(47),
        "esp" => Some(50),
        "ah" => Some(51),
        "icmpv6" | "icmp6" => Some(58),
        "sctp" => Some(132),
        n => n.parse().ok(),
    }
}

fn trace_cmd(args: &[String]) -> Result<ExitCode, Usage> {
    let allowed = [
        "--platform",
        "--map",
        "--direction",
        "--src",
        "--dst",
        "--proto",
        "--sport",
        "--dport",
        "--icmp-type",
        "--icmp-code",
        "--json",
    ];
    let args = Args::parse(args, &allowed)?;
    let direction = match args.value("--direction").unwrap_or("out") {
        "out" | "outbound" => Direction::Outbound,
        "in" | "inbound" => Direction::Inbound,
        other => return Err(Usage(format!("`--direction`: `{other}` is not out or in"))),
    };
    let src = address(&args, "--src")?;
    let dst = address(&args, "--dst")?;
    let icmp_type: Option<u8> = number(&args, "--icmp-type")?;
    let icmp_code: Option<u8> = number(&args, "--icmp-code")?;
    let default_proto = if icmp_type.is_some() { "icmp" } else { "tcp" };
    let proto_name = args.value("--proto").unwrap_or(default_proto);
    let proto = protocol(proto_name).ok_or_else(|| Usage(format!("`--proto`: unknown protocol `{proto_name}`")))?;
    let packet = Packet {
        src,
        dst,
        protocol: proto,
        src_port: number(&args, "--sport")?,
        dst_port: number(&args, "--dport")?,
        icmp: icmp_type.map(|t| (t, icmp_code.unwrap_or(0))),
        non_initial_fragment: false,
    };
    let (file, config, errors) = match load(&args, Mode::Strict)? {
        Ok(v) => v,
        Err(code) => return Ok(code),
    };
    for e in &errors {
        eprintln!("{file}:{}: error PARSE: {} (column {}); line ignored", e.line, e.kind, e.column);
    }
    let map = match args.value("--map") {
        Some(m) => m.to_string(),
        None => match config.maps.as_slice() {
            [only] => only.name.clone(),
            maps => {
                let names: Vec<&str> = maps.iter().map(|m| m.name.as_str()).collect();
                return Err(Usage(format!("`--map` is required (crypto map sets: {})", names.join(", "))));
            }
        },
    };
    let t = trace(&config, &map, &packet, direction);
    if args.flag("--json") {
        println!("{}", t.to_json());
    } else {
        print!("{t}");
    }
    Ok(ExitCode::SUCCESS)
}
