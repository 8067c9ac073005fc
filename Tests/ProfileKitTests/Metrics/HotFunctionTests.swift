import Testing
@testable import ProfileKit

@Suite("HotFunction")
struct HotFunctionTests {
    static func stats(_ name: String, line: Int, calls: Int, self seconds: Double) -> FunctionStats {
        FunctionStats(key: FunctionKey(file: "world.swift", line: line, name: name), primitiveCalls: calls, calls: calls,
                      selfTime: seconds, cumulativeTime: seconds)
    }

    @Test("the interval's hottest functions are the growth in self time between two profiles")
    func growth() {
        let before = Profile([Self.stats("look", line: 1, calls: 10, self: 1.0), Self.stats("say", line: 2, calls: 5, self: 0.5)])
        let after = Profile([
            Self.stats("look", line: 1, calls: 12, self: 1.25),
            Self.stats("say", line: 2, calls: 5, self: 0.5),
            Self.stats("dig", line: 3, calls: 1, self: 0.25),
            Self.stats("move", line: 4, calls: 7, self: 0.75),
        ])
        let hot = HotFunction.hottest(from: before, to: after, limit: 10)
        #expect(hot == [
            HotFunction(name: "move", file: "world.swift", line: 4, selfSeconds: 0.75, calls: 7),
            HotFunction(name: "look", file: "world.swift", line: 1, selfSeconds: 0.25, calls: 2),
            HotFunction(name: "dig", file: "world.swift", line: 3, selfSeconds: 0.25, calls: 1),
        ], "say did not run; equal times go to the lower pstats name (world.swift:1(look) first)")
        #expect(HotFunction.hottest(from: before, to: after, limit: 1).map(\.name) == ["move"])
    }

    @Test("after a profiler reset a function that shrank counts from zero")
    func reset() {
        let before = Profile([Self.stats("look", line: 1, calls: 100, self: 9.0)])
        let after = Profile([Self.stats("look", line: 1, calls: 3, self: 0.5)])
        #expect(HotFunction.hottest(from: before, to: after, limit: 5).map(\.selfSeconds) == [0.5])
    }
}
