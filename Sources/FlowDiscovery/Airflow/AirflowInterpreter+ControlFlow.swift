import PythonSyntax
import PythonTreeSitter

extension AirflowInterpreter {
    // MARK: Branches and loops

    func executeIf(_ statement: Node, frame: Frame, context: inout Context) {
        var branches: [(condition: Node?, body: Node)] = []
        if let body = statement.child(byField: "consequence") { branches.append((statement.child(byField: "condition"), body)) }
        for clause in statement.namedChildren {
            if clause.type == "elif_clause", let body = clause.child(byField: "consequence") {
                branches.append((clause.child(byField: "condition"), body))
            } else if clause.type == "else_clause", let body = clause.child(byField: "body") ?? clause.namedChildren.first(where: { $0.type == "block" }) {
                branches.append((nil, body))
            }
        }
        // Take the branch a literal condition picks; when one cannot be decided, run every branch.
        for branch in branches {
            guard let condition = branch.condition else {
                executeBlock(branch.body, frame: frame, context: &context)
                return
            }
            switch truthiness(condition, frame: frame, context: context) {
            case .bool(true)?:
                executeBlock(branch.body, frame: frame, context: &context)
                return
            case .bool(false)?:
                continue
            default:
                for remaining in branches { executeBlock(remaining.body, frame: frame, context: &context) }
                return
            }
        }
    }

    func executeFor(_ statement: Node, frame: Frame, context: Context) {
        guard let target = statement.child(byField: "left"), let iterable = statement.child(byField: "right") else { return }
        let elements = literalElements(iterable, frame: frame, context: context)
        guard let elements else {
            // Elements unknown statically: run the body once, marking what it builds as dynamic.
            var loop = context
            loop.dynamic = true
            bind(target, to: .unknown, statement: statement, frame: frame, context: loop)
            executeBodies(of: statement, frame: frame, context: &loop)
            return
        }
        for element in elements.prefix(Self.loopLimit) {
            var loop = context
            bind(target, to: .literal(element), statement: statement, frame: frame, context: loop)
            executeBodies(of: statement, frame: frame, context: &loop)
        }
    }

    /// A condition's value when it can be known: literals, and Airflow objects,
    /// which are always truthy (`if not xcom_arg[...]` never runs its body).
    func truthiness(_ condition: Node, frame: Frame, context: Context) -> JSONValue? {
        if let value = evaluator(frame, context).evaluate(condition, at: condition.startByte) { return value }
        var node = condition
        var negated = false
        if node.type == "not_operator", let operand = node.child(byField: "argument") {
            node = operand
            negated = true
        }
        switch evaluate(node, frame: frame, context: context) {
        case .tasks(let refs, _) where !refs.isEmpty: return .bool(!negated)
        case .dag, .group: return .bool(!negated)
        default: return nil
        }
    }

    /// The elements of a loop's iterable when known: a literal collection, a
    /// constant, `range(n)`, `dict.items()` / `.keys()` / `.values()`.
    func literalElements(_ iterable: Node, frame: Frame, context: Context) -> [JSONValue]? {
        var evaluator = evaluator(frame, context)
        evaluator.allowsPartialDictionaries = true
        if let value = evaluator.evaluate(iterable, at: iterable.startByte) {
            switch value {
            case .array(let items): return items
            case .object(let members): return members.keys.sorted().map(JSONValue.string)
            case .string(let text): return text.map { .string(String($0)) }
            default: return nil
            }
        }
        guard iterable.type == "call", let callee = iterable.child(byField: "function") else { return nil }
        let arguments = CallArguments(iterable.child(byField: "arguments"))
        if callee.type == "identifier", callee.text == "range" {
            let bounds = arguments.positional.compactMap { evaluator.evaluate($0, at: $0.startByte) }
            guard bounds.count == arguments.positional.count else { return nil }
            let numbers = bounds.compactMap { value -> Int? in if case .int(let n) = value { return n } else { return nil } }
            guard numbers.count == bounds.count, (1...3).contains(numbers.count) else { return nil }
            let (start, end, step) = numbers.count == 1 ? (0, numbers[0], 1)
                : (numbers[0], numbers[1], numbers.count == 3 ? numbers[2] : 1)
            guard step != 0 else { return nil }
            return Array(stride(from: start, to: end, by: step).prefix(Self.loopLimit)).map(JSONValue.int)
        }
        if callee.type == "attribute", let object = callee.child(byField: "object"),
            let method = callee.child(byField: "attribute")?.text,
            case .object(let members)? = evaluator.evaluate(object, at: object.startByte)
        {
            // Python keeps insertion order; we only know the keys as a set, so sort them.
            let keys = members.keys.sorted()
            switch method {
            case "items": return keys.map { [.string($0), members[$0]!] }
            case "keys": return keys.map(JSONValue.string)
            case "values": return keys.map { members[$0]! }
            default: return nil
            }
        }
        return nil
    }
}
