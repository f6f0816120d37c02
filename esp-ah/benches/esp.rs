//! ESP and AH data-path throughput: encapsulation and decapsulation of tunnel-mode packets at
//! 64, 512, 1400 and 9000 bytes, each beside the raw provider primitive on the same bytes in
//! the same run, with the ratio; and the memory of an SA.
//!
//! * encap: `OutboundSa::encapsulate` with `Framing::Esp` of an inner IPv4 packet of the
//!   given size (the 20-byte inner header is rewritten each iteration, 1 ns).
//! * raw seal: the AEAD sealing the same ciphertext length (payload + padding + trailer) with
//!   the 8-byte ESP header as AAD; for CBC+HMAC, CBC-encrypting the same length and the HMAC
//!   over header, IV and ciphertext.
//! * decap: `InboundSa::decapsulate` of one ESP packet, restored from a pristine copy each
//!   iteration (decryption is in place); anti-replay is off in this SA because the same
//!   sequence number repeats; the window's own cost is measured on its own.
//! * raw open: the AEAD opening (or HMAC verify + CBC decrypt) of the same bytes, with the
//!   same restore copy.
//!
//! * AH (HMAC-SHA1-96, HMAC-SHA2-256-128): `OutboundSa::encapsulate` with `Framing::Ip`
//!   (outer IPv4 header, AH header, ICV over the zeroed header copy and the packet) beside
//!   the raw MAC over the same number of bytes; `InboundSa::decapsulate_packet` (parse, ICV
//!   check, AH removal, inner-packet check) beside the raw MAC verify, both restoring the
//!   packet from a pristine copy.
//!
//! The provider is a parameter: every provider in `providers()` is measured. ESP and raw are
//! timed in alternating batches of about 20 ms (`ESP_BENCH_PAIRS` pairs, default 41); the
//! tables give each side's median and the median of the per-pair ratios, which stays
//! meaningful on a shared, noisy machine. `ESP_BENCH_ONLY=GCM` measures only the transforms whose name contains `GCM`.
//!
//! Run: `cargo bench -p esp-ah --bench esp` (`BENCH_QUICK=1` for a smoke run; add
//! `--features aws-lc` for the aws-lc-rs provider).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use std::hint::black_box;
use std::net::{IpAddr, Ipv4Addr};

use benchkit::{Sample, Table, group, measure, throughput_cell};
use esp_ah::{Framing, InboundSa, OutboundSa, ReplayWindow, SaParams};
use ipsec_core::algorithm::{AesKeyLen, EncryptionAlgorithm, GcmIcvLen, IntegrityAlgorithm};
use ipsec_core::types::{EncapsulationMode, Spi};
use ipsec_core::{CryptoProvider, Instant, SecretBytes};
use rand_core::SeedableRng;

const SIZES: [usize; 4] = [64, 512, 1400, 9000];
const NOW: Instant = Instant::from_nanos(1);

/// The providers to measure, by name.
fn providers() -> Vec<(&'static str, &'static CryptoProvider)> {
    #[allow(unused_mut)]
    let mut v = vec![("RustCrypto", CryptoProvider::rustcrypto())];
    #[cfg(feature = "aws-lc")]
    v.push(("aws-lc-rs", CryptoProvider::aws_lc()));
    v
}

const TRANSFORMS: [(&str, EncryptionAlgorithm, Option<IntegrityAlgorithm>); 6] = [
    ("AES-128-GCM", EncryptionAlgorithm::AesGcm(AesKeyLen::Aes128, GcmIcvLen::Icv16), None),
    ("AES-256-GCM", EncryptionAlgorithm::AesGcm(AesKeyLen::Aes256, GcmIcvLen::Icv16), None),
    (
        "AES-128-CBC + HMAC-SHA1-96",
        EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128),
        Some(IntegrityAlgorithm::HmacSha1_96),
    ),
    (
        "AES-256-CBC + HMAC-SHA2-256-128",
        EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256),
        Some(IntegrityAlgorithm::HmacSha2_256_128),
    ),
    ("3DES + HMAC-SHA1-96", EncryptionAlgorithm::TripleDesCbc, Some(IntegrityAlgorithm::HmacSha1_96)),
    ("ChaCha20-Poly1305", EncryptionAlgorithm::ChaCha20Poly1305, None),
];

fn params(enc: EncryptionAlgorithm, integ: Option<IntegrityAlgorithm>, window: u32) -> SaParams {
    SaParams::new(
        Spi(0x1234_5678),
        EncapsulationMode::Tunnel,
        IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)),
        IpAddr::V4(Ipv4Addr::new(198, 51, 100, 2)),
        enc,
        SecretBytes::from_slice(&vec![0x11; enc.keymat_len()]),
        integ.map(|i| (i, SecretBytes::from_slice(&vec![0x22; i.key_len()]))),
    )
    .with_replay_window(window)
}

/// An inner IPv4 packet of `size` bytes.
fn inner(size: usize) -> Vec<u8> {
    let mut p = vec![0x33u8; size];
    p[..20].copy_from_slice(&[0x45, 0, 0, 0, 0, 1, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]);
    p[2..4].copy_from_slice(&(size as u16).to_be_bytes());
    p
}

/// A zeroed window of `len` bytes in `v` that starts on a 64-byte boundary (a cache line), so
/// that ESP and the raw primitive work at the same alignment whatever the allocator returns.
fn aligned(v: &mut Vec<u8>, len: usize) -> &mut [u8] {
    *v = vec![0u8; len + 64];
    let at = v.as_ptr().align_offset(64);
    &mut v[at..at + len]
}

/// One size of one transform: (encap, raw seal, decap, raw open).
///
/// Both sides of each pair do the same work apart from ESP's own: the same bytes at the same
/// alignment (ESP header on a cache line, payload after header and IV), the same 20-byte
/// restore of the inner header before each encryption (ESP needs a valid inner packet), and
/// for decryption the same restore of the whole packet from a pristine copy.
fn run(p: &'static CryptoProvider, enc: EncryptionAlgorithm, integ: Option<IntegrityAlgorithm>, size: usize) -> Run {
    let mut rng = chacha20::ChaCha20Rng::from_seed([1; 32]);
    let mut out = OutboundSa::new(&params(enc, integ, 64), p, &mut rng, NOW).unwrap();
    let mut inb = InboundSa::new(&params(enc, integ, 0).mirrored(), p, NOW).unwrap();
    let pkt = inner(size);
    let head = out.headroom(Framing::Esp);
    let (mut v_buf, mut v_dbuf, mut v_raw, mut v_open) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let buf = aligned(&mut v_buf, head + size + out.tailroom());
    buf[head..head + size].copy_from_slice(&pkt);
    let header: [u8; 20] = pkt[..20].try_into().unwrap();

    // One ESP packet for the decapsulation runs.
    let r = out.encapsulate(NOW, buf, head..head + size, Framing::Esp).unwrap();
    let esp = buf[r.clone()].to_vec();
    let n = esp.len();
    let dbuf = aligned(&mut v_dbuf, n);
    dbuf.copy_from_slice(&esp);

    // The raw side's packet has ESP's layout: 8-byte header (the AAD), IV, data, ICV.
    let iv_len = enc.iv_len();
    let icv_len = integ.map_or(enc.icv_len(), IntegrityAlgorithm::icv_len);
    let (h, ct_len) = (8 + iv_len, n - 8 - iv_len - icv_len);
    let raw = aligned(&mut v_raw, n);
    raw[..8].copy_from_slice(&[0x12, 0x34, 0x56, 0x78, 0, 0, 0, 1]);
    raw[8..h].fill(0x5a);
    raw[h..h + ct_len].fill(0x33);
    raw[h..h + 20].copy_from_slice(&header);
    let aead = enc.is_aead().then(|| p.aead.new_aead(enc, &vec![0x11; enc.keymat_len()]).unwrap());
    let cipher = (!enc.is_aead()).then(|| p.cipher.new_cipher(enc, &vec![0x11; enc.keymat_len()]).unwrap());
    let mac = integ.map(|i| p.mac.new_mac(i.mac(), &vec![0x22; i.key_len()]).unwrap());
    // The raw primitive on the same bytes: the ciphertext length ESP produces.
    let raw_seal = |raw: &mut [u8]| {
        let (head, rest) = raw.split_at_mut(h);
        let (hdr, iv) = head.split_at(8);
        let (data, tag) = rest.split_at_mut(ct_len);
        match (&aead, &cipher, &mac) {
            (Some(aead), _, _) => aead.seal(iv, hdr, black_box(data), tag).unwrap(),
            (_, Some(cipher), Some(mac)) => {
                cipher.encrypt(iv, black_box(&mut *data)).unwrap();
                mac.compute(&[hdr, iv, data], tag).unwrap();
            }
            _ => unreachable!(),
        }
    };
    raw_seal(raw);
    let sealed = raw.to_vec();
    let raw_open = |raw: &mut [u8]| {
        let (head, rest) = raw.split_at_mut(h);
        let (hdr, iv) = head.split_at(8);
        let (data, tag) = rest.split_at_mut(ct_len);
        match (&aead, &cipher, &mac) {
            (Some(aead), _, _) => aead.open(iv, hdr, black_box(data), tag).unwrap(),
            (_, Some(cipher), Some(mac)) => {
                mac.verify(&[hdr, iv, &*data], tag).unwrap();
                cipher.decrypt(iv, black_box(data)).unwrap();
            }
            _ => unreachable!(),
        }
    };
    let opened = aligned(&mut v_open, n);
    opened.copy_from_slice(&sealed);

    // The machine is shared and noisy: time ESP and raw in short alternating batches and
    // compare each pair, so that a burst of other work hits both sides of a ratio alike.
    let (encap, seal, encap_ratio) = paired(
        || {
            buf[head..head + 20].copy_from_slice(&header);
            out.encapsulate(NOW, black_box(&mut *buf), head..head + size, Framing::Esp).unwrap();
        },
        || {
            raw[h..h + 20].copy_from_slice(&header);
            raw_seal(black_box(&mut *raw));
        },
    );
    let (decap, open, decap_ratio) = paired(
        || {
            dbuf.copy_from_slice(&esp);
            inb.decapsulate(NOW, black_box(&mut *dbuf), 0..n).unwrap();
        },
        || {
            opened.copy_from_slice(&sealed);
            raw_open(black_box(&mut *opened));
        },
    );
    Run { encap, seal, encap_ratio, decap, open, decap_ratio }
}

/// The results of one transform at one size.
struct Run {
    encap: Sample,
    seal: Sample,
    encap_ratio: f64,
    decap: Sample,
    open: Sample,
    decap_ratio: f64,
}

/// Times `esp` and `raw` in alternating batches of about `BENCH_TIME_MS / 10` each,
/// `ESP_BENCH_PAIRS` pairs (default 41): the median time of each, and the median of the
/// per-pair ratios raw ÷ ESP.
fn paired(mut esp: impl FnMut(), mut raw: impl FnMut()) -> (Sample, Sample, f64) {
    use std::time::Instant as Clock;
    let (target, _) = benchkit::settings();
    let batch = target / 10;
    let pairs: usize = std::env::var("ESP_BENCH_PAIRS").ok().and_then(|v| v.parse().ok()).unwrap_or(41);
    let calibrate = |op: &mut dyn FnMut()| {
        let mut n: u64 = 1;
        loop {
            let t = Clock::now();
            for _ in 0..n {
                op();
            }
            let e = t.elapsed();
            if e >= batch / 4 || n >= 1 << 30 {
                return ((batch.as_secs_f64() / (e.as_secs_f64() / n as f64)) as u64).max(1);
            }
            n *= 2;
        }
    };
    let (ne, nr) = (calibrate(&mut esp), calibrate(&mut raw));
    let time = |op: &mut dyn FnMut(), n: u64| {
        let t = Clock::now();
        for _ in 0..n {
            op();
        }
        t.elapsed().as_nanos() as f64 / n as f64
    };
    let (mut te, mut tr, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..pairs {
        let e = time(&mut esp, ne);
        let r = time(&mut raw, nr);
        te.push(e);
        tr.push(r);
        ratios.push(r / e);
    }
    let sample = |mut v: Vec<f64>, iterations: u64| {
        v.sort_by(f64::total_cmp);
        Sample { median_ns: v[v.len() / 2], min_ns: v[0], max_ns: v[v.len() - 1], iterations }
    };
    ratios.sort_by(f64::total_cmp);
    (sample(te, ne), sample(tr, nr), ratios[ratios.len() / 2])
}

fn bench_provider(name: &str, p: &'static CryptoProvider) {
    println!("## esp-ah data path, {name} provider\n");
    let mut h = vec!["transform".to_owned(), "operation".to_owned()];
    h.extend(SIZES.iter().map(|s| format!("{s} B")));
    let mut detail = Table::new(&h.iter().map(String::as_str).collect::<Vec<_>>());
    let mut summary =
        Table::new(&["transform (1400 B)", "encap", "raw seal", "encap ÷ raw", "decap", "raw open", "decap ÷ raw"]);
    let only = std::env::var("ESP_BENCH_ONLY").unwrap_or_default();
    for (tname, enc, integ) in TRANSFORMS {
        if !tname.contains(only.as_str()) {
            continue;
        }
        if !p.supports_encryption(enc) || integ.is_some_and(|i| !p.supports_integrity(i)) {
            println!("({tname}: not supported by {name})\n");
            continue;
        }
        let results: Vec<Run> = SIZES.iter().map(|&s| run(p, enc, integ, s)).collect();
        add_rows(&mut detail, &mut summary, tname, &results, ["encap", "raw seal", "decap", "raw open"]);
    }
    println!("### At 1400 bytes\n");
    summary.print();
    println!("### All sizes (throughput of the inner packet; ratio = median over pairs of raw time ÷ ESP time)\n");
    detail.print();
}

const AH_TRANSFORMS: [(&str, IntegrityAlgorithm); 2] = [
    ("AH HMAC-SHA1-96", IntegrityAlgorithm::HmacSha1_96),
    ("AH HMAC-SHA2-256-128", IntegrityAlgorithm::HmacSha2_256_128),
];

/// One size of one AH transform: (encap, raw MAC, decap, raw verify) as a [`Run`].
fn run_ah(p: &'static CryptoProvider, integ: IntegrityAlgorithm, size: usize) -> Run {
    let mut rng = chacha20::ChaCha20Rng::from_seed([1; 32]);
    let (a, b) = (IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)), IpAddr::V4(Ipv4Addr::new(198, 51, 100, 2)));
    let key = SecretBytes::from_slice(&vec![0x22; integ.key_len()]);
    let params = SaParams::ah(Spi(0x1234_5678), EncapsulationMode::Tunnel, a, b, integ, key);
    let mut out = OutboundSa::new(&params.clone().with_replay_window(64), p, &mut rng, NOW).unwrap();
    let mut inb = InboundSa::new(&params.with_replay_window(0).mirrored(), p, NOW).unwrap();
    let pkt = inner(size);
    let head = out.headroom(Framing::Ip);
    let mut buf = vec![0u8; head + size];
    buf[head..].copy_from_slice(&pkt);
    let r = out.encapsulate(NOW, &mut buf, head..head + size, Framing::Ip).unwrap();
    let wire = buf[r.clone()].to_vec();
    let mut dbuf = wire.clone();
    let n = wire.len();
    let mac = p.mac.new_mac(integ.mac(), &vec![0x22; integ.key_len()]).unwrap();
    let mut icv = vec![0u8; integ.icv_len()];
    let mut data = wire.clone();
    mac.compute(&[&data], &mut icv).unwrap();
    let sealed_icv = icv.clone();
    let header: [u8; 20] = pkt[..20].try_into().unwrap();
    let (encap, seal, encap_ratio) = paired(
        || {
            buf[head..head + 20].copy_from_slice(&header);
            out.encapsulate(NOW, black_box(&mut buf), head..head + size, Framing::Ip).unwrap();
        },
        || mac.compute(&[black_box(&data[..])], &mut icv).unwrap(),
    );
    let (decap, open, decap_ratio) = paired(
        || {
            dbuf.copy_from_slice(&wire);
            inb.decapsulate_packet(NOW, black_box(&mut dbuf), 0..n).unwrap();
        },
        || {
            data.copy_from_slice(&wire);
            mac.verify(&[black_box(&data[..])], &sealed_icv).unwrap();
        },
    );
    Run { encap, seal, encap_ratio, decap, open, decap_ratio }
}

fn bench_ah(name: &str, p: &'static CryptoProvider) {
    println!("## esp-ah AH data path, {name} provider\n");
    let mut h = vec!["transform".to_owned(), "operation".to_owned()];
    h.extend(SIZES.iter().map(|s| format!("{s} B")));
    let mut detail = Table::new(&h.iter().map(String::as_str).collect::<Vec<_>>());
    let mut summary =
        Table::new(&["transform (1400 B)", "encap", "raw MAC", "encap ÷ raw", "decap", "raw verify", "decap ÷ raw"]);
    for (tname, integ) in AH_TRANSFORMS {
        if !p.supports_integrity(integ) {
            println!("({tname}: not supported by {name})\n");
            continue;
        }
        let results: Vec<Run> = SIZES.iter().map(|&s| run_ah(p, integ, s)).collect();
        add_rows(&mut detail, &mut summary, tname, &results, ["encap", "raw MAC", "decap", "raw verify"]);
    }
    println!("### At 1400 bytes\n");
    summary.print();
    println!("### All sizes (throughput of the inner packet; ratio = median over pairs of raw time ÷ AH time)\n");
    detail.print();
}

/// Adds one transform's results to the detail and summary tables; `labels` names the encap,
/// raw seal, decap and raw open rows.
fn add_rows(detail: &mut Table, summary: &mut Table, tname: &str, results: &[Run], labels: [&str; 4]) {
    let row = |label: &str, pick: &dyn Fn(&Run) -> Sample| {
        let mut r = vec![tname.to_owned(), label.to_owned()];
        r.extend(results.iter().zip(SIZES).map(|(x, s)| throughput_cell(&pick(x), s)));
        r
    };
    let ratios = |label: &str, pick: &dyn Fn(&Run) -> f64| {
        let mut r = vec![tname.to_owned(), label.to_owned()];
        r.extend(results.iter().map(|x| format!("{:.2}", pick(x))));
        r
    };
    detail.row(row(labels[0], &|x| x.encap));
    detail.row(row(labels[1], &|x| x.seal));
    detail.row(ratios("encap ÷ raw", &|x| x.encap_ratio));
    detail.row(row(labels[2], &|x| x.decap));
    detail.row(row(labels[3], &|x| x.open));
    detail.row(ratios("decap ÷ raw", &|x| x.decap_ratio));
    let x = &results[2];
    summary.row(vec![
        tname.to_owned(),
        throughput_cell(&x.encap, 1400),
        throughput_cell(&x.seal, 1400),
        format!("{:.2}", x.encap_ratio),
        throughput_cell(&x.decap, 1400),
        throughput_cell(&x.open, 1400),
        format!("{:.2}", x.decap_ratio),
    ]);
}

fn replay_cost() {
    println!("## Anti-replay window cost (check + update per packet, in order)\n");
    let mut t = Table::new(&["window", "ns per packet"]);
    for size in [64u32, 1024, 4096] {
        let mut w = ReplayWindow::new(size, true, 0).unwrap();
        let mut seq: u32 = 0;
        let s = measure(|| {
            seq = seq.wrapping_add(1).max(1);
            let full = w.check(black_box(seq)).unwrap();
            w.update(full);
        });
        t.row(vec![size.to_string(), group(s.median_ns)]);
    }
    t.print();
}

fn memory() {
    println!("## Memory per SA\n");
    println!(
        "`size_of::<OutboundSa>()` = {} bytes, `size_of::<InboundSa>()` = {} bytes (64-bit target). Heap bytes owned \
         by the SA itself, excluding the provider's keyed objects (key schedules):\n",
        size_of::<OutboundSa>(),
        size_of::<InboundSa>()
    );
    let mut t = Table::new(&["replay window", "inbound heap (bitmap)", "inbound total", "outbound total"]);
    let enc = EncryptionAlgorithm::AesGcm(AesKeyLen::Aes128, GcmIcvLen::Icv16);
    let mut rng = chacha20::ChaCha20Rng::from_seed([1; 32]);
    for window in [0u32, 64, 1024, 4096] {
        let p = params(enc, None, window);
        let inb = InboundSa::new(&p, CryptoProvider::rustcrypto(), NOW).unwrap();
        let out = OutboundSa::new(&p, CryptoProvider::rustcrypto(), &mut rng, NOW).unwrap();
        t.row(vec![
            window.to_string(),
            format!("{} B", inb.heap_bytes()),
            format!("{} B", size_of::<InboundSa>() + inb.heap_bytes()),
            format!("{} B", size_of::<OutboundSa>() + out.heap_bytes()),
        ]);
    }
    t.print();
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this with no args and
    // expects a quick exit.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let (time, reps) = benchkit::settings();
    println!("# esp-ah data-path benchmark\n");
    println!("median of {reps} repetitions of ~{} ms each; MB = 10^6 bytes\n", time.as_millis());
    memory();
    replay_cost();
    let only = std::env::var("ESP_BENCH_ONLY").unwrap_or_default();
    for (name, p) in providers() {
        if !only.starts_with("AH") {
            bench_provider(name, p);
        }
        if only.is_empty() || only.starts_with("AH") {
            bench_ah(name, p);
        }
    }
}
