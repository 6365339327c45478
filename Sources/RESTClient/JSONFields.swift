import PythonSyntax

/// A response whose JSON does not have the shape the server's API documents.
public struct JSONShapeError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Typed reads of one JSON object's members. A member that is absent or null
/// reads as nil; one of the wrong type is an error naming it.
public struct JSONFields {
    public let members: [String: JSONValue]
    public let what: String

    public init(_ value: JSONValue, _ what: String) throws(JSONShapeError) {
        guard let members = value.objectValue else { throw JSONShapeError("\(what) is not a JSON object") }
        self.members = members
        self.what = what
    }

    private func present(_ key: String) -> JSONValue? {
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    private func wrongType(_ key: String, _ expected: String) -> JSONShapeError {
        JSONShapeError("\(what): '\(key)' is not \(expected)")
    }

    public func required(_ key: String) throws(JSONShapeError) -> JSONValue {
        guard let value = present(key) else { throw JSONShapeError("\(what) has no '\(key)'") }
        return value
    }

    public func requiredString(_ key: String) throws(JSONShapeError) -> String {
        guard let value = try string(key) else { throw JSONShapeError("\(what) has no '\(key)'") }
        return value
    }

    public func string(_ key: String) throws(JSONShapeError) -> String? {
        guard let value = present(key) else { return nil }
        guard case .string(let text) = value else { throw wrongType(key, "a string") }
        return text
    }

    public func bool(_ key: String) throws(JSONShapeError) -> Bool? {
        guard let value = present(key) else { return nil }
        guard case .bool(let flag) = value else { throw wrongType(key, "true or false") }
        return flag
    }

    public func int(_ key: String) throws(JSONShapeError) -> Int? {
        guard let value = present(key) else { return nil }
        switch value {
        case .int(let number): return number
        case .double(let number) where number.rounded() == number && abs(number) < 1e15: return Int(number)
        default: throw wrongType(key, "a whole number")
        }
    }

    public func number(_ key: String) throws(JSONShapeError) -> Double? {
        guard let value = present(key) else { return nil }
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        default: throw wrongType(key, "a number")
        }
    }

    public func object(_ key: String) throws(JSONShapeError) -> [String: JSONValue]? {
        guard let value = present(key) else { return nil }
        guard case .object(let object) = value else { throw wrongType(key, "an object") }
        return object
    }

    public func array(_ key: String) throws(JSONShapeError) -> [JSONValue]? {
        guard let value = present(key) else { return nil }
        guard case .array(let items) = value else { throw wrongType(key, "a list") }
        return items
    }

    public func strings(_ key: String) throws(JSONShapeError) -> [String]? {
        guard let items = try array(key) else { return nil }
        var result: [String] = []
        for item in items {
            guard case .string(let text) = item else { throw wrongType(key, "a list of strings") }
            result.append(text)
        }
        return result
    }
}
