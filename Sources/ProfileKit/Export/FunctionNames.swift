/// pyprof2calltree's function names: `co_name`, or `name:line` when two functions of one file share
/// the name (methods of different classes), so KCachegrind keeps them apart.
struct FunctionNames {
    private let keys: [FunctionKey]
    private var sharedName: Set<Int> = []

    init(_ keys: [FunctionKey]) {
        self.keys = keys
        struct Place: Hashable { var file: String; var name: String }
        var count: [Place: Int] = [:]
        for key in keys { count[Place(file: key.file, name: key.name), default: 0] += 1 }
        for (i, key) in keys.enumerated() where count[Place(file: key.file, name: key.name)]! > 1 {
            sharedName.insert(i)
        }
    }

    /// The name of node `i` as pyprof2calltree munges it.
    func callgrindName(_ i: Int) -> String {
        sharedName.contains(i) ? "\(keys[i].name):\(keys[i].line)" : keys[i].name
    }
}
