/// pstats' `Stats` object: one or more profiles merged, an optional sort order, and the totals the
/// report header prints. Each operation follows CPython's Lib/pstats.py (3.11-3.13) exactly,
/// including its quirks, so that the printed reports match byte for byte.
public struct StatsSession: Sendable {
    /// The merged profile, in pstats' dict order.
    public private(set) var profile: Profile
    /// The header lines, one per loaded file (`ctime    path`), in pstats' order.
    public private(set) var files: [String]
    /// Sum of all calls, as pstats accumulates it per file (128 bits: merged 64-bit counts can
    /// pass 2^63, and Python's integers do not overflow).
    public private(set) var totalCalls: Int128
    /// Sum of primitive calls.
    public private(set) var primitiveCalls: Int128
    /// Sum of self time in seconds, summed per file in pstats' order.
    public private(set) var totalTime: Double
    /// The longest printed name, in characters (pstats' `max_name_len`). pstats keeps it up to
    /// date through `add` and `strip_dirs`; it always equals the longest name now in the profile,
    /// so it is computed when a report needs it.
    public var maxNameLength: Int {
        profile.summaries.reduce(0) { max($0, $1.key.standardNameLength) }
    }
    /// The current order as positions in `profile.functions`, or nil when unsorted.
    public private(set) var order: [Int]?
    /// What "Ordered by:" says for the current order.
    public private(set) var orderDescription = ""

    /// A session over one loaded profile; `header` is its `ctime    path` line, if any.
    public init(profile: Profile, header: String? = nil) {
        self.profile = profile
        self.files = header.map { [$0] } ?? []
        var calls: Int128 = 0, primitive: Int128 = 0, time = 0.0
        let functions = profile.summaries
        for i in functions.indices {
            calls += Int128(functions[i].calls)
            primitive += Int128(functions[i].primitiveCalls)
            time += functions[i].selfTime
        }
        totalCalls = calls
        primitiveCalls = primitive
        totalTime = time
    }

    /// `Stats(a, b, c)`: the first session, then the others added in reverse, as `Stats.add` does.
    public init(merging sessions: [StatsSession]) {
        precondition(!sessions.isEmpty, "a stats session needs at least one profile")
        self = sessions[0]
        add(contentsOf: Array(sessions.dropFirst()))
    }

    /// `Stats.add(*others)`: merges the others in reverse order of the list.
    public mutating func add(contentsOf others: [StatsSession]) {
        for other in others.reversed() {
            files += other.files
            totalCalls += other.totalCalls
            primitiveCalls += other.primitiveCalls
            totalTime += other.totalTime
            order = nil
            for function in other.profile.functions { profile.add(function) }
        }
    }

    /// `Stats.strip_dirs()`: directories removed from every file name. Functions that then collide
    /// are summed; callers that collide within one function's list overwrite each other (the last
    /// wins), as in pstats. The order is reset to unsorted.
    public mutating func stripDirectories() {
        var stripped = Profile()
        for function in profile.functions {
            var renamed = function
            renamed.key = function.key.strippingDirectory
            var callers: [CallerEdge] = []
            var at: [FunctionKey: Int] = [:]
            for edge in function.callers {
                let caller = edge.caller.strippingDirectory
                if let i = at[caller] {
                    callers[i].stats = edge.stats
                } else {
                    at[caller] = callers.count
                    callers.append(CallerEdge(caller: caller, stats: edge.stats))
                }
            }
            renamed.callers = callers
            stripped.add(renamed)
        }
        profile = stripped
        order = nil
    }

    /// `Stats.sort_stats(*keys)`: a stable sort on the keys' fields; ties keep the profile's order.
    public mutating func sort(by keys: [SortKey]) {
        orderDescription = keys.map(\.description).joined(separator: ", ")
        let fields = keys.flatMap(\.fields)
        let functions = profile.summaries
        if fields.count == 1, let order = SortColumn.numericOrder(fields[0], functions) {
            self.order = order
            return
        }
        let columns = fields.map { SortColumn($0, functions) }
        var positions = Array(functions.indices)
        positions.sort { a, b in
            for column in columns {
                let c = column.compare(a, b)
                if c != 0 { return c < 0 }
            }
            return a < b
        }
        order = positions
    }

    /// `Stats.reverse_order()`: reverses a sorted listing (an unsorted one stays as it is).
    public mutating func reverseOrder() {
        if let order, !order.isEmpty { self.order = order.reversed() }
    }
}

/// One sort field's values laid out in a column, so that comparisons read plain arrays. Numeric
/// columns are stored negated where pstats sorts largest first, so every column sorts ascending.
private enum SortColumn {
    case integers([Int], descending: Bool)
    case reals([Double], descending: Bool)
    case texts([String])

    init(_ field: SortKey.Field, _ functions: [FunctionStats]) {
        switch field {
        case .primitiveCalls: self = .integers(functions.map(\.primitiveCalls), descending: field.descending)
        case .calls: self = .integers(functions.map(\.calls), descending: field.descending)
        case .selfTime: self = .reals(functions.map(\.selfTime), descending: field.descending)
        case .cumulativeTime: self = .reals(functions.map(\.cumulativeTime), descending: field.descending)
        case .line: self = .integers(functions.map(\.key.line), descending: field.descending)
        case .file: self = .texts(functions.map(\.key.file))
        case .name: self = .texts(functions.map(\.key.name))
        case .standardName: self = .texts(functions.map(\.key.standardName))
        }
    }

    /// The order for a single time field (`--sort cumulative`, the common case): a stable radix
    /// sort on the doubles' bits, ties in profile order, as pstats' stable sort leaves them.
    static func numericOrder(_ field: SortKey.Field, _ functions: [FunctionStats]) -> [Int]? {
        let values: [Double]
        switch field {
        case .selfTime: values = functions.map(\.selfTime)
        case .cumulativeTime: values = functions.map(\.cumulativeTime)
        default: return nil
        }
        // NaN does not order; leave such profiles to the general comparison, which ties it as Python does.
        if values.contains(where: \.isNaN) { return nil }
        let keys = values.map { x -> UInt64 in
            // -0.0 equals 0.0 in Python's comparison, so both get the same key.
            let bits = (x + 0.0).bitPattern
            let ascending = bits >> 63 == 0 ? bits | (1 << 63) : ~bits
            return field.descending ? ~ascending : ascending
        }
        return RadixSort.stableOrder(keys)
    }

    /// -1, 0 or 1 as row a sorts before, with, or after row b; like Python's comparison, values
    /// that are neither smaller nor larger (NaN) tie.
    func compare(_ a: Int, _ b: Int) -> Int {
        switch self {
        case .integers(let v, let descending):
            let c = v[a] < v[b] ? -1 : (v[a] > v[b] ? 1 : 0)
            return descending ? -c : c
        case .reals(let v, let descending):
            let c = v[a] < v[b] ? -1 : (v[a] > v[b] ? 1 : 0)
            return descending ? -c : c
        case .texts(let v):
            return CodePoint.compare(v[a], v[b])
        }
    }
}
