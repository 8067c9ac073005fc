import Foundation
import Testing
import TestSupport
@testable import ProfileKit

/// One pstats call sequence, the unit of the differential tests.
struct PstatsCase: Codable, Sendable, CustomTestStringConvertible {
    var files: [String]
    var strip = false
    var sort: [String] = []
    var reverse = false
    var restrict: [String] = []
    var mode = "stats"

    var testDescription: String {
        let names = files.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: "+")
        return "\(names) \(mode) sort=\(sort) restrict=\(restrict)\(strip ? " strip" : "")\(reverse ? " reverse" : "")"
    }
}

/// Loads a file as profstats does: bytes, then a session with pstats' header line.
func loadSession(_ path: String) throws -> StatsSession {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    let modified = (attributes[.modificationDate] as! Date).timeIntervalSince1970
    let profile = try Profile(pstatsData: bytes)
    return StatsSession(profile: profile, header: PythonTime.ctime(modified) + "    " + path)
}

/// What profstats' engine prints for a case.
func engineOutput(_ c: PstatsCase, sessions: [String: StatsSession]) throws -> String {
    var session = StatsSession(merging: c.files.map { sessions[$0]! })
    if c.strip { session.stripDirectories() }
    if !c.sort.isEmpty { session.sort(by: try SortKey.parse(c.sort)) }
    if c.reverse { session.reverseOrder() }
    let restrictions = c.restrict.map(Restriction.init(parsing:))
    switch c.mode {
    case "callers": return session.callersReport(restrictions)
    case "callees": return session.calleesReport(restrictions)
    default: return session.statsReport(restrictions)
    }
}

/// What Python's pstats prints for each case, from one python3 process.
func oracleOutputs(_ cases: [PstatsCase]) throws -> [String] {
    let input = try JSONEncoder().encode(cases)
    let output = try PythonCorpus.run("python3", [PythonCorpus.fixtures + "/pstats_oracle.py"], input: input)
    return try JSONDecoder().decode([String].self, from: output)
}
