import Foundation

/// Real profiles made by running Python workloads under cProfile, and Python's pstats as the oracle
/// for what profstats must print. Made once per test process, in a fresh temporary directory.
public struct PythonCorpus: Sendable {
    /// Each profile's name and absolute path.
    public let profiles: [(name: String, path: String)]
    /// Where everything was written.
    public let directory: String

    public static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    /// The corpus, or the reason it could not be made (then the differential tests fail loudly).
    public static let shared: Result<PythonCorpus, CorpusError> = Result { () throws(CorpusError) in try make() }

    /// The Python interpreters of other versions this machine has, by short name (`py38`).
    public static func otherPythons() -> [(name: String, path: String)] {
        let root = "/root/.pyenv/versions"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.sorted().compactMap { v in
            let parts = v.split(separator: ".")
            guard parts.count >= 2, parts[0] == "3", let minor = Int(parts[1]), (8...13).contains(minor),
                  minor != 11
            else { return nil }
            let path = "\(root)/\(v)/bin/python"
            return FileManager.default.isExecutableFile(atPath: path) ? ("py3\(minor)", path) : nil
        }
    }

    private static func make() throws(CorpusError) -> PythonCorpus {
        let dir = NSTemporaryDirectory() + "mudscope-pstats-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch { throw CorpusError(message: "cannot create \(dir): \(error)") }
        let workloads = fixtures + "/workloads"
        var profiles: [(String, String)] = []
        func profile(_ name: String, _ script: String, python: String = "python3") throws(CorpusError) {
            let out = "\(dir)/\(name).prof"
            try run(python, ["-m", "cProfile", "-o", out, script], cwd: dir)
            profiles.append((name, out))
        }
        for name in ["deep_recursion", "mutual_recursion", "builtins_methods", "generators", "imports",
                     "many_functions"] {
            try profile(name, "\(workloads)/\(name).py")
        }
        try profile("non_ascii", "\(workloads)/prof_ünïcödé_dir/módulo_测试.py")
        // A path far longer than 255 bytes makes marshal use its long string codes.
        let deep = dir + String(repeating: "/a_rather_long_directory_name", count: 12) + "/nested"
        try? FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        try? FileManager.default.copyItem(atPath: "\(workloads)/generators.py", toPath: "\(deep)/generators.py")
        try profile("long_path", "\(deep)/generators.py")
        for (short, python) in otherPythons() {
            try profile("builtins_methods.\(short)", "\(workloads)/builtins_methods.py", python: python)
            try profile("mutual_recursion.\(short)", "\(workloads)/mutual_recursion.py", python: python)
        }
        try run("python3", ["\(fixtures)/make_synthetic.py", "\(dir)/builtins_methods.prof", dir], cwd: dir)
        for name in ["synthetic_marshal_v0", "synthetic_marshal_v1", "synthetic_marshal_v2",
                     "synthetic_marshal_v3", "synthetic_bigcounts", "synthetic_merged", "synthetic_stripped"] {
            profiles.append((name, "\(dir)/\(name).prof"))
        }
        return PythonCorpus(profiles: profiles, directory: dir)
    }

    /// Runs a program to completion; its standard output, or an error with its standard error.
    @discardableResult
    public static func run(_ program: String, _ arguments: [String], cwd: String? = nil, input: Data? = nil)
        throws(CorpusError) -> Data
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        do { try process.run() } catch { throw CorpusError(message: "cannot run \(program): \(error)") }
        let writer = Thread {
            if let input { stdin.fileHandleForWriting.write(input) }
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        // Read stderr on its own thread so that neither pipe can fill up and block the child.
        let errorBox = DataBox()
        let reader = Thread { errorBox.data = stderr.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorBox.done { usleep(1000) }
        guard process.terminationStatus == 0 else {
            throw CorpusError(message: "\(program) \(arguments.joined(separator: " ")) failed: "
                + String(decoding: errorBox.data, as: UTF8.self))
        }
        return output
    }
}

/// A byte buffer handed from a reader thread.
final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = Data()
    private var finished = false
    var data: Data {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue; finished = true } }
    }
    var done: Bool { lock.withLock { finished } }
}

/// Why the Python corpus could not be made.
public struct CorpusError: Error, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

