// libFuzzer target for ProfileKit's marshal and profile readers (issue 2, item 6).
//
// Built by Fuzz/run.sh with `swiftc -sanitize=fuzzer,address` together with ProfileKit's sources, so
// it is not part of the package's `swift build` or `swift test`. The properties checked, on every
// input: reading never traps, hangs or allocates without bound; every failure is a typed error whose
// byte offset lies within the input; a profile that reads writes bytes that read back to the same
// bytes again (the writer's output is a fixed point of read-then-write); and the fast decoder and
// the general marshal reader agree, the call graph decoded straight from the file's key ids included;
// and the call-graph exporters run to the end on whatever reads.

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
        check((0...bytes.count).contains(error.offset),
                     "offset \(error.offset) outside the \(bytes.count)-byte input: \(error)")
        _ = error.description
        return
    }
    // Before anything decodes the callers: the call graph straight from the file's key ids.
    let fromFile = profile.indexedCallsFromFile
    let written = profile.pstatsData()
    do {
        let again = try Profile(pstatsData: written).pstatsData()
        check(again == written, "read-then-write is not a fixed point")
    } catch {
        fail("the writer's output does not read back: \(error)")
    }
    checkAgainstGeneralReader(bytes, written: written, fromFile: fromFile)
    for compatibility in CallgrindExporter.Compatibility.allCases {
        var count = 0
        CallgrindExporter(compatibility: compatibility).write(profile) { count += $0.count }
        check(count > 0, "an empty callgrind file")
    }
    _ = try? DotExporter().export(.profile(profile))
}

/// The fast decoder and the general reader must agree on every profile the fast one accepts; the
/// general reader may only refuse it for standing for too many objects (its bomb guard).
private func checkAgainstGeneralReader(_ bytes: [UInt8], written: [UInt8], fromFile: IndexedCalls?) {
    do {
        let general = try Profile(generalPstatsData: bytes)
        check(general.pstatsData() == written, "the fast decoder and the general reader disagree")
        if let fromFile {
            check(fromFile.isIdentical(to: general.indexedCalls), "the call graphs from key ids and from callers disagree")
        }
    } catch .marshal(.referencesExpandTooFar) {
        return
    } catch {
        fail("the fast decoder read a profile the general reader refuses: \(error)")
    }
}

private func checkMarshalReader(_ bytes: [UInt8]) {
    var reader = MarshalReader(bytes)
    while !reader.isAtEnd {
        do {
            _ = try reader.readValue()
        } catch {
            check((0...bytes.count).contains(error.offset),
                         "offset \(error.offset) outside the \(bytes.count)-byte input: \(error)")
            _ = error.description
            return
        }
    }
}
