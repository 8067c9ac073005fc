#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON settings both ends share: sorted keys (deterministic lines), non-finite numbers as the
/// strings `"+Inf"`, `"-Inf"`, `"NaN"` so an odd measurement never breaks a line.
enum AdminWire {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return decoder
    }

    /// `value` as one line: compact JSON and a newline.
    static func line(_ value: some Encodable) throws -> [UInt8] {
        var bytes = [UInt8](try encoder().encode(value))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Decodes one line, sorting failures into malformed JSON (not JSON at all) and invalid
    /// requests (JSON of the wrong shape).
    static func decode<T: Decodable>(_ type: T.Type, from line: some Collection<UInt8>) throws(AdminProtocolError) -> T {
        let data = Data(line)
        do {
            return try decoder().decode(T.self, from: data)
        } catch {
            // The decoder reports "not JSON" and "a number that does not fit the field" alike; a
            // second, shapeless read tells them apart (only on the error path).
            guard (try? decoder().decode(AnyJSON.self, from: data)) != nil else {
                throw AdminProtocolError(code: .malformedJSON, message: "the line is not valid JSON")
            }
            if let error = error as? DecodingError {
                throw AdminProtocolError(code: .invalidRequest, message: describe(error))
            }
            throw AdminProtocolError(code: .invalidRequest, message: "the line has the wrong shape")
        }
    }

    /// A short, deterministic account of a decoding error: which field, what was wrong.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty ? "the line" : "field '" + keys.map(\.stringValue).joined(separator: ".") + "'"
        }
        switch error {
        case .typeMismatch(_, let context): return "\(path(context.codingPath)) has the wrong type"
        case .valueNotFound(_, let context): return "\(path(context.codingPath)) is null"
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is missing"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "a field has the wrong type or is out of range"
        case .dataCorrupted(let context): return "\(path(context.codingPath)) is not valid"
        @unknown default: return "the line has the wrong shape"
        }
    }
}

/// Any JSON value, read only to learn whether a line is JSON at all.
struct AnyJSON: Decodable {
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { return }
        if (try? container.decode(Bool.self)) != nil { return }
        if (try? container.decode(Double.self)) != nil { return }
        if (try? container.decode(String.self)) != nil { return }
        if (try? container.decode([AnyJSON].self)) != nil { return }
        _ = try container.decode([String: AnyJSON].self)
    }
}

/// Every field any request line may carry; which ones matter depends on `type`.
struct RequestLine: Codable {
    var id: Int?
    var type: String?
    var interval: Double?
    var sessions: Bool?
    var from: Double?
    var to: Double?
    var command: String?
}

/// Every field any server line may carry; which ones matter depends on `type`.
struct ServerLine: Codable {
    var type: String
    var id: Int?
    var protocolVersion: String?
    var server: ServerIdentity?
    var snapshot: MetricsSnapshot?
    var snapshots: [MetricsSnapshot]?
    var final: Bool?
    var command: String?
    var message: String?
    var path: String?
    var count: Int?
    var code: AdminErrorCode?

    init(type: String, id: Int? = nil) {
        self.type = type
        self.id = id
    }

    enum CodingKeys: String, CodingKey {
        case type, id
        case protocolVersion = "protocol_version"
        case server, snapshot, snapshots, final, command, message, path, count, code
    }
}
