import Foundation
import PythonSyntax

/// A task in a DAG, by its full task_id (group prefixes included).
struct TaskNode: Equatable {
    var taskID: String
    /// Operator class or TaskFlow decorator (`@task.bash`).
    var kind: String
    var line: Int
}

/// A TaskGroup: its full group_id and its member tasks (nested ones included).
final class TaskGroupNode {
    let groupID: String
    let prefixGroupID: Bool
    let parent: TaskGroupNode?
    var members: [String] = []

    /// `label` is the group_id as written; nested groups are named through their parent.
    init(label: String, prefixGroupID: Bool, parent: TaskGroupNode?) {
        groupID = parent?.childID(label) ?? label
        self.prefixGroupID = prefixGroupID
        self.parent = parent
    }

    /// Airflow's `TaskGroup.child_id`: `group.label`, or the bare label when
    /// the group does not prefix (even inside a prefixing parent).
    func childID(_ label: String) -> String {
        prefixGroupID && !groupID.isEmpty ? "\(groupID).\(label)" : label
    }
}

/// Tasks that library code builds at import (cosmos, from a dbt project), which
/// cannot be listed statically: a whole DAG's (`group` nil) or one task group's.
struct UnlistedTasks {
    /// The library class whose code builds them (`cosmos.DbtTaskGroup`).
    let builder: String
    let group: TaskGroupNode?
    let line: Int
}

/// The tasks and dependencies of one DAG, built statement by statement.
final class TaskGraph {
    private(set) var tasks: [TaskNode] = []
    /// Where tasks come from that cannot be listed; empty when every task is known.
    private(set) var unlisted: [UnlistedTasks] = []
    /// Nodes standing for an unlisted group's tasks (by group_id): an edge to one
    /// reaches the group's roots, an edge from one leaves its leaves.
    private var placeholders: Set<String> = []
    private(set) var edges: Set<Edge> = []
    private(set) var groupIDs: Set<String> = []
    /// Tasks marked as setup or teardown (`@setup`, `.as_teardown()`, ...).
    var roles: [String: Role] = [:]

    enum Role { case setup, teardown }

    func upstream(of task: String) -> [String] { edges.filter { $0.downstream == task }.map(\.upstream).sorted() }
    func downstream(of task: String) -> [String] { edges.filter { $0.upstream == task }.map(\.downstream).sorted() }

    /// Airflow's setup/teardown context manager: the work tasks created inside
    /// `with teardown:` (or `with setup:`) get the setup before their roots and
    /// the teardown after their leaves.
    func closeSetupTeardownContext(entered: [String], createdFrom start: Int) {
        let work = tasks[start...].map(\.taskID).filter { roles[$0] == nil }
        guard !work.isEmpty else { return }
        let roots = work.filter { upstream(of: $0).isEmpty }
        let leaves = work.filter { downstream(of: $0).isEmpty }
        for task in entered {
            switch roles[task] {
            case .teardown?:
                for leaf in (leaves.isEmpty ? [work.last!] : leaves) { connect(leaf, task) }
                for setup in upstream(of: task) where roles[setup] == .setup {
                    for root in (roots.isEmpty ? [work.first!] : roots) { connect(setup, root) }
                }
            case .setup?:
                for root in (roots.isEmpty ? [work.first!] : roots) { connect(task, root) }
                for teardown in downstream(of: task) where roles[teardown] == .teardown {
                    for leaf in (leaves.isEmpty ? [work.last!] : leaves) { connect(leaf, teardown) }
                }
            case nil:
                break
            }
        }
    }

    struct Edge: Hashable, Comparable {
        let upstream: String
        let downstream: String
        static func < (a: Edge, b: Edge) -> Bool { (a.upstream, a.downstream) < (b.upstream, b.downstream) }
    }

    var taskIDs: Set<String> { Set(tasks.map(\.taskID)) }

    func addTask(_ id: String, kind: String, line: Int, group: TaskGroupNode?) -> String {
        tasks.append(TaskNode(taskID: id, kind: kind, line: line))
        var current = group
        while let owner = current {
            owner.members.append(id)
            current = owner.parent
        }
        return id
    }

    /// Airflow's `get_unique_task_id` for TaskFlow calls: the id itself while
    /// free, else `core__N` with N one past the highest suffix in the DAG.
    /// Returns the label; the caller applies the group prefix.
    func uniqueTaskFlowLabel(_ label: String, group: TaskGroupNode?) -> String {
        let full = group?.childID(label) ?? label
        guard taskIDs.contains(full) else { return label }
        let core = Self.strippingSuffix(label)
        let suffixes = tasks.compactMap { task -> Int? in
            guard task.taskID.hasPrefix(core + "__") else { return nil }
            return Int(task.taskID.dropFirst(core.count + 2))
        }
        return "\(core)__\((suffixes.max() ?? 0) + 1)"
    }

    private static func strippingSuffix(_ label: String) -> String {
        guard let range = label.range(of: "__", options: .backwards),
            !label[range.upperBound...].isEmpty, label[range.upperBound...].allSatisfy(\.isNumber)
        else { return label }
        return String(label[..<range.lowerBound])
    }

    /// Airflow's collision rule for `@task_group` calls: `g`, then `g__1`, `g__2`, ...
    func uniqueGroupLabel(_ label: String, parent: TaskGroupNode?) -> String {
        let full = parent?.childID(label) ?? label
        guard groupIDs.contains(full) else { return label }
        let core = Self.strippingSuffix(label)
        let fullCore = parent?.childID(core) ?? core
        let suffixes = groupIDs.compactMap { id -> Int? in
            guard id.hasPrefix(fullCore + "__") else { return nil }
            return Int(id.dropFirst(fullCore.count + 2))
        }
        return "\(core)__\((suffixes.max() ?? 0) + 1)"
    }

    func addGroup(_ group: TaskGroupNode) { groupIDs.insert(group.groupID) }

    var tasksKnown: Bool { unlisted.isEmpty }

    func addUnlistedTasks(_ source: UnlistedTasks) {
        unlisted.append(source)
        guard let group = source.group else { return }
        placeholders.insert(addTask(group.groupID, kind: source.builder, line: source.line, group: group))
    }

    func connect(_ upstream: String, _ downstream: String) {
        guard upstream != downstream else { return }
        edges.insert(Edge(upstream: upstream, downstream: downstream))
    }

    /// A group's roots: members with no upstream inside the group (as Airflow computes them now).
    func roots(of group: TaskGroupNode) -> [String] {
        let members = Set(group.members)
        return group.members.filter { task in !edges.contains { $0.downstream == task && members.contains($0.upstream) } }
    }

    /// A group's leaves: members with no downstream inside the group.
    func leaves(of group: TaskGroupNode) -> [String] {
        let members = Set(group.members)
        return group.members.filter { task in !edges.contains { $0.upstream == task && members.contains($0.downstream) } }
    }

    /// Listed tasks and the edges between them; then, for each source of unlisted
    /// tasks, what feeds its group's roots and what its leaves feed (task_ids, or
    /// the group_ids of other unlisted groups).
    var json: (tasks: JSONValue, edges: JSONValue, unlisted: JSONValue) {
        let taskList = tasks.filter { !placeholders.contains($0.taskID) }.sorted { ($0.taskID, $0.line) < ($1.taskID, $1.line) }
            .map { task -> JSONValue in ["task_id": .string(task.taskID), "operator": .string(task.kind), "line": .int(task.line)] }
        let edgeList = edges.filter { !placeholders.contains($0.upstream) && !placeholders.contains($0.downstream) }.sorted()
            .map { edge -> JSONValue in ["upstream": .string(edge.upstream), "downstream": .string(edge.downstream)] }
        let unlistedList = unlisted.sorted { $0.line < $1.line }.map { source -> JSONValue in
            let id = source.group?.groupID
            let prefix = source.group.flatMap { $0.prefixGroupID ? $0.groupID + "." : nil }
            return ["builder": .string(source.builder), "group_id": id.map(JSONValue.string) ?? .null,
                "prefix": prefix.map(JSONValue.string) ?? .null, "line": .int(source.line),
                "upstream": .array((id.map(upstream(of:)) ?? []).map(JSONValue.string)),
                "downstream": .array((id.map(downstream(of:)) ?? []).map(JSONValue.string))]
        }
        return (.array(taskList), .array(edgeList), .array(unlistedList))
    }
}
