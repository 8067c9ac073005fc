// RecorderBench: the cost of one enter/exit pair of the call-graph recorder (issue 6, item 6).
//
//     swift run -c release RecorderBench [pairs-per-run] [runs]
//     valgrind --tool=callgrind .build/release/RecorderBench loop PAIRS
//
// `loop PAIRS` only records PAIRS pairs with the default clock, for instruction counts: the
// difference in total instructions between two PAIRS values, divided by their difference, is the
// cost of one pair (start-up and calibration cancel out).
//
// Each case times `pairs` enter/exit pairs nested under one outer scope, `runs` times, and prints
// the median and the spread in nanoseconds per pair. Baseline: Python's cProfile, which pays the
// same two clock reads per call. Goal: 50 ns or less per pair with the profiler on.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileKit

enum Probe {
    static let outer = ProfileSite("bench.outer")
    static let inner = ProfileSite("bench.inner")
    static let sites = (0..<8).map { ProfileSite("bench.site\($0)") }
}

func nanoseconds(_ clock: clockid_t = CLOCK_MONOTONIC) -> Int64 {
    var time = timespec()
    clock_gettime(clock, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
}

/// Nanoseconds per pair of each run, sorted: by the wall clock and by this thread's CPU time (the
/// second does not count time the thread waited for a core, so it holds up on a busy machine).
struct Runs {
    var wall: [Double] = []
    var cpu: [Double] = []
}

/// Times `body(pairs)` `runs` times.
func measure(runs: Int, pairs: Int, _ body: (Int) -> Void) -> Runs {
    body(pairs / 10)  // warm-up: caches, lazy statics, first nodes
    var results = Runs()
    for _ in 0..<runs {
        let wall = nanoseconds()
        let cpu = nanoseconds(CLOCK_THREAD_CPUTIME_ID)
        body(pairs)
        results.cpu.append(Double(nanoseconds(CLOCK_THREAD_CPUTIME_ID) - cpu) / Double(pairs))
        results.wall.append(Double(nanoseconds() - wall) / Double(pairs))
    }
    results.wall.sort()
    results.cpu.sort()
    return results
}

func report(_ name: String, _ results: Runs) {
    func f(_ x: Double) -> String {
        let scaled = (x * 10).rounded() / 10
        return String(describing: scaled)
    }
    let padded = name + String(repeating: " ", count: max(0, 46 - name.count))
    let wall = results.wall, cpu = results.cpu
    print("\(padded) median \(f(wall[wall.count / 2])) ns/pair wall (min \(f(wall.first!)), max \(f(wall.last!))), "
          + "\(f(cpu[cpu.count / 2])) ns/pair thread CPU, \(wall.count) runs")
}

if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "loop", let count = Int(CommandLine.arguments[2]) {
    let profiler = Profiler(configuration: ProfilerConfiguration(calibrationPairs: 0))
    let recorder = profiler.makeRecorder(name: "loop")
    profiler.start()
    let outer = recorder.enter(Probe.outer)
    for _ in 0..<count { recorder.exit(recorder.enter(Probe.inner)) }
    recorder.exit(outer)
    print("recorded \(profiler.snapshot().scopeCalls) scopes")
    exit(0)
}

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let pairs = arguments.first ?? 2_000_000
let runs = arguments.dropFirst().first ?? 9

func benchRecorder(_ label: String, clock: ProfileClock, recording: Bool, varied: Bool) {
    let profiler = Profiler(configuration: ProfilerConfiguration(clock: clock, calibrationPairs: 0))
    let recorder = profiler.makeRecorder(name: "bench")
    if recording { profiler.start() }
    let results = measure(runs: runs, pairs: pairs) { count in
        let outer = recorder.enter(Probe.outer)
        if varied {
            for i in 0..<count {
                recorder.exit(recorder.enter(Probe.sites[i & 7]))
            }
        } else {
            for _ in 0..<count {
                recorder.exit(recorder.enter(Probe.inner))
            }
        }
        recorder.exit(outer)
    }
    report(label, results)
    if recording {
        let snapshot = profiler.snapshot()
        precondition(snapshot.scopeCalls > pairs, "the benchmark recorded nothing")
    }
}

print("RecorderBench: \(pairs) pairs per run, \(runs) runs")
benchRecorder("enter/exit, monotonic clock, recording", clock: .monotonic, recording: true, varied: false)
if let cycles = ProfileClock.cycleCounter {
    benchRecorder("enter/exit, cycle-counter clock, recording", clock: cycles, recording: true, varied: false)
    benchRecorder("enter/exit, cycle counter, 8 sites round-robin", clock: cycles, recording: true, varied: true)
} else {
    print("no invariant cycle counter on this CPU")
}
benchRecorder("enter/exit, profiler off", clock: .monotonic, recording: false, varied: false)
benchRecorder("enter/exit, manual clock (lock+tree only)", clock: .manual(ManualClock()), recording: true,
              varied: false)
do {
    let profiler = Profiler(configuration: ProfilerConfiguration(calibrationPairs: 0))
    profiler.start()
    print("default clock: \(profiler.configuration.clock.name)")
    let results = measure(runs: runs, pairs: pairs) { count in
        for _ in 0..<count {
            profiler.withScope(Probe.inner) {}
        }
    }
    report("Profiler.withScope (thread-local lookup)", results)
}
do {
    let results = measure(runs: runs, pairs: pairs) { count in
        var sink: Int64 = 0
        for _ in 0..<count {
            sink &+= ProfileClock.monotonic.now()
            sink &+= ProfileClock.monotonic.now()
        }
        if sink == 42 { print("") }
    }
    report("two monotonic clock reads (floor)", results)
}
if let cycles = ProfileClock.cycleCounter {
    let results = measure(runs: runs, pairs: pairs) { count in
        var sink: Int64 = 0
        for _ in 0..<count {
            sink &+= cycles.now()
            sink &+= cycles.now()
        }
        if sink == 42 { print("") }
    }
    report("two cycle-counter reads (floor)", results)
    print("cycle counter: \(1 / cycles.secondsPerTick / 1e6) MHz (calibrated)")
}

// Memory at the node cap, and the dump cost: a snapshot of a full tree, then the pstats profile and
// the folded stacks from it.
do {
    let profiler = Profiler(configuration: ProfilerConfiguration(calibrationPairs: 0))
    let recorder = profiler.makeRecorder(name: "game")
    profiler.start()
    let sites = (0..<64).map { ProfileSite("bench.tree\($0)") }
    var state: UInt64 = 7
    func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
    var tokens: [ScopeToken] = []
    func run(_ events: Int) {
        for _ in 0..<events {
            if tokens.count < 12 && (tokens.isEmpty || next(3) > 0) {
                tokens.append(recorder.enter(sites[next(sites.count)]))
            } else {
                recorder.exit(tokens.removeLast())
            }
        }
    }
    // Fill the tree to the default cap (about 64 MiB), then go on: memory must stay where it is.
    let cap = ProfilerConfiguration.defaultNodeCapacity
    while recorder.nodeCount < cap { run(100_000) }
    let bytesAtCap = recorder.memoryBytes
    run(5_000_000)
    print("node cap \(cap): \(bytesAtCap) bytes at the cap, \(recorder.memoryBytes) bytes after 5,000,000 more "
          + "events (\(recorder.nodeCount) nodes)")
    while let token = tokens.popLast() { recorder.exit(token) }
    var start = nanoseconds()
    let snapshot = profiler.snapshot()
    let snapshotMs = Double(nanoseconds() - start) / 1e6
    start = nanoseconds()
    let profile = snapshot.profile()
    let profileMs = Double(nanoseconds() - start) / 1e6
    start = nanoseconds()
    let folded = snapshot.foldedStacks()
    let foldedMs = Double(nanoseconds() - start) / 1e6
    start = nanoseconds()
    let bytes = profile.pstatsData()
    let writeMs = Double(nanoseconds() - start) / 1e6
    print("folded past the cap: \(snapshot.foldedCalls) scopes")
    print("dump of \(snapshot.nodeCount) nodes (\(snapshot.memoryBytes >> 20) MiB): snapshot+merge \(Int(snapshotMs)) ms, "
          + "profile \(Int(profileMs)) ms (\(profile.count) functions), folded \(Int(foldedMs)) ms "
          + "(\(folded.utf8.count >> 10) KiB), .prof bytes \(Int(writeMs)) ms (\(bytes.count >> 10) KiB)")
}
