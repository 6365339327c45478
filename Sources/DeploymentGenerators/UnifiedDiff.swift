/// A unified diff of two texts (`diff -u` layout, three lines of context), for
/// `generate --check` to show what is stale.
public enum UnifiedDiff {
    public static func diff(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        let edits = script(a, b)
        guard edits.contains(where: { $0.kind != .same }) else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        var index = 0
        while index < edits.count {
            guard let change = edits[index...].firstIndex(where: { $0.kind != .same }) else { break }
            let start = max(change - context, index)
            var end = change
            // Extend the hunk while the next change is within two contexts.
            while true {
                guard let nextSame = edits[end...].firstIndex(where: { $0.kind == .same }) else { end = edits.count; break }
                guard let nextChange = edits[nextSame...].firstIndex(where: { $0.kind != .same }), nextChange - nextSame <= 2 * context else {
                    end = min(nextSame + context, edits.count)
                    break
                }
                end = nextChange
            }
            let hunk = edits[start..<end]
            let oldStart = hunk.first.map { $0.oldLine } ?? 0
            let newStart = hunk.first.map { $0.newLine } ?? 0
            let oldCount = hunk.filter { $0.kind != .inserted }.count
            let newCount = hunk.filter { $0.kind != .deleted }.count
            out += "@@ -\(oldCount == 0 ? oldStart : oldStart + 1),\(oldCount) +\(newCount == 0 ? newStart : newStart + 1),\(newCount) @@\n"
            for edit in hunk {
                switch edit.kind {
                case .same: out += " \(edit.text)\n"
                case .deleted: out += "-\(edit.text)\n"
                case .inserted: out += "+\(edit.text)\n"
                }
            }
            index = end
        }
        return out
    }

    private static func lines(_ text: String) -> [String] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if result.last == "" { result.removeLast() }
        return result
    }

    struct Edit {
        enum Kind { case same, deleted, inserted }
        let kind: Kind
        let text: String
        /// 0-based positions in the old and new texts where this edit sits.
        let oldLine: Int
        let newLine: Int
    }

    /// The edit script from a longest common subsequence (quadratic; generated files are small).
    static func script(_ a: [String], _ b: [String]) -> [Edit] {
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                edits.append(Edit(kind: .same, text: a[i], oldLine: i, newLine: j))
                i += 1
                j += 1
            } else if i < a.count, j == b.count || lengths[i + 1][j] >= lengths[i][j + 1] {
                // Deletions first, as diff prints them.
                edits.append(Edit(kind: .deleted, text: a[i], oldLine: i, newLine: j))
                i += 1
            } else {
                edits.append(Edit(kind: .inserted, text: b[j], oldLine: i, newLine: j))
                j += 1
            }
        }
        return edits
    }
}
