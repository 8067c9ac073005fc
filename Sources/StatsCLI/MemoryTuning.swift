@_silgen_name("mallopt") private func c_mallopt(_ option: Int32, _ value: Int32) -> Int32

/// malloc settings for a short-lived process that builds one large profile.
enum MemoryTuning {
    static func keepFreedMemory() {
        _ = c_mallopt(-3, 512 << 20) // M_MMAP_THRESHOLD
        _ = c_mallopt(-1, 1 << 30)   // M_TRIM_THRESHOLD
        _ = c_mallopt(-2, 64 << 20)  // M_TOP_PAD
    }
}
