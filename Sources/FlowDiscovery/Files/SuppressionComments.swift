/// `# acme: ignore[CODE, ...]` comments of one file, found while its bytes
/// are in hand during the scan, so `check` never reads a file twice.
public struct Suppression: Sendable, Equatable {
    public let file: String
    public let line: Int
    public let column: Int
    public let codes: [String]
}

enum SuppressionComments {
    private static let marker = Array("acme: ignore[".utf8)

    static func find(in bytes: [UInt8], file: String) -> [Suppression] {
        guard BytePrefilter.contains(bytes, Array("acme:".utf8)) else { return [] }
        var result: [Suppression] = []
        var line = 1
        var lineStart = 0
        var index = 0
        // The string literal we are in: its quote byte, and whether it is triple-quoted
        // (then it spans lines, and `#` inside it starts no comment on any of them).
        var quote: UInt8?
        var tripleQuoted = false
        func startsTripleQuote(_ at: Int, _ byte: UInt8) -> Bool {
            at + 2 < bytes.count && bytes[at + 1] == byte && bytes[at + 2] == byte
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 10 {
                line += 1
                lineStart = index + 1
                if !tripleQuoted { quote = nil }
            } else if let open = quote {
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    // An escaped line break continues the string on the next line.
                    if index < bytes.count, bytes[index] == 10 {
                        line += 1
                        lineStart = index + 1
                    }
                } else if byte == open, !tripleQuoted || startsTripleQuote(index, byte) {
                    if tripleQuoted { index += 2 }
                    quote = nil
                    tripleQuoted = false
                }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
                tripleQuoted = startsTripleQuote(index, byte)
                if tripleQuoted { index += 2 }
            } else if byte == UInt8(ascii: "#") {
                var cursor = index + 1
                while cursor < bytes.count, bytes[cursor] == 32 { cursor += 1 }
                if cursor + marker.count <= bytes.count, bytes[cursor..<(cursor + marker.count)].elementsEqual(marker),
                    let close = bytes[(cursor + marker.count)...].firstIndex(where: { $0 == UInt8(ascii: "]") || $0 == 10 }),
                    bytes[close] == UInt8(ascii: "]")
                {
                    let list = String(decoding: bytes[(cursor + marker.count)..<close], as: UTF8.self)
                    let codes = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).unicodeScalars.count + 1
                    result.append(Suppression(file: file, line: line, column: column, codes: codes))
                }
                // The rest of the line is comment text.
                while index + 1 < bytes.count, bytes[index + 1] != 10 { index += 1 }
            }
            index += 1
        }
        return result
    }
}

import Foundation
