import ArgumentParser
import Drafts
import FormKit
import Foundation
import Platform
import Reports

extension Avbrott {
    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purge",
            abstract: "Radera arbetsytan (skanningar, bildutsnitt, databas) och skriv en kvittens.",
            discussion: """
                Rensar bara när varje post är registrerad, varje USB-minne återlämnat och varje sida \
                har kunnat läsas; annars listas vad som saknas. Sidor och filer som inte kunde läsas \
                (t.ex. ett främmande papper) kan kontrolleras mot papperen och godkännas med \
                --checked-unread TEXT. Med --force --reason rensas ändå, och orsaken står på \
                kvittensen. Kvittensen (PDF) skrivs utanför arbetsytan, innehåller inga klientuppgifter \
                och nämner filer som verktyget skrivit utanför arbetsytan (exporter, arbetslistor).
                """)

        @OptionGroup var formsOptions: FormsOptions
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Flag(help: "Rensa även om allt inte är registrerat (kräver --reason).") var force = false
        @Option(help: ArgumentHelp("Varför rensningen tvingas.", valueName: "text")) var reason: String?
        @Option(
            name: .customLong("checked-unread"),
            help: ArgumentHelp(
                "De olästa sidorna och filerna är kontrollerade mot papperen: vad som gjordes.", valueName: "text"))
        var checkedUnread: String?
        @Option(help: ArgumentHelp("Ditt namn på kvittensen (standard: inloggningsnamnet).", valueName: "namn"))
        var clerk: String?
        @Option(help: ArgumentHelp("Kvittensens PDF (standard: ./kvittens-rensning-ÅÅÅÅ-MM-DD.pdf).", valueName: "fil"))
        var receipt: String?

        func validate() throws {
            let given = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if force && given.isEmpty { throw ValidationError("--force kräver --reason med orsaken till rensningen.") }
            if !force && reason != nil { throw ValidationError("--reason används bara tillsammans med --force.") }
            if let checkedUnread, checkedUnread.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw ValidationError("--checked-unread kräver en text om hur sidorna kontrollerades.")
            }
        }

        func run() throws {
            try reportingErrors {
                let catalog = try formsOptions.catalog()
                let store = try workspaceOptions.open(create: false, .alone)
                let blockers = try PurgeBlockers(
                    store: store, forms: catalog.forms, unit: try UnitFiles.workspaceUnit(store, forms: catalog).type)
                if !blockers.isEmpty(uncheckedUnread: checkedUnread == nil) && !force {
                    Diagnostics.error(
                        "arbetsytan rensas inte: allt är inte klart.\n"
                            + Self.describe(blockers, unreadChecked: checkedUnread != nil)
                            + "Registrera det som saknas (avbrott register), eller rensa ändå med --force --reason TEXT."
                    )
                    throw ExitCode.failure
                }
                let outside = try store.filesWrittenOutside()
                let now = Date()
                let receiptPath = try Self.receiptPath(receipt, workspace: store.workspace, day: CivilDate.today(now))
                let manifest = try store.closeForPurge(forms: catalog.forms)
                let details = PurgeReceipt.Details(
                    clerk: StatusClerk.name(clerk), at: Swedish.localTime(now),
                    forcedReason: force ? reason : nil, registered: blockers.counts.registered,
                    unregistered: blockers.counts.toRegister, notRegistered: blockers.counts.notRegistered,
                    sticksOut: blockers.sticksOut.count,
                    unread: blockers.unreadPages.count + blockers.unreadableFiles.count, unreadChecked: checkedUnread,
                    filesOutside: outside)
                try AtomicFile.write(
                    try ReportPDF.render(PurgeReceipt.document(manifest, details)).data(),
                    to: FilePath(receiptPath))
                let leftovers: [String]
                do {
                    leftovers = try PurgeWorkspace.delete(store.workspace)
                } catch {
                    try? FileManager.default.removeItem(atPath: receiptPath)
                    throw error
                }
                Diagnostics.output(
                    "Arbetsytan är rensad: \(Swedish.count(manifest.files.count, "fil", "filer")) raderade "
                        + "(\(Swedish.count(manifest.scanFiles, "inläst fil", "inlästa filer")), "
                        + "\(Swedish.count(manifest.pages, "sida", "sidor")), "
                        + "\(Swedish.count(manifest.records, "post", "poster"))).")
                Diagnostics.output("Kontrollsumma (SHA-256): \(manifest.digest)")
                Diagnostics.output("Kvittens: \(receiptPath). Skriv ut den och skriv under.")
                if !outside.isEmpty {
                    Diagnostics.note(
                        "Radera själv filerna med klientuppgifter som skrevs utanför arbetsytan: "
                            + outside.map(\.path).joined(separator: ", "))
                }
                if !leftovers.isEmpty {
                    Diagnostics.note(
                        "Obs: mappen \(store.workspace.root.path) innehåller filer som inte är verktygets "
                            + "och har lämnats kvar: \(leftovers.joined(separator: ", "))")
                }
            }
        }

        static func describe(_ b: PurgeBlockers, unreadChecked: Bool) -> String {
            var text = ""
            if !b.sticksOut.isEmpty {
                text += "USB-minnen som inte är återlämnade, införda och rensade (\(b.sticksOut.count)):\n"
                for s in b.sticksOut {
                    text +=
                        "  nr \(s.item.isEmpty ? "?" : s.item) hos \(s.holder.isEmpty ? "?" : s.holder)"
                        + (s.issued.map { " sedan \($0)" } ?? "") + " – saknar \(s.missing ?? "")\n"
                }
            }
            if !b.unregistered.isEmpty {
                text += "Ej registrerade poster (\(b.unregistered.count)):\n"
                for d in b.unregistered.prefix(50) {
                    let status = d.record.status == .draft ? "utkast, inte granskad" : "granskad, inte registrerad"
                    text +=
                        "  post \(d.record.id): \(d.record.form), \(d.record.source) sida \(d.record.pageNumber)"
                        + (d.record.row.map { " rad \($0)" } ?? "")
                        + " – \(status) (\(d.system), senast \(d.dueText))\n"
                }
                if b.unregistered.count > 50 {
                    text += "  … och \(b.unregistered.count - 50) till (se avbrott status)\n"
                }
            }
            if unreadChecked { return text }
            if !b.unreadPages.isEmpty {
                text += "Sidor som inte kunde läsas (\(b.unreadPages.count)) – kontrollera dem mot papperen:\n"
                for p in b.unreadPages { text += "  \(p.source) sida \(p.pageNumber): \(p.reason ?? "okänd orsak")\n" }
            }
            if !b.unreadableFiles.isEmpty {
                text += "Filer som inte kunde läsas (\(b.unreadableFiles.count)):\n"
                for f in b.unreadableFiles { text += "  \(f.name): \(f.error ?? "")\n" }
            }
            if !b.unreadPages.isEmpty || !b.unreadableFiles.isEmpty {
                text +=
                    "Har du kontrollerat dem mot papperen (t.ex. ett främmande papper): "
                    + "avbrott purge --checked-unread \"vad du gjorde\".\n"
            }
            return text
        }

        /// The receipt's path: given or a dated default that does not overwrite
        /// an earlier receipt; never inside the workspace.
        static func receiptPath(_ given: String?, workspace: Workspace, day: CivilDate) throws -> String {
            var path = given ?? "kvittens-rensning-\(day).pdf"
            if given == nil {
                var n = 2
                while FileManager.default.fileExists(atPath: path) {
                    path = "kvittens-rensning-\(day)-\(n).pdf"
                    n += 1
                }
            }
            let absolute = URL(fileURLWithPath: path).standardizedFileURL
            let folder = absolute.deletingLastPathComponent().resolvingSymlinksInPath().path + "/"
            let root = workspace.root.resolvingSymlinksInPath().path + "/"
            if folder.hasPrefix(root) {
                throw ValidationError(
                    "Kvittensen kan inte sparas i arbetsytan som rensas; välj en annan plats med --receipt.")
            }
            return absolute.path
        }
    }
}
