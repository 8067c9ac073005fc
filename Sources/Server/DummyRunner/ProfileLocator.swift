import Foundation

/// Finds a profile: a user's settings file, or a built-in one from share/dummyrunner/ (looked for
/// beside the executable and in the package root), falling back to the copy compiled in.
enum ProfileLocator {
    /// Folders searched for `NAME.toml`, in order: PREFIX/share/dummyrunner for an installed binary,
    /// the package root's share/dummyrunner for `.build/<config>/mudserver`, then the package root
    /// this source file was compiled in.
    static func searchFolders(executable: String = BackgroundLauncher.selfPath()) -> [String] {
        let binDirectory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        let sourceRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return [
            binDirectory.appendingPathComponent("../share/dummyrunner").standardizedFileURL.path,
            binDirectory.appendingPathComponent("../../share/dummyrunner").standardizedFileURL.path,
            binDirectory.appendingPathComponent("../../../share/dummyrunner").standardizedFileURL.path,
            sourceRoot.appendingPathComponent("share/dummyrunner").path,
        ]
    }

    /// The built-in profile `name`: from share/ when found there, else the text compiled in from it.
    static func builtin(_ name: String) throws(ProfileError) -> (profile: RunnerProfile, source: String) {
        for folder in searchFolders() {
            let path = folder + "/" + name + ".toml"
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                return (try RunnerProfile.parse(text, file: path), path)
            }
        }
        guard let text = BuiltinProfiles.texts[name] else {
            throw .unknownProfile(name, known: BuiltinProfiles.names)
        }
        return (try RunnerProfile.parse(text, file: "(built-in \(name))"), "built-in copy")
    }

    /// A user's settings file.
    static func file(_ path: String) throws(ProfileError) -> RunnerProfile {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw .unreadable(path) }
        return try RunnerProfile.parse(text, file: path)
    }
}
