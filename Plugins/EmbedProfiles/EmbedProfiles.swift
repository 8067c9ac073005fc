import Foundation
import PackagePlugin

/// Compiles the dummyrunner's built-in profiles (share/dummyrunner/*.toml) into the server: the
/// files stay the one copy, and a fresh build runs them from any directory.
@main
struct EmbedProfiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "share/dummyrunner")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "toml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinProfiles+Texts.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) dummyrunner profiles",
                executable: try context.tool(named: "EmbedText").url,
                arguments: [output.path, "BuiltinProfiles"] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]),
        ]
    }
}
