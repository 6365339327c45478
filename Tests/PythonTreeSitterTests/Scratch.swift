import Testing
import Foundation
@testable import PythonTreeSitter
@Test func scratchDump() throws {
    guard let path = ProcessInfo.processInfo.environment["DUMP"] else { return }
    let tree = try PythonParser().parse(Array(FileManager.default.contents(atPath: path)!))
    print(tree.root.sExpression)
}
