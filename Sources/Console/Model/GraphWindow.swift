/// How much history the graphs span (keys 1 to 4).
enum GraphWindow: Int, CaseIterable, Sendable {
    /// The last minute.
    case oneMinute = 1
    /// The last ten minutes.
    case tenMinutes = 2
    /// The last hour.
    case oneHour = 3
    /// Everything mudtop holds.
    case all = 4

    /// The span in seconds; nil for `all`.
    var seconds: Double? {
        switch self {
        case .oneMinute: 60
        case .tenMinutes: 600
        case .oneHour: 3_600
        case .all: nil
        }
    }

    /// The name the screen shows.
    var label: String {
        switch self {
        case .oneMinute: "1 min"
        case .tenMinutes: "10 min"
        case .oneHour: "1 h"
        case .all: "all"
        }
    }
}
