import Foundation

/// What a file's `stat` says of its identity and last change, to nanoseconds:
/// the scan cache's key for "unchanged", and `generate`'s test of whether
/// flows.json is newer than the sources.
public struct FileStamp: Sendable, Equatable {
    public var size: Int
    /// Modification and status-change times, in nanoseconds since 1970.
    public var modified: Int
    public var changed: Int
    public var inode: UInt64

    init(size: Int, modified: Int, changed: Int, inode: UInt64) {
        (self.size, self.modified, self.changed, self.inode) = (size, modified, changed, inode)
    }

    /// Stats `path`, relative to the open folder `base` (or absolute, with `AT_FDCWD`).
    public init?(path: String, base: Int32 = AT_FDCWD) {
        var info = stat()
        guard fstatat(base, path, &info, 0) == 0 else { return nil }
        self.init(info)
    }

    /// Stamps of many paths (relative to `base`), in order, taken on every core. A stat is
    /// a path lookup in the kernel: `check FILE` on the large corpus takes 7,600 of them, half
    /// its time on one core; the kernel serves them in parallel, as git's preloaded index relies on.
    public static func stamps(of paths: [String], base: Int32 = AT_FDCWD) -> [FileStamp?] {
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(paths.count / 512, 1))
        guard workers > 1 else { return paths.map { FileStamp(path: $0, base: base) } }
        var stamps = [FileStamp?](repeating: nil, count: paths.count)
        stamps.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            let chunk = (paths.count + workers - 1) / workers
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in (worker * chunk)..<min(paths.count, (worker + 1) * chunk) {
                    output[index] = FileStamp(path: paths[index], base: base)
                }
            }
        }
        return stamps
    }

    init(_ info: stat) {
        size = Int(info.st_size)
        #if canImport(Darwin)
            modified = Int(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int(info.st_mtimespec.tv_nsec)
            changed = Int(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int(info.st_ctimespec.tv_nsec)
        #else
            modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
            changed = Int(info.st_ctim.tv_sec) * 1_000_000_000 + Int(info.st_ctim.tv_nsec)
        #endif
        inode = UInt64(info.st_ino)
    }

    /// `size mtime ctime inode`: how the cache records a stamp in its JSON.
    public var text: String { "\(size) \(modified) \(changed) \(inode)" }

    init?(text: ArraySlice<UInt8>) {
        // Read once per file per run: digits straight from the bytes, no strings. A number may be
        // negative (the walk's stamp of an absent file; a modification time before 1970).
        var numbers: [Int] = []
        var current = 0
        var digits = 0
        var negative = false
        for byte in text {
            if byte == 32 {
                guard digits > 0 else { return nil }
                numbers.append(negative ? -current : current)
                (current, digits, negative) = (0, 0, false)
            } else if byte == UInt8(ascii: "-"), digits == 0, !negative {
                negative = true
            } else {
                guard (48...57).contains(byte), digits < 19 else { return nil }
                // Wrapping: an inode above Int.max keeps its bits, read back as UInt64.
                current = current &* 10 &+ Int(byte - 48)
                digits += 1
            }
        }
        guard digits > 0 else { return nil }
        numbers.append(negative ? -current : current)
        guard numbers.count == 4 else { return nil }
        (size, modified, changed, inode) = (numbers[0], numbers[1], numbers[2], UInt64(bitPattern: Int64(numbers[3])))
    }
}
