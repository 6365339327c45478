/// A place in a source file, as diagnostics name it.
public struct SourcePosition: Sendable, Equatable {
    /// 1-based.
    public let line: Int
    /// 1-based, in characters.
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

extension SourceText {
    /// The line and character column of a byte offset.
    public func position(ofByte offset: Int) -> SourcePosition {
        // The last line start at or before the offset.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourcePosition(line: low + 1, column: column(ofByte: offset, row: low))
    }
}
