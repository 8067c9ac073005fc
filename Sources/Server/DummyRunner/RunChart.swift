import Foundation
import ProfileKit

/// `--svg`: a run as a picture. Above, each report interval's command round trip (p50, p99, max)
/// and lag probe p99 against time, the ramp shaded; below, the measured window's round trips and
/// lag probes by percentile, raw and corrected for coordinated omission, on HdrHistogram's
/// percentile scale.
/// Latencies are on a log scale: a stall of 100 ms and a p50 of 0.2 ms fit one picture.
enum RunChart {
    private static let width = 760.0
    private static let left = 72.0
    private static let right = 150.0
    private static let plotHeight = 170.0
    /// Where each panel's plot area starts (its title sits above it).
    private static let timeTop = 76.0
    private static let spectrumTop = 336.0
    private static let height = 552.0
    private static var plotWidth: Double { width - left - right }

    /// A series: its name, colour, dash pattern and points (x in the panel's own units, y in ms).
    private struct Series {
        var name: String
        var colour: String
        var dashed = false
        var points: [(x: Double, y: Double)]
    }

    /// The SVG document for `report`.
    static func svg(_ report: RunReport) -> String {
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>

            """
        out += text("mudserver dummyrunner: \(report.profile), \(report.bots) bots, tick \(format(report.tick)) s",
                    x: left, y: 22, size: 14, weight: "bold")
        out += text(String(format: "measured %.1f s", report.measuredSeconds)
                    + (report.ramp > 0 ? " after a \(format(report.ramp)) s ramp" : "")
                    + String(format: ": %.1f commands/s, %d errors", report.commandsPerSecond, report.errors.total),
                    x: left, y: 38)
        out += timePanel(report)
        out += spectrumPanel(report)
        out += "</svg>\n"
        return out
    }

    private static func timePanel(_ report: RunReport) -> String {
        var out = text("Each report interval: command round trip and lag probe (ms, log scale) by seconds since start",
                       x: left, y: timeTop - 12, weight: "bold")
        let intervals = report.intervals
        guard let end = intervals.last?.seconds, end > 0 else {
            return out + text("No report interval completed (a run shorter than 10 s has none).", x: left, y: timeTop + 40)
        }
        // Intervals without a sample (the ramp's: nothing is measured then) leave no point.
        let trips = intervals.filter { $0.roundTrip.count > 0 }
        let probes = intervals.filter { $0.lag.count > 0 }
        let series = [
            Series(name: "round trip max", colour: "#d62728", points: trips.map { ($0.seconds, $0.roundTrip.max) }),
            Series(name: "round trip p99", colour: "#ff7f0e", points: trips.map { ($0.seconds, $0.roundTrip.p99) }),
            Series(name: "round trip p50", colour: "#1f77b4", points: trips.map { ($0.seconds, $0.roundTrip.p50) }),
            Series(name: "lag probe p99", colour: "#2ca02c", dashed: true, points: probes.map { ($0.seconds, $0.lag.p99) }),
        ]
        let scale = LogScale(series.flatMap { $0.points.map(\.y) })
        let xOf = { (seconds: Double) in left + seconds / end * plotWidth }
        if report.ramp > 0 {
            out += "<rect x=\"\(f(left))\" y=\"\(f(timeTop))\" width=\"\(f(xOf(min(report.ramp, end)) - left))\" "
                + "height=\"\(f(plotHeight))\" fill=\"#eeeeee\"/>\n"
            out += text("ramp", x: left + 4, y: timeTop + 14, fill: "#777777")
        }
        out += frame(top: timeTop, scale: scale)
        for tick in timeTicks(end: end) {
            out += xTick(x: xOf(tick), top: timeTop, label: format(tick))
        }
        out += plot(series, top: timeTop, scale: scale, x: xOf)
        return out
    }

    private static func spectrumPanel(_ report: RunReport) -> String {
        var out = text("Measured window: command round trip and lag probe (ms, log scale) by percentile", x: left,
                       y: spectrumTop - 12, weight: "bold")
        let (trips, probes) = (report.roundTripPercentiles, report.lagPercentiles)
        guard !trips.isEmpty || !probes.isEmpty else {
            return out + text("No round trip or lag probe measured.", x: left, y: spectrumTop + 40)
        }
        // HdrHistogram's scale: 90 %, 99 %, 99.9 % ... one step apart; the largest value at the end.
        let decades = 5.0
        let position = { (percentile: Double) in
            min(decades, percentile >= 100 ? decades : -log10(1 - percentile / 100))
        }
        func raw(_ points: [RunReport.PercentilePoint]) -> [(x: Double, y: Double)] {
            points.map { (position($0.percentile), $0.ms) }
        }
        func corrected(_ points: [RunReport.PercentilePoint]) -> [(x: Double, y: Double)] {
            points.map { (position($0.percentile), $0.correctedMs) }
        }
        // A run without lag probes (a profile that sends none) or without round trips draws the other.
        let series = [
            Series(name: "round trip (CO)", colour: "#ff7f0e", points: corrected(trips)),
            Series(name: "round trip", colour: "#1f77b4", points: raw(trips)),
            Series(name: "lag probe (CO)", colour: "#9467bd", dashed: true, points: corrected(probes)),
            Series(name: "lag probe", colour: "#2ca02c", dashed: true, points: raw(probes)),
        ].filter { !$0.points.isEmpty }
        let scale = LogScale(series.flatMap { $0.points.map(\.y) })
        let xOf = { (value: Double) in left + value / decades * plotWidth }
        out += frame(top: spectrumTop, scale: scale)
        for (value, label) in [(0.0, "0 %"), (1, "90 %"), (2, "99 %"), (3, "99.9 %"), (4, "99.99 %"), (5, "99.999 %, max")] {
            out += xTick(x: xOf(value), top: spectrumTop, label: label)
        }
        out += plot(series, top: spectrumTop, scale: scale, x: xOf)
        return out
    }

    /// A log scale over the positive values given, whole decades at both ends.
    private struct LogScale {
        let low: Double
        let high: Double

        init(_ values: [Double]) {
            let positive = values.filter { $0 > 0 && $0.isFinite }
            low = pow(10, floor(log10(positive.min() ?? 0.1)))
            high = max(low * 10, pow(10, ceil(log10(positive.max() ?? 1))))
        }

        /// The height of `value` from the bottom, 0 to 1 (0 and below sit on the bottom).
        func fraction(_ value: Double) -> Double {
            value <= low ? 0 : (log10(value) - log10(low)) / (log10(high) - log10(low))
        }

        var decades: [Double] {
            stride(from: log10(low), through: log10(high) + 0.001, by: 1).map { pow(10, $0.rounded()) }
        }
    }

    private static func frame(top: Double, scale: LogScale) -> String {
        var out = "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" "
            + "fill=\"none\" stroke=\"#999999\"/>\n"
        for decade in scale.decades {
            let y = top + plotHeight * (1 - scale.fraction(decade))
            out += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y))\" stroke=\"#dddddd\"/>\n"
            out += text(milliseconds(decade), x: left - 6, y: y + 4, anchor: "end")
        }
        return out
    }

    private static func xTick(x: Double, top: Double, label: String) -> String {
        let bottom = top + plotHeight
        return "<line x1=\"\(f(x))\" y1=\"\(f(bottom))\" x2=\"\(f(x))\" y2=\"\(f(bottom + 5))\" stroke=\"#999999\"/>\n"
            + text(label, x: x, y: bottom + 18, anchor: "middle")
    }

    private static func plot(_ series: [Series], top: Double, scale: LogScale, x xOf: (Double) -> Double) -> String {
        var out = ""
        for (index, line) in series.enumerated() {
            let points = line.points.map { "\(f(xOf($0.x))),\(f(top + plotHeight * (1 - scale.fraction($0.y))))" }
            out += "<polyline fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"1.5\""
                + (line.dashed ? " stroke-dasharray=\"5,3\"" : "") + " points=\"\(points.joined(separator: " "))\"/>\n"
            // A mark at each point, so that a series of one point shows too.
            for point in points {
                let xy = point.split(separator: ",")
                out += "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"2.5\" fill=\"\(line.colour)\"/>\n"
            }
            let legendY = top + 14 + Double(index) * 18
            out += "<line x1=\"\(f(left + plotWidth + 12))\" y1=\"\(f(legendY - 4))\" x2=\"\(f(left + plotWidth + 32))\" "
                + "y2=\"\(f(legendY - 4))\" stroke=\"\(line.colour)\" stroke-width=\"2\""
                + (line.dashed ? " stroke-dasharray=\"5,3\"" : "") + "/>\n"
            out += text(line.name, x: left + plotWidth + 38, y: legendY)
        }
        return out
    }

    /// Seconds to mark on a time axis ending at `end`: about six, at a round step.
    private static func timeTicks(end: Double) -> [Double] {
        let step = [1.0, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].first { end / $0 <= 8 } ?? 7200
        return Array(stride(from: 0, through: end, by: step))
    }

    private static func text(_ content: String, x: Double, y: Double, size: Int? = nil, weight: String? = nil,
                             anchor: String? = nil, fill: String? = nil) -> String {
        var attributes = "x=\"\(f(x))\" y=\"\(f(y))\""
        if let size { attributes += " font-size=\"\(size)\"" }
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if let anchor { attributes += " text-anchor=\"\(anchor)\"" }
        if let fill { attributes += " fill=\"\(fill)\"" }
        return "<text \(attributes)>\(XMLText.escaped(content))</text>\n"
    }

    private static func milliseconds(_ value: Double) -> String {
        value >= 1000 ? "\(format(value / 1000)) s" : "\(format(value)) ms"
    }

    /// A number without trailing zeros (0.001, 2.5, 60).
    private static func format(_ value: Double) -> String {
        String(format: "%g", value)
    }

    /// A coordinate with one decimal.
    private static func f(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
