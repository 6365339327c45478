/// Modules and names Airflow 3 no longer has, so that importing them raises
/// (ModuleNotFoundError for a module, ImportError for a name), each with what
/// replaces it. One source of truth: the detector, the pre-filter and the
/// check rule AFX009 all read this table.
///
/// Where the facts come from:
/// - the names are those of ruff 0.17.6's Airflow rule tables (its sources:
///   `removal_in_3.rs` = AIR301, `moved_to_provider_in_3.rs` = AIR302,
///   `suggested_to_update_3_0.rs` = AIR311, `suggested_to_move_to_provider_in_3.rs`
///   = AIR312, `moved_in_3_1.rs` = AIR321), which ruff derived from Airflow's
///   2->3 migration notes and newsfragments; the `rule` of each entry names the table;
/// - the replacement is the one ruff's fix title names for that entry;
/// - an entry is here only because importing it FAILS in a real Airflow 3.3.2:
///   `Tests/airflow-removals/run.sh` (run by `make test`) imports every entry
///   there and requires it to fail, and every replacement whose distribution is
///   installed to import. Names AIR311/AIR312/AIR321 call "still working" are
///   here only where 3.3.2 no longer has them (the `airflow.datasets` shims).
/// - Provider modules (`airflow.providers.*`) are left out: what a provider
///   removes depends on the provider's version, not on Airflow's.
///
/// A path stands for itself and everything under it: `airflow.contrib` covers
/// `airflow.contrib.hooks.x`. The table is data, one entry a line, hence its length.
struct RemovedAirflowImport: Sendable {
    /// The ruff rule table that lists the entry.
    enum Rule: String, Sendable { case air301 = "AIR301", air302 = "AIR302", air311 = "AIR311", air312 = "AIR312", air321 = "AIR321" }

    enum Replacement: Sendable, Equatable {
        /// `name` from `module` (or, with no name, the same names from `module`), shipped by `provider` if set.
        case moved(module: String?, name: String?, provider: String?)
        case advice(String)
        case none
    }

    let path: String
    let rule: Rule
    let replacement: Replacement

    /// What to tell the user: "use `EmptyOperator` from `airflow.providers.standard.operators.empty`
    /// (apache-airflow-providers-standard)".
    var advice: String? {
        switch replacement {
        case .moved(let module, let name, let provider):
            let package = provider.map { "apache-airflow-providers-\($0)" }
            switch (module, name) {
            case (let module?, let name?): return "use `\(name)` from `\(module)`" + (package.map { " (\($0))" } ?? "")
            case (let module?, nil): return "import from `\(module)` instead" + (package.map { " (\($0))" } ?? "")
            default: return package.map { "install \($0) and import from it" }
            }
        case .advice(let text): return text
        case .none: return nil
        }
    }
}

private typealias E = RemovedAirflowImport

extension RemovedAirflowImport {
    private init(_ path: String, _ rule: Rule) { self.init(path: path, rule: rule, replacement: .none) }
    private init(_ path: String, _ rule: Rule, advice: String) { self.init(path: path, rule: rule, replacement: .advice(advice)) }
    private init(_ path: String, _ rule: Rule, use module: String?, _ name: String?, provider: String?) {
        self.init(path: path, rule: rule, replacement: .moved(module: module, name: name, provider: provider))
    }

    /// Every entry, sorted by path.
    static let all: [RemovedAirflowImport] = [
        E("airflow.PY310", .air301, advice: "use `sys.version_info`"),
        E("airflow.PY311", .air301, advice: "use `sys.version_info`"),
        E("airflow.PY312", .air301, advice: "use `sys.version_info`"),
        E("airflow.PY36", .air301, advice: "use `sys.version_info`"),
        E("airflow.PY37", .air301, advice: "use `sys.version_info`"),
        E("airflow.PY38", .air301, advice: "use `sys.version_info`"),
        E("airflow.PY39", .air301, advice: "use `sys.version_info`"),
        E("airflow.api.auth", .air302, use: nil, nil, provider: "fab"),
        E("airflow.api.auth.backend.basic_auth.CLIENT_AUTH", .air302, use: "airflow.providers.fab.auth_manager.api.auth.backend.basic_auth", "CLIENT_AUTH", provider: "fab"),
        E("airflow.api.auth.backend.basic_auth.auth_current_user", .air302, use: "airflow.providers.fab.auth_manager.api.auth.backend.basic_auth", "auth_current_user", provider: "fab"),
        E("airflow.api.auth.backend.basic_auth.init_app", .air302, use: "airflow.providers.fab.auth_manager.api.auth.backend.basic_auth", "init_app", provider: "fab"),
        E("airflow.api.auth.backend.basic_auth.requires_authentication", .air302, use: "airflow.providers.fab.auth_manager.api.auth.backend.basic_auth", "requires_authentication", provider: "fab"),
        E("airflow.api.auth.backend.kerberos_auth.CLIENT_AUTH", .air302, use: "airflow.providers.fab.auth_manager.api.auth.backend.kerberos_auth", "CLIENT_AUTH", provider: "fab"),
        E("airflow.api.auth.backend.kerberos_auth.find_user", .air302, use: "airflow.providers.fab.auth_manager.api.auth.backend.kerberos_auth", "find_user", provider: "fab"),
        E("airflow.api.auth.backend.kerberos_auth.init_app", .air302, use: "airflow.providers.fab.auth_manager.api.auth.backend.kerberos_auth", "init_app", provider: "fab"),
        E("airflow.api.auth.backend.kerberos_auth.log", .air302, use: "airflow.providers.fab.auth_manager.api.auth.backend.kerberos_auth", "log", provider: "fab"),
        E("airflow.api.auth.backend.kerberos_auth.requires_authentication", .air302, use: "airflow.providers.fab.auth_manager.api.auth.backend.kerberos_auth", "requires_authentication", provider: "fab"),
        E("airflow.api_connexion", .air301),
        E("airflow.api_connexion.security.requires_access", .air301),
        E("airflow.api_connexion.security.requires_access_dataset", .air301, use: "airflow.api_fastapi.core_api.security", "requires_access_asset", provider: nil),
        E("airflow.auth", .air302),
        E("airflow.auth.managers.base_auth_manager.BaseAuthManager", .air301, use: "airflow.api_fastapi.auth.managers.base_auth_manager", "BaseAuthManager", provider: nil),
        E("airflow.auth.managers.fab.api.auth.backend.kerberos_auth.CLIENT_AUTH", .air302, use: "airflow.providers.fab.auth_manager.api.auth.backend.kerberos_auth", "CLIENT_AUTH", provider: "fab"),
        E("airflow.auth.managers.fab.api.auth.backend.kerberos_auth.find_user", .air302, use: "airflow.providers.fab.auth_manager.api.auth.backend.kerberos_auth", "find_user", provider: "fab"),
        E("airflow.auth.managers.fab.api.auth.backend.kerberos_auth.init_app", .air302, use: "airflow.providers.fab.auth_manager.api.auth.backend.kerberos_auth", "init_app", provider: "fab"),
        E("airflow.auth.managers.fab.api.auth.backend.kerberos_auth.log", .air302, use: "airflow.providers.fab.auth_manager.api.auth.backend.kerberos_auth", "log", provider: "fab"),
        E("airflow.auth.managers.fab.api.auth.backend.kerberos_auth.requires_authentication", .air302, use: "airflow.providers.fab.auth_manager.api.auth.backend.kerberos_auth", "requires_authentication", provider: "fab"),
        E("airflow.auth.managers.fab.fab_auth_manager.FabAuthManager", .air302, use: "airflow.providers.fab.auth_manager.fab_auth_manager", "FabAuthManager", provider: "fab"),
        E("airflow.auth.managers.fab.security_manager.override.FabAirflowSecurityManagerOverride", .air302, use: "airflow.providers.fab.auth_manager.security_manager.override", "FabAirflowSecurityManagerOverride", provider: "fab"),
        E("airflow.auth.managers.fab.security_manager.override.MAX_NUM_DATABASE_USER_SESSIONS", .air302, use: "airflow.providers.fab.auth_manager.security_manager.override", "MAX_NUM_DATABASE_USER_SESSIONS", provider: "fab"),
        E("airflow.auth.managers.models.resource_details.DatasetDetails", .air301, use: "airflow.api_fastapi.auth.managers.models.resource_details", "AssetDetails", provider: nil),
        E("airflow.config_templates.default_celery", .air302, use: "airflow.providers.celery.executors.default_celery", nil, provider: "celery"),
        E("airflow.configuration.as_dict", .air301, use: "airflow.configuration", "conf.as_dict", provider: nil),
        E("airflow.configuration.get", .air301, use: "airflow.configuration", "conf.get", provider: nil),
        E("airflow.configuration.getboolean", .air301, use: "airflow.configuration", "conf.getboolean", provider: nil),
        E("airflow.configuration.getfloat", .air301, use: "airflow.configuration", "conf.getfloat", provider: nil),
        E("airflow.configuration.getint", .air301, use: "airflow.configuration", "conf.getint", provider: nil),
        E("airflow.configuration.has_option", .air301, use: "airflow.configuration", "conf.has_option", provider: nil),
        E("airflow.configuration.remove_option", .air301, use: "airflow.configuration", "conf.remove_option", provider: nil),
        E("airflow.configuration.set", .air301, use: "airflow.configuration", "conf.set", provider: nil),
        E("airflow.contrib", .air301, advice: "its hooks, operators and sensors live in the apache-airflow-providers-* packages"),
        E("airflow.datasets", .air311, advice: "use `airflow.sdk` (`Dataset` is `Asset` there)"),
        E("airflow.datasets.Dataset", .air311, use: "airflow.sdk", "Asset", provider: nil),
        E("airflow.datasets.DatasetAlias", .air311, use: "airflow.sdk", "AssetAlias", provider: nil),
        E("airflow.datasets.DatasetAliasEvent", .air301),
        E("airflow.datasets.DatasetAll", .air311, use: "airflow.sdk", "AssetAll", provider: nil),
        E("airflow.datasets.DatasetAny", .air311, use: "airflow.sdk", "AssetAny", provider: nil),
        E("airflow.datasets.DatasetEvent", .air301),
        E("airflow.datasets.expand_alias_to_datasets", .air311, use: "airflow.models.asset", "expand_alias_to_assets", provider: nil),
        E("airflow.datasets.manager.DatasetManager", .air301, use: "airflow.assets.manager", "AssetManager", provider: nil),
        E("airflow.datasets.manager.dataset_manager", .air301, use: "airflow.assets.manager", "asset_manager", provider: nil),
        E("airflow.datasets.manager.resolve_dataset_manager", .air301, use: "airflow.assets.manager", "resolve_asset_manager", provider: nil),
        E("airflow.datasets.metadata.Metadata", .air311, use: "airflow.sdk", "Metadata", provider: nil),
        E("airflow.executors.celery_executor", .air302, use: nil, nil, provider: "celery"),
        E("airflow.executors.celery_executor.CeleryExecutor", .air302, use: "airflow.providers.celery.executors.celery_executor", "CeleryExecutor", provider: "celery"),
        E("airflow.executors.celery_executor.app", .air302, use: "airflow.providers.celery.executors.celery_executor_utils", "app", provider: "celery"),
        E("airflow.executors.celery_kubernetes_executor", .air302, use: "airflow.providers.celery.executors.celery_kubernetes_executor", nil, provider: "celery"),
        E("airflow.executors.dask_executor", .air302, use: "airflow.providers.daskexecutor.executors.dask_executor", nil, provider: "daskexecutor"),
        E("airflow.executors.kubernetes_executor_types", .air302, use: "airflow.providers.cncf.kubernetes.executors.kubernetes_executor_types", nil, provider: "cncf-kubernetes"),
        E("airflow.hooks.S3_hook", .air302, use: "airflow.providers.amazon.aws.hooks.s3", nil, provider: "amazon"),
        E("airflow.hooks.base_hook", .air301, use: "airflow.hooks.base", nil, provider: nil),
        E("airflow.hooks.dbapi", .air302, use: "airflow.providers.common.sql.hooks.sql", nil, provider: "common-sql"),
        E("airflow.hooks.dbapi_hook", .air302, use: "airflow.providers.common.sql.hooks.sql", nil, provider: "common-sql"),
        E("airflow.hooks.docker_hook", .air302, use: "airflow.providers.docker.hooks.docker", nil, provider: "docker"),
        E("airflow.hooks.druid_hook", .air302, use: "airflow.providers.apache.druid.hooks.druid", nil, provider: "apache-druid"),
        E("airflow.hooks.hive_hooks", .air302, use: "airflow.providers.apache.hive.hooks.hive", nil, provider: "apache-hive"),
        E("airflow.hooks.http_hook", .air302, use: "airflow.providers.http.hooks.http", nil, provider: "http"),
        E("airflow.hooks.jdbc_hook", .air302, use: "airflow.providers.jdbc.hooks.jdbc", nil, provider: "jdbc"),
        E("airflow.hooks.mssql_hook", .air302, use: "airflow.providers.microsoft.mssql.hooks.mssql", nil, provider: "microsoft-mssql"),
        E("airflow.hooks.mysql_hook", .air302, use: "airflow.providers.mysql.hooks.mysql", nil, provider: "mysql"),
        E("airflow.hooks.oracle_hook", .air302, use: "airflow.providers.oracle.hooks.oracle", nil, provider: "oracle"),
        E("airflow.hooks.pig_hook", .air302, use: "airflow.providers.apache.pig.hooks.pig", nil, provider: "apache-pig"),
        E("airflow.hooks.postgres_hook", .air302, use: "airflow.providers.postgres.hooks.postgres", nil, provider: "postgres"),
        E("airflow.hooks.presto_hook", .air302, use: "airflow.providers.presto.hooks.presto", nil, provider: "presto"),
        E("airflow.hooks.samba_hook", .air302, use: "airflow.providers.samba.hooks.samba", nil, provider: "samba"),
        E("airflow.hooks.slack_hook", .air302, use: "airflow.providers.slack.hooks.slack", nil, provider: "slack"),
        E("airflow.hooks.sqlite_hook", .air302, use: "airflow.providers.sqlite.hooks.sqlite", nil, provider: "sqlite"),
        E("airflow.hooks.subprocess.SubprocessResult", .air302, use: "airflow.providers.standard.hooks.subprocess", "SubprocessResult", provider: "standard"),
        E("airflow.hooks.subprocess.working_directory", .air302, use: "airflow.providers.standard.hooks.subprocess", "working_directory", provider: "standard"),
        E("airflow.hooks.webhdfs_hook", .air302, use: "airflow.providers.apache.hdfs.hooks.webhdfs", nil, provider: "apache-hdfs"),
        E("airflow.hooks.zendesk_hook", .air302, use: "airflow.providers.zendesk.hooks.zendesk", nil, provider: "zendesk"),
        E("airflow.io.store", .air311, use: "airflow.sdk.io", nil, provider: nil),
        E("airflow.kubernetes", .air302, use: nil, nil, provider: "cncf-kubernetes"),
        E("airflow.kubernetes.k8s_model.K8SModel", .air302, use: "airflow.providers.cncf.kubernetes.k8s_model", "K8SModel", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.k8s_model.append_to_pod", .air302, use: "airflow.providers.cncf.kubernetes.k8s_model", "append_to_pod", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.kube_client._disable_verify_ssl", .air302, use: "airflow.providers.cncf.kubernetes.kube_client", "_disable_verify_ssl", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.kube_client._enable_tcp_keepalive", .air302, use: "airflow.providers.cncf.kubernetes.kube_client", "_enable_tcp_keepalive", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.kube_client.get_kube_client", .air302, use: "airflow.providers.cncf.kubernetes.kube_client", "get_kube_client", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.kubernetes_helper_functions.add_pod_suffix", .air302, use: "airflow.providers.cncf.kubernetes.kubernetes_helper_functions", "add_unique_suffix", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.kubernetes_helper_functions.annotations_for_logging_task_metadata", .air302, use: "airflow.providers.cncf.kubernetes.kubernetes_helper_functions", "annotations_for_logging_task_metadata", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.kubernetes_helper_functions.annotations_to_key", .air302, use: "airflow.providers.cncf.kubernetes.kubernetes_helper_functions", "annotations_to_key", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.kubernetes_helper_functions.create_pod_id", .air302, use: "airflow.providers.cncf.kubernetes.kubernetes_helper_functions", "create_unique_id", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.kubernetes_helper_functions.get_logs_task_metadata", .air302, use: "airflow.providers.cncf.kubernetes.kubernetes_helper_functions", "get_logs_task_metadata", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.kubernetes_helper_functions.rand_str", .air302, use: "airflow.providers.cncf.kubernetes.kubernetes_helper_functions", "rand_str", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod.Port", .air302, use: "kubernetes.client.models", "V1ContainerPort", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod.Resources", .air302, use: "kubernetes.client.models", "V1ResourceRequirements", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_generator.PodDefaults", .air302, use: "airflow.providers.cncf.kubernetes.utils.xcom_sidecar", "PodDefaults", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_generator.PodGenerator", .air302, use: "airflow.providers.cncf.kubernetes.pod_generator", "PodGenerator", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_generator.PodGeneratorDeprecated", .air302, use: "airflow.providers.cncf.kubernetes.pod_generator", "PodGenerator", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_generator.add_pod_suffix", .air302, use: "airflow.providers.cncf.kubernetes.kubernetes_helper_functions", "add_unique_suffix", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_generator.datetime_to_label_safe_datestring", .air302, use: "airflow.providers.cncf.kubernetes.pod_generator", "datetime_to_label_safe_datestring", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_generator.extend_object_field", .air302, use: "airflow.providers.cncf.kubernetes.pod_generator", "extend_object_field", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_generator.label_safe_datestring_to_datetime", .air302, use: "airflow.providers.cncf.kubernetes.pod_generator", "label_safe_datestring_to_datetime", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_generator.make_safe_label_value", .air302, use: "airflow.providers.cncf.kubernetes.pod_generator", "make_safe_label_value", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_generator.merge_objects", .air302, use: "airflow.providers.cncf.kubernetes.pod_generator", "merge_objects", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_generator.rand_str", .air302, use: "airflow.providers.cncf.kubernetes.kubernetes_helper_functions", "rand_str", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_generator_deprecated.PodDefaults", .air302, use: "airflow.providers.cncf.kubernetes.utils.xcom_sidecar", "PodDefaults", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_generator_deprecated.PodGenerator", .air302, use: "airflow.providers.cncf.kubernetes.pod_generator", "PodGenerator", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_generator_deprecated.make_safe_label_value", .air302, use: "airflow.providers.cncf.kubernetes.pod_generator", "make_safe_label_value", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_launcher.PodLauncher", .air302, use: "airflow.providers.cncf.kubernetes.utils.pod_manager", "PodManager", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_launcher.PodStatus", .air302, use: "airflow.providers.cncf.kubernetes.utils.pod_manager", "PodPhase", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_launcher_deprecated.PodDefaults", .air302, use: "airflow.providers.cncf.kubernetes.utils.xcom_sidecar", "PodDefaults", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_launcher_deprecated.PodLauncher", .air302, use: "airflow.providers.cncf.kubernetes.utils.pod_manager", "PodManager", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_launcher_deprecated.PodStatus", .air302, use: "airflow.providers.cncf.kubernetes.utils.pod_manager", "PodPhase", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_launcher_deprecated.get_kube_client", .air302, use: "airflow.providers.cncf.kubernetes.kube_client", "get_kube_client", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.pod_runtime_info_env.PodRuntimeInfoEnv", .air302, use: "kubernetes.client.models", "V1EnvVar", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.secret.K8SModel", .air302, use: "airflow.providers.cncf.kubernetes.k8s_model", "K8SModel", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.secret.Secret", .air302, use: "airflow.providers.cncf.kubernetes.secret", "Secret", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.volume.Volume", .air302, use: "kubernetes.client.models", "V1Volume", provider: "cncf-kubernetes"),
        E("airflow.kubernetes.volume_mount.VolumeMount", .air302, use: "kubernetes.client.models", "V1VolumeMount", provider: "cncf-kubernetes"),
        E("airflow.lineage.hook.DatasetLineageInfo", .air301, use: "airflow.lineage.hook", "AssetLineageInfo", provider: nil),
        E("airflow.listeners.spec.dataset", .air301),
        E("airflow.listeners.spec.dataset.on_dataset_changed", .air301, use: "airflow.listeners.spec.asset", "on_asset_changed", provider: nil),
        E("airflow.listeners.spec.dataset.on_dataset_created", .air301, use: "airflow.listeners.spec.asset", "on_asset_created", provider: nil),
        E("airflow.macros.hive", .air302, use: "airflow.providers.apache.hive.macros.hive", nil, provider: "apache-hive"),
        E("airflow.metrics.validators", .air301),
        E("airflow.metrics.validators.AllowListValidator", .air301),
        E("airflow.metrics.validators.BlockListValidator", .air301),
        E("airflow.models.DagParam", .air311, use: "airflow.sdk.definitions.param", "DagParam", provider: nil),
        E("airflow.models.ParamsDict", .air311, use: "airflow.sdk.definitions.param", "ParamsDict", provider: nil),
        E("airflow.models.abstractoperator.NotMapped", .air321),
        E("airflow.operators.bash_operator", .air302, use: "airflow.providers.standard.operators.bash", nil, provider: "standard"),
        E("airflow.operators.check_operator", .air302, use: nil, nil, provider: "common-sql"),
        E("airflow.operators.check_operator.CheckOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLCheckOperator", provider: "common-sql"),
        E("airflow.operators.check_operator.IntervalCheckOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLIntervalCheckOperator", provider: "common-sql"),
        E("airflow.operators.check_operator.SQLCheckOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLCheckOperator", provider: "common-sql"),
        E("airflow.operators.check_operator.SQLIntervalCheckOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLIntervalCheckOperator", provider: "common-sql"),
        E("airflow.operators.check_operator.SQLThresholdCheckOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLThresholdCheckOperator", provider: "common-sql"),
        E("airflow.operators.check_operator.SQLValueCheckOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLValueCheckOperator", provider: "common-sql"),
        E("airflow.operators.check_operator.ThresholdCheckOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLThresholdCheckOperator", provider: "common-sql"),
        E("airflow.operators.check_operator.ValueCheckOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLValueCheckOperator", provider: "common-sql"),
        E("airflow.operators.dagrun_operator", .air302, use: "airflow.providers.standard.operators.trigger_dagrun", nil, provider: "standard"),
        E("airflow.operators.datetime.target_times_as_dates", .air302, use: "airflow.providers.standard.operators.datetime", "target_times_as_dates", provider: "standard"),
        E("airflow.operators.docker_operator", .air302, use: "airflow.providers.docker.operators.docker", nil, provider: "docker"),
        E("airflow.operators.druid_check_operator", .air302, use: nil, nil, provider: "common-sql"),
        E("airflow.operators.druid_check_operator.CheckOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLCheckOperator", provider: "common-sql"),
        E("airflow.operators.druid_check_operator.DruidCheckOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLCheckOperator", provider: "common-sql"),
        E("airflow.operators.dummy", .air302, use: nil, nil, provider: "standard"),
        E("airflow.operators.dummy.DummyOperator", .air302, use: "airflow.providers.standard.operators.empty", "EmptyOperator", provider: "standard"),
        E("airflow.operators.dummy.EmptyOperator", .air302, use: "airflow.providers.standard.operators.empty", "EmptyOperator", provider: "standard"),
        E("airflow.operators.dummy_operator", .air302, use: nil, nil, provider: "standard"),
        E("airflow.operators.dummy_operator.DummyOperator", .air302, use: "airflow.providers.standard.operators.empty", "EmptyOperator", provider: "standard"),
        E("airflow.operators.dummy_operator.EmptyOperator", .air302, use: "airflow.providers.standard.operators.empty", "EmptyOperator", provider: "standard"),
        E("airflow.operators.email_operator", .air302, use: "airflow.providers.smtp.operators.smtp", nil, provider: "smtp"),
        E("airflow.operators.gcs_to_s3", .air302, use: "airflow.providers.amazon.aws.transfers.gcs_to_s3", nil, provider: "amazon"),
        E("airflow.operators.google_api_to_s3_transfer", .air302, use: nil, nil, provider: "amazon"),
        E("airflow.operators.google_api_to_s3_transfer.GoogleApiToS3Operator", .air302, use: "airflow.providers.amazon.aws.transfers.google_api_to_s3", "GoogleApiToS3Operator", provider: "amazon"),
        E("airflow.operators.google_api_to_s3_transfer.GoogleApiToS3Transfer", .air302, use: "airflow.providers.amazon.aws.transfers.google_api_to_s3", "GoogleApiToS3Operator", provider: "amazon"),
        E("airflow.operators.hive_operator", .air302, use: "airflow.providers.apache.hive.operators.hive", nil, provider: "apache-hive"),
        E("airflow.operators.hive_stats_operator", .air302, use: "airflow.providers.apache.hive.operators.hive_stats", nil, provider: "apache-hive"),
        E("airflow.operators.hive_to_druid", .air302, use: nil, nil, provider: "apache-druid"),
        E("airflow.operators.hive_to_druid.HiveToDruidOperator", .air302, use: "airflow.providers.apache.druid.transfers.hive_to_druid", "HiveToDruidOperator", provider: "apache-druid"),
        E("airflow.operators.hive_to_druid.HiveToDruidTransfer", .air302, use: "airflow.providers.apache.druid.transfers.hive_to_druid", "HiveToDruidOperator", provider: "apache-druid"),
        E("airflow.operators.hive_to_mysql", .air302, use: nil, nil, provider: "apache-hive"),
        E("airflow.operators.hive_to_mysql.HiveToMySqlOperator", .air302, use: "airflow.providers.apache.hive.transfers.hive_to_mysql", "HiveToMySqlOperator", provider: "apache-hive"),
        E("airflow.operators.hive_to_mysql.HiveToMySqlTransfer", .air302, use: "airflow.providers.apache.hive.transfers.hive_to_mysql", "HiveToMySqlOperator", provider: "apache-hive"),
        E("airflow.operators.hive_to_samba_operator", .air302, use: "airflow.providers.apache.hive.transfers.hive_to_samba", nil, provider: "apache-hive"),
        E("airflow.operators.http_operator", .air302, use: nil, nil, provider: "http"),
        E("airflow.operators.http_operator.SimpleHttpOperator", .air302, use: "airflow.providers.http.operators.http", "HttpOperator", provider: "http"),
        E("airflow.operators.jdbc_operator", .air302, use: nil, nil, provider: "common-sql"),
        E("airflow.operators.jdbc_operator.JdbcOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLExecuteQueryOperator", provider: "common-sql"),
        E("airflow.operators.latest_only_operator", .air302, use: "airflow.providers.standard.operators.latest_only", nil, provider: "standard"),
        E("airflow.operators.mssql_operator", .air302, use: nil, nil, provider: "common-sql"),
        E("airflow.operators.mssql_operator.MsSqlOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLExecuteQueryOperator", provider: "common-sql"),
        E("airflow.operators.mssql_to_hive", .air302, use: nil, nil, provider: "apache-hive"),
        E("airflow.operators.mssql_to_hive.MsSqlToHiveOperator", .air302, use: "airflow.providers.apache.hive.transfers.mssql_to_hive", "MsSqlToHiveOperator", provider: "apache-hive"),
        E("airflow.operators.mssql_to_hive.MsSqlToHiveTransfer", .air302, use: "airflow.providers.apache.hive.transfers.mssql_to_hive", "MsSqlToHiveOperator", provider: "apache-hive"),
        E("airflow.operators.mysql_operator", .air302, use: nil, nil, provider: "common-sql"),
        E("airflow.operators.mysql_operator.MySqlOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLExecuteQueryOperator", provider: "common-sql"),
        E("airflow.operators.mysql_to_hive", .air302, use: nil, nil, provider: "apache-hive"),
        E("airflow.operators.mysql_to_hive.MySqlToHiveOperator", .air302, use: "airflow.providers.apache.hive.transfers.mysql_to_hive", "MySqlToHiveOperator", provider: "apache-hive"),
        E("airflow.operators.mysql_to_hive.MySqlToHiveTransfer", .air302, use: "airflow.providers.apache.hive.transfers.mysql_to_hive", "MySqlToHiveOperator", provider: "apache-hive"),
        E("airflow.operators.oracle_operator", .air302, use: nil, nil, provider: "common-sql"),
        E("airflow.operators.oracle_operator.OracleOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLExecuteQueryOperator", provider: "common-sql"),
        E("airflow.operators.papermill_operator", .air302, use: "airflow.providers.papermill.operators.papermill", nil, provider: "papermill"),
        E("airflow.operators.pig_operator", .air302, use: "airflow.providers.apache.pig.operators.pig", nil, provider: "apache-pig"),
        E("airflow.operators.postgres_operator", .air301, use: nil, nil, provider: "common-sql"),
        E("airflow.operators.postgres_operator.Mapping", .air301),
        E("airflow.operators.postgres_operator.PostgresOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLExecuteQueryOperator", provider: "common-sql"),
        E("airflow.operators.presto_check_operator", .air302, use: nil, nil, provider: "common-sql"),
        E("airflow.operators.presto_check_operator.CheckOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLCheckOperator", provider: "common-sql"),
        E("airflow.operators.presto_check_operator.IntervalCheckOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLIntervalCheckOperator", provider: "common-sql"),
        E("airflow.operators.presto_check_operator.PrestoCheckOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLCheckOperator", provider: "common-sql"),
        E("airflow.operators.presto_check_operator.PrestoIntervalCheckOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLIntervalCheckOperator", provider: "common-sql"),
        E("airflow.operators.presto_check_operator.PrestoValueCheckOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLValueCheckOperator", provider: "common-sql"),
        E("airflow.operators.presto_check_operator.ValueCheckOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLValueCheckOperator", provider: "common-sql"),
        E("airflow.operators.presto_to_mysql", .air302, use: nil, nil, provider: "mysql"),
        E("airflow.operators.presto_to_mysql.PrestoToMySqlOperator", .air302, use: "airflow.providers.mysql.transfers.presto_to_mysql", "PrestoToMySqlOperator", provider: "mysql"),
        E("airflow.operators.presto_to_mysql.PrestoToMySqlTransfer", .air302, use: "airflow.providers.mysql.transfers.presto_to_mysql", "PrestoToMySqlOperator", provider: "mysql"),
        E("airflow.operators.python_operator", .air302, use: "airflow.providers.standard.operators.python", nil, provider: "standard"),
        E("airflow.operators.redshift_to_s3_operator", .air302, use: nil, nil, provider: "amazon"),
        E("airflow.operators.redshift_to_s3_operator.RedshiftToS3Operator", .air302, use: "airflow.providers.amazon.aws.transfers.redshift_to_s3", "RedshiftToS3Operator", provider: "amazon"),
        E("airflow.operators.redshift_to_s3_operator.RedshiftToS3Transfer", .air302, use: "airflow.providers.amazon.aws.transfers.redshift_to_s3", "RedshiftToS3Operator", provider: "amazon"),
        E("airflow.operators.s3_file_transform_operator", .air302, use: "airflow.providers.amazon.aws.operators.s3", nil, provider: "amazon"),
        E("airflow.operators.s3_to_hive_operator", .air302, use: nil, nil, provider: "apache-hive"),
        E("airflow.operators.s3_to_hive_operator.S3ToHiveOperator", .air302, use: "airflow.providers.apache.hive.transfers.s3_to_hive", "S3ToHiveOperator", provider: "apache-hive"),
        E("airflow.operators.s3_to_hive_operator.S3ToHiveTransfer", .air302, use: "airflow.providers.apache.hive.transfers.s3_to_hive", "S3ToHiveOperator", provider: "apache-hive"),
        E("airflow.operators.s3_to_redshift_operator", .air302, use: nil, nil, provider: "amazon"),
        E("airflow.operators.s3_to_redshift_operator.S3ToRedshiftOperator", .air302, use: "airflow.providers.amazon.aws.transfers.s3_to_redshift", "S3ToRedshiftOperator", provider: "amazon"),
        E("airflow.operators.s3_to_redshift_operator.S3ToRedshiftTransfer", .air302, use: "airflow.providers.amazon.aws.transfers.s3_to_redshift", "S3ToRedshiftOperator", provider: "amazon"),
        E("airflow.operators.slack_operator", .air302, use: "airflow.providers.slack.operators.slack", nil, provider: "slack"),
        E("airflow.operators.sql", .air302, use: "airflow.providers.common.sql.operators.sql", nil, provider: "common-sql"),
        E("airflow.operators.sqlite_operator", .air302, use: nil, nil, provider: "common-sql"),
        E("airflow.operators.sqlite_operator.SqliteOperator", .air302, use: "airflow.providers.common.sql.operators.sql", "SQLExecuteQueryOperator", provider: "common-sql"),
        E("airflow.operators.subdag", .air301),
        E("airflow.operators.trigger_dagrun.TriggerDagRunLink", .air302, use: "airflow.providers.standard.operators.trigger_dagrun", "TriggerDagRunLink", provider: "standard"),
        E("airflow.secrets.local_filesystem.load_connections", .air301, use: "airflow.secrets.local_filesystem", "load_connections_dict", provider: nil),
        E("airflow.security.permissions.RESOURCE_DATASET", .air301, use: "airflow.security.permissions", "RESOURCE_ASSET", provider: nil),
        E("airflow.sensors.base_sensor_operator", .air301, use: "airflow.sdk.bases.sensor", nil, provider: nil),
        E("airflow.sensors.external_task.ExternalTaskSensorLink", .air302, use: "airflow.providers.standard.sensors.external_task", "ExternalDagLink", provider: "standard"),
        E("airflow.sensors.external_task_sensor", .air302, use: nil, nil, provider: "standard"),
        E("airflow.sensors.external_task_sensor.ExternalTaskMarker", .air302, use: "airflow.providers.standard.sensors.external_task", "ExternalTaskMarker", provider: "standard"),
        E("airflow.sensors.external_task_sensor.ExternalTaskSensor", .air302, use: "airflow.providers.standard.sensors.external_task", "ExternalTaskSensor", provider: "standard"),
        E("airflow.sensors.external_task_sensor.ExternalTaskSensorLink", .air302, use: "airflow.providers.standard.sensors.external_task", "ExternalDagLink", provider: "standard"),
        E("airflow.sensors.hive_partition_sensor", .air302, use: "airflow.providers.apache.hive.sensors.hive_partition", nil, provider: "apache-hive"),
        E("airflow.sensors.http_sensor", .air302, use: "airflow.providers.http.sensors.http", nil, provider: "http"),
        E("airflow.sensors.metastore_partition_sensor", .air302, use: "airflow.providers.apache.hive.sensors.metastore_partition", nil, provider: "apache-hive"),
        E("airflow.sensors.named_hive_partition_sensor", .air302, use: "airflow.providers.apache.hive.sensors.named_hive_partition", nil, provider: "apache-hive"),
        E("airflow.sensors.s3_key_sensor", .air302, use: "airflow.providers.amazon.aws.sensors.s3", nil, provider: "amazon"),
        E("airflow.sensors.sql", .air302, use: "airflow.providers.common.sql.sensors.sql", nil, provider: "common-sql"),
        E("airflow.sensors.sql_sensor", .air302, use: "airflow.providers.common.sql.sensors.sql", nil, provider: "common-sql"),
        E("airflow.sensors.time_delta.WaitSensor", .air302, use: "airflow.providers.standard.sensors.time_delta", "WaitSensor", provider: "standard"),
        E("airflow.sensors.web_hdfs_sensor", .air302, use: "airflow.providers.apache.hdfs.sensors.web_hdfs", nil, provider: "apache-hdfs"),
        E("airflow.timetables.datasets", .air311),
        E("airflow.timetables.datasets.DatasetOrTimeSchedule", .air311, use: "airflow.timetables.assets", "AssetOrTimeSchedule", provider: nil),
        E("airflow.timetables.simple.DatasetTriggeredTimetable", .air301, use: "airflow.timetables.simple", "AssetTriggeredTimetable", provider: nil),
        E("airflow.triggers.external_task.TaskStateTrigger", .air301),
        E("airflow.utils.dag_cycle_tester.test_cycle", .air301),
        E("airflow.utils.dag_parsing_context", .air311, use: "airflow.sdk", nil, provider: nil),
        E("airflow.utils.dates.date_range", .air301),
        E("airflow.utils.dates.days_ago", .air301, advice: "use `pendulum.today(\"UTC\").add(days=-N)`"),
        E("airflow.utils.dates.infer_time_unit", .air301),
        E("airflow.utils.dates.parse_execution_date", .air301),
        E("airflow.utils.dates.round_time", .air301),
        E("airflow.utils.dates.scale_time_units", .air301),
        E("airflow.utils.db.create_session", .air301),
        E("airflow.utils.decorators.apply_defaults", .air301, advice: "drop it: operators apply default_args themselves"),
        E("airflow.utils.file.TemporaryDirectory", .air301, use: "tempfile", "TemporaryDirectory", provider: nil),
        E("airflow.utils.file.mkdirs", .air301),
        E("airflow.utils.helpers.chain", .air301, use: "airflow.sdk", "chain", provider: nil),
        E("airflow.utils.helpers.cross_downstream", .air301, use: "airflow.sdk", "cross_downstream", provider: nil),
        E("airflow.utils.log.secrets_masker", .air301, use: "airflow.sdk.execution_time", "secrets_masker", provider: nil),
        E("airflow.utils.state.SHUTDOWN", .air301),
        E("airflow.utils.state.terminating_states", .air301),
        E("airflow.www", .air301, use: nil, nil, provider: "fab"),
        E("airflow.www.auth.has_access", .air301),
        E("airflow.www.auth.has_access_dataset", .air301),
        E("airflow.www.security.FabAirflowSecurityManagerOverride", .air302, use: "airflow.providers.fab.auth_manager.security_manager.override", "FabAirflowSecurityManagerOverride", provider: "fab"),
        E("airflow.www.utils.get_sensitive_variables_fields", .air301),
        E("airflow.www.utils.should_hide_value_for_key", .air301),
    ]
}
