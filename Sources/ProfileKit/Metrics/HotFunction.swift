/// A function's self time in one interval while the profiler runs.
public struct HotFunction: Codable, Sendable, Equatable {
    /// The function's name.
    public var name: String
    /// The file it is defined in.
    public var file: String
    /// Its first line.
    public var line: Int
    /// Self time spent in it during the interval, in seconds.
    public var selfSeconds: Double
    /// Calls made to it during the interval.
    public var calls: Int

    /// A row from its parts.
    public init(name: String, file: String, line: Int, selfSeconds: Double, calls: Int) {
        self.name = name
        self.file = file
        self.line = line
        self.selfSeconds = selfSeconds
        self.calls = calls
    }

    enum CodingKeys: String, CodingKey {
        case name, file, line
        case selfSeconds = "self_seconds"
        case calls
    }

    /// The `limit` functions whose self time grew most from `previous` to `current` (two profiles of
    /// the same run taken an interval apart), most first; ties go to the lower pstats name.
    ///
    /// Pass an empty `previous` for the first interval or after a profiler reset; a function whose
    /// self time fell (a reset between the two) counts from zero.
    public static func hottest(from previous: Profile, to current: Profile, limit: Int) -> [HotFunction] {
        var rows: [(key: FunctionKey, seconds: Double, calls: Int)] = []
        for function in current.functions {
            let before = previous[function.key]
            var seconds = function.selfTime - (before?.selfTime ?? 0)
            var calls = function.calls - (before?.calls ?? 0)
            if seconds < 0 || calls < 0 {
                seconds = function.selfTime
                calls = function.calls
            }
            if seconds > 0 { rows.append((function.key, seconds, calls)) }
        }
        rows.sort {
            $0.seconds != $1.seconds
                ? $0.seconds > $1.seconds
                : CodePoint.compare($0.key.standardName, $1.key.standardName) < 0
        }
        return rows.prefix(max(0, limit)).map {
            HotFunction(name: $0.key.name, file: $0.key.file, line: $0.key.line,
                        selfSeconds: $0.seconds, calls: $0.calls)
        }
    }
}
