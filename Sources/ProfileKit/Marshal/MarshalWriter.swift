/// Writes objects in marshal version 4, the format every Python 3.4 and later writes and reads.
///
/// Strings are written once and then referred to (FLAG_REF and `r`), as CPython does for shared
/// objects, which keeps a profile's repeated file names small. Nothing else is flagged, so the
/// reference indices are simply the order in which distinct strings first appear.
public struct MarshalWriter {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private var stringSlots: [ExactString: Int32] = [:]

    /// An empty writer.
    public init() {}

    /// Writes a value and everything in it.
    public mutating func write(_ value: MarshalValue) {
        typealias T = MarshalTypeCode
        switch value {
        case .none: bytes.append(T.none)
        case .bool(let b): bytes.append(b ? T.true : T.false)
        case .ellipsis: bytes.append(T.ellipsis)
        case .stopIteration: bytes.append(T.stopIteration)
        case .int(let n): writeInt(n)
        case .float(let x): writeFloat(x)
        case .complex(let re, let im):
            bytes.append(T.binaryComplex)
            appendUInt64(re.bitPattern)
            appendUInt64(im.bitPattern)
        case .string(let s): writeString(s)
        case .bytes(let b):
            bytes.append(T.bytes)
            appendInt32(Int32(b.count))
            bytes.append(contentsOf: b)
        case .tuple(let items):
            beginTuple(count: items.count)
            for item in items { write(item) }
        case .list(let items): writeSequence(T.list, items)
        case .set(let items): writeSequence(T.set, items)
        case .frozenset(let items): writeSequence(T.frozenset, items)
        case .dict(let pairs):
            beginDict()
            for pair in pairs {
                write(pair.key)
                write(pair.value)
            }
            endDict()
        }
    }

    /// Starts a dict; write keys and values in turn, then call `endDict()`.
    public mutating func beginDict() { bytes.append(MarshalTypeCode.dict) }

    /// Ends a dict with its NULL terminator.
    public mutating func endDict() { bytes.append(MarshalTypeCode.null) }

    /// Starts a tuple of `count` items; write them next.
    public mutating func beginTuple(count: Int) {
        if count < 256 {
            bytes.append(MarshalTypeCode.smallTuple)
            bytes.append(UInt8(count))
        } else {
            bytes.append(MarshalTypeCode.tuple)
            appendInt32(Int32(count))
        }
    }

    /// An int: `i` when it fits 32 bits, else `l` with 15-bit digits, as CPython chooses.
    public mutating func writeInt(_ n: Int) {
        if let small = Int32(exactly: n) {
            bytes.append(MarshalTypeCode.int)
            appendInt32(small)
            return
        }
        var magnitude = n.magnitude
        var digits: [UInt16] = []
        while magnitude != 0 {
            digits.append(UInt16(magnitude & 0x7fff))
            magnitude >>= 15
        }
        bytes.append(MarshalTypeCode.long)
        appendInt32(Int32(n < 0 ? -digits.count : digits.count))
        for digit in digits {
            bytes.append(UInt8(digit & 0xff))
            bytes.append(UInt8(digit >> 8))
        }
    }

    /// A float, always binary (`g`).
    public mutating func writeFloat(_ x: Double) {
        bytes.append(MarshalTypeCode.binaryFloat)
        appendUInt64(x.bitPattern)
    }

    /// A str: a back-reference if written before, else `z`, `a` or `u` with FLAG_REF.
    public mutating func writeString(_ s: String) {
        if let slot = stringSlots[ExactString(s)] {
            bytes.append(MarshalTypeCode.ref)
            appendInt32(slot)
            return
        }
        stringSlots[ExactString(s)] = Int32(stringSlots.count)
        let utf8 = Array(s.utf8)
        let isASCII = utf8.allSatisfy { $0 < 0x80 }
        let flag = MarshalTypeCode.flagRef
        if isASCII && utf8.count < 256 {
            bytes.append(MarshalTypeCode.shortASCII | flag)
            bytes.append(UInt8(utf8.count))
        } else {
            bytes.append((isASCII ? MarshalTypeCode.ascii : MarshalTypeCode.unicode) | flag)
            appendInt32(Int32(utf8.count))
        }
        bytes.append(contentsOf: utf8)
    }

    private mutating func writeSequence(_ code: UInt8, _ items: [MarshalValue]) {
        bytes.append(code)
        appendInt32(Int32(items.count))
        for item in items { write(item) }
    }

    private mutating func appendInt32(_ n: Int32) {
        let u = UInt32(bitPattern: n)
        for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: u >> (8 * UInt32(i)))) }
    }

    private mutating func appendUInt64(_ u: UInt64) {
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: u >> (8 * UInt64(i)))) }
    }
}
