import Foundation
import SQLiteStore
import Testing
@testable import Server

/// `held-changes.json`: the changes the database refused, kept for the next start.
@Suite struct HeldChangesTests {
    /// One change of every kind, with text that JSON must escape.
    static let everyKind: [WriteOp] = [
        .saveObject(ObjectRecord(id: 7, kind: .exit, name: "north \"gate\"", aliases: ["n", "ñ"],
                                 description: "line one\nline two\t\u{1}", locationID: 2, destinationID: 3,
                                 homeID: nil, ownerAccountID: 4)),
        .setNameKeys(objectID: 7, keys: ["north \"gate\"", "n", "ñ"]),
        .deleteObject(9),
        .setAttribute(objectID: 7, key: "lock", value: "{\"a\": [1, 2]}"),
        .deleteAttribute(objectID: 7, key: "old"),
        .saveAccount(AccountRecord(id: 4, name: "Ärger", passwordHash: "pbkdf2_sha256$1000$salt$hash",
                                   permission: .builder, characterID: 5, createdAt: 1_764_000_000.25)),
    ]

    private static func path(_ label: String) -> String {
        NSTemporaryDirectory() + "mudscope-held-\(label)-\(UUID().uuidString).json"
    }

    @Test func everyKindOfChangeReadsBackAsWritten() throws {
        let path = Self.path("round-trip")
        defer { HeldChanges.remove(at: path) }
        let held = HeldChanges(id: "run-1", written: 1_764_000_000, changes: Self.everyKind)
        try held.write(to: path)
        #expect(try HeldChanges.read(from: path) == held)
        // A person can read it: one object per change, its kind named.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"op\" : \"setAttribute\""))
        #expect(text.contains("\"format\" : \"mudserver held changes\""))
    }

    @Test func aFileThatIsNotHeldChangesIsRefusedWithWhereAndWhy() throws {
        let path = Self.path("bad")
        defer { HeldChanges.remove(at: path) }
        #expect(try HeldChanges.read(from: path) == nil, "no file: nothing held")
        func refusal(_ text: String) -> String? {
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
            do {
                _ = try HeldChanges.read(from: path)
                return nil
            } catch {
                return error.description
            }
        }
        let notJSON = try #require(refusal("{\"format\": "))
        #expect(notJSON.hasPrefix("\(path) is not a held-changes file that can be read: not JSON"))
        #expect(notJSON.hasSuffix("Move it away to start without the changes it holds."))
        let header = "\"format\": \"mudserver held changes\", \"version\": 1, \"id\": \"x\", \"written\": 0"
        let badOp = try #require(refusal("{\(header), \"changes\": [{\"op\": \"deleteObject\", \"objectID\": 1}, {\"op\": \"frobnicate\"}]}"))
        #expect(badOp.contains("changes[1].op"), "\(badOp)")
        let missing = try #require(refusal("{\(header), \"changes\": [{\"op\": \"setAttribute\", \"objectID\": 1, \"key\": \"k\"}]}"))
        #expect(missing.contains("changes[0] has no \"value\""), "\(missing)")
        let newer = try #require(refusal("{\"format\": \"mudserver held changes\", \"version\": 2, \"id\": \"x\", \"written\": 0, \"changes\": []}"))
        #expect(newer.contains("version 2; this server reads \"mudserver held changes\" version 1"))
    }

    /// A file that outlived the commit that wrote its changes (a crash right after it) is not
    /// applied over the newer rows: the database recorded its id in that commit.
    @Test func aFileTheDatabaseAlreadyWroteIsRemovedNotAppliedAgain() throws {
        let directory = try makeGameDirectory("held-written")
        defer { removeGameDirectory(directory) }
        let store = WorldStore(database: try SQLiteDatabase(path: directory.databaseFile))
        try store.apply([.setAttribute(objectID: 1, key: "gold", value: "9")], heldID: "run-1")
        try HeldChanges(id: "run-1", written: 0, changes: [.setAttribute(objectID: 1, key: "gold", value: "5")])
            .write(to: directory.heldChangesFile)
        #expect(try HeldChanges.restore(from: directory.heldChangesFile, into: store) == .alreadyWritten)
        #expect(try store.attributes(of: 1)["gold"] == "9")
        #expect(!FileManager.default.fileExists(atPath: directory.heldChangesFile))
        // Another run's file is written, and its id recorded.
        try HeldChanges(id: "run-2", written: 0, changes: [.setAttribute(objectID: 1, key: "gold", value: "5")])
            .write(to: directory.heldChangesFile)
        #expect(try HeldChanges.restore(from: directory.heldChangesFile, into: store) == .wrote(1))
        #expect(try store.attributes(of: 1)["gold"] == "5")
        #expect(try store.meta(HeldChanges.metaKey) == "run-2")
    }
}
