//! Raw throughput of every cipher, AEAD and MAC of the crypto providers at 64, 512, 1400 and
//! 9000 bytes, and key-exchange operations per second per Diffie-Hellman group. These are the
//! limits the ESP data path and the IKE state machines are later measured against.
//!
//! With the default features this measures the RustCrypto provider. With `--features aws-lc`
//! it also measures the aws-lc-rs provider, each cell right after the same cell of the
//! RustCrypto provider and in two alternating rounds (keeping each provider's faster median),
//! so both see the same machine state; it prints the same tables for it, and then a ratio table
//! per section: aws-lc-rs ÷ RustCrypto in MB/s (ops/s for key exchange).
//! Rows that the aws-lc-rs provider hands to RustCrypto are marked; their ratio shows the noise
//! of the run. Its key-exchange table lists only the groups AWS-LC runs (the MODP groups are the
//! RustCrypto code either way).
//!
//! Run: `cargo bench -p ipsec-core --bench crypto [--features aws-lc]` (`BENCH_QUICK=1` for a
//! smoke run).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use benchkit::{Sample, Table, group, measure, throughput_cell};
use ipsec_core::CryptoProvider;
use ipsec_core::algorithm::{AesKeyLen, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, MacAlgorithm};
use rand_core::SeedableRng;

const SIZES: [usize; 4] = [64, 512, 1400, 9000];

/// A provider under measurement.
struct Provider {
    /// Name in headings.
    name: &'static str,
    /// The provider.
    provider: &'static CryptoProvider,
}

/// The providers of this build: RustCrypto first (the base of every ratio), then aws-lc-rs.
fn providers() -> Vec<Provider> {
    #[allow(unused_mut)]
    let mut all = vec![Provider { name: "RustCrypto", provider: CryptoProvider::rustcrypto() }];
    #[cfg(feature = "aws-lc")]
    all.push(Provider { name: "aws-lc-rs", provider: CryptoProvider::aws_lc() });
    all
}

/// Whether the aws-lc-rs provider runs the algorithm itself (always true without the feature,
/// where there is nothing to mark).
#[allow(unused_variables)]
fn native_encryption(algorithm: EncryptionAlgorithm) -> bool {
    #[cfg(feature = "aws-lc")]
    return ipsec_core::crypto::awslc::implements_encryption(algorithm);
    #[cfg(not(feature = "aws-lc"))]
    true
}

#[allow(unused_variables)]
fn native_mac(algorithm: MacAlgorithm) -> bool {
    #[cfg(feature = "aws-lc")]
    return ipsec_core::crypto::awslc::implements_mac(algorithm);
    #[cfg(not(feature = "aws-lc"))]
    true
}

#[allow(unused_variables)]
fn native_dh(group: DhGroup) -> bool {
    #[cfg(feature = "aws-lc")]
    return ipsec_core::crypto::awslc::implements_dh(group);
    #[cfg(not(feature = "aws-lc"))]
    true
}

/// One row of a throughput section: `samples[size][provider]`.
struct Row {
    label: String,
    native: bool,
    samples: Vec<Vec<Sample>>,
}

/// A throughput table measured on every provider.
struct Section {
    title: &'static str,
    first: &'static str,
    rows: Vec<Row>,
}

fn new_table(first: &str) -> Table {
    let mut h = vec![first.to_owned()];
    h.extend(SIZES.iter().map(|s| format!("{s} B")));
    Table::new(&h.iter().map(String::as_str).collect::<Vec<_>>())
}

impl Section {
    /// Prints the table of provider `k`.
    fn print(&self, k: usize, name: &str, many: bool) {
        if many {
            println!("## {} — {name}\n", self.title);
        } else {
            println!("## {}\n", self.title);
        }
        let mut t = new_table(self.first);
        for row in &self.rows {
            let mut cells = vec![row.label.clone()];
            cells.extend(row.samples.iter().zip(SIZES).map(|(s, size)| throughput_cell(&s[k], size)));
            t.row(cells);
        }
        t.print();
    }

    /// Prints provider `k` ÷ provider 0 in MB/s.
    fn print_ratio(&self, k: usize, name: &str, base: &str) {
        println!("## {} — {name} ÷ {base} (MB/s ratio)\n", self.title);
        let mut h = vec![self.first.to_owned(), format!("on {name}")];
        h.extend(SIZES.iter().map(|s| format!("{s} B")));
        let mut t = Table::new(&h.iter().map(String::as_str).collect::<Vec<_>>());
        for row in &self.rows {
            let mut cells = vec![row.label.clone(), if row.native { "yes".into() } else { format!("no ({base})") }];
            cells.extend(row.samples.iter().map(|s| format!("{:.2}×", s[0].median_ns / s[k].median_ns)));
            t.row(cells);
        }
        t.print();
    }
}

/// Measures `op` on every keyed object, one after the other. With more than one provider this
/// runs two rounds (A, B, A, B) and keeps each provider's faster median, so that a burst of
/// load from other processes on the shared machine does not land on one provider only.
fn measure_each<T>(objects: &[T], mut op: impl FnMut(&T) -> Sample) -> Vec<Sample> {
    let rounds = if objects.len() > 1 { 2 } else { 1 };
    let mut best: Vec<Option<Sample>> = objects.iter().map(|_| None).collect();
    for _ in 0..rounds {
        for (object, slot) in objects.iter().zip(best.iter_mut()) {
            let sample = op(object);
            if slot.is_none_or(|b| sample.median_ns < b.median_ns) {
                *slot = Some(sample);
            }
        }
    }
    best.into_iter().map(|s| s.expect("measured")).collect()
}

/// Rounds a payload size up to the cipher's block size, as ESP padding does.
fn padded(size: usize, block: usize) -> usize {
    size.div_ceil(block) * block
}

fn ciphers(ps: &[Provider]) -> Section {
    let mut rows = Vec::new();
    for &alg in EncryptionAlgorithm::ALL.iter().filter(|a| !a.is_aead() && **a != EncryptionAlgorithm::Null) {
        let ciphers: Vec<_> =
            ps.iter().map(|p| p.provider.cipher.new_cipher(alg, &vec![0x11; alg.keymat_len()]).unwrap()).collect();
        let iv = vec![0x22; alg.iv_len()];
        let samples = SIZES
            .iter()
            .map(|&size| {
                let mut buf = vec![0x33u8; padded(size, alg.block_size())];
                measure_each(&ciphers, |c| measure(|| c.encrypt(&iv, &mut buf).unwrap()))
            })
            .collect();
        rows.push(Row { label: alg.name().to_owned(), native: native_encryption(alg), samples });
    }
    Section { title: "Ciphers (encrypt in place, per-packet IV, key expanded once)", first: "cipher", rows }
}

fn aeads(ps: &[Provider]) -> Section {
    let mut rows = Vec::new();
    for &alg in EncryptionAlgorithm::ALL.iter().filter(|a| a.is_aead()) {
        let aeads: Vec<_> =
            ps.iter().map(|p| p.provider.aead.new_aead(alg, &vec![0x11; alg.keymat_len()]).unwrap()).collect();
        let mut tag = vec![0u8; alg.icv_len()];
        let samples = SIZES
            .iter()
            .map(|&size| {
                measure_each(&aeads, |aead| {
                    if alg.encrypts() {
                        let mut buf = vec![0x33u8; size];
                        measure(|| aead.seal(&[7; 8], &[9; 8], &mut buf, &mut tag).unwrap())
                    } else {
                        // GMAC authenticates the whole packet as AAD.
                        let aad = vec![0x33u8; size];
                        measure(|| aead.seal(&[7; 8], &aad, &mut [], &mut tag).unwrap())
                    }
                })
            })
            .collect();
        rows.push(Row { label: alg.name().to_owned(), native: native_encryption(alg), samples });
    }
    Section { title: "AEADs (seal in place, 8-byte AAD = ESP header, detached tag)", first: "AEAD", rows }
}

fn macs(ps: &[Provider]) -> Section {
    let mut rows = Vec::new();
    for &alg in MacAlgorithm::ALL {
        let macs: Vec<_> = ps.iter().map(|p| p.provider.mac.new_mac(alg, &[0x44; 16]).unwrap()).collect();
        let mut out = vec![0u8; alg.output_len()];
        let samples = SIZES
            .iter()
            .map(|&size| {
                let buf = vec![0x55u8; size];
                measure_each(&macs, |mac| measure(|| mac.compute(&[&buf], &mut out).unwrap()))
            })
            .collect();
        rows.push(Row { label: format!("{alg:?}"), native: native_mac(alg), samples });
    }
    Section { title: "MACs (full output over the buffer, pre-keyed)", first: "MAC", rows }
}

fn cbc_hmac(ps: &[Provider]) -> Section {
    let pairs = [
        (EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128), IntegrityAlgorithm::HmacSha1_96),
        (EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128), IntegrityAlgorithm::HmacSha2_256_128),
        (EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256), IntegrityAlgorithm::HmacSha2_512_256),
        (EncryptionAlgorithm::TripleDesCbc, IntegrityAlgorithm::HmacMd5_96),
    ];
    let mut rows = Vec::new();
    for (enc, integ) in pairs {
        let keyed: Vec<_> = ps
            .iter()
            .map(|p| {
                let cipher = p.provider.cipher.new_cipher(enc, &vec![0x11; enc.keymat_len()]).unwrap();
                let mac = p.provider.mac.new_mac(integ.mac(), &vec![0x66; integ.key_len()]).unwrap();
                (cipher, mac)
            })
            .collect();
        let iv = vec![0x22; enc.iv_len()];
        let mut icv = vec![0u8; integ.icv_len()];
        let samples = SIZES
            .iter()
            .map(|&size| {
                let mut buf = vec![0x33u8; padded(size, enc.block_size())];
                measure_each(&keyed, |(cipher, mac)| {
                    measure(|| {
                        cipher.encrypt(&iv, &mut buf).unwrap();
                        mac.compute(&[&[0u8; 8], &iv, &buf], &mut icv).unwrap();
                    })
                })
            })
            .collect();
        let native = native_encryption(enc) && native_mac(integ.mac());
        rows.push(Row { label: format!("{enc}+{integ}"), native, samples });
    }
    Section {
        title: "Classic ESP transform work: CBC encrypt + HMAC over header, IV and ciphertext",
        first: "transform",
        rows,
    }
}

/// Key-exchange timings of one group: `(keygen, keygen + shared)` per provider, `None` where a
/// provider was not measured (the aws-lc-rs provider on a MODP group, which is RustCrypto's).
struct KxRow {
    group: DhGroup,
    samples: Vec<Option<(Sample, Sample)>>,
}

fn key_exchange(ps: &[Provider]) -> Vec<KxRow> {
    let mut rng = chacha20::ChaCha20Rng::from_seed([5; 32]);
    let mut rows = Vec::new();
    for &g in DhGroup::ALL {
        // The peer's public value, fixed for the run.
        let peer = ps[0].provider.key_exchange.start(g, &mut rng).unwrap().public_value().to_vec();
        // Only the RustCrypto provider runs the groups the others hand to it.
        let measured: Vec<&Provider> =
            ps.iter().enumerate().filter(|(k, _)| *k == 0 || native_dh(g)).map(|(_, p)| p).collect();
        let keygen = measure_each(&measured, |p| measure(|| p.provider.key_exchange.start(g, &mut rng).unwrap()));
        let full = measure_each(&measured, |p| {
            measure(|| p.provider.key_exchange.start(g, &mut rng).unwrap().complete(&peer).unwrap())
        });
        let mut samples: Vec<Option<(Sample, Sample)>> = keygen.into_iter().zip(full).map(Some).collect();
        samples.resize(ps.len(), None);
        rows.push(KxRow { group: g, samples });
    }
    rows
}

const KX_TITLE: &str = "Key exchange (per group: key generation, and a whole side of an exchange)";

fn print_key_exchange(rows: &[KxRow], k: usize, name: &str, many: bool) {
    if many {
        println!("## {KX_TITLE} — {name}\n");
    } else {
        println!("## {KX_TITLE}\n");
    }
    let mut t = Table::new(&["group", "keygen ops/s", "keygen µs", "keygen+shared ops/s", "shared µs (derived)"]);
    for row in rows {
        let Some((keygen, full)) = row.samples[k] else { continue };
        let g = row.group;
        t.row(vec![
            format!("{} ({g})", g.number()),
            group(keygen.ops_per_sec()),
            group(keygen.median_ns / 1e3),
            group(full.ops_per_sec()),
            group((full.median_ns - keygen.median_ns) / 1e3),
        ]);
    }
    t.print();
}

fn print_key_exchange_ratio(rows: &[KxRow], k: usize, name: &str, base: &str) {
    println!("## {KX_TITLE} — {name} ÷ {base} (ops/s ratio)\n");
    let mut t = Table::new(&[
        "group",
        &format!("{base} keygen+shared ops/s"),
        &format!("{name} keygen+shared ops/s"),
        "keygen",
        "keygen+shared",
    ]);
    for row in rows {
        let (Some((kg0, full0)), Some((kg, full))) = (row.samples[0], row.samples[k]) else { continue };
        let g = row.group;
        t.row(vec![
            format!("{} ({g})", g.number()),
            group(full0.ops_per_sec()),
            group(full.ops_per_sec()),
            format!("{:.2}×", kg0.median_ns / kg.median_ns),
            format!("{:.2}×", full0.median_ns / full.median_ns),
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
    let ps = providers();
    let names: Vec<&str> = ps.iter().map(|p| p.name).collect();
    let many = ps.len() > 1;
    println!("# ipsec-core crypto benchmark ({} provider{})\n", names.join(" and "), if many { "s" } else { "" });
    println!("median of {reps} repetitions of ~{} ms each; MB = 10^6 bytes\n", time.as_millis());
    if many {
        println!(
            "Each cell is measured on every provider back to back, in two alternating rounds; each provider keeps \
             its faster median.\n"
        );
    }
    let sections = [ciphers(&ps), aeads(&ps), macs(&ps), cbc_hmac(&ps)];
    let kx = key_exchange(&ps);
    for (k, name) in names.iter().enumerate() {
        for section in &sections {
            section.print(k, name, many);
        }
        print_key_exchange(&kx, k, name, many);
    }
    for (k, name) in names.iter().enumerate().skip(1) {
        println!("# Ratios: {name} ÷ {} (higher = {name} faster)\n", names[0]);
        for section in &sections {
            section.print_ratio(k, name, names[0]);
        }
        print_key_exchange_ratio(&kx, k, name, names[0]);
    }
}
