/// Reading and writing the pstats `.prof` format: one marshalled dict
/// `{(file, line, name): (cc, nc, tt, ct, {caller: (nc, cc, tt, ct)})}`, as written by cProfile and
/// `pstats.Stats.dump_stats` (see reference/pstats-format.md).
extension Profile {
    /// Reads a profile from the bytes of a `.prof` file, keeping the file's order.
    public init(pstatsData bytes: [UInt8]) throws(ProfileReadError) {
        if let profile = PstatsFastDecoder.decode(bytes) {
            self = profile
            return
        }
        try self.init(generalPstatsData: bytes)
    }

    /// Reads a profile through the general marshal reader, which accepts every marshal object and
    /// names exactly what is wrong with a broken file. (The fast path falls back to it.)
    init(generalPstatsData bytes: [UInt8]) throws(ProfileReadError) {
        var reader = MarshalReader(bytes)
        do {
            let start = reader.offset
            guard try reader.beginDict() else {
                let found = (try? reader.readValue())?.typeName ?? "something else"
                throw ProfileReadError.notAStatsDict(found: found, offset: start)
            }
            let decoder = PstatsDecoder()
            while true {
                let entryOffset = reader.offset
                guard let pair = try reader.readDictEntry() else { break }
                let function = try decoder.function(pair, offset: entryOffset)
                set(function)
            }
        } catch let error as MarshalError {
            throw .marshal(error)
        } catch let error as ProfileReadError {
            throw error
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
        if functions.isEmpty { throw .empty }
    }

    /// The bytes of a `.prof` file (marshal version 4) that Python's pstats loads as this profile.
    public func pstatsData() -> [UInt8] {
        var writer = MarshalWriter()
        writer.beginDict()
        for function in functions {
            writer.write(key: function.key)
            writer.beginTuple(count: 5)
            writer.writeInt(function.primitiveCalls)
            writer.writeInt(function.calls)
            writer.writeFloat(function.selfTime)
            writer.writeFloat(function.cumulativeTime)
            writer.beginDict()
            for edge in function.callers {
                writer.write(key: edge.caller)
                writer.beginTuple(count: 4)
                writer.writeInt(edge.stats.calls)
                writer.writeInt(edge.stats.primitiveCalls)
                writer.writeFloat(edge.stats.selfTime)
                writer.writeFloat(edge.stats.cumulativeTime)
            }
            writer.endDict()
        }
        writer.endDict()
        return writer.bytes
    }
}

extension MarshalWriter {
    fileprivate mutating func write(key: FunctionKey) {
        beginTuple(count: 3)
        writeString(key.file)
        writeInt(key.line)
        writeString(key.name)
    }
}

/// Turns marshalled entries into `FunctionStats`.
private struct PstatsDecoder {
    func function(_ pair: MarshalPair, offset: Int) throws(ProfileReadError) -> FunctionStats {
        let key = try functionKey(pair.key, offset: offset)
        guard case .tuple(let fields) = pair.value, fields.count == 5,
              let cc = Self.integer(fields[0]), let nc = Self.integer(fields[1]),
              let tt = Self.number(fields[2]), let ct = Self.number(fields[3]),
              case .dict(let callerPairs) = fields[4]
        else { throw .badFunctionStats(found: Self.describe(pair.value), offset: offset) }

        var callers: [CallerEdge] = []
        callers.reserveCapacity(callerPairs.count)
        // A dict read from marshal keeps the first position and the last value of a repeated key.
        var seen: [FunctionKey: Int] = [:]
        for callerPair in callerPairs {
            let caller = try functionKey(callerPair.key, offset: offset)
            guard case .tuple(let e) = callerPair.value, e.count == 4,
                  let enc = Self.integer(e[0]), let ecc = Self.integer(e[1]),
                  let ett = Self.number(e[2]), let ect = Self.number(e[3])
            else { throw .badCallerEntry(found: Self.describe(callerPair.value), offset: offset) }
            let stats = EdgeStats(calls: enc, primitiveCalls: ecc, selfTime: ett, cumulativeTime: ect)
            if callerPairs.count > 1 {
                if let at = seen[caller] {
                    callers[at].stats = stats
                    continue
                }
                seen[caller] = callers.count
            }
            callers.append(CallerEdge(caller: caller, stats: stats))
        }
        return FunctionStats(key: key, primitiveCalls: cc, calls: nc, selfTime: tt, cumulativeTime: ct,
                             callers: callers)
    }

    func functionKey(_ value: MarshalValue, offset: Int) throws(ProfileReadError) -> FunctionKey {
        guard case .tuple(let parts) = value, parts.count == 3 else {
            throw .badFunctionKey(found: Self.describe(value), offset: offset)
        }
        switch (parts[0], parts[1], parts[2]) {
        case (.string(let file), .int(let line), .string(let name)):
            return FunctionKey(file: file, line: line, name: name)
        case (.bytes, _, _), (_, _, .bytes):
            throw .python2(offset: offset)
        default:
            throw .badFunctionKey(found: Self.describe(value), offset: offset)
        }
    }

    static func integer(_ value: MarshalValue) -> Int? {
        switch value {
        case .int(let n): n
        case .bool(let b): b ? 1 : 0
        default: nil
        }
    }

    static func number(_ value: MarshalValue) -> Double? {
        switch value {
        case .float(let x): x
        case .int(let n): Double(n)
        case .bool(let b): b ? 1 : 0
        default: nil
        }
    }

    static func describe(_ value: MarshalValue) -> String {
        switch value {
        case .tuple(let items): "(" + items.map(\.typeName).joined(separator: ", ") + ")"
        default: "a " + value.typeName
        }
    }
}
