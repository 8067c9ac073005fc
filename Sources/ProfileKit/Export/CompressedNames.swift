/// Callgrind name compression: `(id) name` the first time a file or function is written, `(id)`
/// afterwards. Files and functions have separate id spaces; a function's id is its node index + 1.
struct CompressedNames {
    private let graph: CallGraph
    private let names: FunctionNames
    private var fileOfNode: [Int]
    private var fileIDs: [ExactString: Int] = [:]
    private var fileNames: [String] = []
    private var fileWritten: [Bool] = []
    private var functionWritten: [Bool]

    init(_ graph: CallGraph, nameIDs: KeyNameIDs) {
        self.graph = graph
        names = FunctionNames(graph.keys, ids: nameIDs)
        fileOfNode = []
        fileOfNode.reserveCapacity(graph.keys.count)
        functionWritten = Array(repeating: false, count: graph.keys.count)
        for key in graph.keys { fileOfNode.append(fileID(key.file)) }
    }

    private mutating func fileID(_ file: String) -> Int {
        if let id = fileIDs[ExactString(file)] { return id }
        fileNames.append(file)
        fileWritten.append(false)
        fileIDs[ExactString(file)] = fileNames.count
        return fileNames.count
    }

    mutating func writeFile(of node: Int, to out: inout ByteWriter) {
        writeFile(id: fileOfNode[node], to: &out)
    }

    mutating func writeFile(named file: String, to out: inout ByteWriter) {
        writeFile(id: fileID(file), to: &out)
    }

    private mutating func writeFile(id: Int, to out: inout ByteWriter) {
        out.write(byte: UInt8(ascii: "("))
        out.write(id)
        out.write(byte: UInt8(ascii: ")"))
        if !fileWritten[id - 1] {
            fileWritten[id - 1] = true
            out.write(byte: 32)
            out.write(CallgrindExporter.clean(fileNames[id - 1]))
        }
    }

    mutating func writeFunction(_ node: Int, to out: inout ByteWriter) {
        out.write(byte: UInt8(ascii: "("))
        out.write(node + 1)
        out.write(byte: UInt8(ascii: ")"))
        if !functionWritten[node] {
            functionWritten[node] = true
            out.write(byte: 32)
            out.write(CallgrindExporter.clean(names.callgrindName(node)))
        }
    }
}
