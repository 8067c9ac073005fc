/// pyprof2calltree's function names: `co_name`, or `name:line` when two functions of one file share
/// the name (methods of different classes), so KCachegrind keeps them apart.
struct FunctionNames {
    private let keys: [FunctionKey]
    private var shared: [Bool]

    init(_ keys: [FunctionKey]) {
        self.keys = keys
        shared = Array(repeating: false, count: keys.count)
        // Group by the (short) name first and compare files only within a group: hashing every
        // long path would cost more than the rest of the export.
        var byName: [String: [Int]] = [:]
        byName.reserveCapacity(keys.count)
        for (i, key) in keys.enumerated() { byName[key.name, default: []].append(i) }
        for group in byName.values where group.count > 1 {
            if group.count <= 8 {
                for (n, i) in group.enumerated() {
                    for j in group[(n + 1)...] where keys[i].file == keys[j].file {
                        shared[i] = true
                        shared[j] = true
                    }
                }
            } else {
                // Common names (`<module>`, `__init__`) appear in many files: group those by file.
                var byFile: [String: [Int]] = [:]
                for i in group { byFile[keys[i].file, default: []].append(i) }
                for same in byFile.values where same.count > 1 { for i in same { shared[i] = true } }
            }
        }
    }

    /// The name of node `i` as pyprof2calltree munges it.
    func callgrindName(_ i: Int) -> String {
        shared[i] ? "\(keys[i].name):\(keys[i].line)" : keys[i].name
    }
}
