/// `int(x)` printed with `%d`, as pyprof2calltree writes its costs.
extension CFormat {
    /// `"%d" % int(x)`: a double truncated toward zero, printed in full even beyond `Int`'s range.
    static func truncatedInteger(_ x: Double) -> String {
        let t = x.rounded(.towardZero)
        if let exact = Int(exactly: t) { return String(exact) }
        return fixed(t, precision: 0)
    }
}
