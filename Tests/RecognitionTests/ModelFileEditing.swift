import Foundation
import Testing

@testable import Recognition

extension Data {
    /// A model file with the first occurrence of `old` (in its JSON header)
    /// replaced by `new` of the same length, so that every offset stays valid.
    func replacingModelText(_ old: String, with new: String) throws -> Data {
        let (bytes, from, to) = ([UInt8](self), Array(old.utf8), Array(new.utf8))
        try #require(from.count == to.count)
        let at = try #require((0...(bytes.count - from.count)).first { Array(bytes[$0..<($0 + from.count)]) == from })
        var changed = bytes
        changed.replaceSubrange(at..<(at + from.count), with: to)
        return Data(changed)
    }

    /// The bundled cascade's escalation limit as its header writes it (`0.98`
    /// in `"below": 0.98`), for edits that replace it.
    static func bundledEscalationLimit() throws -> String {
        let model = try DigitModel(data: Data(contentsOf: try #require(DigitRecognizer.bundledModelURL)))
        return "\(try #require(model.escalation?.below))"
    }
}
