#!/usr/bin/env bash
# Builds and runs a libFuzzer target over ProfileKit: its profile and marshal readers
# (Fuzz/ProfileReaderFuzz), or with --admin the admin protocol (Fuzz/AdminProtocolFuzz).
#
#   Fuzz/run.sh              fuzz the readers for 60 seconds
#   Fuzz/run.sh 600          fuzz for 600 seconds
#   Fuzz/run.sh -runs=N      run N inputs
#   Fuzz/run.sh FILE...      replay inputs (a crash found earlier, say) and exit
#   Fuzz/run.sh --admin ...  the same for the admin protocol
#
# ProfileKit's sources and the harness are compiled into one executable with
# `swiftc -sanitize=fuzzer,address`; this is separate from `swift build`, since a fuzzer binary cannot
# link with XCTest. The readers' seeds are the profiles of Tests/ProfileKitTests/Fixtures/fuzz (made
# by make_fixtures.sh), the admin protocol's the lines in Fuzz/AdminProtocolFuzz/seeds; the corpus
# grows in Fuzz/.build-fuzz/corpus (admin-corpus) and crashes land in Fuzz/.build-fuzz/artifacts.
# Exits non-zero when libFuzzer finds a crash, leak, timeout or OOM.
set -euo pipefail
cd "$(dirname "$0")/.."
build=Fuzz/.build-fuzz
if [ "${1:-}" = --admin ]; then
    shift
    harness=Fuzz/AdminProtocolFuzz fuzz_module=AdminProtocolFuzz binary="$build/admin-protocol-fuzz"
    corpus=("$build/admin-corpus" "$harness/seeds")
    target_options=(-max_len=4096)
else
    harness=Fuzz/ProfileReaderFuzz fuzz_module=ProfileReaderFuzz binary="$build/profile-reader-fuzz"
    corpus=("$build/corpus" Tests/ProfileKitTests/Fixtures/fuzz/seeds Tests/ProfileKitTests/Fixtures/fuzz/regressions)
    target_options=(-dict=Fuzz/marshal.dict -max_len=16384)
fi
mkdir -p "${corpus[0]}" "$build/artifacts"

# ProfileKit's C dependencies (SwiftPM targets Sources/C*/ with an include/ folder, CCycleCounter so
# far) get a module map and an object file each, as SwiftPM would make them.
c_flags=() c_objects=()
for module in $(grep -rhoE '^import C[A-Za-z]+' Sources/ProfileKit | awk '{print $2}' | sort -u); do
    dir="Sources/$module"
    [ -d "$dir/include" ] || { echo "no C target $dir for 'import $module'" >&2; exit 1; }
    mkdir -p "$build/$module"
    {
        echo "module $module {"
        for header in "$PWD/$dir"/include/*.h; do echo "    header \"$header\""; done
        echo "    export *"
        echo "}"
    } > "$build/$module/module.modulemap"
    c_flags+=(-Xcc -fmodule-map-file="$build/$module/module.modulemap" -I "$dir/include")
    for c in "$dir"/*.c; do
        [ -e "$c" ] || continue
        c_objects+=("$build/$module/$(basename "$c" .c).o")
    done
done

# ProfileKit's package dependency (Histogram, which needs swift-numerics' RealModule) is built by
# SwiftPM in release mode and linked uninstrumented: only our code needs the fuzzer's coverage. The
# flags are the README's release build's, so that neither build makes the other rebuild Histogram.
swift build -c release -Xswiftc -enforce-exclusivity=unchecked --target Histogram >&2
c_flags+=(-I .build/release/Modules
          -Xcc -fmodule-map-file=.build/checkouts/swift-numerics/Sources/_NumericsShims/include/module.modulemap)
c_objects+=(.build/release/Histogram.build/*.o .build/release/RealModule.build/*.o
            .build/release/_NumericsShims.build/*.o)

sources=$(find Sources/ProfileKit -name '*.swift' | sort)
if [ ! -x "$binary" ] || [ -n "$(find $sources "$harness" Fuzz/FuzzCheck.swift Sources/C* -newer "$binary" -type f)" ]; then
    echo "building $binary" >&2
    for object in ${c_objects[@]+"${c_objects[@]}"}; do
        case "$object" in .build/*) continue ;; esac  # built by SwiftPM above
        module=$(basename "$(dirname "$object")")
        clang -O2 -c "Sources/$module/$(basename "$object" .o).c" -I "Sources/$module/include" -o "$object"
    done
    rm -f "$binary"
    # ld.gold warns about ASan's local symbols ("Cannot export local symbol"); those lines are noise.
    swiftc -sanitize=fuzzer,address -swift-version 6 -parse-as-library -O -module-name "$fuzz_module" \
        ${c_flags[@]+"${c_flags[@]}"} $sources "$harness/main.swift" Fuzz/FuzzCheck.swift \
        ${c_objects[@]+"${c_objects[@]}"} -o "$binary" 2>&1 \
        | { grep -v "Cannot export local symbol" || true; }
    [ -x "$binary" ] || { echo "build failed" >&2; exit 1; }
fi

# A broken property stops with its message (fatalError) and libFuzzer's crash report; Swift's own
# backtracer is off, since under the sanitizers it can hang after the fuzzer has exited.
export SWIFT_BACKTRACE=enable=no
options=("${target_options[@]}" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=256
         -artifact_prefix="$build/artifacts/" -print_final_stats=1)
case "${1:-60}" in
    -runs=*) limit=("$1") ;;
    ''|*[!0-9]*) exec "$binary" "${options[@]}" "$@" ;;   # replay the given files
    *) limit=(-max_total_time="${1:-60}") ;;
esac
exec "$binary" "${options[@]}" "${limit[@]}" "${corpus[@]}"
