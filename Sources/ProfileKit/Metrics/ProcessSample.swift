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
    /// `/proc/<pid>/stat` had no `)` closing the command name.
    case statMissingCommandName
    /// `/proc/<pid>/stat` had fewer fields than expected (the count found).
    case statTooShort(fields: Int)
    /// A field (1-based, as proc(5) numbers them) of `file` was not a number.
    case notANumber(file: String, field: Int, text: String)
    /// `/proc/<pid>/statm` had fewer than two fields.
    case statmTooShort
    /// A `/proc` file could not be read (its path).
    case unreadable(path: String)
}
