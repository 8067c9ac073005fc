/// pyprof2calltree's function names: `co_name`, or `name:line` when two functions of one file share
/// the name (methods of different classes), so KCachegrind keeps them apart.
struct FunctionNames {
    private let keys: [FunctionKey]
    private var shared: [Bool]

    /// The names of `keys`, whose files and names `ids` numbers.
    init(_ keys: [FunctionKey], ids: KeyNameIDs) {
        self.keys = keys
        shared = Array(repeating: false, count: keys.count)
        var firstWith: [UInt64: Int] = [:]
        firstWith.reserveCapacity(keys.count)
        for i in keys.indices {
            let pair = UInt64(UInt32(bitPattern: ids.file[i])) << 32 | UInt64(UInt32(bitPattern: ids.name[i]))
            if let j = firstWith[pair] {
                shared[i] = true
                shared[j] = true
            } else {
                firstWith[pair] = i
            }
        }
    }

    /// The name of node `i` as pyprof2calltree munges it.
    func callgrindName(_ i: Int) -> String {
        shared[i] ? "\(keys[i].name):\(keys[i].line)" : keys[i].name
    }
}
