import Foundation
import Testing
@testable import ProfileKit

@Suite("WholeFile")
struct WholeFileTests {
    /// A temporary file holding `bytes`.
    private func file(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "wholefile-\(UUID().uuidString)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a file of several reads' size comes back whole, and a limit stops it")
    func readsWholeAndToLimit() throws {
        let bytes = (0..<70_001).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = try file(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try WholeFile.read(path).get() == bytes)
        #expect(try WholeFile.read(path, limit: 5_000).get() == Array(bytes[0..<5_000]))
        #expect(try WholeFile.read(path, limit: 0).get() == [])
        #expect(try WholeFile.read(try file([])).get() == [])
    }

    @Test("one descriptor read twice gives the file as it is at each read")
    func rereadsFromTheStart() throws {
        let path = try file(Array("first".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_RDWR)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        #expect(WholeFile.read(descriptor, into: &bytes) == nil)
        #expect(bytes == Array("first".utf8))
        #expect(pwrite(descriptor, "SECOND!", 7, 0) == 7)
        #expect(WholeFile.read(descriptor, into: &bytes) == nil)
        #expect(bytes == Array("SECOND!".utf8))
    }

    @Test("a missing file or a directory is an errno with its text")
    func failures() {
        #expect(WholeFile.read("/nonexistent/mudscope") == .failure(WholeFile.Errno(ENOENT)))
        #expect(WholeFile.Errno(ENOENT).message == "No such file or directory")
        #expect(WholeFile.read("/tmp") == .failure(WholeFile.Errno(EISDIR)))
    }
}
