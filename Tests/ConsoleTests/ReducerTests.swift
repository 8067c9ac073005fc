import Testing
import ProfileKit
@testable import Console

/// The key reducer: keys in, model and effects out, no terminal.
@Suite struct ReducerTests {
    func model() throws -> DashboardModel { try ReplayFixture.playedModel() }

    @Test func qQuitsAndHelpOpensAndCloses() throws {
        var m = try model()
        #expect(KeyReducer.reduce(&m, .character("q")) == [.quit])
        #expect(KeyReducer.reduce(&m, .character("?")).isEmpty)
        #expect(m.showingHelp)
        #expect(KeyReducer.reduce(&m, .character("x")).isEmpty)
        #expect(!m.showingHelp)
        _ = KeyReducer.reduce(&m, .character("h"))
        #expect(m.showingHelp)
        #expect(KeyReducer.reduce(&m, .character("q")) == [.quit])
    }

    @Test func spaceFreezesTheGraphsWhileDataArrives() throws {
        var m = try model()
        let latest = try #require(m.latest)
        _ = KeyReducer.reduce(&m, .character(" "))
        #expect(m.isPaused)
        var next = latest
        next.time += 1
        next.sequence += 1
        m.apply(.snapshots([next]))
        #expect(m.latest == latest)
        #expect(m.heldBack == 1)
        #expect(m.history.last == next)
        _ = KeyReducer.reduce(&m, .character(" "))
        #expect(m.latest == next)
    }

    @Test func tabCyclesPanelsAndSortKeysMove() throws {
        var m = try model()
        #expect(m.panel == .slowestCommands)
        _ = KeyReducer.reduce(&m, .tab)
        #expect(m.panel == .hotFunctions)
        _ = KeyReducer.reduce(&m, .tab)
        #expect(m.panel == .sessions)
        _ = KeyReducer.reduce(&m, .tab)
        #expect(m.panel == .slowestCommands)
        _ = KeyReducer.reduce(&m, .backTab)
        #expect(m.panel == .sessions)
        _ = KeyReducer.reduce(&m, .tab)
        _ = KeyReducer.reduce(&m, .character(">"))
        #expect(m.sorts[.slowestCommands]?.column == 3)
        _ = KeyReducer.reduce(&m, .left)
        _ = KeyReducer.reduce(&m, .character("<"))
        #expect(m.sorts[.slowestCommands]?.column == 1)
        _ = KeyReducer.reduce(&m, .down)
        #expect(m.sorts[.slowestCommands]?.descending == false)
        for _ in 0..<5 { _ = KeyReducer.reduce(&m, .right) }
        #expect(m.sorts[.slowestCommands]?.column == 1)
    }

    @Test func sortOrdersTheRenderedRows() throws {
        var m = try model()
        let byTotal = DashboardRenderer.render(m, width: 80, height: 24).text
        #expect(try #require(byTotal.range(of: "look")).lowerBound < #require(byTotal.range(of: "say")).lowerBound)
        _ = KeyReducer.reduce(&m, .character("<"))
        _ = KeyReducer.reduce(&m, .character("<"))
        _ = KeyReducer.reduce(&m, .up)
        let byName = DashboardRenderer.render(m, width: 80, height: 24).text
        #expect(try #require(byName.range(of: "@dig")).lowerBound < #require(byName.range(of: "get")).lowerBound)
        #expect(try #require(byName.range(of: "get")).lowerBound < #require(byName.range(of: "look")).lowerBound)
    }

    @Test func slashEditsTheFilter() throws {
        var m = try model()
        _ = KeyReducer.reduce(&m, .character("/"))
        #expect(m.prompt == .filter)
        for c in "lox" { _ = KeyReducer.reduce(&m, .character(c)) }
        _ = KeyReducer.reduce(&m, .backspace)
        _ = KeyReducer.reduce(&m, .enter)
        #expect(m.filter == "lo" && m.prompt == nil)
        let text = DashboardRenderer.render(m, width: 80, height: 24).text
        #expect(text.contains("look") && !text.contains(" say "))
        _ = KeyReducer.reduce(&m, .escape)
        #expect(m.filter.isEmpty)
    }

    @Test func digitsChooseTheGraphWindow() throws {
        var m = try model()
        for (digit, window) in [("1", GraphWindow.oneMinute), ("2", .tenMinutes), ("3", .oneHour), ("4", .all)] {
            _ = KeyReducer.reduce(&m, .character(Character(digit)))
            #expect(m.graphWindow == window)
        }
        _ = KeyReducer.reduce(&m, .character("1"))
        #expect(m.windowHistory.count == 60)
        _ = KeyReducer.reduce(&m, .character("9"))
        #expect(m.graphWindow == .oneMinute)
    }

    @Test func serverCommandsAskFirst() throws {
        var m = try model()
        #expect(m.latest?.profiler.running == true)
        #expect(KeyReducer.reduce(&m, .character("P")).isEmpty)
        #expect(m.prompt == .confirm(.profilerStop))
        #expect(KeyReducer.reduce(&m, .character("n")).isEmpty)
        #expect(m.prompt == nil)
        _ = KeyReducer.reduce(&m, .character("D"))
        #expect(KeyReducer.reduce(&m, .character("y")) == [.send(.profilerDump)])
        _ = KeyReducer.reduce(&m, .character("F"))
        #expect(m.prompt == .confirm(.flushIdleObjects))
        #expect(KeyReducer.reduce(&m, .character("q")).isEmpty, "q answers no, it does not quit mid-question")
        var off = DashboardModel(connection: .connected)
        _ = KeyReducer.reduce(&off, .character("P"))
        #expect(off.prompt == .confirm(.profilerStart))
    }

    @Test func resultsAndFailuresReachTheFooter() throws {
        var m = try model()
        m.apply(.result(AdminCommandResult(command: .profilerDump, message: "wrote /srv/game/server.prof", path: "/srv/game/server.prof")))
        #expect(DashboardRenderer.render(m, width: 80, height: 24).text.contains("wrote /srv/game/server.prof"))
        let replay = ReplaySource(recording: ReplayRecording(), name: "x.jsonl", interval: 0)
        for event in replay.send(.flushIdleObjects) { m.apply(event) }
        #expect(m.status?.isError == true)
        #expect(DashboardRenderer.render(m, width: 80, height: 24).text.contains("not connected to a server"))
        _ = KeyReducer.reduce(&m, .character("1"))
        #expect(m.status == nil)
    }

    @Test func historyMergesInTimeOrderWithoutDuplicates() throws {
        var m = try model()
        let history = m.history
        m.merge(Array(history.suffix(50)))
        #expect(m.history == history)
        var fresh = DashboardModel(connection: .connected)
        fresh.merge(Array(history[100..<150]))
        fresh.merge(Array(history[0..<120]))
        #expect(fresh.history == Array(history[0..<150]))
    }
}
