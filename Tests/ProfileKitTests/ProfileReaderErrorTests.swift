import Foundation
import Testing
import TestSupport
@testable import ProfileKit

@Suite("Profile reader errors")
struct ProfileReaderErrorTests {
    private func read(_ bytes: [UInt8]) -> ProfileReadError? {
        do {
            _ = try Profile(pstatsData: bytes)
            return nil
        } catch {
            return error
        }
    }

    private func marshal(_ value: MarshalValue) -> [UInt8] {
        var writer = MarshalWriter()
        writer.write(value)
        return writer.bytes
    }

    @Test("a truncated file is reported with the offset where the data ends")
    func truncated() throws {
        let bytes = ProfileWriterTests.sample.pstatsData()
        for cut in [1, 5, bytes.count / 2, bytes.count - 1] {
            let error = try #require(read(Array(bytes.prefix(cut))))
            guard case .marshal(.truncated(let offset)) = error else {
                Issue.record("cut at \(cut): \(error)")
                continue
            }
            #expect(offset <= cut)
        }
        #expect(read([]) == .marshal(.truncated(offset: 0)))
    }

    @Test("the wrong top-level shape is named")
    func wrongShape() {
        #expect(read(marshal(.list([.int(1)]))) == .notAStatsDict(found: "list", offset: 0))
        #expect(read(marshal(.dict([]))) == .empty)
        let badKey = marshal(.dict([MarshalPair(key: .string("f"), value: .int(1))]))
        #expect(read(badKey) == .badFunctionKey(found: "a str", offset: 1))
        let badValue = marshal(.dict([MarshalPair(key: .tuple([.string("a.py"), .int(1), .string("f")]), value: .int(5))]))
        #expect(read(badValue) == .badFunctionStats(found: "a int", offset: 1))
        let badEdge = marshal(.dict([MarshalPair(
            key: .tuple([.string("a.py"), .int(1), .string("f")]),
            value: .tuple([.int(1), .int(1), .float(0), .float(0),
                           .dict([MarshalPair(key: .tuple([.string("a.py"), .int(1), .string("f")]), value: .int(3))])]))]))
        #expect(read(badEdge) == .badCallerEntry(found: "a int", offset: 1))
    }

    @Test("unknown type codes and bad references carry their offset")
    func badCodes() {
        #expect(read([0xfb, 0x29, 0x03, 0x01]) == .marshal(.unknownTypeCode(0x01, offset: 3)))
        #expect(read([0xfb, 0x72, 0x05, 0, 0, 0]) == .marshal(.invalidReference(index: 5, offset: 1)))
        // A reference to the unfinished top dict itself.
        #expect(read([0xfb, 0x72, 0, 0, 0, 0]) == .marshal(.invalidReference(index: 0, offset: 1)))
        #expect(read([0xfb, 0x63]) == .marshal(.unsupportedType("code object", offset: 1)))
    }

    @Test("a huge length field does not allocate, it reports truncation")
    func hugeLength() {
        let error = read([0xfb, 0x28, 0xff, 0xff, 0xff, 0x7f, 0x4e])
        #expect(error == .marshal(.truncated(offset: 7)))
        #expect(read([0xfb, 0x28, 0xff, 0xff, 0xff, 0xff]) == .marshal(.invalidLength(offset: 2)))
    }

    @Test("deep nesting is refused, not a stack overflow")
    func deepNesting() {
        let bytes: [UInt8] = [0xfb] + Array(repeating: 0x5b, count: 100_000).flatMap { [$0, 1, 0, 0, 0] }
        #expect(read(bytes) == .marshal(.tooDeeplyNested(offset: 1 + 5 * MarshalReader.maximumDepth)))
    }

    @Test("a Python 2 profile is recognised and said so")
    func python2() throws {
        let python2 = "/root/.pyenv/versions/2.7.18/bin/python"
        var bytes: [UInt8]
        if FileManager.default.isExecutableFile(atPath: python2) {
            let dir = NSTemporaryDirectory() + "mudscope-py2-\(getpid())"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try PythonCorpus.run(python2, ["-m", "cProfile", "-o", "\(dir)/old.prof",
                                           PythonCorpus.fixtures + "/workloads/mutual_recursion.py"])
            bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(dir)/old.prof")))
        } else {
            // Python 2's marshal: a plain dict whose key strings are byte strings ('s').
            bytes = marshal(.dict([MarshalPair(
                key: .tuple([.bytes(Array("a.py".utf8)), .int(1), .bytes(Array("f".utf8))]),
                value: .tuple([.int(1), .int(1), .float(0), .float(0), .dict([])]))]))
        }
        let error = try #require(read(bytes))
        switch error {
        case .python2, .marshal(.python2): #expect(error.description.contains("Python 2"))
        default: Issue.record("not recognised as Python 2: \(error)")
        }
    }
}
