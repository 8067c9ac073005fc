import Testing
@testable import Server

@Suite struct GameExecutorTests {
    @Test func runAsyncReturnsOnTheExecutor() async {
        let executor = GameExecutor()
        defer { executor.shutdown() }
        let answer: String = await withCheckedContinuation { continuation in
            executor.execute {
                executor.runAsync({ 6 * 7 }, onReturn: { value in
                    continuation.resume(returning: executor.inExecutor ? "on executor: \(value)" : "elsewhere")
                }, onError: { continuation.resume(returning: "error \($0)") })
            }
        }
        #expect(answer == "on executor: 42")
    }

    @Test func runAsyncReportsErrorsAndTimeouts() async {
        struct Broken: Error {}
        let executor = GameExecutor()
        defer { executor.shutdown() }
        let thrown: String = await withCheckedContinuation { continuation in
            executor.execute {
                executor.runAsync({ () throws -> Int in throw Broken() }, onReturn: { _ in
                    continuation.resume(returning: "returned")
                }, onError: { continuation.resume(returning: $0 is Broken ? "broken" : "other") })
            }
        }
        #expect(thrown == "broken")
        let late: String = await withCheckedContinuation { continuation in
            executor.execute {
                executor.runAsync(timeout: 0.05, { () -> Int in
                    for _ in 0..<100 { usleepSeconds(0.01) }
                    return 1
                }, onReturn: { _ in continuation.resume(returning: "returned") },
                onError: { continuation.resume(returning: "\($0)") })
            }
        }
        #expect(late == "timedOut(seconds: 0.05)")
    }

    @Test func delayRunsLaterOnTheExecutorInOrder() async {
        let executor = GameExecutor()
        defer { executor.shutdown() }
        let order: [Int] = await withCheckedContinuation { continuation in
            executor.execute {
                var seen: [Int] = []
                executor.delay(0.06) {
                    seen.append(3)
                    continuation.resume(returning: seen)
                }
                executor.delay(0.02) { seen.append(2) }
                seen.append(1)
            }
        }
        #expect(order == [1, 2, 3])
    }
}
