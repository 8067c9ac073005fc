/// A cached, live in-game object: its stored record, attributes, and (once asked for) contents.
///
/// Lives only on the game executor.
final class GameObject {
    /// The stored fields.
    var record: ObjectRecord
    /// Key/value attributes (`set obj/key = value`).
    var attributes: [String: String]
    /// Ids of what is inside, in arrival order; nil until first asked for.
    var contentIDs: [Int64]?
    /// Executor time of the last use, for idle eviction.
    var lastUsed: Double
    /// The name and aliases `World`'s name index holds for this object (set by `World` only).
    var indexedName: (name: String, aliases: [String]) = ("", [])

    /// Wraps a loaded or new record.
    init(record: ObjectRecord, attributes: [String: String], now: Double) {
        self.record = record
        self.attributes = attributes
        self.lastUsed = now
    }

    /// The database id.
    var id: Int64 { record.id }
    /// The display name.
    var name: String { record.name }
    /// Room, character, thing or exit.
    var kind: ObjectKind { record.kind }

    /// Whether `text` names this object: its name or an alias, ignoring case.
    func answers(to text: String) -> Bool {
        answers(toLowercased: text.lowercased())
    }

    /// `answers(to:)` for text already lowercased.
    func answers(toLowercased wanted: String) -> Bool {
        record.name.lowercased() == wanted || record.aliases.contains { $0.lowercased() == wanted }
    }

    /// Whether `text` starts its name, ignoring case (the second, looser match).
    func answers(toPrefix text: String) -> Bool {
        !text.isEmpty && record.name.lowercased().hasPrefix(text.lowercased())
    }
}
