import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import ProfileKit

@Suite("ProcessSampler")
struct ProcessSamplerTests {
    @Test("parses status: threads and every memory figure")
    func fixture() throws {
        let sample = try ProcessSampler.parse(status: Array(MetricsFixtures.text("proc-status.txt").utf8))
        #expect(sample.threads == 9)
        #expect(sample.memory == MemoryFigures(
            residentBytes: 83_136 * 1024, virtualBytes: 1_296_708 * 1024, peakResidentBytes: 88_064 * 1024,
            anonymousBytes: 60_416 * 1024, fileBytes: 22_720 * 1024, sharedBytes: 0,
            dataBytes: 393_216 * 1024, swapBytes: 16 * 1024))
        #expect(sample.userCPUSeconds == 0 && sample.systemCPUSeconds == 0)
    }

    @Test("figures an older kernel lacks read 0; lines it does not use are ignored")
    func optionalLines() throws {
        let status = "Name:\tx y: z\nVmSize:\t 100 kB\nbroken\nVmRSS: 12 kB\nSigQ:\t0/1\nThreads:\t3"
        let sample = try ProcessSampler.parse(status: Array(status.utf8))
        #expect(sample.threads == 3)
        #expect(sample.memory == MemoryFigures(residentBytes: 12 * 1024, virtualBytes: 100 * 1024))
    }

    @Test("a missing or malformed figure gives a typed error naming the line", arguments: [
        ("VmSize: 1 kB\nVmRSS: 1 kB\n", ProcessSampleError.missingLine(key: "Threads")),
        ("Threads: 1\nVmRSS: 1 kB\n", ProcessSampleError.missingLine(key: "VmSize")),
        ("Threads: 1\nVmSize: 1 kB\nVmRSS: 12 MB\n", ProcessSampleError.notANumber(key: "VmRSS", text: " 12 MB")),
        ("Threads: 1\nVmSize: 1 kB\nVmRSS: 12kB\n", ProcessSampleError.notANumber(key: "VmRSS", text: " 12kB")),
        ("Threads: x\nVmSize: 1 kB\nVmRSS: 1 kB\n", ProcessSampleError.notANumber(key: "Threads", text: " x")),
        ("Threads: 2 kB\n", ProcessSampleError.notANumber(key: "Threads", text: " 2 kB")),
        ("Threads: 99999999999999999999\n", ProcessSampleError.notANumber(key: "Threads", text: " 99999999999999999999")),
        ("VmHWM:\t\n", ProcessSampleError.notANumber(key: "VmHWM", text: "\t")),
        ("", ProcessSampleError.missingLine(key: "Threads")),
    ])
    func errors(status: String, expected: ProcessSampleError) {
        #expect(throws: expected) { try ProcessSampler.parse(status: Array(status.utf8)) }
    }

    @Test("the sample agrees with stat and statm, the files it no longer reads", .enabled(if: ProcessSamplerTests.hasProc))
    func agreesWithStat() throws {
        let sample = try ProcessSampler.sampleCurrentProcess()
        let stat = String(decoding: try ProcessSampler.readProcFile("/proc/self/stat"), as: UTF8.self)
        let fields = stat[stat.index(after: stat.lastIndex(of: ")")!)...].split(separator: " ")
        // proc(5) field N is fields[N - 3]: num_threads is 20, vsize 23 (bytes).
        #expect(Int(fields[20 - 3]) ?? 0 >= 1)
        #expect(sample.memory.virtualBytes > 0 && sample.memory.virtualBytes % 4096 == 0)
        let statm = String(decoding: try ProcessSampler.readProcFile("/proc/self/statm"), as: UTF8.self)
        let resident = (Int(statm.split(separator: " ")[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
        // Both are read moments apart in a process whose other tests allocate: close, not equal.
        #expect(abs(sample.memory.residentBytes - resident) < 64 << 20)
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

    @Test("a sampler kept for many samples reads the file as it is at each", .enabled(if: ProcessSamplerTests.hasProc))
    func reusedSamplerSeesChanges() throws {
        let sampler = CurrentProcessSampler()
        let before = try sampler.sample()
        // 256 MiB, touched page by page: resident memory must grow by most of it.
        let size = 256 << 20
        let block = try #require(malloc(size))
        defer { free(block) }
        memset(block, 1, size)
        let after = try sampler.sample()
        // Other tests allocate and free meanwhile: half of it is margin enough.
        #expect(after.memory.residentBytes - before.memory.residentBytes > 128 << 20, "\(before.memory) -> \(after.memory)")
        #expect(try sampler.sample().threads >= 1)
    }

    static var hasProc: Bool { (try? ProcessSampler.readProcFile("/proc/self/statm")) != nil }
}
