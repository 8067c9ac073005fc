/// A change as the held-changes file keeps it: an object with `op` naming the change and the
/// change's fields beside it, e.g. `{"op": "setAttribute", "objectID": 1, "key": "gold", "value": "5"}`.
extension WriteOp: Codable {
    private enum Op: String, Codable {
        case saveObject, setNameKeys, deleteObject, setAttribute, deleteAttribute, saveAccount
    }

    private enum Key: String, CodingKey {
        case op, object, objectID, keys, key, value, account
    }

    init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: Key.self)
        switch try fields.decode(Op.self, forKey: .op) {
        case .saveObject: self = .saveObject(try fields.decode(ObjectRecord.self, forKey: .object))
        case .setNameKeys:
            self = .setNameKeys(objectID: try fields.decode(Int64.self, forKey: .objectID),
                                keys: try fields.decode([String].self, forKey: .keys))
        case .deleteObject: self = .deleteObject(try fields.decode(Int64.self, forKey: .objectID))
        case .setAttribute:
            self = .setAttribute(objectID: try fields.decode(Int64.self, forKey: .objectID),
                                 key: try fields.decode(String.self, forKey: .key),
                                 value: try fields.decode(String.self, forKey: .value))
        case .deleteAttribute:
            self = .deleteAttribute(objectID: try fields.decode(Int64.self, forKey: .objectID),
                                    key: try fields.decode(String.self, forKey: .key))
        case .saveAccount: self = .saveAccount(try fields.decode(AccountRecord.self, forKey: .account))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: Key.self)
        switch self {
        case .saveObject(let object):
            try fields.encode(Op.saveObject, forKey: .op)
            try fields.encode(object, forKey: .object)
        case .setNameKeys(let id, let keys):
            try fields.encode(Op.setNameKeys, forKey: .op)
            try fields.encode(id, forKey: .objectID)
            try fields.encode(keys, forKey: .keys)
        case .deleteObject(let id):
            try fields.encode(Op.deleteObject, forKey: .op)
            try fields.encode(id, forKey: .objectID)
        case .setAttribute(let id, let key, let value):
            try fields.encode(Op.setAttribute, forKey: .op)
            try fields.encode(id, forKey: .objectID)
            try fields.encode(key, forKey: .key)
            try fields.encode(value, forKey: .value)
        case .deleteAttribute(let id, let key):
            try fields.encode(Op.deleteAttribute, forKey: .op)
            try fields.encode(id, forKey: .objectID)
            try fields.encode(key, forKey: .key)
        case .saveAccount(let account):
            try fields.encode(Op.saveAccount, forKey: .op)
            try fields.encode(account, forKey: .account)
        }
    }
}
