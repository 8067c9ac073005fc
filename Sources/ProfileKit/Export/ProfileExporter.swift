/// One export format: a value holding its options that turns an input into the output file's bytes.
///
/// Exporters are pure: no files, clocks or randomness, the same input gives the same bytes.
public protocol ProfileExporter: Sendable {
    /// The format this exporter writes.
    static var format: ExportFormat { get }

    /// The bytes of the output file for this input.
    func export(_ source: ExportSource) throws(ExportError) -> [UInt8]

    /// The same bytes, handed to `sink` in order, in pieces as they are made (an exporter that
    /// writes large files never holds them whole).
    func export(_ source: ExportSource, to sink: ByteSink) throws(ExportError)
}

extension ProfileExporter {
    /// Makes the whole output, then hands it to `sink` in one piece.
    public func export(_ source: ExportSource, to sink: ByteSink) throws(ExportError) {
        try export(source).withUnsafeBufferPointer { sink($0) }
    }
}
