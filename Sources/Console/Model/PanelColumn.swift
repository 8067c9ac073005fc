/// One column of a panel table: its heading, width, how a row shows in it and how rows order by it
/// (the table drives both drawing and sorting, like pstats' sort-key table).
struct PanelColumn<Row>: Sendable {
    /// The heading.
    let title: String
    /// Preferred width in cells; the first column takes what the others leave.
    let width: Int
    /// Right-aligned (numbers).
    let alignRight: Bool
    /// The cell text for a row.
    let text: @Sendable (Row) -> String
    /// Whether `a` sorts before `b` ascending.
    let ascending: @Sendable (Row, Row) -> Bool
}

extension Array {
    /// The rows ordered by `columns[sort.column]`; ties keep their incoming (name) order, so the
    /// screen is the same on every redraw.
    func sorted(by sort: PanelSort, in columns: [PanelColumn<Element>]) -> [Element] {
        guard columns.indices.contains(sort.column) else { return self }
        let ascending = columns[sort.column].ascending
        return enumerated().sorted { a, b in
            if ascending(a.element, b.element) { return !sort.descending }
            if ascending(b.element, a.element) { return sort.descending }
            return a.offset < b.offset
        }.map(\.element)
    }
}
