import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NIOCore
import Synchronization
import Testing
@testable import Server

/// Twenty bots against a real in-process server in profiling mode, on an ephemeral loopback port.
@Suite struct DummyRunnerEndToEndTests {
    /// Runs `profile` with `options` against 127.0.0.1:`port`; returns the report and the lines
    /// the run printed.
    private static func run(_ profile: RunnerProfile, _ options: RunOptions,
                            port: Int) throws -> (report: RunReport, lines: [String]) {
        let lines = Mutex<[String]>([])
        let target = try RunTarget(host: "127.0.0.1", port: port, allowRemote: false)
        let report = try LoadRunner(target: try target.socketAddress(), profile: profile, options: options) { line in
            lines.withLock { $0.append(line) }
        }.run()
        return (report, lines.withLock { $0 })
    }

    @Test func twentyBotsLogInActMeasureAndLogOut() throws {
        let directory = try makeGameDirectory("dummyrunner") { $0.profilingMode = true }
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        var profile = try ProfileLocator.builtin("normal_builder").profile
        profile.tick = 0.25
        let options = RunOptions(bots: 20, duration: 2.5, tick: profile.tick, ramp: 1, seed: 7, runID: "e2e",
                                 reportEvery: 1)
        let (report, lines) = try Self.run(profile, options, port: server.port)
        #expect(report.bots == 20)
        #expect(report.loggedIn == 20)
        #expect(report.errors == RunReport.Errors(timeouts: 0, connectFailures: 0, disconnects: 0, skipped: 0))
        // 20 bots, 4 turns/s, chance 0.5, about 2.5 s: about 100 actions.
        #expect(report.actions > 40)
        #expect(report.commands >= report.actions)
        #expect(report.roundTrip.count > 40)
        #expect(report.lag.total.count > 0)
        #expect(report.lag.total.p50 > 0 && report.lag.total.p50 < 1000)
        #expect(report.roundTripCorrected.p99 >= report.roundTrip.p99)
        #expect(report.notAllowed == 0, "profiling mode makes the bots builders")
        #expect(report.evenniaAverages.totalMs > 0)
        #expect(lines.contains { $0.contains("ramp done: 20/20 logged in") })
        // The measured lines start a full interval after the ramp, so none reports an empty one.
        let measured = lines.drop { !$0.contains("ramp done") }.filter { $0.contains("actions/s") }
        #expect(!measured.isEmpty)
        #expect(!measured.contains { $0.contains(" 0.0 actions/s") }, "\(measured)")
        #expect(try JSONDecoder().decode(RunReport.self, from: report.json()) == report)
        // Each report line's figures are kept, and are what the line printed.
        let printed = lines.filter { $0.contains("actions/s") }
        #expect(report.intervals.map { $0.line(bots: 20) } == printed)
        #expect(report.intervals.contains { !$0.ramp && $0.roundTrip.count > 0 })
        #expect(report.roundTripPercentiles.count == RunReport.spectrumPercentiles.count)
        #expect(report.roundTripPercentiles.last?.ms == report.roundTrip.max)
        #expect(report.lagPercentiles.count == RunReport.spectrumPercentiles.count)
        #expect(report.lagPercentiles.last?.ms == report.lag.total.max)
        // Every bot logged out: the server lets the sessions go.
        var sessions = server.statistics()?.sessions ?? -1
        for _ in 0..<50 where sessions != 0 {
            usleepSeconds(0.1)
            sessions = server.statistics()?.sessions ?? -1
        }
        #expect(sessions == 0)
    }

    /// Against a port where nothing listens, the first failed connect says why at once (once per
    /// reason), and every failure is counted.
    @Test func aRunAgainstNothingSaysWhyAtOnce() throws {
        let port = try {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var size = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, size) == 0 && getsockname(fd, $0, &size) == 0
                }
            }
            guard bound else { throw ClientError(description: "no free port") }
            return Int(UInt16(bigEndian: address.sin_port))
        }()
        var profile = try ProfileLocator.builtin("looker").profile
        profile.tick = 0.1
        profile.chanceOfLogin = 1
        let options = RunOptions(bots: 3, duration: 0.5, tick: profile.tick, ramp: nil, seed: 1, runID: "none",
                                 reportEvery: 10)
        let (report, lines) = try Self.run(profile, options, port: port)
        let said = lines.filter { $0.contains("cannot connect") }
        #expect(said.count == 1, "\(lines)")
        #expect(said.first?.hasSuffix("cannot connect to 127.0.0.1:\(port): Connection refused (bots keep trying; "
                                      + "each failure counts as an error)") == true, "\(said)")
        #expect(report.errors.connectFailures > 3 && report.loggedIn == 0)
    }

    /// A builder profile against a server whose new accounts are players: the first refusal is
    /// printed with what to do, and the refusals are counted apart.
    @Test func aBuilderProfileOnAServerNotInProfilingModeSaysWhatToDo() throws {
        let directory = try makeGameDirectory("dummyrunner-players")
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        var profile = try ProfileLocator.builtin("only_digger").profile
        profile.tick = 0.1
        let options = RunOptions(bots: 3, duration: 0.8, tick: profile.tick, ramp: 0.2, seed: 2, runID: "players",
                                 reportEvery: 10)
        let (report, lines) = try Self.run(profile, options, port: server.port)
        let said = lines.filter { $0.contains("does not allow") }
        #expect(said.count == 1, "\(lines)")
        #expect(said.first?.contains("the server does not allow the bots a command: \"You are not allowed to use "
                                     + "'dig' (it needs builder).\" Builder profiles need a server in --profiling-mode")
                == true, "\(said)")
        #expect(report.notAllowed > 0 && report.rejected >= report.notAllowed)
        #expect(report.rendered().contains("refused a command, \(report.notAllowed) of them not allowed)"))
    }

    /// The binary: `--json` and `--svg` are written at the end; a path that cannot be written is
    /// refused before any bot connects.
    @Test func theBinaryWritesJSONAndSVGAndRefusesAnUnwritablePathFirst() throws {
        let directory = try makeGameDirectory("dummyrunner-files") { $0.profilingMode = true }
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        let json = directory.path + "/run.json", svg = directory.path + "/run.svg"
        let target = ["--host", "127.0.0.1", "--port", String(server.port), "--profile", "looker"]
        let run = try ProcessTests.run(["dummyrunner", "5"] + target + ["--ramp", "0.5", "--duration", "1.5",
                                                                        "--seed", "3", "--json", json, "--svg", svg])
        #expect(run.status == 0, "\(run.output)")
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
        #expect(report.bots == 5 && report.roundTrip.count > 0)
        let chart = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(chart == RunChart.svg(report))
        #expect(XMLParser(data: Data(chart.utf8)).parse())

        let refused = try ProcessTests.run(["dummyrunner", "5"] + target + ["--duration", "1", "--svg", "/nonexistent/run.svg"])
        #expect(refused.status == 1)
        #expect(refused.output.contains("cannot write /nonexistent/run.svg: no writable directory /nonexistent"))
        #expect(!refused.output.contains("bots, profile"), "refused before the run: \(refused.output)")
    }
}
