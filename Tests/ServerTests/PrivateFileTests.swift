import Foundation
import Testing
@testable import Server

/// The admin socket and token file must be this user's alone, or the server refuses to serve.
@Suite struct PrivateFileTests {
    private func temporaryFile(_ label: String) throws -> String {
        let path = NSTemporaryDirectory() + "mudscope-\(label)-\(UUID().uuidString)"
        try "x".write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    @Test func anOpenFileIsMadePrivate() throws {
        let path = try temporaryFile("private")
        defer { unlink(path) }
        #expect(chmod(path, 0o666) == 0)
        try PrivateFile.requirePrivate(path, what: "test file")
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    @Test(.enabled(if: getuid() == 0, "needs root to give a file away"))
    func anotherUsersFileIsRefused() throws {
        let path = try temporaryFile("foreign")
        defer { unlink(path) }
        #expect(chown(path, 65534, 65534) == 0)
        #expect(throws: LauncherError.self) { try PrivateFile.requirePrivate(path, what: "test file") }
    }

    @Test func theTokenFileIsPrivateAndFreshEachTime() throws {
        let path = NSTemporaryDirectory() + "mudscope-token-\(UUID().uuidString)"
        defer { unlink(path) }
        let first = try PrivateFile.writeToken(to: path)
        let second = try PrivateFile.writeToken(to: path)
        #expect(first != second)
        #expect(first.count == 64 && first.allSatisfy(\.isHexDigit))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == second + "\n")
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
    }
}
