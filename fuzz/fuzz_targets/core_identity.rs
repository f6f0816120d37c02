//! ID payload bodies of both IKE versions: decoding never panics, and what decodes re-encodes
//! to the same bytes.
#![no_main]

use ipsec_core::types::Identity;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&id_type, body)) = data.split_first() else { return };
    if let Ok(id) = Identity::from_ikev1(id_type, body) {
        assert_eq!(id.to_ikev1(), (id_type, body.to_vec()));
    }
    if let Ok(id) = Identity::from_ikev2(id_type, body) {
        assert_eq!(id.to_ikev2(), Ok((id_type, body.to_vec())));
    }
});
