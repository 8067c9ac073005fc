#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Samples this process again and again through one open `/proc/self/status`, read from its start
/// each time: no path lookup and, after the first sample, no allocation. The server's metrics
/// thread samples once a second with one of these. One owner at a time (not thread-safe).
public final class CurrentProcessSampler {
    private static let path = "/proc/self/status"
    /// The open file (-1: not open; opened at the first sample, and again after a failed read).
    private var descriptor: CInt = -1
    /// The last text read; its storage is kept for the next.
    private var bytes: [UInt8] = []

    /// A sampler that opens the file at its first sample.
    public init() {}

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Threads and memory from `/proc/self/status` as it is now, CPU times from `getrusage`.
    public func sample() throws(ProcessSampleError) -> ProcessSample {
        if descriptor < 0 {
            descriptor = open(Self.path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw .unreadable(path: Self.path) }
        }
        if WholeFile.read(descriptor, into: &bytes) != nil {
            close(descriptor)
            descriptor = -1
            throw .unreadable(path: Self.path)
        }
        var sample = try ProcessSampler.parse(status: bytes)
        ProcessSampler.addCPUTimes(to: &sample)
        return sample
    }
}
