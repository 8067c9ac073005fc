#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a process's CPU, threads and memory from the text of Linux's `/proc/<pid>/stat`, `statm`
/// and `status` (proc(5)). Parsing is pure; `sampleCurrentProcess()` is the one function that
/// opens files.
public enum ProcessSampler {
    /// Parses the three files' text.
    ///
    /// - Parameters:
    ///   - stat: `/proc/self/stat`; fields are counted after the last `)`, because the command name
    ///     may hold spaces and parentheses.
    ///   - statm: `/proc/self/statm`: its resident pages win over stat's (same number, newer read).
    ///   - status: `/proc/self/status`, for the memory breakdown (`VmHWM`, `RssAnon`, ...); nil or a
    ///     missing line leaves that figure 0.
    ///   - clockTicksPerSecond: `sysconf(_SC_CLK_TCK)`, 100 on Linux.
    ///   - pageSize: `sysconf(_SC_PAGESIZE)`.
    public static func parse(stat: String, statm: String, status: String?, clockTicksPerSecond: Int = 100,
                             pageSize: Int = 4096) throws(ProcessSampleError) -> ProcessSample {
        guard let close = stat.lastIndex(of: ")") else { throw .statMissingCommandName }
        let rest = stat[stat.index(after: close)...].split(whereSeparator: { $0 == " " || $0 == "\n" })
        // proc(5) field N (1-based) is rest[N - 3]; vsize is field 23, the last one we need.
        guard rest.count >= 21 else { throw .statTooShort(fields: rest.count + 2) }
        func field(_ number: Int) throws(ProcessSampleError) -> Int {
            let text = rest[number - 3]
            guard let value = Int(text) else { throw .notANumber(file: "stat", field: number, text: String(text)) }
            return value
        }
        let ticks = Double(max(1, clockTicksPerSecond))
        let user = try field(14)
        let system = try field(15)
        let threads = try field(20)
        let virtual = try field(23)

        let pages = statm.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard pages.count >= 2 else { throw .statmTooShort }
        guard let resident = Int(pages[1]) else {
            throw .notANumber(file: "statm", field: 2, text: String(pages[1]))
        }

        let kib = status.map(Self.statusKibibytes) ?? [:]
        func bytes(_ key: String) -> Int { (kib[key] ?? 0) * 1024 }
        let memory = MemoryFigures(
            residentBytes: resident * pageSize, virtualBytes: virtual, peakResidentBytes: bytes("VmHWM"),
            anonymousBytes: bytes("RssAnon"), fileBytes: bytes("RssFile"), sharedBytes: bytes("RssShmem"),
            dataBytes: bytes("VmData"), swapBytes: bytes("VmSwap"))
        return ProcessSample(userCPUSeconds: Double(user) / ticks, systemCPUSeconds: Double(system) / ticks,
                             threads: threads, memory: memory)
    }

    /// The `Key:   123 kB` lines of `/proc/<pid>/status`, in KiB, by key.
    public static func statusKibibytes(_ status: String) -> [String: Int] {
        // Read once a second by the server: one pass over the bytes, no per-line arrays.
        var values: [String: Int] = [:]
        for line in status.utf8.split(separator: UInt8(ascii: "\n")) {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
            let rest = line[line.index(after: colon)...].drop(while: isBlank)
            let digits = rest.prefix(while: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            let unit = rest[digits.endIndex...]
            guard !digits.isEmpty, unit.first.map(isBlank) == true,
                  unit.drop(while: isBlank).elementsEqual("kB".utf8),
                  let value = Int(Substring(digits))
            else { continue }
            values[String(Substring(line[..<colon]))] = value
        }
        return values
    }

    /// Reads and parses this process's `/proc/self` files (Linux only). The CPU times come from
    /// `getrusage` instead of `stat`'s clock ticks: those count in hundredths of a second, so a
    /// one-second sample of a lightly loaded server would read 0 % or 1 %, nothing between.
    public static func sampleCurrentProcess() throws(ProcessSampleError) -> ProcessSample {
        let stat = try readProcFile("/proc/self/stat")
        let statm = try readProcFile("/proc/self/statm")
        let status = try? readProcFile("/proc/self/status")
        var sample = try parse(stat: stat, statm: statm, status: status,
                               clockTicksPerSecond: Int(sysconf(Int32(_SC_CLK_TCK))),
                               pageSize: Int(sysconf(Int32(_SC_PAGESIZE))))
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
        return sample
    }

    private static func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1e6
    }

    /// The whole text of a small `/proc` file (their size reads as 0, so read until end of file).
    static func readProcFile(_ path: String) throws(ProcessSampleError) -> String {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(path: path) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { throw .unreadable(path: path) }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
