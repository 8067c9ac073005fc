import ProfileKit

/// The keys' meaning: a pure function from the model and a key to the next model and the effects
/// to carry out (htop's key table, as a value).
enum KeyReducer {
    /// Applies `key` to `model`, returning what the outside world must do.
    static func reduce(_ model: inout DashboardModel, _ key: Key) -> [DashboardEffect] {
        if let prompt = model.prompt {
            return answer(prompt, key, &model)
        }
        model.status = nil
        if model.showingHelp {
            // Any key closes help; q still quits at once.
            model.showingHelp = false
            return key == .character("q") ? [.quit] : []
        }
        switch key {
        case .character("q"), .character("Q"):
            return [.quit]
        case .character("?"), .character("h"):
            model.showingHelp = true
        case .character(" "):
            model.togglePause()
        case .tab:
            model.panel = Panel(rawValue: (model.panel.rawValue + 1) % Panel.allCases.count) ?? .slowestCommands
        case .backTab:
            let count = Panel.allCases.count
            model.panel = Panel(rawValue: (model.panel.rawValue + count - 1) % count) ?? .slowestCommands
        case .character("<"), .character(","), .left:
            moveSort(&model, by: -1)
        case .character(">"), .character("."), .right:
            moveSort(&model, by: 1)
        case .up, .down:
            model.sorts[model.panel, default: model.panel.defaultSort].descending.toggle()
        case .character("/"):
            model.prompt = .filter
        case .character(let digit) where digit.wholeNumberValue.flatMap(GraphWindow.init(rawValue:)) != nil:
            model.graphWindow = digit.wholeNumberValue.flatMap(GraphWindow.init(rawValue:)) ?? model.graphWindow
        case .character("P"):
            let running = model.latest?.profiler.running ?? false
            model.prompt = .confirm(running ? .profilerStop : .profilerStart)
        case .character("D"):
            model.prompt = .confirm(.profilerDump)
        case .character("F"):
            model.prompt = .confirm(.flushIdleObjects)
        case .escape:
            model.filter = ""
        default:
            break
        }
        return []
    }

    private static func answer(_ prompt: Prompt, _ key: Key, _ model: inout DashboardModel) -> [DashboardEffect] {
        switch prompt {
        case .confirm(let command):
            model.prompt = nil
            if key == .character("y") || key == .character("Y") {
                model.status = StatusMessage(text: "sent \(command.rawValue)", isError: false)
                return [.send(command)]
            }
            model.status = StatusMessage(text: "cancelled", isError: false)
        case .filter:
            switch key {
            case .enter, .tab:
                model.prompt = nil
            case .escape:
                model.filter = ""
                model.prompt = nil
            case .backspace:
                if !model.filter.isEmpty { model.filter.removeLast() }
            case .character(let character) where model.filter.count < 40:
                model.filter.append(character)
            default:
                break
            }
        }
        return []
    }

    private static func moveSort(_ model: inout DashboardModel, by step: Int) {
        let count = model.panel.columnCount
        var sort = model.sorts[model.panel, default: model.panel.defaultSort]
        sort.column = (sort.column + step + count) % count
        model.sorts[model.panel] = sort
    }
}
