/// A gitignore-style glob: `*` and `?` stop at `/`, `**` crosses folders,
/// `[a-z]` / `[!a-z]` are classes, and a backslash quotes the next character.
struct GlobPattern: Sendable, Equatable {
    let bytes: [UInt8]

    init(_ pattern: String) { bytes = Array(pattern.utf8) }

    func matches(_ path: String) -> Bool {
        Self.match(bytes, 0, Array(path.utf8), 0)
    }

    private static let slash = UInt8(ascii: "/")
    private static let star = UInt8(ascii: "*")

    private static func match(_ p: [UInt8], _ pi: Int, _ t: [UInt8], _ ti: Int) -> Bool {
        var pi = pi, ti = ti
        while pi < p.count {
            let c = p[pi]
            if c == star {
                let isDouble = pi + 1 < p.count && p[pi + 1] == star
                let atSegmentStart = pi == 0 || p[pi - 1] == slash
                if isDouble && atSegmentStart {
                    let rest = pi + 2
                    if rest == p.count { return true }  // `a/**` matches everything below
                    if p[rest] == slash {
                        // `**/`: zero or more whole folders.
                        if match(p, rest + 1, t, ti) { return true }
                        var k = ti
                        while k < t.count {
                            if t[k] == slash, match(p, rest + 1, t, k + 1) { return true }
                            k += 1
                        }
                        return false
                    }
                }
                // A single `*` (or a `**` inside a segment): anything but `/`.
                var next = pi + 1
                while next < p.count && p[next] == star { next += 1 }
                var k = ti
                while true {
                    if match(p, next, t, k) { return true }
                    if k >= t.count || t[k] == slash { return false }
                    k += 1
                }
            }
            guard ti < t.count else { return false }
            switch c {
            case UInt8(ascii: "?"):
                if t[ti] == slash { return false }
                pi += 1
            case UInt8(ascii: "["):
                guard let (matched, end) = matchClass(p, pi, t[ti]) else {
                    // An unclosed `[` is a literal.
                    if t[ti] != c { return false }
                    pi += 1
                    ti += 1
                    continue
                }
                if !matched { return false }
                pi = end
            case UInt8(ascii: "\\") where pi + 1 < p.count:
                if t[ti] != p[pi + 1] { return false }
                pi += 2
            default:
                if t[ti] != c { return false }
                pi += 1
            }
            ti += 1
        }
        return ti == t.count
    }

    /// Matches one byte against the class starting at `p[start] == "["`.
    /// Returns whether it matched and the index after `]`, or nil if unclosed.
    private static func matchClass(_ p: [UInt8], _ start: Int, _ byte: UInt8) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count, p[i] == UInt8(ascii: "!") || p[i] == UInt8(ascii: "^") {
            negate = true
            i += 1
        }
        var matched = false
        var first = true
        while i < p.count {
            if p[i] == UInt8(ascii: "]") && !first { return (matched != negate, i + 1) }
            first = false
            var low = p[i]
            if low == UInt8(ascii: "\\"), i + 1 < p.count {
                i += 1
                low = p[i]
            }
            if i + 2 < p.count, p[i + 1] == UInt8(ascii: "-"), p[i + 2] != UInt8(ascii: "]") {
                let high = p[i + 2]
                if low <= byte && byte <= high { matched = true }
                i += 3
            } else {
                if low == byte { matched = true }
                i += 1
            }
        }
        return nil
    }
}
