import Logging
import ProfileKit
import SQLiteStore
import Testing
@testable import Server

/// A search by name: the database's rows plus the cache's name index, which must follow every
/// change a row waiting in the writer does not show yet.
@Suite struct WorldNameIndexTests {
    @Test func searchByNameFollowsCreationRenamingEvictionAndDestruction() throws {
        let directory = try makeGameDirectory("names")
        defer { removeGameDirectory(directory) }
        let store = WorldStore(database: try SQLiteDatabase(path: directory.databaseFile))
        let world = try World(store: store, logger: Logger(label: "test"), recorder: Profiler().makeRecorder(name: "test"))
        func named(_ name: String) -> [Int64] { world.objects(named: name).map(\.id) }

        // Not yet written: found through the index, by name or alias, in any case.
        let tower = world.create(kind: .room, name: "Tower", aliases: ["Spire Top"], location: nil, now: 1)
        let shed = world.create(kind: .room, name: "tower", location: nil, now: 1)
        #expect(named("TOWER") == [tower.id, shed.id])
        #expect(named("spire top") == [tower.id])
        #expect(named("Limbo") == [1])

        // Renamed: the old name and alias no longer find it, the new ones do.
        tower.record.name = "Keep"
        tower.record.aliases = ["Donjon"]
        world.save(tower)
        #expect(named("tower") == [shed.id])
        #expect(named("spire top").isEmpty)
        #expect(named("keep") == [tower.id])
        #expect(named("DONJON") == [tower.id])

        // Written and evicted: the database's row finds it, and it comes back once.
        try store.apply(try #require(world.takeChanges()).ops)
        #expect(world.evictIdle(now: 100, idleSeconds: 0, pinned: []) > 0)
        #expect(named("keep") == [tower.id])
        #expect(named("keep") == [tower.id])

        // Destroyed: gone at once, though its row is still in the database.
        world.destroy(tower)
        #expect(named("keep").isEmpty)
        #expect(named("donjon").isEmpty)
        #expect(named("tower") == [shed.id])
    }
}
