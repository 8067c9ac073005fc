/// Outbound user event asking the telnet handler to hide (or show again) what the client types.
struct PasswordModeEvent: Sendable {
    /// True: server echo on (client echo off); false: back to normal.
    let on: Bool
}
