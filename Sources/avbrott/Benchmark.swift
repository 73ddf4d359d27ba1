import ArgumentParser
import FormKit
import Foundation
import Platform

extension Avbrott {
    struct Benchmark: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "benchmark",
            abstract: "Mät hur snabbt verktyget är på den här datorn.",
            subcommands: [
                PrintBenchmark.self, IngestBenchmark.self, RecognitionBenchmark.self,
                OutOfFoldBenchmark.self,
            ])
    }
}

/// Times `avbrott print` of the default binder as a user runs it: a new
/// process each time, wall-clock time and the peak memory of the process.
struct PrintBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print", abstract: "Mät utskrift av standardpärmen (tid och minne per körning).")

    @Option(help: ArgumentHelp("Antal körningar.", valueName: "antal")) var runs = 10

    func validate() throws {
        try requireCount(runs, "--runs", in: 1...1000)
    }

    func run() async throws {
        try await reportingErrors {
            let scratch = FileManager.default.temporaryDirectory
                .appendingPathComponent("avbrott-bench-\(ProcessInfo.processInfo.processIdentifier)")
            try SecureFiles.makeFolder(FilePath(scratch.path))
            defer { try? FileManager.default.removeItem(at: scratch) }
            let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            var times: [Double] = []
            var pages = ""
            for i in 0..<runs {
                let out = scratch.appendingPathComponent("parm-\(i).pdf").path
                let start = DispatchTime.now().uptimeNanoseconds
                let output = try await ProgramRunner.run(
                    executable.path, ["print", "--binder-id", "K7M3QX", "-o", out])
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                let message = output.errorText
                guard output.succeeded else {
                    throw BenchmarkFailure(message: "avbrott print misslyckades: \(message)")
                }
                pages = message.trimmingCharacters(in: .whitespacesAndNewlines)
                times.append(elapsed)
                try? FileManager.default.removeItem(atPath: out)
            }
            var usage = rusage()
            getrusage(RUSAGE_CHILDREN.rawValue, &usage)
            let sorted = times.sorted()
            Diagnostics.output("avbrott print (standardpärmen), \(runs) körningar: \(pages)")
            Diagnostics.output(String(format: "  vägg, median:  %.3f s", sorted[sorted.count / 2]))
            Diagnostics.output(String(format: "  vägg, snabbast: %.3f s", sorted[0]))
            Diagnostics.output(String(format: "  vägg, längsta: %.3f s", sorted[sorted.count - 1]))
            Diagnostics.output(String(format: "  minne, topp:   %.1f MB", Double(usage.ru_maxrss) / 1024))
        }
    }
}

/// Refuses a count option outside `range` with a Swedish message.
func requireCount(_ value: Int, _ option: String, in range: ClosedRange<Int>) throws {
    guard range.contains(value) else {
        throw ValidationError(
            "\(option) måste vara mellan \(Swedish.grouped(range.lowerBound)) och \(Swedish.grouped(range.upperBound))."
        )
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
