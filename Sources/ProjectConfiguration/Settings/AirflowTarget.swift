import FlowManifest
import Foundation

extension ProjectConfiguration {
    /// The Airflow version to scan for; `commandLine` is `--airflow-version`.
    public func airflowTarget(commandLine: Int? = nil) -> AirflowTarget {
        if let commandLine { return AirflowTarget(major: commandLine, source: .commandLine, reason: "--airflow-version \(commandLine)") }
        if let configured = discovery.airflowVersion {
            let file = self.file?.url.lastPathComponent ?? SettingsFile.fileName
            let place = discovery.airflowVersionLocation.map { "\(file):\($0)" } ?? file
            return AirflowTarget(major: configured, source: .configuration, reason: "\(place): airflow-version = \(configured)")
        }
        if let inferred = AirflowVersionEvidence.find(from: folder) { return inferred }
        return AirflowTarget(major: AirflowTarget.newest, source: .default,
            reason: "no airflow-version setting and no Airflow version in the project's files")
    }
}
