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
struct PstatsFastDecoder {
    private enum Slot {
        case string(Int32)
        case int(Int)
        case float(Double)
        case key(Int32)
        case opaque
    }

    private struct KeyParts: Equatable {
        var file: Int32
        var line: Int
        var name: Int32

        /// A cheap multiplicative hash: the parts are small integers, not text.
        var hash: UInt64 {
            PstatsFastDecoder.mix((UInt64(UInt32(bitPattern: file)) &* 0x9E37_79B9_7F4A_7C15)
                ^ (UInt64(bitPattern: Int64(line)) &* 0xC2B2_AE3D_27D4_EB4F)
                ^ (UInt64(UInt32(bitPattern: name)) &* 0x1656_67B1_9E37_79F9))
        }
    }

    private struct GiveUp: Error {}

    private let bytes: UnsafeRawBufferPointer
    private var at = 0
    private var slots: [Slot] = []
    private var strings: [String] = []
    /// Where each interned string's bytes are (offset, length) in the file.
    private var stringSpans: [(offset: Int, length: Int)] = []
    /// Open-addressing table of string ids (-1 empty), a power of two in size.
    private var stringTable = [Int32](repeating: -1, count: 1 << 12)
    private var callerScratch: [CallerEdge] = []
    /// For each key id: the serial number of the function whose callers last named it, and where.
    private var callerMark: [Int32] = []
    private var callerSlot: [Int32] = []
    private var functionSerial: Int32 = 0
    private var keys: [FunctionKey] = []
    private var keyParts: [KeyParts] = []
    /// Open-addressing table of key ids (-1 empty), a power of two in size.
    private var keyTable = [Int32](repeating: -1, count: 1 << 12)

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The profile in `bytes`, or nil when the fast path does not apply.
    static func decode(_ bytes: [UInt8]) -> Profile? {
        bytes.withUnsafeBytes { buffer in
            var decoder = PstatsFastDecoder(buffer)
            return try? decoder.profile()
        }
    }

    private mutating func profile() throws(GiveUp) -> Profile {
        let top = try byte()
        guard top & 0x7f == MarshalTypeCode.dict else { throw GiveUp() }
        if top & 0x80 != 0 { slots.append(.opaque) }
        slots.reserveCapacity(bytes.count / 32)
        var functions: [FunctionStats] = []
        var functionAt: [Int32] = []  // by key id; -1 for keys that are only callers so far
        while try peek() != MarshalTypeCode.null {
            let key = try functionKey()
            let function = try functionStats(key)
            if functionAt.count < keys.count {
                functionAt.append(contentsOf: repeatElement(-1, count: keys.count - functionAt.count))
            }
            let existing = Int(functionAt[Int(key)])
            if existing >= 0 {
                functions[existing] = function
            } else {
                functionAt[Int(key)] = Int32(functions.count)
                functions.append(function)
            }
        }
        at += 1
        guard !functions.isEmpty else { throw GiveUp() }
        return Profile(uniqueFunctions: functions)
    }

    /// `(cc, nc, tt, ct, callers)`.
    private mutating func functionStats(_ key: Int32) throws(GiveUp) -> FunctionStats {
        try tupleHeader(count: 5)
        let cc = try integer()
        let nc = try integer()
        let tt = try number()
        let ct = try number()
        let dict = try byte()
        guard dict & 0x7f == MarshalTypeCode.dict else { throw GiveUp() }
        if dict & 0x80 != 0 { slots.append(.opaque) }
        callerScratch.removeAll(keepingCapacity: true)
        functionSerial += 1
        while try peek() != MarshalTypeCode.null {
            let caller = try functionKey()
            try tupleHeader(count: 4)
            let stats = EdgeStats(calls: try integer(), primitiveCalls: try integer(),
                                  selfTime: try number(), cumulativeTime: try number())
            // A repeated key keeps its first place and takes the last value, as a dict does.
            let id = Int(caller)
            if id >= callerMark.count {
                callerMark.append(contentsOf: repeatElement(0, count: id + 1 - callerMark.count + 1024))
                callerSlot.append(contentsOf: repeatElement(0, count: callerMark.count - callerSlot.count))
            }
            if callerMark[id] == functionSerial {
                callerScratch[Int(callerSlot[id])].stats = stats
                continue
            }
            callerMark[id] = functionSerial
            callerSlot[id] = Int32(callerScratch.count)
            callerScratch.append(CallerEdge(caller: keys[Int(caller)], stats: stats))
        }
        at += 1
        // A copy sized to fit (an Array made from the array itself would share, and keep, its capacity).
        let callers = callerScratch.withUnsafeBufferPointer { Array($0) }
        return FunctionStats(key: keys[Int(key)], primitiveCalls: cc, calls: nc, selfTime: tt,
                             cumulativeTime: ct, callers: callers)
    }

    /// A `(file, line, name)` tuple or a reference to one, as an interned key id.
    private mutating func functionKey() throws(GiveUp) -> Int32 {
        let code = try byte()
        if code == MarshalTypeCode.ref {
            guard case .key(let id) = try slot() else { throw GiveUp() }
            return id
        }
        guard code & 0x7f == MarshalTypeCode.smallTuple || code & 0x7f == MarshalTypeCode.tuple else { throw GiveUp() }
        let count = code & 0x7f == MarshalTypeCode.smallTuple ? Int(try byte()) : Int(try int32())
        guard count == 3 else { throw GiveUp() }
        let slotIndex = code & 0x80 != 0 ? slots.count : -1
        if slotIndex >= 0 { slots.append(.opaque) }
        let parts = KeyParts(file: try string(), line: try integer(), name: try string())
        let id = intern(parts)
        if slotIndex >= 0 { slots[slotIndex] = .key(id) }
        return id
    }

    /// The id of a key, new or known.
    private mutating func intern(_ parts: KeyParts) -> Int32 {
        var mask = keyTable.count - 1
        var bucket = Int(truncatingIfNeeded: parts.hash) & mask
        while true {
            let id = keyTable[bucket]
            if id < 0 { break }
            if keyParts[Int(id)] == parts { return id }
            bucket = (bucket + 1) & mask
        }
        let id = Int32(keys.count)
        keys.append(FunctionKey(file: strings[Int(parts.file)], line: parts.line, name: strings[Int(parts.name)]))
        keyParts.append(parts)
        if keys.count * 2 > keyTable.count {
            keyTable = [Int32](repeating: -1, count: keyTable.count * 2)
            mask = keyTable.count - 1
            for (i, p) in keyParts.enumerated() {
                var b = Int(truncatingIfNeeded: p.hash) & mask
                while keyTable[b] >= 0 { b = (b + 1) & mask }
                keyTable[b] = Int32(i)
            }
        } else {
            keyTable[bucket] = id
        }
        return id
    }

    @inline(__always)
    private mutating func tupleHeader(count: Int) throws(GiveUp) {
        let code = try byte()
        if code & 0x80 != 0 { slots.append(.opaque) }
        switch code & 0x7f {
        case MarshalTypeCode.smallTuple: guard Int(try byte()) == count else { throw GiveUp() }
        case MarshalTypeCode.tuple: guard Int(try int32()) == count else { throw GiveUp() }
        default: throw GiveUp()
        }
    }

    /// A str (any of marshal's string codes) or a reference to one, as an interned id.
    private mutating func string() throws(GiveUp) -> Int32 {
        let code = try byte()
        if code == MarshalTypeCode.ref {
            guard case .string(let id) = try slot() else { throw GiveUp() }
            return id
        }
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
        let id = internString(offset: offset, length: length)
        if code & 0x80 != 0 { slots.append(.string(id)) }
        return id
    }

    /// The id of the string whose UTF-8 bytes are at `offset`, new or known. Equal strings that
    /// the file stores as separate objects get the same id.
    private mutating func internString(offset: Int, length: Int) -> Int32 {
        let text = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
        let hash = Self.hash(text)
        var mask = stringTable.count - 1
        var bucket = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = stringTable[bucket]
            if id < 0 { break }
            let span = stringSpans[Int(id)]
            if span.length == length
                && memcmp(bytes.baseAddress! + span.offset, bytes.baseAddress! + offset, length) == 0 {
                return id
            }
            bucket = (bucket + 1) & mask
        }
        let id = Int32(strings.count)
        strings.append(String(decoding: text, as: UTF8.self))
        stringSpans.append((offset, length))
        if strings.count * 2 > stringTable.count {
            stringTable = [Int32](repeating: -1, count: stringTable.count * 2)
            mask = stringTable.count - 1
            for (i, span) in stringSpans.enumerated() {
                let h = Self.hash(UnsafeRawBufferPointer(rebasing: bytes[span.offset..<(span.offset + span.length)]))
                var b = Int(truncatingIfNeeded: h) & mask
                while stringTable[b] >= 0 { b = (b + 1) & mask }
                stringTable[b] = Int32(i)
            }
        } else {
            stringTable[bucket] = id
        }
        return id
    }

    /// FNV-1a over the bytes, eight at a time: fast, and good enough for a table we own.
    private static func hash(_ text: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = 0
        while i + 8 <= text.count {
            h = (h ^ text.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01b3
            h ^= h >> 29
            i += 8
        }
        while i < text.count {
            h = (h ^ UInt64(text[i])) &* 0x0000_0100_0000_01b3
            i += 1
        }
        return mix(h ^ UInt64(text.count))
    }

    /// MurmurHash3's 64-bit finaliser: every input bit moves every output bit, so the low bits
    /// used as the bucket are well spread even for names that differ in one character.
    static func mix(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        return h ^ (h >> 33)
    }

    /// An int (`i`, `I`, a small `l`) or a reference to one.
    @inline(__always)
    private mutating func integer() throws(GiveUp) -> Int {
        let code = try byte()
        let value: Int
        switch code & 0x7f {
        case MarshalTypeCode.ref:
            guard case .int(let n) = try slot() else { throw GiveUp() }
            return n
        case MarshalTypeCode.int:
            value = Int(try int32())
        case MarshalTypeCode.int64:
            value = Int(Int64(bitPattern: try uint64()))
        case MarshalTypeCode.long:
            value = try long()
        default:
            throw GiveUp()
        }
        if code & 0x80 != 0 { slots.append(.int(value)) }
        return value
    }

    /// A float (`g`), an int used as a time, or a reference to either.
    @inline(__always)
    private mutating func number() throws(GiveUp) -> Double {
        let code = try byte()
        switch code & 0x7f {
        case MarshalTypeCode.ref:
            switch try slot() {
            case .float(let x): return x
            case .int(let n): return Double(n)
            default: throw GiveUp()
            }
        case MarshalTypeCode.binaryFloat:
            let value = Double(bitPattern: try uint64())
            if code & 0x80 != 0 { slots.append(.float(value)) }
            return value
        case MarshalTypeCode.float:
            // Marshal versions 0 and 1: a length byte and the float's repr.
            let length = Int(try byte())
            guard bytes.count - at >= length else { throw GiveUp() }
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + length)]), as: UTF8.self)
            at += length
            guard let value = Double(text) else { throw GiveUp() }
            if code & 0x80 != 0 { slots.append(.float(value)) }
            return value
        case MarshalTypeCode.int:
            let value = Int(try int32())
            if code & 0x80 != 0 { slots.append(.int(value)) }
            return Double(value)
        default:
            throw GiveUp()
        }
    }

    /// TYPE_LONG that fits 63 bits: a digit count, then 15-bit digits, least significant first.
    private mutating func long() throws(GiveUp) -> Int {
        let count = Int(try int32())
        guard count != 0, count.magnitude <= 5, bytes.count - at >= 2 * Int(count.magnitude) else { throw GiveUp() }
        var magnitude: UInt64 = 0
        for i in 0..<Int(count.magnitude) {
            let digit = UInt64(bytes[at]) | UInt64(bytes[at + 1]) << 8
            at += 2
            guard digit < 1 << 15 else { throw GiveUp() }
            magnitude |= digit << UInt64(15 * i)
        }
        guard magnitude <= UInt64(Int64.max), magnitude >> UInt64(15 * (Int(count.magnitude) - 1)) != 0 else { throw GiveUp() }
        return count < 0 ? -Int(magnitude) : Int(magnitude)
    }

    @inline(__always)
    private mutating func slot() throws(GiveUp) -> Slot {
        let index = Int(try int32())
        guard index >= 0, index < slots.count else { throw GiveUp() }
        return slots[index]
    }

    @inline(__always)
    private func peek() throws(GiveUp) -> UInt8 {
        guard at < bytes.count else { throw GiveUp() }
        return bytes[at]
    }

    @inline(__always)
    private mutating func byte() throws(GiveUp) -> UInt8 {
        guard at < bytes.count else { throw GiveUp() }
        defer { at += 1 }
        return bytes[at]
    }

    @inline(__always)
    private mutating func int32() throws(GiveUp) -> Int32 {
        guard bytes.count - at >= 4 else { throw GiveUp() }
        defer { at += 4 }
        return Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: Int32.self))
    }

    @inline(__always)
    private mutating func uint64() throws(GiveUp) -> UInt64 {
        guard bytes.count - at >= 8 else { throw GiveUp() }
        defer { at += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }
}
