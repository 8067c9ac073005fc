#if canImport(Glibc)
import Glibc
#endif

/// The interactive loop: waits for keys or source input, folds them into the model, redraws
/// only when something changed. Idle costs nothing: it sleeps in `poll` until a byte or a deadline.
final class DashboardLoop {
    private let screen: any TerminalScreen
    private let source: any MetricsSource
    private(set) var model: DashboardModel

    /// A loop drawing `model` on `screen`, fed by `source`.
    init(screen: any TerminalScreen, source: any MetricsSource, model: DashboardModel) {
        self.screen = screen
        self.source = source
        self.model = model
    }

    /// Runs until the operator quits (or the terminal goes away).
    func run() {
        var dirty = true
        while true {
            if dirty {
                let size = screen.size
                screen.show(DashboardRenderer.render(model, width: size.width, height: size.height))
                dirty = false
            }
            let (inputClosed, _) = wait()
            let events = source.step(now: MonotonicClock.now())
            for event in events { model.apply(event) }
            dirty = dirty || !events.isEmpty
            let (keys, resized) = screen.readKeys()
            dirty = dirty || resized || !keys.isEmpty
            for key in keys {
                for effect in KeyReducer.reduce(&model, key) {
                    switch effect {
                    case .quit:
                        return
                    case .send(let command):
                        for event in source.send(command) { model.apply(event) }
                    }
                }
            }
            if inputClosed { return }
        }
    }

    /// Sleeps until a key, source input or the source's deadline; reports whether the terminal hung up.
    private func wait() -> (inputClosed: Bool, timedOut: Bool) {
        var descriptors = [pollfd(fd: screen.inputDescriptor, events: Int16(POLLIN), revents: 0)]
        if let fd = source.descriptor { descriptors.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
        var timeout: Int32 = -1
        if let deadline = source.deadline {
            let milliseconds = ((deadline - MonotonicClock.now()) * 1_000).rounded(.up)
            timeout = Int32(max(0, min(milliseconds, 60_000)))
        }
        let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
        let hangUp = Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL)
        // A hung-up terminal also reports POLLIN (reads fail): any hang-up bit ends the loop, or it
        // would spin on a terminal that is gone.
        let closed = (ready > 0 && descriptors[0].revents & hangUp != 0) || (ready < 0 && errno != EINTR)
        return (closed, ready == 0)
    }
}
