import Foundation
import PythonSyntax
import Testing
import TestSupport

@Suite struct DocstringTests {
    static let samples = [
        "One line.",
        "   Leading spaces stripped.   ",
        "\n    Starts on the second line.\n\n    Second paragraph.\n    ",
        "Summary.\n\n        Deeper.\n    Shallower.\n",
        "Tabs\n\tindented\n\t\tmore",
        "\n\n\n",
        "Mixed\n  two\n    four\n",
        "Unicode é\n    ü line\n",
    ]

    /// Our cleaning must equal CPython's `inspect.cleandoc`, checked against the real thing.
    @Test func matchesInspectCleandoc() throws {
        let input = String(data: try JSONSerialization.data(withJSONObject: Self.samples), encoding: .utf8)!
        let script = "import inspect, json, sys; print(json.dumps([inspect.cleandoc(s) for s in json.loads(sys.argv[1])]))"
        let result = try Run.process(Run.python, ["-c", script, input])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String]
        for (sample, want) in zip(Self.samples, expected) {
            #expect(Docstring.clean(sample) == want, "input: \(sample.debugDescription)")
        }
    }

    @Test func knownCases() {
        #expect(Docstring.clean("\n    Run the ETL.\n\n    Args:\n        x: y\n    ") == "Run the ETL.\n\nArgs:\n    x: y")
    }

    @Test func googleArgsSection() {
        let doc = Docstring.clean("""
            Load rows.

            Args:
                source: Where to read from.
                limit (int): Maximum rows,
                    counted after filtering.
                *args: Extra.

            Returns:
                Nothing.
            """)
        let descriptions = Docstring.argumentDescriptions(doc)
        #expect(descriptions["source"] == "Where to read from.")
        #expect(descriptions["limit"] == "Maximum rows,\ncounted after filtering.")
        #expect(descriptions["args"] == "Extra.")
        #expect(descriptions["Returns"] == nil)
        #expect(descriptions.count == 3)
    }

    @Test func noSectionMeansNoDescriptions() {
        #expect(Docstring.argumentDescriptions("Just text.\nsource: not in a section").isEmpty)
    }
}
