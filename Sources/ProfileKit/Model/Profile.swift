import Synchronization

/// A call-graph profile in pstats' model: functions with their callers, in the file's order.
///
/// Order matters: pstats breaks every sort tie by the order of the stats dict, so a profile keeps
/// the order it was read or built in. Keys are unique; adding a key that exists merges into it.
public struct Profile: Sendable, Equatable {
    /// The functions; their callers may still be pending in `pending`.
    private var stored: [FunctionStats] = []
    /// Callers not decoded yet (a profile just read from a file), or nil.
    private var pending: PendingCallers?
    /// Where each key is in `functions`, built on first use: a report of one file never needs it.
    private var index = KeyIndex()

    /// The functions in order, with their callers.
    public var functions: [FunctionStats] {
        guard let pending else { return stored }
        return pending.functions(completing: stored)
    }

    /// The functions in order, with counts, times and keys but callers possibly not decoded yet:
    /// for reports that need no callers.
    var summaries: [FunctionStats] { stored }

    /// An empty profile.
    public init() {}

    /// A profile of these functions, in this order. A repeated key replaces the earlier entry but
    /// keeps its place, as a Python dict does.
    public init<S: Sequence>(_ functions: S) where S.Element == FunctionStats {
        for function in functions { set(function) }
    }

    /// A profile of functions whose keys are known to be unique, in this order, with their
    /// callers to be decoded on first use.
    init(uniqueFunctions: [FunctionStats], pendingCallers: PendingCallers? = nil) {
        stored = uniqueFunctions
        pending = pendingCallers
    }

    /// The number of functions.
    public var count: Int { stored.count }

    /// The function with this key, if the profile has it.
    public subscript(key: FunctionKey) -> FunctionStats? {
        guard let at = index(of: key) else { return nil }
        return pending == nil ? stored[at] : functions[at]
    }

    /// The position of a key in the profile's order.
    public func index(of key: FunctionKey) -> Int? {
        index.positions(of: stored)[key]
    }

    /// Stores a function, replacing any entry with the same key in place.
    public mutating func set(_ function: FunctionStats) {
        completeCallers()
        var positions = takePositions()
        if let at = positions[function.key] {
            stored[at] = function
        } else {
            positions[function.key] = stored.count
            stored.append(function)
        }
        index = KeyIndex(positions)
    }

    /// Adds a function's numbers to the entry with its key (pstats' `add_func_stats`): counts and
    /// times summed, callers summed edge by edge, new callers appended. A new key is appended.
    public mutating func add(_ function: FunctionStats) {
        completeCallers()
        var positions = takePositions()
        defer { index = KeyIndex(positions) }
        guard let at = positions[function.key] else {
            positions[function.key] = stored.count
            stored.append(function)
            return
        }
        var merged = stored[at]
        merged.primitiveCalls &+= function.primitiveCalls
        merged.calls &+= function.calls
        merged.selfTime += function.selfTime
        merged.cumulativeTime += function.cumulativeTime
        merged.callers = Profile.addingCallers(merged.callers, function.callers)
        stored[at] = merged
    }

    /// Decodes pending callers into the stored functions, before a change.
    private mutating func completeCallers() {
        guard let pending else { return }
        stored = pending.functions(completing: stored)
        self.pending = nil
    }

    /// The key positions, detached from the shared index so that they can be changed in place.
    private mutating func takePositions() -> [FunctionKey: Int] {
        let positions = index.positions(of: stored)
        index = KeyIndex()
        return positions
    }

    /// Merges two caller lists as `pstats.add_callers` does: matching callers summed element-wise,
    /// new ones appended in order.
    static func addingCallers(_ target: [CallerEdge], _ source: [CallerEdge]) -> [CallerEdge] {
        if source.isEmpty { return target }
        var result = target
        var at: [FunctionKey: Int] = [:]
        at.reserveCapacity(result.count)
        for (i, edge) in result.enumerated() { at[edge.caller] = i }
        for edge in source {
            if let i = at[edge.caller] {
                result[i].stats = result[i].stats + edge.stats
            } else {
                at[edge.caller] = result.count
                result.append(edge)
            }
        }
        return result
    }

    public static func == (a: Profile, b: Profile) -> Bool { a.functions == b.functions }
}

/// A profile's key-to-position table, computed once on demand and shared by copies of the profile.
private final class KeyIndex: Sendable {
    private let table: Mutex<[FunctionKey: Int]?>

    init(_ positions: [FunctionKey: Int]? = nil) {
        table = Mutex(positions)
    }

    func positions(of functions: [FunctionStats]) -> [FunctionKey: Int] {
        table.withLock { table in
            if let table { return table }
            var built: [FunctionKey: Int] = [:]
            built.reserveCapacity(functions.count)
            for (i, function) in functions.enumerated() { built[function.key] = i }
            table = built
            return built
        }
    }
}

/// The callers of a profile read by the fast decoder, decoded once, on first use, by whichever
/// copy of the profile asks first.
final class PendingCallers: Sendable {
    private let bytes: [UInt8]
    private let callersAt: [Int]
    private let tables: Mutex<PstatsDecoderTables?>
    private let completed = Mutex<[FunctionStats]?>(nil)

    init(bytes: [UInt8], callersAt: [Int], tables: PstatsDecoderTables) {
        self.bytes = bytes
        self.callersAt = callersAt
        self.tables = Mutex(tables)
    }

    /// The functions with their callers filled in.
    func functions(completing summaries: [FunctionStats]) -> [FunctionStats] {
        completed.withLock { completed in
            if let completed { return completed }
            let state = tables.withLock { tables in
                defer { tables = nil }
                return tables
            }
            var result = summaries
            if let state, let callers = PstatsFastDecoder.callers(bytes, at: callersAt, tables: state),
               callers.count == result.count {
                for i in result.indices { result[i].callers = callers[i] }
            } else if let general = try? Profile(generalPstatsData: bytes) {
                // The first pass checked every callers list, so this does not happen; if it did,
                // the general reader still gives the right answer.
                result = general.functions
            }
            completed = result
            return result
        }
    }
}
