import Foundation
import SQLiteStore

/// Makes a new game directory: config file, database with a starting room, and an admin account.
struct GameInitializer {
    /// Where to make it.
    let directory: GameDirectory
    /// The config to write.
    let config: ServerConfig

    /// Creates everything; refuses to overwrite an existing game.
    func run(adminName: String, adminPassword: String) throws(LauncherError) {
        guard !directory.exists else { throw .alreadyExists(directory.path) }
        guard Game.isValidName(adminName) else {
            throw .missingAdmin("admin name must be 3-30 letters, digits or _ - . @ +")
        }
        guard adminPassword.count >= 8 else { throw .missingAdmin("admin password must be at least 8 characters") }
        do {
            try FileManager.default.createDirectory(atPath: directory.logDirectory, withIntermediateDirectories: true)
        } catch {
            throw .io(path: directory.path, reason: "cannot create directory")
        }
        let hash: String
        do {
            hash = try PasswordHasher(rounds: config.passwordRounds).hash(adminPassword)
        } catch {
            throw .io(path: directory.databaseFile, reason: "password hashing failed: \(error)")
        }
        do throws(StoreError) {
            let store = WorldStore(database: try SQLiteDatabase(path: directory.databaseFile))
            try store.createSchema()
            let room = ObjectRecord(id: 1, kind: .room, name: "Limbo", aliases: [],
                                    description: "Welcome to your new MudScope game. Builders can `dig` from here.",
                                    locationID: nil, destinationID: nil, homeID: nil, ownerAccountID: nil)
            let character = ObjectRecord(id: 2, kind: .character, name: adminName, aliases: [], description: "",
                                         locationID: 1, destinationID: nil, homeID: 1, ownerAccountID: 1)
            let admin = AccountRecord(id: 1, name: adminName, passwordHash: hash, permission: .admin,
                                      characterID: 2, createdAt: Date().timeIntervalSince1970)
            try store.apply([.saveObject(room), .setNameKeys(objectID: room.id, keys: room.nameKeys),
                             .saveObject(character), .setNameKeys(objectID: character.id, keys: character.nameKeys),
                             .saveAccount(admin)])
            try store.setMeta("start_room", "1")
        } catch {
            throw .database(error.description)
        }
        do {
            try config.rendered().write(toFile: directory.configFile, atomically: true, encoding: .utf8)
        } catch {
            throw .io(path: directory.configFile, reason: "cannot write")
        }
    }
}
