import Testing
@testable import ProfileKit

@Suite("ProcessSampler")
struct ProcessSamplerTests {
    @Test("parses stat, statm and status; the command name may hold spaces and parentheses")
    func fixture() throws {
        let sample = try ProcessSampler.parse(
            stat: MetricsFixtures.text("proc-stat.txt"), statm: MetricsFixtures.text("proc-statm.txt"),
            status: MetricsFixtures.text("proc-status.txt"), clockTicksPerSecond: 100, pageSize: 4096)
        #expect(sample.userCPUSeconds == 12.34)
        #expect(sample.systemCPUSeconds == 5.67)
        #expect(sample.threads == 9)
        #expect(sample.memory == MemoryFigures(
            residentBytes: 20_784 * 4096, virtualBytes: 1_327_828_992, peakResidentBytes: 88_064 * 1024,
            anonymousBytes: 60_416 * 1024, fileBytes: 22_720 * 1024, sharedBytes: 0,
            dataBytes: 393_216 * 1024, swapBytes: 16 * 1024))
    }

    @Test("without status the breakdown is zero and the rest still reads")
    func withoutStatus() throws {
        let sample = try ProcessSampler.parse(
            stat: MetricsFixtures.text("proc-stat.txt"), statm: MetricsFixtures.text("proc-statm.txt"), status: nil)
        #expect(sample.memory.residentBytes == 20_784 * 4096)
        #expect(sample.memory.peakResidentBytes == 0)
    }

    @Test("broken text gives a typed error", arguments: [
        ("1 cat R 1 2", "1\n", ProcessSampleError.statMissingCommandName),
        ("1 (cat) R 1 2 3", "1 2\n", ProcessSampleError.statTooShort(fields: 6)),
        ("1 (cat) R 1 1 1 0 -1 4194304 98 0 0 0 x 0 0 0 20 0 1 0 280480 3133440 413", "1 2\n",
         ProcessSampleError.notANumber(file: "stat", field: 14, text: "x")),
        ("1 (cat) R 1 1 1 0 -1 4194304 98 0 0 0 0 0 0 0 20 0 1 0 280480 3133440 413", "765\n",
         ProcessSampleError.statmTooShort),
    ])
    func errors(stat: String, statm: String, expected: ProcessSampleError) {
        #expect(throws: expected) { try ProcessSampler.parse(stat: stat, statm: statm, status: nil) }
    }

    @Test("status lines that are not kB figures are ignored")
    func statusKibibytes() {
        let values = ProcessSampler.statusKibibytes("Name:\tx\nVmRSS:\t  12 kB\nThreads:\t3\nbroken\nVmSwap: 7 kB\n")
        #expect(values == ["VmRSS": 12, "VmSwap": 7])
    }

    @Test("this test process can be sampled", .enabled(if: ProcessSamplerTests.hasProc))
    func liveSample() throws {
        let sample = try ProcessSampler.sampleCurrentProcess()
        #expect(sample.threads >= 1)
        #expect(sample.memory.residentBytes > 1_048_576)
        #expect(sample.memory.virtualBytes >= sample.memory.residentBytes)
        #expect(sample.memory.peakResidentBytes >= sample.memory.anonymousBytes)
        #expect(sample.userCPUSeconds > 0)
    }

    static var hasProc: Bool { (try? ProcessSampler.readProcFile("/proc/self/statm")) != nil }
}
