/// Code pytest collects, which no Airflow or Prefect deployment loads: files named
/// `test_*.py`, `*_test.py` or `conftest.py` (pytest's default `python_files`, and
/// its configuration file), and functions named `test_*`. Tests build throwaway
/// DAGs and flows on purpose (inside test functions, all with the same id), so
/// flows and diagnostics from them are marked, and the rules about registration
/// and duplicates stay quiet about them unless selected by name.
public enum TestCode {
    /// Whether the file at `path` (relative, `/`-separated) is one pytest collects.
    public static func isTestFile(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard name.hasSuffix(".py") else { return false }
        return name == "conftest.py" || name.hasPrefix("test_") || name.hasSuffix("_test.py")
    }

    /// Whether a qualified function name (`test_load.<locals>.build`) runs inside a test function.
    public static func namesTestFunction(_ qualified: String) -> Bool {
        qualified.components(separatedBy: ".<locals>.").contains { part in
            let name = part.split(separator: ".").last.map(String.init) ?? part
            return name.hasPrefix("test_")
        }
    }
}
