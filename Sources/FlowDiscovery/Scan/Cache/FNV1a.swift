/// FNV-1a, 64-bit: stable across runs and machines, unlike `Hasher`, so the scan cache
/// can name and check its files with it; cheap enough to digest every path of a tree.
enum FNV1a {
    static let start: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The digest of `bytes`, or of what was digested into `hash` followed by `bytes`.
    static func digest<Bytes: Sequence<UInt8>>(_ bytes: Bytes, continuing hash: UInt64 = start) -> UInt64 {
        bytes.reduce(hash) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }
}
