import CTreeSitter
import TreeSitterPython

/// The compiled tree-sitter-python grammar and the runtime it is linked against.
///
/// Debian's runtime (0.20.7) loads grammars of ABI 13 and 14 only; a grammar
/// fetched at the wrong version would make every parse fail, so the check runs
/// before the first parser is built and explains what to do.
public enum PythonGrammar {
    /// ABI version the grammar was generated for.
    public static var abiVersion: Int { Int(ts_language_version(tree_sitter_python())) }

    /// ABI versions the linked runtime can load.
    public static var runtimeABIRange: ClosedRange<Int> {
        Int(TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION)...Int(TREE_SITTER_LANGUAGE_VERSION)
    }

    public struct IncompatibleABI: Error, CustomStringConvertible {
        public let grammar: Int
        public let runtime: ClosedRange<Int>
        public var description: String {
            "tree-sitter-python grammar has ABI \(grammar), but the tree-sitter runtime loads ABI "
                + "\(runtime.lowerBound)-\(runtime.upperBound); re-run grammars/fetch-grammar.sh "
                + "(it pins tree-sitter-python 0.23.6, ABI 14)"
        }
    }

    /// Throws ``IncompatibleABI`` when the runtime cannot load the grammar.
    public static func checkCompatibility() throws {
        guard runtimeABIRange.contains(abiVersion) else {
            throw IncompatibleABI(grammar: abiVersion, runtime: runtimeABIRange)
        }
    }

    static var language: OpaquePointer { tree_sitter_python() }

    /// Whether nodes of this kind can appear in a tree: a named kind
    /// (`function_definition`, `ERROR`) or an anonymous one (`(`, `async`).
    /// Hidden rules and supertypes (`expression`) never appear, so they do not count.
    public static func hasNodeKind(_ name: String, named: Bool) -> Bool {
        let symbol = name.withCString { ts_language_symbol_for_name(language, $0, UInt32(name.utf8.count), named) }
        guard symbol != 0 else { return false }
        let expected = named ? TSSymbolTypeRegular : TSSymbolTypeAnonymous
        return ts_language_symbol_type(language, symbol) == expected
    }

    /// Whether the grammar names a field so (`name`, `body`, `left`).
    public static func hasField(_ name: String) -> Bool {
        name.withCString { ts_language_field_id_for_name(language, $0, UInt32(name.utf8.count)) } != 0
    }
}
