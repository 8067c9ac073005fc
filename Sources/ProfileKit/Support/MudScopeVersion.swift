/// The version all MudScope tools report.
public enum MudScopeVersion {
    /// The release, as `--version` prints it.
    public static let current = "0.1.0"
}
