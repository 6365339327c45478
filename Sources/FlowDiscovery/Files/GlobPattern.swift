/// A gitignore-style glob: `*` and `?` stop at `/`, `**` crosses folders,
/// `[a-z]` / `[!a-z]` are classes (never matching `/`, as in git), and a
/// backslash quotes the next character.
///
/// Matching follows every way the pattern could be matched at once, as a set
/// of pattern positions kept in bit masks and moved one text byte at a time
/// (shift-and), so it takes time linear in the text whatever the pattern. The
/// backtracking matcher it replaces was exponential in the number of stars: a
/// `.gitignore` line `*a*a*a*a*a*a*a*a*a*b` took 10 s on one 40-character name
/// (issue 13). Git's wildmatch bounds the same search with early aborts.
struct GlobPattern: Sendable, Equatable {
    private enum Token {
        /// One byte out of a set: a literal, `?`, or a class.
        case one(ByteSet)
        /// `*`: any run of bytes but `/`.
        case star
        /// `**/` at the start of a segment: nothing, or any run of bytes ending in `/`.
        case folders
        /// `**` ending the pattern at the start of a segment: whatever is left.
        case rest
    }

    /// Bit i of a mask stands for "token i is next"; bit `tokenCount` for "the whole pattern matched".
    /// In `insideFolders`, bit i means "inside the `**/` of token i, past its start".
    private let tokenCount: Int
    private let words: Int
    /// For each byte, the tokens that can consume it: `words` masks per byte.
    private let consumers: [UInt64]
    private let stars: [UInt64]
    private let folders: [UInt64]
    private let rests: [UInt64]
    /// Tokens that may match nothing: `*` and `**/`.
    private let skippable: [UInt64]

    init(_ pattern: String) {
        let tokens = Self.compile(Array(pattern.utf8))
        tokenCount = tokens.count
        words = tokens.count / 64 + 1
        var consumers = [UInt64](repeating: 0, count: 256 * words)
        var stars = [UInt64](repeating: 0, count: words), folders = stars, rests = stars
        for (index, token) in tokens.enumerated() {
            let (word, bit) = (index / 64, UInt64(1) << UInt64(index % 64))
            switch token {
            case .one(let set):
                for byte in 0...255 where set.contains(UInt8(byte)) { consumers[byte * words + word] |= bit }
            case .star:
                stars[word] |= bit
                for byte in 0...255 where byte != Int(Self.slash) { consumers[byte * words + word] |= bit }
            case .folders: folders[word] |= bit
            case .rest: rests[word] |= bit
            }
        }
        self.consumers = consumers
        self.stars = stars
        self.folders = folders
        self.rests = rests
        skippable = zip(stars, folders).map { $0 | $1 }
    }

    func matches(_ path: String) -> Bool {
        var path = path
        return path.withUTF8(matches)
    }

    func matches(_ path: Substring) -> Bool {
        var path = path
        return path.withUTF8(matches)
    }

    private func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        words == 1 ? matchesInOneWord(text) : matchesInWords(text)
    }

    /// Patterns of up to 63 tokens (nearly all): the same steps as `matchesInWords`, on one mask.
    private func matchesInOneWord(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let stars = stars[0], folders = folders[0], rests = rests[0], skippable = skippable[0]
        func closeOverSkips(_ states: UInt64) -> UInt64 {
            var states = states
            while true {
                let closed = states | ((states & skippable) << 1)
                if closed == states { return states }
                states = closed
            }
        }
        return consumers.withUnsafeBufferPointer { consumers in
            var current = closeOverSkips(1)
            var insideFolders: UInt64 = 0
            for byte in text {
                if current & rests != 0 { return true }
                let consumed = current & consumers[Int(byte)]
                insideFolders |= current & folders
                var next = ((consumed & ~stars) << 1) | (consumed & stars)
                if byte == Self.slash { next |= insideFolders << 1 }
                if next == 0 && insideFolders == 0 { return false }
                current = closeOverSkips(next)
            }
            return current & rests != 0 || current & (1 << UInt64(tokenCount)) != 0
        }
    }

    private func matchesInWords(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let words = self.words
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 3 * words) { buffer in
            let current = UnsafeMutableBufferPointer(rebasing: buffer[0..<words])
            let insideFolders = UnsafeMutableBufferPointer(rebasing: buffer[words..<2 * words])
            let next = UnsafeMutableBufferPointer(rebasing: buffer[(2 * words)...])
            current.initialize(repeating: 0)
            insideFolders.initialize(repeating: 0)
            current[0] = 1
            if closeOverSkips(current) { return true }
            for byte in text {
                var carry: UInt64 = 0, folderCarry: UInt64 = 0, alive: UInt64 = 0
                for word in 0..<words {
                    let consumed = current[word] & consumers[Int(byte) * words + word]
                    let moved = consumed & ~stars[word]
                    insideFolders[word] |= current[word] & folders[word]
                    next[word] = (moved << 1) | carry | (consumed & stars[word])
                    carry = moved >> 63
                    if byte == Self.slash {
                        // A `/` may end a `**/`: move on to the token after it.
                        next[word] |= (insideFolders[word] << 1) | folderCarry
                        folderCarry = insideFolders[word] >> 63
                    }
                    alive |= next[word] | insideFolders[word]
                }
                if alive == 0 { return false }
                for word in 0..<words { current[word] = next[word] }
                if closeOverSkips(current) { return true }
            }
            return current[tokenCount / 64] & (1 << UInt64(tokenCount % 64)) != 0
        }
    }

    /// Adds the positions reachable by matching nothing for `*` and `**/`;
    /// true when that reaches a trailing `**`, which matches whatever follows.
    private func closeOverSkips(_ states: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        var changed = true
        while changed {
            changed = false
            var carry: UInt64 = 0
            for word in 0..<words {
                let skipped = states[word] & skippable[word]
                let added = ((skipped << 1) | carry) & ~states[word]
                carry = skipped >> 63
                if added != 0 {
                    states[word] |= added
                    changed = true
                }
            }
        }
        return (0..<words).contains { states[$0] & rests[$0] != 0 }
    }

    private static let slash = UInt8(ascii: "/")

    private static func compile(_ p: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < p.count {
            let c = p[i]
            switch c {
            case UInt8(ascii: "*"):
                let atSegmentStart = i == 0 || p[i - 1] == slash
                if atSegmentStart, i + 1 < p.count, p[i + 1] == UInt8(ascii: "*") {
                    if i + 2 == p.count {  // `a/**` matches everything below
                        tokens.append(.rest)
                        return tokens
                    }
                    if p[i + 2] == slash {  // `**/`: zero or more whole folders
                        tokens.append(.folders)
                        i += 3
                        continue
                    }
                }
                // A single `*` (or a `**` inside a segment): anything but `/`.
                while i < p.count && p[i] == UInt8(ascii: "*") { i += 1 }
                tokens.append(.star)
            case UInt8(ascii: "?"):
                tokens.append(.one(ByteSet.all.removing(slash)))
                i += 1
            case UInt8(ascii: "["):
                if let (set, end) = ByteSet.parseClass(p, from: i) {
                    tokens.append(.one(set))
                    i = end
                } else {  // An unclosed `[` is a literal.
                    tokens.append(.one(ByteSet(c)))
                    i += 1
                }
            case UInt8(ascii: "\\") where i + 1 < p.count:
                tokens.append(.one(ByteSet(p[i + 1])))
                i += 2
            default:
                tokens.append(.one(ByteSet(c)))
                i += 1
            }
        }
        return tokens
    }
}

/// A set of bytes: what one `[...]` class (or `?`, or a literal) matches.
struct ByteSet: Sendable, Equatable {
    private var members = [Bool](repeating: false, count: 256)

    init() {}

    init(_ byte: UInt8) { members[Int(byte)] = true }

    static let all: ByteSet = {
        var set = ByteSet()
        set.insert(0, through: 255)
        return set
    }()

    func contains(_ byte: UInt8) -> Bool { members[Int(byte)] }

    func removing(_ byte: UInt8) -> ByteSet {
        var copy = self
        copy.members[Int(byte)] = false
        return copy
    }

    mutating func insert(_ low: UInt8, through high: UInt8) {
        guard low <= high else { return }
        for byte in low...high { members[Int(byte)] = true }
    }

    /// The class starting at `p[start] == "["` (`[!...]` / `[^...]` negate; a `]`
    /// right after the bracket is a member) and the index after its `]`; nil if unclosed.
    static func parseClass(_ p: [UInt8], from start: Int) -> (ByteSet, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count, p[i] == UInt8(ascii: "!") || p[i] == UInt8(ascii: "^") {
            negate = true
            i += 1
        }
        var set = ByteSet()
        var first = true
        while i < p.count {
            if p[i] == UInt8(ascii: "]") && !first {
                if negate { set.members = set.members.map { !$0 } }
                // In a path, a class never matches the separator.
                return (set.removing(UInt8(ascii: "/")), i + 1)
            }
            first = false
            var low = p[i]
            if low == UInt8(ascii: "\\"), i + 1 < p.count {
                i += 1
                low = p[i]
            }
            if i + 2 < p.count, p[i + 1] == UInt8(ascii: "-"), p[i + 2] != UInt8(ascii: "]") {
                set.insert(low, through: p[i + 2])
                i += 3
            } else {
                set.insert(low, through: low)
                i += 1
            }
        }
        return nil
    }
}
