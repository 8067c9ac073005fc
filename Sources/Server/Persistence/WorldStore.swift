import ProfileKit
import SQLiteStore

/// The schema and the statements over one connection: reads for the game, writes for the writer.
struct WorldStore {
    /// The connection this store uses.
    let database: SQLiteDatabase
    /// Where `apply` records its apply and commit (the writer's profiler; nil records nothing).
    var profiler: Profiler?

    /// The schema (Evennia-like: one objects table with a kind, attributes as key/value rows; a
    /// search by name reads `object_names`, which holds each object's name and aliases lowercased).
    static let schema = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS accounts(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL, permission TEXT NOT NULL, character_id INTEGER NOT NULL,
            created_at REAL NOT NULL);
        CREATE TABLE IF NOT EXISTS objects(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '', location_id INTEGER,
            destination_id INTEGER, home_id INTEGER, owner_account_id INTEGER);
        CREATE INDEX IF NOT EXISTS objects_location ON objects(location_id);
        CREATE INDEX IF NOT EXISTS objects_destination ON objects(destination_id);
        CREATE TABLE IF NOT EXISTS object_names(key TEXT NOT NULL, object_id INTEGER NOT NULL,
            PRIMARY KEY(key, object_id)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS object_names_object ON object_names(object_id);
        CREATE TABLE IF NOT EXISTS attributes(object_id INTEGER NOT NULL, key TEXT NOT NULL,
            value TEXT NOT NULL, PRIMARY KEY(object_id, key));
        """

    /// The schema's version in `meta`: 2 added `object_names` (version 1 searched `objects.name`
    /// with NOCASE, which found no alias and folded only ASCII).
    static let schemaVersion = 2

    /// Creates the tables if they are missing, and brings a game made by an older version up to
    /// date (version 1: fills `object_names` from the objects' names and aliases).
    func createSchema() throws(StoreError) {
        try database.execute(Self.schema)
        guard Int(try meta("schema_version") ?? "") ?? 0 < Self.schemaVersion else { return }
        try database.execute("BEGIN IMMEDIATE")
        do throws(StoreError) {
            try database.execute("DROP INDEX IF EXISTS objects_name; DELETE FROM object_names;")
            for row in try database.query("SELECT id, name, aliases FROM objects") {
                guard let id = row[0].integer else { continue }
                let aliases = (row[2].text ?? "").split(separator: ";").map(String.init)
                try apply(.setNameKeys(objectID: id, keys: ObjectRecord.nameKeys(name: row[1].text ?? "", aliases: aliases)))
            }
            try setMeta("schema_version", String(Self.schemaVersion))
            try database.execute("COMMIT")
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    /// Applies a group of changes in one transaction; with `heldID`, the same transaction records
    /// that the held changes of that id are written (`HeldChanges.metaKey`).
    func apply(_ ops: [WriteOp], heldID: String? = nil) throws(StoreError) {
        try database.execute("BEGIN IMMEDIATE")
        do {
            try scope(ServerProbes.databaseApply) { () throws(StoreError) in
                for op in ops { try apply(op) }
                if let heldID { try setMeta(HeldChanges.metaKey, heldID) }
            }
            try scope(ServerProbes.databaseCommit) { () throws(StoreError) in try database.execute("COMMIT") }
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    private func scope(_ site: ProfileSite, _ body: () throws(StoreError) -> Void) throws(StoreError) {
        guard let profiler else { return try body() }
        try profiler.withScope(site, body)
    }

    private func apply(_ op: WriteOp) throws(StoreError) {
        switch op {
        case .saveObject(let object):
            try database.query("""
                INSERT OR REPLACE INTO objects(id, kind, name, aliases, description, location_id, destination_id,
                home_id, owner_account_id) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.integer(object.id), .text(object.kind.rawValue), .text(object.name),
                      .text(object.aliases.joined(separator: ";")), .text(object.description),
                      Self.optional(object.locationID), Self.optional(object.destinationID),
                      Self.optional(object.homeID), Self.optional(object.ownerAccountID)])
        case .setNameKeys(let id, let keys):
            try database.query("DELETE FROM object_names WHERE object_id = ?", [.integer(id)])
            for key in keys {
                try database.query("INSERT OR IGNORE INTO object_names(key, object_id) VALUES(?, ?)",
                                   [.text(key), .integer(id)])
            }
        case .deleteObject(let id):
            try database.query("DELETE FROM objects WHERE id = ?", [.integer(id)])
            try database.query("DELETE FROM attributes WHERE object_id = ?", [.integer(id)])
            try database.query("DELETE FROM object_names WHERE object_id = ?", [.integer(id)])
        case .setAttribute(let objectID, let key, let value):
            try database.query("INSERT OR REPLACE INTO attributes(object_id, key, value) VALUES(?, ?, ?)",
                               [.integer(objectID), .text(key), .text(value)])
        case .deleteAttribute(let objectID, let key):
            try database.query("DELETE FROM attributes WHERE object_id = ? AND key = ?",
                               [.integer(objectID), .text(key)])
        case .saveAccount(let account):
            try database.query("""
                INSERT OR REPLACE INTO accounts(id, name, password_hash, permission, character_id, created_at)
                VALUES(?, ?, ?, ?, ?, ?)
                """, [.integer(account.id), .text(account.name), .text(account.passwordHash),
                      .text(account.permission.rawValue), .integer(account.characterID), .real(account.createdAt)])
        }
    }

    private static func optional(_ id: Int64?) -> SQLValue { id.map { .integer($0) } ?? .null }

    /// A `meta` value (e.g. `start_room`).
    func meta(_ key: String) throws(StoreError) -> String? {
        try database.query("SELECT value FROM meta WHERE key = ?", [.text(key)]).first?.first?.text
    }

    /// Sets a `meta` value directly (used by `init`, outside the writer).
    func setMeta(_ key: String, _ value: String) throws(StoreError) {
        try database.query("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", [.text(key), .text(value)])
    }

    /// The largest object and account ids in use (0 when empty).
    func maxIDs() throws(StoreError) -> (object: Int64, account: Int64) {
        let object = try database.query("SELECT COALESCE(MAX(id), 0) FROM objects").first?.first?.integer ?? 0
        let account = try database.query("SELECT COALESCE(MAX(id), 0) FROM accounts").first?.first?.integer ?? 0
        return (object, account)
    }

    /// Loads one object, or nil if there is none with that id.
    func object(_ id: Int64) throws(StoreError) -> ObjectRecord? {
        let rows = try database.query("""
            SELECT id, kind, name, aliases, description, location_id, destination_id, home_id, owner_account_id
            FROM objects WHERE id = ?
            """, [.integer(id)])
        guard let row = rows.first, let kind = ObjectKind(rawValue: row[1].text ?? "") else { return nil }
        let aliases = (row[3].text ?? "").split(separator: ";").map(String.init)
        return ObjectRecord(id: id, kind: kind, name: row[2].text ?? "", aliases: aliases,
                            description: row[4].text ?? "", locationID: row[5].integer,
                            destinationID: row[6].integer, homeID: row[7].integer, ownerAccountID: row[8].integer)
    }

    /// The attributes of one object.
    func attributes(of id: Int64) throws(StoreError) -> [String: String] {
        var result: [String: String] = [:]
        for row in try database.query("SELECT key, value FROM attributes WHERE object_id = ?", [.integer(id)]) {
            result[row[0].text ?? ""] = row[1].text ?? ""
        }
        return result
    }

    /// Ids of the objects whose location is `id`.
    func contents(of id: Int64) throws(StoreError) -> [Int64] {
        try database.query("SELECT id FROM objects WHERE location_id = ? ORDER BY id", [.integer(id)])
            .compactMap { $0.first?.integer }
    }

    /// Ids of the exits that lead to `id`.
    func exits(to id: Int64) throws(StoreError) -> [Int64] {
        try database.query("SELECT id FROM objects WHERE destination_id = ? ORDER BY id", [.integer(id)])
            .compactMap { $0.first?.integer }
    }

    /// Ids of objects with this exact name or alias (any case, as `lowercased()` folds it).
    func objects(named name: String) throws(StoreError) -> [Int64] {
        try database.query("SELECT object_id FROM object_names WHERE key = ? ORDER BY object_id", [.text(name.lowercased())])
            .compactMap { $0.first?.integer }
    }

    /// The account with this name (any case), or nil.
    func account(named name: String) throws(StoreError) -> AccountRecord? {
        let rows = try database.query("""
            SELECT id, name, password_hash, permission, character_id, created_at FROM accounts
            WHERE name = ? COLLATE NOCASE
            """, [.text(name)])
        guard let row = rows.first, let id = row[0].integer else { return nil }
        return AccountRecord(id: id, name: row[1].text ?? "", passwordHash: row[2].text ?? "",
                             permission: Permission(rawValue: row[3].text ?? "") ?? .player,
                             characterID: row[4].integer ?? 0, createdAt: row[5].real ?? 0)
    }
}
