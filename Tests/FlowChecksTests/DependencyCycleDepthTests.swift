@testable import FlowChecks
import Testing

/// The cycle search walks paths as long as the DAG: a chain of 100,000 tasks
/// (`t1 >> t2` written line by line, a flat file) must not overflow the stack.
@Suite struct DependencyCycleDepthTests {
    static let chain = (0..<100_000).map { ("t\($0)", "t\($0 + 1)") }

    @Test func longChainWithoutACycle() {
        #expect(DependencyCycleRule.cycle(Self.chain) == nil)
    }

    @Test func longChainClosedIntoACycle() throws {
        let cycle = try #require(DependencyCycleRule.cycle(Self.chain + [("t100000", "t0")]))
        #expect(cycle.count == 100_002 && cycle.first == "t0" && cycle.last == "t0")
    }

    @Test func smallCyclesAreFoundAsBefore() {
        #expect(DependencyCycleRule.cycle([("a", "b"), ("b", "c"), ("c", "a")]) == ["a", "b", "c", "a"])
        #expect(DependencyCycleRule.cycle([("a", "b"), ("a", "c"), ("c", "d"), ("d", "c")]) == ["c", "d", "c"])
        #expect(DependencyCycleRule.cycle([("a", "b"), ("b", "c")]) == nil)
    }
}
