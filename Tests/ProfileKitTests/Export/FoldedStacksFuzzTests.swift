import Testing
import TestSupport
@testable import ProfileKit

/// Seeded mutation fuzzing of the folded-stack reader and the two exporters that take its stacks:
/// any text reads or is refused with its line; what reads draws a flame graph or is refused with a
/// typed error, never a trap; and the folded writer's output reads back to the same merged stacks.
@Suite("Folded stacks fuzzing")
struct FoldedStacksFuzzTests {
    static let seeds: [String] = [
        "main;tick;look 120\nmain;tick;say 30\nmain;tick;look 80\nmain;save 50\n",
        "game;cmd look;World.object 7\r\ngame;cmd look;render 12\n\n  \ngame 3\n",
        "a 0\nb;c;d;e;f;g 1\nfrûhstück;日本;😀 9223372036854775806\n",
        "x;;y 5\n;x 2\nx; 1\n",
    ]
    static let fragments: [String] = [
        ";", " ", "\t", "\n", "\r\n", "\r", "0", "9", "-", ".", "9223372036854775807", "4611686018427387904",
        "99999999999999999999", ";;", "\u{0}", "\u{FFFD}", "é", "\u{301}", "<", "&", "\"",
    ]

    @Test("mutants of folded text read, draw and write back, or are refused with a line")
    func mutants() throws {
        var random = SplitMix64(seed: 0x464F_4C44_4544)
        var (read, refused, drawn) = (0, 0, 0)
        for iteration in 0..<6_000 {
            var bytes = Array(Self.seeds[iteration % Self.seeds.count].utf8)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: 0...bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] = UInt8.random(in: 0...255, using: &random)
                case 1 where !bytes.isEmpty: bytes.removeSubrange(min(at, bytes.count - 1)..<min(bytes.count, at + 3))
                case 2: bytes.insert(contentsOf: Array(Self.fragments.randomElement(using: &random)!.utf8), at: at)
                default: bytes.insert(contentsOf: bytes.prefix(Int.random(in: 0...bytes.count, using: &random)), at: at)
                }
            }
            let lines = bytes.split(separator: 10, omittingEmptySubsequences: false).count
            let stacks: FoldedStacks
            do {
                stacks = try FoldedStacks(parsing: bytes)
            } catch {
                refused += 1
                #expect((1...lines).contains(error.line), "line \(error.line) of \(lines): \(bytes)")
                continue
            }
            read += 1
            #expect(stacks.checkedTotalWeight != nil, "a file that reads adds up: \(bytes)")
            let svg = try FlameGraphExporter().export(.stacks(stacks))
            if !stacks.stacks.isEmpty { drawn += 1 }
            #expect(String(decoding: svg, as: UTF8.self).hasSuffix("</svg>\n"))
            let written = try FoldedStacksExporter().export(.stacks(stacks))
            #expect(try FoldedStacks(parsing: written) == stacks.merged(), "write-then-read of \(bytes)")
        }
        #expect(read > 600 && refused > 600 && drawn > 600, "read \(read), refused \(refused), drawn \(drawn)")
    }
}
