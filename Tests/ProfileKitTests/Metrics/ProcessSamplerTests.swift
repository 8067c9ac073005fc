import Testing
#if canImport(Glibc)
import Glibc
#endif
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
        let odd = "VmHWM:\t 5\tkB\nMB: 12 MB\nGlued: 12kB\nWord: x kB\nEmpty:\nTwo: 1 2 kB\n:\t4 kB\nLast: 9 kB"
        #expect(ProcessSampler.statusKibibytes(odd) == ["VmHWM": 5, "": 4, "Last": 9])
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

    @Test("CPU times are finer than stat's hundredths of a second", .enabled(if: ProcessSamplerTests.hasProc))
    func cpuTimesAreFine() throws {
        let before = try ProcessSampler.sampleCurrentProcess()
        var clock = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &clock)
        let start = Double(clock.tv_sec) + Double(clock.tv_nsec) / 1e9
        var spin = 0.0
        var x: UInt64 = 1
        while spin - start < 0.025 {  // 25 ms of this thread's CPU time
            for _ in 0..<10_000 { x = x &* 6364136223846793005 &+ 1 }
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &clock)
            spin = Double(clock.tv_sec) + Double(clock.tv_nsec) / 1e9
        }
        let after = try ProcessSampler.sampleCurrentProcess()
        let used = (after.userCPUSeconds + after.systemCPUSeconds) - (before.userCPUSeconds + before.systemCPUSeconds)
        #expect(used >= 0.024, "the process used \(used) s while this thread spun 25 ms (\(x))")
        // Whole hundredths at both ends would mean clock ticks; microseconds make that a 1 in 10^8 chance.
        let times = [before.userCPUSeconds, before.systemCPUSeconds, after.userCPUSeconds, after.systemCPUSeconds]
        #expect(times.contains { ($0 * 100).rounded() != $0 * 100 }, "\(times)")
    }

    static var hasProc: Bool { (try? ProcessSampler.readProcFile("/proc/self/statm")) != nil }
}
