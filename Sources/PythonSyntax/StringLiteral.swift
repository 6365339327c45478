import PythonTreeSitter

/// Decodes Python string literals (`string` and `concatenated_string` nodes)
/// into their runtime value, without running anything.
public enum StringLiteral {
    /// The value of a literal, or nil when it is a bytes literal or holds an
    /// f-string replacement that `interpolate` cannot resolve.
    /// `interpolate` receives each `{expression}` node of an f-string.
    public static func value(of node: Node, interpolate: (Node) -> String? = { _ in nil }) -> String? {
        switch node.type {
        case "concatenated_string":
            var result = ""
            for part in node.significantChildren {
                guard let piece = value(of: part, interpolate: interpolate) else { return nil }
                result += piece
            }
            return result
        case "string":
            return decodeString(node, interpolate: interpolate)
        default:
            return nil
        }
    }

    /// The prefix letters of a string node, lowercased (`f`, `rb`, ...).
    public static func prefix(of node: Node) -> String {
        guard let start = node.child(0), start.type == "string_start" else { return "" }
        return start.text.lowercased().filter { $0.isLetter }
    }

    private static func decodeString(_ node: Node, interpolate: (Node) -> String?) -> String? {
        let prefix = prefix(of: node)
        if prefix.contains(Character("b")) { return nil }
        let isRaw = prefix.contains(Character("r"))
        let isFormatted = prefix.contains(Character("f"))
        guard let start = node.child(0), let end = node.child(node.childCount - 1), end.type == "string_end" else {
            return nil
        }
        // `\N{LATIN SMALL LETTER E}` needs Unicode's name table: unknown rather than wrong.
        if !isRaw, node.tree.source.text(start.endByte..<end.startByte).contains("\\N{") { return nil }
        var result = ""
        var cursor = start.endByte
        for child in node.children where child.type == "interpolation" {
            // Literal text between replacement fields; tree-sitter keeps `{{` and `}}` doubled.
            let literal = node.tree.source.text(cursor..<child.startByte)
            result += decodeLiteralText(literal, raw: isRaw, formatted: isFormatted)
            guard let piece = interpolation(child, interpolate: interpolate) else { return nil }
            result += piece
            cursor = child.endByte
        }
        let literal = node.tree.source.text(cursor..<end.startByte)
        result += decodeLiteralText(literal, raw: isRaw, formatted: isFormatted)
        return result
    }

    private static func interpolation(_ node: Node, interpolate: (Node) -> String?) -> String? {
        // A conversion (!r, !a) or a format spec changes the text in ways we do not model.
        for child in node.namedChildren where child.type == "format_specifier" { return nil }
        if let conversion = node.namedChildren.first(where: { $0.type == "type_conversion" }), conversion.text != "!s" {
            return nil
        }
        guard let expression = node.child(byField: "expression") else { return nil }
        return interpolate(expression)
    }

    static func decodeLiteralText(_ text: String, raw: Bool, formatted: Bool) -> String {
        var text = text
        if formatted {
            text = text.replacingOccurrences(of: "{{", with: "{").replacingOccurrences(of: "}}", with: "}")
        }
        return raw ? text : unescape(text)
    }

    /// The text of a bytes literal (`b"x"`) decoded as UTF-8, as pydantic
    /// serialises bytes; nil for anything else.
    public static func bytesText(of node: Node) -> String? {
        guard node.type == "string", prefix(of: node).contains(Character("b")), let start = node.child(0),
            let end = node.child(node.childCount - 1), end.type == "string_end"
        else { return nil }
        let raw = node.tree.source.text(start.endByte..<end.startByte)
        return prefix(of: node).contains(Character("r")) ? raw : unescape(raw)
    }

    /// Applies Python's backslash escapes.
    static func unescape(_ text: String) -> String {
        guard text.contains(Character("\\")) else { return text }
        var output = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func hexValue(_ count: Int) -> UInt32? {
            guard index + count < scalars.count else { return nil }
            let digits = String(String.UnicodeScalarView(scalars[(index + 1)...(index + count)]))
            return UInt32(digits, radix: 16)
        }
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "\\", index + 1 < scalars.count else {
                output.append(scalar)
                index += 1
                continue
            }
            index += 1
            let escape = scalars[index]
            switch escape {
            case "\n": break  // line continuation inside the literal
            case "\\": output.append("\\")
            case "'": output.append("'")
            case "\"": output.append("\"")
            case "a": output.append("\u{07}")
            case "b": output.append("\u{08}")
            case "f": output.append("\u{0C}")
            case "n": output.append("\n")
            case "r": output.append("\r")
            case "t": output.append("\t")
            case "v": output.append("\u{0B}")
            case "x", "u", "U":
                let width = escape == "x" ? 2 : escape == "u" ? 4 : 8
                if let value = hexValue(width), let decoded = Unicode.Scalar(value) {
                    output.append(decoded)
                    index += width
                } else {
                    output.append("\\")
                    output.append(escape)
                }
            case "0"..."7":
                var value: UInt32 = 0
                var digits = 0
                while digits < 3, index < scalars.count, ("0"..."7").contains(scalars[index]) {
                    value = value * 8 + (scalars[index].value - 48)
                    index += 1
                    digits += 1
                }
                index -= 1
                output.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            default:
                // Unknown escapes stay as written, as Python keeps them (`\N{...}` in bytes too;
                // in str literals decodeString gives up on it before).
                output.append("\\")
                output.append(escape)
            }
            index += 1
        }
        return String(output)
    }
}
