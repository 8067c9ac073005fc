/// One object of Python's marshal format, as far as MudScope needs to read or write it.
///
/// Implements the object model of CPython's `Python/marshal.c`, versions 0 to 4. Code objects are
/// not represented: a profile never holds one.
public indirect enum MarshalValue: Equatable, Sendable {
    /// `None`.
    case none
    /// `True` or `False`.
    case bool(Bool)
    /// `...`.
    case ellipsis
    /// `StopIteration`.
    case stopIteration
    /// An integer that fits 64 bits (`i`, `I`, and `l` when small enough).
    case int(Int)
    /// A float (`g`, or the text form `f` of marshal versions 0 and 1).
    case float(Double)
    /// A complex number (`y`, `x`).
    case complex(real: Double, imaginary: Double)
    /// A str, whatever its encoding in the file.
    case string(String)
    /// A bytes object (`s`).
    case bytes([UInt8])
    /// A tuple.
    case tuple([MarshalValue])
    /// A list.
    case list([MarshalValue])
    /// A dict, in the file's order.
    case dict([MarshalPair])
    /// A set.
    case set([MarshalValue])
    /// A frozenset.
    case frozenset([MarshalValue])

    /// A short name of the Python type, for error messages.
    public var typeName: String {
        switch self {
        case .none: "None"
        case .bool: "bool"
        case .ellipsis: "ellipsis"
        case .stopIteration: "StopIteration"
        case .int: "int"
        case .float: "float"
        case .complex: "complex"
        case .string: "str"
        case .bytes: "bytes"
        case .tuple(let items): "tuple of \(items.count)"
        case .list: "list"
        case .dict: "dict"
        case .set: "set"
        case .frozenset: "frozenset"
        }
    }
}

/// A key and its value in a marshalled dict.
public struct MarshalPair: Equatable, Sendable {
    /// The key.
    public var key: MarshalValue
    /// The value.
    public var value: MarshalValue

    /// Makes a pair.
    public init(key: MarshalValue, value: MarshalValue) {
        self.key = key
        self.value = value
    }
}
