#!/usr/bin/env bash
# Builds the telnet decoder, the command parser and the bots' telnet scanner with libFuzzer and runs it.
# Usage: Fuzz/Telnet/fuzz-telnet.sh [RUNS]   (default 1000000 runs; the corpus lives in .build-fuzz-telnet/)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-1000000}"
out=.build-fuzz-telnet
mkdir -p "$out/corpus" "$out/artifacts"
printf 'look\r\nsay hi\r\n' > "$out/corpus/seed-lines"
printf '\xff\xfb\x1f\xff\xfa\x1f\x00\x50\x00\x18\xff\xf0dig/tel A = b, c\r\x00' > "$out/corpus/seed-naws"
printf '\xff\xfa\x18\x00xterm\xff\xf0set x/y = 1=2\n\xff\xff\xc3(\r' > "$out/corpus/seed-ttype"
printf '\xff\xfd\x19look\r\nLimbo\r\n\xff\xef\xff\xfb\x19' > "$out/corpus/seed-eor"
# Separators before a combining mark (U+0483, U+0301): what broke the parser's '=' property once.
printf 'set x/y =\xd2\x83z\r\nsay\xcc\x81 /\xcc\x81\r\n' > "$out/corpus/seed-combining"
# A broken property stops with its message (fatalError) and libFuzzer's crash report; Swift's own
# backtracer is off, since under the sanitizers it can hang after the fuzzer has exited.
export SWIFT_BACKTRACE=enable=no
swiftc -sanitize=fuzzer,address -parse-as-library -O \
    Sources/Server/Telnet/TelnetDecoder.swift Sources/Server/Telnet/TelnetFramer.swift Sources/Server/Telnet/TelnetEvent.swift \
    Sources/Server/Telnet/TelnetCode.swift Sources/Server/Commands/CommandParser.swift \
    Sources/Server/Commands/ParsedCommand.swift Sources/Server/DummyRunner/TelnetScanner.swift \
    Fuzz/Telnet/TelnetFuzzEntry.swift Fuzz/FuzzCheck.swift \
    -module-name TelnetFuzz -o "$out/telnet-fuzz"
"$out/telnet-fuzz" -runs="$runs" -max_len=4096 -timeout=10 -artifact_prefix="$out/artifacts/" \
    -print_final_stats=1 "$out/corpus"
