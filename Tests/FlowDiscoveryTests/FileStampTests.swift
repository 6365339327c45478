@testable import FlowDiscovery
import Foundation
import Testing

/// `check FILE` stamps every file of the tree on all cores (``FileStamp/stamps(of:base:)``):
/// each stamp must be its own path's, in the order asked, with missing paths as nil.
@Suite struct FileStampTests {
    @Test func stampsTakenInParallelAreEachPathsOwnInOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("acme-stamps-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        var paths: [String] = []
        // Enough paths for more than one worker; sizes differ, so a stamp in the wrong place shows.
        for index in 0..<1_500 {
            let path = index % 2 == 0 ? "f\(index).py" : "sub/f\(index).py"
            if index % 7 == 0 {
                paths.append("missing/\(index).py")
                continue
            }
            try Data(repeating: 65, count: index).write(to: folder.appendingPathComponent(path))
            paths.append(path)
        }
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY)
        defer { close(descriptor) }
        let stamps = FileStamp.stamps(of: paths, base: descriptor)
        #expect(stamps.count == paths.count)
        #expect(stamps == paths.map { FileStamp(path: $0, base: descriptor) })
        #expect(stamps.enumerated().allSatisfy { index, stamp in
            paths[index].hasPrefix("missing/") ? stamp == nil : stamp?.size == Int(paths[index].dropFirst(paths[index].hasPrefix("sub/") ? 5 : 1).dropLast(3))
        })
    }
}
