import Foundation
import Testing
import TestSupport
@testable import ProfileKit

/// profstats' engine against Python's pstats on real cProfile output: every sort key, alias and
/// abbreviation, restriction chains, strip_dirs, reverse, merges, callers and callees.
@Suite("pstats differential")
struct PstatsDifferentialTests {
    static let sortSpellings: [[String]] = SortKey.words.map { [$0] }
        + [["cu"], ["ncal"], ["f"], ["m"], ["p"], ["s"], ["to"], ["ti"], ["l"], ["na"], ["nf"],
           ["-1"], ["0"], ["1"], ["2"],
           ["time", "name"], ["calls", "filename", "line"], ["pcalls", "cumulative"], ["stdname", "time"],
           ["line", "name", "cumtime"]]

    static let restrictionChains: [[String]] = [
        ["10"], ["0"], ["0.1"], ["0.5", "3"], ["1.0"], ["5000"], ["-1"], ["0.0"], ["0.999"],
        [".*fact|work"], ["\\.py"], ["nomatch_xyz"], ["("], ["[unclosed"], ["built-in", "0.5", "2"],
        ["(?P<x>len)"], ["'quote\"s"], ["it's"], ["is_even", "is_odd"], ["函数"], ["^\\{"], ["\\d+\\("],
        ["method", "("], ["a\tb"],
    ]

    static func cases(for path: String) -> [PstatsCase] {
        var cases: [PstatsCase] = [PstatsCase(files: [path])]
        for keys in sortSpellings { cases.append(PstatsCase(files: [path], sort: keys)) }
        for chain in restrictionChains {
            cases.append(PstatsCase(files: [path], sort: ["cumulative"], restrict: chain))
        }
        cases += [
            PstatsCase(files: [path], sort: ["cumulative"], reverse: true),
            PstatsCase(files: [path], reverse: true, restrict: ["5"]),
            PstatsCase(files: [path], strip: true),
            PstatsCase(files: [path], strip: true, sort: ["time"], restrict: ["20"]),
            PstatsCase(files: [path], strip: true, sort: ["stdname"], mode: "callers"),
            PstatsCase(files: [path], strip: true, mode: "callees"),
            PstatsCase(files: [path], mode: "callers"),
            PstatsCase(files: [path], mode: "callees"),
            PstatsCase(files: [path], sort: ["cumulative"], restrict: ["5"], mode: "callers"),
            PstatsCase(files: [path], sort: ["time"], restrict: ["0.3"], mode: "callees"),
            PstatsCase(files: [path], sort: ["name"], restrict: ["built-in"], mode: "callers"),
            PstatsCase(files: [path], restrict: ["nomatch_xyz"], mode: "callees"),
            PstatsCase(files: [path], sort: ["calls"], restrict: ["0"], mode: "callers"),
            PstatsCase(files: [path, path], sort: ["time"]),
        ]
        return cases
    }

    static var profileNames: [String] {
        (try? PythonCorpus.shared.get().profiles.map(\.name)) ?? ["<corpus could not be made>"]
    }

    @Test("profstats prints what pstats prints", arguments: profileNames)
    func matchesPstats(_ name: String) throws {
        let corpus = try PythonCorpus.shared.get()
        let path = try #require(corpus.profiles.first { $0.name == name }?.path)
        try compare(Self.cases(for: path))
    }

    @Test("merged profiles print what pstats prints")
    func merges() throws {
        let corpus = try PythonCorpus.shared.get()
        let paths = corpus.profiles.map(\.path)
        let three = [paths[0], paths[1], paths[3]]
        try compare([
            PstatsCase(files: three, sort: ["time"]),
            PstatsCase(files: three),
            PstatsCase(files: three, strip: true, sort: ["cumulative"], restrict: ["15"]),
            PstatsCase(files: three, sort: ["calls"], restrict: ["10"], mode: "callers"),
            PstatsCase(files: three, mode: "callees"),
            PstatsCase(files: Array(paths.prefix(8)), sort: ["nfl"]),
        ])
    }

    private func compare(_ cases: [PstatsCase]) throws {
        var sessions: [String: StatsSession] = [:]
        for path in Set(cases.flatMap(\.files)) { sessions[path] = try loadSession(path) }
        let expected = try oracleOutputs(cases)
        try #require(expected.count == cases.count)
        var failures = 0
        for (c, want) in zip(cases, expected) {
            let got = try engineOutput(c, sessions: sessions)
            if got != want {
                failures += 1
                if failures <= 3 {
                    Issue.record("\(c.testDescription): output differs\n\(firstDifference(got, want))")
                }
            }
        }
        #expect(failures == 0, "\(failures) of \(cases.count) cases differ")
    }
}

/// The first differing line of two texts, for a readable failure.
func firstDifference(_ got: String, _ want: String) -> String {
    let a = got.split(separator: "\n", omittingEmptySubsequences: false)
    let b = want.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(a.count, b.count) {
        let x = i < a.count ? String(a[i]) : "<end>"
        let y = i < b.count ? String(b[i]) : "<end>"
        if x != y { return "line \(i + 1):\n  profstats: \(x.debugDescription)\n  pstats:    \(y.debugDescription)" }
    }
    return "(same lines, different bytes)"
}
