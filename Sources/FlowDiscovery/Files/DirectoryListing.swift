import Foundation

/// One folder's entries with the type the file system reports for each, so
/// the walk stats only symbolic links and the rare entry of unknown type.
/// (`FileManager.contentsOfDirectory` drops the type, which cost two `stat`
/// calls for every entry of a large tree.)
struct DirectoryListing {
    struct Entry {
        let name: String
        /// `kind` when the listing tells it; nil for links and unknown types, which need a `stat`.
        let kind: FileWalker.EntryKind?
    }

    struct Failure: Error {
        let reason: String
    }

    /// The folder's identity and stamp (from the open handle, before its entries are read: a
    /// change after that shows as a newer stamp), and its entries.
    static func entries(of folder: String) throws(Failure) -> (FileIdentity?, FileStamp?, [Entry]) {
        guard let handle = opendir(folder) else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { closedir(handle) }
        var info = stat()
        let statted = fstat(dirfd(handle), &info) == 0
        let identity = statted ? FileIdentity(info) : nil
        let stamp = statted ? FileStamp(info) : nil
        var entries: [Entry] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let kind: FileWalker.EntryKind? = switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): .directory
            case Int32(DT_REG): .regular
            case Int32(DT_LNK), Int32(DT_UNKNOWN): nil
            default: .other
            }
            entries.append(Entry(name: name, kind: kind))
        }
        return (identity, stamp, entries)
    }
}
