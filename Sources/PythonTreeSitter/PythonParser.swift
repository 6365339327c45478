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

    /// Parses UTF-8 bytes. Offsets in the tree are offsets into `source`, so
    /// the bytes are never re-encoded. tree-sitter always returns a tree; bad
    /// syntax shows up as ERROR and MISSING nodes.
    public func parse(_ source: [UInt8]) -> SyntaxTree {
        let tree = source.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) { chars in
                ts_parser_parse_string(parser, nil, chars, UInt32(buffer.count))
            }
        }
        // Only a cancelled or timed-out parse returns NULL, and we set neither.
        return SyntaxTree(pointer: tree!, source: SourceText(bytes: source))
    }

    public func parse(_ source: String) -> SyntaxTree { parse(Array(source.utf8)) }
}
