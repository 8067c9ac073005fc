import TestSupport

/// Deterministic structure-aware mutations of marshal bytes, for the reader's fuzz tests.
///
/// A SplitMix64 generator drives every choice, so a failing input is reproduced by its seed and
/// iteration alone. The mutations are the ones that break readers: bit flips, byte inserts and
/// deletes, truncation, splices from other profiles, one type code swapped for another, and length
/// fields replaced by huge or negative values.
struct ProfileMutator {
    /// One kind of damage done to an input.
    enum Mutation: CaseIterable {
        case flipBit, setByte, insertBytes, deleteBytes, truncate, splice, duplicateChunk, swapTypeCode,
             hugeLength
    }

    /// Every type code of `Python/marshal.c` and the Python 2 string reference.
    static let typeCodes: [UInt8] = Array("0NFTS.iIfgxylstr([{cu?<>aA)zZ:R".utf8)
    /// `isTypeCode[b & 0x7f]`: whether a byte is a type code, with or without FLAG_REF.
    static let isTypeCode: [Bool] = (0..<128).map { typeCodes.contains(UInt8($0)) }
    /// `takesLength[b & 0x7f]`: whether the code is followed by an int32 length, count or index.
    static let takesLength: [Bool] = (0..<128).map { Array("([<>astulr".utf8).contains(UInt8($0)) }
    /// Length and count fields that probe the reader's bounds and memory guard.
    static let hugeLengths: [UInt32] = [0x7fff_ffff, 0xffff_ffff, 0x8000_0000, 0x0001_0000, 0x00ff_ffff, 256]

    private var random: SplitMix64
    /// Other inputs to splice from.
    private let donors: [[UInt8]]

    /// A mutator whose choices are fixed by `seed`.
    init(seed: UInt64, donors: [[UInt8]]) {
        random = SplitMix64(seed: seed)
        self.donors = donors
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 { random.next() }

    /// A random integer in `0..<bound` (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// `input` with one to three mutations applied.
    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...below(3) {
            let mutation = Mutation.allCases[below(Mutation.allCases.count)]
            apply(mutation, to: &bytes)
        }
        return bytes
    }

    private mutating func apply(_ mutation: Mutation, to bytes: inout [UInt8]) {
        if bytes.isEmpty {
            bytes = [Self.typeCodes[below(Self.typeCodes.count)]]
            return
        }
        let at = below(bytes.count)
        switch mutation {
        case .flipBit:
            bytes[at] ^= 1 << UInt8(below(8))
        case .setByte:
            let interesting: [UInt8] = [0, 1, 0x7f, 0x80, 0xff]
            bytes[at] = below(2) == 0 ? interesting[below(interesting.count)] : UInt8(truncatingIfNeeded: next())
        case .insertBytes:
            bytes.insert(contentsOf: (0...below(8)).map { _ in UInt8(truncatingIfNeeded: next()) }, at: at)
        case .deleteBytes:
            bytes.removeSubrange(at..<min(bytes.count, at + 1 + below(16)))
        case .truncate:
            bytes.removeSubrange(at...)
        case .splice:
            let donor = donors[below(donors.count)]
            guard !donor.isEmpty else { return }
            let from = below(donor.count)
            let chunk = donor[from..<min(donor.count, from + 1 + below(64))]
            if below(2) == 0 {
                bytes.insert(contentsOf: chunk, at: at)
            } else {
                bytes.replaceSubrange(at..<min(bytes.count, at + chunk.count), with: chunk)
            }
        case .duplicateChunk:
            let chunk = Array(bytes[at..<min(bytes.count, at + 1 + below(48))])
            bytes.insert(contentsOf: chunk, at: below(bytes.count + 1))
        case .swapTypeCode:
            let codes = bytes.indices.filter { Self.isTypeCode[Int(bytes[$0] & 0x7f)] }
            guard !codes.isEmpty else { return }
            let target = codes[below(codes.count)]
            bytes[target] = Self.typeCodes[below(Self.typeCodes.count)] | (below(2) == 0 ? 0 : 0x80)
        case .hugeLength:
            let value = Self.hugeLengths[below(Self.hugeLengths.count)]
            let field = (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) }
            // Prefer the field right after a code that takes an int32 length or count.
            let starts = bytes.indices.filter { Self.takesLength[Int(bytes[$0] & 0x7f)] }
            let position = starts.isEmpty || below(4) == 0 ? at : starts[below(starts.count)] + 1
            bytes.replaceSubrange(position..<min(bytes.count, position + 4), with: field)
        }
    }
}
