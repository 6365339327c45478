/// Qualified names that mean DAG building blocks, in every import path
/// Airflow 2 and 3 accept (including the compat re-exports real repos use).
enum AirflowNames {
    static let dagClasses: Set<String> = expand(["DAG"], in: ["airflow", "airflow.models", "airflow.models.dag",
        "airflow.sdk", "airflow.sdk.definitions.dag", "airflow.providers.common.compat.sdk"])
    static let dagDecorators: Set<String> = expand(["dag"], in: ["airflow.decorators", "airflow.sdk",
        "airflow.models.dag", "airflow.sdk.definitions.dag", "airflow.providers.common.compat.sdk"])
    static let taskDecorators: Set<String> = expand(["task"], in: ["airflow.decorators", "airflow.sdk",
        "airflow.providers.common.compat.sdk"])
    static let setupTeardownDecorators: Set<String> = expand(["setup", "teardown"], in: ["airflow.decorators",
        "airflow.sdk", "airflow.providers.common.compat.sdk"])
    static let taskGroupDecorators: Set<String> = expand(["task_group"], in: ["airflow.decorators", "airflow.sdk",
        "airflow.utils.task_group", "airflow.providers.common.compat.sdk"])
    static let taskGroupClasses: Set<String> = expand(["TaskGroup"], in: ["airflow.utils.task_group", "airflow.sdk",
        "airflow.sdk.definitions.taskgroup", "airflow.providers.common.compat.sdk"])
    static let assetDecorators: Set<String> = expand(["asset"], in: ["airflow.sdk", "airflow.sdk.definitions.asset.decorators",
        "airflow.providers.common.compat.sdk"])
    static let chainHelpers: Set<String> = expand(["chain", "chain_linear", "cross_downstream"], in: ["airflow.sdk",
        "airflow.models.baseoperator", "airflow.utils.helpers", "airflow.sdk.bases.operator",
        "airflow.providers.common.compat.sdk"])
    static let xcomArgClasses: Set<String> = expand(["XComArg"], in: ["airflow.models.xcom_arg", "airflow.sdk",
        "airflow.models", "airflow.sdk.definitions.xcom_arg", "airflow.providers.common.compat.sdk"])
    static let labelClasses: Set<String> = expand(["Label"], in: ["airflow.utils.edgemodifier", "airflow.sdk",
        "airflow.providers.common.compat.sdk"])
    static let operatorBases: Set<String> = expand(["BaseOperator"], in: ["airflow.models", "airflow.models.baseoperator",
        "airflow.sdk", "airflow.sdk.bases.operator", "airflow.providers.common.compat.sdk"])
        .union(expand(["BaseSensorOperator"], in: ["airflow.sensors.base", "airflow.sdk", "airflow.sdk.bases.sensor"]))

    /// astronomer-cosmos: `DbtDag` (a DAG subclass) and `DbtTaskGroup` (a TaskGroup
    /// subclass) build their tasks from a dbt project when the file is imported.
    static let cosmosDagClasses: Set<String> = ["cosmos.DbtDag", "cosmos.airflow.dag.DbtDag"]
    static let cosmosTaskGroupClasses: Set<String> = ["cosmos.DbtTaskGroup", "cosmos.airflow.task_group.DbtTaskGroup"]

    /// Every qualified name that builds a DAG by itself: what the byte pre-filter looks for.
    static let dagBuilders: Set<String> = dagClasses.union(dagDecorators).union(assetDecorators).union(cosmosDagClasses)

    /// Names in the libraries whose DAG classes are known by name: never looked
    /// for in the scanned tree (which may be Airflow's own source).
    static func isLibrary(_ qualified: String) -> Bool {
        qualified.hasPrefix("airflow.") || qualified.hasPrefix("cosmos.")
    }

    /// Arguments Airflow 3 removed from DAG(): passing one raises TypeError at import.
    static let removedInAirflow3: Set<String> = ["schedule_interval", "timetable", "concurrency", "default_view",
        "orientation", "fail_stop", "full_filepath"]

    /// An operator or sensor class: anything from Airflow's namespace whose
    /// name ends in Operator or Sensor, or a few well-known others.
    static func isOperator(_ qualified: String) -> Bool {
        guard qualified.hasPrefix("airflow.") else { return false }
        let last = qualified.split(separator: ".").last.map(String.init) ?? ""
        if operatorBases.contains(qualified) { return false }
        // Includes the deferrable spellings: DateTimeSensorAsync, TimeDeltaSensorAsync, ...
        return last.contains("Operator") || last.contains("Sensor") || last == "ExternalTaskMarker"
    }

    private static func expand(_ names: [String], in modules: [String]) -> Set<String> {
        Set(modules.flatMap { module in names.map { module + "." + $0 } })
    }
}
