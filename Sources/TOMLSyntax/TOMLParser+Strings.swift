/// TOML's four string forms and their escapes.
extension TOMLParser {
    mutating func basicString() throws(TOMLError) -> String {
        let location = here
        advance()
        var result = String.UnicodeScalarView()
        while let scalar = peek() {
            switch scalar {
            case "\"":
                advance()
                return String(result)
            case "\\":
                result.append(try escape())
            case "\n":
                throw TOMLError("unterminated string", at: location)
            default:
                guard scalar == "\t" || scalar.value >= 0x20, scalar.value != 0x7F else { throw error("control character in a string") }
                result.append(scalar)
                advance()
            }
        }
        throw TOMLError("unterminated string", at: location)
    }

    /// `"""..."""` (with escapes and line-ending backslashes) or `'''...'''` (raw).
    mutating func multilineString(quote: Unicode.Scalar) throws(TOMLError) -> String {
        let location = here
        let delimiter = String(repeating: Character(quote), count: 3)
        let escapes = quote == "\""
        advance(3)
        skipNewlineAfterOpening()
        var result = String.UnicodeScalarView()
        while let scalar = peek() {
            if lookingAt(delimiter) {
                // Up to two quotes may end the content, right before the closing delimiter.
                let quotes = min(runLength(of: quote), 5)
                for _ in 0..<(quotes - 3) { result.append(quote) }
                advance(quotes)
                return String(result)
            }
            if escapes && scalar == "\\" {
                // A line-ending backslash trims the newline and the whitespace after it.
                var probe = position + 1
                while probe < scalars.count, scalars[probe] == " " || scalars[probe] == "\t" { probe += 1 }
                if probe < scalars.count, scalars[probe] == "\n" || scalars[probe] == "\r" {
                    advance(probe - position)
                    skipWhitespaceAndComments(newlines: true, comments: false)
                    continue
                }
                result.append(try escape())
                continue
            }
            if scalar == "\n" { newline() } else { advance() }
            if scalar != "\r" { result.append(scalar) }
        }
        throw TOMLError("unterminated multi-line string", at: location)
    }

    mutating func literalString() throws(TOMLError) -> String {
        let location = here
        advance()
        var result = String.UnicodeScalarView()
        while let scalar = peek() {
            if scalar == "'" {
                advance()
                return String(result)
            }
            if scalar == "\n" { break }
            result.append(scalar)
            advance()
        }
        throw TOMLError("unterminated string", at: location)
    }

    mutating func skipNewlineAfterOpening() {
        if peek() == "\r" { advance() }
        if peek() == "\n" { newline() }
    }

    mutating func escape() throws(TOMLError) -> Unicode.Scalar {
        let location = here
        advance()
        guard let code = peek() else { throw TOMLError("unfinished escape", at: location) }
        advance()
        switch code {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "e": return "\u{1B}"
        case "\"": return "\""
        case "\\": return "\\"
        case "u", "U":
            let count = code == "u" ? 4 : 8
            guard position + count <= scalars.count,
                let value = UInt32(String(String.UnicodeScalarView(scalars[position..<(position + count)])), radix: 16),
                let scalar = Unicode.Scalar(value)
            else { throw TOMLError("invalid \\\(code) escape", at: location) }
            advance(count)
            return scalar
        default:
            throw TOMLError("invalid escape '\\\(code)'", at: location)
        }
    }
}
