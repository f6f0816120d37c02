//! IKEv1 / ISAKMP codec: decoding arbitrary bytes as a message, as each payload kind, as
//! transform attributes and as an encrypted message never panics, and whatever decodes
//! re-encodes to bytes that decode to the same value (a fixed point of the encoder).
#![no_main]

use ikev1::crypt::{Iv, MessageCipher};
use ikev1::payload::TransformPayload;
use ikev1::transform::{IpsecTransform, Phase1Transform};
use ikev1::{Header, Message, Payload, RawPayloads, tail_after_hash};
use ipsec_core::SecretBytes;
use ipsec_core::algorithm::{AesKeyLen, EncryptionAlgorithm};
use ipsec_core::crypto::CryptoProvider;
use ipsec_core::registry::ikev1::{PayloadType, ProtocolId};
use libfuzzer_sys::fuzz_target;

/// Every payload type the codec models, plus one it keeps raw.
const PAYLOAD_TYPES: [u8; 19] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 20, 21, 130, 131, 132];

fn check_message(data: &[u8]) {
    let Ok(message) = Message::decode(data) else { return };
    let encoded = message.encode().expect("a decoded message re-encodes");
    let again = Message::decode(&encoded).expect("the re-encoding decodes");
    assert_eq!(again, message);
    assert_eq!(again.encode().expect("re-encodes"), encoded);
    let _ = message.check_payload_types();
    let _ = message.hashed_tail();
}

fn check_payload(payload_type: PayloadType, body: &[u8]) {
    let Ok(payload) = Payload::from_body(payload_type, body) else { return };
    let encoded = payload.body().expect("a decoded payload re-encodes");
    let again = Payload::from_body(payload.payload_type(), &encoded).expect("the re-encoding decodes");
    assert_eq!(again, payload);
    if let Payload::Notification(n) = &payload {
        let _ = n.responder_lifetime_attributes();
    }
}

fuzz_target!(|data: &[u8]| {
    check_message(data);
    let _ = Header::decode(data);

    let Some((&selector, body)) = data.split_first() else { return };
    let first = PayloadType::from_value(selector);
    let _ = RawPayloads::new(first, body).count();
    let _ = tail_after_hash(first, body);
    check_payload(first, body);
    for t in PAYLOAD_TYPES {
        check_payload(PayloadType::from_value(t), body);
    }

    // Transforms of each protocol and their negotiated views.
    for protocol in [ProtocolId::Isakmp, ProtocolId::IpsecEsp, ProtocolId::IpsecAh] {
        if let Ok(t) = TransformPayload::from_body(body, protocol) {
            let _ = Phase1Transform::from_transform(&t);
            if let Ok(view) = IpsecTransform::from_transform(protocol, &t) {
                let _ = view.to_transform(t.number);
            }
        }
    }

    // The same bytes as the ciphertext of an encrypted message behind a valid header.
    let provider = CryptoProvider::rustcrypto();
    let alg = EncryptionAlgorithm::AesCbc(AesKeyLen::Aes128);
    let cipher = MessageCipher::new(provider, alg, &SecretBytes::from_slice(&[selector; 16])).expect("AES-128");
    let iv = Iv::new(&[selector; 16]).expect("one block");
    let mut datagram = [&[0u8; 16][..], &[selector, 0x10, 2, 1, 0, 0, 0, 0]].concat();
    let len = u32::try_from(28 + body.len()).unwrap_or(u32::MAX);
    datagram.extend_from_slice(&len.to_be_bytes());
    datagram.extend_from_slice(body);
    if let Ok(decrypted) = cipher.decrypt(&datagram, &iv) {
        let _ = decrypted.hashed_tail();
        let _ = cipher.encrypt(&decrypted.message, &iv, ikev1::crypt::Padding::Zeros);
    }
});
