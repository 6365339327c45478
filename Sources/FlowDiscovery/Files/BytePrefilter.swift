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
    /// lower-cased bytes, without copying them: Airflow's safe-mode test runs
    /// on every file the name pre-filters reject.
    public static func containsIgnoringCase(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { hay in
            // For a lower-case letter L, `byte | 0x20 == L` holds exactly for L and its capital.
            let last = hay.count - needle.count
            var offset = 0
            while offset <= last {
                if hay[offset] | 0x20 == first {
                    var index = 1
                    while index < needle.count, hay[offset + index] | 0x20 == needle[index] { index += 1 }
                    if index == needle.count { return true }
                }
                offset += 1
            }
            return false
        }
    }
}
