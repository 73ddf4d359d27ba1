import Foundation
import Leptonica
import Raster
import TestSupport
import Testing

@testable import Review

/// Images for terminals that show them, checked by decoding what is sent:
/// sixel with libsixel's `sixel2png`, kitty's by its own base64 PNG. And
/// what the terminal answers at start, read right.
@Suite struct TerminalImageTests {
    /// A crop with handwriting-like strokes and every grey.
    static let crop: GreyImage = {
        var image = GreyImage(width: 160, height: 37)
        for y in 0..<image.height {
            for x in 0..<image.width {
                let stroke = abs((x / 3 + y) % 23 - 11) < 2 || (x > 100 && abs(y - 18) < 3)
                image[x, y] = stroke ? UInt8((x * 7) % 90) : UInt8(200 + (x + y) % 56)
            }
        }
        return image
    }()

    @Test(.enabled(if: toolExists("sixel2png")))
    func sixelDecodesToTheImageItWasMadeFrom() throws {
        let dir = try TemporaryDirectory(prefix: "sixel")
        let sixel = Sixel.encode(Self.crop, levels: 16)
        #expect(sixel.hasPrefix("\u{1b}P") && sixel.hasSuffix("\u{1b}\\"))
        try Data(sixel.utf8).write(to: URL(fileURLWithPath: dir.file("bild.six")))
        try runToolChecked("sixel2png", ["-i", dir.file("bild.six"), "-o", dir.file("bild.png")])
        let decoded = try ImageMagick.grey(file: dir.file("bild.png"))
        #expect(decoded.width == Self.crop.width && decoded.height == Self.crop.height)
        var worst = 0
        for (got, sent) in zip(decoded.pixels, Self.crop.pixels) {
            // Sixel keeps 16 greys: each pixel within half a step (8.5) plus rounding.
            worst = max(worst, abs(Int(got) - Int(sent)))
        }
        #expect(worst <= 10, "largest difference \(worst)")
    }

    @Test func kittyCarriesThePNGItWasGiven() throws {
        let png = try PNGCodec.encode(Self.crop)
        let big = png + png + png + png  // over one chunk
        let sent = KittyImage.encode(png: big)
        var payload = ""
        var controls: [String] = []
        for chunk in sent.components(separatedBy: "\u{1b}\\") where !chunk.isEmpty {
            #expect(chunk.hasPrefix("\u{1b}_G"))
            let body = chunk.dropFirst(3)
            let parts = body.split(separator: ";", maxSplits: 1)
            controls.append(String(parts[0]))
            #expect(parts[1].count <= 4096)
            payload += parts[1]
        }
        #expect(controls.first?.contains("a=T") == true && controls.first?.contains("f=100") == true)
        #expect(controls.dropLast().allSatisfy { $0.contains("m=1") } && controls.last?.contains("m=0") == true)
        #expect(Data(base64Encoded: payload).map([UInt8].init) == big)
        #expect(try PNGCodec.decode(png) == Self.crop)
    }

    @Test func theTerminalsAnswersAreReadRight() {
        let xterm = Array("\u{1b}[6;20;10t\u{1b}[?63;1;2;4;6;9;15;22c".utf8)
        let kitty = Array("\u{1b}_Gi=31;OK\u{1b}\\\u{1b}[6;34;17t\u{1b}[?62;c".utf8)
        let tmux = Array("\u{1b}[?1;2c".utf8)
        #expect(TerminalCapabilities.isComplete(xterm) && !TerminalCapabilities.isComplete(Array("\u{1b}[6;2".utf8)))
        let colour = ["COLORTERM": "truecolor"]
        #expect(TerminalCapabilities.from(answer: xterm, environment: colour).graphics == .sixel)
        #expect(TerminalCapabilities.from(answer: xterm, environment: colour).cell == (10, 20))
        #expect(TerminalCapabilities.from(answer: kitty, environment: colour).graphics == .kitty)
        #expect(TerminalCapabilities.from(answer: kitty, environment: colour).cell == (17, 34))
        #expect(TerminalCapabilities.from(answer: tmux, environment: colour).graphics == .text)
        #expect(TerminalCapabilities.from(answer: [], environment: colour).graphics == .text)
        #expect(TerminalCapabilities.from(answer: tmux, environment: colour).colour == .trueColour)
        #expect(TerminalCapabilities.from(answer: tmux, environment: ["NO_COLOR": "1"]).colour == nil)
        #expect(TerminalCapabilities.from(answer: tmux, environment: ["AVBROTT_BILDER": "sixel"]).graphics == .sixel)
    }

    @Test func aLateAnswerIsNotTakenForKeys() {
        var decoder = KeyDecoder()
        let keys = decoder.feed(Array("\u{1b}_Gi=31;OK\u{1b}\\\u{1b}[?62;cq".utf8))
        #expect(keys == [.char("q")])
    }

    @Test func aWideCropIsFoldedIntoStripsThatFit() {
        let wide = GreyImage(width: 470, height: 63, fill: 128)
        let strips = ImageFitting.strips(wide, columns: 76, rows: 13, cell: HalfBlocks.cell)
        #expect(strips.count == 2)
        #expect(strips.allSatisfy { $0.image.width <= 76 })
        #expect(strips.map(\.rows).reduce(0, +) + strips.count - 1 <= 13)
        // Larger than one strip would show it.
        let single = ImageFitting.strips(wide, columns: 76, rows: 13, cell: HalfBlocks.cell, maximumStrips: 1)
        #expect(strips[0].image.height > single[0].image.height)
        // A square crop stays whole.
        #expect(ImageFitting.strips(GreyImage(width: 50, height: 50), columns: 76, rows: 13, cell: (1, 2)).count == 1)
    }

    @Test func withoutColourImagesAreShades() {
        let drawn = HalfBlocks(depth: nil).draw(
            GreyImage(width: 4, height: 2, pixels: [0, 0, 255, 255, 0, 100, 255, 255]))
        #expect(drawn.lines == ["█▓  "])
        #expect(!drawn.lines[0].contains("\u{1b}"))
    }
}

/// The real `avbrott review` sending images: what it writes to the terminal
/// is recorded before tmux reads it, and the sixel and kitty images in it are
/// decoded and compared with the field's crop.
@Suite(.tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd && toolExists("tmux") && toolExists("sixel2png")))
struct ReviewImagesTests {
    /// The escape strings of `kind` ("P" sixel, "_G" kitty) in what the program wrote.
    static func strings(_ output: String, introducer: String) -> [String] {
        output.components(separatedBy: "\u{1b}" + introducer).dropFirst().compactMap { rest in
            rest.range(of: "\u{1b}\\").map { String(rest[..<$0.lowerBound]) }
        }
    }

    func recorded(_ graphics: String, in folder: TemporaryDirectory) throws -> String {
        let tmux = try TmuxSession(
            command: ReviewFixtures.command(
                folder, "review --workspace ws --clerk anna --order page", environment: "AVBROTT_BILDER=\(graphics)"),
            width: 100, height: 30)
        defer { tmux.kill() }
        let file = folder.file("utdata-\(graphics)")
        try tmux.recordOutput(to: file)
        usleep(300_000)
        // A key redraws the screen into the recording.
        try tmux.send("F8")
        try tmux.send("F8")
        usleep(800_000)
        return try String(decoding: Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
    }

    /// The current field's crop as the screen fits it, to compare with what was decoded.
    func expectedCrop(_ workspace: String, width: Int, height: Int) throws -> GreyImage {
        let store = try ReviewFixtures.store(workspace)
        let session = try ReviewSession(store: store, clerk: "anna", layouts: FormLayouts(catalog: nil), order: .page)
        let fieldID = try #require(session.currentField?.id)
        let png = try #require(try store.crop(fieldRowID: fieldID))
        return ScreenRenderer.screenCrop(try PNGCodec.decode(png)).resampled(width: width, height: height)
    }

    @Test func theSixelSentIsTheFieldsCrop() throws {
        let (folder, ws) = try ReviewFixtures.copy(ReviewFixtures.decisions)
        defer { withExtendedLifetime(folder) {} }
        let output = try recorded("sixel", in: folder)
        let sixel = try #require(Self.strings(output, introducer: "P").last, "no sixel image was sent")
        try Data(("\u{1b}P" + sixel + "\u{1b}\\").utf8).write(to: URL(fileURLWithPath: folder.file("bild.six")))
        try runToolChecked("sixel2png", ["-i", folder.file("bild.six"), "-o", folder.file("bild.png")])
        let decoded = try ImageMagick.grey(file: folder.file("bild.png"))
        let expected = try expectedCrop(ws, width: decoded.width, height: decoded.height)
        let difference = zip(decoded.pixels, expected.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 255
        #expect(decoded.width > 200, "shown at a real resolution: \(decoded.width) × \(decoded.height)")
        #expect(difference <= 10, "largest difference \(difference)")
    }

    @Test func theKittyImageSentIsTheFieldsCrop() throws {
        let (folder, ws) = try ReviewFixtures.copy(ReviewFixtures.decisions)
        defer { withExtendedLifetime(folder) {} }
        let output = try recorded("kitty", in: folder)
        // The last image of the last frame: its chunks after the last delete-all.
        let frame = output.components(separatedBy: KittyImage.deleteAll).last ?? ""
        var payload = ""
        for chunk in Self.strings(frame, introducer: "_G") {
            let parts = chunk.split(separator: ";", maxSplits: 1)
            if parts.count == 2 { payload += parts[1] }
        }
        let png = try #require(Data(base64Encoded: payload), "no kitty image was sent")
        let decoded = try PNGCodec.decode([UInt8](png))
        let expected = try expectedCrop(ws, width: decoded.width, height: decoded.height)
        #expect(decoded.width > 200)
        #expect(decoded == expected)
    }
}
