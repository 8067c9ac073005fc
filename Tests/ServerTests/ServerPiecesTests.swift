import Testing
@testable import Server

@Suite struct ServerPiecesTests {
    @Test func outboxReleasesInOrderAfterCommit() {
        var outbox = Outbox<String>()
        #expect(outbox.add(["a"], after: 0) == ["a"])
        #expect(outbox.add(["b"], after: 1) == [])
        #expect(outbox.add(["c"], after: 0) == [])
        #expect(outbox.add(["d"], after: 2) == [])
        #expect(outbox.commit(upTo: 1) == ["b", "c"])
        #expect(outbox.waiting == 1)
        #expect(outbox.commit(upTo: 2) == ["d"])
        #expect(outbox.add(["e"], after: 0) == ["e"])
        #expect(outbox.waiting == 0)
    }

    @Test func outboxKeepsOrderAcrossManyCommits() {
        // Replies with and without changes interleave; whatever the commit order of the batches'
        // acknowledgements, every reply leaves once, in the order it was added.
        var outbox = Outbox<Int>()
        var sent: [Int] = []
        var sequence: UInt64 = 0
        for reply in 0..<500 {
            let changes = reply % 3 == 0
            if changes { sequence += 1 }
            sent += outbox.add([reply], after: changes ? sequence : 0)
            if reply % 7 == 6 { sent += outbox.commit(upTo: sequence - 1) }
            if reply % 11 == 10 { sent += outbox.commit(upTo: sequence) }
        }
        sent += outbox.commit(upTo: sequence)
        #expect(sent == Array(0..<500))
        #expect(outbox.waiting == 0)
        #expect(outbox.add([500], after: 0) == [500])
    }

    @Test func throttleBlocksAfterLimitThenForgets() {
        var throttle = LoginThrottle(limit: 3, window: 10)
        for time in [0.0, 1, 2] {
            #expect(throttle.wait(for: "1.2.3.4", now: time) == nil)
            throttle.recordFailure(from: "1.2.3.4", now: time)
        }
        #expect(throttle.wait(for: "1.2.3.4", now: 3) == 7)
        #expect(throttle.wait(for: "5.6.7.8", now: 3) == nil)
        #expect(throttle.wait(for: "1.2.3.4", now: 10.5) == nil)
    }

    @Test func configRoundTripsAndRejectsBadLines() throws {
        var config = ServerConfig()
        config.port = 4321
        config.newAccountPermission = .builder
        config.loginFailWindow = 2.5
        #expect(try ServerConfig.parse(config.rendered(), file: "x") == config)
        #expect(throws: LauncherError.badConfig(file: "c", line: 2, reason: "unknown setting `prot`")) {
            try ServerConfig.parse("port = 1\nprot = 2", file: "c")
        }
        #expect(throws: LauncherError.badConfig(file: "c", line: 1, reason: "bad value `99999` for port")) {
            try ServerConfig.parse("port = 99999", file: "c")
        }
    }

    @Test func passwordHashesVerifyAndAreSalted() throws {
        let hasher = PasswordHasher(rounds: 1000)
        let first = try hasher.hash("correct horse")
        let second = try hasher.hash("correct horse")
        #expect(first != second)
        #expect(first.hasPrefix("pbkdf2_sha256$1000$"))
        #expect(try PasswordHasher.verify("correct horse", against: first))
        #expect(try !PasswordHasher.verify("correct horsE", against: first))
        #expect(try !PasswordHasher.verify("x", against: "garbage"))
    }

    @Test func pidFileRoundTrips() {
        let record = PidFile(pid: 42, port: 4000, bind: "127.0.0.1", startedAt: 1700000000.5)
        #expect(PidFile.parse(record.text) == record)
        #expect(PidFile.parse("pid=1\n") == nil)
    }

    @Test func durations() {
        #expect(Game.duration(59) == "59s")
        #expect(Game.duration(600) == "10m")
        #expect(Game.duration(3 * 3600 + 300) == "3h05m")
        #expect(Game.duration(2 * 86400 + 4 * 3600) == "2d04h")
    }
}
