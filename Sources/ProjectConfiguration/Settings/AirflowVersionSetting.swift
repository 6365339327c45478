import FlowDiscovery
import Foundation

extension ProjectConfiguration {
    /// How to pick the Airflow version to scan for; `commandLine` is `--airflow-version`.
    /// Either beats what the project's files show, which the scan weighs per file (``AirflowTargets``).
    public func airflowSetting(commandLine: Int? = nil) -> AirflowVersionSetting {
        if let commandLine {
            return .fixed(AirflowTarget(major: commandLine, source: .commandLine, reason: "--airflow-version \(commandLine)"))
        }
        if let configured = discovery.airflowVersion {
            let file = self.file?.url.lastPathComponent ?? SettingsFile.fileName
            let place = discovery.airflowVersionLocation.map { "\(file):\($0)" } ?? file
            return .fixed(AirflowTarget(major: configured, source: .configuration, reason: "\(place): airflow-version = \(configured)"))
        }
        return .inferred
    }
}
