#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A function key as three small integers: interned file, line, interned name.
struct KeyParts: Equatable {
    var file: Int32
    var line: Int
    var name: Int32

    /// A cheap multiplicative hash, well mixed: the parts are small integers, not text.
    func hash(seed: UInt64) -> UInt64 {
        PstatsDecoderTables.mix(seed ^ (UInt64(UInt32(bitPattern: file)) &* 0x9E37_79B9_7F4A_7C15)
            ^ (UInt64(bitPattern: Int64(line)) &* 0xC2B2_AE3D_27D4_EB4F)
            ^ (UInt64(UInt32(bitPattern: name)) &* 0x1656_67B1_9E37_79F9))
    }
}

/// What the fast decoder knows between its passes: the reference slots, the interned strings and
/// keys, and scratch space for callers lists.
struct PstatsDecoderTables: Sendable {
    var slots: [PstatsFastDecoder.Slot] = []
    var strings: [String] = []
    /// Where each interned string's bytes are (offset, length) in the file.
    var stringSpans: [(offset: Int, length: Int)] = []
    /// Open-addressing table of string ids (-1 empty), a power of two in size.
    var stringTable = [Int32](repeating: -1, count: 1 << 12)
    var keys: [FunctionKey] = []
    var keyParts: [KeyParts] = []
    /// Open-addressing table of key ids (-1 empty), a power of two in size.
    var keyTable = [Int32](repeating: -1, count: 1 << 12)
    var callerScratch: [PstatsFastDecoder.RawCaller] = []
    /// For each key id: the serial number of the callers list that last named it, and where.
    var callerMark: [Int32] = []
    var callerSlot: [Int32] = []
    var functionSerial: Int32 = 0
    /// A random start for the hashes, new for every file, so that a crafted file cannot pick
    /// strings or keys that all land in one bucket (ids still follow first appearance, so the
    /// result does not depend on it).
    let seed = UInt64.random(in: .min ... .max)

    /// Empty tables sized for a file of this many bytes: real profiles hold a function key per 170
    /// bytes or so, so the tables start at least twice that large and rarely grow, yet small
    /// enough to stay in cache (lookups per caller edge are the reader's hot loop).
    init(expectedBytes: Int = 0) {
        var size = 1 << 12
        while size < expectedBytes / 64 { size <<= 1 }
        stringTable = [Int32](repeating: -1, count: size)
        keyTable = [Int32](repeating: -1, count: size)
    }

    /// The id of a key, new or known.
    mutating func intern(_ parts: KeyParts) -> Int32 {
        var mask = keyTable.count - 1
        var bucket = Int(truncatingIfNeeded: parts.hash(seed: seed)) & mask
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
                var b = Int(truncatingIfNeeded: p.hash(seed: seed)) & mask
                while keyTable[b] >= 0 { b = (b + 1) & mask }
                keyTable[b] = Int32(i)
            }
        } else {
            keyTable[bucket] = id
        }
        return id
    }

    /// The id of the string whose UTF-8 bytes are at `offset`, new or known, or nil when the bytes
    /// are not valid UTF-8. Equal strings that the file stores as separate objects get the same id.
    ///
    /// Ids stand for byte strings, keys compare as Swift strings: two invalid byte strings could
    /// decode to one string (both with U+FFFD) yet get two ids, so invalid text is left to the
    /// general reader (CPython refuses it too).
    mutating func internString(_ bytes: UnsafeRawBufferPointer, offset: Int, length: Int) -> Int32? {
        let text = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
        let hash = Self.hash(text, seed: seed)
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
        guard let string = String(validating: text, as: UTF8.self) else { return nil }
        let id = Int32(strings.count)
        strings.append(string)
        stringSpans.append((offset, length))
        if strings.count * 2 > stringTable.count {
            stringTable = [Int32](repeating: -1, count: stringTable.count * 2)
            mask = stringTable.count - 1
            for (i, span) in stringSpans.enumerated() {
                let text = UnsafeRawBufferPointer(rebasing: bytes[span.offset..<(span.offset + span.length)])
                let h = Self.hash(text, seed: seed)
                var b = Int(truncatingIfNeeded: h) & mask
                while stringTable[b] >= 0 { b = (b + 1) & mask }
                stringTable[b] = Int32(i)
            }
        } else {
            stringTable[bucket] = id
        }
        return id
    }

    /// FNV-1a over the bytes, eight at a time, from a seeded state, then mixed.
    static func hash(_ text: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
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
}
