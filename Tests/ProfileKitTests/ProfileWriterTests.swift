import Foundation
import Testing
import TestSupport
@testable import ProfileKit

@Suite("Profile writer")
struct ProfileWriterTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// A profile with everything the writer must encode: recursion, built-ins, a non-ASCII name, a
    /// path over 255 bytes, counts past 2^31, a shared file name, and a function without callers.
    static let sample: Profile = {
        let longFile = "/srv/" + String(repeating: "deep/", count: 60) + "zone.py"
        let main = FunctionKey(file: "/srv/game/main.py", line: 1, name: "<module>")
        let tick = FunctionKey(file: "/srv/game/main.py", line: 10, name: "tick")
        let name = FunctionKey(file: "/srv/game/módulo.py", line: 3, name: "函数")
        let far = FunctionKey(file: longFile, line: 7, name: "far")
        let len = FunctionKey.builtin("<built-in method builtins.len>")
        return Profile([
            FunctionStats(key: main, primitiveCalls: 1, calls: 1, selfTime: 0.001, cumulativeTime: 2.5),
            FunctionStats(key: tick, primitiveCalls: 10, calls: 3_000_000_000, selfTime: 1.25, cumulativeTime: 2.4,
                          callers: [CallerEdge(caller: main, stats: EdgeStats(calls: 10, primitiveCalls: 10, selfTime: 0.5, cumulativeTime: 2.4)),
                                    CallerEdge(caller: tick, stats: EdgeStats(calls: 2_999_999_990, primitiveCalls: 0, selfTime: 0.75, cumulativeTime: 1.5))]),
            FunctionStats(key: name, primitiveCalls: 4, calls: 4, selfTime: 0.1, cumulativeTime: 0.2,
                          callers: [CallerEdge(caller: tick, stats: EdgeStats(calls: 4, primitiveCalls: 4, selfTime: 0.1, cumulativeTime: 0.2))]),
            FunctionStats(key: far, primitiveCalls: 2, calls: 2, selfTime: 0.05, cumulativeTime: 0.05,
                          callers: [CallerEdge(caller: name, stats: EdgeStats(calls: 2, primitiveCalls: 2, selfTime: 0.05, cumulativeTime: 0.05))]),
            FunctionStats(key: len, primitiveCalls: 7, calls: 7, selfTime: 0, cumulativeTime: 0,
                          callers: [CallerEdge(caller: tick, stats: EdgeStats(calls: 7, primitiveCalls: 7, selfTime: 0, cumulativeTime: 0))]),
        ])
    }()

    @Test("the writer's bytes match the golden file, and read back as the same profile")
    func golden() throws {
        let bytes = Self.sample.pstatsData()
        let path = Self.fixtures + "/writer/sample.prof"
        if ProcessInfo.processInfo.environment["MUDSCOPE_RECORD_GOLDEN"] == "1" {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        let golden = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes == golden, "re-record with MUDSCOPE_RECORD_GOLDEN=1 if the change is intended")
        #expect(try Profile(pstatsData: bytes) == Self.sample)
    }

    @Test("names that differ only in Unicode normalization are two functions, in Python and here")
    func normalizationTwins() throws {
        let composed = FunctionKey(file: "café.py", line: 1, name: "f")
        let decomposed = FunctionKey(file: "cafe\u{301}.py", line: 1, name: "f")
        #expect(composed != decomposed)  // Swift's String == would call them equal
        let profile = Profile([composed, decomposed].map {
            FunctionStats(key: $0, primitiveCalls: 1, calls: 1, selfTime: 0.5, cumulativeTime: 0.5)
        })
        #expect(profile.count == 2)
        let path = NSTemporaryDirectory() + "normalization-\(UUID().uuidString).prof"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(profile.pstatsData()).write(to: URL(fileURLWithPath: path))
        let python = try PythonCorpus.run("python3", ["-c", "import pstats, sys; print(len(pstats.Stats(sys.argv[1]).stats))", path])
        #expect(String(decoding: python, as: UTF8.self) == "2\n")
        #expect(try Profile(pstatsData: profile.pstatsData()).count == 2)
    }

    @Test("Python's pstats reads the golden file as the profile that was written")
    func pythonReadsGolden() throws {
        let script = """
            import pstats, sys
            s = pstats.Stats(sys.argv[1]).stats
            tick = s[("/srv/game/main.py", 10, "tick")]
            assert tick[:4] == (10, 3000000000, 1.25, 2.4), tick
            assert tick[4][("/srv/game/main.py", 10, "tick")] == (2999999990, 0, 0.75, 1.5)
            assert ("/srv/game/módulo.py", 3, "函数") in s
            assert len(s) == 5
            """
        try PythonCorpus.run("python3", ["-c", script, Self.fixtures + "/writer/sample.prof"])
    }

    @Test("every real profile written back is the same profile to pstats", arguments: [
        "deep_recursion", "builtins_methods", "non_ascii", "long_path", "many_functions", "synthetic_bigcounts",
        "synthetic_marshal_v0",
    ])
    func roundTripThroughPython(_ name: String) throws {
        let corpus = try PythonCorpus.shared.get()
        let original = try #require(corpus.profiles.first { $0.name == name }?.path)
        let profile = try Profile(pstatsData: [UInt8](Data(contentsOf: URL(fileURLWithPath: original))))
        let written = corpus.directory + "/\(name).rewritten.prof"
        try Data(profile.pstatsData()).write(to: URL(fileURLWithPath: written))
        try PythonCorpus.run("python3", [PythonCorpus.fixtures + "/writer_check.py", original, written])
    }
}

@Suite("Fast and general readers")
struct ReaderAgreementTests {
    static var profileNames: [String] {
        (try? PythonCorpus.shared.get().profiles.map(\.name)) ?? ["<corpus could not be made>"]
    }

    @Test("the fast path reads every real profile exactly as the general reader does", arguments: profileNames)
    func agree(_ name: String) throws {
        let corpus = try PythonCorpus.shared.get()
        let path = try #require(corpus.profiles.first { $0.name == name }?.path)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let fast = try #require(PstatsFastDecoder.decode(bytes), "the fast path gave up on \(name)")
        let general = try Profile(generalPstatsData: bytes)
        try Self.expectSameGraph(fast, general)
        #expect(fast == general)
    }

    /// The call graph and name ids a fresh fast-decoded profile gives straight from the file's key
    /// ids equal what the general path computes from decoded callers and hashed strings.
    static func expectSameGraph(_ fast: Profile, _ general: Profile,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fastCalls = try #require(fast.indexedCallsFromFile, sourceLocation: sourceLocation)
        #expect(fastCalls.isIdentical(to: general.indexedCalls), sourceLocation: sourceLocation)
        let keys = general.functions.map(\.key)
        for (ids, parts) in [(fast.nameIDs.file, keys.map(\.file)), (fast.nameIDs.name, keys.map(\.name))] {
            #expect(ids.count == parts.count, sourceLocation: sourceLocation)
            var textOfID: [Int32: String] = [:], idOfText: [String: Int32] = [:]
            for (id, text) in zip(ids, parts) {
                #expect(textOfID[id, default: text] == text, "one id, two strings", sourceLocation: sourceLocation)
                #expect(idOfText[text, default: id] == id, "one string, two ids", sourceLocation: sourceLocation)
                textOfID[id] = text
                idOfText[text] = id
            }
        }
    }
}
