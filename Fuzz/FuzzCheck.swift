// The property checks of the libFuzzer targets: those Fuzz/run.sh builds over ProfileKit
// (ProfileReaderFuzz, AdminProtocolFuzz) and the telnet one of Fuzz/Telnet/fuzz-telnet.sh.
// Compiled into each of them.

/// `precondition` that prints its message in an optimised build too, so a crash artifact comes
/// with the property it broke.
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fail(message()) }
}

/// Stops the fuzzer on a broken property, with its message.
func fail(_ message: String) -> Never {
    fatalError(message)
}
