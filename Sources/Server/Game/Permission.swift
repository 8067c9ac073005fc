/// What an account may do, in rising order (Evennia's Player < Builder < Admin locks).
enum Permission: String, Sendable, Comparable, CaseIterable, Codable {
    case player, builder, admin

    private var rank: Int {
        switch self {
        case .player: 0
        case .builder: 1
        case .admin: 2
        }
    }

    /// Whether `lhs` grants less than `rhs`.
    static func < (lhs: Permission, rhs: Permission) -> Bool { lhs.rank < rhs.rank }
}
