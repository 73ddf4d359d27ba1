import Assessment
import Drafts
import FormKit
import Foundation

extension ReviewSession {
    /// What a key does, in the current mode.
    public func handle(_ key: Key) {
        message = nil
        switch mode {
        case .pageView, .zoom:
            mode = .field
        case .confirmPage:
            mode = .field
            if key == .char("j") || key == .char("J") || key == .enter {
                acceptPage()
            } else {
                message = StatusMessage(text: "Inget godkändes.", tone: .info)
            }
        case .comment:
            commentKey(key)
        case .field, .secondEntry:
            fieldKey(key)
        }
    }

    private func fieldKey(_ key: Key) {
        switch key {
        case .enter: submit()
        case .submit(let line):
            input = line
            submit()
        case .tab, .down: move(by: 1)
        case .backTab, .up: move(by: -1)
        case .pageDown: moveRecord(by: 1)
        case .pageUp: moveRecord(by: -1)
        case .backspace: if !input.isEmpty { input.removeLast() }
        case .escape:
            if case .secondEntry = mode {
                message = StatusMessage(text: "Dubbelinmatningen avbröts. Skriv värdet på nytt.", tone: .info)
            }
            mode = .field
            input = ""
        case .function(2): startComment()
        case .function(3): showPage()
        case .function(4), .control("o"): toggleOrder()
        case .function(5): confirmPage()
        case .function(6): zoom()
        case .function(7): markUnreadable()
        case .function(8): showsFieldList.toggle()
        case .function(10), .control("c"), .control("d"): quit()
        case .function, .control: break
        case .char(let c):
            if input.isEmpty && mode == .field {
                switch c {
                case "q":
                    quit()
                    return
                case "!":
                    startComment()
                    return
                case "?":
                    showPage()
                    return
                case "+":
                    confirmPage()
                    return
                case "#":
                    markUnreadable()
                    return
                case "*":
                    zoom()
                    return
                default: break
                }
            }
            input.append(c)
        }
    }

    /// Whether the current field's value is hidden (double entry not done yet).
    public var valueHidden: Bool {
        guard let field = currentField else { return false }
        return FieldRules.needsDoubleEntry(field) && !field.verified
    }

    /// The typed input checked as it is, for feedback while typing.
    public var inputCheck: Result<FieldValue, InputProblem>? {
        guard let field = currentField, let record = currentRecord,
            !input.trimmingCharacters(in: .whitespaces).isEmpty, mode != .comment
        else { return nil }
        return ClerkEntry.parse(
            input, field: FieldRules.entry(field, layout: layouts.field(form: record.form, id: field.fieldID)),
            context: context)
    }

    private func submit() {
        guard let field = currentField, let record = currentRecord else { return }
        let secondEntry: FieldValue?
        if case .secondEntry(let first) = mode { secondEntry = first } else { secondEntry = nil }
        if input.trimmingCharacters(in: .whitespaces).isEmpty {
            if secondEntry != nil {
                message = StatusMessage(text: "Skriv värdet en gång till.", tone: .warning)
            } else if field.verified {
                advance()
            } else if FieldRules.needsDoubleEntry(field) {
                message = StatusMessage(text: "Dubbelinmatning: skriv av värdet från bilden.", tone: .warning)
            } else if FieldRules.mustType(field) {
                message = StatusMessage(
                    text: "Tolkningen är osäker: skriv värdet från bilden (Enter ensamt godkänner den inte). "
                        + "# om det inte går att läsa, ! för uppföljning.", tone: .warning)
            } else {
                save(field, value: field.value, note: nil)
            }
            return
        }
        let layout = layouts.field(form: record.form, id: field.fieldID)
        let value: FieldValue
        switch ClerkEntry.parse(input, field: FieldRules.entry(field, layout: layout), context: context) {
        case .failure(let problem):
            message = StatusMessage(text: problem.reason, tone: .error)
            return
        case .success(let parsed):
            value = parsed
        }
        if let first = secondEntry {
            if value == first {
                save(
                    field, value: value,
                    note: "dubbelinmatning: två lika inmatningar, tolkningen var \(field.value.canonicalText ?? "tom")")
            } else if value == field.value {
                save(field, value: value, note: "dubbelinmatning: andra inmatningen stämde med tolkningen")
            } else {
                mode = .field
                input = ""
                message = StatusMessage(
                    text:
                        "Inmatningarna skiljer sig från varandra och från tolkningen. Börja om: skriv värdet från bilden.",
                    tone: .error)
            }
            return
        }
        if FieldRules.needsDoubleEntry(field) {
            if value == field.value {
                save(field, value: value, note: "dubbelinmatning: stämde med tolkningen")
            } else {
                mode = .secondEntry(first: value)
                input = ""
                message = StatusMessage(
                    text: "Värdet skiljer sig från tolkningen. Skriv det en gång till för att bekräfta.",
                    tone: .warning)
            }
            return
        }
        save(field, value: value, note: nil)
    }

    private func save(_ field: DraftField, value: FieldValue, note: String?) {
        guard let record = currentRecord else { return }
        let label = layouts.label(form: record.form, id: field.fieldID)
        do {
            let outcome = try store.accept(
                FieldAcceptance(rowID: field.id ?? 0, version: field.version, value: value, note: note),
                clerk: clerk)
            reload(recordID: record.id)
            refreshProgress()
            switch outcome {
            case .saved(let recordVerified):
                let shown = FieldRules.display(value, layout: layouts.field(form: record.form, id: field.fieldID))
                let verb = value == field.value ? "Godkänt" : "Rättat"
                message = StatusMessage(
                    text: "\(verb): \(label) = \(shown)." + (recordVerified ? " Posten är verifierad." : ""),
                    tone: .success)
                advance()
            case .conflict(let now):
                mode = .field
                input = ""
                let who = now.verifiedBy.map { "\($0)" } ?? "En annan handläggare"
                let shown = FieldRules.display(now.value, layout: layouts.field(form: record.form, id: now.fieldID))
                message = StatusMessage(
                    text:
                        "\(who) ändrade nyss \(label) till \"\(shown)\". Kontrollera mot bilden: Enter godkänner, eller skriv rätt värde.",
                    tone: .warning)
            case .locked:
                message = StatusMessage(text: "Posten är redan registrerad och kan inte ändras här.", tone: .error)
            }
        } catch {
            failed("Kunde inte spara", error)
        }
    }

    // MARK: Unreadable

    /// The field cannot be read from the image: stored empty, the record marked for follow-up.
    func markUnreadable() {
        guard let field = currentField, let record = currentRecord else { return }
        if record.status == .registered {
            message = StatusMessage(text: "Posten är redan registrerad och kan inte ändras här.", tone: .error)
            return
        }
        let label = layouts.label(form: record.form, id: field.fieldID)
        do {
            switch try store.markUnreadable(rowID: field.id ?? 0, version: field.version, label: label, clerk: clerk) {
            case .saved:
                reload(recordID: record.id)
                refreshProgress()
                message = StatusMessage(
                    text: "\(label) är markerat oläsligt; posten är markerad för uppföljning.", tone: .success)
                advance()
            case .conflict(let now):
                reload(recordID: record.id)
                message = StatusMessage(
                    text: "\(now.verifiedBy ?? "En annan handläggare") ändrade nyss \(label). Kontrollera mot bilden.",
                    tone: .warning)
            case .locked:
                message = StatusMessage(text: "Posten är redan registrerad och kan inte ändras här.", tone: .error)
            }
        } catch {
            failed("Kunde inte spara", error)
        }
    }

    // MARK: Follow-up

    private func startComment() {
        guard let record = currentRecord else { return }
        mode = .comment
        input = record.comment ?? ""
    }

    private func commentKey(_ key: Key) {
        switch key {
        case .enter: saveComment()
        case .submit(let line):
            input = line
            saveComment()
        case .escape:
            mode = .field
            input = ""
            message = StatusMessage(text: "Ingen ändring av uppföljningen.", tone: .info)
        case .backspace: if !input.isEmpty { input.removeLast() }
        case .char(let c): input.append(c)
        default: break
        }
    }

    private func saveComment() {
        guard let record = currentRecord else { return }
        let text = input.trimmingCharacters(in: .whitespaces)
        mode = .field
        input = ""
        if text.isEmpty && !record.followUp {
            message = StatusMessage(text: "Skriv en kommentar för att markera posten för uppföljning.", tone: .warning)
            return
        }
        do {
            try store.setFollowUp(recordID: record.id, comment: text.isEmpty ? nil : text, clerk: clerk)
            reload(recordID: record.id)
            message = StatusMessage(
                text: text.isEmpty
                    ? "Uppföljningsmarkeringen är borttagen."
                    : "Posten är markerad för uppföljning: \(text)", tone: .success)
            // Marked to be finished later: the clerk goes on with the next record.
            if !text.isEmpty { moveToNextRecordWithWork() }
        } catch {
            failed("Kunde inte spara uppföljningen", error)
        }
    }

    // MARK: Page

    private func showPage() {
        guard currentRecord != nil else { return }
        mode = .pageView
    }

    private func zoom() {
        guard currentField != nil else { return }
        mode = .zoom
    }

    private func confirmPage() {
        let count = confidentFieldsOfPage().count
        guard count > 0 else {
            message = StatusMessage(text: "Sidan har inga ogranskade säkra fält.", tone: .info)
            return
        }
        mode = .confirmPage(count: count)
    }

    private func acceptPage() {
        let fields = confidentFieldsOfPage()
        guard !fields.isEmpty else { return }
        do {
            let outcomes = try store.accept(
                fields.map {
                    FieldAcceptance(
                        rowID: $0.id ?? 0, version: $0.version, value: $0.value,
                        note: "säkert fält, godkänt för hela sidan")
                }, clerk: clerk)
            for id in Set(
                records.filter { r in r.fields.contains { f in fields.contains { $0.id == f.id } } }.map(\.id))
            {
                reload(recordID: id)
            }
            refreshProgress()
            var saved = 0, verified = 0, conflicts = 0
            for outcome in outcomes {
                switch outcome {
                case .saved(let v):
                    saved += 1
                    if v { verified += 1 }
                case .conflict: conflicts += 1
                case .locked: break
                }
            }
            var text =
                "Godkände \(saved) säkra fält på sidan; \(Swedish.count(verified, "post", "poster")) blev "
                + (verified == 1 ? "verifierad." : "verifierade.")
            if conflicts > 0 { text += " \(conflicts) fält hade ändrats av någon annan och lämnades." }
            message = StatusMessage(text: text, tone: .success)
            if let next = nextUnverified(from: current) {
                current = next
                arrived()
            } else {
                advance()
            }
        } catch {
            failed("Kunde inte spara", error)
        }
    }
}
