import FlowDiscovery
import FlowManifest
import Foundation
import ProjectConfiguration

/// Command-line values that beat acme.toml for discovery: the options every
/// scanning command shares (`DiscoveryArguments` in the CLI).
public struct DiscoveryOverrides: Sendable, Equatable {
    /// `--airflow-version`.
    public var airflowVersion: Int?
    /// `--dag-class`, added to acme.toml's `dag-classes`.
    public var dagClasses: [String]
    /// Reuse unchanged files' results from `.acme-scan-cache` (`--no-cache` turns it off).
    public var useCache: Bool

    public init(airflowVersion: Int? = nil, dagClasses: [String] = [], useCache: Bool = true) {
        self.airflowVersion = airflowVersion
        self.dagClasses = dagClasses
        self.useCache = useCache
    }
}

/// acme.toml resolved once for one command: the configuration, the problems that
/// matter to this command (errors stop it, warnings are printed), and the scan
/// options it gives, so that scan, check, generate and the deployer read every
/// file the same way.
struct CommandSettings {
    let configuration: ProjectConfiguration
    let reader: SettingsReader
    let overrides: DiscoveryOverrides
    /// The Airflow version given (command line, acme.toml), or inferred per file by the scan.
    let airflow: AirflowVersionSetting

    /// Finds and reads the settings at or above `folder`.
    init(from folder: URL, reader: SettingsReader, overrides: DiscoveryOverrides) throws {
        do {
            configuration = try ProjectConfiguration.load(from: folder)
        } catch {
            throw AcmeError.usage(error.message)
        }
        self.reader = reader
        self.overrides = overrides
        airflow = configuration.airflowSetting(commandLine: overrides.airflowVersion)
    }

    /// Settings already read (the acme.toml of a release's commit).
    init(configuration: ProjectConfiguration, reader: SettingsReader, overrides: DiscoveryOverrides) {
        self.configuration = configuration
        self.reader = reader
        self.overrides = overrides
        airflow = configuration.airflowSetting(commandLine: overrides.airflowVersion)
    }

    var dagClasses: [String] { configuration.discovery.dagClasses + overrides.dagClasses }

    /// The walk for this project: `base` holds the command's own walk options.
    func walkOptions(_ base: WalkOptions = WalkOptions()) -> WalkOptions {
        var walk = base
        walk.airflow = airflow
        return walk
    }

    func scanOptions(walk base: WalkOptions = WalkOptions(), usePrefilter: Bool = true, kinds: Set<FlowKind> = []) -> ScanOptions {
        let walk = walkOptions(base)
        let detectors = FlowDetectors.all(airflow: walk.airflow, dagClasses: dagClasses)
            .filter { kinds.isEmpty || kinds.contains($0.kind) }
        return ScanOptions(walk: walk, usePrefilter: usePrefilter, detectors: detectors, useCache: overrides.useCache)
    }

    /// Prints the problems of reading the file, and given the flows, of checking the
    /// settings against them, as this command weighs them; throws when one is an error.
    func report(flows: [Flow]? = nil, log: Log) throws {
        try report(configuration.problems(for: reader, flows: flows), log: log)
    }

    /// Only what the flows reveal (the reading problems were reported before the scan).
    func reportValidation(flows: [Flow], log: Log) throws {
        try report(ConfigProblem.weighed(configuration.validate(against: flows), for: reader), log: log)
    }

    func report(_ problems: [ConfigProblem], log: Log) throws {
        for problem in problems { log.write(problem.description) }
        let errors = problems.filter { $0.severity == .error }.count
        if errors > 0 {
            throw AcmeError.usage("\(errors) error\(errors == 1 ? "" : "s") in the configuration\(reader.ships ? "; nothing written" : "")")
        }
    }
}
