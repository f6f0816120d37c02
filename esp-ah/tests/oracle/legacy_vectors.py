#!/usr/bin/env python3
"""Independent expected values for the legacy transforms of esp-ah (tests/legacy.rs).

Computes, from the RFC texts and with no esp-ah code:

* RFC 1829 ESP DES-CBC packets (SPI, IV, DES-CBC of payload || padding || pad length ||
  payload type; a 4-byte IV field v stands for the IV v || ~v, RFC 1829 §2), with DES from
  the ``cryptography`` package as TripleDES with K1 = K2 = K3 (which is DES; checked here
  against the FIPS 81 vector);
* RFC 1828 AH keyed-MD5 packets: MD5(key || keyfill || datagram || key) over the datagram
  with the mutable IPv4 fields (TOS, flags, fragment offset, TTL, checksum) and the
  authentication data zeroed, keyfill being MD5's own padding of the key to 64 bytes
  (RFC 1828 §2), with ``hashlib``.

Keys and SPIs are the IOS configuration guide's manual-SA examples (seed 002:392-393):
``set session-key ... esp 256 cipher 0123456789012345`` and ``... ah 256
98765432109876549876543210987654``.

Run: ``python3 tests/oracle/legacy_vectors.py`` prints the vectors as Rust constants.
With ``--check FILE`` it reads ``name=hex`` lines and exits 1 on any difference (used by the
test when python3 is available).
"""

import hashlib
import struct
import sys

try:
    from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
except ImportError:  # cryptography < 43
    from cryptography.hazmat.primitives.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, modes

DES_KEY = bytes.fromhex("0123456789012345")
MD5_KEY = bytes.fromhex("98765432109876549876543210987654")
SPI = 256
SRC, DST = bytes([192, 0, 2, 1]), bytes([198, 51, 100, 2])


def des_cbc(key, iv, data):
    e = Cipher(TripleDES(key * 3), modes.CBC(iv)).encryptor()
    return e.update(data) + e.finalize()


def checksum(h):
    s = sum(struct.unpack("!%dH" % (len(h) // 2), h))
    while s > 0xFFFF:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ipv4(src, dst, proto, payload, tos=0x02, ident=0x1234, flags=0x40, ttl=64):
    h = bytearray(struct.pack("!BBHHBBBBH4s4s", 0x45, tos, 20 + len(payload), ident, flags, 0, ttl, proto, 0, src, dst))
    h[10:12] = struct.pack("!H", checksum(bytes(h)))
    return bytes(h) + payload


def inner():
    return ipv4(bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]), 17, b"RFC 1829 legacy ESP test payload")


def esp_rfc1829(iv_field, seq=1):
    """Tunnel mode, IPv4 outer header as esp-ah builds it (TTL 64, DSCP/ECN and DF copied,
    identification = low 16 bits of the packet counter)."""
    plain = inner()
    cbc_iv = iv_field + bytes(b ^ 0xFF for b in iv_field) if len(iv_field) == 4 else iv_field
    pad = (8 - (len(plain) + 2) % 8) % 8
    pt = plain + bytes(range(1, pad + 1)) + bytes([pad, 4])
    esp = struct.pack("!I", SPI) + iv_field + des_cbc(DES_KEY, cbc_iv, pt)
    return ipv4(SRC, DST, 50, esp, tos=plain[1], ident=seq & 0xFFFF, flags=0x40)


def esp_rfc1829_random_padding():
    """A packet padded with other bytes than 1, 2, 3 (RFC 1829 leaves the content open)."""
    plain = inner()
    iv = bytes.fromhex("0f1e2d3c4b5a6978")
    pad = (8 - (len(plain) + 2) % 8) % 8
    pt = plain + bytes([0xA5] * pad) + bytes([pad, 4])
    return struct.pack("!I", SPI) + iv + des_cbc(DES_KEY, iv, pt)


def keyed_md5(key, data):
    fill = b"\x80"
    while (len(key) + len(fill)) % 64 != 56:
        fill += b"\x00"
    fill += struct.pack("<Q", len(key) * 8)
    return hashlib.md5(key + fill + data + key).digest()


def zero_mutable_ipv4(h):
    h = bytearray(h)
    h[1] = 0
    h[6:9] = b"\x00\x00\x00"
    h[10:12] = b"\x00\x00"
    return bytes(h)


def ah_rfc1828_transport():
    payload = b"RFC 1828 keyed MD5 test datagram"
    plain = ipv4(SRC, DST, 17, payload)
    total = len(plain) + 24
    h = bytearray(plain[:20])
    h[2:4] = struct.pack("!H", total)
    h[9] = 51
    h[10:12] = b"\x00\x00"
    h[10:12] = struct.pack("!H", checksum(bytes(h)))
    ah = bytes([17, 4, 0, 0]) + struct.pack("!I", SPI)
    digest = keyed_md5(MD5_KEY, zero_mutable_ipv4(bytes(h)) + ah + bytes(16) + payload)
    return plain, bytes(h) + ah + digest + payload


def vectors():
    # DES sanity check: FIPS 81 / the classic "Now is t" vector.
    e = Cipher(TripleDES(bytes.fromhex("0123456789abcdef") * 3), modes.ECB()).encryptor()
    assert (e.update(b"Now is t") + e.finalize()).hex() == "3fa40e8a984d4815"
    plain, ah = ah_rfc1828_transport()
    return {
        "INNER": inner(),
        "ESP_IV8": esp_rfc1829(bytes.fromhex("1122334455667788")),
        "ESP_IV4": esp_rfc1829(bytes.fromhex("deadbeef")),
        "ESP_RANDOM_PADDING": esp_rfc1829_random_padding(),
        "AH_PLAIN": plain,
        "AH_TRANSPORT": ah,
    }


def main():
    v = vectors()
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        got = dict(line.strip().split("=", 1) for line in open(sys.argv[2]) if "=" in line)
        bad = [k for k in v if got.get(k) != v[k].hex()]
        print("legacy vectors differ: " + ", ".join(bad) if bad else "legacy vectors agree")
        sys.exit(1 if bad else 0)
    for name, value in v.items():
        print('const %s: &str = "%s";' % (name, value.hex()))


if __name__ == "__main__":
    main()
