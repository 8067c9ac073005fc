/// Reads objects in Python's marshal format, versions 0 to 4, from bytes.
///
/// Follows CPython's `Python/marshal.c` (`r_object`): little-endian fields, the FLAG_REF bit that
/// puts an object into the reference table, and `r` back-references into that table. A container
/// reserves its table slot before its children are read (pre-order), as CPython does; a reference to
/// a container that is not finished yet is refused, since no profile holds a cycle.
///
/// Back-references are bounded: the reader counts objects, each back-reference counting again every
/// object it stands for, and refuses a stream that comes to more than `objectLimit` objects. Without
/// the bound, a 0.6 MB file whose functions all referred to one large callers dict decoded to 36
/// million edges (42 s); with nested references the blow-up is exponential. A string referred to
/// counts one object per 64 bytes, since every use of it is hashed: a 1 MB file that named one
/// 0.5 MB path in 23,000 keys took 18 s to hash.
public struct MarshalReader {
    /// CPython's MAX_MARSHAL_STACK_DEPTH.
    static let maximumDepth = 2000
    /// The most items a container reserves room for before they are read. A count field is not
    /// trusted further: 2000 nested lists each claiming 2^31-1 items once reserved room for the whole
    /// rest of the input apiece, 94 GB of address space for a 6 MB file.
    static let maximumReservation = 1024
    /// How many objects, counted through back-references, a stream may hold: a fixed allowance plus
    /// twice the input size. A stream without references holds at most one object per byte; real
    /// profiles come to less than 0.3 per byte (Benchmarks/make_large_profile.py's, 0.28).
    static func objectLimit(inputSize: Int) -> Int { (1 << 20) + 2 * inputSize }

    private let bytes: [UInt8]
    /// The offset of the next byte to read.
    public private(set) var offset: Int
    private var references: [MarshalValue?] = []
    /// The number of objects each reference slot stands for, itself included.
    private var referenceSizes: [Int] = []
    /// The objects read so far, counting again each object that a back-reference stands for.
    private(set) var objectCount = 0
    private let objectLimit: Int
    private var depth = 0

    /// A reader positioned at the start of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.offset = 0
        self.objectLimit = MarshalReader.objectLimit(inputSize: bytes.count)
        references.reserveCapacity(min(bytes.count / 8, 1 << 20))
        referenceSizes.reserveCapacity(min(bytes.count / 8, 1 << 20))
    }

    /// True when every byte has been read.
    public var isAtEnd: Bool { offset >= bytes.count }

    /// The next type byte without its FLAG_REF bit, without consuming it.
    public func peekTypeCode() throws(MarshalError) -> UInt8 {
        guard offset < bytes.count else { throw .truncated(offset: offset) }
        return bytes[offset] & ~MarshalTypeCode.flagRef
    }

    /// Reads one complete object.
    public mutating func readValue() throws(MarshalError) -> MarshalValue {
        let start = offset
        guard let value = try readObject() else { throw .unexpectedNull(offset: start) }
        return value
    }

    /// Consumes the header of a dict (its type byte, reserving a reference slot when flagged), so
    /// that a caller can read the entries one at a time with `readDictEntry()`.
    /// Returns false if the next object is not a dict; then nothing is consumed.
    public mutating func beginDict() throws(MarshalError) -> Bool {
        guard try peekTypeCode() == MarshalTypeCode.dict else { return false }
        if bytes[offset] & MarshalTypeCode.flagRef != 0 { _ = reserveReference() }
        offset += 1
        return true
    }

    /// The next entry of a dict opened with `beginDict()`, or nil at its terminating NULL.
    public mutating func readDictEntry() throws(MarshalError) -> MarshalPair? {
        guard let key = try readObject() else { return nil }
        return MarshalPair(key: key, value: try readValue())
    }

    // MARK: - Objects

    /// One object, or nil for TYPE_NULL.
    private mutating func readObject() throws(MarshalError) -> MarshalValue? {
        let start = offset
        let countAtStart = objectCount
        guard offset < bytes.count else { throw .truncated(offset: offset) }
        depth += 1
        defer { depth -= 1 }
        guard depth <= MarshalReader.maximumDepth else { throw .tooDeeplyNested(offset: start) }

        let byte = bytes[offset]
        offset += 1
        let code = byte & ~MarshalTypeCode.flagRef
        let flagged = byte & MarshalTypeCode.flagRef != 0

        typealias T = MarshalTypeCode
        if code != T.null && code != T.ref { objectCount += 1 }
        switch code {
        case T.null:
            return nil
        case T.none: return MarshalValue.none
        case T.true: return .bool(true)
        case T.false: return .bool(false)
        case T.ellipsis: return .ellipsis
        case T.stopIteration: return .stopIteration
        case T.ref:
            let index = Int(try readInt32())
            guard index >= 0, index < references.count, let value = references[index] else {
                throw .invalidReference(index: index, offset: start)
            }
            objectCount += referenceSizes[index]
            guard objectCount <= objectLimit else { throw .referencesExpandTooFar(offset: start) }
            return value
        case T.tuple, T.smallTuple, T.list, T.set, T.frozenset:
            let slot = flagged ? reserveReference() : nil
            let count = code == T.smallTuple ? Int(try readByte()) : try readLength()
            var items: [MarshalValue] = []
            items.reserveCapacity(min(count, bytes.count - offset, MarshalReader.maximumReservation))
            for _ in 0..<count {
                items.append(try readValue())
            }
            let value: MarshalValue = switch code {
            case T.list: .list(items)
            case T.set: .set(items)
            case T.frozenset: .frozenset(items)
            default: .tuple(items)
            }
            if let slot { fill(slot, with: value, size: objectCount - countAtStart) }
            return value
        case T.dict:
            let slot = flagged ? reserveReference() : nil
            var pairs: [MarshalPair] = []
            while let key = try readObject() {
                pairs.append(MarshalPair(key: key, value: try readValue()))
            }
            let value = MarshalValue.dict(pairs)
            if let slot { fill(slot, with: value, size: objectCount - countAtStart) }
            return value
        default:
            let value = try readScalar(code, start: start)
            if flagged { fill(reserveReference(), with: value, size: 1 + (offset - start) / 64) }
            return value
        }
    }

    /// The objects that are not containers: numbers and strings.
    private mutating func readScalar(_ code: UInt8, start: Int) throws(MarshalError) -> MarshalValue {
        typealias T = MarshalTypeCode
        switch code {
        case T.int:
            return .int(Int(try readInt32()))
        case T.int64:
            return .int(Int(Int64(bitPattern: try readUInt64())))
        case T.long:
            return .int(try readLong(start: start))
        case T.binaryFloat:
            return .float(Double(bitPattern: try readUInt64()))
        case T.float:
            return .float(try readTextFloat())
        case T.binaryComplex:
            let real = Double(bitPattern: try readUInt64())
            return .complex(real: real, imaginary: Double(bitPattern: try readUInt64()))
        case T.complex:
            let real = try readTextFloat()
            return .complex(real: real, imaginary: try readTextFloat())
        case T.shortASCII, T.shortASCIIInterned:
            return .string(Latin1.string(try readBytes(Int(try readByte()))))
        case T.ascii, T.asciiInterned:
            return .string(Latin1.string(try readBytes(try readLength())))
        case T.unicode, T.interned:
            return .string(String(decoding: try readBytes(try readLength()), as: UTF8.self))
        case T.bytes:
            return .bytes(Array(try readBytes(try readLength())))
        case T.python2StringRef:
            throw .python2(offset: start)
        case T.code:
            throw .unsupportedType("code object", offset: start)
        case T.slice:
            throw .unsupportedType("slice", offset: start)
        default:
            throw .unknownTypeCode(code, offset: start)
        }
    }

    private mutating func reserveReference() -> Int {
        references.append(nil)
        referenceSizes.append(0)
        return references.count - 1
    }

    private mutating func fill(_ slot: Int, with value: MarshalValue, size: Int) {
        references[slot] = value
        referenceSizes[slot] = size
    }

    // MARK: - Fields

    private mutating func readByte() throws(MarshalError) -> UInt8 {
        guard offset < bytes.count else { throw .truncated(offset: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    private mutating func readInt32() throws(MarshalError) -> Int32 {
        guard bytes.count - offset >= 4 else { throw .truncated(offset: offset) }
        var value: UInt32 = 0
        for i in 0..<4 { value |= UInt32(bytes[offset + i]) << (8 * UInt32(i)) }
        offset += 4
        return Int32(bitPattern: value)
    }

    private mutating func readUInt64() throws(MarshalError) -> UInt64 {
        guard bytes.count - offset >= 8 else { throw .truncated(offset: offset) }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        offset += 8
        return value
    }

    /// An int32 length that must not be negative.
    private mutating func readLength() throws(MarshalError) -> Int {
        let at = offset
        let n = Int(try readInt32())
        guard n >= 0 else { throw .invalidLength(offset: at) }
        return n
    }

    private mutating func readBytes(_ count: Int) throws(MarshalError) -> ArraySlice<UInt8> {
        guard bytes.count - offset >= count else { throw .truncated(offset: offset) }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    /// TYPE_LONG: a signed digit count, then 15-bit digits, least significant first.
    private mutating func readLong(start: Int) throws(MarshalError) -> Int {
        let digitCount = Int(try readInt32())
        let count = digitCount.magnitude
        guard count <= 1 << 20 else { throw .invalidLength(offset: start + 1) }
        var magnitude: UInt64 = 0
        for i in 0..<Int(count) {
            let at = offset
            guard bytes.count - offset >= 2 else { throw .truncated(offset: offset) }
            let digit = UInt64(bytes[offset]) | UInt64(bytes[offset + 1]) << 8
            offset += 2
            guard digit < 1 << 15 else { throw .invalidLength(offset: at) }
            if i == Int(count) - 1 && digit == 0 { throw .invalidLength(offset: at) }
            if digit != 0 {
                let shift = UInt64(15 * i)
                guard shift < 64, (digit << shift) >> shift == digit else { throw .integerTooLarge(offset: start) }
                magnitude |= digit << shift
            }
        }
        if digitCount < 0 {
            guard magnitude <= UInt64(Int64.max) + 1 else { throw .integerTooLarge(offset: start) }
            return magnitude == UInt64(Int64.max) + 1 ? Int.min : -Int(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { throw .integerTooLarge(offset: start) }
        return Int(magnitude)
    }

    /// The text float of marshal versions 0 and 1: a length byte and a `repr`.
    private mutating func readTextFloat() throws(MarshalError) -> Double {
        let at = offset
        let text = Latin1.string(try readBytes(Int(try readByte())))
        guard let value = Double(text) else { throw .invalidFloat(offset: at) }
        return value
    }
}

/// Latin-1 decoding, which is how CPython reads the ASCII string codes.
enum Latin1 {
    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
        return String(scalars)
    }
}
