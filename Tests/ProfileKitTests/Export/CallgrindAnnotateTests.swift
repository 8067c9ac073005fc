import Foundation
import Testing
import ProfileKit
import TestSupport

/// Differential tests against valgrind's `callgrind_annotate`: it must accept every file, its
/// PROGRAM TOTALS must be the profile's total self time and its inclusive view the cumtimes.
@Suite("Callgrind output read by callgrind_annotate")
struct CallgrindAnnotateTests {
    static let annotate = "/usr/bin/callgrind_annotate"

    @Test("fixtures and the whole Python corpus, in ns and us",
          .enabled(if: FileManager.default.isExecutableFile(atPath: annotate)))
    func annotateAgrees() throws {
        let profiles = try ExportFixtures.allProfiles()
        #expect(profiles.count >= 18)  // 3 fixtures, 8 cProfile runs, 7 synthetic files, plus other Pythons
        let dir = try ExportFixtures.temporaryDirectory("annotate-out")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, profile) in profiles {
            for unit in CallgrindExporter.TimeUnit.allCases {
                try check(profile, named: name, unit: unit, in: dir)
            }
        }
    }

    private func check(_ profile: Profile, named name: String, unit: CallgrindExporter.TimeUnit, in dir: URL) throws {
        let file = dir.appendingPathComponent("\(name).\(unit.rawValue).callgrind")
        try Data(try CallgrindExporter(unit: unit).export(.profile(profile))).write(to: file)
        let scale = unit.perSecond

        // callgrind_annotate exits non-zero on a file it rejects; run() then throws.
        let exclusive = try ExportFixtures.run(Self.annotate, ["--threshold=100", "--auto=no", file.path], in: dir)
        let total = (ProfileTotals(profile).time * scale).rounded()
        #expect(Self.programTotal(exclusive) == Int(total), "\(name) \(unit): PROGRAM TOTALS")

        let inclusive = try ExportFixtures.run(Self.annotate, ["--inclusive=yes", "--threshold=100", "--auto=no", file.path], in: dir)
        let shown = Self.functionCosts(inclusive)
        let names = Self.annotateNames(profile)
        let outside = "~:" + CallgrindExporter.outsideCallerName
        #expect(shown.count - (shown[outside] == nil ? 0 : 1) == profile.count, "\(name) \(unit): every function listed")
        let functions = profile.functions
        for function in functions {
            guard let cost = shown[names[function.key]!] else {
                Issue.record("\(name): \(function.key.standardName) missing from callgrind_annotate's list")
                continue
            }
            let expected = Int((function.cumulativeTime * scale).rounded())
            // ns: cProfile's times are whole nanoseconds, so the costs add up exactly. us: each call
            // cost is rounded on its own.
            let edges = function.callers.count + functions.filter { $0.callers.contains { $0.caller == function.key } }.count
            let tolerance = unit == .nanoseconds ? 0 : 1 + edges / 2
            #expect(abs(cost - expected) <= tolerance,
                    "\(name) \(unit): inclusive \(cost) for \(function.key.standardName), cumtime \(expected)")
        }
    }

    /// callgrind_annotate's `file:function` for each key (pyprof2calltree's name munging).
    static func annotateNames(_ profile: Profile) -> [FunctionKey: String] {
        var count: [String: Int] = [:]
        for f in profile.functions { count["\(f.key.file):\(f.key.name)", default: 0] += 1 }
        var names: [FunctionKey: String] = [:]
        for f in profile.functions {
            let plain = "\(f.key.file):\(f.key.name)"
            names[f.key] = count[plain]! > 1 ? "\(plain):\(f.key.line)" : plain
        }
        return names
    }

    static func number(_ text: Substring) -> Int? { Int(text.filter { $0 != "," }) }

    static func programTotal(_ output: String) -> Int? {
        for line in output.split(separator: "\n") where line.hasSuffix("PROGRAM TOTALS") {
            return number(line.split(separator: " ", omittingEmptySubsequences: true)[0])
        }
        return nil
    }

    /// The `cost (pct%)  file:function` rows.
    static func functionCosts(_ output: String) -> [String: Int] {
        var result: [String: Int] = [:]
        var inTable = false
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasSuffix("file:function") { inTable = true; continue }
            guard inTable else { continue }
            if line.hasPrefix("----") { continue }
            if line.isEmpty { if !result.isEmpty { break }; continue }
            // "  1,234 (12.34%)  file:function", or "      0           file:function" for zero.
            guard let match = line.wholeMatch(of: /\s*([\d,]+)\s+(?:\(\s*[\d.]+%\)\s+)?(.+)/),
                  let cost = number(match.output.1) else { continue }
            result[String(match.output.2)] = cost
        }
        return result
    }
}
