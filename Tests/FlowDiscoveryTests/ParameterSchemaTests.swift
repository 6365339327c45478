@testable import FlowDiscovery
import PythonSyntax
import PythonTreeSitter
import Testing

/// The schema Prefect would build for a parameter, one annotation at a time.
/// Expected values were read off Prefect 3.9.1 / pydantic 2 (see Tests/fidelity).
@Suite struct ParameterSchemaTests {
    /// The schema property for parameter `p` of `def f(p...)` after `prelude`.
    func property(_ parameter: String, prelude: String = "") throws -> JSONValue? {
        let tree = try PythonParser().parse(prelude + "\ndef f(\(parameter)): pass\n")
        let scope = Scope.module(tree)
        let function = try #require(tree.root.namedChildren.last { $0.type == "function_definition" })
        let (_, schema) = ParameterSchema.build(function: function, scope: scope, descriptions: [:])
        return schema["properties"]?.objectValue?.values.first
    }

    func type(_ parameter: String, prelude: String = "") throws -> JSONValue? {
        guard var members = try property(parameter, prelude: prelude)?.objectValue else { return nil }
        for key in ["title", "position", "default"] { members[key] = nil }
        return .object(members)
    }

    @Test func primitives() throws {
        #expect(try type("p: str") == ["type": "string"])
        #expect(try type("p: int") == ["type": "integer"])
        #expect(try type("p: float") == ["type": "number"])
        #expect(try type("p: bool") == ["type": "boolean"])
        #expect(try type("p: bytes") == ["type": "string", "format": "binary"])
        #expect(try type("p") == [:])
    }

    @Test func containers() throws {
        #expect(try type("p: list[int]") == ["type": "array", "items": ["type": "integer"]])
        #expect(try type("p: List[str]", prelude: "from typing import List") == ["type": "array", "items": ["type": "string"]])
        #expect(try type("p: dict[str, int]") == ["type": "object", "additionalProperties": ["type": "integer"]])
        #expect(try type("p: dict") == ["type": "object", "additionalProperties": true])
        #expect(try type("p: tuple[int, ...]") == ["type": "array", "items": ["type": "integer"]])
        #expect(try type("p: tuple[int, str]")
            == ["type": "array", "prefixItems": [["type": "integer"], ["type": "string"]], "minItems": 2, "maxItems": 2])
        #expect(try type("p: set[str]") == ["type": "array", "items": ["type": "string"], "uniqueItems": true])
    }

    @Test func unionsPutNullLast() throws {
        let expected: JSONValue = ["anyOf": [["type": "integer"], ["type": "string"], ["type": "null"]]]
        #expect(try type("p: Union[int, None, str]", prelude: "from typing import Union") == expected)
        #expect(try type("p: int | None | str") == expected)
        #expect(try type("p: Optional[Union[int, str]]", prelude: "from typing import Optional, Union") == expected)
        #expect(try type("p: Union[int]", prelude: "from typing import Union") == ["type": "integer"])
    }

    @Test func literalsAndEnums() throws {
        #expect(try type("p: Literal['a', 'b']", prelude: "from typing import Literal")
            == ["enum": ["a", "b"], "type": "string"])
        #expect(try type("p: Literal['a']", prelude: "from typing import Literal") == ["const": "a", "type": "string"])
        #expect(try type("p: Literal[1, 'a']", prelude: "from typing import Literal") == ["enum": [1, "a"]])
        let prelude = "from enum import Enum\nclass Mode(str, Enum):\n    A = 'a'\n    B = 'b'\n"
        #expect(try property("p: Mode = Mode.B", prelude: prelude)
            == ["$ref": "#/definitions/Mode", "default": "b", "title": "p", "position": 0])
    }

    @Test func enumDefinitionCarriesDocstringAndSharedType() throws {
        let tree = try PythonParser().parse("import enum\nclass P(enum.IntEnum):\n    \"\"\"Priority.\"\"\"\n    LOW = 1\n    HIGH = 2\n")
        let definition = try #require(tree.root.namedChildren.last)
        let enumeration = try #require(EnumClass(definition, scope: Scope.module(tree)))
        #expect(enumeration.schema == ["enum": [1, 2], "title": "P", "type": "integer", "description": "Priority."])
    }

    @Test func unknownPartsMakeTheWholeAnnotationAny() throws {
        #expect(try type("p: pd.DataFrame | None", prelude: "import pandas as pd") == [:])
        #expect(try type("p: list[Unknown]") == [:])
        #expect(try type("p: 'list[int]'") == ["type": "array", "items": ["type": "integer"]])
    }

    @Test func formatsAndTheirDefaults() throws {
        let prelude = "from datetime import datetime, timedelta\nfrom pathlib import Path\nfrom uuid import UUID"
        #expect(try property("p: timedelta = timedelta(minutes=90)", prelude: prelude)?["default"] == "PT1H30M")
        #expect(try property("p: datetime = datetime(2024, 1, 2, 3)", prelude: prelude)?["default"] == "2024-01-02T03:00:00")
        #expect(try property("p: Path = Path('a/b')", prelude: prelude)?["default"] == "a/b")
        #expect(try type("p: UUID", prelude: prelude) == ["type": "string", "format": "uuid"])
    }

    @Test(arguments: [
        ([JSONValue.int(0)], [String: JSONValue](), "PT0S"),
        ([], ["days": 1, "seconds": 1], "P1DT1S"),
        ([], ["hours": 25], "P1DT1H"),
        ([], ["seconds": 3600.25], "PT1H0.25S"),
        ([], ["microseconds": 1], "PT0.000001S"),
        ([], ["weeks": 1], "P7D"),
        ([], ["hours": -1], "-PT1H"),
    ])
    func durationsMatchPydantic(_ positional: [JSONValue], _ keywords: [String: JSONValue], _ expected: String) {
        #expect(DefaultValue.duration(positional: positional, keywords: keywords) == expected)
    }

    @Test func variadicsAndRequiredness() throws {
        #expect(try property("*args: int") == ["type": "array", "items": ["type": "integer"], "default": [],
            "title": "args", "position": 0])
        #expect(try property("**kw") == ["type": "object", "additionalProperties": true, "default": [:],
            "title": "kw", "position": 0])
        let tree = try PythonParser().parse("def f(self, a, b=1, *c, d, **e): pass\n")
        let function = try #require(tree.root.namedChild(0))
        let (parameters, schema) = ParameterSchema.build(function: function, scope: Scope.module(tree), descriptions: [:])
        #expect(parameters.map(\.name) == ["a", "b", "c", "d", "e"])
        #expect(parameters.map(\.position) == [1, 2, 3, 4, 5], "self counts for positions, as in Prefect")
        #expect(schema["required"] == ["a", "d"])
    }
}
