import PythonSyntax
import Testing

@Suite struct ImportResolutionTests {
    func resolve(_ source: String, decoratorOf function: String = "f") throws -> String? {
        let parsed = try Parsed(source)
        let decorator = try #require(parsed.decorator(of: function))
        let callee = decorator.type == "call" ? try #require(decorator.child(byField: "function")) : decorator
        return NameResolver.qualifiedName(of: callee, in: parsed.scope, at: decorator.startByte)
    }

    @Test func fromImport() throws {
        #expect(try resolve("from prefect import flow\n@flow\ndef f(): pass\n") == "prefect.flow")
    }

    @Test func fromImportWithAlias() throws {
        #expect(try resolve("from prefect import flow as pf\n@pf()\ndef f(): pass\n") == "prefect.flow")
    }

    @Test func moduleImportAndAttribute() throws {
        #expect(try resolve("import prefect\n@prefect.flow\ndef f(): pass\n") == "prefect.flow")
        #expect(try resolve("import prefect as p\n@p.flow(name='x')\ndef f(): pass\n") == "prefect.flow")
    }

    @Test func dottedImportBindsTheTopPackage() throws {
        #expect(try resolve("import prefect.flows\n@prefect.flows.flow\ndef f(): pass\n") == "prefect.flows.flow")
    }

    @Test func submoduleAlias() throws {
        #expect(try resolve("import prefect.flows as pf\n@pf.flow\ndef f(): pass\n") == "prefect.flows.flow")
    }

    @Test func relativeImportsKeepTheirDots() throws {
        #expect(try resolve("from . import flow\n@flow\ndef f(): pass\n") == ".flow")
        #expect(try resolve("from ..utils import flow\n@flow\ndef f(): pass\n") == "..utils.flow")
    }

    @Test func aliasAssignmentIsFollowed() throws {
        #expect(try resolve("import prefect\nmy = prefect.flow\n@my\ndef f(): pass\n") == "prefect.flow")
    }

    @Test func laterLocalDefinitionDoesNotAffectEarlierUse() throws {
        let source = "from prefect import flow\n@flow\ndef f(): pass\ndef flow(fn): return fn\n@flow\ndef g(): pass\n"
        #expect(try resolve(source, decoratorOf: "f") == "prefect.flow")
        #expect(try resolve(source, decoratorOf: "g") == nil)
    }

    @Test func otherLibrariesAndUnknownNamesDoNotResolveToPrefect() throws {
        #expect(try resolve("from metaflow import flow\n@flow\ndef f(): pass\n") == "metaflow.flow")
        #expect(try resolve("@flow\ndef f(): pass\n") == nil)
        #expect(try resolve("import prefect\nx = object()\n@x.flow\ndef f(): pass\n") == nil)
    }

    @Test func importsInsideTryAndIfBlocksCount() throws {
        let source = "try:\n    from prefect import flow\nexcept ImportError:\n    pass\n@flow\ndef f(): pass\n"
        #expect(try resolve(source) == "prefect.flow")
    }

    @Test func functionScopeSeesItsOwnImportsAndTheModule() throws {
        let parsed = try Parsed("import prefect\ndef outer():\n    from prefect import flow as inner\n    return inner\n")
        let outer = try #require(parsed.tree.root.namedChildren.first { $0.type == "function_definition" })
        let scope = parsed.scope.child(for: outer)
        guard case .imported(let name)? = scope.lookup("inner") else { Issue.record("inner not bound"); return }
        #expect(name == "prefect.flow")
        guard case .module(let module)? = scope.lookup("prefect") else { Issue.record("prefect not visible"); return }
        #expect(module == "prefect")
    }

    // PEP 614: any expression may decorate.
    @Test func decoratorExpressionsResolve() throws {
        #expect(try resolve("from prefect import flow\n@(flow)\ndef f(): pass\n") == "prefect.flow")
        #expect(try resolve("from prefect import flow\nds = [flow]\n@ds[0]\ndef f(): pass\n") == "prefect.flow")
        #expect(try resolve("import prefect\nds = (print, prefect.flow)\n@ds[-1]()\ndef f(): pass\n") == "prefect.flow")
        #expect(try resolve("from prefect import flow\nt = {'a': print, 'f': flow}\n@t['f']\ndef f(): pass\n") == "prefect.flow")
        // Out of range, a computed key, a splat before the element: not resolved.
        #expect(try resolve("from prefect import flow\nds = [flow]\n@ds[3]\ndef f(): pass\n") == nil)
        #expect(try resolve("from prefect import flow\nds = [flow]\ni = 0\n@ds[i]\ndef f(): pass\n") == nil)
        #expect(try resolve("from prefect import flow\nds = [*other, flow]\n@ds[0]\ndef f(): pass\n") == nil)
    }

    // Python 3.10+ statements that bind names: the later binding wins, as in Python.
    @Test func modernStatementsRebindNames() throws {
        let parenthesizedWith = "from prefect import flow\nwith (open('x') as flow):\n    pass\n@flow\ndef f(): pass\n"
        #expect(try resolve(parenthesizedWith) == nil)
        let capture = "from prefect import flow\nmatch x:\n    case [flow, *rest]:\n        pass\n@flow\ndef f(): pass\n"
        #expect(try resolve(capture) == nil)
        let valuePattern = "from prefect import flow\nmatch x:\n    case flow.attr:\n        pass\n@flow\ndef f(): pass\n"
        #expect(try resolve(valuePattern) == "prefect.flow", "a dotted value pattern binds nothing")
        let typeAlias = "from prefect import flow\ntype flow = int\n@flow\ndef f(): pass\n"
        #expect(try resolve(typeAlias) == nil)
    }
}
