import CTreeSitter
import NestingLimit
import Synchronization

/// A parsed file: the tree-sitter tree plus the bytes it points into.
public final class SyntaxTree: @unchecked Sendable {
    // Immutable after parsing, so sharing across threads is safe.
    let pointer: OpaquePointer
    public let source: SourceText
    /// Start byte of the first node below which a walk stopped at the nesting
    /// limit. Trees of other modules are walked from several scan threads, hence the lock.
    private let nestingLimitByte = Mutex<Int?>(nil)

    init(pointer: OpaquePointer, source: SourceText) {
        self.pointer = pointer
        self.source = source
    }

    deinit { ts_tree_delete(pointer) }

    public var root: Node { Node(raw: ts_tree_root_node(pointer), tree: self) }

    /// Where (the first place in the file) a walk stopped descending because
    /// it reached ``NestingDepth/limit``; nil when every walk went all the way.
    public var nestingLimitReached: SourcePosition? {
        nestingLimitByte.withLock { $0 }.map { source.position(ofByte: $0) }
    }

    func noteNestingLimit(at byte: Int) {
        nestingLimitByte.withLock { $0 = min($0 ?? byte, byte) }
    }
}

extension Node {
    /// The depth below this node for a walker about to descend into it, or nil
    /// when `depth` is at the limit: the walker then leaves the node's insides
    /// out, and the tree remembers where (``SyntaxTree/nestingLimitReached``),
    /// so the scan can say so instead of overflowing its stack.
    public func descend(from depth: NestingDepth) -> NestingDepth? {
        if let deeper = depth.deeper() { return deeper }
        tree.noteNestingLimit(at: startByte)
        return nil
    }
}

/// The bytes of a file and a line index for turning byte offsets into
/// 1-based character columns (lines come from tree-sitter's points).
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    /// Byte offset where each line starts.
    public let lineStarts: [Int]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }

    public func text(_ range: Range<Int>) -> String {
        let clamped = range.clamped(to: 0..<bytes.count)
        return String(decoding: bytes[clamped], as: UTF8.self)
    }

    /// 1-based column counted in Unicode scalars, as editors count characters.
    public func column(ofByte offset: Int, row: Int) -> Int {
        let start = lineStarts[min(row, lineStarts.count - 1)]
        let end = min(offset, bytes.count)
        guard start < end else { return 1 }
        // Every byte that is not a UTF-8 continuation byte starts a scalar.
        return bytes[start..<end].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
    }
}
