import Synchronization

/// The process-wide table that interns `FunctionKey`s to the small ids `ProfileSite` carries.
///
/// Interning takes a lock and hashes the key, so it happens once per site (at a `static let`), not
/// on the hot path. Ids are dense, start at 0 and are never reused, so recorders index arrays by them.
final class ProfileSiteTable: Sendable {
    /// The one table of the process.
    static let shared = ProfileSiteTable()

    private struct Storage {
        var ids: [FunctionKey: Int32] = [:]
        var keys: [FunctionKey] = []
    }

    private let storage = Mutex(Storage())

    /// The id of `key`, adding the key if it is new.
    func intern(_ key: FunctionKey) -> Int32 {
        storage.withLock { storage in
            if let id = storage.ids[key] { return id }
            let id = Int32(storage.keys.count)
            storage.ids[key] = id
            storage.keys.append(key)
            return id
        }
    }

    /// The key of an interned id.
    func key(for id: Int32) -> FunctionKey {
        storage.withLock { $0.keys[Int(id)] }
    }

    /// All keys interned so far, indexed by id.
    func allKeys() -> [FunctionKey] {
        storage.withLock { $0.keys }
    }
}
