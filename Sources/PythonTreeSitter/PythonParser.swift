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

    /// Input tree-sitter is not given, or gave up on.
    public enum Unparsable: Error, CustomStringConvertible, Equatable {
        /// Nested so deeply that the runtime would corrupt its memory (see ``ParserStackGuard``); where it starts.
        case tooDeeplyNested(SourcePosition)
        /// Error recovery ran past the time limit.
        case tooSlow(limit: Duration)

        public var description: String {
            switch self {
            case .tooDeeplyNested(let position):
                "\(position.line):\(position.column): nested too deeply to parse safely (the file ends with more than \(ParserStackGuard.limit) unfinished levels)"
            case .tooSlow(let limit):
                "tree-sitter's error recovery gave up after \(limit)"
            }
        }
    }

    /// How long a parse may take: 5 s, and 1 s more per MiB. A file parses at
    /// about 20 MiB/s per core (the benchmark corpus without the pre-filter), so
    /// this is over twenty times the normal time; but error recovery grows
    /// faster than the file on some broken input (a line with an open quote
    /// repeated: 2,000 copies take 1.7 s, 4,000 take 9.3 s, 8,000 take 42 s,
    /// found by `bench/fuzz.sh`), and a pre-commit hook must not hang on it.
    public static func timeLimit(forBytes count: Int) -> Duration {
        .seconds(5) + .seconds(Double(count) / Double(1 << 20))
    }

    /// Parses UTF-8 bytes. Offsets in the tree are offsets into `source`, so
    /// the bytes are never re-encoded. tree-sitter always returns a tree; bad
    /// syntax shows up as ERROR and MISSING nodes. Refused: input nested so
    /// deeply that the runtime would corrupt its memory, and input whose error
    /// recovery outlives `timeLimit` (default: ``timeLimit(forBytes:)``).
    public func parse(_ source: [UInt8], timeLimit: Duration? = nil) throws(Unparsable) -> SyntaxTree {
        if let offset = ParserStackGuard.unsafeOffset(in: source) {
            throw .tooDeeplyNested(SourceText(bytes: source).position(ofByte: offset))
        }
        let limit = timeLimit ?? Self.timeLimit(forBytes: source.count)
        let (seconds, attoseconds) = limit.components
        ts_parser_set_timeout_micros(parser, UInt64(max(seconds, 0)) * 1_000_000 + UInt64(max(attoseconds, 0) / 1_000_000_000_000))
        let tree = source.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) { chars in
                ts_parser_parse_string(parser, nil, chars, UInt32(buffer.count))
            }
        }
        guard let tree else {
            // Only the time limit returns NULL; without a reset the next parse would resume this one.
            ts_parser_reset(parser)
            throw .tooSlow(limit: limit)
        }
        return SyntaxTree(pointer: tree, source: SourceText(bytes: source))
    }

    public func parse(_ source: String) throws(Unparsable) -> SyntaxTree { try parse(Array(source.utf8)) }
}
