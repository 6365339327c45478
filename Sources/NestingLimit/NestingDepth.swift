/// How deep a recursive walk has gone: into a syntax tree (the walkers of
/// PythonSyntax and FlowDiscovery), a TOML document or a JSON text. Every
/// recursive walker takes one and asks for ``deeper()`` before it descends, so
/// one hostile file (20,000 nested parentheses) yields a located diagnostic
/// instead of a stack overflow that would break every CI run of its repository.
///
/// Why 1,000: no real code comes near it. CPython 3.11 rejects more than 200
/// nested brackets ("too many nested parentheses"), more than 99 indented
/// blocks ("too many levels of indentation"), and raises RecursionError in its
/// compiler for expressions nested about 3,000 deep (`a.b.b...`, `a + a + ...`,
/// `not not ...`: measured with `compile()`: 2,992 levels pass, 2,993 fail).
/// A file deeper than 1,000 levels is generated or hostile; what lies below
/// the limit is left out, with ACS007 saying where.
///
/// What it costs: the deepest frame per level is the Airflow interpreter's
/// call (`f(f(f(...)))`), about 9 KiB per level in a debug build and 1.5 KiB
/// in release; without a limit, a debug build overflowed an 8 MiB stack at
/// 920 nested calls and 1,720 parentheses. Walkers can nest (the interpreter
/// runs the parameter-schema builder), so scan threads get a stack measured
/// to hold the worst case with room to spare (``DeepStack``).
public struct NestingDepth: Sendable, Equatable, Comparable {
    /// The one limit every walker shares.
    public static let limit = 1_000

    /// Levels descended so far.
    public let level: Int

    /// The depth of a walk's starting point.
    public static let top = NestingDepth(level: 0)

    public init(level: Int) {
        self.level = level
    }

    /// One level deeper, or nil when the limit is reached: the walker must
    /// then stop descending (and say where, so the user learns what was left out).
    public func deeper() -> NestingDepth? {
        level < Self.limit ? NestingDepth(level: level + 1) : nil
    }

    public static func < (a: NestingDepth, b: NestingDepth) -> Bool { a.level < b.level }
}
