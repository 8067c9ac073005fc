import Foundation
import Synchronization
import Testing
@testable import ProfileKit

/// Start, stop, reset and snapshots while scopes are open; threads merged.
/// Microseconds as the recorder turns 1 µs ticks into seconds.
private func us(_ ticks: Int64) -> Double { Double(ticks) * 1e-6 }

@Suite("Recorder: run-time control")
struct RecorderLifecycleTests {
    private let a = CallSpec.site("a")
    private let b = CallSpec.site("b")

    @Test("a thread bound to a named recorder gets it as its current recorder, not a new one")
    func boundThreadUsesItsRecorder() {
        let profiler = Profiler()
        let executor = profiler.makeRecorder(name: "game")
        let same = Atomic<Bool>(false)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            profiler.bindCurrentThread(to: executor)
            same.store(profiler.recorderForCurrentThread() === executor, ordering: .relaxed)
            done.signal()
        }
        done.wait()
        let bound = same.load(ordering: .relaxed)
        #expect(bound)
        #expect(profiler.recorderForCurrentThread() !== executor)
    }

    @Test("nothing is recorded before start, and exit of an unrecorded scope is harmless")
    func offByDefault() {
        let clock = ManualClock()
        let profiler = Profiler(configuration: ProfilerConfiguration(clock: .manual(clock), calibrationPairs: 0))
        let recorder = profiler.makeRecorder(name: "game")
        let token = recorder.enter(a)
        #expect(token == .unrecorded)
        clock.advance(by: 5)
        recorder.exit(token)
        #expect(!profiler.isRecording)
        #expect(profiler.snapshot().profile().count == 0)
        #expect(profiler.snapshot().scopeCalls == 0)
    }

    @Test("a snapshot counts open scopes as exited now and changes nothing")
    func snapshotWithOpenScopes() {
        let (profiler, clock) = manualProfiler()
        let recorder = profiler.makeRecorder(name: "game")
        let outer = recorder.enter(a)
        clock.advance(by: 5)
        let inner = recorder.enter(b)
        clock.advance(by: 3)
        let during = profiler.snapshot().profile()
        #expect(during[a.key]?.calls == 1)
        #expect(during[a.key]?.cumulativeTime == us(8))
        #expect(during[a.key]?.selfTime == us(5))
        #expect(during[b.key]?.callers.first?.stats == EdgeStats(calls: 1, primitiveCalls: 1, selfTime: us(3),
                                                                  cumulativeTime: us(3)))
        clock.advance(by: 2)
        recorder.exit(inner)
        recorder.exit(outer)
        #expect(profiler.isRecording)
        let after = profiler.snapshot().profile()
        #expect(after[a.key]?.calls == 1)
        #expect(after[a.key]?.cumulativeTime == us(10))
        #expect(after[b.key]?.selfTime == us(5))
    }

    @Test("stop counts open scopes once, like cProfile's disable, and ignores their late exits")
    func stopFlushes() {
        let (profiler, clock) = manualProfiler()
        let recorder = profiler.makeRecorder(name: "game")
        let token = recorder.enter(a)
        clock.advance(by: 5)
        profiler.stop()
        clock.advance(by: 100)
        recorder.exit(token)
        #expect(recorder.enter(b) == .unrecorded)
        let profile = profiler.snapshot().profile()
        #expect(profile[a.key] == FunctionStats(key: a.key, primitiveCalls: 1, calls: 1, selfTime: us(5),
                                                cumulativeTime: us(5)))
        #expect(profile.count == 1)
    }

    @Test("starting inside an unrecorded scope makes new scopes roots, as enabling cProfile mid-call does")
    func startMidScope() {
        let clock = ManualClock()
        let profiler = Profiler(configuration: ProfilerConfiguration(clock: .manual(clock, secondsPerTick: 1e-6),
                                                                     calibrationPairs: 0))
        let recorder = profiler.makeRecorder(name: "game")
        let outer = recorder.enter(a)
        profiler.start()
        let inner = recorder.enter(b)
        clock.advance(by: 4)
        recorder.exit(inner)
        recorder.exit(outer)
        let profile = profiler.snapshot().profile()
        #expect(profile.functions.map(\.key) == [b.key])
        #expect(profile[b.key]?.callers == [])
    }

    @Test("reset forgets everything, frees the nodes, and keeps recording")
    func reset() {
        let (profiler, clock) = manualProfiler()
        let recorder = profiler.makeRecorder(name: "game")
        recorder.withScope(a) { clock.advance(by: 7) }
        let open = recorder.enter(a)
        clock.advance(by: 1)
        profiler.reset()
        #expect(profiler.snapshot().nodeCount == 0)
        #expect(profiler.snapshot().profile().count == 0)
        recorder.exit(open)
        recorder.withScope(b) { clock.advance(by: 2) }
        let profile = profiler.snapshot().profile()
        #expect(profile.functions.map(\.key) == [b.key])
        #expect(profile[b.key]?.cumulativeTime == us(2))
        #expect(profiler.snapshot().scopeCalls == 1)
    }

    @Test("a scope left open inside another is closed with it")
    func missingExit() {
        let (profiler, clock) = manualProfiler()
        let recorder = profiler.makeRecorder(name: "game")
        let outer = recorder.enter(a)
        _ = recorder.enter(b)
        clock.advance(by: 3)
        recorder.exit(outer)
        let profile = profiler.snapshot().profile()
        #expect(profile[a.key]?.cumulativeTime == us(3))
        #expect(profile[b.key]?.calls == 1)
    }

    @Test("withScope passes results and typed errors through")
    func withScopeResults() {
        struct Refused: Error, Equatable {}
        let (profiler, _) = manualProfiler()
        let recorder = profiler.makeRecorder(name: "game")
        #expect(recorder.withScope(a) { 42 } == 42)
        #expect(throws: Refused.self) { try recorder.withScope(b) { () throws(Refused) in throw Refused() } }
        let profile = profiler.snapshot().profile()
        #expect(profile[a.key]?.calls == 1)
        #expect(profile[b.key]?.calls == 1)
    }

    @Test("named call sites intern (file, line, function) from the call site")
    func callSiteKeys() {
        let (profiler, _) = manualProfiler()
        let recorder = profiler.makeRecorder(name: "game")
        for _ in 0..<3 { recorder.withScope { } }
        let profile = profiler.snapshot().profile()
        #expect(profile.count == 1)
        let key = profile.functions[0].key
        #expect(key.file == "ProfileKitTests/RecorderLifecycleTests.swift")
        #expect(key.name == "callSiteKeys()")
        #expect(profile.functions[0].calls == 3)
        #expect(ProfileSite(key: key) == ProfileSite(key: key))
    }

    @Test("threads record on their own stacks and are summed on dump")
    func threadsMerge() throws {
        let (profiler, clock) = manualProfiler()
        let threads = 4, rounds = 500
        let done = DispatchGroup()
        let sameRecorder = Atomic<Int>(0)
        for _ in 0..<threads {
            done.enter()
            Thread.detachNewThread { [a, b] in
                let recorder = profiler.recorderForCurrentThread()
                if recorder === profiler.recorderForCurrentThread() {
                    sameRecorder.wrappingAdd(1, ordering: .relaxed)
                }
                for _ in 0..<rounds {
                    recorder.withScope(a) {
                        recorder.withScope(b) { clock.advance(by: 1) }
                        recorder.withScope(a) {}
                    }
                }
                done.leave()
            }
        }
        done.wait()
        #expect(sameRecorder.load(ordering: .relaxed) == threads)
        let snapshot = profiler.snapshot()
        #expect(snapshot.threadCount == threads)
        #expect(snapshot.mergedNodeCount == 3)
        let profile = snapshot.profile()
        #expect(profile[a.key]?.calls == 2 * threads * rounds)
        #expect(profile[a.key]?.primitiveCalls == threads * rounds)
        #expect(profile[b.key]?.calls == threads * rounds)
        #expect(profile[a.key]?.callers.first?.stats.calls == threads * rounds)
    }

    @Test("start measures the recorder's own cost and the snapshot scales it")
    func overheadEstimate() throws {
        let profiler = Profiler(configuration: ProfilerConfiguration(calibrationPairs: 5_000))
        profiler.start()
        let recorder = profiler.makeRecorder(name: "game")
        for _ in 0..<10 { recorder.withScope(a) {} }
        let snapshot = profiler.snapshot()
        let overhead = try #require(snapshot.overhead)
        #expect(overhead.nanosecondsPerScope > 0)
        #expect(overhead.pairs > 0 && overhead.pairs <= 5_000)
        #expect(overhead.clockName == ProfileClock.wall.name)
        #expect(snapshot.clockName == ProfileClock.wall.name)
        #expect(snapshot.estimatedOverheadSeconds == 10 * overhead.nanosecondsPerScope * 1e-9)
    }
}
