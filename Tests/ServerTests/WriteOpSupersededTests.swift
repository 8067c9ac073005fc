import Foundation
import SQLiteStore
import Testing
import TestSupport
@testable import Server

/// The writer's backlog keeps one change per row: dropping the changes a later one makes moot must
/// leave the database exactly as applying them all would.
@Suite struct WriteOpSupersededTests {
    private static func object(_ id: Int64, _ name: String, in location: Int64? = 1) -> ObjectRecord {
        ObjectRecord(id: id, kind: .thing, name: name, aliases: [], description: "", locationID: location,
                     destinationID: nil, homeID: nil, ownerAccountID: nil)
    }

    @Test func laterChangesToTheSameRowsMakeEarlierOnesMoot() {
        let ops: [WriteOp] = [
            .saveObject(Self.object(10, "lamp")), .setNameKeys(objectID: 10, keys: ["lamp"]),
            .setAttribute(objectID: 10, key: "oil", value: "1"), .saveObject(Self.object(11, "cup")),
            .saveObject(Self.object(10, "lamp", in: 2)), .setAttribute(objectID: 10, key: "oil", value: "2"),
            .setAttribute(objectID: 11, key: "tea", value: "yes"), .deleteObject(11),
            .deleteAttribute(objectID: 10, key: "wick"), .saveObject(Self.object(10, "lamp", in: 3)),
        ]
        #expect(WriteOp.withoutSuperseded(ops) == [
            .setNameKeys(objectID: 10, keys: ["lamp"]), .setAttribute(objectID: 10, key: "oil", value: "2"),
            .deleteObject(11), .deleteAttribute(objectID: 10, key: "wick"), .saveObject(Self.object(10, "lamp", in: 3)),
        ])
    }

    @Test func randomChangesLeaveTheSameRowsWithOrWithoutTheMootOnes() throws {
        var random = SplitMix64(seed: 0x5EED)
        let all = try makeGameDirectory("superseded-all")
        let kept = try makeGameDirectory("superseded-kept")
        defer { removeGameDirectory(all); removeGameDirectory(kept) }
        let allStore = WorldStore(database: try SQLiteDatabase(path: all.databaseFile))
        let keptStore = WorldStore(database: try SQLiteDatabase(path: kept.databaseFile))
        var dropped = 0
        for _ in 0..<200 {
            // A few ids and keys, so that rows are hit again and again.
            let ops: [WriteOp] = (0..<Int.random(in: 1...40, using: &random)).map { _ in
                let id = Int64.random(in: 3...6, using: &random)
                let key = ["a", "b", "c"].randomElement(using: &random)!
                let name = ["x", "y", "z"].randomElement(using: &random)!
                switch Int.random(in: 0..<7, using: &random) {
                case 0: return .saveObject(Self.object(id, name, in: Int64.random(in: 1...3, using: &random)))
                case 1: return .setNameKeys(objectID: id, keys: [name, key])
                case 2, 3: return .setAttribute(objectID: id, key: key, value: name)
                case 4: return .deleteAttribute(objectID: id, key: key)
                case 5: return .deleteObject(id)
                default:
                    return .saveAccount(AccountRecord(id: id, name: "player\(id)", passwordHash: name,
                                                      permission: .player, characterID: id, createdAt: 0))
                }
            }
            let compacted = WriteOp.withoutSuperseded(ops)
            dropped += ops.count - compacted.count
            try allStore.apply(ops)
            try keptStore.apply(compacted)
            #expect(try Self.rows(allStore) == Self.rows(keptStore))
        }
        #expect(dropped > 1000, "the sequences must give compaction something to drop")
    }

    /// Every row of the tables changes write to, in a fixed order (not the admin's account, whose
    /// password hash has a salt of each game's own).
    private static func rows(_ store: WorldStore) throws -> [[SQLValue]] {
        try ["SELECT * FROM objects ORDER BY id", "SELECT * FROM attributes ORDER BY object_id, key",
             "SELECT * FROM object_names ORDER BY key, object_id", "SELECT * FROM accounts WHERE id > 1 ORDER BY id"]
            .flatMap { try store.database.query($0) + [[.text("--")]] }
    }
}
