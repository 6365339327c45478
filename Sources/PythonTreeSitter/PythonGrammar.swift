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
}
