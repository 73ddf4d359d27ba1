import Foundation
import Platform

/// Paths as the user gave them. A file name need not be UTF-8: such an
/// argument reaches Swift with its bad bytes replaced (U+FFFD), which names
/// another file or none, so its bytes are taken from the process's argv.
enum RawArguments {
    static func paths(_ arguments: [String]) -> [FilePath] {
        let raw: [[CChar]] = (0..<Int(CommandLine.argc)).compactMap { index in
            CommandLine.unsafeArgv[index].map { pointer in
                Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer) + 1))
            }
        }
        return arguments.map { argument in
            guard argument.unicodeScalars.contains("\u{FFFD}"),
                let bytes = raw.first(where: {
                    String(decoding: $0.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self) == argument
                })
            else { return FilePath(argument) }
            return bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { FilePath(platformString: $0) } ?? FilePath(argument)
            }
        }
    }
}
