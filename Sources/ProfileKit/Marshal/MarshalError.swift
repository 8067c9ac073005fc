/// Why a byte string is not a marshalled object we can read. Every case carries the byte offset at
/// which the problem was found.
public enum MarshalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The data ends inside an object.
    case truncated(offset: Int)
    /// A type byte that marshal does not define.
    case unknownTypeCode(UInt8, offset: Int)
    /// A type byte marshal defines but a profile never holds (code objects, slices).
    case unsupportedType(String, offset: Int)
    /// A Python 2 type code (`R`, a string reference): the file was written by Python 2's marshal.
    case python2(offset: Int)
    /// A back-reference to a slot that does not exist or is not finished yet.
    case invalidReference(index: Int, offset: Int)
    /// An integer that does not fit 64 bits.
    case integerTooLarge(offset: Int)
    /// A negative length, or a long integer with a zero top digit.
    case invalidLength(offset: Int)
    /// A float in text form that does not parse.
    case invalidFloat(offset: Int)
    /// A NULL where a value must be.
    case unexpectedNull(offset: Int)
    /// Containers nested deeper than CPython's own limit.
    case tooDeeplyNested(offset: Int)
    /// Back-references that stand for far more data than the file holds (a decompression bomb).
    case referencesExpandTooFar(offset: Int)

    /// Where the problem is, in bytes from the start.
    public var offset: Int {
        switch self {
        case .truncated(let o), .unknownTypeCode(_, let o), .unsupportedType(_, let o), .python2(let o),
             .invalidReference(_, let o), .integerTooLarge(let o), .invalidLength(let o),
             .invalidFloat(let o), .unexpectedNull(let o), .tooDeeplyNested(let o),
             .referencesExpandTooFar(let o):
            o
        }
    }

    public var description: String {
        switch self {
        case .truncated(let o):
            "the data ends in the middle of an object (byte \(o)): the file is truncated"
        case .unknownTypeCode(let code, let o):
            "unknown marshal type code 0x\(String(code, radix: 16)) at byte \(o)"
        case .unsupportedType(let name, let o):
            "a marshalled \(name) at byte \(o), which no profile contains"
        case .python2(let o):
            "a Python 2 string reference at byte \(o): this is a Python 2 profile, which Python 3's "
                + "pstats cannot read either; record it again with Python 3"
        case .invalidReference(let index, let o):
            "back-reference to object #\(index) at byte \(o), which does not exist (yet)"
        case .integerTooLarge(let o):
            "an integer larger than 64 bits at byte \(o)"
        case .invalidLength(let o):
            "an invalid length at byte \(o)"
        case .invalidFloat(let o):
            "a float that does not parse at byte \(o)"
        case .unexpectedNull(let o):
            "a NULL where a value belongs, at byte \(o)"
        case .tooDeeplyNested(let o):
            "objects nested too deeply at byte \(o)"
        case .referencesExpandTooFar(let o):
            "the back-reference at byte \(o) brings the objects read past two per byte of the file: "
                + "not a profile that Python writes"
        }
    }
}
