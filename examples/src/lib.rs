//! Glue shared by the example binaries in `src/bin/`: the binaries stay thin, the protocol
//! logic lives in the library crates.

pub mod ikev1_peer;
pub mod ipsec_pcap;
