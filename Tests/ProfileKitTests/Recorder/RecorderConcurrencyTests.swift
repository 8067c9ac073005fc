import Foundation
import Synchronization
import Testing
@testable import ProfileKit

/// Threads recording while another thread snapshots, stops, starts and resets the profiler.
@Suite("Recorder: control while threads record")
struct RecorderConcurrencyTests {
    private static let sites = (0..<12).map { CallSpec.site("busy\($0)") }

    @Test("snapshots taken during recording are consistent profiles")
    func controlDuringRecording() throws {
        let profiler = Profiler(configuration: ProfilerConfiguration(
            clock: .monotonic, nodeCapacity: 500, calibrationPairs: 100))
        profiler.start()
        let running = Atomic<Bool>(true)
        let done = DispatchGroup()
        for seed in 0..<3 {
            done.enter()
            Thread.detachNewThread {
                let recorder = profiler.recorderForCurrentThread()
                var state = UInt64(seed + 1)
                var tokens: [ScopeToken] = []
                while running.load(ordering: .relaxed) {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let roll = Int((state >> 33) % 12)
                    if tokens.count < 8 && (tokens.isEmpty || roll > 4) {
                        tokens.append(recorder.enter(Self.sites[roll]))
                    } else {
                        recorder.exit(tokens.removeLast())
                    }
                }
                while let token = tokens.popLast() { recorder.exit(token) }
                done.leave()
            }
        }
        var checked = 0
        for round in 0..<60 {
            switch round % 10 {
            case 3: profiler.stop()
            case 4: profiler.start()
            case 7: profiler.reset()
            default: break
            }
            let snapshot = profiler.snapshot()
            #expect(snapshot.nodeCount <= 500)
            let profile = snapshot.profile()
            for function in profile.functions {
                #expect(function.primitiveCalls <= function.calls)
                #expect(function.callers.map(\.stats.calls).reduce(0, +) <= function.calls)
                for edge in function.callers { #expect(profile[edge.caller] != nil) }
            }
            if let roundTrip = try? Profile(pstatsData: profile.pstatsData()) {
                #expect(roundTrip == profile)
                checked += 1
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
        running.store(false, ordering: .relaxed)
        done.wait()
        #expect(checked > 0)
        #expect(profiler.snapshot().threadCount == 3)
    }
}
