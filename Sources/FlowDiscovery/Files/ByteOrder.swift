/// Paths in byte order: the order the walk keeps its files in, and the scan cache its entries,
/// so that one is found by binary search rather than by hashing every path of a large tree.
extension Array where Element == String {
    /// Where `path` is, when the array is in byte order.
    func position(ofPathInByteOrder path: String) -> Int? {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if self[middle].utf8.lexicographicallyPrecedes(path.utf8) { low = middle + 1 } else { high = middle }
        }
        return low < count && self[low] == path ? low : nil
    }

    /// Whether every path comes after the one before it, byte by byte.
    var isInByteOrder: Bool {
        zip(self, dropFirst()).allSatisfy { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
