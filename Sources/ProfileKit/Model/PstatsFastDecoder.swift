#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The fast path for reading `.prof` files: decodes the marshal stream of a stats dict straight
/// into functions, without building a tree of `MarshalValue`s.
///
/// It understands the shapes cProfile and `pstats.dump_stats` write in every marshal version
/// (strings, ints, floats, key and edge tuples, FLAG_REF and back-references to any of them).
/// Strings are interned by content and function keys by their three parts, so the hot loop hashes
/// small integers, not text. Anything else, well-formed or not, makes it give up (`nil`), and the
/// general reader then decodes the file or reports exactly what is wrong with it.
///
/// Callers lists are checked and skimmed on the first pass (their back-reference slots numbered,
/// nothing built) and decoded only when someone asks for them: `print_stats` never does, and the
/// callers are two thirds of a profile.
struct PstatsFastDecoder {
    enum Slot {
        case string(Int32)
        case int(Int)
        case float(Double)
        case key(Int32)
        /// A string seen while skimming, not interned yet: the offset of its type byte.
        case pendingString(Int)
        /// A key tuple seen while skimming: the offset of its type byte.
        case pendingKey(Int)
        case opaque
    }

    struct GiveUp: Error {}

    let bytes: UnsafeRawBufferPointer
    var at = 0
    /// False while re-reading objects whose slots were numbered already.
    var registering = true
    var tables: PstatsDecoderTables

    init(_ bytes: UnsafeRawBufferPointer, tables: PstatsDecoderTables) {
        self.bytes = bytes
        self.tables = tables
    }

    /// The profile in `bytes`, or nil when the fast path does not apply.
    static func decode(_ bytes: [UInt8]) -> Profile? {
        let first = bytes.withUnsafeBytes { buffer -> (FirstPass, PstatsDecoderTables)? in
            var decoder = PstatsFastDecoder(buffer, tables: PstatsDecoderTables(expectedBytes: buffer.count))
            guard let pass = try? decoder.functionsSkimmingCallers() else { return nil }
            return (pass, decoder.tables)
        }
        guard let (pass, tables) = first else { return nil }
        let pending = PendingCallers(bytes: bytes, firstPass: pass, tables: tables)
        return Profile(uniqueFunctions: pass.functions, pendingCallers: pending)
    }

    /// What the first pass learns: the functions, where each one's callers dict starts, each
    /// one's interned file and name, the function number of every key id (-1 for keys that only
    /// call), and the number of edges.
    struct FirstPass {
        var functions: [FunctionStats] = []
        var callersAt: [Int] = []
        var nameIDs = KeyNameIDs(file: [], name: [])
        var functionAt: [Int32] = []
        var edgeCount = 0
    }

    /// Every function's callers, decoded from the offsets the first pass kept.
    static func callers(_ bytes: [UInt8], at offsets: [Int], tables: inout PstatsDecoderTables) -> [[CallerEdge]]? {
        var all: [[CallerEdge]] = []
        all.reserveCapacity(offsets.count)
        let decoded = eachCallersList(bytes, at: offsets, tables: &tables) { callers, keys in
            all.append(callers.map { CallerEdge(caller: keys[Int($0.id)], stats: $0.stats) })
        }
        return decoded ? all : nil
    }

    /// Every call as node numbers, decoded from the first pass's offsets without building a key
    /// per edge: a caller's key id gives its function number directly.
    static func indexedCalls(_ bytes: [UInt8], firstPass pass: FirstPass,
                             tables: inout PstatsDecoderTables) -> IndexedCalls? {
        var result = IndexedCalls()
        result.calls.reserveCapacity(pass.edgeCount)
        result.incoming.reserveCapacity(pass.callersAt.count)
        let functionAt = pass.functionAt
        let functionCount = pass.callersAt.count
        var orphanNode: [Int32: Int] = [:]
        let decoded = eachCallersList(bytes, at: pass.callersAt, tables: &tables) { callers, keys in
            let callee = result.incoming.count
            let start = result.calls.count
            for raw in callers {
                let id = Int(raw.id)
                var caller = id < functionAt.count ? Int(functionAt[id]) : -1
                if caller < 0 {
                    if let known = orphanNode[raw.id] {
                        caller = known
                    } else {
                        caller = functionCount + result.orphanKeys.count
                        orphanNode[raw.id] = caller
                        result.orphanKeys.append(keys[id])
                    }
                }
                result.calls.append(IndexedCalls.Call(caller: caller, callee: callee, stats: raw.stats))
            }
            result.incoming.append(start..<result.calls.count)
        }
        return decoded ? result : nil
    }

    /// Decodes the callers dict at each offset in turn and hands each to `body` as key ids with
    /// the interned keys; false if any of them does not decode.
    private static func eachCallersList(_ bytes: [UInt8], at offsets: [Int], tables: inout PstatsDecoderTables,
                                        _ body: ([RawCaller], [FunctionKey]) -> Void) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var decoder = PstatsFastDecoder(buffer, tables: tables)
            tables = PstatsDecoderTables()  // the decoder holds the only reference while it works
            defer { tables = decoder.tables }
            decoder.registering = false
            for offset in offsets {
                decoder.at = offset
                guard (try? decoder.callers()) != nil else { return false }
                body(decoder.tables.callerScratch, decoder.tables.keys)
            }
            return true
        }
    }

    // MARK: - The first pass

    private mutating func functionsSkimmingCallers() throws(GiveUp) -> FirstPass {
        let top = try byte()
        guard top & 0x7f == MarshalTypeCode.dict else { throw GiveUp() }
        if top & 0x80 != 0 { tables.slots.append(.opaque) }
        tables.slots.reserveCapacity(bytes.count / 32)
        var pass = FirstPass()
        while try peek() != MarshalTypeCode.null {
            let key = try functionKey()
            try tupleHeader(count: 5)
            let function = FunctionStats(key: tables.keys[Int(key)], primitiveCalls: try integer(), calls: try integer(),
                                         selfTime: try number(), cumulativeTime: try number())
            let callers = at
            let edges = try skimCallers()
            if pass.functionAt.count < tables.keys.count {
                pass.functionAt.append(contentsOf: repeatElement(-1, count: tables.keys.count - pass.functionAt.count))
            }
            let existing = Int(pass.functionAt[Int(key)])
            if existing >= 0 {
                pass.functions[existing] = function
                pass.callersAt[existing] = callers
            } else {
                let parts = tables.keyParts[Int(key)]
                pass.functionAt[Int(key)] = Int32(pass.functions.count)
                pass.functions.append(function)
                pass.callersAt.append(callers)
                pass.nameIDs.file.append(parts.file)
                pass.nameIDs.name.append(parts.name)
            }
            pass.edgeCount += edges
        }
        at += 1
        guard !pass.functions.isEmpty else { throw GiveUp() }
        return pass
    }

    /// Checks a callers dict and numbers the slots of what it flags, without interning anything;
    /// returns its number of entries.
    private mutating func skimCallers() throws(GiveUp) -> Int {
        let dict = try byte()
        guard dict & 0x7f == MarshalTypeCode.dict else { throw GiveUp() }
        if dict & 0x80 != 0 { tables.slots.append(.opaque) }
        var entries = 0
        while try peek() != MarshalTypeCode.null {
            entries += 1
            try skimKey()
            try tupleHeader(count: 4)
            _ = try integer()
            _ = try integer()
            _ = try number()
            _ = try number()
        }
        at += 1
        return entries
    }

    private mutating func skimKey() throws(GiveUp) {
        let start = at
        let code = try byte()
        if code == MarshalTypeCode.ref {
            switch try rawSlot() {
            case .key, .pendingKey: return
            default: throw GiveUp()
            }
        }
        try tupleBody(code, count: 3, slot: .pendingKey(start))
        try skimString()
        _ = try integer()
        try skimString()
    }

    private mutating func skimString() throws(GiveUp) {
        let start = at
        let code = try byte()
        if code == MarshalTypeCode.ref {
            switch try rawSlot() {
            case .string, .pendingString: return
            default: throw GiveUp()
            }
        }
        _ = try stringBytes(code)
        if code & 0x80 != 0 { tables.slots.append(.pendingString(start)) }
    }

    // MARK: - Callers, decoded on demand

    /// One caller as the decoder first sees it: an interned key id and the edge's numbers.
    struct RawCaller {
        var id: Int32
        var stats: EdgeStats
    }

    /// A callers dict at `at`, in full, into `tables.callerScratch`. A repeated key keeps its first
    /// place and takes the last value, as a dict does.
    private mutating func callers() throws(GiveUp) {
        guard try byte() & 0x7f == MarshalTypeCode.dict else { throw GiveUp() }
        tables.callerScratch.removeAll(keepingCapacity: true)
        tables.functionSerial += 1
        while try peek() != MarshalTypeCode.null {
            let caller = try functionKey()
            try tupleHeader(count: 4)
            let stats = EdgeStats(calls: try integer(), primitiveCalls: try integer(),
                                  selfTime: try number(), cumulativeTime: try number())
            let id = Int(caller)
            if id >= tables.callerMark.count {
                let grow = id + 1 - tables.callerMark.count + 1024
                tables.callerMark.append(contentsOf: repeatElement(0, count: grow))
                tables.callerSlot.append(contentsOf: repeatElement(0, count: grow))
            }
            if tables.callerMark[id] == tables.functionSerial {
                tables.callerScratch[Int(tables.callerSlot[id])].stats = stats
                continue
            }
            tables.callerMark[id] = tables.functionSerial
            tables.callerSlot[id] = Int32(tables.callerScratch.count)
            tables.callerScratch.append(RawCaller(id: caller, stats: stats))
        }
        at += 1
    }

    // MARK: - Keys

    /// A `(file, line, name)` tuple or a reference to one, as an interned key id.
    mutating func functionKey() throws(GiveUp) -> Int32 {
        let code = try byte()
        if code == MarshalTypeCode.ref {
            let index = try slotIndex()
            switch tables.slots[index] {
            case .key(let id): return id
            case .pendingKey(let offset):
                let id = try reread(offset) { (d: inout PstatsFastDecoder) throws(GiveUp) in try d.functionKey() }
                tables.slots[index] = .key(id)
                return id
            default: throw GiveUp()
            }
        }
        let reserved = registering && code & 0x80 != 0 ? tables.slots.count : -1
        try tupleBody(code, count: 3, slot: .opaque)
        let id = tables.intern(KeyParts(file: try string(), line: try integer(), name: try string()))
        if reserved >= 0 { tables.slots[reserved] = .key(id) }
        return id
    }

    /// Decodes the object at `offset` without numbering slots again, then comes back.
    private mutating func reread<T>(_ offset: Int, _ read: (inout PstatsFastDecoder) throws(GiveUp) -> T) throws(GiveUp) -> T {
        let (savedAt, savedRegistering) = (at, registering)
        at = offset
        registering = false
        defer { (at, registering) = (savedAt, savedRegistering) }
        return try read(&self)
    }

    /// A tuple's header with `count` items; a flagged tuple takes its slot before its items.
    @inline(__always)
    private mutating func tupleBody(_ code: UInt8, count: Int, slot: Slot) throws(GiveUp) {
        switch code & 0x7f {
        case MarshalTypeCode.smallTuple: guard Int(try byte()) == count else { throw GiveUp() }
        case MarshalTypeCode.tuple: guard Int(try int32()) == count else { throw GiveUp() }
        default: throw GiveUp()
        }
        if registering && code & 0x80 != 0 { tables.slots.append(slot) }
    }

    @inline(__always)
    private mutating func tupleHeader(count: Int) throws(GiveUp) {
        try tupleBody(try byte(), count: count, slot: .opaque)
    }

    // MARK: - Strings

    /// A str (any of marshal's string codes) or a reference to one, as an interned id.
    mutating func string() throws(GiveUp) -> Int32 {
        let code = try byte()
        if code == MarshalTypeCode.ref {
            let index = try slotIndex()
            switch tables.slots[index] {
            case .string(let id): return id
            case .pendingString(let offset):
                let id = try reread(offset) { (d: inout PstatsFastDecoder) throws(GiveUp) in try d.string() }
                tables.slots[index] = .string(id)
                return id
            default: throw GiveUp()
            }
        }
        let (offset, length) = try stringBytes(code)
        guard let id = tables.internString(bytes, offset: offset, length: length) else { throw GiveUp() }
        if registering && code & 0x80 != 0 { tables.slots.append(.string(id)) }
        return id
    }

    /// Reads a string's length and checks its bytes; returns where they are.
    private mutating func stringBytes(_ code: UInt8) throws(GiveUp) -> (offset: Int, length: Int) {
        let length: Int
        let isUTF8: Bool
        switch code & 0x7f {
        case MarshalTypeCode.shortASCII, MarshalTypeCode.shortASCIIInterned:
            length = Int(try byte()); isUTF8 = false
        case MarshalTypeCode.ascii, MarshalTypeCode.asciiInterned:
            length = Int(try int32()); isUTF8 = false
        case MarshalTypeCode.unicode, MarshalTypeCode.interned:
            length = Int(try int32()); isUTF8 = true
        default:
            throw GiveUp()
        }
        guard length >= 0, bytes.count - at >= length else { throw GiveUp() }
        let offset = at
        at += length
        // ASCII codes hold Latin-1 bytes in principle; leave those rare files to the general reader.
        if !isUTF8 {
            for i in offset..<(offset + length) where bytes[i] >= 0x80 { throw GiveUp() }
        }
        return (offset, length)
    }
}
