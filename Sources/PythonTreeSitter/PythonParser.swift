import CTreeSitter

/// Parses Python source bytes into a ``SyntaxTree``.
///
/// A `TSParser` is not thread-safe: create one parser per worker thread.
public final class PythonParser {
    private let parser: OpaquePointer

    public init() throws {
        try PythonGrammar.checkCompatibility()
        parser = ts_parser_new()
        guard ts_parser_set_language(parser, PythonGrammar.language) else {
            ts_parser_delete(parser)
            throw PythonGrammar.IncompatibleABI(grammar: PythonGrammar.abiVersion, runtime: PythonGrammar.runtimeABIRange)
        }
    }

    deinit { ts_parser_delete(parser) }

    /// More unfinished nesting at the end of a file than the runtime survives (see ``ParserStackGuard``).
    public static var unfinishedNestingLimit: Int { ParserStackGuard.limit }

    /// Input the runtime cannot parse safely (see ``ParserStackGuard``).
    public struct TooDeeplyNested: Error, CustomStringConvertible {
        /// Where the nesting passed the bound.
        public let position: SourcePosition
        public var description: String {
            "\(position.line):\(position.column): nested too deeply to parse safely (the file ends with more than \(ParserStackGuard.limit) unfinished levels)"
        }
    }

    /// Parses UTF-8 bytes. Offsets in the tree are offsets into `source`, so
    /// the bytes are never re-encoded. tree-sitter always returns a tree; bad
    /// syntax shows up as ERROR and MISSING nodes. Only input nested so deeply
    /// that the runtime would corrupt its memory is refused.
    public func parse(_ source: [UInt8]) throws(TooDeeplyNested) -> SyntaxTree {
        if let offset = ParserStackGuard.unsafeOffset(in: source) {
            throw TooDeeplyNested(position: SourceText(bytes: source).position(ofByte: offset))
        }
        let tree = source.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) { chars in
                ts_parser_parse_string(parser, nil, chars, UInt32(buffer.count))
            }
        }
        // Only a cancelled or timed-out parse returns NULL, and we set neither.
        return SyntaxTree(pointer: tree!, source: SourceText(bytes: source))
    }

    public func parse(_ source: String) throws(TooDeeplyNested) -> SyntaxTree { try parse(Array(source.utf8)) }
}
