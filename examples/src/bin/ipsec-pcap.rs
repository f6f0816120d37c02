//! `ipsec-pcap`: encrypt a capture of plain IP packets into ESP/AH, or decrypt ESP/AH
//! captures back, with SAs given in the words of `ip xfrm state`. See `ipsec-pcap --help`.
//!
//! The SA handling, the packet work and the counters are `esp-ah`'s; pcap reading/writing
//! and the `ip xfrm` words live in `ipsec_examples::ipsec_pcap`.

use std::process::ExitCode;

use ipsec_core::Instant;
use ipsec_examples::ipsec_pcap::{Direction, Processor, pcap, xfrm};

const HELP: &str = r#"ipsec-pcap: encrypt or decrypt IPsec (ESP/AH) captures with known keys

USAGE
  ipsec-pcap decrypt --sa "IP-XFRM-WORDS" [--sa ...] -r IN.pcap [-w OUT.pcap] [-q]
  ipsec-pcap encrypt --sa "IP-XFRM-WORDS" [--sa ...] -r IN.pcap  -w OUT.pcap  [-q]

  decrypt  ESP (also in UDP 4500) and AH packets are verified and decapsulated by the SA
           whose SPI, protocol and destination they carry; AH over ESP (a Cisco
           `ah-... esp-...` transform set) is undone in two steps. Other packets pass
           through unchanged. OUT gets the inner packets (tunnel mode) or the restored
           packets (transport mode).
  encrypt  each packet is protected by the first SA that fits: transport mode when its
           source and destination are the SA's, tunnel mode when it lies in the SA's
           `sel` (any packet without one). An ESP SA and an AH SA between the same
           addresses in the same mode form a bundle (ESP, then AH). Packets no SA takes
           pass through in clear.

  -r FILE  pcap input: raw IP (LINKTYPE_RAW 101, DLT_RAW 12/14, 228, 229), Ethernet (1,
           VLAN tags skipped) or Linux cooked (113, 276); pcapng must be converted first
           (editcap -F pcap).
  -w FILE  pcap output, raw IP (LINKTYPE_RAW), timestamps kept.
  -q       no per-packet lines, only the summary.

SA WORDS (as after `ip xfrm state add`, one SA from src to dst per --sa)
  src ADDR dst ADDR proto esp|ah spi SPI [mode transport|tunnel] [reqid N]
  [replay-window N] [replay-seq N] [replay-seq-hi N] [replay-oseq N] [replay-oseq-hi N]
  [flag esn] [flag noecn] [encap espinudp SPORT DPORT [OADDR]] [sel src PFX dst PFX]
  ALGORITHMS:
    enc  'cbc(aes)' | 'cbc(des3_ede)' | 'cbc(des)' | 'rfc3686(ctr(aes))' | 'ecb(cipher_null)'  KEY
    auth 'hmac(md5)' | 'hmac(sha1)' | 'hmac(sha384)' | 'hmac(sha512)' | 'xcbc(aes)'  KEY
    auth-trunc 'hmac(sha256)' KEY 128   (and the others with their RFC lengths)
    aead 'rfc4106(gcm(aes))' KEY 64|96|128   (KEY = AES key then the 4-byte salt)
    aead 'rfc4543(gcm(aes))' KEY 128 | aead 'rfc7539esp(chacha20,poly1305)' KEY 128
  KEY is 0x and hex digits. As iproute2: mode defaults to transport, replay-window to 0
  (no anti-replay); replay-seq is the highest sequence number already received,
  replay-oseq the last one sent. `auth 'hmac(sha256)'` means 96-bit ICVs in Linux and is
  refused: use auth-trunc ... 128 (RFC 4868).

EXAMPLE
  ipsec-pcap decrypt -r esp.pcap -w plain.pcap \
    --sa "src 192.0.2.1 dst 198.51.100.2 proto esp spi 0x1000 mode tunnel \
          enc 'cbc(aes)' 0x00112233445566778899aabbccddeeff \
          auth-trunc 'hmac(sha1)' 0x0123456789abcdef0123456789abcdef01234567 96"

  prints one line per packet, e.g.
      1 1700000000.000001  192.0.2.1 > 198.51.100.2 ESP spi 0x00001000 seq 1, 104 B:
        ESP spi 0x00001000 seq 1 ok -> 10.0.0.1 > 10.0.0.2 UDP, 48 B
  then the totals, the failures by kind (ICV verification failed, replayed, unknown SPI,
  ...) and the counters of every SA as `show crypto ipsec sa` names them (#pkts decaps,
  #pkts verify, #pkts replay failed, ...).

EXIT STATUS
  0 when every IPsec packet was processed, 1 when some failed, 2 for usage or file errors.
"#;

/// The parsed command line.
struct Args {
    direction: Direction,
    sas: Vec<String>,
    input: String,
    output: Option<String>,
    quiet: bool,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut it = args.iter();
    let direction = match it.next().map(String::as_str) {
        Some("decrypt") => Direction::Decrypt,
        Some("encrypt") => Direction::Encrypt,
        Some(other) => return Err(format!("unknown command {other:?} (decrypt, encrypt)")),
        None => return Err("a command is needed (decrypt, encrypt)".into()),
    };
    let (mut sas, mut input, mut output, mut quiet) = (Vec::new(), None, None, false);
    while let Some(a) = it.next() {
        let mut value = |what: &str| it.next().cloned().ok_or(format!("{a} needs {what}"));
        match a.as_str() {
            "--sa" => sas.push(value("the SA words")?),
            "-r" => input = Some(value("a file")?),
            "-w" => output = Some(value("a file")?),
            "-q" => quiet = true,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if sas.is_empty() {
        return Err("at least one --sa is needed".into());
    }
    if direction == Direction::Encrypt && output.is_none() {
        return Err("encrypt needs -w".into());
    }
    Ok(Args { direction, sas, input: input.ok_or("-r is needed")?, output, quiet })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        print!("{HELP}");
        return ExitCode::SUCCESS;
    }
    match run(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("ipsec-pcap: {e}\n(ipsec-pcap --help for the usage)");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_args(args)?;
    let states = args
        .sas
        .iter()
        .enumerate()
        .map(|(i, w)| xfrm::parse_state(w).map_err(|e| format!("--sa {}: {e}", i + 1)))
        .collect::<Result<Vec<_>, _>>()?;
    for (i, s) in states.iter().enumerate() {
        println!("SA {}: {}", i + 1, s.canonical);
    }
    let bytes = std::fs::read(&args.input).map_err(|e| format!("{}: {e}", args.input))?;
    let capture = pcap::parse(&bytes).map_err(|e| format!("{}: {e}", args.input))?;
    let mut proc = Processor::new(states, args.direction)?;
    let mut out = Vec::new();
    let unit = if capture.nanos { 1 } else { 1_000 };
    for (n, rec) in capture.records.iter().enumerate() {
        let now = Instant::from_nanos(u64::from(rec.ts_sec) * 1_000_000_000 + u64::from(rec.ts_frac) * unit);
        let outcome = match capture.link.ip_packet(&rec.data) {
            Some(ip) => proc.process(now, ip),
            None => proc.skip(rec.data.len()),
        };
        if !args.quiet {
            let frac = if capture.nanos { format!("{:09}", rec.ts_frac) } else { format!("{:06}", rec.ts_frac) };
            println!("{:>6} {}.{frac}  {}", n + 1, rec.ts_sec, outcome.line);
        }
        if let Some(p) = outcome.output {
            out.push((rec.ts_sec, rec.ts_frac, p));
        }
    }
    let report = proc.report();
    print!("{report}");
    if let Some(path) = &args.output {
        let file = pcap::write_raw(capture.nanos, out.iter().map(|(s, f, p)| (*s, *f, p.as_slice())));
        std::fs::write(path, file).map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(if proc.failed() == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
