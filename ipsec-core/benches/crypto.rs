//! Raw throughput of every cipher, AEAD and MAC of the RustCrypto provider at 64, 512, 1400 and
//! 9000 bytes, and key-exchange operations per second per Diffie-Hellman group. These are the
//! limits the ESP data path and the IKE state machines are later measured against.
//!
//! Run: `cargo bench -p ipsec-core --bench crypto` (`BENCH_QUICK=1` for a smoke run).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use benchkit::{Table, group, measure, throughput_cell};
use ipsec_core::CryptoProvider;
use ipsec_core::algorithm::{AesKeyLen, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, MacAlgorithm};
use rand_core::SeedableRng;

const SIZES: [usize; 4] = [64, 512, 1400, 9000];

fn headers() -> Vec<String> {
    SIZES.iter().map(|s| format!("{s} B")).collect()
}

fn new_table(first: &str) -> Table {
    let mut h = vec![first.to_owned()];
    h.extend(headers());
    Table::new(&h.iter().map(String::as_str).collect::<Vec<_>>())
}

/// Rounds a payload size up to the cipher's block size, as ESP padding does.
fn padded(size: usize, block: usize) -> usize {
    size.div_ceil(block) * block
}

fn ciphers(p: &CryptoProvider) {
    println!("## Ciphers (encrypt in place, per-packet IV, key expanded once)\n");
    let mut t = new_table("cipher");
    for &alg in EncryptionAlgorithm::ALL.iter().filter(|a| !a.is_aead() && **a != EncryptionAlgorithm::Null) {
        let cipher = p.cipher.new_cipher(alg, &vec![0x11; alg.keymat_len()]).unwrap();
        let iv = vec![0x22; alg.iv_len()];
        let mut row = vec![alg.name().to_owned()];
        for size in SIZES {
            let mut buf = vec![0x33u8; padded(size, alg.block_size())];
            let s = measure(|| cipher.encrypt(&iv, &mut buf).unwrap());
            row.push(throughput_cell(&s, size));
        }
        t.row(row);
    }
    t.print();
}

fn aeads(p: &CryptoProvider) {
    println!("## AEADs (seal in place, 8-byte AAD = ESP header, detached tag)\n");
    let mut t = new_table("AEAD");
    for &alg in EncryptionAlgorithm::ALL.iter().filter(|a| a.is_aead()) {
        let aead = p.aead.new_aead(alg, &vec![0x11; alg.keymat_len()]).unwrap();
        let mut row = vec![alg.name().to_owned()];
        let mut tag = vec![0u8; alg.icv_len()];
        for size in SIZES {
            let s = if alg.encrypts() {
                let mut buf = vec![0x33u8; size];
                measure(|| aead.seal(&[7; 8], &[9; 8], &mut buf, &mut tag).unwrap())
            } else {
                // GMAC authenticates the whole packet as AAD.
                let aad = vec![0x33u8; size];
                measure(|| aead.seal(&[7; 8], &aad, &mut [], &mut tag).unwrap())
            };
            row.push(throughput_cell(&s, size));
        }
        t.row(row);
    }
    t.print();
}

fn macs(p: &CryptoProvider) {
    println!("## MACs (full output over the buffer, pre-keyed)\n");
    let mut t = new_table("MAC");
    for &alg in MacAlgorithm::ALL {
        let mac = p.mac.new_mac(alg, &[0x44; 16]).unwrap();
        let mut out = vec![0u8; alg.output_len()];
        let mut row = vec![format!("{alg:?}")];
        for size in SIZES {
            let buf = vec![0x55u8; size];
            let s = measure(|| mac.compute(&[&buf], &mut out).unwrap());
            row.push(throughput_cell(&s, size));
        }
        t.row(row);
    }
    t.print();
}

fn cbc_hmac(p: &CryptoProvider) {
    println!("## Classic ESP transform work: CBC encrypt + HMAC over header, IV and ciphertext\n");
    let mut t = new_table("transform");
    let pairs = [
        (EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128), IntegrityAlgorithm::HmacSha1_96),
        (EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128), IntegrityAlgorithm::HmacSha2_256_128),
        (EncryptionAlgorithm::AesCbc(AesKeyLen::Aes256), IntegrityAlgorithm::HmacSha2_512_256),
        (EncryptionAlgorithm::TripleDesCbc, IntegrityAlgorithm::HmacMd5_96),
    ];
    for (enc, integ) in pairs {
        let cipher = p.cipher.new_cipher(enc, &vec![0x11; enc.keymat_len()]).unwrap();
        let mac = p.mac.new_mac(integ.mac(), &vec![0x66; integ.key_len()]).unwrap();
        let iv = vec![0x22; enc.iv_len()];
        let mut icv = vec![0u8; integ.icv_len()];
        let mut row = vec![format!("{enc}+{integ}")];
        for size in SIZES {
            let mut buf = vec![0x33u8; padded(size, enc.block_size())];
            let s = measure(|| {
                cipher.encrypt(&iv, &mut buf).unwrap();
                mac.compute(&[&[0u8; 8], &iv, &buf], &mut icv).unwrap();
            });
            row.push(throughput_cell(&s, size));
        }
        t.row(row);
    }
    t.print();
}

fn key_exchange(p: &CryptoProvider) {
    println!("## Key exchange (per group: key generation, and a whole side of an exchange)\n");
    let mut t = Table::new(&["group", "keygen ops/s", "keygen µs", "keygen+shared ops/s", "shared µs (derived)"]);
    let mut rng = chacha20::ChaCha20Rng::from_seed([5; 32]);
    for &g in DhGroup::ALL {
        // The peer's public value, fixed for the run.
        let peer = p.key_exchange.start(g, &mut rng).unwrap().public_value().to_vec();
        let keygen = measure(|| p.key_exchange.start(g, &mut rng).unwrap());
        let full = measure(|| p.key_exchange.start(g, &mut rng).unwrap().complete(&peer).unwrap());
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

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this with no args and
    // expects a quick exit.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let (time, reps) = benchkit::settings();
    println!("# ipsec-core crypto benchmark (RustCrypto provider)\n");
    println!("median of {reps} repetitions of ~{} ms each; MB = 10^6 bytes\n", time.as_millis());
    let p = CryptoProvider::rustcrypto();
    ciphers(p);
    aeads(p);
    macs(p);
    cbc_hmac(p);
    key_exchange(p);
}
