import Foundation
import SQLiteStore

/// The changes the database refused, kept in a file of the game directory (`held-changes.json`)
/// while it refuses them, so that a crash or a stop before it takes them again does not lose them:
/// the next start writes them to the database before the game opens.
///
/// Each run of failures has its own `id`. The transaction that finally writes the held changes
/// also records that id in the database's `meta` (`held_changes_written`), so a file left behind
/// by a crash right after that commit is recognised as written and not applied again over newer
/// rows.
struct HeldChanges: Codable, Equatable, Sendable {
    /// What the file says it is.
    var format = HeldChanges.formatName
    var version = HeldChanges.formatVersion
    /// This run of failures.
    var id: String
    /// When the file was written (Unix time).
    var written: Double
    /// The changes, oldest first, one per row (`WriteOp.withoutSuperseded`).
    var changes: [WriteOp]

    static let formatName = "mudserver held changes"
    static let formatVersion = 1
    /// The `meta` key that records the id of the held changes last written to the database.
    static let metaKey = "held_changes_written"

    /// Writes the file whole (mode 0600: account changes carry password hashes).
    func write(to path: String) throws(FileWriteError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(self)
        } catch {
            throw .write(path: path, reason: "cannot encode the changes: \(error)")
        }
        try AtomicFile.write(Array(data) + [0x0A], to: path, mode: 0o600)
    }

    /// The held changes at `path`; nil if there is no such file.
    static func read(from path: String) throws(HeldChangesError) -> HeldChanges? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "cannot read")
        }
        let held: HeldChanges
        do {
            held = try JSONDecoder().decode(HeldChanges.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            let place = context.codingPath.isEmpty ? "not JSON" : Self.where(context)
            throw .unreadable(path: path, reason: "\(place): \(context.debugDescription)")
        } catch let DecodingError.keyNotFound(key, context) {
            throw .unreadable(path: path, reason: "\(Self.where(context)) has no \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw .unreadable(path: path, reason: "\(Self.where(context)): \(context.debugDescription)")
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        guard held.format == formatName, held.version == formatVersion else {
            throw .unreadable(path: path, reason: "format \"\(held.format)\" version \(held.version); this server "
                                  + "reads \"\(formatName)\" version \(formatVersion)")
        }
        return held
    }

    /// What `restore` did.
    enum Restored: Equatable {
        /// It wrote this many changes to the database.
        case wrote(Int)
        /// The database already had them (the file outlived the commit that wrote them).
        case alreadyWritten
    }

    /// At start, before the game reads the world: writes the held changes at `path`, if there is
    /// such a file, to `store`'s database in one transaction, then removes the file. Nil if there
    /// was none; throws (the file kept) if it cannot be read or the database refuses it.
    static func restore(from path: String, into store: WorldStore) throws(HeldChangesError) -> Restored? {
        guard let held = try read(from: path) else { return nil }
        do throws(StoreError) {
            if try store.meta(metaKey) == held.id {
                remove(at: path)
                return .alreadyWritten
            }
            try store.apply(held.changes, heldID: held.id)
        } catch {
            throw .notWritten(path: path, count: held.changes.count, reason: error.reason)
        }
        remove(at: path)
        return .wrote(held.changes.count)
    }

    /// "1 change", "2 changes".
    static func counted(_ count: Int) -> String {
        count == 1 ? "1 change" : "\(count) changes"
    }

    /// Removes the file at `path` if there is one.
    static func remove(at path: String) {
        unlink(path)
    }

    /// Where in the file a decoding error is, as a JSON path (`changes[3].op`).
    private static func `where`(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.reduce(into: "") { text, key in
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return path.isEmpty ? "the file" : path
    }
}

/// Why the held changes could not be read or written.
enum HeldChangesError: Error, Equatable, CustomStringConvertible {
    /// The file is not a held-changes file this server reads.
    case unreadable(path: String, reason: String)
    /// The database refused the file's changes.
    case notWritten(path: String, count: Int, reason: String)

    var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path) is not a held-changes file that can be read: \(reason). Move it away to start "
                + "without the changes it holds."
        case .notWritten(let path, let count, let reason):
            "cannot write the \(HeldChanges.counted(count)) held in \(path) to the database: \(reason). "
                + "The file keeps them; start again once the database takes writes."
        }
    }
}
