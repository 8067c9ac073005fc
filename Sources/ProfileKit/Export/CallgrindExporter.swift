/// Writes the callgrind format (Valgrind's "Callgrind Format Specification", version 1) for
/// KCachegrind and `callgrind_annotate`.
///
/// Native output: one event (self time in integer ns or us), `fl=`/`fn=` per function with its self
/// cost at its first line, and per call a `cfl=`/`cfn=`/`calls=<total calls> <callee line>` block
/// followed by the inclusive cost of the call (the edge's cumulative time). Names are compressed
/// (`(id)`). Self costs are rounded on the running sum, so `summary:`/`totals:` equal the profile's
/// total self time rounded to the unit. pstats counts recursive time once in a function's cumulative
/// time while its edge times overlap inside recursion cycles, so calls from inside a cycle (direct
/// recursion included) keep their counts but share only the part of the callee's cumulative time
/// the outside calls leave: `callgrind_annotate --inclusive=yes` then agrees with cumtime.
///
/// `Compatibility.pyprof2calltree` reproduces pyprof2calltree 1.4.5 byte for byte instead.
public struct CallgrindExporter: ProfileExporter {
    /// The unit of the single event, stated in the header.
    public enum TimeUnit: String, CaseIterable, Sendable {
        /// Integer nanoseconds (`events: ns`).
        case nanoseconds = "ns"
        /// Integer microseconds (`events: us`).
        case microseconds = "us"

        /// Units per second.
        public var perSecond: Double { self == .nanoseconds ? 1e9 : 1e6 }
        /// The long name written in the `event:` description line.
        public var longName: String { self == .nanoseconds ? "nanoseconds" : "microseconds" }
    }

    /// Which writer's conventions to follow.
    public enum Compatibility: String, CaseIterable, Sendable {
        /// MudScope's own, spec-complete output.
        case none
        /// pyprof2calltree 1.4.5's exact bytes (always nanoseconds; `unit` and `creator` are ignored).
        case pyprof2calltree
    }

    /// See `TimeUnit`.
    public static let format = ExportFormat.callgrind

    /// The event unit (native output only).
    public var unit: TimeUnit
    /// The output conventions.
    public var compatibility: Compatibility
    /// The `creator:` header value (native output only).
    public var creator: String

    /// An exporter; the defaults write native nanosecond output.
    public init(unit: TimeUnit = .nanoseconds, compatibility: Compatibility = .none,
                creator: String = "MudScope profstats \(MudScopeVersion.current)") {
        self.unit = unit
        self.compatibility = compatibility
        self.creator = creator
    }

    /// The callgrind file for a profile; stacks are refused.
    public func export(_ source: ExportSource) throws(ExportError) -> [UInt8] {
        guard case .profile(let profile) = source else { throw .needsProfile(Self.format) }
        return Array(text(for: profile).utf8)
    }

    /// The callgrind text for a profile.
    public func text(for profile: Profile) -> String {
        switch compatibility {
        case .none: nativeText(for: profile)
        case .pyprof2calltree: pyprof2calltreeText(for: profile)
        }
    }

    private func nativeText(for profile: Profile) -> String {
        let graph = CallGraph(profile)
        let scale = unit.perSecond
        let names = FunctionNames(graph.keys)

        // Self costs rounded on the running sum, in pstats' summation order.
        var selfCosts: [Int] = []
        selfCosts.reserveCapacity(graph.functionCount)
        var running = 0.0
        var previous = 0
        for function in graph.functions {
            running += function.selfTime
            let now = Self.units(running, scale: scale)
            selfCosts.append(now - previous)
            previous = now
        }
        let total = previous
        let costs = inclusiveCosts(graph)

        var out = "# callgrind format\nversion: 1\ncreator: \(Self.clean(creator))\npositions: line\n"
        out += "event: \(unit.rawValue) : self time in \(unit.longName) (inclusive time on calls= lines)\n"
        out += "events: \(unit.rawValue)\nsummary: \(total)\ntotals: \(total)\n"
        out.reserveCapacity(graph.keys.count * 120)

        var fileIDs: [String: Int] = [:]
        var functionIDs = [Int?](repeating: nil, count: graph.keys.count)
        func file(_ name: String) -> String {
            if let id = fileIDs[name] { return "(\(id))" }
            let id = fileIDs.count + 1
            fileIDs[name] = id
            return "(\(id)) \(Self.clean(name))"
        }
        func function(_ node: Int) -> String {
            if let id = functionIDs[node] { return "(\(id))" }
            let id = node + 1
            functionIDs[node] = id
            return "(\(id)) \(Self.clean(names.callgrindName(node)))"
        }

        for node in graph.keys.indices {
            let key = graph.keys[node]
            out += "\nfl=\(file(key.file))\nfn=\(function(node))\n"
            out += "\(key.line) \(graph.isOrphan(node) ? 0 : selfCosts[node])\n"
            for callIndex in graph.outgoing[node] {
                let call = graph.calls[callIndex]
                let callee = graph.keys[call.callee]
                out += "cfl=\(file(callee.file))\ncfn=\(function(call.callee))\n"
                out += "calls=\(max(call.stats.calls, 0)) \(callee.line)\n\(key.line) \(costs[callIndex])\n"
            }
        }
        out += rootBlock(graph, costs: costs, file: file, function: function)
        return out
    }

    /// The name of the node that stands for "called from outside the profile".
    public static let outsideCallerName = "<caller outside the profile>"

    /// Calls that no profiled function made (the script's top level calling a function that is also
    /// called inside, like `exec`) appear in no caller list, and callgrind readers take a called
    /// function's inclusive cost from its incoming calls only. One extra node with zero self cost,
    /// `~:<caller outside the profile>`, makes those calls, so every function's inclusive cost
    /// stays its cumulative time.
    private func rootBlock(_ graph: CallGraph, costs: [Int], file: (String) -> String,
                           function: (Int) -> String) -> String {
        var block = ""
        for callee in 0..<graph.functionCount where !graph.incoming[callee].isEmpty {
            let stats = graph.functions[callee]
            let range = graph.incoming[callee]
            let knownCalls = range.reduce(0) { $0 &+ graph.calls[$1].stats.calls }
            let missingCalls = stats.calls &- knownCalls
            let missingCost = Self.units(stats.cumulativeTime, scale: unit.perSecond)
                - range.reduce(0) { $0 + costs[$1] }
            guard missingCalls > 0, missingCost > 0 else { continue }
            if block.isEmpty {
                block = "\nfl=\(file("~"))\nfn=(\(graph.keys.count + 1)) \(Self.outsideCallerName)\n0 0\n"
            }
            block += "cfl=\(file(stats.key.file))\ncfn=\(function(callee))\n"
            block += "calls=\(missingCalls) \(stats.key.line)\n0 \(missingCost)\n"
        }
        return block
    }

    /// The inclusive cost written for every call (indexed like `graph.calls`).
    ///
    /// callgrind_annotate and KCachegrind take a function's inclusive cost as the sum of the costs of
    /// the calls into it. pstats' edge times are exact for calls from outside a recursion cycle; calls
    /// from inside one (a direct recursive call included) overlap the outer ones, so they share what
    /// is left of the function's cumulative time, scaled down proportionally (largest remainder).
    private func inclusiveCosts(_ graph: CallGraph) -> [Int] {
        let scale = unit.perSecond
        var costs = graph.calls.map { max(Self.units($0.stats.cumulativeTime, scale: scale), 0) }
        let component = graph.componentIDs()
        for callee in 0..<graph.functionCount {
            let range = graph.incoming[callee]
            let inside = range.filter { component[graph.calls[$0].caller] == component[callee] }
            guard !inside.isEmpty else { continue }
            let outside = range.reduce(0) { component[graph.calls[$1].caller] == component[callee] ? $0 : $0 + costs[$1] }
            let budget = max(Self.units(graph.functions[callee].cumulativeTime, scale: scale) - outside, 0)
            let sum = inside.reduce(0) { $0 + costs[$1] }
            guard sum > budget else { continue }
            let factor = Double(budget) / Double(sum)
            var remainders: [(call: Int, fraction: Double)] = []
            var assigned = 0
            for call in inside {
                let exact = Double(costs[call]) * factor
                costs[call] = Int(exact.rounded(.down))
                assigned += costs[call]
                remainders.append((call, exact - exact.rounded(.down)))
            }
            remainders.sort { $0.fraction != $1.fraction ? $0.fraction > $1.fraction : $0.call < $1.call }
            for r in remainders.prefix(max(budget - assigned, 0)) { costs[r.call] += 1 }
        }
        return costs
    }

    /// Seconds to whole units, rounded to nearest; non-finite values count as 0.
    static func units(_ seconds: Double, scale: Double) -> Int {
        let x = (seconds * scale).rounded()
        guard x.isFinite else { return 0 }
        return Int(exactly: x) ?? (x < 0 ? Int.min : Int.max)
    }

    /// Callgrind has no escapes: line breaks in a name would end the line, so they become spaces.
    static func clean(_ name: String) -> String {
        guard name.utf8.contains(where: { $0 == 10 || $0 == 13 }) else { return name }
        return String(name.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}

/// pyprof2calltree's function names: `co_name`, or `name:line` when two functions of one file share
/// the name (methods of different classes), so KCachegrind keeps them apart.
struct FunctionNames {
    private let keys: [FunctionKey]
    private var sharedName: Set<Int> = []

    init(_ keys: [FunctionKey]) {
        self.keys = keys
        struct Place: Hashable { var file: String; var name: String }
        var count: [Place: Int] = [:]
        for key in keys { count[Place(file: key.file, name: key.name), default: 0] += 1 }
        for (i, key) in keys.enumerated() where count[Place(file: key.file, name: key.name)]! > 1 {
            sharedName.insert(i)
        }
    }

    /// The name of node `i` as pyprof2calltree munges it.
    func callgrindName(_ i: Int) -> String {
        sharedName.contains(i) ? "\(keys[i].name):\(keys[i].line)" : keys[i].name
    }
}
