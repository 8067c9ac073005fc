// libFuzzer target for ProfileKit's marshal and profile readers (issue 2, item 6).
//
// Built by Fuzz/run.sh with `swiftc -sanitize=fuzzer,address` together with ProfileKit's sources, so
// it is not part of the package's `swift build` or `swift test`. The properties checked, on every
// input: reading never traps, hangs or allocates without bound; every failure is a typed error whose
// byte offset lies within the input; a profile that reads writes bytes that read back to the same
// bytes again (the writer's output is a fixed point of read-then-write); and the fast decoder and
// the general marshal reader agree.

/// One fuzz input: the profile reader, then the bare marshal reader on the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func profileReaderFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    checkProfileReader(bytes)
    checkMarshalReader(bytes)
    return 0
}

private func checkProfileReader(_ bytes: [UInt8]) {
    let profile: Profile
    do {
        profile = try Profile(pstatsData: bytes)
    } catch {
        precondition((0...bytes.count).contains(error.offset),
                     "offset \(error.offset) outside the \(bytes.count)-byte input: \(error)")
        _ = error.description
        return
    }
    let written = profile.pstatsData()
    do {
        let again = try Profile(pstatsData: written).pstatsData()
        precondition(again == written, "read-then-write is not a fixed point")
    } catch {
        preconditionFailure("the writer's output does not read back: \(error)")
    }
    checkAgainstGeneralReader(bytes, written: written)
}

/// The fast decoder and the general reader must agree on every profile the fast one accepts; the
/// general reader may only refuse it for standing for too many objects (its bomb guard).
private func checkAgainstGeneralReader(_ bytes: [UInt8], written: [UInt8]) {
    do {
        let general = try Profile(generalPstatsData: bytes)
        precondition(general.pstatsData() == written, "the fast decoder and the general reader disagree")
    } catch .marshal(.referencesExpandTooFar) {
        return
    } catch {
        preconditionFailure("the fast decoder read a profile the general reader refuses: \(error)")
    }
}

private func checkMarshalReader(_ bytes: [UInt8]) {
    var reader = MarshalReader(bytes)
    while !reader.isAtEnd {
        do {
            _ = try reader.readValue()
        } catch {
            precondition((0...bytes.count).contains(error.offset),
                         "offset \(error.offset) outside the \(bytes.count)-byte input: \(error)")
            _ = error.description
            return
        }
    }
}
