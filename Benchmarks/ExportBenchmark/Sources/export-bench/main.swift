// export-bench FORMAT PROFILE OUT [RUNS]: reads PROFILE, exports it as FORMAT (callgrind,
// pyprof2calltree, dot, json) to OUT, RUNS times, and prints the minimum and median process CPU
// seconds of one read + export + write.
import Foundation
import ProfileKit

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write(Data("usage: export-bench FORMAT PROFILE OUT [RUNS]\n".utf8))
    exit(2)
}
let input = Array(try Data(contentsOf: URL(fileURLWithPath: arguments[2])))
let output = URL(fileURLWithPath: arguments[3])
let runs = arguments.count > 4 ? Int(arguments[4]) ?? 5 : 5

func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

var samples: [Double] = []
for _ in 0..<runs {
    let start = cpuSeconds()
    let profile = try Profile(pstatsData: input)
    let bytes: [UInt8] = switch arguments[1] {
    case "callgrind": try CallgrindExporter().export(.profile(profile))
    case "pyprof2calltree": try CallgrindExporter(compatibility: .pyprof2calltree).export(.profile(profile))
    case "dot": try DotExporter().export(.profile(profile))
    case "json": try JSONExporter().export(.profile(profile))
    default: fatalError("unknown format \(arguments[1])")
    }
    try Data(bytes).write(to: output)
    samples.append(cpuSeconds() - start)
}
samples.sort()
print(String(format: "%@ cpu min %.3f s median %.3f s", arguments[1], samples[0], samples[samples.count / 2]))
