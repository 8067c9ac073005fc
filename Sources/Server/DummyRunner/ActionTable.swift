/// Picks an action by weight (the cumulative table Evennia builds from ACTIONS).
struct ActionTable: Sendable {
    /// The actions, in file order.
    let actions: [WeightedAction]
    private let cumulative: [Double]

    /// A table over `actions`; non-positive weights are never picked.
    init(_ actions: [WeightedAction]) {
        self.actions = actions
        var sum = 0.0
        cumulative = actions.map { action in
            sum += max(0, action.weight)
            return sum
        }
    }

    /// Sum of the weights.
    var totalWeight: Double { cumulative.last ?? 0 }

    /// Each action's share of the picks (its weight over the total).
    var probabilities: [Double] {
        actions.map { totalWeight > 0 ? max(0, $0.weight) / totalWeight : 0 }
    }

    /// The index picked by `uniform` in [0, 1), or nil for an empty table.
    func pick(uniform: Double) -> Int? {
        guard totalWeight > 0 else { return nil }
        let target = uniform * totalWeight
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The index picked with a random number from `generator`.
    func pick<G: RandomNumberGenerator>(using generator: inout G) -> Int? {
        pick(uniform: Double.random(in: 0..<1, using: &generator))
    }
}
