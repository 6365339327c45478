@testable import FlowDiscovery
import Foundation
import Testing
import TestSupport

/// The Airflow each DAG file is read for, from the files that install Airflow nearest to it.
@Suite struct AirflowTargetsTests {
    /// The target of `dagFile` in a git work tree holding `files`, scanning `scanned`.
    func target(_ files: [String: String], dagFile: String = "dags/etl.py", scanned: String = "") throws -> AirflowTarget {
        let folder = try TemporaryFolder()
        try folder.write(".git/HEAD", "ref: refs/heads/main\n")  // the work tree's root bounds the search
        for (path, text) in files { try folder.write(path, text) }
        try folder.write(dagFile, "")
        let root = folder.url.appendingPathComponent(scanned)
        let walk = FileWalker(root: root).walk()
        let relative = scanned.isEmpty ? dagFile : String(dagFile.dropFirst(scanned.count + 1))
        return AirflowTargets(setting: .inferred, folder: root, evidenceFiles: walk.airflowEvidence)
            .target(forFile: relative)
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

    @Test func pipCompileOutputAndInFiles() throws {
        let compiled = "alembic==1.8.1\n    # via apache-airflow\napache-airflow[crypto,postgres]==2.4.1\n    # via\n    #   -r requirements.in\n"
        let found = try target(["requirements.txt": compiled])
        #expect(found.major == 2 && found.reason == "requirements.txt:3: apache-airflow[crypto,postgres]==2.4.1")
        #expect(try target(["requirements.in": "apache-airflow[crypto]>=2.7,<3\n"]).major == 2)
        #expect(try target(["requirements/prod.in": "apache-airflow==2.9.3\n"]).reason == "requirements/prod.in:1: apache-airflow==2.9.3")
        #expect(try target(["dev-requirements.txt": "apache-airflow==2.9.3\n"]).major == 2)
    }

    @Test func providersAndOtherPackagesAreNotEvidence() throws {
        let found = try target(["requirements.txt": "apache-airflow-providers-google==10.0\nairflow-dbt==0.4\n"])
        #expect(found == .fallback)
    }

    @Test func airflowsOwnConstraintsFile() throws {
        let found = try target(["requirements/base.txt":
            "-c https://raw.githubusercontent.com/apache/airflow/constraints-2.9.3/constraints-3.11.txt\napache-airflow\n"])
        #expect(found.major == 2)
        #expect(found.reason.hasPrefix("requirements/base.txt:1: -c https://"))
        #expect(try target(["constraints.txt": "apache-airflow==2.10.5\n"]).major == 2)
    }

    @Test func dockerImages() throws {
        let cases: [(String, Int, String?)] = [
            ("FROM apache/airflow:2.10.4-python3.11", 2, nil), ("FROM apache/airflow:3.0.1", 3, nil),
            ("FROM apache/airflow:slim-2.8.1-python3.11", 2, nil),
            ("FROM --platform=linux/amd64 quay.io/astronomer/astro-runtime:12.4.0", 2, "Astro Runtime 12.4.0 carries Airflow 2.10"),
            ("FROM quay.io/astronomer/astro-runtime:9.1.0-base", 2, "Astro Runtime 9.1.0 carries Airflow 2.7"),
            ("FROM astrocrpublic.azurecr.io/runtime:3.0-4", 3, "Astro Runtime 3.0 carries Airflow 3.0"),
            ("FROM quay.io/astronomer/astro-runtime:3.1-1-python-3.12", 3, "Astro Runtime 3.1 carries Airflow 3.1"),
            ("FROM quay.io/astronomer/ap-airflow:2.3.0-onbuild", 2, nil),
        ]
        for (line, major, note) in cases {
            let found = try target(["Dockerfile": "# image\n\(line)\nRUN pip install x\n", "requirements.txt": "apache-airflow==3.0\n"])
            #expect(found.major == major, "\(line)")
            #expect(found.reason == "Dockerfile:2: \(line)" + (note.map { " (\($0))" } ?? ""), "the image beats requirements: \(found.reason)")
        }
        #expect(try target(["Dockerfile": "FROM python:3.12\n"]) == .fallback)
        #expect(try target(["Dockerfile": "FROM apache/airflow:latest\n"]) == .fallback)
    }

    @Test func dockerfileArgumentsAndComposeFiles() throws {
        let arguments = try target(["Dockerfile": "ARG AIRFLOW_VERSION=2.9.3\nFROM apache/airflow:${AIRFLOW_VERSION}-python3.11\n"])
        #expect(arguments.major == 2)
        #expect(arguments.reason == "Dockerfile:2: FROM apache/airflow:${AIRFLOW_VERSION}-python3.11 (apache/airflow:2.9.3-python3.11)")
        let base = try target(["build/airflow.Dockerfile": "ARG BASE=\"apache/airflow:3.0.2\"\nFROM $BASE\n"], dagFile: "build/dags/a.py")
        #expect(base.major == 3)
        let compose = "x-airflow-common:\n  &airflow-common\n  image: ${AIRFLOW_IMAGE_NAME:-apache/airflow:2.10.5}\n"
        let found = try target(["docker-compose.yaml": compose])
        #expect(found.major == 2 && found.reason == "docker-compose.yaml:3: image: ${AIRFLOW_IMAGE_NAME:-apache/airflow:2.10.5}")
    }

    @Test func pyprojectDependencies() throws {
        let pep621 = try target(["pyproject.toml": "[project]\nname = \"x\"\ndependencies = [\n  \"requests\",\n  \"apache-airflow>=2.8,<3\",\n]\n"])
        #expect(pep621.major == 2 && pep621.reason == "pyproject.toml:5: apache-airflow>=2.8,<3")
        let poetry = try target(["pyproject.toml": "[tool.poetry.dependencies]\npython = \"^3.11\"\napache-airflow = \"^2.10\"\n"])
        #expect(poetry.major == 2 && poetry.reason == "pyproject.toml:3: apache-airflow = \"^2.10\"")
        let extras = try target(["pyproject.toml": "[project.optional-dependencies]\nairflow = [\"apache-airflow==3.1.*\"]\n"])
        #expect(extras.major == 3)
        let uv = try target(["pyproject.toml": "[project]\nname = \"x\"\n[tool.uv]\nconstraint-dependencies = [\"apache-airflow<3\"]\n"])
        #expect(uv.major == 2 && uv.reason == "pyproject.toml:4: apache-airflow<3")
    }

    @Test func lockFilesBeatTheDeclarationBesideThem() throws {
        let uvLock = "version = 1\n\n[[package]]\nname = \"apache-airflow\"\nversion = \"2.10.4\"\nsource = { registry = \"https://pypi.org/simple\" }\n"
        let found = try target(["uv.lock": uvLock, "pyproject.toml": "[project]\nname = \"x\"\ndependencies = [\"apache-airflow>=2.7\"]\n"])
        #expect(found.major == 2 && found.reason == "uv.lock:5: apache-airflow 2.10.4")
        let poetryLock = "[[package]]\nname = \"apache-airflow-providers-http\"\nversion = \"3.0.0\"\n\n[[package]]\nname = \"apache-airflow\"\nversion = \"3.0.2\"\n"
        #expect(try target(["poetry.lock": poetryLock]).reason == "poetry.lock:7: apache-airflow 3.0.2")
        let pipfileLock = "{\n  \"default\": {\n    \"apache-airflow\": {\n      \"version\": \"==2.7.3\"\n    }\n  }\n}\n"
        #expect(try target(["Pipfile.lock": pipfileLock]).reason == "Pipfile.lock:3: \"apache-airflow\": \"==2.7.3\"")
    }

    @Test func pipfileSetupCfgAndSetupPy() throws {
        #expect(try target(["Pipfile": "[packages]\napache-airflow = {version = \"==2.9.1\", extras = [\"celery\"]}\n"]).major == 2)
        #expect(try target(["Pipfile": "[packages]\napache-airflow = \"*\"\n"]).major == 3)
        let cfg = "[options]\ninstall_requires =\n    pandas\n    apache-airflow>=2.6,<3\n"
        #expect(try target(["setup.cfg": cfg]).reason == "setup.cfg:4: apache-airflow>=2.6,<3")
        let setup = "from setuptools import setup\nsetup(\n    install_requires=['pandas', \"apache-airflow==2.8.1\"],\n)\n"
        #expect(try target(["setup.py": setup]).reason == "setup.py:3: apache-airflow==2.8.1")
    }

    /// Amsterdam/dataservices-airflow's layout: the DAGs, their Dockerfile and the pin under `src/`.
    @Test func evidenceNestedBesideTheDags() throws {
        let files = ["src/requirements.txt": "apache-airflow[crypto,postgres]==2.7.0\n", "src/Dockerfile": "FROM python:3.11\n",
            "pyproject.toml": "[tool.black]\nline-length = 79\n"]
        let found = try target(files, dagFile: "src/dags/afval.py")
        #expect(found.major == 2 && found.reason == "src/requirements.txt:1: apache-airflow[crypto,postgres]==2.7.0")
    }

    @Test func theNearestFileWins() throws {
        let files = ["Dockerfile": "FROM apache/airflow:3.0.2\n", "legacy/requirements.txt": "apache-airflow==2.10.5\n"]
        #expect(try target(files, dagFile: "legacy/dags/old.py").major == 2)
        #expect(try target(files, dagFile: "dags/new.py").major == 3)
        // A sibling folder's pin is farther than the root's, whatever its kind.
        let sibling = ["requirements.txt": "apache-airflow==3.0.2\n", "docker/Dockerfile": "FROM apache/airflow:2.9.0\n"]
        #expect(try target(sibling, dagFile: "dags/a.py").reason == "requirements.txt:1: apache-airflow==3.0.2")
    }

    @Test func evidenceAboveTheScannedFolderCountsUpToTheWorkTreeRoot() throws {
        let found = try target(["requirements.txt": "apache-airflow==2.10.4\n"], dagFile: "services/etl/dags/a.py", scanned: "services/etl")
        #expect(found.major == 2 && found.reason == "../../requirements.txt:1: apache-airflow==2.10.4")
    }

    @Test func aFixedSettingWins() throws {
        let folder = try TemporaryFolder()
        try folder.write("requirements.txt", "apache-airflow==2.10.4\n")
        let walk = FileWalker(root: folder.url).walk()
        #expect(walk.airflowEvidence.isEmpty == false)
        let fixed = AirflowTarget(major: 3, source: .commandLine, reason: "--airflow-version 3")
        let targets = AirflowTargets(setting: .fixed(fixed), folder: folder.url, evidenceFiles: walk.airflowEvidence)
        #expect(targets.target(forFile: "a.py") == fixed && targets.root == fixed)
        #expect(FileWalker(root: folder.url, options: WalkOptions(airflow: .fixed(fixed))).walk().airflowEvidence.isEmpty)
    }
}
