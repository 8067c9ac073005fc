import Logging
import ProfileKit
import SQLiteStore

/// The object cache over the database: load on first use, collect changes, evict idle objects.
///
/// Every change made through `World` is queued as a `WriteOp`; the game hands each command's
/// queue to the database writer. Objects touched by a change not yet committed, or whose write
/// failed and waits to be retried, are never evicted, so a reload from the database always sees
/// what the game last wrote.
/// Queries (contents, exits, names) read the database and add the cached objects whose rows may
/// be behind: those unsettled ones, and the name index, keep them from walking the whole cache.
final class World {
    private let store: WorldStore
    private let logger: Logger
    private let recorder: ThreadRecorder
    private var cache: [Int64: GameObject] = [:]
    /// Cached objects by lowercased name and by each lowercased alias. A search by name reads the
    /// database's `object_names` and this index; walking the cache instead cost 0.5 ms a search at
    /// 10,000 objects, a quarter of the server's CPU while 5,000 bots logged in and teleported home.
    private var byName: [String: [Int64]] = [:]
    private var pendingOps: [WriteOp] = []
    private var touched: Set<Int64> = []
    private var uncommitted: [Int64: UInt64] = [:]
    private var tombstones: Set<Int64> = []
    /// Objects in a writer batch that failed: their rows are older than the cache until the
    /// writer's retry gets the batch in, so until then they stay cached (a reload would undo the
    /// change) and unsettled.
    private var unsaved: Set<Int64> = []
    private var nextObjectID: Int64
    /// The next account id to hand out.
    private(set) var nextAccountID: Int64
    /// The room new characters start in and go `home` to by default.
    let startRoomID: Int64
    /// Objects loaded from the database since start.
    private(set) var loads = 0
    /// Objects evicted from the cache since start.
    private(set) var evictions = 0
    /// Database reads that failed (logged; the object is treated as missing).
    private(set) var readFailures = 0
    /// Where cache hits, loads and evictions are counted (the live metrics), if anywhere.
    var metrics: MetricsCollector?

    /// Opens the world over a reader connection; object loads and cache hits are recorded on
    /// `recorder` (the game thread's).
    init(store: WorldStore, logger: Logger, recorder: ThreadRecorder) throws(StoreError) {
        self.store = store
        self.logger = logger
        self.recorder = recorder
        let ids = try store.maxIDs()
        nextObjectID = ids.object + 1
        nextAccountID = ids.account + 1
        startRoomID = Int64(try store.meta("start_room") ?? "") ?? 1
    }

    /// How many objects are cached now.
    var cachedCount: Int { cache.count }

    /// The object with this id, loaded on first use; nil if there is none.
    func object(_ id: Int64?, now: Double = 0) -> GameObject? {
        guard let id else { return nil }
        if let object = cache[id] {
            let hit = recorder.enter(ServerProbes.objectCacheHit)
            if now > 0 { object.lastUsed = now }
            metrics?.recordCacheHit()
            recorder.exit(hit)
            return object
        }
        return load(id, now: now)
    }

    /// The object if it is in memory now: no load, no scope, no cache statistics (for reports
    /// such as the session list, which must not change what they measure).
    func cachedObject(_ id: Int64?) -> GameObject? {
        id.flatMap { cache[$0] }
    }

    /// Like `object(_:now:)`, without a scope per cache hit: for walks over many objects, which
    /// record one scope for the walk (a room of 40 players would otherwise cost 40 scopes a look).
    private func objectInWalk(_ id: Int64) -> GameObject? {
        if let object = cache[id] { return object }
        return load(id, now: 0)
    }

    /// Reads an object missing from the cache; nil if there is none.
    private func load(_ id: Int64, now: Double) -> GameObject? {
        guard !tombstones.contains(id) else { return nil }
        let load = recorder.enter(ServerProbes.objectLoad)
        defer { recorder.exit(load) }
        do throws(StoreError) {
            guard let record = try store.object(id) else { return nil }
            let object = GameObject(record: record, attributes: try store.attributes(of: id), now: now)
            cache[id] = object
            index(object)
            loads += 1
            metrics?.recordCacheLoad()
            return object
        } catch {
            readFailures += 1
            logger.error("loading object #\(id) failed: \(error)")
            return nil
        }
    }

    /// The objects inside `container`, in arrival order.
    func contents(of container: GameObject) -> [GameObject] {
        var objects: [GameObject] = []
        forEachContent(of: container) { objects.append($0) }
        return objects
    }

    /// Calls `body` with each object inside `container`, in arrival order, building no list (the
    /// walk `look` makes on every command); the walk's scope includes `body`.
    func forEachContent(of container: GameObject, _ body: (GameObject) -> Void) {
        _ = firstContent(of: container) { object in
            body(object)
            return false
        }
    }

    /// The first object inside `container`, in arrival order, for which `predicate` holds (the
    /// walk stops there; no list is built; the walk's scope includes `predicate`).
    func firstContent(of container: GameObject, where predicate: (GameObject) -> Bool) -> GameObject? {
        let token = recorder.enter(ServerProbes.contents)
        defer { recorder.exit(token) }
        for id in contentIDs(of: container) {
            if let object = objectInWalk(id), predicate(object) { return object }
        }
        return nil
    }

    /// The ids of the objects inside `container`, read from the database on first use.
    private func contentIDs(of container: GameObject) -> [Int64] {
        if let ids = container.contentIDs { return ids }
        var ids = read("contents of #\(container.id)") { () throws(StoreError) in
            try store.contents(of: container.id)
        }
        // Cached objects are authoritative: their rows may still be waiting in the writer.
        ids.removeAll { cache[$0].map { $0.record.locationID != container.id } ?? tombstones.contains($0) }
        ids.append(contentsOf: unsettledIDs(besides: ids) { $0.record.locationID == container.id })
        container.contentIDs = ids
        return ids
    }

    /// Ids, in order, of the cached objects for which `matches` holds, whose database rows may not
    /// show it, and that are not in `rows` already: the rest of a query's answer. Only an object
    /// changed since the last hand-over to the writer, waiting for its commit, or unsaved can
    /// differ from its row, so only those are looked at; a walk over the whole cache cost about
    /// 1 ms at 100,000 objects, on every first look into a room.
    private func unsettledIDs(besides rows: [Int64], where matches: (GameObject) -> Bool) -> [Int64] {
        let known = Set(rows)
        var found = Set<Int64>()
        func consider(_ id: Int64) {
            guard !known.contains(id), let object = cache[id], matches(object) else { return }
            found.insert(id)
        }
        touched.forEach(consider)
        uncommitted.keys.forEach(consider)
        unsaved.forEach(consider)
        return found.sorted()
    }

    /// Objects whose name or an alias is this name (any case), by id.
    func objects(named name: String) -> [GameObject] {
        let wanted = name.lowercased()
        var ids = read("objects named \(name)") { () throws(StoreError) in try store.objects(named: name) }
        // Cached objects are authoritative: their rows may still be waiting in the writer.
        ids.removeAll { cache[$0].map { !$0.answers(toLowercased: wanted) } ?? tombstones.contains($0) }
        let known = Set(ids)
        ids.append(contentsOf: (byName[wanted] ?? []).filter { !known.contains($0) })
        return ids.sorted().compactMap { object($0) }
    }

    /// Adds a newly cached object to the name index.
    private func index(_ object: GameObject) {
        object.indexedName = (object.record.name, object.record.aliases)
        for key in object.record.nameKeys { byName[key, default: []].append(object.id) }
    }

    /// Takes an object leaving the cache out of the name index.
    private func unindex(_ object: GameObject) {
        for key in ObjectRecord.nameKeys(name: object.indexedName.name, aliases: object.indexedName.aliases) {
            byName[key]?.removeAll { $0 == object.id }
            if byName[key]?.isEmpty == true { byName[key] = nil }
        }
    }

    /// Queues the keys the database finds the object under by name.
    private func saveNames(_ object: GameObject) {
        pendingOps.append(.setNameKeys(objectID: object.id, keys: object.record.nameKeys))
    }

    /// Exits that lead into `room`.
    func exits(to room: Int64) -> [GameObject] {
        var ids = read("exits to #\(room)") { () throws(StoreError) in try store.exits(to: room) }
        ids.removeAll { cache[$0].map { $0.record.destinationID != room } ?? tombstones.contains($0) }
        ids.append(contentsOf: unsettledIDs(besides: ids) { $0.record.destinationID == room })
        return ids.sorted().compactMap { object($0) }
    }

    /// Runs a database read; a failure is logged, counted, and reads as no rows.
    private func read(_ what: String, _ body: () throws(StoreError) -> [Int64]) -> [Int64] {
        do throws(StoreError) {
            return try body()
        } catch {
            readFailures += 1
            logger.error("loading \(what) failed: \(error)")
            return []
        }
    }

    /// Makes a new object and queues its row.
    func create(kind: ObjectKind, name: String, aliases: [String] = [], location: Int64?, destination: Int64? = nil,
                home: Int64? = nil, owner: Int64? = nil, now: Double) -> GameObject {
        let record = ObjectRecord(id: nextObjectID, kind: kind, name: name, aliases: aliases, description: "",
                                  locationID: location, destinationID: destination, homeID: home,
                                  ownerAccountID: owner)
        nextObjectID += 1
        let object = GameObject(record: record, attributes: [:], now: now)
        object.contentIDs = []
        cache[record.id] = object
        index(object)
        if let location, let container = cache[location], container.contentIDs != nil {
            container.contentIDs?.append(record.id)
        }
        save(object)
        saveNames(object)
        return object
    }

    /// Queues the object's current fields for writing (and re-indexes a new name or aliases: every
    /// change to an object, a rename too, reaches the database through here).
    func save(_ object: GameObject) {
        if object.record.name != object.indexedName.name || object.record.aliases != object.indexedName.aliases {
            unindex(object)
            index(object)
            saveNames(object)
        }
        pendingOps.append(.saveObject(object.record))
        touched.insert(object.id)
    }

    /// Moves `object` into `destination` (nil: nowhere) and queues the change.
    func move(_ object: GameObject, to destination: Int64?) {
        if let old = object.record.locationID, let container = cache[old] {
            container.contentIDs?.removeAll { $0 == object.id }
        }
        object.record.locationID = destination
        if let destination, let container = cache[destination], container.contentIDs != nil {
            container.contentIDs?.append(object.id)
        }
        save(object)
    }

    /// Sets (or with nil removes) an attribute and queues the change.
    func setAttribute(_ object: GameObject, key: String, value: String?) {
        if let value {
            object.attributes[key] = value
            pendingOps.append(.setAttribute(objectID: object.id, key: key, value: value))
        } else {
            object.attributes[key] = nil
            pendingOps.append(.deleteAttribute(objectID: object.id, key: key))
        }
        touched.insert(object.id)
    }

    /// Removes an object (not its contents: move those first) and queues the deletion.
    func destroy(_ object: GameObject) {
        if let old = object.record.locationID, let container = cache[old] {
            container.contentIDs?.removeAll { $0 == object.id }
        }
        object.record.locationID = nil
        cache[object.id] = nil
        unindex(object)
        tombstones.insert(object.id)
        touched.insert(object.id)
        pendingOps.append(.deleteObject(object.id))
    }

    /// Queues an account row and hands out its id if it is new.
    func saveAccount(_ account: AccountRecord) {
        pendingOps.append(.saveAccount(account))
        nextAccountID = max(nextAccountID, account.id + 1)
    }

    /// The account with this name, from the database.
    func storedAccount(named name: String) -> AccountRecord? {
        do throws(StoreError) {
            return try store.account(named: name)
        } catch {
            readFailures += 1
            logger.error("loading account \(name) failed: \(error)")
            return nil
        }
    }

    /// Takes the changes queued since the last call and the ids they touch; nil when there are none.
    func takeChanges() -> (ops: [WriteOp], touched: Set<Int64>)? {
        guard !pendingOps.isEmpty else { return nil }
        defer {
            pendingOps.removeAll(keepingCapacity: true)
            touched.removeAll(keepingCapacity: true)
        }
        return (pendingOps, touched)
    }

    /// Marks objects as changed by the writer batch `sequence`: kept in cache until it commits.
    func markUncommitted(_ ids: Set<Int64>, sequence: UInt64) {
        for id in ids { uncommitted[id] = sequence }
    }

    /// Records that the writer's batches up to `sequence` are done: in the database, or, when they
    /// `failed`, not (their objects are then kept as unsaved). A success also means every earlier
    /// failed batch is in: the writer puts them first into each transaction until one commits.
    func committed(upTo sequence: UInt64, failed: Bool = false) {
        if failed {
            for (id, batch) in uncommitted where batch <= sequence { unsaved.insert(id) }
        } else if !unsaved.isEmpty {
            unsaved.removeAll()
        }
        uncommitted = uncommitted.filter { $0.value > sequence }
        tombstones = tombstones.filter { uncommitted[$0] != nil || unsaved.contains($0) }
    }

    /// Drops objects unused for `idleSeconds` that are not pinned and whose rows are up to date
    /// (no uncommitted change, no failed write).
    @discardableResult
    func evictIdle(now: Double, idleSeconds: Double, pinned: Set<Int64>) -> Int {
        let victims = cache.values.filter {
            now - $0.lastUsed >= idleSeconds && !pinned.contains($0.id) && uncommitted[$0.id] == nil
                && !unsaved.contains($0.id)
        }
        for victim in victims {
            cache[victim.id] = nil
            unindex(victim)
        }
        evictions += victims.count
        metrics?.recordCacheEvictions(victims.count)
        return victims.count
    }
}
