import Testing
@testable import ProfileKit

/// cProfile's recursion rules on small call trees, against numbers worked out by hand (1 tick = 1 µs).
@Suite("Recorder: cProfile semantics under recursion")
struct RecorderRecursionTests {
    private func expectFunction(_ profile: Profile, _ name: String, cc: Int, nc: Int, tt: Int64, ct: Int64,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        guard let f = profile[CallSpec.site(name).key] else {
            Issue.record("no function \(name)", sourceLocation: sourceLocation)
            return
        }
        #expect(f.primitiveCalls == cc, "\(name) cc", sourceLocation: sourceLocation)
        #expect(f.calls == nc, "\(name) nc", sourceLocation: sourceLocation)
        #expect(f.selfTime == Double(tt) * 1e-6, "\(name) tt", sourceLocation: sourceLocation)
        #expect(f.cumulativeTime == Double(ct) * 1e-6, "\(name) ct", sourceLocation: sourceLocation)
    }

    private func expectEdge(_ profile: Profile, _ caller: String, _ callee: String, nc: Int, cc: Int,
                            tt: Int64, ct: Int64, sourceLocation: SourceLocation = #_sourceLocation) {
        let edge = profile[CallSpec.site(callee).key]?.callers.first { $0.caller.name == caller }
        #expect(edge?.stats == EdgeStats(calls: nc, primitiveCalls: cc, selfTime: Double(tt) * 1e-6,
                                         cumulativeTime: Double(ct) * 1e-6),
                "\(caller) -> \(callee)", sourceLocation: sourceLocation)
    }

    @Test("direct recursion: main -> f -> f -> f")
    func directRecursion() {
        // Inclusive: f3 = 4, f2 = 3 + 4 = 7, f1 = 2 + 7 = 9, main = 1 + 9 = 10.
        let profile = recordedProfile([
            CallSpec("main", 1, [CallSpec("f", 2, [CallSpec("f", 3, [CallSpec("f", 4)])])]),
        ])
        expectFunction(profile, "main", cc: 1, nc: 1, tt: 1, ct: 10)
        // Only f1 is primitive; ct is f1's inclusive time only.
        expectFunction(profile, "f", cc: 1, nc: 3, tt: 9, ct: 9)
        expectEdge(profile, "main", "f", nc: 1, cc: 1, tt: 2, ct: 9)
        // f1 -> f2 opens the f->f edge (primitive for the edge); f2 -> f3 is inside it.
        expectEdge(profile, "f", "f", nc: 2, cc: 1, tt: 7, ct: 7)
        #expect(profile[CallSpec.site("main").key]?.callers == [])
    }

    @Test("mutual recursion: a -> b -> a -> b")
    func mutualRecursion() {
        // Inclusive: b2 = 4, a2 = 3 + 4 = 7, b1 = 2 + 7 = 9, a1 = 1 + 9 = 10.
        let profile = recordedProfile([
            CallSpec("a", 1, [CallSpec("b", 2, [CallSpec("a", 3, [CallSpec("b", 4)])])]),
        ])
        expectFunction(profile, "a", cc: 1, nc: 2, tt: 4, ct: 10)
        expectFunction(profile, "b", cc: 1, nc: 2, tt: 6, ct: 9)
        // a1 -> b1 is the outermost a->b; a2 -> b2 is recursive for the edge.
        expectEdge(profile, "a", "b", nc: 2, cc: 1, tt: 6, ct: 9)
        expectEdge(profile, "b", "a", nc: 1, cc: 1, tt: 3, ct: 7)
        #expect(profile.functions.map(\.key.name) == ["a", "b"])
    }

    @Test("recursion through an intermediate: a -> b -> c -> a -> b")
    func recursionThroughIntermediate() {
        // Inclusive: b2 = 5, a2 = 4 + 5 = 9, c1 = 3 + 9 = 12, b1 = 2 + 12 = 14, a1 = 1 + 14 = 15.
        let profile = recordedProfile([
            CallSpec("a", 1, [CallSpec("b", 2, [CallSpec("c", 3, [CallSpec("a", 4, [CallSpec("b", 5)])])])]),
        ])
        expectFunction(profile, "a", cc: 1, nc: 2, tt: 5, ct: 15)
        expectFunction(profile, "b", cc: 1, nc: 2, tt: 7, ct: 14)
        expectFunction(profile, "c", cc: 1, nc: 1, tt: 3, ct: 12)
        expectEdge(profile, "a", "b", nc: 2, cc: 1, tt: 7, ct: 14)
        expectEdge(profile, "b", "c", nc: 1, cc: 1, tt: 3, ct: 12)
        expectEdge(profile, "c", "a", nc: 1, cc: 1, tt: 4, ct: 9)
    }

    @Test("an edge is primitive again once its outer call has returned")
    func edgeReopened() {
        // a -> b (3) twice in sequence from the root a, then a -> b inside b -> a.
        // Inclusive: first b = 3; second b = 1 + (a' = 2 + (b'' = 5) = 7) = 8; a = 10 + 3 + 8 = 21.
        let profile = recordedProfile([
            CallSpec("a", 10, [CallSpec("b", 3), CallSpec("b", 1, [CallSpec("a", 2, [CallSpec("b", 5)])])]),
        ])
        expectFunction(profile, "a", cc: 1, nc: 2, tt: 12, ct: 21)
        expectFunction(profile, "b", cc: 2, nc: 3, tt: 9, ct: 11)
        expectEdge(profile, "a", "b", nc: 3, cc: 2, tt: 9, ct: 11)
        expectEdge(profile, "b", "a", nc: 1, cc: 1, tt: 2, ct: 7)
    }

    @Test("totals: the sum of own times is the time under the roots, and callers are functions")
    func invariants() throws {
        let scenarios = try RecorderFixtures.loadScenarios()
        for (name, roots) in scenarios {
            let profile = recordedProfile(roots)
            func total(_ call: CallSpec) -> Int64 { call.before + call.after + call.children.map(total).reduce(0, +) }
            let expected = Double(roots.map(total).reduce(0, +))
            #expect(abs(StatsSession(profile: profile).totalTime * 1e6 - expected) < 1e-6, "\(name)")
            for f in profile.functions {
                #expect(f.callers.map(\.stats.calls).reduce(0, +) <= f.calls, "\(name) \(f.key.name)")
                for edge in f.callers { #expect(profile[edge.caller] != nil, "\(name): orphan caller") }
            }
        }
    }
}
