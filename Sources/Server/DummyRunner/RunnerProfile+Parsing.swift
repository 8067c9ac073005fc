/// Reading a settings file: a documented subset of TOML (v1.0.0).
///
/// Accepted: `# comments`, `key = value` lines whose value is a basic string ("..." with `\"`, `\\`,
/// `\n`, `\t` escapes), a number, `true`/`false`, or an array of strings (which may span lines), and
/// `[[action]]` headers, each starting one entry of the action table. Top-level keys: `name`,
/// `description`, `tick`, `chance_of_login`, `chance_of_action`, `login`, `logout`, `silent`.
/// Action keys: `name`, `weight`, `commands`. Anything else is an error naming the line.
extension RunnerProfile {
    /// Parses a settings file's text; `file` names it in errors.
    static func parse(_ text: String, file: String) throws(ProfileError) -> RunnerProfile {
        var profile = RunnerProfile(name: "")
        var current: WeightedAction?
        var pending = ""
        var pendingLine = 0
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = stripComment(String(raw)).trimmed()
            if pending.isEmpty {
                guard !line.isEmpty else { continue }
                if line == "[[action]]" {
                    if let action = current { profile.actions.append(action) }
                    current = WeightedAction(name: "", weight: 0, commands: [])
                    continue
                }
                pendingLine = index + 1
            }
            pending += (pending.isEmpty ? "" : " ") + line
            guard bracketsBalanced(pending) else { continue }
            let entry = pending
            pending = ""
            guard let equals = entry.firstIndex(of: "=") else {
                throw .badLine(file: file, line: pendingLine, reason: "expected `key = value` or `[[action]]`")
            }
            let key = entry[..<equals].trimmed()
            let value = try Value.parse(entry[entry.index(after: equals)...].trimmed(), file: file, line: pendingLine)
            if current != nil {
                try assignAction(key, value, to: &current!, file: file, line: pendingLine)
            } else {
                try assign(key, value, to: &profile, file: file, line: pendingLine)
            }
        }
        guard pending.isEmpty else { throw .badLine(file: file, line: pendingLine, reason: "unclosed array") }
        if let action = current { profile.actions.append(action) }
        try profile.validate(file: file)
        return profile
    }

    private func validate(file: String) throws(ProfileError) {
        guard !name.isEmpty else { throw .invalid(file: file, reason: "missing `name`") }
        guard !actions.isEmpty, table.totalWeight > 0 else {
            throw .invalid(file: file, reason: "needs at least one [[action]] with a positive weight")
        }
        guard table.totalWeight.isFinite else {
            throw .invalid(file: file, reason: "the weights add up to more than a number holds; use smaller ones")
        }
        for (index, action) in actions.enumerated() {
            guard !action.commands.isEmpty else {
                throw .invalid(file: file, reason: "action \(index + 1) (\(action.name)) has no commands")
            }
        }
        for template in login + logout + actions.flatMap(\.commands) {
            for placeholder in CommandTemplate.placeholderNames(in: template)
            where !CommandTemplate.placeholders.contains(placeholder) {
                throw .invalid(file: file, reason: "unknown placeholder {\(placeholder)} in `\(template)`")
            }
        }
    }

    private static func assign(_ key: String, _ value: Value, to profile: inout RunnerProfile,
                               file: String, line: Int) throws(ProfileError) {
        func require<T>(_ value: T?, _ expected: String) throws(ProfileError) -> T {
            guard let value else { throw .badLine(file: file, line: line, reason: "\(key) must be \(expected)") }
            return value
        }
        switch key {
        case "name": profile.name = try require(value.string, "a string")
        case "description": profile.description = try require(value.string, "a string")
        case "tick": profile.tick = try require(value.number.flatMap { $0 > 0 && $0 <= 3600 ? $0 : nil }, "0 < s <= 3600")
        case "chance_of_login": profile.chanceOfLogin = try require(value.chance, "a number in [0, 1]")
        case "chance_of_action": profile.chanceOfAction = try require(value.chance, "a number in [0, 1]")
        case "login": profile.login = try require(value.strings, "an array of strings")
        case "logout": profile.logout = try require(value.strings, "an array of strings")
        case "silent": profile.silent = try require(value.strings, "an array of strings")
        default: throw .badLine(file: file, line: line, reason: "unknown key `\(key)`")
        }
    }

    private static func assignAction(_ key: String, _ value: Value, to action: inout WeightedAction,
                                     file: String, line: Int) throws(ProfileError) {
        func require<T>(_ value: T?, _ expected: String) throws(ProfileError) -> T {
            guard let value else { throw .badLine(file: file, line: line, reason: "\(key) must be \(expected)") }
            return value
        }
        switch key {
        case "name": action.name = try require(value.string, "a string")
        case "weight":
            action.weight = try require(value.number.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }, "a finite number >= 0")
        case "commands": action.commands = try require(value.strings, "an array of strings")
        default: throw .badLine(file: file, line: line, reason: "unknown action key `\(key)`")
        }
    }

    /// The text before an unquoted `#`.
    private static func stripComment(_ line: String) -> String {
        var inString = false
        var escaped = false
        for (offset, character) in line.enumerated() {
            if escaped { escaped = false; continue }
            if character == "\\" && inString { escaped = true; continue }
            if character == "\"" { inString.toggle() }
            if character == "#" && !inString { return String(line.prefix(offset)) }
        }
        return line
    }

    private static func bracketsBalanced(_ text: String) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for character in text {
            if escaped { escaped = false; continue }
            if character == "\\" && inString { escaped = true; continue }
            if character == "\"" { inString.toggle(); continue }
            if !inString && character == "[" { depth += 1 }
            if !inString && character == "]" { depth -= 1 }
        }
        return depth <= 0
    }

    /// A value of the TOML subset.
    private enum Value {
        case string(String)
        case number(Double)
        case boolean(Bool)
        case strings([String])

        var string: String? { if case .string(let text) = self { text } else { nil } }
        var number: Double? { if case .number(let value) = self { value } else { nil } }
        var chance: Double? { number.flatMap { (0...1).contains($0) ? $0 : nil } }
        var strings: [String]? { if case .strings(let list) = self { list } else { nil } }

        static func parse(_ text: String, file: String, line: Int) throws(ProfileError) -> Value {
            if text == "true" { return .boolean(true) }
            if text == "false" { return .boolean(false) }
            if let number = Double(text.replacingOccurrences(of: "_", with: "")) { return .number(number) }
            var characters = Substring(text)
            if text.hasPrefix("\"") {
                guard let string = readString(&characters), characters.trimmed().isEmpty else {
                    throw .badLine(file: file, line: line, reason: "bad string \(text)")
                }
                return .string(string)
            }
            guard characters.first == "[" else { throw .badLine(file: file, line: line, reason: "bad value \(text)") }
            characters.removeFirst()
            var list: [String] = []
            while true {
                characters = characters.drop { $0 == " " || $0 == "\t" }
                if characters.first == "]" { break }
                guard let item = readString(&characters) else {
                    throw .badLine(file: file, line: line, reason: "arrays hold strings only: \(text)")
                }
                list.append(item)
                characters = characters.drop { $0 == " " || $0 == "\t" }
                if characters.first == "," { characters.removeFirst() } else if characters.first != "]" {
                    throw .badLine(file: file, line: line, reason: "expected , or ] in \(text)")
                }
            }
            characters.removeFirst()
            guard characters.trimmed().isEmpty else { throw .badLine(file: file, line: line, reason: "text after ]") }
            return .strings(list)
        }

        /// Reads one basic string at the start of `text` and advances past it.
        private static func readString(_ text: inout Substring) -> String? {
            guard text.first == "\"" else { return nil }
            text.removeFirst()
            var result = ""
            while let character = text.first {
                text.removeFirst()
                switch character {
                case "\"": return result
                case "\\":
                    guard let escaped = text.first else { return nil }
                    text.removeFirst()
                    switch escaped {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    case "\"", "\\": result.append(escaped)
                    default: return nil
                    }
                default: result.append(character)
                }
            }
            return nil
        }
    }
}
