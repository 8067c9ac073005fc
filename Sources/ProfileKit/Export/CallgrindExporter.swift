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
/// the outside calls leave, and calls made from outside the profile (a root that is also called
/// inside, like `exec`) come from one extra node, `~:<caller outside the profile>`, with zero self
/// cost: `callgrind_annotate --inclusive=yes` then agrees with cumtime for every function.
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

    /// The format this exporter writes.
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
        return bytes(for: profile)
    }

    /// The callgrind file for a profile, streamed to `sink` a quarter MiB at a time.
    public func export(_ source: ExportSource, to sink: ByteSink) throws(ExportError) {
        guard case .profile(let profile) = source else { throw .needsProfile(Self.format) }
        write(profile, to: sink)
    }

    /// The callgrind text for a profile.
    public func text(for profile: Profile) -> String {
        String(decoding: bytes(for: profile), as: UTF8.self)
    }

    /// The callgrind file's bytes for a profile.
    public func bytes(for profile: Profile) -> [UInt8] {
        var bytes: [UInt8] = []
        write(profile) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// The callgrind file for a profile, handed to `sink` in order, in pieces.
    public func write(_ profile: Profile, to sink: ByteSink) {
        switch compatibility {
        case .none: writeNative(profile, to: sink)
        case .pyprof2calltree: writePyprof2calltree(profile, to: sink)
        }
    }

    private func writeNative(_ profile: Profile, to sink: ByteSink) {
        let graph = CallGraph(profile)
        let scale = unit.perSecond

        // Self costs rounded on the running sum, in pstats' summation order.
        var selfCosts: [Int] = []
        selfCosts.reserveCapacity(graph.functionCount)
        var running = 0.0
        var previous = 0
        for function in graph.functions {
            running += function.selfTime
            let now = Self.units(running, scale: scale)
            selfCosts.append(now.clampedSubtracting(previous))
            previous = now
        }
        let total = previous
        let costs = inclusiveCosts(graph)

        var out = ByteWriter(capacity: ByteWriter.chunkSize + 4096)
        out.write("# callgrind format\nversion: 1\ncreator: ")
        out.write(Self.clean(creator))
        out.write("\npositions: line\nevent: \(unit.rawValue) : self time in \(unit.longName) (inclusive time on calls= lines)\n")
        out.write("events: \(unit.rawValue)\nsummary: \(total)\ntotals: \(total)\n")

        var names = CompressedNames(graph, nameIDs: graph.nameIDs(of: profile))
        for node in graph.keys.indices {
            let line = graph.keys[node].line
            out.write("\nfl=")
            names.writeFile(of: node, to: &out)
            out.write("\nfn=")
            names.writeFunction(node, to: &out)
            out.write(byte: 10)
            out.write(line)
            out.write(byte: 32)
            out.write(graph.isOrphan(node) ? 0 : selfCosts[node])
            out.write(byte: 10)
            for callIndex in graph.outgoing(node) {
                let callee = graph.calls[callIndex].callee
                out.write("cfl=")
                names.writeFile(of: callee, to: &out)
                out.write("\ncfn=")
                names.writeFunction(callee, to: &out)
                out.write("\ncalls=")
                out.write(max(graph.calls[callIndex].stats.calls, 0))
                out.write(byte: 32)
                out.write(graph.keys[callee].line)
                out.write(byte: 10)
                out.write(line)
                out.write(byte: 32)
                out.write(costs[callIndex])
                out.write(byte: 10)
            }
            out.drain(ifOver: ByteWriter.chunkSize, into: sink)
        }
        writeOutsideCalls(graph, costs: costs, names: &names, to: &out)
        out.drain(into: sink)
    }

    /// The name of the node that stands for "called from outside the profile".
    public static let outsideCallerName = "<caller outside the profile>"

    /// Calls that no profiled function made (the script's top level calling a function that is also
    /// called inside, like `exec`) appear in no caller list, and callgrind readers take a called
    /// function's inclusive cost from its incoming calls only. One extra node with zero self cost,
    /// `~:<caller outside the profile>`, makes those calls, so every function's inclusive cost
    /// stays its cumulative time.
    private func writeOutsideCalls(_ graph: CallGraph, costs: [Int], names: inout CompressedNames,
                                   to out: inout ByteWriter) {
        var started = false
        for callee in 0..<graph.functionCount where !graph.incoming[callee].isEmpty {
            let stats = graph.functions[callee]
            let range = graph.incoming[callee]
            let knownCalls = range.reduce(0) { $0 &+ graph.calls[$1].stats.calls }
            let missingCalls = stats.calls &- knownCalls
            let missingCost = Self.units(stats.cumulativeTime, scale: unit.perSecond)
                .clampedSubtracting(range.reduce(0) { $0.clampedAdding(costs[$1]) })
            guard missingCalls > 0, missingCost > 0 else { continue }
            if !started {
                started = true
                out.write("\nfl=")
                names.writeFile(named: "~", to: &out)
                out.write("\nfn=(\(graph.keys.count + 1)) \(Self.outsideCallerName)\n0 0\n")
            }
            out.write("cfl=")
            names.writeFile(of: callee, to: &out)
            out.write("\ncfn=")
            names.writeFunction(callee, to: &out)
            out.write("\ncalls=\(missingCalls) \(stats.key.line)\n0 \(missingCost)\n")
        }
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
            let outside = range.reduce(0) {
                component[graph.calls[$1].caller] == component[callee] ? $0 : $0.clampedAdding(costs[$1])
            }
            let budget = max(Self.units(graph.functions[callee].cumulativeTime, scale: scale).clampedSubtracting(outside), 0)
            let sum = inside.reduce(0) { $0.clampedAdding(costs[$1]) }
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

    /// Seconds to whole units, rounded to nearest; non-finite values count as 0, values beyond
    /// `Int`'s range are clamped to it (sums of costs clamp too: a damaged file's absurd times must
    /// not trap).
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

extension Int {
    /// `self + other`, clamped to `Int`'s range instead of overflowing.
    func clampedAdding(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// `self - other`, clamped to `Int`'s range instead of overflowing.
    func clampedSubtracting(_ other: Int) -> Int {
        let (difference, overflow) = subtractingReportingOverflow(other)
        return overflow ? (other < 0 ? .max : .min) : difference
    }
}
