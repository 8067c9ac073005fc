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
        let first = bytes.withUnsafeBytes { buffer -> (functions: [FunctionStats], callersAt: [Int], tables: PstatsDecoderTables)? in
            var decoder = PstatsFastDecoder(buffer, tables: PstatsDecoderTables(expectedBytes: buffer.count))
            guard let (functions, callersAt) = try? decoder.functionsSkimmingCallers() else { return nil }
            return (functions, callersAt, decoder.tables)
        }
        guard let first else { return nil }
        let pending = PendingCallers(bytes: bytes, callersAt: first.callersAt, tables: first.tables)
        return Profile(uniqueFunctions: first.functions, pendingCallers: pending)
    }

    /// Every function's callers, decoded from the offsets the first pass kept.
    static func callers(_ bytes: [UInt8], at offsets: [Int], tables: PstatsDecoderTables) -> [[CallerEdge]]? {
        bytes.withUnsafeBytes { buffer in
            var decoder = PstatsFastDecoder(buffer, tables: tables)
            decoder.registering = false
            var all: [[CallerEdge]] = []
            all.reserveCapacity(offsets.count)
            for offset in offsets {
                decoder.at = offset
                guard let callers = try? decoder.callers() else { return nil }
                all.append(callers)
            }
            return all
        }
    }

    // MARK: - The first pass

    private mutating func functionsSkimmingCallers() throws(GiveUp) -> ([FunctionStats], [Int]) {
        let top = try byte()
        guard top & 0x7f == MarshalTypeCode.dict else { throw GiveUp() }
        if top & 0x80 != 0 { tables.slots.append(.opaque) }
        tables.slots.reserveCapacity(bytes.count / 32)
        var functions: [FunctionStats] = []
        var callersAt: [Int] = []
        var functionAt: [Int32] = []  // by key id; -1 for keys that are only callers so far
        while try peek() != MarshalTypeCode.null {
            let key = try functionKey()
            try tupleHeader(count: 5)
            let function = FunctionStats(key: tables.keys[Int(key)], primitiveCalls: try integer(), calls: try integer(),
                                         selfTime: try number(), cumulativeTime: try number())
            let callers = at
            try skimCallers()
            if functionAt.count < tables.keys.count {
                functionAt.append(contentsOf: repeatElement(-1, count: tables.keys.count - functionAt.count))
            }
            let existing = Int(functionAt[Int(key)])
            if existing >= 0 {
                functions[existing] = function
                callersAt[existing] = callers
            } else {
                functionAt[Int(key)] = Int32(functions.count)
                functions.append(function)
                callersAt.append(callers)
            }
        }
        at += 1
        guard !functions.isEmpty else { throw GiveUp() }
        return (functions, callersAt)
    }

    /// Checks a callers dict and numbers the slots of what it flags, without interning anything.
    private mutating func skimCallers() throws(GiveUp) {
        let dict = try byte()
        guard dict & 0x7f == MarshalTypeCode.dict else { throw GiveUp() }
        if dict & 0x80 != 0 { tables.slots.append(.opaque) }
        while try peek() != MarshalTypeCode.null {
            try skimKey()
            try tupleHeader(count: 4)
            _ = try integer()
            _ = try integer()
            _ = try number()
            _ = try number()
        }
        at += 1
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

    /// A callers dict at `at`, in full. A repeated key keeps its first place and takes the last
    /// value, as a dict does.
    private mutating func callers() throws(GiveUp) -> [CallerEdge] {
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
            tables.callerScratch.append(CallerEdge(caller: tables.keys[id], stats: stats))
        }
        // A copy sized to fit (an Array made from the array itself would share, and keep, its capacity).
        return tables.callerScratch.withUnsafeBufferPointer { Array($0) }
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
        let id = tables.internString(bytes, offset: offset, length: length)
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
