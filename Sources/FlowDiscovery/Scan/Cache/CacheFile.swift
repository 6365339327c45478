/// The scan cache's file: a fixed header, a table of fixed-size entries sorted by
/// path (one per file: its stamp, flags, and where its results lie), then the
/// bytes the entries point into. Read with one `read`, looked up by binary search
/// over the table, and decoded only where an entry is used: an unchanged re-scan
/// costs a stat per file, not a JSON parse per file.
///
/// All integers are little-endian. Header (48 bytes): magic `ACMESCN5`, entry
/// count (u32), 4 spare bytes, the tree digest and the Airflow digest (u64 each),
/// the output record's offset and length (u32 each), the walk snapshot's offset and
/// length (u32 each; ``WalkSnapshot``). Entry (56
/// bytes): path offset and length (u32), size, modification time, change time and
/// inode (u64), flags (u32), payload offset and length (u32), summary length (u32,
/// the summary follows the payload).
struct CacheFile {
    static let magic = Array("ACMESCN5".utf8)
    static let headerSize = 48
    static let entrySize = 56

    struct Flags: OptionSet, Sendable {
        let rawValue: UInt32
        static let airflowIgnored = Flags(rawValue: 1)
        static let usedModuleIndex = Flags(rawValue: 2)
        static let parsed = Flags(rawValue: 4)
    }

    /// One file's entry, as written.
    struct Entry {
        var path: [UInt8]
        var stamp: FileStamp
        var flags: Flags
        /// The file's results as JSON (``ScanCache``), empty when it has none.
        var payload: ArraySlice<UInt8>
        /// Its flows for repo-wide rules (``FlowSummary``), empty when it has none.
        var summary: ArraySlice<UInt8>
    }

    let bytes: [UInt8]
    let count: Int
    let treeDigest: UInt64
    let airflowDigest: UInt64
    private let outputRange: Range<Int>
    private let snapshotRange: Range<Int>

    /// Nil when `bytes` is not a whole cache file of this format.
    init?(bytes: [UInt8]) {
        guard bytes.count >= Self.headerSize, Array(bytes[0..<8]) == Self.magic else { return nil }
        self.bytes = bytes
        count = Int(Self.u32(bytes, 8))
        treeDigest = Self.u64(bytes, 16)
        airflowDigest = Self.u64(bytes, 24)
        let outputStart = Int(Self.u32(bytes, 32)), outputLength = Int(Self.u32(bytes, 36))
        let snapshotStart = Int(Self.u32(bytes, 40)), snapshotLength = Int(Self.u32(bytes, 44))
        guard Self.headerSize + count * Self.entrySize <= bytes.count, outputStart + outputLength <= bytes.count,
            snapshotStart + snapshotLength <= bytes.count
        else { return nil }
        outputRange = outputStart..<(outputStart + outputLength)
        snapshotRange = snapshotStart..<(snapshotStart + snapshotLength)
        // Every entry must point inside the file: a truncated or corrupt cache is no cache.
        for index in 0..<count {
            let base = Self.headerSize + index * Self.entrySize
            let pathEnd = Int(Self.u32(bytes, base)) + Int(Self.u32(bytes, base + 4))
            let dataEnd = Int(Self.u32(bytes, base + 44)) + Int(Self.u32(bytes, base + 48)) + Int(Self.u32(bytes, base + 52))
            guard pathEnd <= bytes.count, dataEnd <= bytes.count else { return nil }
        }
    }

    /// The output this state of the cache wrote last (``ScanCache/OutputRecord``), as JSON.
    var outputRecord: ArraySlice<UInt8> { bytes[outputRange] }

    /// The walk that listed these entries, as ``WalkSnapshot`` writes it (empty when none was kept).
    var walkSnapshot: ArraySlice<UInt8> { bytes[snapshotRange] }

    func path(_ index: Int) -> ArraySlice<UInt8> {
        let base = Self.headerSize + index * Self.entrySize
        let start = Int(Self.u32(bytes, base))
        return bytes[start..<(start + Int(Self.u32(bytes, base + 4)))]
    }

    func stamp(_ index: Int) -> FileStamp {
        let base = Self.headerSize + index * Self.entrySize
        return FileStamp(size: Int(Self.u64(bytes, base + 8)), modified: Int(Int64(bitPattern: Self.u64(bytes, base + 16))),
            changed: Int(Int64(bitPattern: Self.u64(bytes, base + 24))), inode: Self.u64(bytes, base + 32))
    }

    func flags(_ index: Int) -> Flags { Flags(rawValue: Self.u32(bytes, Self.headerSize + index * Self.entrySize + 40)) }

    func payload(_ index: Int) -> ArraySlice<UInt8> {
        let base = Self.headerSize + index * Self.entrySize
        let start = Int(Self.u32(bytes, base + 44))
        return bytes[start..<(start + Int(Self.u32(bytes, base + 48)))]
    }

    func summary(_ index: Int) -> ArraySlice<UInt8> {
        let base = Self.headerSize + index * Self.entrySize
        let start = Int(Self.u32(bytes, base + 44)) + Int(Self.u32(bytes, base + 48))
        return bytes[start..<(start + Int(Self.u32(bytes, base + 52)))]
    }

    /// The index of `path`'s entry: a binary search over the sorted table, comparing bytes.
    func index(of path: String) -> Int? {
        var path = path
        return path.withUTF8 { key in
            var low = 0, high = count - 1
            while low <= high {
                let middle = (low + high) / 2
                let order = Self.compare(self.path(middle), key)
                if order == 0 { return middle }
                if order < 0 { low = middle + 1 } else { high = middle - 1 }
            }
            return nil
        }
    }

    static func compare(_ a: ArraySlice<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        var i = a.startIndex, j = 0
        while i < a.endIndex, j < b.count {
            if a[i] != b[j] { return a[i] < b[j] ? -1 : 1 }
            i += 1
            j += 1
        }
        return (a.endIndex - i) - (b.count - j) == 0 ? 0 : (i == a.endIndex ? -1 : 1)
    }

    /// The file for `entries` (already in path order), with the digests and output record.
    static func encode(_ entries: [Entry], treeDigest: UInt64, airflowDigest: UInt64, outputRecord: [UInt8],
        walkSnapshot: ArraySlice<UInt8>) -> [UInt8]
    {
        let tableEnd = headerSize + entries.count * entrySize
        var out = [UInt8](repeating: 0, count: tableEnd)
        out.replaceSubrange(0..<8, with: magic)
        put32(&out, 8, UInt32(entries.count))
        put64(&out, 16, treeDigest)
        put64(&out, 24, airflowDigest)
        for (index, entry) in entries.enumerated() {
            let base = headerSize + index * entrySize
            put32(&out, base, UInt32(out.count))
            put32(&out, base + 4, UInt32(entry.path.count))
            out += entry.path
            put64(&out, base + 8, UInt64(entry.stamp.size))
            put64(&out, base + 16, UInt64(bitPattern: Int64(entry.stamp.modified)))
            put64(&out, base + 24, UInt64(bitPattern: Int64(entry.stamp.changed)))
            put64(&out, base + 32, entry.stamp.inode)
            put32(&out, base + 40, entry.flags.rawValue)
            put32(&out, base + 44, UInt32(out.count))
            put32(&out, base + 48, UInt32(entry.payload.count))
            put32(&out, base + 52, UInt32(entry.summary.count))
            out += entry.payload
            out += entry.summary
        }
        put32(&out, 32, UInt32(out.count))
        put32(&out, 36, UInt32(outputRecord.count))
        out += outputRecord
        put32(&out, 40, UInt32(out.count))
        put32(&out, 44, UInt32(walkSnapshot.count))
        out += walkSnapshot
        return out
    }

    static func u32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
    }

    static func u64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    }

    private static func put32(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<(offset + 4), with: $0) }
    }

    private static func put64(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<(offset + 8), with: $0) }
    }
}
