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
                guard let (key, length) = escapeSequence(bytes, at: i) else { return (keys, i) }
                if let key { keys.append(key) }
                i += length
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

    /// The key an escape sequence at `start` stands for (nil for one we ignore) and its length, or
    /// nil when the sequence is not complete yet. Understands CSI (`ESC [ params final`), as for
    /// arrows and `ESC [ 3 ~`, `ESC [ 1 ~`, `ESC [ 4 ~`, and SS3 (`ESC O final`), which terminals in
    /// application-cursor mode send.
    static func escapeSequence(_ bytes: [UInt8], at start: Int) -> (key: Key?, length: Int)? {
        guard start + 1 < bytes.count else { return nil }
        let introducer = bytes[start + 1]
        if introducer == UInt8(ascii: "O") {
            guard start + 2 < bytes.count else { return nil }
            return (cursorKey(bytes[start + 2]), 3)
        }
        guard introducer == UInt8(ascii: "[") else { return (nil, 2) }
        var end = start + 2
        while end < bytes.count, !(0x40...0x7E).contains(bytes[end]) { end += 1 }
        guard end < bytes.count else { return nil }
        let parameters = String(decoding: bytes[(start + 2)..<end], as: UTF8.self)
        let length = end - start + 1
        if bytes[end] == UInt8(ascii: "~") {
            switch parameters.split(separator: ";").first ?? "" {
            case "1", "7": return (.home, length)
            case "4", "8": return (.end, length)
            case "3": return (.delete, length)
            default: return (nil, length)
            }
        }
        return (cursorKey(bytes[end]), length)
    }

    private static func cursorKey(_ final: UInt8) -> Key? {
        switch final {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        default: nil
        }
    }
}
