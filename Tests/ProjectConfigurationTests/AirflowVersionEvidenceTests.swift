import FlowManifest
import Foundation
import ProjectConfiguration
import Testing
import TestSupport

/// The Airflow version a project targets, from the files that install it.
@Suite struct AirflowVersionEvidenceTests {
    func target(_ files: [String: String], under subfolder: String = "") throws -> AirflowTarget {
        let folder = try TemporaryFolder()
        try folder.write(".git/HEAD", "ref: refs/heads/main\n")  // the work tree's root bounds the search
        for (path, text) in files { try folder.write(path, text) }
        try folder.write(subfolder + "/dags/.keep", "")
        return try ProjectConfiguration.load(from: folder.url.appendingPathComponent(subfolder)).airflowTarget()
    }

    @Test func requirementsPins() throws {
        let cases: [(String, Int)] = [
            ("apache-airflow==2.10.4", 2), ("apache-airflow[celery,postgres]>=2.9,<3", 2), ("apache-airflow~=2.10", 2),
            ("apache-airflow<3.0", 2), ("apache-airflow==3.0.2", 3), ("apache-airflow>=2.7", 3), ("apache-airflow", 3),
            ("Apache_Airflow == 2.8.1 ; python_version >= '3.9'", 2), ("apache-airflow==2.*", 2), ("apache-airflow-core==3.1.0", 3),
        ]
        for (line, major) in cases {
            let found = try target(["requirements.txt": "pandas\n\(line)  # pinned\n"])
            #expect(found.major == major && found.source == .inferred, "\(line)")
            #expect(found.reason.hasPrefix("requirements.txt:2: "), "\(found.reason)")
        }
    }

    @Test func providersAndOtherPackagesAreNotEvidence() throws {
        let found = try target(["requirements.txt": "apache-airflow-providers-google==10.0\nairflow-dbt==0.4\n"])
        #expect(found.source == .default && found.major == 3)
    }

    @Test func airflowsOwnConstraintsFile() throws {
        let found = try target(["requirements/base.txt":
            "-c https://raw.githubusercontent.com/apache/airflow/constraints-2.9.3/constraints-3.11.txt\napache-airflow\n"])
        #expect(found.major == 2)
        #expect(found.reason.hasPrefix("requirements/base.txt:1: -c https://"))
    }

    @Test func dockerImages() throws {
        let cases: [(String, Int)] = [
            ("FROM apache/airflow:2.10.4-python3.11", 2), ("FROM apache/airflow:3.0.1", 3),
            ("FROM --platform=linux/amd64 quay.io/astronomer/astro-runtime:12.4.0", 2),
            ("FROM astrocrpublic.azurecr.io/runtime:3.0-4", 3), ("FROM quay.io/astronomer/astro-runtime:3.1-1-python-3.12", 3),
            ("FROM quay.io/astronomer/ap-airflow:2.3.0-onbuild", 2),
        ]
        for (line, major) in cases {
            let found = try target(["Dockerfile": "# image\n\(line)\nRUN pip install x\n", "requirements.txt": "apache-airflow==9.0\n"])
            #expect(found.major == major, "\(line)")
            #expect(found.reason == "Dockerfile:2: \(line)", "the image beats requirements: \(found.reason)")
        }
        #expect(try target(["Dockerfile": "FROM python:3.12\n"]).source == .default)
    }

    @Test func pyprojectDependencies() throws {
        let pep621 = try target(["pyproject.toml": "[project]\nname = \"x\"\ndependencies = [\n  \"requests\",\n  \"apache-airflow>=2.8,<3\",\n]\n"])
        #expect(pep621.major == 2 && pep621.reason == "pyproject.toml:5: apache-airflow>=2.8,<3")
        let poetry = try target(["pyproject.toml": "[tool.poetry.dependencies]\npython = \"^3.11\"\napache-airflow = \"^2.10\"\n"])
        #expect(poetry.major == 2 && poetry.reason == "pyproject.toml:3: apache-airflow = \"^2.10\"")
        let extras = try target(["pyproject.toml": "[project.optional-dependencies]\nairflow = [\"apache-airflow==3.1.*\"]\n"])
        #expect(extras.major == 3)
    }

    @Test func evidenceAboveTheProjectFolderCountsUpToTheWorkTreeRoot() throws {
        let found = try target(["requirements.txt": "apache-airflow==2.10.4\n"], under: "services/etl")
        #expect(found.major == 2 && found.reason == "../../requirements.txt:1: apache-airflow==2.10.4")
    }

    @Test func configurationAndCommandLineWin() throws {
        let folder = try TemporaryFolder()
        try folder.write("requirements.txt", "apache-airflow==2.10.4\n")
        try folder.write("acme.toml", "airflow-version = 3\n")
        let configuration = try ProjectConfiguration.load(from: folder.url)
        #expect(configuration.airflowTarget() == AirflowTarget(major: 3, source: .configuration, reason: "acme.toml:1:1: airflow-version = 3"))
        #expect(configuration.airflowTarget(commandLine: 2) == AirflowTarget(major: 2, source: .commandLine, reason: "--airflow-version 2"))
    }
}
