@testable import PrefectYAMLImport
import PythonSyntax
import Testing

@Suite struct SettingsPlacementTests {
    typealias Pair = FlowInEnvironment

    @Test func valuesGoToTheMostGeneralLevelThatHoldsThem() {
        let pool: SettingSlot = .plain("work-pool"), tag: SettingSlot = .tag("env:prod"), image: SettingSlot = .jobVariable(["image"])
        let placement = SettingsPlacement([
            Pair(flow: "a", environment: "dev"): [pool: "shared", image: "a"],
            Pair(flow: "a", environment: "prod"): [pool: "shared", tag: true, image: "a"],
            Pair(flow: "b", environment: "dev"): [pool: "shared", image: "b-dev"],
            Pair(flow: "b", environment: "prod"): [pool: "shared", tag: true, image: "b-prod"],
        ])
        #expect(placement.defaults == [pool: "shared"])
        #expect(placement.environments == ["prod": [tag: true]])
        #expect(placement.flows == ["a": [image: "a"]])
        #expect(placement.flowEnvironments == [Pair(flow: "b", environment: "dev"): [image: "b-dev"], Pair(flow: "b", environment: "prod"): [image: "b-prod"]])
    }

    /// acme.toml cannot unset a setting: whatever the input, layering the levels back gives
    /// every deployment exactly its own settings, no more and no less.
    @Test func layeringTheLevelsGivesBackEveryDeploymentExactly() {
        var seed: UInt64 = 14
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let slots: [SettingSlot] = [.plain("work-pool"), .plain("schedules"), .parameter("limit"), .jobVariable(["env", "A"]), .tag("t")]
        for _ in 0..<300 {
            var input: [Pair: [SettingSlot: JSONValue]] = [:]
            for flow in ["a", "b", "c"].prefix(1 + next(3)) {
                for environment in ["dev", "tst", "prod"].prefix(1 + next(3)) where next(4) > 0 {
                    var settings: [SettingSlot: JSONValue] = [:]
                    for slot in slots where next(3) > 0 { settings[slot] = .int(next(2)) }
                    input[Pair(flow: flow, environment: environment)] = settings
                }
            }
            let placement = SettingsPlacement(input)
            for (pair, settings) in input {
                #expect(placement.resolved(pair) == settings, "\(pair): \(input)")
            }
        }
    }
}
