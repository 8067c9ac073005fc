/// A string as a dictionary key that is equal to another only when their code points are, as
/// Python's `str` is: Swift's own `String` equality treats canonically equivalent text ("é" and
/// "e" + U+0301) as equal, which would merge two functions, files or frames that Python keeps apart.
struct ExactString: Hashable {
    /// The string.
    let value: String

    init(_ value: String) {
        self.value = value
    }

    static func == (a: ExactString, b: ExactString) -> Bool {
        CodePoint.equal(a.value, b.value)
    }

    /// String's hash, which equal code points always share.
    func hash(into hasher: inout Hasher) {
        hasher.combine(value)
    }
}
