import Logging
import ProfileKit
import SQLiteStore
import Testing
@testable import Server

/// The world's queries (by name, contents, exits): the database's rows plus what the cache knows
/// that the rows may not show yet, found without walking the whole cache.
@Suite struct WorldQueryTests {
    /// A new game's world over its database, and the store to write rows with by hand.
    private static func openWorld(_ directory: GameDirectory) throws -> (World, WorldStore) {
        let store = WorldStore(database: try SQLiteDatabase(path: directory.databaseFile))
        let world = try World(store: store, logger: Logger(label: "test"), recorder: Profiler().makeRecorder(name: "test"))
        return (world, store)
    }

    /// By name: the name index must follow creation, renaming, eviction and destruction.
    @Test func searchByNameFollowsCreationRenamingEvictionAndDestruction() throws {
        let directory = try makeGameDirectory("names")
        defer { removeGameDirectory(directory) }
        let (world, store) = try Self.openWorld(directory)
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

        // Written and evicted: the database finds it by name and by alias, in any case (all of
        // Unicode, not only ASCII), and it comes back once.
        let sleeve = world.create(kind: .thing, name: "Ärmel", aliases: ["Sleeve", "ÄRMELCHEN"], location: nil, now: 1)
        try store.apply(try #require(world.takeChanges()).ops)
        #expect(world.evictIdle(now: 100, idleSeconds: 0, pinned: []) > 0)
        #expect(world.cachedObject(tower.id) == nil && world.cachedObject(sleeve.id) == nil)
        #expect(named("keep") == [tower.id])
        #expect(named("keep") == [tower.id])
        #expect(named("Donjon") == [tower.id])
        #expect(named("ärmel") == [sleeve.id])
        #expect(named("SLEEVE") == [sleeve.id])
        #expect(named("ärmelchen") == [sleeve.id])
        #expect(named("tower") == [shed.id])

        // Destroyed: gone at once, though its row is still in the database.
        world.destroy(tower)
        #expect(named("keep").isEmpty)
        #expect(named("donjon").isEmpty)
        #expect(named("tower") == [shed.id])
    }

    /// A game made before `object_names` existed (schema version 1) is searched by alias once opened.
    @Test func aVersionOneGameGetsItsNamesIndexedWhenOpened() throws {
        let directory = try makeGameDirectory("schema1")
        defer { removeGameDirectory(directory) }
        let database = try SQLiteDatabase(path: directory.databaseFile)
        try database.execute("""
            DROP TABLE object_names;
            CREATE INDEX objects_name ON objects(name COLLATE NOCASE);
            INSERT INTO objects(id, kind, name, aliases) VALUES(50, 'thing', 'Öllampe', 'lamp;Lantern');
            INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '1');
            """)
        let store = WorldStore(database: database)
        try store.createSchema()
        #expect(try store.meta("schema_version") == "2")
        #expect(try store.objects(named: "lantern") == [50])
        #expect(try store.objects(named: "ÖLLAMPE") == [50])
        #expect(try store.objects(named: "limbo") == [1])
        #expect(try database.query("SELECT name FROM sqlite_master WHERE name = 'objects_name'").isEmpty)
        // Opening it again changes nothing.
        try store.createSchema()
        #expect(try database.query("SELECT COUNT(*) FROM object_names").first?.first?.integer == 5)
    }

    /// Contents and exits: the cached objects whose rows may be behind are added, and only those.
    @Test func aRoomLoadedLaterListsWhatMovedInBeforeTheWriterCaughtUp() throws {
        let directory = try makeGameDirectory("unsettled")
        defer { removeGameDirectory(directory) }
        let (world, store) = try Self.openWorld(directory)
        let hall = world.create(kind: .room, name: "Hall", location: nil, now: 1)
        let cellar = world.create(kind: .room, name: "Cellar", location: nil, now: 1)
        let lamp = world.create(kind: .thing, name: "lamp", location: hall.id, now: 1)
        try store.apply(try #require(world.takeChanges()).ops)
        world.evictIdle(now: 100, idleSeconds: 0, pinned: [])
        func contents(_ id: Int64) throws -> [Int64] {
            world.contents(of: try #require(world.object(id))).map(\.id)
        }

        // Moved, not handed to the writer yet; the cellar is loaded afterwards.
        let movedLamp = try #require(world.object(lamp.id))
        world.move(movedLamp, to: cellar.id)
        let door = world.create(kind: .exit, name: "door", location: hall.id, destination: cellar.id, now: 2)
        #expect(try contents(cellar.id) == [lamp.id])
        #expect(world.exits(to: cellar.id).map(\.id) == [door.id])

        // Handed over, waiting for the commit; the rooms are evicted and loaded again.
        let changes = try #require(world.takeChanges())
        world.markUncommitted(changes.touched, sequence: 1)
        world.evictIdle(now: 200, idleSeconds: 0, pinned: [])
        #expect(try contents(cellar.id) == [lamp.id])
        #expect(try contents(hall.id) == [door.id])

        // The commit failed: the lamp's row still says the hall. It is kept, and stays in the cellar.
        world.committed(upTo: 1, failed: true)
        world.evictIdle(now: 300, idleSeconds: 0, pinned: [])
        #expect(try contents(cellar.id) == [lamp.id])
        #expect(try contents(hall.id) == [door.id])
        #expect(world.exits(to: cellar.id).map(\.id) == [door.id])

        // The next batch commits, with the failed one first (the writer's retry): the rows now
        // answer for the lamp and the cup, and both may leave the cache.
        let cup = world.create(kind: .thing, name: "cup", location: cellar.id, now: 4)
        let cupChanges = try #require(world.takeChanges())
        world.markUncommitted(cupChanges.touched, sequence: 2)
        try store.apply(changes.ops + cupChanges.ops)
        world.committed(upTo: 2)
        world.evictIdle(now: 400, idleSeconds: 0, pinned: [])
        #expect(world.cachedObject(cup.id) == nil)
        #expect(world.cachedObject(lamp.id) == nil)
        #expect(try contents(cellar.id).sorted() == [lamp.id, cup.id])
        #expect(try contents(hall.id) == [door.id])
    }
}
