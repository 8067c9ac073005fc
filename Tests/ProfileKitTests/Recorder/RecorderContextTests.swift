import Foundation
import Testing
@testable import ProfileKit

/// Work handed from the game executor to a worker thread, attributed under the scope that started it.
@Suite("Recorder: work attributed across threads")
struct RecorderContextTests {
    private let tick = CallSpec.site("tick")
    private let command = CallSpec.site("command")
    private let hash = CallSpec.site("hash")

    private func us(_ ticks: Int64) -> Double { Double(ticks) * 1e-6 }

    @Test("a worker's job appears under the command: its time counted there, the command's calls not")
    func jobUnderCommand() throws {
        let (profiler, clock) = manualProfiler()
        let game = profiler.makeRecorder(name: "game")
        let worker = profiler.makeRecorder(name: "worker")
        var context = ProfileContext.root
        game.withScope(tick) {
            game.withScope(command) {
                clock.advance(by: 2)
                context = game.currentContext()
            }
            clock.advance(by: 1)
        }
        #expect(context.keys == [tick.key, command.key])
        worker.withScope(hash, in: context) { clock.advance(by: 10) }

        let profile = profiler.snapshot().profile()
        #expect(profile[tick.key] == FunctionStats(key: tick.key, primitiveCalls: 1, calls: 1, selfTime: us(1),
                                                   cumulativeTime: us(13)))
        #expect(profile[command.key]?.calls == 1)
        #expect(profile[command.key]?.selfTime == us(2))
        #expect(profile[command.key]?.cumulativeTime == us(12))
        #expect(profile[command.key]?.callers.first?.stats == EdgeStats(
            calls: 1, primitiveCalls: 1, selfTime: us(2), cumulativeTime: us(12)))
        #expect(profile[hash.key] == FunctionStats(
            key: hash.key, primitiveCalls: 1, calls: 1, selfTime: us(10), cumulativeTime: us(10),
            callers: [CallerEdge(caller: command.key, stats: EdgeStats(
                calls: 1, primitiveCalls: 1, selfTime: us(10), cumulativeTime: us(10)))]))
        let name = { (site: ProfileSite) in site.key.standardName }
        #expect(profiler.snapshot().foldedStacks() == """
            \(name(tick)) 1
            \(name(tick));\(name(command)) 2
            \(name(tick));\(name(command));\(name(hash)) 10

            """)
    }

    @Test("a context whose scopes were never recorded still names every caller")
    func contextWithoutCalls() {
        let (profiler, clock) = manualProfiler()
        let worker = profiler.makeRecorder(name: "worker")
        worker.withScope(hash, in: ProfileContext(sites: [command.id])) { clock.advance(by: 4) }
        let profile = profiler.snapshot().profile()
        #expect(profile[command.key]?.calls == 0)
        #expect(profile[command.key]?.cumulativeTime == us(4))
        #expect(profile[hash.key]?.callers.map(\.caller) == [command.key])
    }
}
