extension ProfileDiff {
    /// The entries ordered by pstats sort keys, comparing each function's numbers in the new
    /// profile (a vanished function's, in the base). Ties keep the order of largest change first.
    public func entries(sortedBy keys: [SortKey]) -> [Entry] {
        let fields = keys.flatMap(\.fields)
        guard !fields.isEmpty else { return entries }
        func numbers(_ e: Entry) -> Numbers { e.new ?? e.base ?? Numbers() }
        func compare(_ field: SortKey.Field, _ a: Entry, _ b: Entry) -> Int {
            func order<T: Comparable>(_ l: T, _ r: T) -> Int { l < r ? -1 : (l > r ? 1 : 0) }
            let x = numbers(a), y = numbers(b)
            switch field {
            case .primitiveCalls: return order(x.primitiveCalls, y.primitiveCalls)
            case .calls: return order(x.calls, y.calls)
            case .selfTime: return order(x.selfTime, y.selfTime)
            case .cumulativeTime: return order(x.cumulativeTime, y.cumulativeTime)
            case .file: return CodePoint.compare(a.key.file, b.key.file)
            case .line: return order(a.key.line, b.key.line)
            case .name: return CodePoint.compare(a.key.name, b.key.name)
            case .standardName: return CodePoint.compare(a.key.standardName, b.key.standardName)
            }
        }
        return entries.enumerated().sorted { l, r in
            for field in fields {
                let c = compare(field, l.element, r.element)
                if c != 0 { return field.descending ? c > 0 : c < 0 }
            }
            return l.offset < r.offset
        }.map(\.element)
    }
}
