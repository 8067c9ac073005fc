extension Restriction {
    /// Applies restrictions left to right to any listing, as pstats' `eval_print_amount` does
    /// (an invalid pattern leaves the list as it is), naming each item by `name`.
    public static func apply<T>(_ restrictions: [Restriction], to items: [T], name: (T) -> String) -> [T] {
        var list = items
        for restriction in restrictions {
            switch restriction {
            case .pattern(let pattern):
                if let matcher = NameMatcher(pattern) { list = list.filter { matcher.matches(name($0)) } }
            case .fraction(let x):
                if x >= 0 && x < 1 { list = Array(list.prefix(Int(Double(list.count) * x + 0.5))) }
            case .count(let n):
                if n >= 0 && n < list.count { list = Array(list.prefix(n)) }
            }
        }
        return list
    }
}
