import Assessment
import FormKit
import Foundation
import Imaging
import Raster
import Recognition

/// One field as read from the page, before it is stored.
struct ReadField {
    var layout: FieldLayout
    var assessment: FieldAssessment
    var crop: GreyImage
    /// Ink in the writing areas only (box interiors, inside the outlines),
    /// for telling handwriting apart; see `InkSignature`.
    var ink: [UInt8]

    var checked: CheckedField {
        get {
            CheckedField(
                definitionID: layout.definitionID, label: layout.label, required: layout.required,
                assessment: assessment)
        }
        set { assessment = newValue.assessment }
    }
}

/// Cuts every field of a registered page out of the scan, from the layout's
/// geometry, and hands the crops to the recognisers.
struct FieldReader {
    let page: GreyImage
    let transform: PageTransform
    let readers: FieldReaders
    /// Resolution of the crops handed to the recognisers.
    var pixelsPerMM: Double { min(max(transform.pixelsPerMM, 6), 16) }

    func crop(_ rect: Rect, offset: LocalOffset? = nil) -> GreyImage {
        Imaging.crop(
            page, rect: rect.offset(dx: offset?.dx ?? 0, dy: offset?.dy ?? 0), transform: transform,
            pixelsPerMM: pixelsPerMM)
    }

    func read(_ field: FieldLayout) -> ReadField {
        switch field.kind {
        case .digits: return readDigits(field)
        case .choice: return readChoice(field)
        case .signature: return readSignature(field)
        case .text: return readText(field)
        }
    }

    /// The printed outline found near `rect`, to correct small misalignments.
    func offset(_ rect: Rect, dividers: [Double] = []) -> LocalOffset? {
        let found = transform.localOffset(in: page, box: rect, searchMM: 1, dividersMM: dividers)
        guard let found, abs(found.dx) <= 1, abs(found.dy) <= 1 else { return nil }
        return found
    }

    func readDigits(_ field: FieldLayout) -> ReadField {
        var boxes: [GreyImage] = []
        var ink: [UInt8] = []
        for group in groupsOfAdjacentBoxes(field.boxes) {
            guard let span = Rect.union(group) else { continue }
            let shift = offset(span, dividers: group.dropFirst().map(\.minX))
            for box in group {
                let image = crop(box.inset(by: 0.45), offset: shift)
                boxes.append(image)
                ink += InkSignature.grid(image, columns: 1, rows: 2)
            }
        }
        return ReadField(
            layout: field, assessment: readers.digits(boxes, pattern: field.pattern ?? .number),
            crop: crop(field.rect), ink: ink)
    }

    /// Boxes split where a gap (a separator or group gap) lies between them.
    func groupsOfAdjacentBoxes(_ boxes: [Rect]) -> [[Rect]] {
        var groups: [[Rect]] = []
        for box in boxes {
            if let last = groups.last?.last, abs(box.minX - last.maxX) < 0.05 {
                groups[groups.count - 1].append(box)
            } else {
                groups.append([box])
            }
        }
        return groups
    }

    func readChoice(_ field: FieldLayout) -> ReadField {
        // One alignment correction for the whole grid, from its first box.
        let shift = field.options.first.flatMap { offset($0.rect) }
        let levels = field.options.flatMap {
            InkSignature.grid(crop($0.rect.inset(by: 0.7), offset: shift), columns: 1, rows: 1)
        }
        // A 0.6 mm margin: enough for the reader to find the printed square,
        // not so much that a table line nearby is taken for it.
        let squares = field.options.map { crop($0.rect.inset(by: -0.6), offset: shift) }
        let options = field.options.map { ChoiceOption(value: $0.value, label: $0.label) }
        return ReadField(
            layout: field, assessment: readers.choice(squares, options: options, multiple: field.multiple),
            crop: crop(field.rect), ink: levels)
    }

    func readSignature(_ field: FieldLayout) -> ReadField {
        let inner = crop(field.rect.inset(by: 0.8))
        return ReadField(
            layout: field, assessment: readers.signature(inner), crop: crop(field.rect),
            ink: InkSignature.grid(inner, columns: 4, rows: 2))
    }

    /// A short text field by OCR; a tall one is a ruled area of handwriting.
    func readText(_ field: FieldLayout) -> ReadField {
        let inner = crop(field.rect.inset(by: 0.6))
        let assessment = field.rect.height > 14 ? readers.freeText(inner) : readers.text(inner)
        return ReadField(
            layout: field, assessment: assessment, crop: crop(field.rect),
            ink: InkSignature.grid(inner, columns: 4, rows: 2))
    }
}
