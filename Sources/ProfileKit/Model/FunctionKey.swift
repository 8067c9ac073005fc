/// A function as Python's profilers name it: the file, the first line and the name.
///
/// Built-ins and engine functions without a source file use the file `"~"` and line 0, as cProfile
/// does (`('~', 0, "<built-in method builtins.len>")`).
public struct FunctionKey: Hashable, Sendable {
    /// The source file, or `"~"` for a built-in.
    public var file: String
    /// The first line of the function's definition (0 for built-ins).
    public var line: Int
    /// The function's name (`co_name`, not the qualified name).
    public var name: String

    /// Makes a key from its three parts.
    public init(file: String, line: Int, name: String) {
        self.file = file
        self.line = line
        self.name = name
    }

    /// Hashes the line, the name and the file's length and last bytes: cheaper than hashing whole
    /// paths (most functions of a file share a long prefix), and consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(line)
        hasher.combine(name)
        var file = file
        file.withUTF8 { bytes in
            hasher.combine(bytes.count)
            var tail: UInt64 = 0
            for byte in bytes.suffix(8) { tail = tail << 8 | UInt64(byte) }
            hasher.combine(tail)
        }
    }

    /// Equal when the lines and the UTF-8 bytes of the names and files are: Python compares code
    /// points, so "é" and "e" + U+0301 are two functions (Swift's `==` on strings would merge them).
    public static func == (a: FunctionKey, b: FunctionKey) -> Bool {
        a.line == b.line && CodePoint.equal(a.name, b.name) && CodePoint.equal(a.file, b.file)
    }

    /// A built-in function's key, `("~", 0, name)`.
    public static func builtin(_ name: String) -> FunctionKey {
        FunctionKey(file: "~", line: 0, name: name)
    }

    /// True for `("~", 0, …)` keys, the ones pstats prints in braces.
    public var isBuiltin: Bool { line == 0 && file == "~" }

    /// The name as pstats prints it (`func_std_string`): `file:line(name)`, or for a built-in
    /// `{name}` when the name is `<…>`, else the bare name.
    public var standardName: String {
        if isBuiltin {
            if name.utf8.first == UInt8(ascii: "<") && name.utf8.last == UInt8(ascii: ">") && name.utf8.count >= 2 {
                return "{" + name.dropFirst().dropLast() + "}"
            }
            return name
        }
        return "\(file):\(line)(\(name))"
    }

    /// The length of `standardName` in characters (Unicode scalars, as Python's `len`), computed
    /// without building the name.
    public var standardNameLength: Int {
        if isBuiltin { return CodePoint.count(name) }
        var digits = line < 0 ? 2 : 1
        var rest = line.magnitude
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        return CodePoint.count(file) + CodePoint.count(name) + digits + 3
    }

    /// The key with its directory removed (`os.path.basename`), as `pstats.strip_dirs` does.
    public var strippingDirectory: FunctionKey {
        guard let slash = file.utf8.lastIndex(of: UInt8(ascii: "/")) else { return self }
        let base = String(file[file.utf8.index(after: slash)...])
        return FunctionKey(file: base, line: line, name: name)
    }
}

extension FunctionKey {
    /// The positions of `keys` in Python's tuple order (`sorted(keys)`), ties in position order.
    /// Files are ranked once, so that the sort compares integers and not long shared path
    /// prefixes; names are compared only between keys of one file and line.
    public static func pythonOrder(of keys: [FunctionKey]) -> [Int] {
        pythonOrder(of: keys, fileIDs: KeyNameIDs.ids(keys.lazy.map(\.file)))
    }

    /// `pythonOrder(of:)` for keys whose files are already numbered (`fileIDs`: equal ids exactly
    /// for equal files, small non-negative integers).
    static func pythonOrder(of keys: [FunctionKey], fileIDs: [Int32]) -> [Int] {
        var firstKeyOfFile = [Int](repeating: -1, count: Int(fileIDs.max() ?? 0) + 1)
        var files: [Int] = []  // a key of each distinct file
        for (i, id) in fileIDs.enumerated() where firstKeyOfFile[Int(id)] < 0 {
            firstKeyOfFile[Int(id)] = i
            files.append(i)
        }
        files.sort { CodePoint.compare(keys[$0].file, keys[$1].file) < 0 }
        var rankOfID = [Int32](repeating: 0, count: firstKeyOfFile.count)
        for (rank, key) in files.enumerated() { rankOfID[Int(fileIDs[key])] = Int32(rank) }
        // Sort by (file rank, line); keys of one file and line, rare, are then ordered by name.
        var packed = keys.indices.map { i in (rank: rankOfID[Int(fileIDs[i])], line: keys[i].line, index: i) }
        packed.sort { ($0.rank, $0.line, $0.index) < ($1.rank, $1.line, $1.index) }
        var order = packed.map(\.index)
        var start = 0
        while start < packed.count {
            var end = start + 1
            while end < packed.count && (packed[end].rank, packed[end].line) == (packed[start].rank, packed[start].line) {
                end += 1
            }
            if end - start > 1 {
                order[start..<end].sort { a, b in
                    let byName = CodePoint.compare(keys[a].name, keys[b].name)
                    return byName != 0 ? byName < 0 : a < b
                }
            }
            start = end
        }
        return order
    }

    /// Python's tuple order: file, then line, then name, strings by code point.
    public static func pythonOrder(_ a: FunctionKey, _ b: FunctionKey) -> Bool {
        let byFile = CodePoint.compare(a.file, b.file)
        if byFile != 0 { return byFile < 0 }
        if a.line != b.line { return a.line < b.line }
        return CodePoint.compare(a.name, b.name) < 0
    }
}

/// String comparison in Unicode code-point order, the order of Python's `str`.
///
/// Swift's `<` on `String` compares canonical equivalents, which is not what pstats does. Code-point
/// order equals the byte order of UTF-8, so the bytes are compared directly.
public enum CodePoint {
    /// The number of Unicode scalars in `s` (Python's `len`), counted from its UTF-8 bytes.
    @inlinable
    public static func count(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { bytes in
            var n = 0
            for b in bytes where b & 0xC0 != 0x80 { n += 1 }
            return n
        }
    }

    /// True when the strings have the same code points (the same UTF-8 bytes): Python's `==`.
    @inlinable
    public static func equal(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { pa in
            b.withUTF8 { pb in pa.count == pb.count && (pa.baseAddress == pb.baseAddress || pa.elementsEqual(pb)) }
        }
    }

    /// -1, 0 or 1 as `a` sorts before, equal to, or after `b`.
    @inlinable
    public static func compare(_ a: String, _ b: String) -> Int {
        var a = a
        var b = b
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                let n = min(pa.count, pb.count)
                for i in 0..<n where pa[i] != pb[i] {
                    return pa[i] < pb[i] ? -1 : 1
                }
                return pa.count == pb.count ? 0 : (pa.count < pb.count ? -1 : 1)
            }
        }
    }
}
