import Foundation
import Testing
import ProfileKit
@testable import Console

/// `mudtop --batch`: the formats, pure and through the binary.
@Suite struct BatchTests {
    func firstSnapshots(_ count: Int) throws -> [MetricsSnapshot] {
        Array(try ReplayFixture.playedModel().history.suffix(count))
    }

    @Test(arguments: BatchFormat.allCases)
    func formatMatchesGolden(format: BatchFormat) throws {
        let snapshots = try firstSnapshots(2)
        let text = (format.preamble ?? "") + snapshots.map { format.record($0, server: ReplayFixture.server) }.joined()
        if let problem = try ReplayFixture.checkGolden(text, "batch.\(format.rawValue)") {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test func jsonRecordsReadBackAsTheSameSnapshots() throws {
        for snapshot in try firstSnapshots(3) {
            let line = BatchFormat.json.record(snapshot, server: nil)
            #expect(line.hasSuffix("}\n"))
            #expect(try MetricsSnapshot(json: Array(line.utf8.dropLast())) == snapshot)
        }
    }

    @Test func csvRowsHaveOneFieldPerHeading() throws {
        let header = try #require(BatchFormat.csv.preamble)
        let headings = header.dropLast().split(separator: ",")
        for snapshot in try firstSnapshots(3) {
            #expect(BatchFormat.csv.record(snapshot, server: nil).dropLast().split(separator: ",").count == headings.count)
        }
    }

    @Test func binaryPrintsCountRecordsFromAReplay() throws {
        let run = try MudTopBinary.run(["--batch", "--replay", ReplayFixture.path, "--count", "5", "--format", "csv"])
        #expect(run.status == 0, "\(run.error)")
        let lines = run.output.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.first?.hasPrefix("time,sequence,pid") == true)
        let all = try MudTopBinary.run(["--batch", "--replay", ReplayFixture.path, "--format", "json"])
        #expect(all.status == 0)
        #expect(all.output.split(separator: "\n").count == ReplayFixture.historyCount + ReplayFixture.streamCount)
        let text = try MudTopBinary.run(["--batch", "--replay", ReplayFixture.path, "--count", "1"])
        #expect(text.output.hasPrefix("mudtop - Lantern Hollow v0.1.0  pid 41207  up 56m 40s"))
    }

    @Test func binaryRefusesBadArguments() throws {
        let both = try MudTopBinary.run(["--game", "g", "--socket", "s"])
        #expect(both.status != 0)
        #expect(both.error.contains("at most one of"))
        let format = try MudTopBinary.run(["--batch", "--replay", ReplayFixture.path, "--format", "xml"])
        #expect(format.status != 0 && format.error.contains("--format must be one of"))
        let missing = try MudTopBinary.run(["--batch", "--replay", "/nonexistent/mudtop-replay.jsonl"])
        #expect(missing.status != 0 && missing.error.contains("No such file"))
    }
}
