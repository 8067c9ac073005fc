import Foundation
import Testing
import ProfileKit
@testable import Console

/// The screen as text at fixed sizes, from the replayed fixture, against golden files
/// (MUDSCOPE_RECORD_GOLDEN=1 re-records them).
@Suite struct RenderTests {
    @Test func fixtureFileIsWhatTheGeneratorMakes() throws {
        let url = URL(fileURLWithPath: ReplayFixture.path)
        let made = ReplayFixture.bytes()
        if ReplayFixture.recording || !FileManager.default.fileExists(atPath: url.path) {
            try Data(made).write(to: url)
        }
        #expect(Array(try Data(contentsOf: url)) == made)
    }

    @Test(arguments: [(80, 24), (120, 40), (40, 10), (100, 30)])
    func dashboardAtSize(width: Int, height: Int) throws {
        var model = try ReplayFixture.playedModel()
        // 80x24 keeps the 10-minute window (three minutes of data at the right); the others show all.
        if width != 80 { model.graphWindow = .all }
        let grid = DashboardRenderer.render(model, width: width, height: height)
        #expect(grid.width == width && grid.height == height)
        if let problem = try ReplayFixture.checkGolden(grid.text, "dashboard-\(width)x\(height).txt") {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test func aDatabaseHoldingRefusedWritesIsFlaggedInTheHeader() throws {
        var model = try ReplayFixture.playedModel()
        let header = { (model: DashboardModel) in
            DashboardRenderer.render(model, width: 120, height: 40).text.split(separator: "\n")[1]
        }
        #expect(!header(model).contains("UNSAVED"))
        var failing = try #require(model.history.last)
        failing.time += 1
        failing.database.unsavedWrites = 1_234
        model.merge([failing])
        #expect(header(model).contains("db 42.5 w/s q4 UNSAVED 1,234  cache"), "\(header(model))")
    }

    @Test func asciiFallbackUsesOnlyASCII() throws {
        let model = try ReplayFixture.playedModel(charset: .ascii)
        let grid = DashboardRenderer.render(model, width: 80, height: 24)
        #expect(grid.text.unicodeScalars.allSatisfy { $0.isASCII })
        if let problem = try ReplayFixture.checkGolden(grid.text, "dashboard-ascii-80x24.txt") {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test func hotFunctionsPanelHelpAndPromptScreens() throws {
        var model = try ReplayFixture.playedModel()
        _ = KeyReducer.reduce(&model, .tab)
        _ = KeyReducer.reduce(&model, .character("1"))
        _ = KeyReducer.reduce(&model, .character("P"))
        let panel = DashboardRenderer.render(model, width: 80, height: 24)
        #expect(panel.text.contains("Room.renderDescription"))
        #expect(panel.text.contains("Stop the profiler on the server? (y/n)"))
        if let problem = try ReplayFixture.checkGolden(panel.text, "hot-functions-80x24.txt") {
            Issue.record(Comment(rawValue: problem))
        }
        _ = KeyReducer.reduce(&model, .character("n"))
        _ = KeyReducer.reduce(&model, .character("?"))
        let help = DashboardRenderer.render(model, width: 80, height: 24)
        #expect(help.text.contains("mudtop keys"))
        if let problem = try ReplayFixture.checkGolden(help.text, "help-80x24.txt") {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test func everySizeFromTheSmallestFitsWithoutStrayCells() throws {
        let model = try ReplayFixture.playedModel()
        for width in stride(from: 40, through: 200, by: 7) {
            for height in stride(from: 10, through: 60, by: 5) {
                let grid = DashboardRenderer.render(model, width: width, height: height)
                let lines = grid.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                #expect(lines.count == height)
                #expect(lines.allSatisfy { $0.count <= width }, "\(width)x\(height)")
                #expect(grid.text.contains("Lantern Hollow"))
            }
        }
        let tiny = DashboardRenderer.render(model, width: 30, height: 6)
        #expect(tiny.text.hasPrefix("mudtop needs 40x10"))
    }

    @Test func emptyModelSaysItIsWaiting() {
        let model = DashboardModel(connection: .connecting(target: "game/admin.sock"))
        let text = DashboardRenderer.render(model, width: 80, height: 24).text
        #expect(text.contains("connecting to game/admin.sock"))
        #expect(text.contains("waiting for the first snapshot"))
    }

    @Test func disconnectedKeepsHistoryAndSaysRetrying() throws {
        var model = try ReplayFixture.playedModel()
        let count = model.history.count
        model.apply(.disconnected(reason: "the server closed the connection", retryIn: 2))
        let text = DashboardRenderer.render(model, width: 80, height: 24).text
        #expect(text.contains("disconnected, retrying"))
        #expect(model.history.count == count)
        #expect(text.contains("⣿") || text.contains("⣀"))
    }

    @Test func brailleGraphRisesWithTheValue() {
        let graph = HistoryGraph(charset: .unicode)
        var grid = CellGrid(width: 4, height: 1)
        let points = [(time: 1.0, value: 0.0), (time: 2.0, value: 25.0), (time: 3.0, value: 50.0), (time: 4.0, value: 75.0),
                      (time: 5.0, value: 100.0), (time: 6.0, value: 100.0), (time: 7.0, value: 10.0), (time: 8.0, value: 60.0)]
        graph.draw(points, start: 0, end: 8, scale: 100, into: &grid, x: 0, y: 0, columns: 4, rows: 1, style: .graphStyle)
        // Slots: 0,1 | 2,3 | 4,4 | 1,2 dots (left column bottom-up 0x40,0x04,0x02,0x01; right 0x80,0x20,0x10,0x08).
        #expect(grid.text == "⢀⣴⣿⣠\n")
    }
}

extension CellStyle {
    /// Any graph style, for drawing tests.
    static let graphStyle = CellStyle.barCommands
}
