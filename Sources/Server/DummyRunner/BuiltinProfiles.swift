/// The built-in profiles, compiled in so a fresh build runs them from any directory.
///
/// Their texts (`texts`, by name) come from share/dummyrunner/*.toml when the package builds (the
/// EmbedProfiles build plugin): the files are the one copy.
enum BuiltinProfiles {
    /// Profile names in the order `--help` lists them.
    static let names = ["idler", "looker", "normal_player", "normal_builder", "heavy_builder", "socializing_builder", "only_digger"]
}
