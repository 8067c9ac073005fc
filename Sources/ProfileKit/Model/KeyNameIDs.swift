/// Small integers for the files and names of a list of function keys: two keys have the same file
/// id exactly when their files are equal, and likewise for names.
///
/// Grouping by file or by name then compares integers instead of hashing long paths again. A
/// profile fresh from the fast decoder has them already (the decoder interns every string).
struct KeyNameIDs {
    /// Each key's file id.
    var file: [Int32]
    /// Each key's name id.
    var name: [Int32]

    init(file: [Int32], name: [Int32]) {
        self.file = file
        self.name = name
    }

    /// Ids numbered by first appearance in `keys`.
    init(_ keys: some Collection<FunctionKey>) {
        file = Self.ids(keys.lazy.map(\.file))
        name = Self.ids(keys.lazy.map(\.name))
    }

    /// An id for each string, equal for equal strings, numbered by first appearance.
    static func ids(_ texts: some Collection<String>) -> [Int32] {
        var table: [ExactString: Int32] = [:]
        var ids: [Int32] = []
        ids.reserveCapacity(texts.count)
        for text in texts {
            if let id = table[ExactString(text)] {
                ids.append(id)
            } else {
                let id = Int32(table.count)
                table[ExactString(text)] = id
                ids.append(id)
            }
        }
        return ids
    }
}
