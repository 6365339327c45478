import Foundation

/// Writes files so that readers see the old content or the new, never half
/// of it: the bytes go to a temporary file in the same folder, which is then
/// renamed over the target.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AcmeError.cannotWrite(path: path, reason: "folder \(folder) does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw AcmeError.cannotWrite(path: path, reason: "is a folder")
        }
        // A device or a pipe (`-o /dev/null`, a FIFO) is written to, never replaced: renaming a
        // file over /dev/null would turn it into a regular file for the whole machine.
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw AcmeError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            defer { try? handle.close() }
            do {
                try handle.write(contentsOf: Data(text.utf8))
            } catch {
                throw AcmeError.cannotWrite(path: path, reason: "\(error)")
            }
            return
        }
        let temporary = folder + "/.\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw AcmeError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw AcmeError.cannotWrite(path: path, reason: reason)
        }
    }
}
