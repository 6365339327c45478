/// A TOML 1.0 document read with the position of every key and value, so that
/// configuration errors can name `file:line:column`. Dates and times are kept
/// as their text: acme-scan's settings never need them as dates.
public struct TOMLLocation: Sendable, Equatable, Comparable, CustomStringConvertible {
    /// 1-based.
    public let line: Int
    /// 1-based, counted in characters.
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }

    public static func < (a: TOMLLocation, b: TOMLLocation) -> Bool { (a.line, a.column) < (b.line, b.column) }
}

public indirect enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    /// An offset or local date-time, date or time, as written.
    case dateTime(String)
    case array([TOMLNode])
    case table(TOMLTable)

    /// The type's name in messages: "a string", "a table", ...
    public var kindDescription: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .boolean: "a boolean"
        case .dateTime: "a date-time"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// A value and where it starts.
public struct TOMLNode: Sendable, Equatable {
    public var value: TOMLValue
    public var location: TOMLLocation

    public init(_ value: TOMLValue, at location: TOMLLocation) {
        self.value = value
        self.location = location
    }

    public var string: String? { if case .string(let text) = value { text } else { nil } }
    public var table: TOMLTable? { if case .table(let table) = value { table } else { nil } }
    public var array: [TOMLNode]? { if case .array(let items) = value { items } else { nil } }
}

/// A table's members in the order they were written.
public struct TOMLTable: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public let key: String
        /// Where the key is written (for a table defined by a header, the header).
        public let keyLocation: TOMLLocation
        public var node: TOMLNode
    }

    public private(set) var members: [Member] = []
    private var index: [String: Int] = [:]

    public init() {}

    public subscript(key: String) -> TOMLNode? { index[key].map { members[$0].node } }

    public func member(_ key: String) -> Member? { index[key].map { members[$0] } }

    public var keys: [String] { members.map(\.key) }

    mutating func set(_ key: String, _ node: TOMLNode, keyLocation: TOMLLocation) {
        if let position = index[key] {
            members[position].node = node
        } else {
            index[key] = members.count
            members.append(Member(key: key, keyLocation: keyLocation, node: node))
        }
    }
}

public struct TOMLError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public let location: TOMLLocation

    public init(_ message: String, at location: TOMLLocation) {
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): \(message)" }
}

public enum TOMLDocument {
    /// Parses a whole document into its root table.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var parser = TOMLParser(text)
        return try parser.document()
    }
}
