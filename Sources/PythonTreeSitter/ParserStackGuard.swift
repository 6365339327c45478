/// Keeps tree-sitter from parsing what would corrupt its heap.
///
/// Debian's runtime (0.20.7) frees an invalid pointer (SIGABRT, "munmap_chunk():
/// invalid pointer") when a file ends with 65,536 or more parse-stack entries
/// still unreduced, which it then gathers into one node: 66,000 unclosed `(`,
/// or a file ending in an unfinished right-nested chain (`not not ...`,
/// `- - ...`, `a = a = ...`, `x if c else ...`, `lambda: lambda: ...`).
/// Measured with the runtime alone (`bench/deep_inputs.py runtime`): 65,530
/// unclosed parentheses at the end parse, 65,540 abort; 100,000 nested
/// parentheses that are closed again parse, even with an error inside; and a
/// line break outside brackets ends an unfinished chain safely.
///
/// So before parsing, one pass over the bytes bounds the entries that can be
/// pending at the end: brackets still open, plus the tokens that can nest to
/// the right (operator characters and the keywords `not lambda await yield
/// if else`) since the last `,` or `;` of each open bracket, and since the
/// last line break outside brackets. Identifiers, numbers and strings are not
/// counted (they reduce at once); comments and string literals are skipped,
/// except the replacement fields of f-strings, which are code (an open
/// f-string counts as a bracket). The worst case found piles up 3 entries per
/// counted token (`[1, [1, ...`), so refusing more than 10,000 keeps twice that
/// margin to 65,536; real files end with almost nothing pending. What is
/// refused: a file that ends inside an unclosed bracket after thousands of
/// operators without a comma.
///
/// One chain is refused wherever it is, when it counts more than 10,000 tokens
/// before its line, bracket, `,` or `;` ends it: an error token right after
/// 40,000 `x = ` (`x = x = ... )`) aborts the runtime mid-file (found by
/// `bench/fuzz.sh`; 20,000 parse). No real line holds 10,000 operators.
///
/// f-strings nested in f-strings are refused past 150 levels, even closed:
/// the grammar's scanner keeps its string stack in a 1 KiB state buffer, so
/// the runtime loses track of deep ones and aborts as above (found by
/// `bench/fuzz.sh`: 70,000 nested `f'{`, closed again). CPython refuses more
/// than 150 too ("too many nested f-strings", `MAXFSTRINGLEVEL`).
enum ParserStackGuard {
    static let limit = 10_000
    static let fStringLimit = 150

    /// Where the nesting left pending at the end of `bytes` starts (the
    /// outermost bracket still open, or the unfinished line), when it is over
    /// the limit; nil for input that is safe to parse.
    static func unsafeOffset(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var scan = Scan(bytes: buffer)
            scan.run()
            if let refused = scan.refusedAt { return refused }
            return scan.pending > limit ? scan.pendingStart : nil
        }
    }

    private struct Scan {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Per open bracket (the first: outside any), where it opened and the
        /// counted tokens since its last separator.
        var levels: [(opener: Int, run: Int)] = [(0, 0)]
        /// Open brackets plus every run: what tree-sitter may hold unreduced.
        var pending = 0
        /// Where the current line outside brackets began (its first token).
        var lineStart: Int?
        /// The f-strings open around `index`, innermost last: their quote,
        /// whether triple, where they start, and the bracket level of the
        /// replacement field being read (nil while in the string's text).
        var fStrings: [(quote: UInt8, triple: Bool, start: Int, field: Int?)] = []
        /// Set when the input is refused before its end (f-strings nested too deeply, a chain too long).
        var refusedAt: Int?
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var pendingStart: Int { levels.count > 1 ? levels[1].opener : lineStart ?? 0 }

        mutating func run() {
            while index < bytes.count, refusedAt == nil {
                if let top = fStrings.last, top.field == nil {
                    fStringText()
                    continue
                }
                let byte = bytes[index]
                // The `}` closing a replacement field goes back to its f-string's text.
                if byte == UInt8(ascii: "}"), let top = fStrings.last, top.field == levels.count {
                    punctuation(byte)
                    fStrings[fStrings.count - 1].field = nil
                    index += 1
                    continue
                }
                switch byte {
                case 0x20, 0x09, 0x0D, 0x0C:
                    index += 1
                case 0x0A:
                    if levels.count == 1 { endRun() }
                    index += 1
                case UInt8(ascii: "\\"):
                    // A line continuation (or a stray backslash): the line goes on.
                    let crlf = index + 2 < bytes.count && bytes[index + 1] == 0x0D && bytes[index + 2] == 0x0A
                    index += crlf ? 3 : 2
                case UInt8(ascii: "#"):
                    while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                case UInt8(ascii: "'"), UInt8(ascii: "\""):
                    markLineStart()
                    skipString()
                case UInt8(ascii: ","), UInt8(ascii: ";"):
                    endRun()
                    index += 1
                default:
                    markLineStart()
                    if Self.isWordByte(byte) {
                        word()
                    } else {
                        punctuation(byte)
                        index += 1
                    }
                }
            }
        }

        /// A bracket or an operator character.
        private mutating func punctuation(_ byte: UInt8) {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                levels.append((index, 0))
                pending += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                if levels.count > 1 { pending -= levels.removeLast().run + 1 }
                count()
            default:
                count()
            }
        }

        private mutating func count() {
            levels[levels.count - 1].run += 1
            pending += 1
            // An error token after a long chain aborts the runtime too, end of file or not.
            if levels[levels.count - 1].run > ParserStackGuard.limit, refusedAt == nil {
                refusedAt = levels.count > 1 ? levels[levels.count - 1].opener : lineStart ?? 0
            }
        }

        private mutating func endRun() {
            pending -= levels[levels.count - 1].run
            levels[levels.count - 1].run = 0
            if levels.count == 1 { lineStart = nil }
        }

        private mutating func markLineStart() {
            if levels.count == 1 && lineStart == nil { lineStart = index }
        }

        /// An identifier, number or keyword; a string prefix hands over to the string.
        private mutating func word() {
            let start = index
            while index < bytes.count, Self.isWordByte(bytes[index]) { index += 1 }
            let length = index - start
            if index < bytes.count, bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\""),
                length <= 2, (start..<index).allSatisfy({ Self.isStringPrefix(bytes[$0]) })
            {
                if (start..<index).contains(where: { bytes[$0] | 0x20 == UInt8(ascii: "f") }) {
                    openFString(at: start)
                } else {
                    skipString()
                }
            } else if isNestingKeyword(start, length) {
                count()
            }
        }

        private func closesString(quote: UInt8, triple: Bool) -> Bool {
            bytes[index] == quote && (!triple || (index + 2 < bytes.count && bytes[index + 1] == quote && bytes[index + 2] == quote))
        }

        /// Skips a plain string literal starting at `index` (its quote).
        private mutating func skipString() {
            let quote = bytes[index]
            let triple = index + 2 < bytes.count && bytes[index + 1] == quote && bytes[index + 2] == quote
            index += triple ? 3 : 1
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if bytes[index] == 0x0A && !triple { return }
                if closesString(quote: quote, triple: triple) {
                    index += triple ? 3 : 1
                    return
                }
                index += 1
            }
        }

        /// An f-string opens (at its quote; `start` is its prefix): a level, like a bracket.
        private mutating func openFString(at start: Int) {
            guard fStrings.count < ParserStackGuard.fStringLimit else {
                refusedAt = fStrings[0].start
                return
            }
            let quote = bytes[index]
            let triple = index + 2 < bytes.count && bytes[index + 1] == quote && bytes[index + 2] == quote
            levels.append((start, 0))
            pending += 1
            fStrings.append((quote, triple, start, nil))
            index += triple ? 3 : 1
        }

        /// The text of the innermost f-string, up to its end or a replacement field.
        private mutating func fStringText() {
            let (quote, triple, _, _) = fStrings[fStrings.count - 1]
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\") || (byte == UInt8(ascii: "{") && index + 1 < bytes.count && bytes[index + 1] == byte) {
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "{") {
                    punctuation(byte)
                    fStrings[fStrings.count - 1].field = levels.count
                    index += 1
                    return
                }
                // A quote closes it; so does the end of the line, for a one-line
                // string left open (the grammar's scanner ends it there too).
                let closes = closesString(quote: quote, triple: triple)
                if closes || (byte == 0x0A && !triple) {
                    if closes { index += triple ? 3 : 1 }
                    fStrings.removeLast()
                    if levels.count > 1 { pending -= levels.removeLast().run + 1 }
                    count()
                    return
                }
                index += 1
            }
        }

        private func isNestingKeyword(_ start: Int, _ length: Int) -> Bool {
            guard (2...6).contains(length) else { return false }
            func equals(_ word: StaticString) -> Bool {
                word.utf8CodeUnitCount == length && (0..<length).allSatisfy { bytes[start + $0] == word.utf8Start[$0] }
            }
            switch bytes[start] {
            case UInt8(ascii: "n"): return equals("not")
            case UInt8(ascii: "l"): return equals("lambda")
            case UInt8(ascii: "a"): return equals("await")
            case UInt8(ascii: "y"): return equals("yield")
            case UInt8(ascii: "i"): return equals("if")
            case UInt8(ascii: "e"): return equals("else")
            default: return false
            }
        }

        private static func isWordByte(_ byte: UInt8) -> Bool {
            byte >= 0x80 || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
        }

        private static func isStringPrefix(_ byte: UInt8) -> Bool {
            [UInt8(ascii: "r"), UInt8(ascii: "b"), UInt8(ascii: "u"), UInt8(ascii: "f")].contains(byte | 0x20)
        }
    }
}
