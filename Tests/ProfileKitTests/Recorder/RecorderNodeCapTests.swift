import Testing
@testable import ProfileKit

/// The node cap: beyond it new contexts fold into their parent, memory stays flat, time is kept.
@Suite("Recorder: bounded memory")
struct RecorderNodeCapTests {
    /// A deterministic pseudo-random generator (64-bit LCG), so the workload is the same every run.
    private struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    private static let sites = (0..<40).map { CallSpec.site("work\($0)") }

    /// Random nested scopes up to `depth` deep; returns the ticks spent.
    private func workload(_ recorder: ThreadRecorder, _ clock: ManualClock, _ random: inout Generator,
                          depth: Int) -> Int64 {
        let token = recorder.enter(Self.sites[random.next(Self.sites.count)])
        let own = Int64(random.next(5) + 1)
        clock.advance(by: own)
        var spent = own
        if depth > 0 {
            for _ in 0..<random.next(4) { spent += workload(recorder, clock, &random, depth: depth - 1) }
        }
        recorder.exit(token)
        return spent
    }

    @Test("a long varied workload: nodes and memory flat at the cap, folds counted, time conserved")
    func memoryFlatAtCap() {
        let cap = 2_000
        let (profiler, clock) = manualProfiler(nodeCapacity: cap)
        let recorder = profiler.makeRecorder(name: "game")
        var random = Generator(state: 42)
        var total: Int64 = 0
        var history: [(nodes: Int, bytes: Int, folded: Int)] = []
        for _ in 0..<40 {
            for _ in 0..<200 { total += workload(recorder, clock, &random, depth: 6) }
            let snapshot = profiler.snapshot()
            history.append((snapshot.nodeCount, snapshot.memoryBytes, snapshot.foldedCalls))
        }
        let firstFull = history.firstIndex { $0.nodes == cap }
        #expect(firstFull != nil && firstFull! < 20, "the workload should reach the cap early")
        guard let full = firstFull else { return }
        let later = history[(full + 1)...]
        #expect(later.allSatisfy { $0.nodes == cap })
        #expect(later.allSatisfy { $0.bytes == history[full + 1].bytes }, "memory grew after the cap")
        #expect(zip(later.dropFirst(), later).allSatisfy { $0.folded > $1.folded }, "folding stopped")
        // What the configuration promises per node, plus a little for allocator rounding and the stack.
        #expect(history[full + 1].bytes <= (cap + 1) * ProfilerConfiguration.bytesPerNode + 2048,
                "\(history[full + 1].bytes) bytes")

        let snapshot = profiler.snapshot()
        let profile = snapshot.profile()
        // Folded scopes' time stays in their parents, so no time is lost.
        #expect(abs(StatsSession(profile: profile).totalTime - Double(total) * 1e-6) < 1e-9)
        #expect(snapshot.foldedSeconds > 0)
        // Top-level scopes past the cap have no parent: they are the one function that says so.
        #expect((profile[.foldedPastNodeCap]?.calls ?? 0) > 0)
        for function in profile.functions {
            for edge in function.callers { #expect(profile[edge.caller] != nil) }
        }
    }

    @Test("the cap is shared by all threads and reset gives the nodes back")
    func capSharedAndReturned() {
        let (profiler, clock) = manualProfiler(nodeCapacity: 3)
        let game = profiler.makeRecorder(name: "game")
        let worker = profiler.makeRecorder(name: "worker")
        game.withScope(Self.sites[0]) { game.withScope(Self.sites[1]) { clock.advance(by: 1) } }
        worker.withScope(Self.sites[2]) { worker.withScope(Self.sites[3]) { clock.advance(by: 2) } }
        var snapshot = profiler.snapshot()
        #expect(snapshot.nodeCount == 3)
        #expect(snapshot.foldedCalls == 1)
        #expect(snapshot.foldedSeconds == Double(2) * 1e-6)
        // The folded scope's 2 µs are its parent's own time.
        #expect(snapshot.profile()[Self.sites[2].key]?.selfTime == Double(2) * 1e-6)
        game.withScope(Self.sites[5]) { clock.advance(by: 4) }
        snapshot = profiler.snapshot()
        #expect(snapshot.foldedCalls == 2)
        #expect(snapshot.profile()[.foldedPastNodeCap] == FunctionStats(
            key: .foldedPastNodeCap, primitiveCalls: 1, calls: 1, selfTime: Double(4) * 1e-6,
            cumulativeTime: Double(4) * 1e-6))
        #expect(snapshot.foldedStacks().contains("{folded past node cap} 4\n"))
        profiler.reset()
        worker.withScope(Self.sites[2]) { worker.withScope(Self.sites[3]) { clock.advance(by: 2) } }
        snapshot = profiler.snapshot()
        #expect(snapshot.nodeCount == 2)
        #expect(snapshot.foldedCalls == 0)
    }

    @Test("the default cap is about 64 MiB of nodes")
    func defaultCap() {
        #expect((ProfilerConfiguration.defaultNodeCapacity + 1) * ProfilerConfiguration.bytesPerNode == 64 << 20)
    }
}
