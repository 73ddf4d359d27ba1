import Assessment
import Crypto
import Dispatch
import Drafts
import FormKit
import Foundation
import Imaging
import Platform
import Recognition

/// How far a run has come, for a status line on a terminal.
public struct IngestProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    public var pagesDone: Int
    public var fieldsToReview: Int
    public var elapsed: TimeInterval

    /// Pages per minute so far, once there is something to go by.
    public var pagesPerMinute: Double? { elapsed > 1 && pagesDone > 0 ? Double(pagesDone) / elapsed * 60 : nil }

    /// Seconds left, from the time per file so far (nil before the first file is done).
    public var secondsLeft: Double? {
        guard filesDone > 0, filesDone < filesTotal else { return nil }
        return elapsed / Double(filesDone) * Double(filesTotal - filesDone)
    }
}

/// What an ingest run did, for the summary and the exit status.
public struct IngestReport: Sendable {
    public var filesSeen = 0
    /// Files this run had nothing left to read from (every page already stored, by an earlier or a parallel run).
    public var filesAlreadyIngested = 0
    public var pagesStored = 0
    /// Pages another ingest running at the same time stored first.
    public var pagesStoredElsewhere = 0
    public var identified = 0
    public var unidentified = 0
    public var duplicates = 0
    /// Identified pages with nothing written on them (blank sheets, instruction pages): no records.
    public var blankPages = 0
    public var records = 0
    public var fieldsToReview = 0
    /// Identified pages scanned below `IngestRunner.recommendedDPI`.
    public var lowResolutionPages = 0
    /// Pages printed smaller than `IngestRunner.minimumPrintScale` (e.g. "Anpassa till sida").
    public var smallPrintPages = 0
    /// Entries of the given paths and files that were not read (refused, unreadable, a copy), each reported.
    public var notRead = 0
    /// Swedish messages about entries, files and pages that could not be read.
    public var problems: [String] = []
    /// Seconds spent reading each page (identification, alignment, recognition, storing).
    public var pageSeconds: [Double] = []
    /// For each identified page, how well it fits its code's layout and the best other layout (`LayoutFit`).
    public var layoutFits: [(claimed: Double, bestOther: Double)] = []

    public var somethingFailed: Bool { !problems.isEmpty }
}

/// Feeds scan files through identification, alignment and recognition into
/// the workspace's store. Pages are read in parallel; each page is stored in
/// one transaction, so an interrupted run can simply be run again, and a
/// page already stored is not even decoded again.
public final class IngestRunner: @unchecked Sendable {
    let catalog: FormCatalog
    let store: DraftStore
    let reader: PageReader
    let digits: DigitRecognizer
    let context: DecodingContext
    let loader = ScanLoader()
    let workers: Int
    let log: @Sendable (String) -> Void

    /// Called after each page and each file (from worker threads): for a status line.
    public var progress: (@Sendable (IngestProgress) -> Void)?
    private var started = Date()
    private var filesDone = 0, filesTotal = 0

    private let lock = NSLock()
    private var report = IngestReport()
    private var readerPool: [FieldReaders] = []
    /// Files of this run by content, to say when the same scan is given twice.
    private var contents: [String: String] = [:]

    /// Dates on paper are decoded in `context` (from the workspace's outage record).
    public init(
        catalog: FormCatalog, store: DraftStore, context: DecodingContext,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        log: @escaping @Sendable (String) -> Void
    ) throws {
        self.catalog = catalog
        self.store = store
        self.workers = max(1, workers)
        self.log = log
        var layouts: [String: SheetLayout] = [:]
        for form in catalog.forms { layouts[form.id] = try LayoutEngine.layout(form) }
        reader = try PageReader(catalog: catalog, layouts: layouts)
        digits = try DigitRecognizer()
        self.context = context
    }

    public func run(paths: [FilePath]) -> IngestReport {
        let inputs = ScanInputs(paths: paths, excluding: FilePath(store.workspace.root.path))
        for entry in inputs.refused {
            lock.withLock { report.notRead += 1 }
            problem("\(entry.name): \(entry.reason)")
        }
        if inputs.skippedWorkspace { log("avbrott: obs: arbetsytan själv läses inte in.") }
        // Files are decoded one page at a time on this thread; pages are read
        // on `workers` threads. At most `workers` pages wait in memory.
        let queue = DispatchQueue(label: "avbrott.ingest.pages", attributes: .concurrent)
        let group = DispatchGroup()
        let slots = DispatchSemaphore(value: workers)
        lock.withLock {
            started = Date()
            filesTotal = inputs.files.count
        }
        for file in inputs.files {
            ingest(file) { work in
                slots.wait()
                queue.async(group: group) {
                    defer { slots.signal() }
                    work()
                }
            }
            lock.withLock { filesDone += 1 }
            reportProgress()
        }
        group.wait()
        do {
            try CrossSheetCheck(catalog: catalog, store: store).apply()
        } catch {
            problem("Kontrollen av löpande totaler mellan blad misslyckades: \(error)")
        }
        return lock.withLock { report }
    }

    private func reportProgress() {
        guard let progress else { return }
        let now = lock.withLock {
            IngestProgress(
                filesDone: filesDone, filesTotal: filesTotal, pagesDone: report.pagesStored,
                fieldsToReview: report.fieldsToReview, elapsed: Date().timeIntervalSince(started))
        }
        progress(now)
    }

    private func problem(_ message: String) {
        lock.withLock { report.problems.append(message) }
        log("avbrott: fel: \(message)")
    }

    private func readers() -> FieldReaders {
        lock.withLock { readerPool.popLast() } ?? FieldReaders(digits: digits, context: context)
    }

    private func giveBack(_ r: FieldReaders) { lock.withLock { readerPool.append(r) } }

    /// Reads one file page by page, handing each page's work to `schedule`.
    private func ingest(_ input: ScanInput, schedule: (@escaping @Sendable () -> Void) -> Void) {
        let name = input.fileName
        lock.withLock { report.filesSeen += 1 }
        do {
            let bytes: [UInt8]
            do { bytes = try FileReader.read(input.path, maxBytes: loader.limits.maxFileBytes) } catch {
                lock.withLock { report.notRead += 1 }
                problem("\(input.name): \(error.reason)")
                return
            }
            let sha = SHA256.hash(data: bytes).hex
            if let first = lock.withLock({ contents[sha] }) {
                lock.withLock { report.notRead += 1 }
                problem("\(input.name): samma innehåll som \(first), som redan är med i körningen")
                return
            }
            lock.withLock { contents[sha] = input.name }
            let existing = try store.file(sha256: sha)
            if let existing, let error = existing.error {
                // The same bytes fail the same way: the earlier reason is given again, not re-derived.
                lock.withLock { report.notRead += 1 }
                let earlier = existing.name == name ? "" : "samma innehåll som \(existing.name), som "
                problem("\(input.name): \(earlier)kunde inte läsas tidigare (\(error)); hoppar över")
                return
            }
            let done = try existing?.id.map { try store.storedPages(fileID: $0) } ?? []
            if let fileID = existing?.id, !done.isEmpty {
                // Said again on every run, so a rerun after a crash does not hide what the crashed run found.
                for page in try store.unresolvedPages(fileID: fileID) {
                    log("\(input.name) sida \(page.number): inläst tidigare men inte identifierad: \(page.reason)")
                }
            }
            if let existing, let count = existing.pageCount, done.count >= count {
                lock.withLock { report.filesAlreadyIngested += 1 }
                log("\(input.name): redan inläst (\(Swedish.count(count, "sida", "sidor")))")
                return
            }
            var file = existing
            var pageCount = 0
            var read = 0
            do {
                let scan = try loader.forEachPage(of: bytes, name: name, skipping: done) { result in
                    if file == nil {
                        let stored = try store.workspace.storeOriginal(bytes, name: name, sha256: sha)
                        file = try store.addFile(
                            ScanFile(sha256: sha, name: name, stored: stored, error: nil, importedAt: Date()))
                    }
                    guard let file, let fileID = file.id else { return }
                    read += 1
                    switch result {
                    case .failure(let error):
                        let number = Self.pageNumber(of: error) ?? pageCount + 1
                        pageCount = max(pageCount, number)
                        try store.save(
                            PageDraft(
                                page: ScannedPage(
                                    fileID: fileID, pageNumber: number, status: .failed,
                                    reason: "\(error)")))
                        problem("\(error)")
                    case .success(let page):
                        pageCount = max(pageCount, page.pageNumber)
                        schedule { [self] in
                            let start = DispatchTime.now().uptimeNanoseconds
                            let r = readers()
                            do {
                                let outcome = try reader.read(page.image, dpi: page.dpi, readers: r)
                                giveBack(r)
                                try save(outcome, file: file, pageNumber: page.pageNumber)
                            } catch {
                                giveBack(r)
                                problem("\(name) sida \(page.pageNumber): \(error)")
                            }
                            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                            lock.withLock { report.pageSeconds.append(seconds) }
                        }
                    }
                }
                pageCount = max(pageCount, scan.pageCount)
            } catch {
                if file == nil {
                    _ = try store.addFile(
                        ScanFile(
                            sha256: sha, name: name, stored: nil, error: "\(error)",
                            importedAt: Date()))
                }
                lock.withLock { report.notRead += 1 }
                problem("\(error)")
                return
            }
            if read == 0 { lock.withLock { report.filesAlreadyIngested += 1 } }
            if let fileID = file?.id ?? existing?.id { try store.setPageCount(fileID: fileID, pageCount) }
        } catch {
            problem("\(input.name): \(error)")
        }
    }

    /// Handwritten digits are read better at this resolution (model 2.0 on held-out digits:
    /// 98.6 % per digit at 300 dpi, 97.8 % at 200 dpi); pages well below it get a hint.
    public static let recommendedDPI = 300.0

    /// A page printed below this scale (measured from its registration marks)
    /// has smaller boxes than the digit reader was made for: warned of.
    public static let minimumPrintScale = 0.98

    /// 0.952 as "95,2 %".
    static func percent(_ scale: Double) -> String {
        String(format: "%.1f", scale * 100).replacingOccurrences(of: ".", with: ",") + " %"
    }

    /// One line per stored page: the sheet, what was filled in and what needs a person.
    static func pageSummary(
        sheet: String, isList: Bool, filledRows: Int, fieldsToReview: Int, dpi: Double?, smallScale: Double? = nil
    ) -> String {
        var line = sheet + (isList ? ", \(Swedish.count(filledRows, "ifylld rad", "ifyllda rader"))" : ", mall")
        line += ", \(fieldsToReview) fält att granska"
        if let dpi {
            line += " (skannad i bara \(Int(dpi.rounded())) dpi)"
        }
        if let smallScale {
            line += " (utskriven i \(percent(smallScale)) storlek)"
        }
        return line
    }

    static func pageNumber(of error: ImagingError) -> Int? {
        switch error {
        case .damaged(_, let page, _), .tooLarge(_, let page, _, _, _, _): return page
        default: return nil
        }
    }

    /// Stores the page; a sheet already stored with the same handwriting is a duplicate scan.
    private func save(_ outcome: PageOutcome, file: ScanFile, pageNumber: Int) throws {
        defer { reportProgress() }
        try lock.withLock {
            var page = ScannedPage(
                fileID: file.id ?? 0, pageNumber: pageNumber, status: outcome.status,
                reason: outcome.reason)
            page.form = outcome.sheet?.form
            page.formVersion = outcome.sheet?.version
            page.sheet = outcome.sheet?.payload
            page.dpi = outcome.dpi
            page.rotation = outcome.rotation
            page.scale = outcome.scale
            page.residualMM = outcome.residualMM
            page.inkSignature = outcome.inkSignature.map { Data($0) }
            page.preview = outcome.preview.map { Data($0) }
            page.blank = outcome.blank
            var draft = PageDraft(page: page, records: outcome.records)
            if outcome.status == .identified, !outcome.blank, let sheet = outcome.sheet,
                let signature = outcome.inkSignature
            {
                let same = try store.pages(withSheet: sheet.payload).first {
                    $0.signature.map { InkSignature.sameHandwriting($0, signature) } ?? false
                }
                if let same {
                    draft.page.status = .duplicate
                    draft.page.duplicateOf = same.id
                    draft.page.reason = "Samma blad (\(sheet)) med samma handskrift är redan inläst: dubblettskanning."
                    draft.records = []
                }
            }
            guard try store.save(draft) else {
                // Another ingest running at the same time stored this page first.
                report.pagesStoredElsewhere += 1
                return
            }
            report.pagesStored += 1
            switch draft.page.status {
            case .identified where draft.page.blank:
                report.identified += 1
                report.blankPages += 1
                log(
                    "\(file.name) sida \(pageNumber): \(outcome.sheet.map(\.description) ?? ""), \(outcome.reason ?? "")"
                )
            case .identified:
                report.identified += 1
                if let fit = outcome.fit { report.layoutFits.append(fit) }
                // A list's records are its filled rows; a template's is the sheet itself.
                let isList = outcome.sheet.flatMap { catalog.form($0.form) }?.kind == .list
                let toReview = draft.records.flatMap(\.fields).filter(\.review).count
                report.records += draft.records.filter { $0.row != nil || !isList }.count
                report.fieldsToReview += toReview
                let lowResolution = outcome.dpi.map { $0 < Self.recommendedDPI - 25 } ?? false
                if lowResolution { report.lowResolutionPages += 1 }
                let small = outcome.scale.flatMap { $0 < Self.minimumPrintScale ? $0 : nil }
                if small != nil { report.smallPrintPages += 1 }
                log(
                    "\(file.name) sida \(pageNumber): "
                        + Self.pageSummary(
                            sheet: outcome.sheet.map(\.description) ?? "", isList: isList,
                            filledRows: draft.records.filter { $0.row != nil }.count, fieldsToReview: toReview,
                            dpi: lowResolution ? outcome.dpi : nil, smallScale: small))
            case .duplicate:
                report.duplicates += 1
                log("\(file.name) sida \(pageNumber): \(draft.page.reason ?? "")")
            case .unidentified, .failed:
                report.unidentified += 1
                report.problems.append("\(file.name) sida \(pageNumber): \(draft.page.reason ?? "")")
                log("avbrott: fel: \(file.name) sida \(pageNumber): \(draft.page.reason ?? "")")
            }
        }
    }
}
