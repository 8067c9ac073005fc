import Foundation
import Testing
import TestSupport
@testable import Server

/// Seeded mutation fuzzing of the dummyrunner's settings-file reader (its TOML subset) and the
/// command templates it accepts: any text is a profile that works or a `ProfileError` naming a
/// line of the file, never a crash.
@Suite struct SettingsFuzzTests {
    static let fragments: [[UInt8]] = [
        "[[action]]\n", "[", "]", "\"", "\\", "\\\"", "\\n", "\\u", "=", " = ", "\n", "\r\n", "#", ",", "_",
        "{gid}", "{counter}", "{", "}", "|", "weight = ", "commands = [", "name = \"x\"\n", "inf", "nan",
        "1e309", "1e308", "-0", "0x1p4", "true", "1_000",
    ].map { Array($0.utf8) } + [[0], [0xFF], [0xCC, 0x81], [0xF0, 0x9F, 0x98, 0x80]]

    /// A third of the other fuzz tests' count: a settings file is longer than a telnet line.
    static let iterations = FuzzTests.iterations / 3

    @Test func anySettingsTextIsAWorkingProfileOrAnErrorNamingItsLine() throws {
        let seeds = BuiltinProfiles.texts.keys.sorted().compactMap { BuiltinProfiles.texts[$0] }.map { Array($0.utf8) }
        try #require(!seeds.isEmpty)
        var random = SplitMix64(seed: 0x5345_5454_494E_4753)
        var (parsed, refused) = (0, 0)
        // Each input is a built-in profile changed in a few places (mutants of mutants are almost
        // never profiles, and the reader's paths past the first error go untried).
        for iteration in 0..<Self.iterations {
            let input = FuzzTests.mutate(seeds[iteration % seeds.count], &random, seeds: seeds, fragments: Self.fragments)
            let text = String(decoding: input, as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
            do {
                let profile = try RunnerProfile.parse(text, file: "f.toml")
                parsed += 1
                let table = profile.table
                guard table.totalWeight > 0, table.totalWeight.isFinite, profile.tick > 0, profile.tick <= 3600,
                      (0...1).contains(profile.chanceOfLogin), (0...1).contains(profile.chanceOfAction) else {
                    Issue.record("accepted a profile it cannot run: \(profile) from \(text.debugDescription)")
                    return
                }
                for uniform in [0, 0.5, 0.999_999] {
                    guard let index = table.pick(uniform: uniform), table.actions[index].weight > 0 else {
                        Issue.record("picked no action with weight at \(uniform): \(profile)")
                        return
                    }
                }
                var memory = BotMemory(gid: "g", password: "p")
                for template in profile.login + profile.actions.flatMap(\.commands) {
                    _ = CommandTemplate.expand(template, memory: &memory)
                }
            } catch {
                refused += 1
                switch error {
                case .badLine(let file, let line, let reason):
                    #expect(file == "f.toml" && (1...lines).contains(line) && !reason.isEmpty)
                case .invalid(let file, let reason):
                    #expect(file == "f.toml" && !reason.isEmpty)
                default:
                    Issue.record("unexpected error \(error) for \(text.debugDescription)")
                }
            }
        }
        print("settings fuzz: \(Self.iterations) mutated files, \(parsed) profiles, \(refused) refused")
        #expect(parsed > Self.iterations / 20 && refused > Self.iterations / 20)
    }
}
