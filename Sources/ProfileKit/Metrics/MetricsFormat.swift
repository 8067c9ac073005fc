/// Short, fixed-precision text for figures in tables a person reads (the `server` command, mudtop's
/// batch mode): ASCII only, so any MUD client shows it.
public enum MetricsFormat {
    /// A duration in at most seven characters below 100 s: `850 us`, `4.20 ms`, `12.3 ms`, `115 ms`, `2.50 s`.
    public static func duration(_ seconds: Double) -> String {
        if seconds <= 0 { return "0 ms" }
        if seconds < 0.001 { return CFormat.fixed(seconds * 1e6, precision: 0) + " us" }
        if seconds < 0.01 { return CFormat.fixed(seconds * 1e3, precision: 2) + " ms" }
        if seconds < 0.1 { return CFormat.fixed(seconds * 1e3, precision: 1) + " ms" }
        if seconds < 1 { return CFormat.fixed(seconds * 1e3, precision: 0) + " ms" }
        if seconds < 10 { return CFormat.fixed(seconds, precision: 2) + " s" }
        return CFormat.fixed(seconds, precision: 1) + " s"
    }

    /// A size in binary units: `512 B`, `81.2 MiB`.
    public static func bytes(_ count: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while abs(value) >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : CFormat.fixed(value, precision: 1) + " " + units[unit]
    }

    /// A rate or ratio with one decimal: `118.2`.
    public static func decimal(_ value: Double) -> String { CFormat.fixed(value, precision: 1) }

    /// A percentage with one decimal: `12.5 %`.
    public static func percent(_ value: Double) -> String { CFormat.fixed(value, precision: 1) + " %" }

    /// An uptime: `42 s`, `3m 07s`, `2h 03m`, `1d 02h 03m`.
    public static func uptime(_ seconds: Double) -> String {
        let total = Int(max(0, seconds))
        let days = total / 86_400, hours = total / 3_600 % 24, minutes = total / 60 % 60, secs = total % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if days > 0 { return "\(days)d \(two(hours))h \(two(minutes))m" }
        if hours > 0 { return "\(hours)h \(two(minutes))m" }
        if minutes > 0 { return "\(minutes)m \(two(secs))s" }
        return "\(secs) s"
    }

    /// An integer with thousands separators: `12,345`.
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// `text` cut or padded to exactly `width` characters (cut text ends in `~`).
    public static func fit(_ text: String, _ width: Int, right: Bool = false) -> String {
        guard width > 0 else { return "" }
        if text.count > width { return String(text.prefix(width - 1)) + "~" }
        let pad = String(repeating: " ", count: width - text.count)
        return right ? pad + text : text + pad
    }
}
