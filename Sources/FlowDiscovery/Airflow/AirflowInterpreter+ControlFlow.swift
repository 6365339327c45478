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

    /// `match` (Python 3.10) like `if`: a subject known statically picks its case;
    /// when a case cannot be decided, it and every later case run.
    func executeMatch(_ statement: Node, frame: Frame, context: inout Context) {
        guard let subjectNode = statement.child(byField: "subject"), let body = statement.child(byField: "body") else { return }
        let subject = evaluator(frame, context).evaluate(subjectNode, at: subjectNode.startByte)
        let clauses = body.namedChildren.filter { $0.type == "case_clause" }
        for (index, clause) in clauses.enumerated() {
            switch caseMatches(clause, subject: subject, frame: frame, context: context) {
            case true?:
                runCase(clause, subject: subject, frame: frame, context: &context)
                return
            case false?:
                continue
            case nil:
                for remaining in clauses[index...] { runCase(remaining, subject: subject, frame: frame, context: &context) }
                return
            }
        }
    }

    private func runCase(_ clause: Node, subject: JSONValue?, frame: Frame, context: inout Context) {
        if let capture = Self.capture(clause) {
            bind(capture, to: subject.map(AirflowValue.literal) ?? .unknown, statement: clause, frame: frame, context: context)
        }
        if let consequence = clause.child(byField: "consequence") { executeBlock(consequence, frame: frame, context: &context) }
    }

    /// The name a bare capture pattern (`case name:`) binds.
    private static func capture(_ clause: Node) -> Node? {
        let patterns = clause.namedChildren.filter { $0.type == "case_pattern" }
        guard patterns.count == 1, let inner = patterns[0].namedChildren.first, patterns[0].namedChildren.count == 1,
            inner.type == "dotted_name", inner.namedChildren.count == 1, inner.text != "_"
        else { return nil }
        return inner.namedChildren[0]
    }

    /// Whether a case matches the subject, or nil when that needs running code: a guard,
    /// a class, sequence or mapping pattern, a value pattern (`Color.RED`), an unknown subject.
    private func caseMatches(_ clause: Node, subject: JSONValue?, frame: Frame, context: Context) -> Bool? {
        guard clause.child(byField: "guard") == nil else { return nil }
        let patterns = clause.namedChildren.filter { $0.type == "case_pattern" }
        guard patterns.count == 1 else { return nil }
        let pattern = patterns[0]
        // `case _:` and `case name:` match anything.
        if pattern.namedChildren.isEmpty { return pattern.text == "_" ? true : nil }
        if Self.capture(clause) != nil { return true }
        guard let subject, pattern.namedChildren.count == 1, let inner = pattern.namedChildren.first,
            !pattern.text.contains("-")  // a negative number keeps its sign outside the literal node
        else { return nil }
        let literals = inner.type == "union_pattern" ? inner.namedChildren : [inner]
        let evaluator = evaluator(frame, context)
        for literal in literals {
            guard ["string", "concatenated_string", "integer", "float", "true", "false", "none"].contains(literal.type),
                let value = evaluator.evaluate(literal, at: literal.startByte)
            else { return nil }
            // Python compares with ==, and True == 1: leave mixed bool/number cases undecided.
            switch (value, subject) {
            case (.bool, .int), (.int, .bool), (.bool, .double), (.double, .bool): return nil
            case (.int(let a), .double(let b)), (.double(let b), .int(let a)): if Double(a) == b { return true }
            default: if value == subject { return true }
            }
        }
        return false
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
