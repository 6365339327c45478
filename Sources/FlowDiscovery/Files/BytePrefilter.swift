#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cheap test run on a file's bytes before parsing: a file that contains
/// none of a detector's needles cannot import its framework, so cannot define
/// its flows. Resolving names through imports means a flow always needs the
/// framework's module name somewhere in the file (`import prefect`,
/// `from airflow...`), which is what the needles are.
public struct BytePrefilter: Sendable {
    let needles: [[UInt8]]

    public init(needles: [String]) {
        self.needles = needles.map { Array($0.utf8) }
    }

    public func admits(_ bytes: [UInt8]) -> Bool {
        needles.contains { Self.contains(bytes, $0) }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
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
}
