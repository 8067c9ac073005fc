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

    /// Ids for the functions' files and names, for grouping without hashing strings.
    var nameIDs: KeyNameIDs {
        pending?.nameIDs ?? KeyNameIDs(stored.lazy.map(\.key))
    }

    /// Every call with both ends as node numbers, for call-graph exports.
    var indexedCalls: IndexedCalls {
        indexedCallsFromFile ?? IndexedCalls(functions, position: { index(of: $0) })
    }

    /// The calls decoded straight from the file's key ids while the callers are still pending
    /// (no caller lists built, no key hashed); nil for any other profile.
    var indexedCallsFromFile: IndexedCalls? { pending?.indexedCalls() }

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
    private let firstPass: PstatsFastDecoder.FirstPass
    /// The decoder's tables until the callers are decoded into `completed`.
    private let tables: Mutex<PstatsDecoderTables?>
    private let completed = Mutex<[FunctionStats]?>(nil)

    init(bytes: [UInt8], firstPass: PstatsFastDecoder.FirstPass, tables: PstatsDecoderTables) {
        self.bytes = bytes
        var pass = firstPass
        pass.functions = []  // the profile keeps those
        self.firstPass = pass
        self.tables = Mutex(tables)
    }

    /// The interned ids of the functions' files and names.
    var nameIDs: KeyNameIDs { firstPass.nameIDs }

    /// The functions with their callers filled in.
    func functions(completing summaries: [FunctionStats]) -> [FunctionStats] {
        completed.withLock { completed in
            if let completed { return completed }
            var state = tables.withLock { tables in
                defer { tables = nil }
                return tables
            }
            var result = summaries
            if state != nil, let callers = PstatsFastDecoder.callers(bytes, at: firstPass.callersAt, tables: &state!),
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

    /// Every call by node numbers, straight from the file while the callers are still pending;
    /// nil once they are decoded (the profile's callers then serve).
    func indexedCalls() -> IndexedCalls? {
        tables.withLock { tables in
            guard var state = tables else { return nil }
            tables = nil  // the decoder then holds the only reference to what it changes
            defer { tables = state }
            return PstatsFastDecoder.indexedCalls(bytes, firstPass: firstPass, tables: &state)
        }
    }
}
