import Foundation
import Testing
@testable import Server

/// The dummyrunner's pure core: action table, templates, profiles, lag maths.
@Suite struct DummyRunnerModelTests {
    @Test func actionTableHonoursWeightsStatistically() throws {
        let profile = try ProfileLocator.builtin("normal_player").profile
        let table = profile.table
        #expect(table.actions.map(\.name) == ["dig", "look", "help", "move", "socialize", "lag_probe"])
        #expect(table.actions.map(\.weight) == [0.01, 0.29, 0.2, 0.3, 0.05, 0.1])
        var generator = SeededGenerator(seed: 42)
        let draws = 200_000
        var counts = Array(repeating: 0, count: table.actions.count)
        for _ in 0..<draws { counts[try #require(table.pick(using: &generator))] += 1 }
        let chiSquare = zip(counts, table.probabilities).reduce(0.0) { sum, pair in
            let expected = Double(draws) * pair.1
            return sum + (Double(pair.0) - expected) * (Double(pair.0) - expected) / expected
        }
        // 5 degrees of freedom: P(chi2 > 20.52) = 0.001.
        #expect(chiSquare < 20.52, "counts \(counts)")
    }

    @Test func actionTablePicksByCumulativeWeight() {
        let table = ActionTable([
            WeightedAction(name: "a", weight: 1, commands: ["a"]),
            WeightedAction(name: "never", weight: 0, commands: ["n"]),
            WeightedAction(name: "b", weight: 3, commands: ["b"]),
        ])
        #expect(table.pick(uniform: 0) == 0)
        #expect(table.pick(uniform: 0.2499) == 0)
        #expect(table.pick(uniform: 0.25) == 2)
        #expect(table.pick(uniform: 0.9999) == 2)
        #expect(ActionTable([]).pick(uniform: 0.5) == nil)
    }

    @Test func everyBotHasATurnOfItsOwnUpToAMillisecondApart() {
        // Evennia gives each client a timer of its own; bots sharing a turn would reach the server
        // in bursts that one wake-up serves, and make its CPU per command look lower than it is.
        #expect(BotFleet.slotsPerTick(bots: 1, tick: 1) == 1)
        #expect(BotFleet.slotsPerTick(bots: 100, tick: 1) == 100)
        #expect(BotFleet.slotsPerTick(bots: 1_000, tick: 1) == 1_000)
        #expect(BotFleet.slotsPerTick(bots: 5_000, tick: 1) == 1_000)
        #expect(BotFleet.slotsPerTick(bots: 5_000, tick: 2) == 2_000)
        #expect(BotFleet.slotsPerTick(bots: 1_000, tick: 0.25) == 250)
        #expect(BotFleet.slotsPerTick(bots: 10, tick: 0.000_1) == 1)
    }

    @Test func theRampLogsBotsInEvenlyWhateverTheirTurns() {
        // Polled at every slot of the fleet's schedule, as `BotFleet` does: 5,000 bots share
        // 1,000 slots, yet every second of a 10 s ramp gets 500 logins, each bot exactly one.
        let (bots, tick, rampSeconds) = (5_000, 1.0, 10.0)
        let slotPeriod = tick / Double(BotFleet.slotsPerTick(bots: bots, tick: tick))
        var schedule = RampSchedule(bots: bots, ramp: rampSeconds)
        var perSecond = Array(repeating: 0, count: 11)
        var seen = Set<Int>()
        for slot in 0...Int(11 / slotPeriod) {
            let now = Double(slot) * slotPeriod
            for index in schedule.release(upTo: now) {
                #expect(seen.insert(index).inserted)
                #expect(schedule.loginTime(of: index) <= now && now - schedule.loginTime(of: index) < slotPeriod)
                perSecond[Int(now)] += 1
            }
        }
        #expect(seen.count == bots)
        #expect(perSecond.prefix(10).allSatisfy { (499...501).contains($0) }, "\(perSecond)")
        // No ramp at all: everyone at once.
        var atOnce = RampSchedule(bots: 3, ramp: 0)
        #expect(atOnce.release(upTo: 0) == 0..<3)
        #expect(atOnce.release(upTo: 5).isEmpty)
    }

    @Test func templatesExpand() {
        var memory = BotMemory(gid: "r1_7", password: "secret")
        #expect(CommandTemplate.expand("create Dummy_{gid} {password}", memory: &memory) == ["create Dummy_r1_7 secret"])
        #expect(CommandTemplate.expand("look {each_obj} || look {each_exit} || look", memory: &memory) == ["look"])
        #expect(CommandTemplate.expand("dig/tel {new_room} = {new_exit}, {new_exit}", memory: &memory)
                == ["dig/tel testing_room_r1_7_1 = exit_r1_7_2, exit_r1_7_3"])
        #expect(memory.exits == ["exit_r1_7_2", "exit_r1_7_3"])
        #expect(CommandTemplate.expand("look {each_obj} || look {each_exit} || look", memory: &memory)
                == ["look exit_r1_7_2", "look exit_r1_7_3"])
        #expect(CommandTemplate.expand("create {new_obj}", memory: &memory) == ["create testing_obj_r1_7_4"])
        #expect(CommandTemplate.expand("set {obj}/a = 1", memory: &memory) == ["set testing_obj_r1_7_4/a = 1"])
        #expect(CommandTemplate.expand("dummyrunner_echo_response {timestamp}", memory: &memory)
                == ["dummyrunner_echo_response {timestamp}"])
        #expect(CommandTemplate.stamp("x {timestamp}", time: 1_700_000_000.25) == "x 1700000000.250000")
        #expect(CommandTemplate.formatTime(12.000007) == "12.000007")
        for index in 0..<20 { memory.exits.append("e\(index)") }
        #expect(CommandTemplate.expand("{each_exit}", memory: &memory).count == BotMemory.recallLimit)
    }

    /// The build plugin compiles in every shipped file, and `--help` lists each of them.
    @Test func builtInProfilesAreTheShippedFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("share/dummyrunner").path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".toml") }.sorted()
        #expect(files == BuiltinProfiles.names.map { $0 + ".toml" }.sorted())
        for name in BuiltinProfiles.names {
            let text = try String(contentsOfFile: folder + "/" + name + ".toml", encoding: .utf8)
            #expect(text == BuiltinProfiles.texts[name], "share/dummyrunner/\(name).toml differs from the compiled-in text")
            let profile = try RunnerProfile.parse(text, file: name)
            #expect(profile.name == name)
            #expect(profile.chanceOfLogin == 0.01 && profile.chanceOfAction == 0.5 && profile.tick == 1)
        }
        let looker = try RunnerProfile.parse(BuiltinProfiles.texts["looker"] ?? "", file: "looker")
        #expect(looker.actions.map(\.name) == ["look", "lag_probe"])
        #expect(looker.actions.map(\.weight) == [0.8, 0.2])
        #expect(looker.login.first == "create Dummy_{gid} {password}")
    }

    @Test func profilesAreFoundBesideTheExecutableOrCompiledIn() {
        let folders = ProfileLocator.searchFolders(executable: "/opt/mud/.build/release/mudserver")
        #expect(folders.contains("/opt/mud/share/dummyrunner"))
        #expect(ProfileLocator.searchFolders(executable: "/usr/local/bin/mudserver").first == "/usr/local/share/dummyrunner")
        #expect(throws: ProfileError.unknownProfile("nope", known: BuiltinProfiles.names)) {
            try ProfileLocator.builtin("nope")
        }
        for name in BuiltinProfiles.names {
            #expect((try? RunnerProfile.parse(BuiltinProfiles.texts[name] ?? "", file: name))?.name == name)
        }
    }

    @Test func settingsFileErrorsNameTheLine() {
        let text = "name = \"mine\"\n[[action]]\nname = \"x\"\nweigth = 1\n"
        #expect(throws: ProfileError.badLine(file: "f", line: 4, reason: "unknown action key `weigth`")) {
            try RunnerProfile.parse(text, file: "f")
        }
        #expect(throws: ProfileError.self) {
            try RunnerProfile.parse("name = \"m\"\n[[action]]\nweight = 1\ncommands = [\"look {nope}\"]\n", file: "f")
        }
        // A weight is a finite number: an infinite one (TOML's inf, or past Double's range) leaves
        // every other action's share undefined.
        for weight in ["inf", "+inf", "1e309", "nan", "-1"] {
            #expect(throws: ProfileError.badLine(file: "f", line: 3, reason: "weight must be a finite number >= 0")) {
                try RunnerProfile.parse("name = \"m\"\n[[action]]\nweight = \(weight)\ncommands = [\"look\"]\n", file: "f")
            }
        }
        let huge = "name = \"m\"\n" + String(repeating: "[[action]]\nweight = 1e308\ncommands = [\"look\"]\n", count: 2)
        #expect(throws: ProfileError.invalid(file: "f", reason: "the weights add up to more than a number holds; use smaller ones")) {
            try RunnerProfile.parse(huge, file: "f")
        }
        let own = """
            name = "mine"  # a comment
            chance_of_action = 1
            login = ["connect a b",
                     "look"]
            [[action]]
            name = "say"
            weight = 2
            commands = ["say \\"hi\\" # not a comment"]
            """
        let profile = try? RunnerProfile.parse(own, file: "own")
        #expect(profile?.login == ["connect a b", "look"])
        #expect(profile?.actions.first?.commands == ["say \"hi\" # not a comment"])
        #expect(profile?.chanceOfAction == 1)
    }

    /// The server's half of the probe prints its clock as `%.6f` does (away from a half microsecond,
    /// where binary rounding may differ in the last digit).
    @Test func serverTimeHasSixDecimals() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let seconds = Double(Int64.random(in: 0..<100_000_000_000_000, using: &generator)) / 1e6 + 2e-7
            #expect(Game.microseconds(seconds) == String(format: "%.6f", seconds))
        }
        #expect(Game.microseconds(0) == "0.000000")
        #expect(Game.microseconds(1_764_000_000.5) == "1764000000.500000")
        #expect(Game.microseconds(12.0000004) == "12.000000")
    }

    @Test func lagProbeReadsEvenniasReply() throws {
        // Evennia 6.1's bytes: its command echoes the arguments with their leading space and the
        // portal ends every message with an ANSI reset.
        let evennia = try #require(LagProbe.parse("dummyrunner_echo_response: 100.25,100.265\u{1B}[0m\r\n", receivedAt: 100.3))
        #expect(abs(evennia.total - 0.05) < 1e-9 && abs(evennia.inbound - 0.015) < 1e-9 && abs(evennia.outbound - 0.035) < 1e-9)
        let ours = try #require(LagProbe.parse("dummyrunner_echo_response:100.250000,100.270000\r\n", receivedAt: 100.3))
        #expect(abs(ours.inbound - 0.02) < 1e-9)
        #expect(LagProbe.parse("dummyrunner_echo_response: 100.25,100.27 and more\r\n", receivedAt: 100.3) == nil)
        #expect(LagProbe.parse("dummyrunner_echo_response: 100.25,\u{1B}[0m\r\n", receivedAt: 100.3) == nil)
        #expect(LagProbe.parse("dummyrunner_echo_response:,100.27", receivedAt: 100.3) == nil)
        #expect(LagProbe.parse("Command 'dummyrunner_echo_response' is not available.", receivedAt: 100.3) == nil)
    }

    /// A bot that logs in with one line and then sends a lag probe every turn.
    static func probeBot() -> BotSession {
        var profile = RunnerProfile(name: "probe")
        profile.chanceOfAction = 1
        profile.login = ["connect a b"]
        profile.actions = [WeightedAction(name: "lag_probe", weight: 1, commands: ["dummyrunner_echo_response {timestamp}"])]
        return BotSession(profile: profile, memory: BotMemory(gid: "g", password: "p"))
    }

    @Test func lagMathsAgainstAFakeClock() throws {
        var bot = Self.probeBot()
        var statistics = RunStatistics()
        var generator = SeededGenerator(seed: 1)
        #expect(bot.tick(due: 100, now: 100, login: true, statistics: &statistics, using: &generator) == .connect)
        bot.connected()
        #expect(bot.received("Welcome", now: 100.01, statistics: &statistics) == .send(["connect a b"]))
        #expect(bot.received("You become g.", now: 100.02, statistics: &statistics) == .none)
        #expect(bot.isLoggedIn)
        // The turn is due at 101.0 but runs 0.25 s late; the probe carries its real send time.
        let effect = bot.tick(due: 101, now: 101.25, login: false, statistics: &statistics, using: &generator)
        #expect(effect == .send(["dummyrunner_echo_response 101.250000"]))
        _ = bot.received("dummyrunner_echo_response:101.250000,101.270000\r\n", now: 101.30, statistics: &statistics)
        let book = statistics.totalLatency
        #expect(book.lagTotal.totalCount == 1)
        #expect(book.lagTotal.max == book.lagTotal.highestEquivalentForValue(50_000))
        #expect(book.lagInbound.valuesAreEquivalent(book.lagInbound.max, 20_000))
        #expect(book.lagOutbound.valuesAreEquivalent(book.lagOutbound.max, 30_000))
        // Corrected for coordinated omission: from the scheduled 101.0, not the late 101.25.
        #expect(book.lagCorrected.valuesAreEquivalent(book.lagCorrected.max, 300_000))
        #expect(book.roundTrip.valuesAreEquivalent(book.roundTrip.max, 50_000))
        #expect(book.roundTripCorrected.valuesAreEquivalent(book.roundTripCorrected.max, 300_000))
        let averages = book.averageLagMilliseconds
        #expect(abs(averages.total - 50) < 1e-6 && abs(averages.inbound - 20) < 1e-6 && abs(averages.outbound - 30) < 1e-6)
        #expect(statistics.total.replies == 2 && statistics.total.commands == 2 && statistics.total.actions == 1)
        // A reply that never comes is a timeout at the next turn past the limit.
        _ = bot.tick(due: 102, now: 102, login: false, statistics: &statistics, using: &generator)
        _ = bot.tick(due: 113, now: 113, login: false, statistics: &statistics, using: &generator)
        #expect(statistics.total.timeouts == 1)
    }

    @Test func aProbeWaitsForItsEchoPastOtherOutput() throws {
        var bot = Self.probeBot()
        var statistics = RunStatistics()
        var generator = SeededGenerator(seed: 1)
        bot.logIn(statistics: &statistics, generator: &generator)
        #expect(bot.tick(due: 101, now: 101, login: false, statistics: &statistics, using: &generator)
            == .send(["dummyrunner_echo_response 101.000000"]))
        // Another player's arrival comes first: not the probe's reply.
        #expect(bot.received("Bob arrives.\r\n", now: 101.01, statistics: &statistics) == .none)
        #expect(statistics.total.replies == 1 && statistics.totalLatency.lagTotal.totalCount == 0)
        _ = bot.received("dummyrunner_echo_response:101.000000,101.020000\r\n", now: 101.05, statistics: &statistics)
        let book = statistics.totalLatency
        #expect(statistics.total.replies == 2 && book.lagTotal.totalCount == 1)
        #expect(book.lagTotal.valuesAreEquivalent(book.lagTotal.max, 50_000))
        #expect(book.roundTrip.valuesAreEquivalent(book.roundTrip.max, 50_000))
        // A server without the probe command refuses it: that ends the probe too, as a rejection.
        _ = bot.tick(due: 102, now: 102, login: false, statistics: &statistics, using: &generator)
        _ = bot.received("Command 'dummyrunner_echo_response' is not available.\r\n", now: 102.01, statistics: &statistics)
        #expect(statistics.total.replies == 3 && statistics.total.rejected == 1)
        #expect(statistics.totalLatency.lagTotal.totalCount == 1)
        _ = bot.tick(due: 113, now: 113, login: false, statistics: &statistics, using: &generator)
        #expect(statistics.total.timeouts == 0)
    }

    @Test func onlyLoopbackTargetsWithoutAllowRemote() throws {
        for host in ["127.0.0.1", "127.5.6.7", "localhost", "::1"] {
            #expect(throws: Never.self) { try RunTarget(host: host, port: 4000, allowRemote: false) }
        }
        for host in ["10.0.0.1", "192.168.1.2", "8.8.8.8", "example.com", "128.0.0.1", "127.0.0", "0.0.0.0"] {
            #expect(throws: RunTargetError.notLoopback(host)) { try RunTarget(host: host, port: 4000, allowRemote: false) }
        }
        #expect(try RunTarget(host: "10.0.0.1", port: 4000, allowRemote: true).host == "10.0.0.1")
        #expect(try RunTarget(host: "localhost", port: 4000, allowRemote: false).host == "127.0.0.1")
    }

    @Test func profilingModeIsOffByDefaultAndRelaxesLimits() throws {
        #expect(ServerConfig().profilingMode == false)
        #expect(ServerConfig().applyingProfilingMode() == ServerConfig())
        let config = try ServerConfig.parse("profiling_mode = true\n", file: "c")
        let relaxed = config.applyingProfilingMode()
        #expect(relaxed.passwordRounds == 1)
        #expect(relaxed.newAccountPermission == .builder)
        #expect(relaxed.maxConnectionsPerAddress >= 100_000 && relaxed.loginFailLimit >= 100_000)
        #expect(ServerConfig().rendered().contains("profiling_mode = false"))
    }
}

extension BotSession {
    /// A test bot's login: its turn at 100, the banner at 100.01, and its one login line's reply at
    /// 100.02 (closed by a mark when the server marks replies).
    mutating func logIn(statistics: inout RunStatistics, generator: inout SeededGenerator, marked: Bool = false) {
        _ = tick(due: 100, now: 100, login: true, statistics: &statistics, using: &generator)
        connected()
        if marked { serverMarksReplies(true) }
        _ = received("Welcome", now: 100.01, statistics: &statistics)
        _ = received("You become g.\r\n", now: 100.02, statistics: &statistics)
        if marked { _ = receivedMark(now: 100.02, statistics: &statistics) }
    }
}
