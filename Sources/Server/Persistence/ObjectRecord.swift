/// What kind of in-game object a row is (Evennia's typeclasses, reduced to the four a MUD needs).
enum ObjectKind: String, Sendable, CaseIterable, Codable {
    case room, character, thing, exit
}

/// The stored form of an in-game object (one row of `objects`).
struct ObjectRecord: Sendable, Equatable, Codable {
    /// Database id (Evennia's dbref without the `#`).
    var id: Int64
    /// Room, character, thing or exit.
    var kind: ObjectKind
    /// Display name.
    var name: String
    /// Other names it answers to (exit shortcuts like `n`).
    var aliases: [String]
    /// Text shown by `look`.
    var description: String
    /// Where it is (nil for rooms).
    var locationID: Int64?
    /// Where an exit leads.
    var destinationID: Int64?
    /// Where `home` takes it.
    var homeID: Int64?
    /// The account that owns it (characters and created things).
    var ownerAccountID: Int64?
}

/// The stored form of an account (one row of `accounts`).
struct AccountRecord: Sendable, Equatable, Codable {
    /// Database id.
    var id: Int64
    /// Login name, unique without regard to case.
    var name: String
    /// `pbkdf2_sha256$rounds$salt$hash` (Django's format).
    var passwordHash: String
    /// What the account may do.
    var permission: Permission
    /// The character the account plays.
    var characterID: Int64
    /// Unix time the account was made.
    var createdAt: Double
}

extension ObjectRecord {
    /// What a search by name matches, for a name and its aliases: each lowercased (all of Unicode,
    /// as `lowercased()` does), once, in order.
    static func nameKeys(name: String, aliases: [String]) -> [String] {
        var keys = [name.lowercased()]
        for alias in aliases {
            let key = alias.lowercased()
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    /// This object's `nameKeys`.
    var nameKeys: [String] { Self.nameKeys(name: name, aliases: aliases) }
}

/// One change queued for the database writer.
enum WriteOp: Sendable, Equatable {
    case saveObject(ObjectRecord)
    /// The keys a search by name finds the object under (`ObjectRecord.nameKeys`), replacing its old ones.
    case setNameKeys(objectID: Int64, keys: [String])
    case deleteObject(Int64)
    case setAttribute(objectID: Int64, key: String, value: String)
    case deleteAttribute(objectID: Int64, key: String)
    case saveAccount(AccountRecord)
}
