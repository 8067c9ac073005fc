/// Compact JSON written straight into bytes, formatted as Foundation's `JSONEncoder` formats it
/// with `.withoutEscapingSlashes` and non-finite numbers converted to strings: for the few shapes
/// written often enough that Codable's generic containers show in a profile. Keys are written in
/// the order given; callers list them sorted.
struct JSONOutput {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1_024) {
        bytes.reserveCapacity(capacity)
    }

    /// An object whose members `body` writes with `key`.
    mutating func object(_ body: (inout JSONOutput) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        body(&self)
        bytes.append(UInt8(ascii: "}"))
    }

    /// The member `name` (plain ASCII, no escapes needed) of the object being written, its value
    /// written by `value`; a comma goes before every member but an object's first.
    mutating func key(_ name: StaticString, _ value: (inout JSONOutput) -> Void) {
        if bytes.last != UInt8(ascii: "{") { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        value(&self)
    }

    /// An array of `elements`, each written by `write`.
    mutating func array<Element>(_ elements: [Element], _ write: (Element, inout JSONOutput) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            write(element, &self)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// An integer in decimal, its digits written straight into the bytes.
    mutating func number(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // Lowest digit first, then turned around in place.
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    /// A double as `JSONEncoder` writes it: its shortest round-trip form without a trailing ".0";
    /// non-finite values as the strings "+Inf", "-Inf" and "NaN".
    mutating func number(_ value: Double) {
        guard value.isFinite else {
            return string(value.isNaN ? "NaN" : value < 0 ? "-Inf" : "+Inf")
        }
        // Whole numbers below 2^53 print as their digits and ".0", which JSONEncoder drops: the
        // integer's digits are the same bytes, made without a string (counts and byte sizes are
        // most of a snapshot's numbers). -0.0 keeps its sign the slow way.
        if value == value.rounded(.towardZero), value.magnitude < 0x1p53, value != 0 || value.sign == .plus {
            return number(Int(value))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// A string with JSON's escapes (quote, backslash and control characters; not "/").
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
