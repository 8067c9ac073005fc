import ArgumentParser
import ProfileKit

/// The exports and the diff: each output written whole, or an error naming it and exit status 2.
extension ProfStats {
    func runProfileExports(_ outputs: [(format: ExportFormat, path: String)], session: StatsSession) throws {
        let profile = session.profile
        for (format, path) in outputs {
            try write(path) { (sink: ByteSink) throws(ExportError) in
                switch format {
                case .callgrind:
                    // Streamed: a large profile's callgrind file is several times its size.
                    try CallgrindExporter(unit: exports.callgrindUnit,
                                          compatibility: exports.pyprof2calltree ? .pyprof2calltree : .none)
                        .export(.profile(profile), to: sink)
                case .dot, .svg, .png:
                    let dot = try DotExporter(options: try exports.dotOptions()).export(.profile(profile))
                    guard format != .dot else { return dot.withUnsafeBufferPointer { sink($0) } }
                    let image: [UInt8]
                    do {
                        image = try GraphvizRenderer().render(dot: String(decoding: dot, as: UTF8.self),
                                                              as: format == .svg ? .svg : .png)
                    } catch {
                        throw .rendering("\(error)")
                    }
                    image.withUnsafeBufferPointer { sink($0) }
                case .json:
                    var ignored = ""
                    let list = session.printList(restrictions, into: &ignored)
                    let functions = profile.functions
                    try JSONExporter(selection: list.map { functions[$0].key }, totals: totals(session))
                        .export(.profile(profile), to: sink)
                case .folded, .flamegraph:
                    throw .needsStacks(format)
                }
            }
        }
    }

    func runStackExports(_ outputs: [(format: ExportFormat, path: String)]) throws {
        if let other = outputs.first(where: { $0.format.input == .profile }) {
            throw ValidationError("\(other.format.flag) needs .prof input and \(outputs.first { $0.format.input == .stacks }!.format.flag) folded stacks; run them separately.")
        }
        var all: [FoldedStacks.Stack] = []
        for path in files {
            let bytes: [UInt8]
            do {
                bytes = try RawFile.read(path).bytes
            } catch {
                StandardStreams.fail("\(path): \(error.description)")
                throw ExitCode(2)
            }
            if (try? Profile(pstatsData: bytes)) != nil {
                StandardStreams.fail("\(path): \(ExportError.needsStacks(outputs[0].format).description)")
                throw ExitCode(2)
            }
            do {
                all += try FoldedStacks(parsing: bytes).stacks
            } catch {
                StandardStreams.fail("\(path): \(error.description)")
                throw ExitCode(2)
            }
        }
        let stacks = FoldedStacks(all)
        for (format, path) in outputs {
            try write(path) { () throws(ExportError) -> [UInt8] in
                format == .folded
                    ? try FoldedStacksExporter().export(.stacks(stacks))
                    : try FlameGraphExporter(title: exports.title).export(.stacks(stacks))
            }
        }
    }

    func runDiff() throws {
        guard let basePath = exports.diff else { return }
        var base = try ProfileLoader.session([basePath])
        var new = try ProfileLoader.session(files)
        if stripDirs {
            base.stripDirectories()
            new.stripDirectories()
        }
        let diff = ProfileDiff(base: base.profile, new: new.profile, baseTotals: totals(base), newTotals: totals(new))
        var entries = diff.entries(sortedBy: try SortKey.parse(sort))
        if reverse { entries.reverse() }
        entries = Restriction.apply(restrictions, to: entries) { $0.key.standardName }
        let selected = entries
        if let json = exports.json {
            try write(json) { () throws(ExportError) -> [UInt8] in Array(diff.json(entries: selected).utf8) }
        } else {
            StandardStreams.write(diff.text(entries: selected))
        }
    }

    private func totals(_ session: StatsSession) -> ProfileTotals {
        ProfileTotals(calls: session.totalCalls, primitiveCalls: session.primitiveCalls, time: session.totalTime,
                      functionCount: session.profile.count)
    }

    /// Makes an output and writes it; a failure names the output and exits with status 2.
    private func write(_ path: String, _ make: () throws(ExportError) -> [UInt8]) throws {
        try write(path) { (sink: ByteSink) throws(ExportError) in try make().withUnsafeBufferPointer { sink($0) } }
    }

    /// Writes an output as `produce` makes it; a failure names the output and exits with status 2.
    private func write(_ path: String, _ produce: (ByteSink) throws(ExportError) -> Void) throws {
        do {
            try OutputFile.write(to: path, produce)
        } catch let error as ExportError {
            StandardStreams.fail("\(path): \(error.description)")
            throw ExitCode(2)
        } catch let error as OutputFile.Error {
            StandardStreams.fail(error.description)
            throw ExitCode(2)
        }
    }
}
