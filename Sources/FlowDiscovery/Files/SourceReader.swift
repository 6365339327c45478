import Foundation

/// Reads a `.py` file into UTF-8 bytes fit for parsing, or says why it cannot.
///
/// Python source is UTF-8 unless a PEP 263 coding line says otherwise; the
/// common single-byte codings are transcoded so offsets match the text the
/// user sees. Binary files and undecodable text become located diagnostics.
public enum SourceReader {
    public enum Outcome: Sendable {
        case text([UInt8])
        case problem(Diagnostic)
    }

    /// Files above this size are reported, not parsed. A 10 MB generated
    /// module still parses; this guards against data files named `.py`.
    public static let defaultSizeLimit = 64 << 20

    public static func read(_ absolutePath: String, relativePath: String, sizeLimit: Int = defaultSizeLimit) -> Outcome {
        var info = stat()
        if stat(absolutePath, &info) == 0, Int(info.st_size) > sizeLimit {
            return .problem(Diagnostic(.tooLarge,
                "file is \(Int(info.st_size) >> 20) MiB, over the \(sizeLimit >> 20) MiB limit; not scanned",
                file: relativePath))
        }
        guard let handle = FileHandle(forReadingAtPath: absolutePath) else {
            let reason = String(cString: strerror(errno))
            return .problem(Diagnostic(.unreadable, "cannot read file: \(reason)", file: relativePath))
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            return .problem(Diagnostic(.unreadable, "cannot read file: \(FileWalker.reason(error))", file: relativePath))
        }
        return decode(Array(data), relativePath: relativePath)
    }

    /// Checks and normalises raw bytes to UTF-8 (exposed for tests).
    public static func decode(_ raw: [UInt8], relativePath: String) -> Outcome {
        var bytes = raw
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            let line = bytes[..<nul].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            return .problem(Diagnostic(.notText, "binary file: NUL byte on line \(line); not Python source",
                file: relativePath, line: line))
        }
        if isASCII(bytes) { return .text(bytes) }
        if let coding = codingDeclaration(bytes), !["utf-8", "utf8", "utf_8", "utf-8-sig"].contains(coding) {
            if let encoding = stringEncoding(for: coding),
                let text = String(data: Data(bytes), encoding: encoding)
            {
                return .text(Array(text.utf8))
            }
            return .problem(Diagnostic(.notText, "unsupported source encoding '\(coding)'", file: relativePath))
        }
        if String(validating: bytes, as: UTF8.self) != nil { return .text(bytes) }
        let line = firstInvalidUTF8Line(bytes)
        return .problem(Diagnostic(.notText,
            "not valid UTF-8 (line \(line)) and no coding declaration; Python cannot import it",
            file: relativePath, line: line))
    }

    /// Most source is plain ASCII: check eight bytes at a time before any real decoding.
    static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            let words = raw.count / 8
            var combined: UInt64 = 0
            for index in 0..<words { combined |= raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self) }
            for index in (words * 8)..<raw.count { combined |= UInt64(raw[index]) }
            return combined & 0x8080_8080_8080_8080 == 0
        }
    }

    /// The encoding named by a PEP 263 comment on line 1 or 2, lowercased:
    /// a comment containing `coding:` or `coding=` followed by a name.
    static func codingDeclaration(_ bytes: [UInt8]) -> String? {
        var lineStart = 0
        for _ in 0..<2 {
            guard lineStart < bytes.count else { return nil }
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 10 { lineEnd += 1 }
            let line = bytes[lineStart..<lineEnd]
            if let hash = line.firstIndex(of: UInt8(ascii: "#")),
                line[line.startIndex..<hash].allSatisfy({ $0 == 32 || $0 == 9 || $0 == 12 }),
                let name = codingName(in: Array(line[hash...]))
            {
                return name
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    private static func codingName(in comment: [UInt8]) -> String? {
        let word = Array("coding".utf8)
        guard comment.count > word.count else { return nil }
        for start in 0...(comment.count - word.count - 1) where Array(comment[start..<(start + word.count)]) == word {
            var index = start + word.count
            guard comment[index] == UInt8(ascii: ":") || comment[index] == UInt8(ascii: "=") else { continue }
            index += 1
            while index < comment.count, comment[index] == 32 || comment[index] == 9 { index += 1 }
            var name: [UInt8] = []
            while index < comment.count {
                let byte = comment[index]
                let isNameByte = (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
                guard isNameByte else { break }
                name.append(byte)
                index += 1
            }
            if !name.isEmpty { return String(decoding: name, as: UTF8.self).lowercased() }
        }
        return nil
    }

    private static func stringEncoding(for coding: String) -> String.Encoding? {
        switch coding.replacingOccurrences(of: "_", with: "-") {
        case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1": .isoLatin1
        case "cp1252", "windows-1252": .windowsCP1252
        case "ascii", "us-ascii": .ascii
        default: nil
        }
    }

    private static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}
