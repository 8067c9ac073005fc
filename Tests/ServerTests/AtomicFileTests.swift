import Foundation
import Testing
@testable import Server

/// The server's whole-or-nothing file writes (profile dumps, held changes).
@Suite struct AtomicFileTests {
    private static func scratch() throws -> String {
        let directory = NSTemporaryDirectory() + "mudscope-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func aLinkIsFollowedAndKeptAndAPipeIsRefusedNotReplaced() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (real, link, fifo) = (directory + "/real.prof", directory + "/link.prof", directory + "/pipe.prof")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        try AtomicFile.write(Array("new".utf8), to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try String(contentsOfFile: real, encoding: .utf8) == "new")

        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(throws: FileWriteError.write(path: fifo, reason: "not a regular file (a device, a pipe or a directory); "
                                                 + "give a file's path")) {
            try AtomicFile.write(Array("x".utf8), to: fifo)
        }
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the pipe is still a pipe")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["link.prof", "pipe.prof", "real.prof"],
                "no temporary file left")
    }
}
