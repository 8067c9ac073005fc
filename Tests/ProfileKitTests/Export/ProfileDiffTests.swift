import Foundation
import Testing
import ProfileKit

@Suite("Profile diff")
struct ProfileDiffTests {
    @Test("golden text and JSON for two runs of a changed workload")
    func golden() throws {
        let diff = ProfileDiff(base: try ExportFixtures.profile("recursion"), new: try ExportFixtures.profile("recursion-v2"))
        try ExportFixtures.expectGolden(Array(diff.text().utf8), "recursion.diff.txt")
        try ExportFixtures.expectGolden(Array(diff.json().utf8), "recursion.diff.json")
        let statuses = Dictionary(grouping: diff.entries, by: \.status).mapValues(\.count)
        #expect(statuses[.new] == 3)       // main (moved from line 13 to 16), helper, sorted
        #expect(statuses[.vanished] == 3)  // main at line 13, is_even, is_odd
        #expect(diff.entries.first?.key == FunctionKey(file: "recursion.py", line: 16, name: "main"))
        #expect(diff.entries[1].key.name == "fib")
    }

    @Test("entries are ordered by the size of the cumtime change, then tottime, then calls")
    func ordering() {
        func f(_ name: String, calls: Int, tt: Double, ct: Double) -> FunctionStats {
            FunctionStats(key: FunctionKey(file: "m.py", line: 1, name: name), primitiveCalls: calls, calls: calls,
                          selfTime: tt, cumulativeTime: ct)
        }
        let base = Profile([f("a", calls: 1, tt: 1, ct: 1), f("b", calls: 1, tt: 1, ct: 5), f("gone", calls: 3, tt: 0.5, ct: 0.5),
                            f("same", calls: 1, tt: 1, ct: 1)])
        let new = Profile([f("a", calls: 4, tt: 1, ct: 1), f("b", calls: 1, tt: 2, ct: 3), f("fresh", calls: 1, tt: 0.5, ct: 0.5),
                           f("same", calls: 1, tt: 1, ct: 1)])
        let diff = ProfileDiff(base: base, new: new)
        #expect(diff.entries.map(\.key.name) == ["b", "gone", "fresh", "a", "same"])
        #expect(diff.entries.map(\.status) == [.changed, .vanished, .new, .changed, .unchanged])
        let b = diff.entries[0]
        #expect(b.change.cumulativeTime == -2)
        #expect(b.percentChange.cumulativeTime == -40)
        #expect(b.percentChange.selfTime == 100)
        #expect(diff.entries[2].percentChange.selfTime == nil)
        #expect(diff.entries[1].percentChange.selfTime == -100)
        let text = diff.text()
        #expect(text.contains("        +3      0.000000     0.00%      0.000000     0.00%  changed    m.py:1(a)\n"))
        #expect(text.contains("        +1     +0.500000       new     +0.500000       new  new        m.py:1(fresh)\n"))
        #expect(text.contains("        -3     -0.500000  -100.00%     -0.500000  -100.00%  vanished   m.py:1(gone)\n"))
        #expect(text.hasPrefix("base: 6 function calls in 3.500 seconds\nnew:  7 function calls in 4.500 seconds\n"))
    }

    @Test("python3's json reads the diff JSON")
    func jsonParses() throws {
        let diff = ProfileDiff(base: try ExportFixtures.profile("unicode"), new: try ExportFixtures.profile("builtins_gen"))
        let dir = try ExportFixtures.temporaryDirectory("diff-json")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("d.json")
        try Data(diff.json().utf8).write(to: file)
        let check = """
            import json, sys
            d = json.load(open(sys.argv[1], encoding="utf-8"))
            assert d["schema"] == "profstats-diff/1"
            st = {f["status"] for f in d["functions"]}
            assert st <= {"new", "vanished", "changed", "unchanged"}
            for f in d["functions"]:
                assert (f["base"] is None) == (f["status"] == "new") and (f["new"] is None) == (f["status"] == "vanished")
            print(len(d["functions"]))
            """
        let output = try ExportFixtures.run("python3", ["-c", check, file.path])
        #expect(Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) == diff.entries.count)
    }
}
