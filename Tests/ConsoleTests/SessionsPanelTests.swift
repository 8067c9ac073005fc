import Foundation
import Testing
import ProfileKit
@testable import Console

/// The sessions panel (issue 8): Tab reaches it, it draws the newest session list at every size,
/// sorts with < > and filters with /, and says why it is empty.
@Suite struct SessionsPanelTests {
    /// The played fixture with the sessions panel selected (Tab twice).
    static func sessionsModel(charset: Charset = .unicode) throws -> DashboardModel {
        var model = try ReplayFixture.playedModel(charset: charset)
        _ = KeyReducer.reduce(&model, .tab)
        _ = KeyReducer.reduce(&model, .tab)
        return model
    }

    @Test(arguments: [(80, 24), (120, 40), (40, 10), (40, 24)])
    func sessionsPanelAtSize(width: Int, height: Int) throws {
        let model = try Self.sessionsModel()
        #expect(model.panel == .sessions)
        let grid = DashboardRenderer.render(model, width: width, height: height)
        let lines = grid.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == height && lines.allSatisfy { $0.count <= width })
        if height >= 24 {
            // The least idle session first; the login-screen ones say so.
            #expect(grid.text.contains("Sessions"))
            #expect(grid.text.contains("Mira") || grid.text.contains("(logging in)"))
        }
        if let problem = try ReplayFixture.checkGolden(grid.text, "sessions-\(width)x\(height).txt") {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test func rowsComeFromTheNewestListSortedByIdleFirst() throws {
        let model = try Self.sessionsModel()
        let text = DashboardRenderer.render(model, width: 120, height: 60).text
        let list = try #require(model.latest?.sessionList)
        #expect(list.sessions.count == ReplayFixture.players.count)
        #expect(text.contains("22 connected"))
        for entry in list.sessions { #expect(text.contains(entry.address)) }
        let idle = list.sessions.map(\.idleSeconds)
        let first = try #require(list.sessions.first { $0.idleSeconds == idle.min() })
        let last = try #require(list.sessions.first { $0.idleSeconds == idle.max() })
        #expect(try #require(text.range(of: first.address)).lowerBound < #require(text.range(of: last.address)).lowerBound)
        #expect(text.contains("name") && text.contains("address") && text.contains("idle▲") && text.contains("cmds")
                && text.contains("room"))
    }

    @Test func sortKeysAndFilterWork() throws {
        var model = try Self.sessionsModel()
        // < from idle goes to name; < again wraps to room; > comes back to name.
        _ = KeyReducer.reduce(&model, .character("<"))
        #expect(model.sorts[.sessions] == PanelSort(column: 0, descending: false))
        _ = KeyReducer.reduce(&model, .character("<"))
        #expect(model.sorts[.sessions] == PanelSort(column: 4, descending: false))
        _ = KeyReducer.reduce(&model, .character(">"))
        #expect(model.sorts[.sessions] == PanelSort(column: 0, descending: false))
        let byName = DashboardRenderer.render(model, width: 100, height: 60).text
        #expect(try #require(byName.range(of: "Bram")).lowerBound < #require(byName.range(of: "Corwin")).lowerBound)
        #expect(try #require(byName.range(of: "Rowan")).lowerBound < #require(byName.range(of: "Sable")).lowerBound)
        // > > to cmds, down flips to most commands first.
        for _ in 0..<2 { _ = KeyReducer.reduce(&model, .character(">")) }
        _ = KeyReducer.reduce(&model, .down)
        #expect(model.sorts[.sessions] == PanelSort(column: 2, descending: true))
        let byCommands = DashboardRenderer.render(model, width: 100, height: 60).text
        #expect(try #require(byCommands.range(of: "Sable")).lowerBound < #require(byCommands.range(of: "Mira")).lowerBound)
        // The other panels keep their own sort.
        #expect(model.sorts[.slowestCommands] == Panel.slowestCommands.defaultSort)

        // / matches name, address or room.
        _ = KeyReducer.reduce(&model, .character("/"))
        for character in "market" { _ = KeyReducer.reduce(&model, .character(character)) }
        _ = KeyReducer.reduce(&model, .enter)
        let market = DashboardRenderer.render(model, width: 100, height: 60).text
        #expect(market.contains("Tobin") && market.contains("Fenwick") && market.contains("Marek") && market.contains("Sable"))
        #expect(!market.contains("Mira") && !market.contains("Riverside"))
        _ = KeyReducer.reduce(&model, .character("/"))
        for _ in 0..<6 { _ = KeyReducer.reduce(&model, .backspace) }
        for character in "192.0.2.2" { _ = KeyReducer.reduce(&model, .character(character)) }
        let address = DashboardRenderer.render(model, width: 100, height: 60).text
        #expect(address.contains("192.0.2.201") && address.contains("192.0.2.250") && !address.contains("192.0.2.15 "))
        for character in "zzz" { _ = KeyReducer.reduce(&model, .character(character)) }
        #expect(DashboardRenderer.render(model, width: 100, height: 60).text.contains("no session matches the filter"))
    }

    @Test func emptyPanelSaysWhy() throws {
        // History carries no list: a replay of it says so.
        let history = try ReplayFixture.playedModel().history.prefix(ReplayFixture.historyCount)
        var replayed = DashboardModel(connection: .replaying(file: "metrics.db"))
        replayed.merge(Array(history))
        replayed.panel = .sessions
        #expect(DashboardRenderer.render(replayed, width: 80, height: 24).text.contains("no session list in this recording"))

        // A 1.0 server never sends one; a 1.1 server's first snapshot may come before its list.
        var old = DashboardModel(connection: .connecting(target: "g/admin.sock"))
        old.apply(.attached(AdminHello(protocolVersion: AdminProtocolVersion(major: 1, minor: 0), server: ReplayFixture.server)))
        old.apply(.snapshots([history[history.startIndex]]))
        old.panel = .sessions
        #expect(DashboardRenderer.render(old, width: 80, height: 24).text.contains("the server (admin protocol 1.0) sends no session list"))
        var current = old
        current.apply(.attached(AdminHello(server: ReplayFixture.server)))
        #expect(DashboardRenderer.render(current, width: 80, height: 24).text.contains("waiting for the session list"))

        var none = history[history.startIndex]
        none.time += 10_000
        none.sessionList = SessionList(total: 0, sessions: [])
        current.apply(.snapshots([none]))
        #expect(DashboardRenderer.render(current, width: 80, height: 24).text.contains("no sessions connected"))
    }

    @Test func aCappedListSaysHowManyOfHowMany() throws {
        var model = try Self.sessionsModel()
        var latest = try #require(model.latest)
        latest.time += 1
        latest.sessionList = SessionList(total: 5_000, sessions: Array(ReplayFixture.sessionList(second: 0).sessions.prefix(3)))
        model.apply(.snapshots([latest]))
        let text = DashboardRenderer.render(model, width: 80, height: 24).text
        #expect(text.contains("3 of 5,000"))
    }

    @Test func narrowScreensShortenTheTabsSoTheSelectedOneShows() throws {
        let model = try Self.sessionsModel()
        for width in 40...70 {
            let text = DashboardRenderer.render(model, width: width, height: 24).text
            #expect(text.split(separator: "\n").contains { $0.hasSuffix(" Sessions") || $0.contains(" Sessions  ") },
                    "width \(width)")
            #expect(text.split(separator: "\n").allSatisfy { $0.count <= width })
        }
        let ascii = DashboardRenderer.render(try Self.sessionsModel(charset: .ascii), width: 80, height: 24).text
        #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(ascii.contains("idle^"))
    }
}
