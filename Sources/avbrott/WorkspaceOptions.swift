import ArgumentParser
import Drafts
import Platform

/// The `--workspace` option of the commands that use the drafts.
struct WorkspaceOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("Arbetsytans mapp.", valueName: "mapp"))
    var workspace: String = Workspace.defaultPath

    /// How a command uses the workspace.
    enum Use {
        /// Reads only (status, export, report, audit).
        case reading
        /// Writes, beside other writers (`activity` says what, for purge's refusal).
        case writing(String)
        /// Deletes: nothing else may run (purge).
        case alone
    }

    /// Opens the workspace's store; a writer holds the workspace's lock for
    /// as long as the store lives.
    func open(create: Bool, _ use: Use = .reading) throws -> DraftStore {
        let folder = try Workspace(path: workspace, create: create)
        let lock: WorkspaceLock?
        switch use {
        case .reading: lock = nil
        case .writing(let activity):
            lock = try WorkspaceLock(folder: FilePath(folder.root.path), mode: .shared, activity: activity)
        case .alone:
            lock = try WorkspaceLock(folder: FilePath(folder.root.path), mode: .exclusive, activity: "rensning")
        }
        return try DraftStore(workspace: folder, lock: lock)
    }
}
