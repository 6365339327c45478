/// Failures of the tool itself (as opposed to findings about the scanned
/// code, which are diagnostics). Each maps to one documented exit code.
public enum AcmeError: Error, CustomStringConvertible, Equatable {
    /// A path given on the command line does not exist.
    case missingPath(String)
    /// Writing an output file failed.
    case cannotWrite(path: String, reason: String)
    /// A bad combination of options.
    case usage(String)
    /// The grammar cannot be loaded by the runtime.
    case setup(String)

    public var description: String {
        switch self {
        case .missingPath(let path): "\(path): no such file or directory"
        case .cannotWrite(let path, let reason): "\(path): cannot write: \(reason)"
        case .usage(let message): message
        case .setup(let message): message
        }
    }

    /// 2 for every failure of the tool: usage, configuration, I/O.
    public var exitCode: Int32 { 2 }
}
