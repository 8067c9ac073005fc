/// A call-graph profile in pstats' model: functions with their callers, in the file's order.
///
/// Order matters: pstats breaks every sort tie by the order of the stats dict, so a profile keeps
/// the order it was read or built in. Keys are unique; adding a key that exists merges into it.
public struct Profile: Sendable, Equatable {
    /// The functions in order.
    public private(set) var functions: [FunctionStats] = []
    private var position: [FunctionKey: Int] = [:]

    /// An empty profile.
    public init() {}

    /// A profile of these functions, in this order. A repeated key replaces the earlier entry but
    /// keeps its place, as a Python dict does.
    public init<S: Sequence>(_ functions: S) where S.Element == FunctionStats {
        for function in functions { set(function) }
    }

    /// The number of functions.
    public var count: Int { functions.count }

    /// The function with this key, if the profile has it.
    public subscript(key: FunctionKey) -> FunctionStats? {
        position[key].map { functions[$0] }
    }

    /// The position of a key in the profile's order.
    public func index(of key: FunctionKey) -> Int? { position[key] }

    /// Stores a function, replacing any entry with the same key in place.
    public mutating func set(_ function: FunctionStats) {
        if let at = position[function.key] {
            functions[at] = function
        } else {
            position[function.key] = functions.count
            functions.append(function)
        }
    }

    /// Adds a function's numbers to the entry with its key (pstats' `add_func_stats`): counts and
    /// times summed, callers summed edge by edge, new callers appended. A new key is appended.
    public mutating func add(_ function: FunctionStats) {
        guard let at = position[function.key] else {
            set(function)
            return
        }
        var merged = functions[at]
        merged.primitiveCalls &+= function.primitiveCalls
        merged.calls &+= function.calls
        merged.selfTime += function.selfTime
        merged.cumulativeTime += function.cumulativeTime
        merged.callers = Profile.addingCallers(merged.callers, function.callers)
        functions[at] = merged
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
