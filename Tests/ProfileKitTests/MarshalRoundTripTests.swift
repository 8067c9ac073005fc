import Testing
@testable import ProfileKit

@Suite("Marshal reader and writer")
struct MarshalRoundTripTests {
    @Test("every value survives a write and a read")
    func roundTrip() throws {
        let value = MarshalValue.dict([
            MarshalPair(key: .tuple([.string("/srv/módulo_测试.py"), .int(12), .string("函数")]),
                        value: .tuple([.int(1), .int(3_000_000_000), .float(0.25), .float(-1e-9),
                                       .dict([])])),
            MarshalPair(key: .string(String(repeating: "x", count: 300)),
                        value: .list([.none, .bool(true), .bool(false), .ellipsis, .int(-(1 << 62)),
                                      .int(Int.min + 1), .bytes([0, 255]), .set([]), .frozenset([.int(1)]),
                                      .complex(real: 1, imaginary: -2), .stopIteration])),
        ])
        var writer = MarshalWriter()
        writer.write(value)
        var reader = MarshalReader(writer.bytes)
        #expect(try reader.readValue() == value)
        #expect(reader.isAtEnd)
    }

    @Test("repeated strings are written once and referred to")
    func stringReferences() throws {
        var writer = MarshalWriter()
        writer.write(.tuple([.string("a.py"), .string("a.py"), .string("a.py")]))
        // ) 3, z|REF 4 "a.py", r 0, r 0
        #expect(writer.bytes == [0x29, 3, 0xfa, 4] + Array("a.py".utf8) + [0x72, 0, 0, 0, 0, 0x72, 0, 0, 0, 0])
        var reader = MarshalReader(writer.bytes)
        #expect(try reader.readValue() == .tuple([.string("a.py"), .string("a.py"), .string("a.py")]))
    }
}
