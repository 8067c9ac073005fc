/// One reading of the process's CPU times, threads and memory.
public struct ProcessSample: Sendable, Equatable {
    /// User-mode CPU time since the process started, in seconds.
    public var userCPUSeconds: Double
    /// Kernel-mode CPU time since the process started, in seconds.
    public var systemCPUSeconds: Double
    /// Threads in the process.
    public var threads: Int
    /// Memory, in bytes.
    public var memory: MemoryFigures

    /// A sample from its parts.
    public init(userCPUSeconds: Double, systemCPUSeconds: Double, threads: Int, memory: MemoryFigures) {
        self.userCPUSeconds = userCPUSeconds
        self.systemCPUSeconds = systemCPUSeconds
        self.threads = threads
        self.memory = memory
    }
}

/// Why `/proc` text could not be read as a process sample.
public enum ProcessSampleError: Error, Equatable, Sendable {
    /// `/proc/<pid>/status` had no line for `key` (one of those a sample needs).
    case missingLine(key: String)
    /// The value on `key`'s line of `/proc/<pid>/status` was not a number (or not in kB where one
    /// is due); `text` is the rest of the line.
    case notANumber(key: String, text: String)
    /// A `/proc` file could not be read (its path).
    case unreadable(path: String)
}
