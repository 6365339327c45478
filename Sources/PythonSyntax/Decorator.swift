import PythonTreeSitter

/// Decorators as PEP 614 (Python 3.9) allows them: any expression, so
/// `@(flow)`, `@(dag(schedule=None))`, `@flows[0]` and `@prefect.flow` are all
/// decorators. One place strips the parentheses the grammar keeps.
public enum Decorator {
    /// The decorator's expression without redundant parentheses (`@((flow))` is `flow`).
    public static func expression(of decorator: Node) -> Node? {
        guard var expression = decorator.significantChildren.first else { return nil }
        while expression.type == "parenthesized_expression", let inner = expression.significantChildren.first,
            inner.type != "yield"
        {
            expression = inner
        }
        return expression
    }
}
