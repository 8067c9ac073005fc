import Foundation
import Testing
@testable import ProfileKit

/// `WriteTarget`: where a whole-file write lands through links, and what is not a file.
@Suite("Write targets")
struct WriteTargetTests {
    @Test("links are followed, relative and absolute, to a file not made yet; a loop stops")
    func links() throws {
        let directory = NSTemporaryDirectory() + "mudscope-target-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: directory + "/a", withDestinationPath: "sub/b")
        try manager.createSymbolicLink(atPath: directory + "/sub/b", withDestinationPath: directory + "/sub/file")
        #expect(WriteTarget.resolved(directory + "/a") == directory + "/sub/file")
        #expect(WriteTarget.resolved(directory + "/plain") == directory + "/plain")
        try manager.createSymbolicLink(atPath: directory + "/loop", withDestinationPath: "loop")
        #expect(WriteTarget.resolved(directory + "/loop") == directory + "/loop")
        #expect(WriteTarget.isSpecial(directory + "/sub") && WriteTarget.isSpecial("/dev/null"))
        #expect(!WriteTarget.isSpecial(directory + "/sub/file"), "a file not made yet is no device")
    }
}
