#!/usr/bin/env python3
"""Known-answer vectors for the MODP groups 1, 2, 5, 14, 15, 16, 17 and 18.

No RFC publishes Diffie-Hellman test vectors for these groups, so this script computes them
with implementations independent of the Rust code:

* the primes come from their defining formula, p = 2^n - 2^(n-64) - 1 + 2^64 * (floor(2^(n-130)
  * pi) + k), with the offsets k of RFC 2409 section 6 and RFC 3526 sections 2-7 and pi
  computed here from Machin's formula in integer arithmetic (no hex is shared with
  src/crypto/rustcrypto/kx/groups.rs);
* each prime and (p - 1) / 2 are shown prime with a Miller-Rabin test;
* the public values and shared secrets are computed with Python's built-in pow(g, x, p), and,
  when the `cryptography` package is installed, again with its (OpenSSL) Diffie-Hellman for
  custom parameters; both must agree;
* when OpenSSL's libcrypto can be loaded, its built-in copies of the RFC 2409/3526 primes
  (BN_get_rfc3526_prime_*) and of the RFC 5114 parameters (DH_get_2048_256, ...) must match.

The private exponents are fixed and reproducible: SHA-256 of a label, cut to the length of
DhGroup::private_exponent_bits (192 bits for groups 1, 2 and 5, 256 for 14, 320 for 15 and
16, 384 for 17 and 18).

Usage:
    python3 modp_vectors.py                 # print the vectors as Rust, for tests/kat_kx.rs
    python3 modp_vectors.py --check-rust    # also compare the constants of groups.rs
"""

import argparse
import hashlib
import pathlib
import random
import re
import sys

# (group, prime bits, offset k, private exponent bits), from RFC 2409 section 6 and RFC 3526.
SAFE_PRIME_GROUPS = [
    (1, 768, 149686, 192),
    (2, 1024, 129093, 192),
    (5, 1536, 741804, 192),
    (14, 2048, 124476, 256),
    (15, 3072, 1690314, 320),
    (16, 4096, 240904, 320),
    (17, 6144, 929484, 384),
    (18, 8192, 4743158, 384),
]


# The primes of RFC 5114 sections 2.1-2.3 (groups 22, 23, 24), as the RFC prints them, for
# the range checks of tests/kat_kx.rs. They have no formula; when libcrypto is available they
# are compared with OpenSSL's copies below.
RFC5114_PRIMES = {
    22: """
        B10B8F96 A080E01D DE92DE5E AE5D54EC 52C99FBC FB06A3C6
        9A6A9DCA 52D23B61 6073E286 75A23D18 9838EF1E 2EE652C0
        13ECB4AE A9061123 24975C3C D49B83BF ACCBDD7D 90C4BD70
        98488E9C 219A7372 4EFFD6FA E5644738 FAA31A4F F55BCCC0
        A151AF5F 0DC8B4BD 45BF37DF 365C1A65 E68CFDA7 6D4DA708
        DF1FB2BC 2E4A4371""",
    23: """
        AD107E1E 9123A9D0 D660FAA7 9559C51F A20D64E5 683B9FD1
        B54B1597 B61D0A75 E6FA141D F95A56DB AF9A3C40 7BA1DF15
        EB3D688A 309C180E 1DE6B85A 1274A0A6 6D3F8152 AD6AC212
        9037C9ED EFDA4DF8 D91E8FEF 55B7394B 7AD5B7D0 B6C12207
        C9F98D11 ED34DBF6 C6BA0B2C 8BBC27BE 6A00E0A0 B9C49708
        B3BF8A31 70918836 81286130 BC8985DB 1602E714 415D9330
        278273C7 DE31EFDC 7310F712 1FD5A074 15987D9A DC0A486D
        CDF93ACC 44328387 315D75E1 98C641A4 80CD86A1 B9E587E8
        BE60E69C C928B2B9 C52172E4 13042E9B 23F10B0E 16E79763
        C9B53DCF 4BA80A29 E3FB73C1 6B8E75B9 7EF363E2 FFA31F71
        CF9DE538 4E71B81C 0AC4DFFE 0C10E64F""",
    24: """
        87A8E61D B4B6663C FFBBD19C 65195999 8CEEF608 660DD0F2
        5D2CEED4 435E3B00 E00DF8F1 D61957D4 FAF7DF45 61B2AA30
        16C3D911 34096FAA 3BF4296D 830E9A7C 209E0C64 97517ABD
        5A8A9D30 6BCF67ED 91F9E672 5B4758C0 22E0B1EF 4275BF7B
        6C5BFC11 D45F9088 B941F54E B1E59BB8 BC39A0BF 12307F5C
        4FDB70C5 81B23F76 B63ACAE1 CAA6B790 2D525267 35488A0E
        F13C6D9A 51BFA4AB 3AD83477 96524D8E F6A167B5 A41825D9
        67E144E5 14056425 1CCACB83 E6B486F6 B3CA3F79 71506026
        C0B857F6 89962856 DED4010A BD0BE621 C3A3960A 54E710C3
        75F26375 D7014103 A4B54330 C198AF12 6116D227 6E11715F
        693877FA D7EF09CA DB094AE9 1E1A1597""",
}


def arctan_inv(x, one):
    """arctan(1/x) scaled by `one`, by its Taylor series in integers."""
    total = term = one // x
    x2, n, sign = x * x, 1, -1
    while term:
        term //= x2
        n += 2
        total += sign * (term // n)
        sign = -sign
    return total


def floor_pi_times_2_pow(k):
    """floor(2^k * pi), from Machin's formula pi = 16 arctan(1/5) - 4 arctan(1/239)."""
    guard = 64
    one = 1 << (k + guard)
    pi = 16 * arctan_inv(5, one) - 4 * arctan_inv(239, one)
    # Each series term is truncated by at most two units of the last place, over fewer than
    # 2000 terms: the error stays below 2^17 units, far inside the 64 guard bits. Make sure
    # it cannot reach the integer part.
    low = pi & ((1 << guard) - 1)
    assert 1 << 20 < low < (1 << guard) - (1 << 20), "pi too close to an integer boundary"
    return pi >> guard


def oakley_prime(n, k):
    """The prime of RFC 2409 section 6 / RFC 3526: 2^n - 2^(n-64) - 1 + 2^64 * ([2^(n-130) pi] + k)."""
    return 2**n - 2 ** (n - 64) - 1 + 2**64 * (floor_pi_times_2_pow(n - 130) + k)


def is_probable_prime(n, rounds=8):
    """Miller-Rabin with random bases (deterministic seed)."""
    if n < 4:
        return n in (2, 3)
    if n % 2 == 0:
        return False
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    rng = random.Random(n & 0xFFFFFFFF)
    for _ in range(rounds):
        a = rng.randrange(2, n - 1)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def fixed_exponent(group, side, bits):
    """A reproducible private exponent of `bits` bits: SHA-256 of a label, repeated as needed."""
    stream = b""
    counter = 0
    while len(stream) * 8 < bits:
        label = f"ipsec-core MODP KAT group {group} {side} {counter}".encode()
        stream += hashlib.sha256(label).digest()
        counter += 1
    x = int.from_bytes(stream[: bits // 8], "big")
    assert x > 1
    return x


def cryptography_exchange(p, g, x_a, x_b, y_a, y_b):
    """The shared secret per the `cryptography` package (OpenSSL), or None when unavailable."""
    try:
        from cryptography.hazmat.primitives.asymmetric import dh
    except ImportError:
        return None
    numbers = dh.DHParameterNumbers(p, g)
    a = dh.DHPrivateNumbers(x_a, dh.DHPublicNumbers(y_a, numbers)).private_key()
    b = dh.DHPrivateNumbers(x_b, dh.DHPublicNumbers(y_b, numbers)).private_key()
    assert a.public_key().public_numbers().y == y_a
    z_ab = a.exchange(b.public_key())
    z_ba = b.exchange(a.public_key())
    assert z_ab == z_ba
    return z_ab


def openssl_parameters():
    """OpenSSL's built-in RFC 2409/3526 primes and RFC 5114 (p, q, g), or None."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("crypto")
    if name is None:
        return None
    try:
        lib = ctypes.CDLL(name)
        lib.BN_bn2hex.restype = ctypes.c_void_p
        lib.BN_bn2hex.argtypes = [ctypes.c_void_p]
        lib.CRYPTO_free.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]

        def bn(ptr):
            text = lib.BN_bn2hex(ptr)
            value = int(ctypes.string_at(text).decode(), 16)
            lib.CRYPTO_free(text, b"", 0)
            return value

        out = {}
        for group, n, _, _ in SAFE_PRIME_GROUPS:
            prefix = "rfc2409" if n <= 1024 else "rfc3526"
            getter = getattr(lib, f"BN_get_{prefix}_prime_{n}")
            getter.restype = ctypes.c_void_p
            getter.argtypes = [ctypes.c_void_p]
            out[group] = bn(getter(None))
        lib.DH_get0_pqg.argtypes = [ctypes.c_void_p] + [ctypes.POINTER(ctypes.c_void_p)] * 3
        for group, fn in [(22, "DH_get_1024_160"), (23, "DH_get_2048_224"), (24, "DH_get_2048_256")]:
            getter = getattr(lib, fn)
            getter.restype = ctypes.c_void_p
            params = getter()
            p, q, g = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
            lib.DH_get0_pqg(params, ctypes.byref(p), ctypes.byref(q), ctypes.byref(g))
            out[group] = (bn(p), bn(q), bn(g))
        return out
    except (OSError, AttributeError):
        return None


def rust_constants(path):
    """The byte-array constants of groups.rs, by name."""
    text = path.read_text()
    found = {}
    for name, length, body in re.findall(r"(\w+): (\d+) = \"([0-9A-Fa-f\s]+)\";", text):
        value = bytes.fromhex("".join(body.split()))
        assert len(value) == int(length), name
        found[name] = int.from_bytes(value, "big")
    return found


def rust_hex(value, length, indent):
    """A Rust `hex!` literal of `value` as `length` big-endian bytes, 32 bytes a line (as rustfmt keeps it)."""
    h = value.to_bytes(length, "big").hex()
    lines = [h[i : i + 64] for i in range(0, len(h), 64)]
    if len(lines) == 1:
        return f'&hex!("{lines[0]}")'
    pad = " " * (indent + 4)
    return "&hex!(\n" + "".join(f'{pad}"{line}"\n' for line in lines) + " " * indent + ")"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check-rust", action="store_true", help="compare the constants of groups.rs")
    args = parser.parse_args()

    primes = {}
    for group, n, k, _ in SAFE_PRIME_GROUPS:
        p = oakley_prime(n, k)
        assert p.bit_length() == n and p % 2**64 == 2**64 - 1 and p >> (n - 64) == 2**64 - 1
        assert is_probable_prime(p) and is_probable_prime((p - 1) // 2), f"group {group}: not a safe prime"
        primes[group] = p

    ossl = openssl_parameters()
    if ossl is not None:
        for group, p in primes.items():
            assert ossl[group] == p, f"group {group}: formula and OpenSSL disagree"
        for group in (22, 23, 24):
            p, q, g = ossl[group]
            assert p == int("".join(RFC5114_PRIMES[group].split()), 16), f"group {group}: RFC text and OpenSSL disagree"
            assert is_probable_prime(p) and is_probable_prime(q) and (p - 1) % q == 0
            assert 1 < g < p - 1 and pow(g, q, p) == 1
            # The negative tests of tests/kat_kx.rs: 2 and p - 2 lie in [2, p - 2] but outside
            # the order-q subgroup, so RFC 6989 section 2.2 must reject them.
            assert pow(2, q, p) != 1, f"group {group}: 2 is in the subgroup"
            assert pow(p - 2, q, p) != 1, f"group {group}: p - 2 is in the subgroup"
    print(f"// OpenSSL cross-check: {'done' if ossl is not None else 'skipped (no libcrypto)'}", file=sys.stderr)

    if args.check_rust:
        groups_rs = pathlib.Path(__file__).resolve().parents[2] / "src/crypto/rustcrypto/kx/groups.rs"
        consts = rust_constants(groups_rs)
        names = {1: 768, 2: 1024, 5: 1536, 14: 2048, 15: 3072, 16: 4096, 17: 6144, 18: 8192}
        for group, n in names.items():
            assert consts[f"MODP{n}_P"] == primes[group], f"groups.rs: group {group} prime"
        if ossl is not None:
            for group, tag in [(22, "MODP1024S160"), (23, "MODP2048S224"), (24, "MODP2048S256")]:
                p, q, g = ossl[group]
                assert (consts[f"{tag}_P"], consts[f"{tag}_Q"], consts[f"{tag}_G"]) == (p, q, g), f"groups.rs: group {group}"
        print(f"// groups.rs: {len(consts)} constants match", file=sys.stderr)

    oracle = "skipped (package not installed)"
    print("// Generated by tests/vectors/modp_vectors.py; do not edit by hand.")
    print("const MODP_VECTORS: &[ModpVector] = &[")
    for group, n, _, exponent_bits in SAFE_PRIME_GROUPS:
        p, g, length = primes[group], 2, n // 8
        x_a = fixed_exponent(group, "initiator", exponent_bits)
        x_b = fixed_exponent(group, "responder", exponent_bits)
        y_a, y_b = pow(g, x_a, p), pow(g, x_b, p)
        z = pow(y_b, x_a, p)
        assert z == pow(y_a, x_b, p)
        second = cryptography_exchange(p, g, x_a, x_b, y_a, y_b)
        if second is not None:
            assert second == z.to_bytes(length, "big"), f"group {group}: cryptography disagrees"
            oracle = "agrees"
        print("    ModpVector {")
        print(f"        group: {group},")
        print(f"        x_a: {rust_hex(x_a, exponent_bits // 8, 8)},")
        print(f"        y_a: {rust_hex(y_a, length, 8)},")
        print(f"        x_b: {rust_hex(x_b, exponent_bits // 8, 8)},")
        print(f"        y_b: {rust_hex(y_b, length, 8)},")
        print(f"        z: {rust_hex(z, length, 8)},")
        print("    },")
    print("];")
    print()
    print("/// The prime of every MODP group, for the range checks of RFC 6989 section 2.")
    print("const MODP_PRIMES: &[(u16, &[u8])] = &[")
    all_primes = dict(primes)
    for group, text in RFC5114_PRIMES.items():
        all_primes[group] = int("".join(text.split()), 16)
    for group, p in sorted(all_primes.items()):
        print(f"    (\n        {group},\n        {rust_hex(p, p.bit_length() // 8, 8)},\n    ),")
    print("];")
    print(f"// Second oracle (cryptography): {oracle}", file=sys.stderr)


if __name__ == "__main__":
    main()
