import Testing
import TOMLSyntax

@Suite struct TOMLDocumentTests {
    @Test func valuesOfEveryKind() throws {
        let table = try TOMLDocument.parse("""
            # comment
            name = "acme" # trailing
            literal = 'C:\\path'
            count = 1_000
            hex = 0xff
            ratio = -2.5e3
            on = true
            when = 1979-05-27T07:32:00Z
            day = 1979-05-27
            list = [1, 2,
              3, # comment inside
            ]
            inline = { a = 1, b.c = "x" }
            escaped = "tab\\t\\u00e9"
            multi = \"\"\"
            one
            two\\
               three\"\"\"
            """)
        #expect(table["name"]?.value == .string("acme"))
        #expect(table["literal"]?.value == .string("C:\\path"))
        #expect(table["count"]?.value == .integer(1000))
        #expect(table["hex"]?.value == .integer(255))
        #expect(table["ratio"]?.value == .float(-2500))
        #expect(table["on"]?.value == .boolean(true))
        #expect(table["when"]?.value == .dateTime("1979-05-27T07:32:00Z"))
        #expect(table["day"]?.value == .dateTime("1979-05-27"))
        #expect(table["list"]?.array?.map(\.value) == [.integer(1), .integer(2), .integer(3)])
        #expect(table["inline"]?.table?["b"]?.table?["c"]?.value == .string("x"))
        #expect(table["escaped"]?.value == .string("tab\té"))
        #expect(table["multi"]?.value == .string("one\ntwothree"))
    }

    @Test func tablesArraysOfTablesAndLocations() throws {
        let table = try TOMLDocument.parse("""
            [tool.acme-scan]
            project = "etl"

            [[tool.acme-scan.environments]]
            name = "dev"

            [[tool.acme-scan.environments]]
            name = "prod"

            [tool.acme-scan.flows."etl.daily".environments.prod]
            paused = true
            """)
        let acme = try #require(table["tool"]?.table?["acme-scan"]?.table)
        #expect(acme.keys == ["project", "environments", "flows"])
        let environments = try #require(acme["environments"]?.array)
        #expect(environments.compactMap { $0.table?["name"]?.string } == ["dev", "prod"])
        #expect(environments[1].location == TOMLLocation(line: 7, column: 1))
        let prod = try #require(acme["flows"]?.table?["etl.daily"]?.table?["environments"]?.table?["prod"]?.table)
        let paused = try #require(prod.member("paused"))
        #expect(paused.keyLocation == TOMLLocation(line: 11, column: 1))
        #expect(paused.node.location == TOMLLocation(line: 11, column: 10))
    }

    @Test func errorsAreLocated() {
        #expect(throws: TOMLError("key 'a' is set twice", at: TOMLLocation(line: 2, column: 1))) {
            try TOMLDocument.parse("a = 1\na = 2\n")
        }
        #expect(throws: TOMLError("table [x] is defined twice", at: TOMLLocation(line: 3, column: 1))) {
            try TOMLDocument.parse("[x]\n[y]\n[x]\n")
        }
        #expect(throws: TOMLError("'daily' is not a TOML value (strings need quotes)", at: TOMLLocation(line: 1, column: 12))) {
            try TOMLDocument.parse("schedule = daily\n")
        }
        #expect(throws: TOMLError("unterminated string", at: TOMLLocation(line: 2, column: 8))) {
            try TOMLDocument.parse("a = 1\nname = \"acme\n")
        }
        #expect(throws: TOMLError("expected ',' or ']' in the array", at: TOMLLocation(line: 1, column: 11))) {
            try TOMLDocument.parse("a = [1, 2 3]\n")
        }
        #expect(throws: TOMLError("expected ',' or '}' in the inline table", at: TOMLLocation(line: 1, column: 13))) {
            try TOMLDocument.parse("a = { b = 1 c = 2 }\n")
        }
        #expect(throws: TOMLError("expected the end of the line", at: TOMLLocation(line: 1, column: 7))) {
            try TOMLDocument.parse("a = 1 b = 2\n")
        }
        #expect(throws: TOMLError("inline table 'a' cannot be extended", at: TOMLLocation(line: 2, column: 1))) {
            try TOMLDocument.parse("a = { b = 1 }\na.c = 2\n")
        }
        #expect(throws: TOMLError("'a' is already an integer, not a table", at: TOMLLocation(line: 2, column: 1))) {
            try TOMLDocument.parse("a = 1\n[a.b]\n")
        }
    }
}

@Suite struct TOMLMultilineStringTests {
    @Test func literalAndBasicMultilineStrings() throws {
        let table = try TOMLDocument.parse("raw = '''\nC:\\temp\\n ''quoted'''''\nbasic = \"\"\"\\tx\"\"\"\"\n")
        #expect(table["raw"]?.string == "C:\\temp\\n ''quoted''")
        #expect(table["basic"]?.string == "\tx\"")
    }
}
