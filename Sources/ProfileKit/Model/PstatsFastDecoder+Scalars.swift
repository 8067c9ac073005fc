/// Numbers, references and raw fields of the fast `.prof` decoder.
extension PstatsFastDecoder {
    /// An int (`i`, `I`, a `l` that fits 63 bits) or a reference to one.
    @inline(__always)
    mutating func integer() throws(GiveUp) -> Int {
        let code = try byte()
        // The usual cases, kept small: a plain `i`, or a reference to a small int cProfile shares.
        if code == MarshalTypeCode.int { return Int(try int32()) }
        if code == MarshalTypeCode.ref {
            guard case .int(let n) = try rawSlot() else { throw GiveUp() }
            return n
        }
        return try integer(code)
    }

    /// `integer()` past its type byte, for the codes other than a plain `i`.
    private mutating func integer(_ code: UInt8) throws(GiveUp) -> Int {
        let value: Int
        switch code & 0x7f {
        case MarshalTypeCode.ref:  // a flagged `r`, which CPython reads as a plain one
            guard case .int(let n) = try rawSlot() else { throw GiveUp() }
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
        if registering && code & 0x80 != 0 { tables.slots.append(.int(value)) }
        return value
    }

    /// A float (`g`, or `f` text in marshal versions 0 and 1), an int used as a time, or a
    /// reference to either.
    @inline(__always)
    mutating func number() throws(GiveUp) -> Double {
        let code = try byte()
        if code == MarshalTypeCode.binaryFloat { return Double(bitPattern: try uint64()) }  // the usual case
        return try number(code)
    }

    /// `number()` past its type byte, for the codes other than a plain `g`.
    private mutating func number(_ code: UInt8) throws(GiveUp) -> Double {
        let value: Double
        switch code & 0x7f {
        case MarshalTypeCode.ref:
            switch try rawSlot() {
            case .float(let x): return x
            case .int(let n): return Double(n)
            default: throw GiveUp()
            }
        case MarshalTypeCode.binaryFloat:
            value = Double(bitPattern: try uint64())
        case MarshalTypeCode.float:
            let length = Int(try byte())
            guard bytes.count - at >= length else { throw GiveUp() }
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + length)]), as: UTF8.self)
            at += length
            guard let parsed = Double(text) else { throw GiveUp() }
            value = parsed
        case MarshalTypeCode.int:
            let n = Int(try int32())
            if registering && code & 0x80 != 0 { tables.slots.append(.int(n)) }
            return Double(n)
        default:
            throw GiveUp()
        }
        if registering && code & 0x80 != 0 { tables.slots.append(.float(value)) }
        return value
    }

    /// TYPE_LONG that fits 63 bits: a digit count, then 15-bit digits, least significant first.
    private mutating func long() throws(GiveUp) -> Int {
        let count = Int(try int32())
        let digits = Int(count.magnitude)
        guard digits != 0, digits <= 5, bytes.count - at >= 2 * digits else { throw GiveUp() }
        var magnitude: UInt64 = 0
        for i in 0..<digits {
            let digit = UInt64(bytes[at]) | UInt64(bytes[at + 1]) << 8
            at += 2
            let shift = UInt64(15 * i)
            // The fifth digit's top bits would be shifted out of 64 bits: a larger integer.
            guard digit < 1 << 15, (digit << shift) >> shift == digit else { throw GiveUp() }
            magnitude |= digit << shift
        }
        guard magnitude <= UInt64(Int64.max), magnitude >> UInt64(15 * (digits - 1)) != 0 else { throw GiveUp() }
        return count < 0 ? -Int(magnitude) : Int(magnitude)
    }

    /// The index of an `r` reference, checked.
    @inline(__always)
    mutating func slotIndex() throws(GiveUp) -> Int {
        let index = Int(try int32())
        guard index >= 0, index < tables.slots.count else { throw GiveUp() }
        return index
    }

    /// What an `r` reference points at, as it stands (pending entries unresolved).
    @inline(__always)
    mutating func rawSlot() throws(GiveUp) -> Slot {
        tables.slots[try slotIndex()]
    }

    @inline(__always)
    func peek() throws(GiveUp) -> UInt8 {
        guard at < bytes.count else { throw GiveUp() }
        return bytes[at]
    }

    @inline(__always)
    mutating func byte() throws(GiveUp) -> UInt8 {
        guard at < bytes.count else { throw GiveUp() }
        defer { at += 1 }
        return bytes[at]
    }

    @inline(__always)
    mutating func int32() throws(GiveUp) -> Int32 {
        guard bytes.count - at >= 4 else { throw GiveUp() }
        defer { at += 4 }
        return Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: Int32.self))
    }

    @inline(__always)
    mutating func uint64() throws(GiveUp) -> UInt64 {
        guard bytes.count - at >= 8 else { throw GiveUp() }
        defer { at += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }
}
