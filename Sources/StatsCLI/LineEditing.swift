/// The editable line of the browser's prompt, with history: a pure state machine fed one key at a
/// time, so that it is tested without a terminal. (The terminal side is `LineInput`.)
struct LineEditing {
    /// A key, decoded from the terminal's bytes.
    enum Key: Equatable {
        case text(Unicode.Scalar)
        case enter, backspace, delete, left, right, home, end, up, down
        case killToEnd, killLine, endOfInput, interrupt
    }

    /// What a key asks of the caller.
    enum Outcome: Equatable {
        case editing
        case submitted(String)
        case endOfInput
        case interrupted
    }

    private(set) var line: [Unicode.Scalar] = []
    /// The cursor, as a position in `line`.
    private(set) var cursor = 0
    private(set) var history: [String] = []
    private var recalled: Int?
    private var draft: [Unicode.Scalar] = []

    /// Applies one key.
    mutating func apply(_ key: Key) -> Outcome {
        switch key {
        case .text(let c):
            line.insert(c, at: cursor)
            cursor += 1
        case .backspace where cursor > 0:
            cursor -= 1
            line.remove(at: cursor)
        case .delete where cursor < line.count:
            line.remove(at: cursor)
        case .left where cursor > 0: cursor -= 1
        case .right where cursor < line.count: cursor += 1
        case .home: cursor = 0
        case .end: cursor = line.count
        case .killToEnd: line.removeSubrange(cursor...)
        case .killLine:
            line.removeAll()
            cursor = 0
        case .up: recall(older: true)
        case .down: recall(older: false)
        case .enter:
            let text = String(String.UnicodeScalarView(line))
            if !text.isEmpty && history.last != text { history.append(text) }
            line.removeAll()
            cursor = 0
            recalled = nil
            return .submitted(text)
        case .endOfInput:
            if line.isEmpty { return .endOfInput }
            if cursor < line.count { line.remove(at: cursor) }
        case .interrupt:
            return .interrupted
        default:
            break
        }
        return .editing
    }

    private mutating func recall(older: Bool) {
        guard !history.isEmpty else { return }
        var index: Int
        if let recalled {
            index = recalled + (older ? -1 : 1)
        } else {
            guard older else { return }
            draft = line
            index = history.count - 1
        }
        if index < 0 { index = 0 }
        if index >= history.count {
            recalled = nil
            line = draft
        } else {
            recalled = index
            line = Array(history[index].unicodeScalars)
        }
        cursor = line.count
    }

    /// Decodes the keys in a run of terminal bytes (UTF-8 text, control keys, ANSI arrow
    /// sequences). Returns the keys and how many bytes were used; an incomplete sequence at the
    /// end is left for the next read.
    static func keys(in bytes: [UInt8]) -> (keys: [Key], used: Int) {
        var keys: [Key] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 13, 10: keys.append(.enter); i += 1
            case 127, 8: keys.append(.backspace); i += 1
            case 1: keys.append(.home); i += 1
            case 5: keys.append(.end); i += 1
            case 2: keys.append(.left); i += 1
            case 6: keys.append(.right); i += 1
            case 16: keys.append(.up); i += 1
            case 14: keys.append(.down); i += 1
            case 11: keys.append(.killToEnd); i += 1
            case 21: keys.append(.killLine); i += 1
            case 4: keys.append(.endOfInput); i += 1
            case 3: keys.append(.interrupt); i += 1
            case 27:
                guard i + 2 < bytes.count else { return (keys, i) }
                let final = bytes[i + 2]
                if bytes[i + 1] == UInt8(ascii: "[") && final == UInt8(ascii: "3") {
                    guard i + 3 < bytes.count else { return (keys, i) }
                    keys.append(.delete)
                    i += 4
                    continue
                }
                switch final {
                case UInt8(ascii: "A"): keys.append(.up)
                case UInt8(ascii: "B"): keys.append(.down)
                case UInt8(ascii: "C"): keys.append(.right)
                case UInt8(ascii: "D"): keys.append(.left)
                case UInt8(ascii: "H"): keys.append(.home)
                case UInt8(ascii: "F"): keys.append(.end)
                default: break
                }
                i += 3
            case 0..<32:
                i += 1
            default:
                let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                guard i + length <= bytes.count else { return (keys, i) }
                for scalar in String(decoding: bytes[i..<(i + length)], as: UTF8.self).unicodeScalars {
                    keys.append(.text(scalar))
                }
                i += length
            }
        }
        return (keys, i)
    }
}
