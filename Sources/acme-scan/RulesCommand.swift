import ArgumentParser
import FlowChecks

/// `acme-scan rules [CODE]`: list the rules, or document one.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule, or print one rule's documentation."
    )

    @Argument(help: "A rule code or name.")
    var code: String?

    func validate() throws {
        if let code, RuleRegistry.rule(code) == nil { throw ValidationError("unknown rule '\(code)'") }
    }

    func run() throws {
        guard let code, let rule = RuleRegistry.rule(code) else {
            for rule in RuleRegistry.all {
                let state = rule.enabledByDefault ? "" : "  (off by default)"
                print("\(rule.code)  \(rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(rule.name)\(state)")
            }
            return
        }
        let documentation = rule.documentation
        let indented = { (code: String) in code.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n") }
        print("""
            \(rule.code) \(rule.name) (\(rule.severity.rawValue)\(rule.enabledByDefault ? "" : ", off by default"))

            What it does
              \(documentation.what)

            Why it matters
              \(documentation.why)

            Example
            \(indented(documentation.example))

            Fix
              \(documentation.fix)
            """)
        if let fixed = documentation.fixedExample {
            print("\n\(indented(fixed))")
        }
    }
}

import Foundation
