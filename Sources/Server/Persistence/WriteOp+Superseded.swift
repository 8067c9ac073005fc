extension WriteOp {
    /// The rows a change sets or deletes, as keys: a change leaves its rows in a state of its own,
    /// whatever they held before.
    private enum Row: Hashable {
        case object(Int64)
        case attribute(Int64, String)
        case names(Int64)
        case account(Int64)
    }

    /// `ops` without the changes a later one in the list makes moot: an object saved again, an
    /// attribute set or deleted again, names keyed again, an account saved again, or any of an
    /// object's rows when the object is deleted later. Applying the result in order leaves the
    /// database as applying `ops` would, since each change writes whole rows and nothing but them.
    ///
    /// Keeps the writer's backlog to one change per row while the database refuses writes, however
    /// long that lasts (a player walking saves the same object row at every step).
    static func withoutSuperseded(_ ops: [WriteOp]) -> [WriteOp] {
        var settled: Set<Row> = []
        var deletedObjects: Set<Int64> = []
        var kept: [WriteOp] = []
        for op in ops.reversed() {
            let isMoot: Bool
            switch op {
            case .saveObject(let record):
                isMoot = deletedObjects.contains(record.id) || !settled.insert(.object(record.id)).inserted
            case .setNameKeys(let id, _):
                isMoot = deletedObjects.contains(id) || !settled.insert(.names(id)).inserted
            case .setAttribute(let id, let key, _), .deleteAttribute(let id, let key):
                isMoot = deletedObjects.contains(id) || !settled.insert(.attribute(id, key)).inserted
            case .deleteObject(let id):
                isMoot = !deletedObjects.insert(id).inserted
            case .saveAccount(let account):
                isMoot = !settled.insert(.account(account.id)).inserted
            }
            if !isMoot { kept.append(op) }
        }
        return kept.reversed()
    }
}
