import ArgumentParser
import Drafts

/// The `--workspace` option of the commands that use the drafts.
struct WorkspaceOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("Arbetsytans mapp (standard: ./\(Workspace.defaultPath)).", valueName: "mapp"))
    var workspace: String = Workspace.defaultPath

    func open(create: Bool) throws -> DraftStore {
        try DraftStore(workspace: try Workspace(path: workspace, create: create))
    }
}
