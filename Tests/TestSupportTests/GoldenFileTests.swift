import Foundation
import Testing
import TestSupport

/// A golden mismatch must show what changed: a unified diff from the golden file to the output.
@Suite(.disabled(if: Fixtures.isRecording, "recording rewrites golden files instead of comparing"))
struct GoldenFileTests {
    @Test func aMismatchIsReportedAsAUnifiedDiffNamingTheFile() throws {
        let folder = try TemporaryFolder()
        let golden = try folder.write("expected.txt", "first\nsecond\nthird\n")
        withKnownIssue {
            Fixtures.expectGolden("first\nchanged\nthird\n", at: golden)
        } matching: { issue in
            let message = issue.comments.map(\.rawValue).joined(separator: "\n")
            return message.contains("--- \(golden.path)\n+++ actual output\n@@ -1,3 +1,3 @@\n first\n-second\n+changed\n third\n")
        }
    }

    @Test func aMatchRecordsNothing() throws {
        let folder = try TemporaryFolder()
        let golden = try folder.write("expected.txt", "same\n")
        Fixtures.expectGolden("same\n", at: golden)
    }

    @Test func differences() {
        #expect(Fixtures.difference("a\n", "a\n") == nil)
        #expect(Fixtures.difference("a\nb\n", "a\n", expectedName: "x", actualName: "y") == "--- x\n+++ y\n@@ -1,2 +1,1 @@\n a\n-b\n")
        #expect(Fixtures.difference("a\n", "a") == "--- expected\n+++ actual\n(only the final line break differs)\n")
    }
}
