#!/usr/bin/env bash
# Regenerates the seed profiles (Fixtures/fuzz/seeds/) of the reader's mutation fuzz test
# (ProfileReaderFuzzTests) and of the libFuzzer target (Fuzz/run.sh). Run once by hand; the outputs
# are committed. Needs the pyenv interpreters 2.7 and 3.8-3.13 under /root/.pyenv/versions (missing
# ones are skipped with a note).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/fuzz/seeds"
mkdir -p "$out"
rm -f "$out"/*.prof

# A fixed directory whose path is longer than 255 bytes, so the file name uses TYPE_ASCII ('a').
work="/tmp/mudscope-fuzz-seed/$(printf 'a_rather_long_directory_name/%.0s' $(seq 1 9))seed"
mkdir -p "$work"
cp "$here/fuzz/seed_workload.py" "$work/seed.py"
# Python 2 has no non-ASCII identifiers.
sed 's/函数/hanshu/g' "$here/fuzz/seed_workload.py" > "$work/seed2.py"
cd "$work"

for version in 2.7.18 3.8.18 3.9.18 3.10.13 3.11.7 3.12.1 3.13.0; do
    python="/root/.pyenv/versions/$version/bin/python"
    short="py$(echo "$version" | cut -d. -f1,2 | tr -d .)"
    if [ -x "$python" ]; then
        script=seed.py
        [ "$short" = py27 ] && script=seed2.py
        "$python" -m cProfile -o "$out/seed.$short.prof" "$script"
    else
        echo "skipped $version: $python missing" >&2
    fi
done

# Marshal versions 0-3 of the 3.11 profile, and 64-bit counts (TYPE_LONG), as pstats reads them.
python3 - "$out" <<'PY'
import marshal, os, pstats, sys
out = sys.argv[1]
stats = pstats.Stats(os.path.join(out, "seed.py311.prof")).stats
for version in range(4):
    with open(os.path.join(out, "seed.marshal_v%d.prof" % version), "wb") as f:
        marshal.dump(stats, f, version)
big = {
    ("big.py", 1, "hot"): (2**31 + 5, 2**61 + 5, 1.5, 2.5, {("big.py", 9, "caller"): (2**61 + 5, 2**31 + 5, 1.5, 2.5)}),
    ("big.py", 9, "caller"): (1, 1, 0.25, 2.75, {}),
    ("~", 0, "<built-in method builtins.len>"): (3, 3, 0.0, 0.0, {("big.py", 9, "caller"): (3, 3, 0.0, 0.0)}),
}
with open(os.path.join(out, "seed.bigcounts.prof"), "wb") as f:
    marshal.dump(big, f)
PY

# Inputs that once broke the reader (see ProfileReaderLimitsTests), written byte by byte.
python3 - "$here/fuzz/regressions" <<'PY'
import os, struct, sys
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
i32 = lambda n: struct.pack("<i", n)
def z(text): return b"z" + bytes([len(text)]) + text.encode()
def key(file, line, name): return b")\x03" + z(file) + b"i" + i32(line) + z(name)
def times(): return b"g" + struct.pack("<d", 0.5) * 1 + b"g" + struct.pack("<d", 1.5)

# 2100 nested lists that each claim 2^31-1 items: every level once reserved room for the rest.
with open(os.path.join(out, "nested-huge-lists.prof"), "wb") as f:
    f.write(b"\xfb" + (b"[" + i32(2**31 - 1)) * 2100 + b"N" * 1024)

# 400 functions that all refer to one callers dict of 400 edges (ref #1): 160,000 edges decoded.
body = bytearray(b"\xfb")
body += key("a.py", 1, "f0") + b")\x05" + b"i" + i32(1) + b"i" + i32(1) + times() + b"\xfb"
for c in range(400):
    body += key("c.py", c + 1, "g") + b")\x04" + b"i" + i32(1) + b"i" + i32(1) + times()
body += b"0"
for n in range(1, 400):
    body += key("a.py", n + 1, "f") + b")\x05" + b"i" + i32(1) + b"i" + i32(1) + times() + b"r" + i32(1)
body += b"0"
with open(os.path.join(out, "shared-callers-dict.prof"), "wb") as f:
    f.write(body)

# A key whose file name is a list of 65 tuples, each twice the one before through references.
body = bytearray(b"\xfb" + b")\x03" + b"[" + i32(65))
body += b"\xa9\x02" + z("x" * 8) + z("y" * 8)
for level in range(64):  # tuple number `level` took reference slot level + 1 (the dict took 0)
    body += b"\xa9\x02" + b"r" + i32(level + 1) + b"r" + i32(level + 1)
with open(os.path.join(out, "doubling-references.prof"), "wb") as f:
    f.write(body + b"i" + i32(1) + z("f"))

# 1500 keys that all name one 60 KB file name (ref #1): every key hashed the whole name again.
body = bytearray(b"\xfb" + b")\x03" + b"\xe1" + i32(60000) + b"a" * 60000 + b"i" + i32(1) + b"\xfa\x01f")
body += b"\xa9\x05" + b"i" + i32(1) + b"i" + i32(1) + times() + b"{0"
for line in range(2, 1501):  # the name took slot 1, 'f' slot 2, the shared stats tuple slot 3
    body += b")\x03" + b"r" + i32(1) + b"i" + i32(line) + b"r" + i32(2) + b"r" + i32(3)
with open(os.path.join(out, "shared-long-file-name.prof"), "wb") as f:
    f.write(body + b"0")

# A call count of 16386 * 2^60 + 5 (TYPE_LONG, five digits, the top one 0x4002): the fast decoder
# dropped the bits above 64 and read 2^61 + 5.
with open(os.path.join(out, "long-over-64-bits.prof"), "wb") as f:
    digits = [5, 0, 0, 0, 0x4002]
    f.write(b"\xfb" + key("big.py", 1, "hot") + b")\x05" + b"l" + i32(5) + b"".join(struct.pack("<H", d) for d in digits)
            + b"i" + i32(1) + times() + b"{0" + b"0")
PY
ls -l "$out" "$here/fuzz/regressions"
