extension SettingKeys {
    /// The key table of docs/configuration.md, made from the declarations (a test
    /// keeps the file equal to it; `make record` rewrites it).
    public static let tableStart = "<!-- settings table: made from SettingKeys.swift; `make record` rewrites it -->"
    public static let tableEnd = "<!-- end of settings table -->"

    public static var markdownTable: String {
        var lines: [String] = []
        for section in SettingSection.allCases {
            lines += ["", "### \(section.title.prefix(1).uppercased() + section.title.dropFirst())", "",
                "| key | type | default | read by | applies to | meaning |", "| --- | --- | --- | --- | --- | --- |"]
            for key in keys(in: section) {
                let readers = SettingsReader.allCases.filter(key.readers.contains).map(\.rawValue).joined(separator: ", ")
                let perBackend = section == .environment || section == .flowSettings
                let backends = !perBackend ? "" : key.backends.count == Backend.allCases.count ? "all"
                    : Backend.allCases.filter(key.backends.contains).map(\.rawValue).joined(separator: ", ")
                lines.append("| `\(key.name)` | \(key.type.description) | \(key.defaultValue ?? "") | \(readers) | \(backends) | \(key.summary) |")
            }
        }
        return lines.dropFirst().joined(separator: "\n") + "\n"
    }
}
