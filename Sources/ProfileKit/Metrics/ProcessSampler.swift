#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a process's threads and memory from the text of Linux's `/proc/<pid>/status` (proc(5)),
/// and this process's CPU times from `getrusage`. Parsing is pure; `sampleCurrentProcess()` is the
/// one function that reads.
///
/// One file is enough: `status` has the thread count and every memory figure (`VmSize` and `VmRSS`
/// are `stat`'s vsize and rss, in kB). The server samples once a second, so this reads one file
/// where it used to read three, and parses bytes without making strings.
public enum ProcessSampler {
    /// The `status` lines a sample uses; `parse` keeps their values in this order (its slots).
    private static let keys: [String] = [
        "Threads", "VmSize", "VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem", "VmData", "VmSwap",
    ]
    private static let keyBytes: [[UInt8]] = keys.map { Array($0.utf8) }
    /// The first bytes of `keys`, each once (three: a scan, no hashing).
    private static let keyInitials: [UInt8] = keyBytes.reduce(into: []) { initials, key in
        if !initials.contains(key[0]) { initials.append(key[0]) }
    }
    /// Lines without which there is no sample (the rest read 0 when absent, as in older kernels).
    private static let requiredSlots = 0...2

    /// Parses `/proc/<pid>/status`: `Threads`, and the `Vm*`/`Rss*` lines in kB. The CPU times are
    /// left 0 (status has none; `sampleCurrentProcess` takes them from `getrusage`).
    public static func parse(status: some Collection<UInt8>) throws(ProcessSampleError) -> ProcessSample {
        var values = [Int?](repeating: nil, count: keys.count)
        var found = 0
        var lineStart = status.startIndex
        // Every key wanted starts with one of these: most of the file's 50-odd lines are passed
        // over on their first byte, and the walk stops once each key has been seen.
        while lineStart != status.endIndex, found < keys.count {
            let lineEnd = status[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? status.endIndex
            let line = status[lineStart..<lineEnd]
            lineStart = lineEnd == status.endIndex ? lineEnd : status.index(after: lineEnd)
            guard let first = line.first, keyInitials.contains(first),
                  let colon = line.firstIndex(of: UInt8(ascii: ":")),
                  let slot = keyBytes.firstIndex(where: { $0.elementsEqual(line[..<colon]) })
            else { continue }
            let rest = line[line.index(after: colon)...]
            guard let value = number(in: rest, kibibytes: slot != 0) else {
                throw .notANumber(key: keys[slot], text: String(decoding: rest, as: UTF8.self))
            }
            if values[slot] == nil { found += 1 }
            values[slot] = value
        }
        for slot in requiredSlots where values[slot] == nil { throw .missingLine(key: keys[slot]) }
        func bytes(_ slot: Int) -> Int { (values[slot] ?? 0) * 1024 }
        let memory = MemoryFigures(
            residentBytes: bytes(2), virtualBytes: bytes(1), peakResidentBytes: bytes(3),
            anonymousBytes: bytes(4), fileBytes: bytes(5), sharedBytes: bytes(6),
            dataBytes: bytes(7), swapBytes: bytes(8))
        return ProcessSample(userCPUSeconds: 0, systemCPUSeconds: 0, threads: values[0] ?? 0, memory: memory)
    }

    /// The number after a `status` key's colon: blanks, digits, then (if `kibibytes`) blanks and
    /// `kB`, then nothing; nil for anything else.
    private static func number(in text: some Collection<UInt8>, kibibytes: Bool) -> Int? {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let afterBlanks = text.drop(while: isBlank)
        var value = 0
        var digits = 0
        for byte in afterBlanks {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            digits += 1
        }
        guard digits > 0 else { return nil }
        let unit = afterBlanks.dropFirst(digits)
        if kibibytes {
            guard unit.first.map(isBlank) == true, unit.drop(while: isBlank).elementsEqual("kB".utf8) else { return nil }
        } else {
            guard unit.allSatisfy(isBlank) else { return nil }
        }
        return value
    }

    /// Reads and parses this process's `/proc/self/status` (Linux only), with CPU times from
    /// `getrusage`; a one-off (`CurrentProcessSampler` keeps the file open for repeated samples).
    public static func sampleCurrentProcess() throws(ProcessSampleError) -> ProcessSample {
        try CurrentProcessSampler().sample()
    }

    /// Sets `sample`'s CPU times from `getrusage`: `stat`'s clock ticks count in hundredths of a
    /// second, so a one-second sample of a lightly loaded server would read 0 % or 1 %, nothing between.
    static func addCPUTimes(to sample: inout ProcessSample) {
        var usage = rusage()
        #if canImport(Glibc)
        let who = RUSAGE_SELF.rawValue
        #else
        let who = RUSAGE_SELF
        #endif
        if getrusage(who, &usage) == 0 {
            sample.userCPUSeconds = seconds(usage.ru_utime)
            sample.systemCPUSeconds = seconds(usage.ru_stime)
        }
    }

    private static func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1e6
    }

    /// The whole of a small `/proc` file.
    static func readProcFile(_ path: String) throws(ProcessSampleError) -> [UInt8] {
        guard case .success(let bytes) = WholeFile.read(path) else { throw .unreadable(path: path) }
        return bytes
    }
}
