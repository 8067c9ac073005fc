#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines from standard input: edited in raw mode with history when it is a terminal, read plainly
/// (with the prompt written first, as Python's `input()` does) when it is not.
struct LineInput {
    /// One result of reading.
    enum Result {
        case line(String)
        case endOfInput
        case interrupted
    }

    private var editing = LineEditing()
    private var pending: [UInt8] = []
    private let isTerminal = isatty(0) == 1

    /// Shows the prompt and reads one line.
    mutating func readLine(prompt: String) -> Result {
        isTerminal ? readEdited(prompt: prompt) : readPlain(prompt: prompt)
    }

    private mutating func readPlain(prompt: String) -> Result {
        StandardStreams.write(prompt)
        while true {
            if let newline = pending.firstIndex(of: 10) {
                var line = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                if line.last == 13 { line.removeLast() }
                return .line(String(decoding: line, as: UTF8.self))
            }
            guard let chunk = Self.readChunk() else {
                if pending.isEmpty { return .endOfInput }
                defer { pending.removeAll() }
                return .line(String(decoding: pending, as: UTF8.self))
            }
            pending += chunk
        }
    }

    private mutating func readEdited(prompt: String) -> Result {
        var saved = termios()
        tcgetattr(0, &saved)
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        tcsetattr(0, TCSAFLUSH, &raw)
        defer { tcsetattr(0, TCSAFLUSH, &saved) }
        redraw(prompt)
        while true {
            guard let chunk = Self.readChunk() else {
                StandardStreams.write("\n")
                return .endOfInput
            }
            pending += chunk
            let (keys, used) = LineEditing.keys(in: pending)
            pending.removeFirst(used)
            for key in keys {
                switch editing.apply(key) {
                case .editing: continue
                case .submitted(let text):
                    StandardStreams.write("\n")
                    return .line(text)
                case .endOfInput:
                    StandardStreams.write("\n")
                    return .endOfInput
                case .interrupted:
                    StandardStreams.write("\n")
                    return .interrupted
                }
            }
            redraw(prompt)
        }
    }

    /// Draws the prompt and the line, with the cursor where it is in the line.
    private func redraw(_ prompt: String) {
        let text = String(String.UnicodeScalarView(editing.line))
        var screen = "\r" + prompt + text + "\u{1b}[K"
        let back = editing.line.count - editing.cursor
        if back > 0 { screen += "\u{1b}[\(back)D" }
        StandardStreams.write(screen)
    }

    private static func readChunk() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress!, $0.count) }
            if n > 0 { return Array(buffer[0..<n]) }
            if n < 0 && errno == EINTR { continue }
            return nil
        }
    }
}
