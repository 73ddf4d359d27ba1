import Foundation
import TestSupport
import Testing

@testable import FormKit

@Suite("The forms in Forms/")
struct FormCatalogTests {
    let catalog: FormCatalog

    init() throws {
        catalog = try FormCatalog(directory: RepositoryPaths.forms)
    }

    @Test("the binder's forms are all there")
    func expectedForms() {
        let ids = Set(catalog.forms.map(\.id))
        for id in [
            "bilaga-1", "bilaga-2", "bilaga-3", "bilaga-4", "bilaga-5", "reservblankett-tid",
            "journal-sol-lss", "journal-hsl", "beslut", "bestallning", "genomforandeplan",
            "utbetalningsunderlag", "fortsattningsblad", "kalibrering",
        ] {
            #expect(ids.contains(id), "missing form \(id)")
        }
    }

    @Test("every field lies inside the content area and no two fields overlap")
    func fieldsInsideAndApart() throws {
        for form in catalog.forms {
            let layout = try LayoutEngine.layout(form)
            let frame = layout.frame
            for field in layout.fields {
                #expect(
                    field.rect.minX >= frame.left - 0.01 && field.rect.maxX <= frame.right + 0.01,
                    "\(form.id) \(field.id) leaves the page horizontally")
                #expect(
                    field.rect.minY >= frame.contentTop - 0.01 && field.rect.maxY <= frame.contentBottom + 0.01,
                    "\(form.id) \(field.id) leaves the page vertically")
                for box in field.boxes + field.options.map(\.rect) {
                    #expect(
                        box.minX >= field.rect.minX - 0.01 && box.maxX <= field.rect.maxX + 0.01
                            && box.minY >= field.rect.minY - 0.01 && box.maxY <= field.rect.maxY + 0.01,
                        "\(form.id) \(field.id): a box sticks out of its field")
                }
            }
            for (i, a) in layout.fields.enumerated() {
                for b in layout.fields[(i + 1)...] {
                    let overlap =
                        a.rect.minX < b.rect.maxX - 0.01 && b.rect.minX < a.rect.maxX - 0.01
                        && a.rect.minY < b.rect.maxY - 0.01 && b.rect.minY < a.rect.maxY - 0.01
                    #expect(!overlap, "\(form.id): \(a.id) overlaps \(b.id)")
                }
            }
        }
    }

    @Test("field ids are unique and rows are prefixed")
    func fieldIDs() throws {
        for form in catalog.forms {
            let layout = try LayoutEngine.layout(form)
            let ids = layout.fields.map(\.id)
            #expect(Set(ids).count == ids.count, "\(form.id) has duplicate field ids")
            for field in layout.fields where field.row != nil {
                let prefix = String(format: "r%02d.", field.row ?? 0)
                #expect(field.id == prefix + field.definitionID)
            }
        }
    }

    @Test("comb boxes are sized for handwriting and counted by pattern")
    func combBoxes() throws {
        for form in catalog.forms {
            for field in try LayoutEngine.layout(form).fields where field.kind == .digits {
                #expect(!field.boxes.isEmpty)
                for box in field.boxes {
                    #expect(box.width >= 5 && box.height >= 6, "\(form.id) \(field.id): box too small")
                }
                switch field.pattern {
                case .personnummer: #expect([10, 12].contains(field.boxes.count))
                case .date: #expect([6, 8].contains(field.boxes.count))
                case .time: #expect(field.boxes.count == 4)
                default: break
                }
                // Boxes run left to right without overlapping.
                for (a, b) in zip(field.boxes, field.boxes.dropFirst()) { #expect(b.minX >= a.maxX - 0.001) }
            }
        }
    }

    @Test("bilaga 4 offers checkboxes for what was drawn up")
    func bilaga4Choices() throws {
        let layout = try LayoutEngine.layout(try catalog.require("bilaga-4"))
        let vad = try #require(layout.field("r01.vad"))
        #expect(vad.kind == .choice)
        #expect(
            vad.options.map(\.value) == [
                "journalanteckning", "bestallning", "utredning", "beslut",
                "genomforandeplan", "annat",
            ])
        for option in vad.options { #expect(option.rect.width >= 4 && option.rect.width == option.rect.height) }
    }

    @Test("an unknown form id gets a Swedish message listing the known ones")
    func unknownForm() {
        #expect(throws: CatalogError.self) { try catalog.require("bilaga-9") }
        let message = String(describing: CatalogError.unknownForm("bilaga-9", known: ["bilaga-3"]))
        #expect(message.contains("Okänd blankett") && message.contains("bilaga-3"))
    }
}
