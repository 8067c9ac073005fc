import Foundation
@testable import ProfileKit

/// One scripted call for recorder tests: advance the clock, make the child calls, advance again.
/// The same shape as `Fixtures/recorder/cprofile_reference.py`'s `[name, before, [children], after]`.
struct CallSpec {
    var name: String
    var before: Int64
    var children: [CallSpec]
    var after: Int64

    init(_ name: String, _ before: Int64, _ children: [CallSpec] = [], _ after: Int64 = 0) {
        self.name = name
        self.before = before
        self.children = children
        self.after = after
    }

    /// Reads `[name, before, [children], after]`.
    init(json: Any) throws {
        guard let parts = json as? [Any], parts.count == 4, let name = parts[0] as? String,
              let before = parts[1] as? Int, let children = parts[2] as? [Any], let after = parts[3] as? Int
        else { throw RecorderTestError.badFixture("bad call \(json)") }
        self.init(name, Int64(before), try children.map { try CallSpec(json: $0) }, Int64(after))
    }

    /// The site of a scripted function.
    static func site(_ name: String) -> ProfileSite {
        ProfileSite(key: FunctionKey(file: "<recorder-spec>", line: 1, name: name))
    }

    /// Plays the call on `recorder`, moving `clock` as the Python template moves its fake clock.
    func run(on recorder: ThreadRecorder, clock: ManualClock) {
        let token = recorder.enter(Self.site(name))
        clock.advance(by: before)
        for child in children { child.run(on: recorder, clock: clock) }
        clock.advance(by: after)
        recorder.exit(token)
    }
}

enum RecorderTestError: Error {
    case badFixture(String)
    case pythonFailed(String)
}

/// A profiler on a manual clock with 1 tick = 1 µs, no calibration, already recording.
func manualProfiler(nodeCapacity: Int = ProfilerConfiguration.defaultNodeCapacity) -> (Profiler, ManualClock) {
    let clock = ManualClock()
    let profiler = Profiler(configuration: ProfilerConfiguration(
        clock: .manual(clock, secondsPerTick: 1e-6), nodeCapacity: nodeCapacity, calibrationPairs: 0))
    profiler.start()
    return (profiler, clock)
}

/// Runs `roots` on a fresh manual-clock profiler and returns its profile.
func recordedProfile(_ roots: [CallSpec]) -> Profile {
    let (profiler, clock) = manualProfiler()
    let recorder = profiler.makeRecorder(name: "test")
    for root in roots { root.run(on: recorder, clock: clock) }
    return profiler.snapshot().profile()
}

/// The stats as `cprofile_reference.py` prints them: name -> [cc, nc, tt, ct, {caller: [nc, cc, tt, ct]}].
func statsByName(_ profile: Profile) -> [String: NamedStats] {
    var out: [String: NamedStats] = [:]
    for f in profile.functions {
        var callers: [String: [Double]] = [:]
        for edge in f.callers {
            callers[edge.caller.name] = [Double(edge.stats.calls), Double(edge.stats.primitiveCalls),
                                         edge.stats.selfTime, edge.stats.cumulativeTime]
        }
        out[f.key.name] = NamedStats(numbers: [Double(f.primitiveCalls), Double(f.calls), f.selfTime,
                                               f.cumulativeTime], callers: callers)
    }
    return out
}

/// One function's numbers, keyed by names only, for comparing with Python.
struct NamedStats: Equatable, CustomStringConvertible {
    var numbers: [Double]
    var callers: [String: [Double]]

    init(numbers: [Double], callers: [String: [Double]]) {
        self.numbers = numbers
        self.callers = callers
    }

    /// Reads `[cc, nc, tt, ct, {caller: [nc, cc, tt, ct]}]` from JSON.
    init(json: Any) throws {
        guard let parts = json as? [Any], parts.count == 5, let callers = parts[4] as? [String: [Any]] else {
            throw RecorderTestError.badFixture("bad stats \(json)")
        }
        numbers = try parts[0..<4].map { try Self.number($0) }
        self.callers = try callers.mapValues { try $0.map { try Self.number($0) } }
    }

    /// Counts are JSON integers; times are strings holding Python's `repr`, read back exactly.
    static func number(_ value: Any) throws -> Double {
        if let text = value as? String, let x = Double(text) { return x }
        if let n = value as? Int { return Double(n) }
        throw RecorderTestError.badFixture("not a number: \(value)")
    }

    var description: String { "\(numbers) callers \(callers.sorted { $0.key < $1.key })" }
}

/// Paths of the fixtures beside this file.
enum RecorderFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/recorder")
    static let script = directory.appendingPathComponent("cprofile_reference.py")
    static let scenarios = directory.appendingPathComponent("recorder_scenarios.json")
    static let expected = directory.appendingPathComponent("recorder_scenarios.cprofile.json")

    /// The scenarios by name.
    static func loadScenarios() throws -> [String: [CallSpec]] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: scenarios))
        guard let dict = json as? [String: [Any]] else { throw RecorderTestError.badFixture("scenarios") }
        return try dict.mapValues { try $0.map { try CallSpec(json: $0) } }
    }

    /// Parses the reference script's output: scenario -> function -> stats.
    static func parseStats(_ data: Data) throws -> [String: [String: NamedStats]] {
        guard let dict = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] else {
            throw RecorderTestError.badFixture("stats")
        }
        return try dict.mapValues { try $0.mapValues { try NamedStats(json: $0) } }
    }

    /// The python3 on PATH, if any.
    static var python: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Runs the reference script with `arguments` and returns its standard output.
    static func runScript(_ python: URL, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw RecorderTestError.pythonFailed(errorText) }
        return data
    }
}
