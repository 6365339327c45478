#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cheap test run on a file's bytes before parsing. Each group lists
/// spellings of which at least one must occur; a file missing any group
/// cannot define the detector's flows. Because names are resolved through
/// imports, a Prefect flow needs the module name (`prefect`) and the imported
/// or accessed name (`flow` or `Flow`) written somewhere in the file.
public struct BytePrefilter: Sendable {
    let groups: [[[UInt8]]]

    public init(requiring groups: [[String]]) {
        self.groups = groups.map { $0.map { Array($0.utf8) } }
    }

    public func admits(_ bytes: [UInt8]) -> Bool {
        groups.allSatisfy { group in group.contains { Self.contains(bytes, $0) } }
    }

    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { hay in
            let base = hay.baseAddress!
            var offset = 0
            let last = hay.count - needle.count
            while offset <= last {
                // memchr jumps to the next candidate first byte at memory speed.
                guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                let start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + start, needle, needle.count) == 0 { return true }
                offset = start + 1
            }
            return false
        }
    }

    /// Whether `needle` (lower-case ASCII letters) occurs in any case, as in the
    /// lower-cased bytes, without copying them. Airflow's safe-mode test runs it
    /// on nearly every file, so it looks for the needle's rarest letter eight
    /// bytes at a time (the bench corpus showed a byte-by-byte loop at 7% of a scan).
    public static func containsIgnoringCase(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        // Letters by rising frequency in the bench corpus's Python (case folded):
        // the needle's rarest one is looked for first (`w` of airflow is 4x rarer than `f`).
        let rarity = Array("jzqwkvbxhygufmpcdloniarste".utf8)
        let anchor = needle.indices.min { (rarity.firstIndex(of: needle[$0]) ?? 0) < (rarity.firstIndex(of: needle[$1]) ?? 0) }!
        let target = needle[anchor]
        return haystack.withUnsafeBufferPointer { hay in
            let base = hay.baseAddress!
            let count = hay.count
            // For a lower-case letter L, `byte | 0x20 == L` holds exactly for L and its capital.
            func matches(anchoredAt position: Int) -> Bool {
                let start = position - anchor
                guard start >= 0, start + needle.count <= count else { return false }
                for index in 0..<needle.count where base[start + index] | 0x20 != needle[index] { return false }
                return true
            }
            let spread = UInt64(target) &* 0x0101_0101_0101_0101
            var offset = 0
            while offset + 8 <= count {
                let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self) | 0x2020_2020_2020_2020
                let difference = word ^ spread
                // Non-zero exactly when some byte of `difference` is zero, i.e. some byte is the letter.
                if (difference &- 0x0101_0101_0101_0101) & ~difference & 0x8080_8080_8080_8080 != 0 {
                    for index in offset..<(offset + 8) where base[index] | 0x20 == target && matches(anchoredAt: index) {
                        return true
                    }
                }
                offset += 8
            }
            for index in offset..<count where base[index] | 0x20 == target && matches(anchoredAt: index) { return true }
            return false
        }
    }
}
