import Testing
@testable import ProfileKit

@Suite("MetricsSnapshot JSON")
struct MetricsSnapshotJSONTests {
    @Test("the JSON shape is stable: snake_case keys, sorted, schema 1 (golden)")
    func golden() throws {
        let json = String(decoding: MetricsFixtures.busySnapshot.jsonBytes(), as: UTF8.self)
        try MetricsFixtures.checkGolden(json + "\n", "snapshot-busy.json")
        #expect(json.hasPrefix("{\"cache\":{\"evictions\":2,"))
        #expect(!json.contains("Seconds") && !json.contains("Bytes"), "no camelCase key leaks out")
    }

    @Test("a snapshot reads back equal, and unknown keys are ignored")
    func roundTrip() throws {
        let bytes = MetricsFixtures.busySnapshot.jsonBytes()
        #expect(try MetricsSnapshot(json: bytes) == MetricsFixtures.busySnapshot)
        var text = String(decoding: bytes, as: UTF8.self)
        text.removeFirst()
        let extended = "{\"added_in_a_later_minor\":[1,2]," + text
        #expect(try MetricsSnapshot(json: Array(extended.utf8)) == MetricsFixtures.busySnapshot)
    }

    @Test("another schema or a missing section is refused with a message")
    func refusals() throws {
        var future = MetricsFixtures.busySnapshot
        future.schema = 2
        #expect(throws: MetricsSnapshotDecodingError(message: "snapshot schema 2 is not 1")) {
            try MetricsSnapshot(json: future.jsonBytes())
        }
        #expect(throws: MetricsSnapshotDecodingError(message: "field 'process' is missing")) {
            try MetricsSnapshot(json: Array("{\"schema\":1,\"sequence\":1,\"time\":0,\"interval_seconds\":1}".utf8))
        }
    }
}
