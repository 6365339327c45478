/// A PEP 440 version specifier (`>=2.9,<3`, `==2.10.*`, `~=2.10`), or Poetry's
/// (`^2.10`, `~2.10`, `2.10.4`), just far enough to tell which major versions it allows.
struct VersionSpecifier {
    enum Operator: String, CaseIterable {
        // Longest first, so that "<=" is not read as "<".
        case arbitrary = "===", compatible = "~=", equal = "==", notEqual = "!=", atMost = "<=", atLeast = ">=", less = "<", greater = ">"
    }

    struct Clause {
        let op: Operator
        let version: [Int]
        /// `==2.10.*`: only the written components count.
        let wildcard: Bool
    }

    let clauses: [Clause]

    /// PEP 440; nil when a clause cannot be read. An empty specifier allows anything.
    init?(_ text: String) {
        var clauses: [Clause] = []
        for part in text.split(separator: ",") {
            let clause = part.trimmingCharacters(in: .whitespaces)
            if clause.isEmpty { continue }
            guard let op = Operator.allCases.first(where: { clause.hasPrefix($0.rawValue) }) else { return nil }
            var version = clause.dropFirst(op.rawValue.count).trimmingCharacters(in: .whitespaces)
            let wildcard = version.hasSuffix(".*")
            if wildcard { version.removeLast(2) }
            let numbers = version.prefix { $0.isNumber || $0 == "." }.split(separator: ".").compactMap { Int($0) }
            guard !numbers.isEmpty else { return nil }
            clauses.append(Clause(op: op, version: numbers, wildcard: wildcard))
        }
        self.clauses = clauses
    }

    /// Poetry's forms, turned into PEP 440 clauses.
    init?(poetry text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed == "*" {
            self.init("")
            return
        }
        func numbers(_ text: Substring) -> [Int] { text.split(separator: ".").compactMap { Int($0.prefix { $0.isNumber }) } }
        if trimmed.hasPrefix("^") {
            let version = numbers(trimmed.dropFirst())
            guard let major = version.first else { return nil }
            self.init(">=\(version.map(String.init).joined(separator: ".")),<\(major + 1)")
        } else if trimmed.hasPrefix("~") && !trimmed.hasPrefix("~=") {
            let version = numbers(trimmed.dropFirst())
            guard version.count >= 2 else { return nil }
            self.init(">=\(version.map(String.init).joined(separator: ".")),<\(version[0]).\(version[1] + 1)")
        } else if trimmed.first?.isNumber == true {
            self.init("==" + trimmed)
        } else {
            self.init(trimmed)
        }
    }

    /// The newest of `majors` some version of which every clause allows.
    func newestMajor(among majors: [Int]) -> Int? {
        majors.sorted(by: >).first { major in candidates(major).contains { version in clauses.allSatisfy { $0.allows(version) } } }
    }

    /// Versions worth trying for a major: its first and a very late one, and every
    /// version the clauses name in it, with the next one after each.
    private func candidates(_ major: Int) -> [[Int]] {
        var result: [[Int]] = [[major, 0, 0], [major, 9999, 9999]]
        for clause in clauses where clause.version.first == major {
            result.append(clause.version)
            var next = clause.version
            next[next.count - 1] += 1
            result.append(next)
        }
        return result
    }
}

extension VersionSpecifier.Clause {
    func allows(_ candidate: [Int]) -> Bool {
        let order = Self.compare(candidate, version)
        switch op {
        case .equal, .arbitrary:
            return wildcard ? Array(candidate.prefix(version.count)) == version : order == 0
        case .notEqual:
            return wildcard ? Array(candidate.prefix(version.count)) != version : order != 0
        case .atMost: return order <= 0
        case .atLeast: return order >= 0
        case .less: return order < 0
        case .greater: return order > 0
        case .compatible:
            // ~=2.10 means >=2.10, ==2.*; ~=2.10.1 means >=2.10.1, ==2.10.*.
            return order >= 0 && Array(candidate.prefix(max(1, version.count - 1))) == Array(version.prefix(max(1, version.count - 1)))
        }
    }

    /// Compares versions component by component, missing components counting as 0.
    static func compare(_ a: [Int], _ b: [Int]) -> Int {
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? a[index] : 0, right = index < b.count ? b[index] : 0
            if left != right { return left < right ? -1 : 1 }
        }
        return 0
    }
}
