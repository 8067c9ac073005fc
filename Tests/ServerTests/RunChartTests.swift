import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Server

/// `mudserver dummyrunner --svg`: the chart is well-formed SVG that draws what the report holds.
@Suite struct RunChartTests {
    /// Polylines by stroke colour (each series has its own), with their points.
    private final class Lines: NSObject, XMLParserDelegate {
        var points: [String: [(x: Double, y: Double)]] = [:]
        var texts: [String] = []
        private var inText = false

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            if element == "polyline", let colour = attributes["stroke"], let list = attributes["points"] {
                points[colour, default: []] += list.split(separator: " ").map { pair in
                    let xy = pair.split(separator: ",").compactMap { Double($0) }
                    return (xy[0], xy[1])
                }
            }
            inText = element == "text"
            if inText { texts.append("") }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { texts[texts.count - 1] += string }
        }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            inText = false
        }
    }

    private static func parsed(_ svg: String) -> Lines? {
        let lines = Lines()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = lines
        return parser.parse() ? lines : nil
    }

    /// A report of `intervals` report lines, each with round trips of `tripsMs` (ms) recorded, and
    /// lag probes of `probesMs` (ms total, each sent 1 ms late) in the measured window.
    private static func report(name: String = "looker", intervals tripsMs: [[Double]], probesMs: [Double] = [],
                               ramp: Double = 0) throws -> RunReport {
        var profile = try ProfileLocator.builtin("looker").profile
        profile.name = name
        var whole = RunStatistics()
        for ms in probesMs {
            whole.recordProbe(LagProbe(total: ms / 1000, inbound: ms / 2000, outbound: ms / 2000), lateness: 0.001)
        }
        var intervals: [RunInterval] = []
        for (index, trips) in tripsMs.enumerated() {
            var statistics = RunStatistics()
            for ms in trips {
                statistics.recordRoundTrip(ms / 1000, corrected: ms / 500)
                whole.recordRoundTrip(ms / 1000, corrected: ms / 500)
            }
            intervals.append(RunInterval(end: Double(index + 1) * 10, seconds: 10, loggedIn: 5, statistics: statistics))
        }
        return RunReport(profile: profile, bots: 5, loggedIn: 5, ramp: ramp, seconds: Double(tripsMs.count) * 10,
                         statistics: whole, intervals: intervals)
    }

    @Test func aSlowerIntervalIsDrawnHigherAndLaterOnALogScale() throws {
        let report = try Self.report(intervals: [[1, 1, 1], [100, 100, 100], [1, 1, 1]])
        let lines = try #require(Self.parsed(RunChart.svg(report)))
        // The p50 series (blue is drawn in both panels: the time one comes first, 3 points).
        let p50 = try #require(lines.points["#1f77b4"]).prefix(3)
        #expect(p50.map(\.x) == p50.map(\.x).sorted() && Set(p50.map(\.x)).count == 3)
        #expect(p50[p50.startIndex + 1].y < p50[p50.startIndex].y, "100 ms sits above 1 ms")
        // The decades are labelled.
        #expect(lines.texts.contains("1 ms") && lines.texts.contains("100 ms"))
        // The spectrum: one point per percentile for raw and corrected.
        #expect(lines.points["#ff7f0e"]?.count == 3 + RunReport.spectrumPercentiles.count)
        #expect(report.roundTripPercentiles.map(\.ms) == report.roundTripPercentiles.map(\.ms).sorted())
        #expect(report.roundTripPercentiles.allSatisfy { $0.correctedMs >= $0.ms })
    }

    @Test func lagProbesHaveTheirOwnSpectrumBesideTheRoundTrips() throws {
        let probes = (1...200).map { Double($0) / 10 }
        let both = try Self.report(intervals: [[1, 2, 3]], probesMs: probes)
        #expect(both.lagPercentiles.count == RunReport.spectrumPercentiles.count)
        #expect(both.lagPercentiles.last?.ms == both.lag.total.max)
        // Each probe was sent 1 ms late (less the histograms' rounding at 3 significant digits).
        #expect(both.lagPercentiles.allSatisfy { $0.correctedMs >= $0.ms + 0.95 })
        let lines = try #require(Self.parsed(RunChart.svg(both)))
        #expect(lines.points["#2ca02c"]?.count == RunReport.spectrumPercentiles.count, "raw probes: spectrum only")
        #expect(lines.points["#9467bd"]?.count == RunReport.spectrumPercentiles.count)
        let raw = try #require(lines.points["#2ca02c"]), corrected = try #require(lines.points["#9467bd"])
        #expect(zip(raw, corrected).allSatisfy { $0.x == $1.x && $1.y < $0.y }, "corrected sits above raw")
        #expect(lines.texts.contains("lag probe") && lines.texts.contains("round trip (CO)"))
        // Probes without round trips still make a spectrum; a run without probes draws no probe series.
        let probesOnly = try #require(Self.parsed(RunChart.svg(try Self.report(intervals: [], probesMs: probes))))
        #expect(probesOnly.points["#2ca02c"]?.count == RunReport.spectrumPercentiles.count)
        #expect(probesOnly.points["#1f77b4"] == nil)
        let tripsOnly = try #require(Self.parsed(RunChart.svg(try Self.report(intervals: [[1]]))))
        #expect(tripsOnly.points["#9467bd"] == nil && !tripsOnly.texts.contains("lag probe"))
    }

    @Test func aRunWithoutIntervalsOrSamplesSaysSoAndTheRampIsShaded() throws {
        let empty = try #require(Self.parsed(RunChart.svg(try Self.report(intervals: []))))
        #expect(empty.texts.contains { $0.hasPrefix("No report interval completed") })
        #expect(empty.texts.contains("No round trip or lag probe measured."))
        #expect(empty.points.isEmpty)
        let ramped = RunChart.svg(try Self.report(intervals: [[], [2]], ramp: 10))
        #expect(ramped.contains(">ramp</text>"))
        #expect(try #require(Self.parsed(ramped)).points["#1f77b4"]?.first?.x ?? 0 > 72, "no point for the empty interval")
    }

    @Test func aProfileNameWithMarkupOrControlCharactersStaysText() throws {
        let name = "<b>&\"mine\"\u{1}"
        let lines = try #require(Self.parsed(RunChart.svg(try Self.report(name: name, intervals: [[1]]))))
        #expect(lines.texts.first == "mudserver dummyrunner: <b>&\"mine\"\u{FFFD}, 5 bots, tick 1 s")
    }
}
