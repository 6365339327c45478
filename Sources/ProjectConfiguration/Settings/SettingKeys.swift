/// Every key acme.toml may hold, each declared once. Add a key here and it is
/// accepted where its section is read, checked for its type, and listed in
/// docs/configuration.md (a test keeps that table equal to ``markdownTable``).
public enum SettingKeys {
    private static let scanning: Set<SettingsReader> = [.scan, .check, .generate, .deploy]
    private static let shipping: Set<SettingsReader> = [.generate, .deploy]
    private static let prefectLike: Set<Backend> = [.prefect, .local]

    // MARK: Top level: discovery, read by every command that scans

    public static let airflowVersion = SettingKey("airflow-version", .top, .numberChoice([2, 3]), readers: scanning,
        default: "inferred from the project, else 3",
        "the Airflow major version the DAGs target: the `.airflowignore` syntax, the safe-mode test, removed arguments and imports")
    public static let dagClasses = SettingKey("dag-classes", .top, .stringList, readers: scanning, default: "[]",
        "qualified names of the team's own DAG classes (`\"mylib.dags.TeamDAG\"`) that acme-scan cannot follow to a DAG subclass")

    // MARK: Top level: rules, read by `check`

    public static let select = SettingKey("select", .top, .stringList, readers: [.check], default: "[]",
        "opt-in rules to run, by code or name (`ALL` for every rule)")
    public static let ignore = SettingKey("ignore", .top, .stringList, readers: [.check], default: "[]",
        "rules not to run, by code or name")
    public static let severity = SettingKey("severity", .top, .table, readers: [.check],
        "a table of rule (code or name) = `\"error\"`, `\"warning\"` or `\"info\"`")
    public static let requiredTags = SettingKey("required-tags", .top, .stringList, readers: [.check],
        "AFX109: tags every DAG must carry (an empty list: at least one tag)")
    public static let allowedOwners = SettingKey("allowed-owners", .top, .stringList, readers: [.check],
        "AFX110: owners a DAG's `default_args` may name (an empty list: any owner but `airflow`)")
    public static let minimumRetries = SettingKey("minimum-retries", .top, .integer(minimum: 0), readers: [.check],
        default: "1", "AFX111: the fewest retries a task may have")
    public static let namePattern = SettingKey("name-pattern", .top, .string, readers: [.check],
        "ACS102: a regular expression every flow name and dag_id must match")

    // MARK: Top level: the project, read by `generate` and the deployer

    public static let project = SettingKey("project", .top, .string, readers: shipping, default: "the project folder's name",
        "the project name in deployment names and the `PROJECT_NAME=` tag")
    public static let packageVersion = SettingKey("package-version", .top, .string, readers: shipping,
        default: "`[project].version` of pyproject.toml, else `unknown`", "the `PACKAGE_VERSION=` tag")
    public static let defaults = SettingKey("defaults", .top, .table, readers: shipping,
        "flow settings for every flow in every environment")
    public static let environments = SettingKey("environments", .top, .tableList, readers: shipping,
        "`[[environments]]`: the stages, in promotion order")
    public static let flows = SettingKey("flows", .top, .table, readers: shipping,
        "`[flows.NAME]`: settings of one flow, by the name Prefect registers or the dag_id")
    public static let prefectYAML = SettingKey("prefect-yaml", .top, .choice(PrefectYAMLLayout.allCases.map(\.rawValue)),
        readers: shipping, default: "`\"root\"`",
        "where prefect.yaml goes: `root`, one file at the project root; `per-folder`, one in each folder holding flows, its entrypoints relative to that folder (where `prefect deploy` runs); `per-folder-from-root`, one in each folder holding flows, deployed from the project root with `prefect deploy --prefect-file FOLDER/prefect.yaml`, its entrypoints relative to the root")

    // MARK: Top level: the acme-portal bridge, read by `generate` (and `init --acme-portal`)

    // MARK: Top level: the registry, read by the deployer

    public static let topRegistry = SettingKey("registry", .top, .string, readers: [.deploy],
        default: "`.acme-scan/registry.sqlite`",
        "every environment's registry unless it names its own: a path to an SQLite file (relative to the project root), or a `postgresql://USER@HOST:PORT/DATABASE` URL a team shares (libpq's form and `sslmode`; never a password)")
    public static let topRegistryPasswordVariable = SettingKey("registry-password-variable", .top, .string, readers: [.deploy],
        default: "`PGPASSWORD`", "the environment variable holding the PostgreSQL registry's password")

    public static let acmeScanPath = SettingKey("acme-scan-path", .top, .string, readers: [.generate],
        default: "`acme-scan` of the interpreter's environment (pip), else on PATH",
        "the acme-scan executable the acme-portal bridge (`.acme_portal_sdk/*.py`) runs; a relative path is from the project root")

    // MARK: Environments

    public static let environmentName = SettingKey("name", .environment, .string, readers: shipping,
        "letters, digits, `-` and `_`; unique")
    public static let backend = SettingKey("backend", .environment, .choice(Backend.allCases.map(\.rawValue)), readers: shipping,
        "where its flows are deployed: `local` (the embedded registry), `prefect` or `airflow`")
    public static let apiURL = SettingKey("api-url", .environment, .string, readers: shipping, backends: [.prefect, .airflow],
        "the server's API (`http(s)://...`)")
    public static let dagsFolder = SettingKey("dags-folder", .environment, .string, readers: shipping, backends: [.airflow],
        "the path Airflow's `dags_folder` (or a LocalDagBundle's `path`) is set to; acme-scan makes it a symbolic link to a release folder beside it (`PATH.releases/COMMIT`)")
    public static let bundle = SettingKey("bundle", .environment, .string, readers: shipping, backends: [.airflow],
        default: "`dags-folder` with `dags-folder`", "the name of the DAG bundle Airflow reads the DAGs from; with `repository`, a GitDagBundle tracking `branch`")
    public static let source = SettingKey("source", .environment, .string, readers: shipping, backends: [.airflow],
        default: "inferred: the DAGs' import root",
        "dags-folder mode: the project's folder (relative to the project root; `\".\"` for the whole project) whose tree at the release commit is published as the dags folder. Airflow puts that folder on `sys.path`, so left out it is the folder the DAGs import the project's modules from, as the scan found them (`dags` when `dags/etl.py` imports `common.defaults` from `dags/common/defaults.py`), else the folder holding every DAG file; imports that need different folders make deploy refuse until it is set. `init` writes it; the deploy plan says which folder and why")
    public static let repository = SettingKey("repository", .environment, .string, readers: shipping, backends: [.airflow],
        "the git repository (URL or path) a GitDagBundle clones; deploy and promote move `branch` in it to the release commit")
    public static let branch = SettingKey("branch", .environment, .string, readers: shipping, backends: [.airflow],
        default: "`acme/ENV`", "the branch of `repository` the GitDagBundle tracks")
    public static let parseTimeout = SettingKey("parse-timeout", .environment, .integer(minimum: 1), readers: [.deploy],
        backends: [.airflow], default: "120", "seconds to wait for Airflow to parse a published release before the deploy fails")
    public static let usernameVariable = SettingKey("username-variable", .environment, .string, readers: [.deploy],
        backends: [.airflow], default: "`AIRFLOW_USERNAME`", "the environment variable holding the Airflow user that logs in (`POST /auth/token`); with neither it nor the password's variable set, requests go without a login (a development Airflow with `simple_auth_manager_all_admins`), and a 401 or 403 names the two variables to set")
    public static let passwordVariable = SettingKey("password-variable", .environment, .string, readers: [.deploy],
        backends: [.airflow], default: "`AIRFLOW_PASSWORD`", "the environment variable holding that user's password")
    public static let registry = SettingKey("registry", .environment, .string, readers: [.deploy],
        default: "the top-level `registry`",
        "the registry holding the environment's journal, its lock and, for `local`, its deployments: an SQLite file, or a `postgresql://` URL")
    public static let registryPasswordVariable = SettingKey("registry-password-variable", .environment, .string, readers: [.deploy],
        default: "the top-level one", "the environment variable holding this environment's PostgreSQL registry password")
    public static let promoteRequires = SettingKey("promote-requires", .environment, .choice(["completed-run"]), readers: [.deploy],
        "a gate for promotions into this environment: `completed-run` needs a completed run of the release in the source environment")
    public static let authStringVariable = SettingKey("auth-string-variable", .environment, .string, readers: [.deploy],
        backends: [.prefect], default: "`PREFECT_API_AUTH_STRING`",
        "the environment variable holding a self-hosted server's `user:password` (sent as HTTP Basic)")
    public static let apiKeyVariable = SettingKey("api-key-variable", .environment, .string, readers: [.deploy],
        backends: [.prefect], default: "`PREFECT_API_KEY`", "the environment variable holding a Prefect Cloud API key (sent as Bearer)")
    public static let writesInFlight = SettingKey("writes-in-flight", .environment, .numberChoice([1, 2, 4]), readers: [.deploy],
        backends: [.prefect], default: "1",
        "how many writes a deploy sends the Prefect server at once. Raise it only for a server whose database is PostgreSQL: there 2 or 4 were safe and made the server's part of a deploy 17% to 33% faster. A server on SQLite (Prefect's default) takes one writer at a time and answers the others 503; acme-scan retries them, and the deploy takes about 2.5 times as long")

    // MARK: Flow settings, at every level

    public static let deploy = SettingKey("deploy", .flowSettings, .boolean, readers: shipping, default: "true",
        "`false` leaves the flow out (of one environment, at the per-environment level)")
    public static let description = SettingKey("description", .flowSettings, .string, readers: shipping, backends: prefectLike,
        default: "the flow's `description=` or docstring", "the deployment's description")
    public static let tags = SettingKey("tags", .flowSettings, .stringList, readers: shipping, default: "[]",
        "tags; they add up across levels")
    public static let schedules = SettingKey("schedules", .flowSettings, .tableList, readers: shipping, backends: prefectLike,
        default: "[]", "schedules, each one of `cron`, `interval` or `rrule` (below)")
    public static let parameters = SettingKey("parameters", .flowSettings, .table, readers: shipping, backends: prefectLike,
        default: "{}", "parameter values; merged key by key across levels, each given only to flows that take it")
    public static let paused = SettingKey("paused", .flowSettings, .boolean, readers: shipping,
        default: "false (Airflow: the server's `is_paused_upon_creation`)", "deploy paused, or the paused state to set on Airflow")
    public static let concurrencyLimit = SettingKey("concurrency-limit", .flowSettings, .integer(minimum: 1), readers: shipping,
        backends: prefectLike, "the most runs at once")
    public static let workPool = SettingKey("work-pool", .flowSettings, .string, readers: shipping, backends: prefectLike,
        "the Prefect work pool (a Prefect deployment needs one from some level)")
    public static let workQueue = SettingKey("work-queue", .flowSettings, .string, readers: shipping, backends: prefectLike,
        "the work pool's queue")
    public static let jobVariables = SettingKey("job-variables", .flowSettings, .table, readers: shipping, backends: prefectLike,
        default: "{}", "the job's variables, e.g. `{ env = { KEY = \"value\" } }`; merged deeply across levels")
    public static let image = SettingKey("image", .flowSettings, .string, readers: shipping, backends: prefectLike,
        "the job's image (`job_variables.image`); `{commit}`, `{short_commit}` and `{branch}` name the release (`ghcr.io/org/app:{short_commit}`)")
    public static let pull = SettingKey("pull", .flowSettings, .tableList, readers: shipping, backends: prefectLike,
        default: "a `git_clone` of the commit", "Prefect pull steps, replacing the generated `git_clone`")
    public static let build = SettingKey("build", .flowSettings, .tableList, readers: [.generate], backends: prefectLike,
        default: "[]", "Prefect build steps (an image per commit), written into prefect.yaml as given, `{{ ... }}` templates included; `prefect deploy` runs them, acme-scan never does")
    public static let push = SettingKey("push", .flowSettings, .tableList, readers: [.generate], backends: prefectLike,
        default: "[]", "Prefect push steps, written into prefect.yaml as given, like `build`")
    public static let deploymentName = SettingKey("deployment-name", .flowSettings, .string, readers: shipping, backends: prefectLike,
        default: "`project--branch--flow--env`", "the deployment's name instead of acme-portal's convention, so deployments made before acme-scan keep theirs (unique per flow within one prefect.yaml)")

    public static let flowEnvironments = SettingKey("environments", .flow, .table, readers: shipping,
        "`[flows.NAME.environments.ENV]`: the flow's settings in one environment, the strongest level")

    // MARK: Schedules

    public static let cron = SettingKey("cron", .schedule, .string, readers: shipping,
        "five fields (names, `L`, `n#k`) or `@daily`-style presets")
    public static let interval = SettingKey("interval", .schedule, .duration, readers: shipping,
        "positive seconds, an ISO 8601 duration (`\"PT10M\"`) or `\"HH:MM:SS\"`")
    public static let rrule = SettingKey("rrule", .schedule, .string, readers: shipping, "an RFC 5545 rule holding `FREQ=`")
    public static let timezone = SettingKey("timezone", .schedule, .string, readers: shipping, default: "UTC",
        "an IANA time zone name")
    public static let active = SettingKey("active", .schedule, .boolean, readers: shipping, default: "true",
        "`false` keeps the schedule but creates no runs")
    public static let anchorDate = SettingKey("anchor-date", .schedule, .dateTime, readers: shipping,
        default: "when the deployment is created", "intervals only: the date-time they count from")
    public static let slug = SettingKey("slug", .schedule, .string, readers: shipping,
        "the schedule's name, unique within the deployment (Prefect keeps a schedule's runs across deploys by it)")
    public static let scheduleParameters = SettingKey("parameters", .schedule, .table, readers: shipping, default: "{}",
        "parameter values for this schedule's runs, over the deployment's; each must be in the flow's signature")

    public static let all: [SettingKey] = [
        airflowVersion, dagClasses, select, ignore, severity, requiredTags, allowedOwners, minimumRetries, namePattern,
        project, packageVersion, defaults, environments, flows, prefectYAML, topRegistry, topRegistryPasswordVariable, acmeScanPath,
        environmentName, backend, apiURL, dagsFolder, source, bundle, repository, branch, parseTimeout, registry,
        registryPasswordVariable, promoteRequires,
        authStringVariable, apiKeyVariable, writesInFlight, usernameVariable, passwordVariable,
        deploy, description, tags, schedules, parameters, paused, concurrencyLimit, workPool, workQueue, jobVariables, image, pull,
        build, push, deploymentName,
        flowEnvironments,
        cron, interval, rrule, timezone, active, anchorDate, slug, scheduleParameters,
    ]

    public static func keys(in section: SettingSection) -> [SettingKey] { all.filter { $0.section == section } }

    public static func key(_ name: String, in section: SettingSection) -> SettingKey? {
        all.first { $0.section == section && $0.name == name }
    }
}
