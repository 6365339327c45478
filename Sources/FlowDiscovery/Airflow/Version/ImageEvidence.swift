/// The Airflow a container image carries: `FROM` lines of a Dockerfile (with
/// `ARG` defaults substituted) and `image:` lines of a Compose file.
enum ImageEvidence {
    typealias Found = AirflowVersionFiles.Found

    /// `FROM apache/airflow:2.10.4-python3.11`, `FROM apache/airflow:${AIRFLOW_VERSION}` after
    /// `ARG AIRFLOW_VERSION=2.9.3`, Astronomer's `astro-runtime:12.4.0` and `ap-airflow:2.3.0`.
    static func dockerfile(_ text: String) -> Found? {
        var arguments: [String: String] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = line.split(whereSeparator: \.isWhitespace)
            guard words.count >= 2 else { continue }
            switch words[0].uppercased() {
            case "ARG":
                // ARG NAME=default (an ARG without a default leaves the name unknown).
                let declaration = words[1].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                if declaration.count == 2 {
                    arguments[String(declaration[0])] = unquoted(String(declaration[1]))
                }
            case "FROM":
                guard let image = words.dropFirst().first(where: { !$0.hasPrefix("--") }) else { continue }
                let expanded = substitute(String(image), arguments)
                if let (major, note) = airflowMajor(ofImage: expanded) {
                    let shown = expanded == String(image) ? "" : " (\(expanded))"
                    return Found(major: major, line: number + 1,
                        text: line.trimmingCharacters(in: .whitespaces) + shown, note: note)
                }
            default:
                continue
            }
        }
        return nil
    }

    /// `image: apache/airflow:2.7.0` and the official file's `${AIRFLOW_IMAGE_NAME:-apache/airflow:3.0.2}`.
    static func compose(_ text: String) -> Found? {
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("image:") else { continue }
            let value = unquoted(trimmed.dropFirst("image:".count).trimmingCharacters(in: .whitespaces))
            if let (major, note) = airflowMajor(ofImage: substitute(value, [:])) {
                return Found(major: major, line: number + 1, text: trimmed, note: note)
            }
        }
        return nil
    }

    /// `${NAME}`, `$NAME` and `${NAME:-default}` (Compose and Dockerfile syntax), from `values`
    /// or else the default; an unknown name stays as written.
    static func substitute(_ text: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            rest = rest[rest.index(after: dollar)...]
            if rest.first == "{", let close = rest.firstIndex(of: "}") {
                let body = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
                let parts = body.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(parts[0])
                if let value = values[name] {
                    result += value
                } else if parts.count == 2, parts[1].first == "-" {
                    result += parts[1].dropFirst()
                } else {
                    result += "${\(body)}"
                }
            } else {
                let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                rest = rest.dropFirst(name.count)
                result += values[String(name)] ?? "$\(name)"
            }
        }
        return result + rest
    }

    /// The Airflow major an image reference carries, with a note when the tag does not say it.
    static func airflowMajor(ofImage image: String) -> (Int, String?)? {
        let withoutDigest = image.split(separator: "@", maxSplits: 1)[0]
        guard let colon = withoutDigest.lastIndex(of: ":"), !withoutDigest[colon...].contains("/") else { return nil }
        let repository = withoutDigest[..<colon].split(separator: "/").last.map(String.init) ?? ""
        var tag = String(withoutDigest[withoutDigest.index(after: colon)...])
        switch repository {
        case "airflow", "ap-airflow":
            // `slim-2.8.1-python3.11` is Airflow 2.8.1 without extras.
            if tag.hasPrefix("slim-") { tag.removeFirst("slim-".count) }
            guard let major = leadingNumber(tag), major == 2 || major == 3 else { return nil }
            return (major, nil)
        case "astro-runtime", "runtime":
            return AstroRuntime.airflow(tag: tag).map { ($0.major, $0.note) }
        default:
            return nil
        }
    }

    static func unquoted(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else { return text }
        return String(text.dropFirst().dropLast())
    }

    static func leadingNumber(_ text: String) -> Int? { Int(text.prefix { $0.isNumber }) }
}

/// Astronomer's Runtime images and the Airflow each carries.
enum AstroRuntime {
    /// Runtime majors 3 to 13 each carry one Airflow 2 minor (Astronomer's
    /// "Runtime versioning" and lifecycle tables); from Airflow 3 on, Runtime is
    /// numbered after Airflow itself: `3.0-1` is build 1 of Runtime for Airflow 3.0.
    static let airflowMinorByRuntimeMajor: [Int: Int] = [
        3: 1, 4: 2, 5: 3, 6: 4, 7: 5, 8: 6, 9: 7, 10: 8, 11: 9, 12: 10, 13: 11,
    ]

    static func airflow(tag: String) -> (major: Int, note: String)? {
        let version = tag.prefix { $0.isNumber || $0 == "." }
        let parts = version.split(separator: ".").compactMap { Int($0) }
        guard let first = parts.first else { return nil }
        // "3.0-1": two components then a build number names the Airflow version.
        if parts.count == 2, tag.dropFirst(version.count).first == "-" {
            guard first >= 3 else { return nil }
            return (first, "Astro Runtime \(version) carries Airflow \(first).\(parts[1])")
        }
        // "12.4.0", "12.4.0-base", or a major alone ("12"): a Runtime release of Airflow 2.
        guard parts.count != 2 else { return nil }
        if let minor = airflowMinorByRuntimeMajor[first] {
            return (2, "Astro Runtime \(version) carries Airflow 2.\(minor)")
        }
        return first >= 1 && first < 3 ? (2, "Astro Runtime \(version) carries Airflow 2") : nil
    }
}
