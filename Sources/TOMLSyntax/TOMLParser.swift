import NestingLimit

/// A recursive-descent TOML 1.0 reader. Tables are built as values; the paths
/// defined by headers, by `[[array]]` headers and inline tables are tracked to
/// reject what TOML forbids (a table defined twice, a key set twice, an inline
/// table extended later).
struct TOMLParser {
    let scalars: [Unicode.Scalar]
    var position = 0
    private var line = 1
    private var lineStart = 0

    private var root = TOMLTable()
    private var current: [String] = []
    private var headerTables: Set<[String]> = []
    private var arrayTables: Set<[String]> = []
    private var frozen: Set<[String]> = []
    /// Arrays and inline tables open around the value being read.
    private var nesting = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    // MARK: Document structure

    mutating func document() throws(TOMLError) -> TOMLTable {
        while true {
            skipWhitespaceAndComments(newlines: true)
            guard let scalar = peek() else { return root }
            if scalar == "[" {
                try header()
            } else {
                try keyValue(into: current)
            }
            try endOfLine()
        }
    }

    private mutating func header() throws(TOMLError) {
        let location = here
        advance()
        let isArray = peek() == "["
        if isArray { advance() }
        skipSpaces()
        let path = try keyPath().map(\.key)
        skipSpaces()
        guard peek() == "]" else { throw error("expected ']' to close the table header") }
        advance()
        if isArray {
            guard peek() == "]" else { throw error("expected ']]' to close the array-of-tables header") }
            advance()
            try appendArrayTable(path, at: location)
        } else {
            guard !headerTables.contains(path), !arrayTables.contains(path) else {
                throw TOMLError("table [\(path.joined(separator: "."))] is defined twice", at: location)
            }
            headerTables.insert(path)
            try modifyTable(path, at: location) { _ throws(TOMLError) in }
        }
        current = path
    }

    /// `dotted.key = value`, at the top level or in an inline table.
    private mutating func keysAndValue() throws(TOMLError) -> ([Key], TOMLNode) {
        let keys = try keyPath()
        skipSpaces()
        guard peek() == "=" else { throw error("expected '=' after the key") }
        advance()
        skipSpaces()
        return (keys, try value())
    }

    private mutating func keyValue(into table: [String]) throws(TOMLError) {
        let (keys, node) = try keysAndValue()
        let last = keys[keys.count - 1]
        let parent = table + keys.dropLast().map(\.key)
        let full = parent + [last.key]
        if case .table = node.value { frozen.insert(full) }
        try modifyTable(parent, at: keys[0].location) { (target: inout TOMLTable) throws(TOMLError) in
            guard target[last.key] == nil else {
                throw TOMLError("key '\(full.joined(separator: "."))' is set twice", at: last.location)
            }
            target.set(last.key, node, keyLocation: last.location)
        }
    }

    private mutating func appendArrayTable(_ path: [String], at location: TOMLLocation) throws(TOMLError) {
        let parent = Array(path.dropLast())
        let key = path[path.count - 1]
        let isKnownArray = arrayTables.contains(path)
        try modifyTable(parent, at: location) { (target: inout TOMLTable) throws(TOMLError) in
            if let existing = target[key] {
                guard isKnownArray, case .array(var items) = existing.value else {
                    throw TOMLError("'\(path.joined(separator: "."))' is already defined and is not an array of tables", at: location)
                }
                items.append(TOMLNode(.table(TOMLTable()), at: location))
                target.set(key, TOMLNode(.array(items), at: existing.location), keyLocation: location)
            } else {
                target.set(key, TOMLNode(.array([TOMLNode(.table(TOMLTable()), at: location)]), at: location), keyLocation: location)
            }
        }
        arrayTables.insert(path)
        // Tables under a new array element may be defined again.
        headerTables = headerTables.filter { !($0.count > path.count && Array($0.prefix(path.count)) == path) }
    }

    /// Runs `body` on the table at `path`, creating missing tables on the way;
    /// an array of tables on the path leads into its last element.
    private mutating func modifyTable(_ path: [String], at location: TOMLLocation,
        _ body: (inout TOMLTable) throws(TOMLError) -> Void) throws(TOMLError)
    {
        for length in 1...max(path.count, 1) where length <= path.count && frozen.contains(Array(path.prefix(length))) {
            throw TOMLError("inline table '\(path.prefix(length).joined(separator: "."))' cannot be extended", at: location)
        }
        try Self.modify(&root, path[...], location: location, body)
    }

    private static func modify(_ table: inout TOMLTable, _ path: ArraySlice<String>, location: TOMLLocation,
        _ body: (inout TOMLTable) throws(TOMLError) -> Void) throws(TOMLError)
    {
        guard let key = path.first else { return try body(&table) }
        let rest = path.dropFirst()
        guard let existing = table.member(key) else {
            var child = TOMLTable()
            try modify(&child, rest, location: location, body)
            table.set(key, TOMLNode(.table(child), at: location), keyLocation: location)
            return
        }
        switch existing.node.value {
        case .table(var child):
            try modify(&child, rest, location: location, body)
            table.set(key, TOMLNode(.table(child), at: existing.node.location), keyLocation: existing.keyLocation)
        case .array(var items) where items.last?.table != nil:
            var child = items[items.count - 1].table!
            try modify(&child, rest, location: location, body)
            items[items.count - 1].value = .table(child)
            table.set(key, TOMLNode(.array(items), at: existing.node.location), keyLocation: existing.keyLocation)
        default:
            throw TOMLError("'\(key)' is already \(existing.node.value.kindDescription), not a table", at: location)
        }
    }

    // MARK: Keys

    private struct Key {
        let key: String
        let location: TOMLLocation
    }

    private mutating func keyPath() throws(TOMLError) -> [Key] {
        var keys: [Key] = []
        while true {
            skipSpaces()
            let location = here
            keys.append(Key(key: try simpleKey(), location: location))
            // Tables are built by recursion over the path: keep it as shallow as nested values.
            guard keys.count <= NestingDepth.limit else {
                throw TOMLError("a key has more than \(NestingDepth.limit) dotted parts", at: location)
            }
            skipSpaces()
            guard peek() == "." else { return keys }
            advance()
        }
    }

    private mutating func simpleKey() throws(TOMLError) -> String {
        switch peek() {
        case "\""?: return try basicString()
        case "'"?: return try literalString()
        default:
            var key = ""
            while let scalar = peek(), Self.isBareKeyScalar(scalar) {
                key.unicodeScalars.append(scalar)
                advance()
            }
            guard !key.isEmpty else { throw error("expected a key") }
            return key
        }
    }

    private static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
    }

    // MARK: Values

    private mutating func value() throws(TOMLError) -> TOMLNode {
        let location = here
        switch peek() {
        case "\""?:
            if lookingAt("\"\"\"") { return TOMLNode(.string(try multilineString(quote: "\"")), at: location) }
            return TOMLNode(.string(try basicString()), at: location)
        case "'"?:
            if lookingAt("'''") { return TOMLNode(.string(try multilineString(quote: "'")), at: location) }
            return TOMLNode(.string(try literalString()), at: location)
        case "["?, "{"?:
            // Values nest by recursion: a file nested 100,000 deep must give an error, not a stack overflow.
            guard nesting < NestingDepth.limit else {
                throw error("arrays and inline tables nested more than \(NestingDepth.limit) deep")
            }
            nesting += 1
            defer { nesting -= 1 }
            return peek() == "[" ? TOMLNode(.array(try array()), at: location) : TOMLNode(.table(try inlineTable()), at: location)
        case nil: throw error("expected a value")
        default: return TOMLNode(try scalarValue(), at: location)
        }
    }

    private mutating func array() throws(TOMLError) -> [TOMLNode] {
        advance()
        var items: [TOMLNode] = []
        while true {
            skipWhitespaceAndComments(newlines: true)
            if peek() == "]" {
                advance()
                return items
            }
            items.append(try value())
            skipWhitespaceAndComments(newlines: true)
            if try separatorCloses("]", in: "the array") { return items }
        }
    }

    /// After an item: consumes `,` (false) or the closing bracket (true).
    private mutating func separatorCloses(_ close: Unicode.Scalar, in what: String) throws(TOMLError) -> Bool {
        switch peek() {
        case ","?:
            advance()
            return false
        case close?:
            advance()
            return true
        default:
            throw error("expected ',' or '\(close)' in \(what)")
        }
    }

    private mutating func inlineTable() throws(TOMLError) -> TOMLTable {
        advance()
        var table = TOMLTable()
        skipSpaces()
        if peek() == "}" {
            advance()
            return table
        }
        var frozenInside: Set<[String]> = []
        while true {
            skipSpaces()
            let (keys, node) = try keysAndValue()
            let parent = keys.dropLast().map(\.key)
            let last = keys[keys.count - 1]
            if frozenInside.contains(where: { parent.starts(with: $0) }) {
                throw TOMLError("inline table cannot be extended", at: keys[0].location)
            }
            if case .table = node.value { frozenInside.insert(parent + [last.key]) }
            try Self.modify(&table, parent[...], location: keys[0].location) { (target: inout TOMLTable) throws(TOMLError) in
                guard target[last.key] == nil else { throw TOMLError("key '\(last.key)' is set twice", at: last.location) }
                target.set(last.key, node, keyLocation: last.location)
            }
            skipSpaces()
            if try separatorCloses("}", in: "the inline table") { return table }
        }
    }

    private mutating func scalarValue() throws(TOMLError) -> TOMLValue {
        let start = position
        let location = here
        while let scalar = peek(), !Self.endsScalar(scalar) { advance() }
        // A date-time may hold one space between date and time.
        if peek() == " ", position - start == 10, position + 1 < scalars.count, ("0"..."9").contains(scalars[position + 1]) {
            advance()
            while let scalar = peek(), !Self.endsScalar(scalar) { advance() }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        switch text {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        if let value = Self.integer(text) { return .integer(value) }
        if Self.isDateTime(text) { return .dateTime(text) }
        if let value = Self.float(text) { return .float(value) }
        throw TOMLError(text.isEmpty ? "expected a value" : "'\(text)' is not a TOML value (strings need quotes)", at: location)
    }

    private static func endsScalar(_ scalar: Unicode.Scalar) -> Bool {
        [" ", "\t", "\n", "\r", ",", "]", "}", "#"].contains(scalar)
    }

    private static func integer(_ text: String) -> Int? {
        guard !text.hasPrefix("_"), !text.hasSuffix("_"), !text.contains("__") else { return nil }
        let digits = text.replacing("_", with: "")
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where digits.hasPrefix(prefix) {
            return Int(digits.dropFirst(2), radix: radix)
        }
        let unsigned = digits.hasPrefix("+") || digits.hasPrefix("-") ? digits.dropFirst() : Substring(digits)
        guard !unsigned.isEmpty, unsigned.allSatisfy(\.isASCII), unsigned.allSatisfy(\.isNumber) else { return nil }
        if unsigned.count > 1 && unsigned.hasPrefix("0") { return nil }  // no leading zeros
        return Int(digits)
    }

    private static func float(_ text: String) -> Double? {
        guard !text.hasPrefix("_"), !text.hasSuffix("_"), !text.contains("__"), !text.contains("_."), !text.contains("._") else { return nil }
        let digits = text.replacing("_", with: "")
        guard digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), !digits.hasSuffix("."), !digits.hasPrefix("."),
            !digits.contains(".e"), !digits.contains(".E")
        else { return nil }
        return Double(digits)
    }

    private static func isDateTime(_ text: String) -> Bool {
        // 1979-05-27, 1979-05-27T07:32:00Z, 07:32:00, ...: checked loosely; kept as text.
        let scalars = Array(text.unicodeScalars)
        let isDate = scalars.count >= 10 && scalars[4] == "-" && scalars[7] == "-"
        let isTime = scalars.count >= 8 && scalars[2] == ":" && scalars[5] == ":"
        return (isDate || isTime) && scalars.allSatisfy { ("0"..."9").contains($0) || "-:TtZz.+ ".unicodeScalars.contains($0) }
    }

    // MARK: Scanning

    var here: TOMLLocation { TOMLLocation(line: line, column: position - lineStart + 1) }

    func error(_ message: String) -> TOMLError { TOMLError(message, at: here) }

    func peek() -> Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    func lookingAt(_ text: String) -> Bool {
        let needle = Array(text.unicodeScalars)
        return position + needle.count <= scalars.count && Array(scalars[position..<(position + needle.count)]) == needle
    }

    mutating func advance(_ count: Int = 1) { position += count }

    func runLength(of scalar: Unicode.Scalar) -> Int {
        var end = position
        while end < scalars.count, scalars[end] == scalar { end += 1 }
        return end - position
    }

    mutating func newline() {
        position += 1
        line += 1
        lineStart = position
    }

    private mutating func skipSpaces() {
        while peek() == " " || peek() == "\t" { advance() }
    }

    mutating func skipWhitespaceAndComments(newlines: Bool, comments: Bool = true) {
        while let scalar = peek() {
            if scalar == " " || scalar == "\t" || scalar == "\r" {
                advance()
            } else if scalar == "\n" && newlines {
                newline()
            } else if scalar == "#" && comments {
                while let next = peek(), next != "\n" { advance() }
            } else {
                return
            }
        }
    }

    /// After a key/value pair or a header: only a comment may follow on the line.
    private mutating func endOfLine() throws(TOMLError) {
        skipSpaces()
        if peek() == "#" { while let next = peek(), next != "\n" { advance() } }
        if peek() == "\r" { advance() }
        guard let scalar = peek() else { return }
        guard scalar == "\n" else { throw error("expected the end of the line") }
        newline()
    }
}
