import Testing
@testable import ProfileKit

/// Folded stacks (`a;b;c weight`, own time in whole microseconds), Brendan Gregg's format.
@Suite("Recorder: folded stacks")
struct FoldedStacksTests {
    @Test("one line per stack with own time, sorted, µs weights, zero-µs stacks left out")
    func foldedText() {
        let (profiler, clock) = manualProfiler()
        let game = profiler.makeRecorder(name: "game")
        let worker = profiler.makeRecorder(name: "worker")
        let roots = [
            CallSpec("main", 10, [CallSpec("parse", 5), CallSpec("look", 3, [CallSpec("render", 7)])], 2),
            CallSpec("main", 1, [CallSpec("parse", 4)]),
        ]
        for root in roots { root.run(on: game, clock: clock) }
        CallSpec("hash", 30, [CallSpec("tiny", 0)]).run(on: worker, clock: clock)
        let name = { (n: String) in CallSpec.site(n).key.standardName }
        #expect(profiler.snapshot().foldedStacks() == """
            \(name("hash")) 30
            \(name("main")) 13
            \(name("main"));\(name("look")) 3
            \(name("main"));\(name("look"));\(name("render")) 7
            \(name("main"));\(name("parse")) 9

            """)
    }

    @Test("semicolons in names cannot split a frame; ticks convert to rounded microseconds")
    func sanitizedAndRounded() {
        let clock = ManualClock()
        let profiler = Profiler(configuration: ProfilerConfiguration(clock: .manual(clock), calibrationPairs: 0))
        profiler.start()
        let recorder = profiler.makeRecorder(name: "game")
        let site = ProfileSite(key: FunctionKey.builtin("<a;b>"))
        recorder.withScope(site) { clock.advance(by: 2_499) }
        recorder.withScope(site) { clock.advance(by: 2) }
        #expect(profiler.snapshot().foldedStacks() == "{a:b} 3\n")
    }
}
