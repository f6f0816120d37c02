#!/usr/bin/env python3
"""Independent ESP implementation for esp-ah's oracle test (tests/oracle_scapy.rs).

Reads cases from argv[1], one per line: ``case`` followed by ``key=value`` fields (hex for
bytes). For each case it

1. decrypts ``wire`` (the packet esp-ah produced) and checks that the result is ``plain``;
2. encrypts ``plain`` itself with the same SA and sequence number, and reports the packet as
   ``theirs`` for esp-ah to decrypt.

Writes one result line per case to argv[2]: ``<id> ok|fail|skip <reason> <theirs-hex or ->``.

The work is done by scapy's ``SecurityAssociation`` (scapy 2.8), with these workarounds for
its known faults (see shared/spec/oracles.md):

* AES-GCM with an 8- or 12-byte ICV: scapy always writes a 16-byte tag and accepts its own
  broken packets, so these cases are processed here with the ``cryptography`` package
  directly (GCM with ``min_tag_length=8`` and a truncated tag), on the ESP packet only.
* No ESN high-bit inference: the high 32 bits are given to scapy explicitly.
* ``encrypt(seq_num=0)`` / ``esn=0`` silently fall back to the SA's own counters: the SA is
  built with the wanted sequence number and high bits and ``encrypt`` gets no overrides.
* IPv6 NAT-T: scapy writes UDP checksum 0 (forbidden on IPv6); esp-ah does not check UDP
  checksums on input, so scapy's packets still decrypt, and scapy ignores esp-ah's
  (correct) checksum.
"""

import struct
import sys

from scapy.all import IP, IPv6, UDP, raw
from scapy.layers.ipsec import ESP, SecurityAssociation

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def parse(line):
    parts = line.split()
    assert parts[0] == "case", line
    fields = dict(p.split("=", 1) for p in parts[1:])
    return fields


def ip_class(data):
    return IP if data[0] >> 4 == 4 else IPv6


def make_sa(c, seq):
    enc = c["enc"]
    auth = c["auth"]
    kw = dict(
        spi=int(c["spi"]),
        seq_num=seq & 0xFFFFFFFF,
        crypt_algo=enc,
        crypt_key=bytes.fromhex(c["ekey"]) or None,
        auth_algo=None if auth == "NULL" else auth,
        auth_key=None if auth == "NULL" else bytes.fromhex(c["akey"]),
    )
    if c["esn"] == "1":
        kw["esn_en"] = True
        kw["esn"] = seq >> 32
    src, dst = c["src"], c["dst"]
    if c["mode"] == "tunnel":
        kw["tunnel_header"] = IP(src=src, dst=dst) if c["family"] == "4" else IPv6(src=src, dst=dst)
    if c["natt"] == "1":
        kw["nat_t_header"] = UDP(sport=4500, dport=4500)
    sa = SecurityAssociation(ESP, **kw)
    # Work around the `x or self.x` fallbacks: set the state the SA encrypts with directly.
    sa.seq_num = seq & 0xFFFFFFFF
    sa.esn = seq >> 32
    return sa


def scapy_case(c):
    seq = int(c["seq"])
    plain = bytes.fromhex(c["plain"])
    wire = bytes.fromhex(c["wire"])
    # 1. Our packet must decrypt to the plaintext.
    sa = make_sa(c, seq)
    got = sa.decrypt(ip_class(wire)(wire))
    got = raw(got)
    if got != plain:
        return "fail", "decrypt-mismatch:" + got.hex(), None
    # 2. Their packet, for esp-ah to decrypt.
    sa = make_sa(c, seq)
    theirs = raw(sa.encrypt(ip_class(plain)(plain)))
    return "ok", "-", theirs


def gcm_short_case(c):
    """AES-GCM with an 8- or 12-byte ICV on the ESP packet alone (RFC 4106), with the
    `cryptography` package."""
    icv = int(c["icv"])
    seq = int(c["seq"])
    esn = c["esn"] == "1"
    keymat = bytes.fromhex(c["ekey"])
    key, salt = keymat[:-4], keymat[-4:]
    payload = bytes.fromhex(c["payload"])
    nh = int(c["nh"])
    esp = bytes.fromhex(c["esp"])
    spi = int(c["spi"])

    def aad(seq):
        if esn:
            return struct.pack("!III", spi, seq >> 32, seq & 0xFFFFFFFF)
        return struct.pack("!II", spi, seq & 0xFFFFFFFF)

    # 1. Decrypt ours.
    hdr, iv, body, tag = esp[:8], esp[8:16], esp[16:-icv], esp[-icv:]
    if struct.unpack("!II", hdr) != (spi, seq & 0xFFFFFFFF):
        return "fail", "header", None
    d = Cipher(algorithms.AES(key), modes.GCM(salt + iv, tag, min_tag_length=8)).decryptor()
    d.authenticate_additional_data(aad(seq))
    try:
        pt = d.update(body) + d.finalize()
    except Exception as e:  # InvalidTag
        return "fail", "tag:" + type(e).__name__, None
    padlen, got_nh = pt[-2], pt[-1]
    if got_nh != nh or pt[: len(pt) - 2 - padlen] != payload:
        return "fail", "plaintext", None
    if pt[len(pt) - 2 - padlen : -2] != bytes(range(1, padlen + 1)):
        return "fail", "padding", None
    # 2. Encrypt: IV = a value of our own choosing (unique), padding to 4 bytes.
    iv = struct.pack("!Q", seq ^ 0x5A5A5A5A5A5A5A5A)
    padlen = -(len(payload) + 2) % 4
    pt = payload + bytes(range(1, padlen + 1)) + bytes([padlen, nh])
    e = Cipher(algorithms.AES(key), modes.GCM(salt + iv, min_tag_length=8)).encryptor()
    e.authenticate_additional_data(aad(seq))
    ct = e.update(pt) + e.finalize()
    theirs = struct.pack("!II", spi, seq & 0xFFFFFFFF) + iv + ct + e.tag[:icv]
    return "ok", "-", theirs


def run_cases(handle):
    """Reads the cases of argv[1], runs `handle(case) -> (status, why, theirs)` on each and
    writes the result lines to argv[2] (shared with scapy_ah_oracle.py)."""
    out = []
    with open(sys.argv[1]) as f:
        for line in f:
            if not line.strip():
                continue
            c = parse(line)
            try:
                status, why, theirs = handle(c)
            except Exception as e:  # report, never crash the whole run
                status, why, theirs = "fail", "exception:" + type(e).__name__ + ":" + str(e).replace(" ", "_"), None
            out.append("%s %s %s %s" % (c["id"], status, why, theirs.hex() if theirs else "-"))
    with open(sys.argv[2], "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    run_cases(lambda c: gcm_short_case(c) if c["enc"] == "GCM-SHORT" else scapy_case(c))


if __name__ == "__main__":
    main()
