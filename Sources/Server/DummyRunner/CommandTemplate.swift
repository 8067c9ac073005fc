/// Expands an action's command line templates for one bot.
///
/// Placeholders: `{gid}` (the bot's unique id), `{password}`, `{new_room}`, `{new_exit}` and
/// `{new_obj}` (a fresh name from the bot's counter; exits and objects are remembered), `{obj}` (the
/// newest remembered object, or `me`), `{each_obj}` and `{each_exit}` (the line is repeated for each
/// of the newest `BotMemory.recallLimit` remembered objects or exits) and `{timestamp}` (filled in at
/// send time: the lag probe). `a || b || c` sends the first alternative that expands to any line.
enum CommandTemplate {
    /// Every placeholder a profile may use.
    static let placeholders: Set<String> = [
        "gid", "password", "new_room", "new_exit", "new_obj", "obj", "each_obj", "each_exit", "timestamp",
    ]

    /// The placeholder names used in `template`, in order.
    static func placeholderNames(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// The lines `template` sends now, updating the bot's memory (counter, exits, objects).
    static func expand(_ template: String, memory: inout BotMemory) -> [String] {
        for alternative in template.components(separatedBy: " || ") {
            let lines = expandAlternative(alternative.trimmed(), memory: &memory)
            if !lines.isEmpty { return lines }
        }
        return []
    }

    /// Fills `{timestamp}` with a send time (seconds since the Unix epoch, microsecond precision).
    static func stamp(_ line: String, time: Double) -> String {
        line.replacingOccurrences(of: "{timestamp}", with: formatTime(time))
    }

    /// Unix time as text with six decimals (what the server's echo reply uses too).
    static func formatTime(_ time: Double) -> String {
        let micros = Int64((time * 1_000_000).rounded())
        let fraction = String(micros % 1_000_000)
        return "\(micros / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    private static func expandAlternative(_ text: String, memory: inout BotMemory) -> [String] {
        for (placeholder, names) in [("{each_obj}", memory.objects), ("{each_exit}", memory.exits)]
        where text.contains(placeholder) {
            let recalled = names.suffix(BotMemory.recallLimit)
            return recalled.map { fill(text.replacingOccurrences(of: placeholder, with: $0), memory: &memory) }
        }
        return [fill(text, memory: &memory)]
    }

    private static func fill(_ text: String, memory: inout BotMemory) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = rest[rest.index(after: open)..<close]
            switch name {
            case "gid": result += memory.gid
            case "password": result += memory.password
            case "new_room": result += memory.newName("testing_room")
            case "new_exit":
                let exit = memory.newName("exit")
                memory.exits.append(exit)
                result += exit
            case "new_obj":
                let object = memory.newName("testing_obj")
                memory.objects.append(object)
                result += object
            case "obj": result += memory.objects.last ?? "me"
            default: result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}

/// What one bot remembers between actions (Evennia's client.gid, counter(), exits, objs).
struct BotMemory: Equatable, Sendable {
    /// How many of the newest exits or objects `{each_exit}` / `{each_obj}` go through.
    static let recallLimit = 10
    /// Longest list of remembered exits or objects kept.
    static let keepLimit = 100

    /// The bot's unique id (run id and bot number).
    let gid: String
    /// The bot's password.
    let password: String
    /// The last counter value handed out.
    private(set) var counter = 0
    /// Exit names the bot made, oldest first.
    var exits: [String] = [] { didSet { if exits.count > Self.keepLimit { exits.removeFirst() } } }
    /// Object names the bot made, oldest first.
    var objects: [String] = [] { didSet { if objects.count > Self.keepLimit { objects.removeFirst() } } }

    /// Memory for a bot with this id and password.
    init(gid: String, password: String) {
        self.gid = gid
        self.password = password
    }

    /// A fresh name `PREFIX_GID_N`.
    mutating func newName(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)_\(gid)_\(counter)"
    }
}
