import Foundation
import Testing
import TestSupport
@testable import ProfileKit

/// The recorder against CPython's cProfile: the same call structures, the same fake clock, the same
/// numbers to the last bit (`Tests/ProfileKitTests/Fixtures/recorder/recorder_scenarios.cprofile.json`, made in that folder by
/// `python3 cprofile_reference.py cprofile recorder_scenarios.json`).
@Suite("Recorder: differential against cProfile")
struct RecorderCProfileTests {
    @Test("every scenario matches cProfile's recorded stats exactly")
    func matchesCheckedInCProfileOutput() throws {
        let scenarios = try RecorderFixtures.loadScenarios()
        let expected = try RecorderFixtures.parseStats(Data(contentsOf: RecorderFixtures.expected))
        #expect(Set(scenarios.keys) == Set(expected.keys))
        for (name, roots) in scenarios.sorted(by: { $0.key < $1.key }) {
            let actual = statsByName(recordedProfile(roots))
            let reference = try #require(expected[name])
            #expect(Set(actual.keys) == Set(reference.keys), "\(name)")
            for (function, stats) in reference {
                #expect(actual[function] == stats, "\(name).\(function)")
            }
        }
    }

    @Test("cProfile run live gives the checked-in numbers", .enabled(if: RecorderFixtures.python != nil))
    func liveCProfileMatchesFixture() throws {
        let python = try #require(RecorderFixtures.python)
        let live = try RecorderFixtures.parseStats(
            RecorderFixtures.runScript(python, ["cprofile", RecorderFixtures.scenarios.path]))
        let expected = try RecorderFixtures.parseStats(Data(contentsOf: RecorderFixtures.expected))
        #expect(live == expected)
    }

    @Test("cProfile of every other Python 3.8 to 3.13 here gives the same numbers (3.12+ is sys.monitoring)",
          .enabled(if: !PythonCorpus.otherPythons().isEmpty))
    func otherPythonsAgree() throws {
        let expected = try RecorderFixtures.parseStats(Data(contentsOf: RecorderFixtures.expected))
        for (name, path) in PythonCorpus.otherPythons() {
            let live = try RecorderFixtures.parseStats(RecorderFixtures.runScript(
                URL(fileURLWithPath: path), ["cprofile", RecorderFixtures.scenarios.path]))
            #expect(live == expected, "\(name)")
        }
    }

    @Test("Python's pstats loads the recorder's .prof and sees cProfile's numbers and totals",
          .enabled(if: RecorderFixtures.python != nil))
    func pstatsLoadsRecorderOutput() throws {
        let python = try #require(RecorderFixtures.python)
        let expected = try RecorderFixtures.parseStats(Data(contentsOf: RecorderFixtures.expected))
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("recorder-pstats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, roots) in try RecorderFixtures.loadScenarios() {
            let profile = recordedProfile(roots)
            let file = directory.appendingPathComponent("\(name).prof")
            try Data(profile.pstatsData()).write(to: file)
            let output = try RecorderFixtures.runScript(python, ["pstats", file.path])
            let loaded = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
            let stats = try #require(loaded["stats"] as? [String: Any])
            #expect(try stats.mapValues { try NamedStats(json: $0) } == expected[name], "\(name)")
            // The profstats engine's totals, computed as pstats computes them, agree with pstats'.
            let session = StatsSession(profile: profile)
            let totalCalls = try #require(loaded["total_calls"] as? Int)
            let primitiveCalls = try #require(loaded["prim_calls"] as? Int)
            #expect(Int128(totalCalls) == session.totalCalls, "\(name)")
            #expect(Int128(primitiveCalls) == session.primitiveCalls, "\(name)")
            #expect(try NamedStats.number(loaded["total_tt"] as Any) == session.totalTime, "\(name)")
        }
    }

    @Test("the .prof bytes read back as the same profile")
    func pstatsRoundTrip() throws {
        for (_, roots) in try RecorderFixtures.loadScenarios() {
            let profile = recordedProfile(roots)
            #expect(try Profile(pstatsData: profile.pstatsData()) == profile)
        }
    }
}
