import Foundation
import Testing
@testable import ProfileKit

/// The reader's guards against inputs that cost far more than their size: huge length fields,
/// deep nesting, and back-references that stand for more data than the file holds. Each test reads
/// an input of Fixtures/fuzz/regressions (made by Fixtures/make_fixtures.sh) that once broke it.
@Suite("Profile reader limits")
struct ProfileReaderLimitsTests {
    private func regression(_ name: String) throws -> [UInt8] {
        let bytes = ProfileReaderFuzzTests.bytes(of: "regressions/\(name)")
        try #require(!bytes.isEmpty, "missing fixture \(name)")
        return bytes
    }

    private func read(_ bytes: [UInt8]) -> ProfileReadError? {
        guard case .failed(let error) = ProfileReaderFuzzTests.read(bytes, "regression input") else { return nil }
        return error
    }

    /// The process's peak virtual memory in KiB (`VmPeak` of /proc/self/status).
    private func peakVirtualMemory() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmPeak:") })
        return try #require(Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1]))
    }

    @Test("nested containers claiming 2^31-1 items do not reserve memory for them")
    func nestedHugeLengths() throws {
        // 2100 lists of 2^31-1 items, one inside the other, then 1 MB: before the fix every level
        // reserved room for the rest of the input, 16 GB of address space in all.
        let bytes = try regression("nested-huge-lists.prof") + [UInt8](repeating: 0x4e, count: 1 << 20)
        let before = try peakVirtualMemory()
        #expect(read(bytes) == .marshal(.tooDeeplyNested(offset: 1 + 5 * MarshalReader.maximumDepth)))
        let grown = try peakVirtualMemory() - before
        #expect(grown < 1 << 20, "peak virtual memory grew by \(grown) KiB")
    }

    @Test("a length field of 2^31-1 reports truncation for every code that has one")
    func hugeLengthFields() {
        // Containers read items until the data ends; strings check the length before reading.
        for (code, end) in [("(", 8), ("[", 8), ("<", 8), (">", 8), ("a", 6), ("s", 6), ("t", 6), ("u", 6)] {
            let bytes: [UInt8] = [0xfb, UInt8(ascii: Unicode.Scalar(code)!), 0xff, 0xff, 0xff, 0x7f, 0x4e, 0x4e]
            #expect(read(bytes) == .marshal(.truncated(offset: end)), "type code \(code)")
        }
        // TYPE_LONG with 2^31-1 digits is refused before any digit is read.
        #expect(read([0xfb, 0x6c, 0xff, 0xff, 0xff, 0x7f, 0, 0]) == .marshal(.invalidLength(offset: 2)))
    }

    @Test("functions sharing one callers dict by reference are refused, not decoded quadratically")
    func sharedCallersDict() throws {
        let bytes = try regression("shared-callers-dict.prof")
        let error = try #require(read(bytes))
        guard case .marshal(.referencesExpandTooFar(let offset)) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(offset > 0 && offset < bytes.count)
        #expect(error.description.contains("two per byte"))
    }

    @Test("keys sharing one long file name by reference are refused, not hashed quadratically")
    func sharedLongFileName() throws {
        let bytes = try regression("shared-long-file-name.prof")
        #expect(read(bytes) == .marshal(.referencesExpandTooFar(offset: 88716)))
    }

    @Test("a call count over 64 bits is refused, not cut to its low 64 bits")
    func longOver64Bits() throws {
        // cc = 16386 * 2^60 + 5, which Python reads; the fast decoder once read 2^61 + 5.
        let bytes = try regression("long-over-64-bits.prof")
        #expect(read(bytes) == .marshal(.integerTooLarge(offset: 23)))
        // The same bug as libFuzzer found it (Fuzz/run.sh, in the first 166,000 inputs), in a
        // mutant of seed.bigcounts.prof whose nc is 0x6002 * 2^60 + 5.
        let found = try regression("libfuzzer-long-over-64-bits.prof")
        #expect(read(found) == .marshal(.integerTooLarge(offset: 34)))
    }

    @Test("a reference to a float where a count belongs is refused, and the bytes after it are not misread")
    func referenceToFloatAsCount() throws {
        // libFuzzer found it: the fast decoder's inlined path for int references read the index,
        // found no int, and then read the reference again from the wrong place, accepting a file
        // that CPython and the general reader refuse.
        let bytes = try regression("libfuzzer-ref-to-float-as-count.prof")
        #expect(read(bytes) == .marshal(.unknownTypeCode(0x0f, offset: 284)))
    }

    @Test("strings that are not UTF-8 go to the general reader, so keys that decode alike stay one function")
    func invalidUTF8Twins() throws {
        // libFuzzer found it: a caller's file and a function's file differ only in invalid bytes,
        // which both decode to U+FFFD. The fast decoder interned them as two strings, so its call
        // graph made the caller an orphan while the general reader (and FunctionKey equality)
        // found the function.
        let bytes = try regression("libfuzzer-invalid-utf8-twins.prof")
        #expect(PstatsFastDecoder.decode(bytes) == nil)
        let profile = try Profile(pstatsData: bytes)
        #expect(profile == (try Profile(generalPstatsData: bytes)))
        #expect(profile.indexedCalls.orphanKeys.count == 4)
    }

    @Test("absurd times in a damaged file are clamped by the exporters, not trapped on")
    func absurdTimes() throws {
        // libFuzzer found it (Fuzz/run.sh, once the harness ran the exporters): fact's cumulative
        // time is -7e123 s, and the native callgrind exporter's sums of costs overflowed.
        let profile = try Profile(pstatsData: try regression("libfuzzer-absurd-cumtime.prof"))
        for compatibility in CallgrindExporter.Compatibility.allCases {
            let text = CallgrindExporter(compatibility: compatibility).text(for: profile)
            #expect(text.contains("fn=fact") || text.contains(") fact\n"), "\(compatibility)")
        }
        #expect(try DotExporter().text(for: profile).hasPrefix("digraph {"))
    }

    @Test("references that double at every level stop at the object limit")
    func doublingReferences() throws {
        let bytes = try regression("doubling-references.prof")
        var reader = MarshalReader(bytes)
        #expect(throws: MarshalError.referencesExpandTooFar(offset: 236)) { try reader.readValue() }
        #expect(read(bytes) == .marshal(.referencesExpandTooFar(offset: 236)))
    }

    @Test("real profiles stay far below the object limit", arguments: ProfileReaderFuzzTests.seedNames)
    func realProfilesExpandLittle(_ name: String) throws {
        guard !name.contains("py27") else { return }
        let bytes = ProfileReaderFuzzTests.bytes(of: "seeds/\(name)")
        var reader = MarshalReader(bytes)
        _ = try reader.readValue()
        #expect(reader.isAtEnd)
        // The limit is two objects per byte; real profiles come to about 0.2.
        #expect(reader.objectCount * 2 <= bytes.count, "\(name): \(reader.objectCount) objects in \(bytes.count) bytes")
    }
}
