#!/usr/bin/env python3
"""Independent expected values for ipsec-core/tests/kat_kdf.rs.

Implements, literally and with nothing but Python's `hmac`/`hashlib` (and AES from the
`cryptography` package for AES-XCBC-PRF-128):

* prf+ of RFC 7296 section 2.13:
      T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n), prf+ = T1 | T2 | ...
* the IKEv1 KEYMAT expansion of RFC 2409 section 5.5:
      K1 = prf(SKEYID_d, seed), Kn = prf(SKEYID_d, Kn-1 | seed)
* the IKEv1 cipher key expansion of RFC 2409 Appendix B:
      K1 = prf(SKEYID_e, 0x00), Kn = prf(SKEYID_e, Kn-1)

Before printing anything it checks itself against published vectors: the NIST CAVP
SP 800-135 IKEv2 KDF vector with HMAC-SHA-1 (SKEYSEED, DKM, SKEYSEED rekey), the CAVP
IKEv1 vector (SKEYID_d/a/e), RFC 3566 section 4.6 and RFC 4434 section 4.

Run: python3 ipsec-core/tests/vectors/prf_plus.py
"""

import hashlib
import hmac

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def hmac_prf(name):
    return lambda key, data: hmac.new(key, data, getattr(hashlib, name)).digest()


def aes_block(key, block):
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return enc.update(block) + enc.finalize()


def xor(a, b):
    return bytes(x ^ y for x, y in zip(a, b))


def aes_xcbc_mac(key, msg):
    """RFC 3566 section 4."""
    assert len(key) == 16
    k1 = aes_block(key, b"\x01" * 16)
    k2 = aes_block(key, b"\x02" * 16)
    k3 = aes_block(key, b"\x03" * 16)
    blocks = [msg[i:i + 16] for i in range(0, len(msg), 16)] or [b""]
    e = bytes(16)
    for block in blocks[:-1]:
        e = aes_block(k1, xor(block, e))
    last = blocks[-1]
    if len(last) == 16:
        last = xor(last, k2)
    else:
        last = xor(last + b"\x80" + bytes(15 - len(last)), k3)
    return aes_block(k1, xor(last, e))


def aes_xcbc_prf_128(key, msg):
    """RFC 4434 section 2."""
    if len(key) < 16:
        key = key + bytes(16 - len(key))
    elif len(key) > 16:
        key = aes_xcbc_mac(bytes(16), key)
    return aes_xcbc_mac(key, msg)


def prf_plus(prf, key, seed, length):
    out, t, n = b"", b"", 1
    while len(out) < length:
        t = prf(key, t + seed + bytes([n]))
        out += t
        n += 1
    return out[:length]


def ikev1_keymat(prf, skeyid_d, seed, length):
    out, k = b"", b""
    while len(out) < length:
        k = prf(skeyid_d, k + seed)
        out += k
    return out[:length]


def ikev1_expand_cipher_key(prf, skeyid_e, length):
    out, k = b"", b"\x00"
    while len(out) < length:
        k = prf(skeyid_e, k)
        out += k
    return out[:length]


h = bytes.fromhex
sha1 = hmac_prf("sha1")

# --- Self-checks against published vectors -------------------------------------------------

# NIST CAVP SP 800-135 IKEv2 KDF, HMAC-SHA-1.
ni, nr = h("32b50d5f4a3763f3"), h("9206a04b26564cb1")
spii, spir = h("34c9e7c188868785"), h("3ff77d760d2b2199")
gir = h("4b2c1f971981a8ad8d0abeafabf38cf75fc8349c148142465ed9c8b516b8be52")
gir_new = h("863f3c9d06efd39d2b907b97f8699e5dd5251ef64a2a176f36ee40c87d4f9330")
skeyseed = sha1(ni + nr, gir)
assert skeyseed == h("a9a7b222b59f8f48645f28a1db5b5f5d7479cba7")
dkm = prf_plus(sha1, skeyseed, ni + nr + spii + spir, 132)
assert dkm == h(
    "a14293677cc80ff8f9cc0eee30d895da9d8f405666e30ef0dfcb63c634a46002"
    "a2a63080e514a062768b76606f9fa5e992204fc5a670bde3f10d6b027113936a"
    "5c55b648a194ae587b0088d52204b702c979fa280870d2ed41efa9c549fd1119"
    "8af1670b143d384bd275c5f594cf266b05ebadca855e4249520a441a81157435"
    "a7a56cc4"
)
sk_d = dkm[:20]
assert sha1(sk_d, gir_new + ni + nr) == h("63e81194946ebd05df7df5ebf5d8750056bf1f1d")
# DKM(Child SA) = prf+(SK_d, Ni | Nr) and DKM(Child SA D-H) = prf+(SK_d, g^ir (new) | Ni | Nr).
assert prf_plus(sha1, sk_d, ni + nr, 132) == h(
    "8059e3ee8810e6c3a91bc8bcd2a7a41151b8d0e6ae239c7b38093ad85ef4c581"
    "1a8e7b5d1cdabd9560b2d5e092d1f24e2d4b85eccdf0ad0dc9abd94b51ee7181"
    "4ca6dbc8bb51b6309f5b9545c7eb35cf5580b1e521a8fe20754a2d883ba0c2cf"
    "285f524aea6545b33106bc03e614296d319d41d4b50b3f510b1c0a22f3e66499"
    "4d234cb4"
)
assert prf_plus(sha1, sk_d, gir_new + ni + nr, 132) == h(
    "bb43244c1860ad65ee1e211ffe8bb3661750c8f89cb9f547df7f4fa61d373016"
    "28190e38c66232eab4b3ab14c400a5197dd3730ed4820a8a10394d51e1c04000"
    "52f63ebd36b0e7ef53aaed31eba4a5080d7d4b5666023a8bbb5ffb7857240f9a"
    "05884d1b7d2f933708450b7b3288f1fc863ab49fa901227cffc06e27899c7054"
    "d56fd74c"
)

# NIST CAVP SP 800-135 IKEv1 (digital signature), HMAC-SHA-1.
skeyid = h("707197817fb2d90cf54d1842606bdea59b9f4823")
gxy = h("8ba4cbc73c0187301dc19a975823854dbd641c597f637f8d053a83b9514673eb")
cky_i, cky_r = h("8c3bcd3a69831d7f"), h("d2d9a7ff4fbe95a7")
skeyid_d = sha1(skeyid, gxy + cky_i + cky_r + b"\x00")
skeyid_a = sha1(skeyid, skeyid_d + gxy + cky_i + cky_r + b"\x01")
skeyid_e = sha1(skeyid, skeyid_a + gxy + cky_i + cky_r + b"\x02")
assert skeyid_d == h("384be709a8a5e63c3ed160cfe3921c4b37d5b32d")
assert skeyid_a == h("48b327575abe3adba0f279849e289022a13e2b47")
assert skeyid_e == h("a4a415c8e0c38c0da847c356cc61c24df8025560")

# RFC 3566 section 4.6 test case 4 and RFC 4434 section 4.
xcbc_key = h("000102030405060708090a0b0c0d0e0f")
msg20 = bytes(range(20))
assert aes_xcbc_mac(xcbc_key, msg20) == h("47f51b4564966215b8985c63055ed308")
assert aes_xcbc_mac(xcbc_key, b"") == h("75f0251d528ac01c4573dfd584d79f29")
assert aes_xcbc_prf_128(h("00010203040506070809"), msg20) == h("0fa087af7d866e7653434e602fdde835")
assert aes_xcbc_prf_128(h("000102030405060708090a0b0c0d0e0fedcb"), msg20) == h("8cd3c93ae598a9803006ffb67c40e9e4")

# --- Values embedded in kat_kdf.rs -----------------------------------------------------------


def show(label, value):
    print(f"{label} ({len(value)} bytes):")
    for i in range(0, len(value), 32):
        print(f"    {value[i:i + 32].hex()}")


seed = ni + nr + spii + spir
print("# prf+ over the CAVP inputs, S = Ni | Nr | SPIi | SPIr, K = prf(Ni | Nr, g^ir)")
for name, prf, length in [
    ("md5", hmac_prf("md5"), 100),
    ("sha256", hmac_prf("sha256"), 200),
    ("sha384", hmac_prf("sha384"), 200),
    ("sha512", hmac_prf("sha512"), 300),
]:
    key = prf(ni + nr, gir)
    show(f"SKEYSEED HMAC-{name}", key)
    show(f"prf+ HMAC-{name}", prf_plus(prf, key, seed, length))

# AES-XCBC-PRF-128 (RFC 4434): SKEYSEED = prf(Ni | Nr, g^ir) with the 16-byte Ni | Nr.
key = aes_xcbc_prf_128(ni + nr, gir)
show("SKEYSEED AES-XCBC-PRF-128", key)
show("prf+ AES-XCBC-PRF-128", prf_plus(aes_xcbc_prf_128, key, seed, 100))

print("# IKEv1 KEYMAT (RFC 2409 section 5.5), SKEYID_d from the CAVP IKEv1 vector")
protocol = b"\x03"  # PROTO_IPSEC_ESP
spi = h("c0ffee01")
ni_b = h("1112131415161718191a1b1c1d1e1f20")
nr_b = h("2122232425262728292a2b2c2d2e2f30")
gqm = h("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20")
show("KEYMAT HMAC-SHA-1 without PFS", ikev1_keymat(sha1, skeyid_d, protocol + spi + ni_b + nr_b, 72))
show("KEYMAT HMAC-SHA-1 with PFS", ikev1_keymat(sha1, skeyid_d, gqm + protocol + spi + ni_b + nr_b, 72))
sha256 = hmac_prf("sha256")
skeyid_d_256 = h("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")
show("KEYMAT HMAC-SHA-256 without PFS", ikev1_keymat(sha256, skeyid_d_256, protocol + spi + ni_b + nr_b, 96))

print("# IKEv1 cipher key expansion (RFC 2409 Appendix B)")
show("Appendix B HMAC-SHA-1, SKEYID_e from CAVP IKEv1, 32 bytes", ikev1_expand_cipher_key(sha1, skeyid_e, 32))
skeyid_e_nss = h("63e81194946ebd05df7df5ebf5d8750056bf1f1d")
appb = ikev1_expand_cipher_key(sha1, skeyid_e_nss, 132)
# The same value NSS publishes in its ike_sha1_vectors.h (test 11, "self-generated").
assert appb == h(
    "933347a07de5782247dd36d1562ffe0eecade1eb4134165257e3af1000af8ae3f16506382"
    "8cbb60d910b7db38fa3c7f62c4afaaf3203da065c841729853edb23e9e7ac8286ae65c8cb"
    "6c667d79268c0bd6705abb9131698eb822b1c1f9dd142fc7be2c1010ee0152e10195add98"
    "999c6b6d42c8fe9c1b134d56ad5f2c6f20e815bd25c52"
)
show("Appendix B HMAC-SHA-1, NSS test 11 key, 132 bytes", appb)
