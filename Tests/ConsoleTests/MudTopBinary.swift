import Foundation

/// Runs the built `mudtop` executable.
enum MudTopBinary {
    /// The executable next to the test bundle.
    static func path() throws -> String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("mudtop").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw BinaryError(description: "mudtop binary not found near \(bundle.path); run `swift build` first")
    }

    /// Runs it with `arguments` to completion (bounded by `timeout` seconds).
    static func run(_ arguments: [String], timeout: Double = 30) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path())
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && deadline.timeIntervalSinceNow > 0 { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            throw BinaryError(description: "mudtop \(arguments) did not finish")
        }
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }

    /// A failure to run the binary.
    struct BinaryError: Error, CustomStringConvertible {
        var description: String
    }
}
