import Foundation
import Testing
@testable import ProfileKit

/// A seeded mutation fuzz loop over real profiles (issue 2, item 6), run in every `swift test`.
///
/// The seeds are the profiles of Fixtures/fuzz/seeds (Python 2.7 and 3.8-3.13 cProfile output,
/// marshal versions 0-3, 64-bit counts; made by Fixtures/make_fixtures.sh). Every mutant must either
/// decode or throw a `ProfileReadError` whose byte offset lies within the input; a trap or a hang
/// fails the run. The libFuzzer target in Fuzz/ checks the same properties without a budget.
@Suite("Profile reader fuzzing")
struct ProfileReaderFuzzTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz").path
    static let seedNames: [String] = files(in: "seeds")
    static let seeds: [[UInt8]] = seedNames.map { bytes(of: "seeds/\($0)") }
    /// Mutants per seed profile: 8,500 x 12 seeds is 102,000 inputs per test run.
    static let mutantsPerSeed = 8_500

    static func files(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/" + folder)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    static func bytes(of name: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))) ?? []
    }

    /// What reading one input gave.
    enum Outcome: Equatable {
        case decoded(functions: Int)
        case failed(ProfileReadError)
    }

    /// Reads `bytes` as a profile; records an issue when an error's offset lies outside the input,
    /// or when the fast decoder accepts what the general reader reads differently or refuses (other
    /// than by its bomb guard).
    static func read(_ bytes: [UInt8], _ label: @autoclosure () -> String) -> Outcome {
        let profile: Profile
        do {
            profile = try Profile(pstatsData: bytes)
        } catch {
            if !(0...bytes.count).contains(error.offset) {
                Issue.record("\(label()): offset \(error.offset) outside \(bytes.count) bytes: \(error)")
            }
            return .failed(error)
        }
        do {
            let general = try Profile(generalPstatsData: bytes)
            if let fromFile = profile.indexedCallsFromFile, !fromFile.isIdentical(to: general.indexedCalls) {
                Issue.record("\(label()): the fast decoder's call graph and the general reader's disagree")
            }
            if general.pstatsData() != profile.pstatsData() {
                Issue.record("\(label()): the fast decoder and the general reader disagree")
            }
        } catch .marshal(.referencesExpandTooFar) {
            // The general reader's bomb guard; the fast decoder interns strings and needs none.
        } catch {
            let hex = bytes.count <= 1024 ? bytes.map { String($0, radix: 16) }.joined(separator: " ") : "(long)"
            Issue.record("\(label()): the general reader refuses what the fast decoder read: \(error)\n\(hex)")
        }
        // The call-graph exporters must run to the end on whatever reads (they once trapped on
        // the sums of absurd times).
        for compatibility in CallgrindExporter.Compatibility.allCases {
            _ = CallgrindExporter(compatibility: compatibility).bytes(for: profile)
        }
        _ = try? DotExporter().export(.profile(profile))
        return .decoded(functions: profile.count)
    }

    /// FNV-1a, so a seed's PRNG stream does not depend on Swift's per-process hash seed.
    static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    @Test("every seed profile reads, except the Python 2 one, which says so")
    func seedsRead() throws {
        #expect(Self.seedNames.count >= 12, "seeds missing: run Fixtures/make_fixtures.sh")
        for (name, bytes) in zip(Self.seedNames, Self.seeds) {
            let outcome = Self.read(bytes, name)
            if name.contains("py27") {
                guard case .failed(let error) = outcome else {
                    Issue.record("\(name) read as a profile")
                    continue
                }
                #expect(error.description.contains("Python 2"), "\(name): \(error)")
            } else {
                guard case .decoded(let count) = outcome else {
                    Issue.record("\(name): \(outcome)")
                    continue
                }
                #expect(count >= 3, "\(name): \(count) functions")
            }
        }
    }

    @Test("mutants of a real profile decode or throw a typed error inside the input",
          arguments: seedNames)
    func mutants(of seedName: String) throws {
        let seed = Self.seeds[try #require(Self.seedNames.firstIndex(of: seedName))]
        var mutator = ProfileMutator(seed: Self.stableHash(seedName), donors: Self.seeds)
        var decoded = 0, failed = 0, marshalFailures = 0
        for iteration in 0..<Self.mutantsPerSeed {
            let input = mutator.mutate(seed)
            switch Self.read(input, "\(seedName) mutant #\(iteration)") {
            case .decoded: decoded += 1
            case .failed(.marshal): failed += 1; marshalFailures += 1
            case .failed: failed += 1
            }
        }
        #expect(decoded + failed == Self.mutantsPerSeed)
        // The loop explores both sides: some damage is harmless (a flipped bit in a time), most is not.
        #expect(failed > Self.mutantsPerSeed / 10, "\(seedName): only \(failed) of the mutants failed")
        #expect(marshalFailures > 0, "\(seedName): no mutant broke the marshal stream")
        if !seedName.contains("py27") {
            #expect(decoded > Self.mutantsPerSeed / 100, "\(seedName): only \(decoded) mutants decoded")
        }
    }
}
