// swift-tools-version:6.2
import PackageDescription

/// Avbrott: print the outage binder, ingest the filled-in scans, review the drafts.
///
/// Every C library is one `systemLibrary` target with a `[system]` module map
/// that names the Debian package providing it, wrapped by one Swift target
/// that owns its handles (Leptonica, Haru). `docs/architecture.md` maps the
/// targets and how a scan flows through them.
/// The pixel and recognition code runs ten times slower unoptimised, and the
/// end-to-end tests run the debug binary on whole pages: these targets are
/// optimised in debug builds too (they keep -enable-testing).
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Avbrott",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "avbrott", targets: ["avbrott"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        // C libraries (Debian -dev packages).
        .systemLibrary(
            name: "CHaru", path: "Sources/CHaru",
            providers: [.apt(["libhpdf-dev"])]),
        .systemLibrary(
            name: "CLeptonica", path: "Sources/CLeptonica", pkgConfig: "lept",
            providers: [.apt(["libleptonica-dev"])]),
        .systemLibrary(
            name: "CTesseract", path: "Sources/CTesseract", pkgConfig: "tesseract",
            providers: [.apt(["libtesseract-dev", "tesseract-ocr-swe"])]),
        .systemLibrary(
            name: "CQREncode", path: "Sources/CQREncode", pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(
            name: "CZBar", path: "Sources/CZBar", pkgConfig: "zbar",
            providers: [.apt(["libzbar-dev"])]),
        .systemLibrary(
            name: "CPoppler", path: "Sources/CPoppler", pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"])]),

        // Foundations: pixels and planes; files, programs and terminal text.
        .target(name: "Raster", swiftSettings: optimisedInDebug),
        .target(
            name: "Platform",
            dependencies: [
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]),

        // The forms: definitions, layout, the field grammar and typed values.
        .target(name: "FormKit", dependencies: ["Raster", "Platform", .product(name: "Yams", package: "Yams")]),
        // Whether a value needs a person: decoding, the one field policy, record checks.
        .target(name: "Assessment", dependencies: ["FormKit"]),

        // C library wrappers.
        .target(name: "Leptonica", dependencies: ["Raster", "CLeptonica"], swiftSettings: optimisedInDebug),
        .target(name: "Haru", dependencies: ["Raster", "CHaru", "CQREncode"]),

        // Printing.
        .target(name: "Binder", dependencies: ["FormKit", "Haru", "Platform"]),

        // Reading.
        .target(
            name: "Imaging", dependencies: ["Raster", "Leptonica", "CLeptonica", "CZBar", "CPoppler", "Platform"],
            swiftSettings: optimisedInDebug),
        .target(
            name: "Recognition", dependencies: ["Raster", "FormKit", "Assessment", "Platform", "CTesseract"],
            resources: [.copy("Resources/digits.avbnet")], swiftSettings: optimisedInDebug),

        // The workspace.
        .target(
            name: "Drafts",
            dependencies: [
                "FormKit", "Assessment", "Platform",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "Ingest",
            dependencies: [
                "FormKit", "Raster", "Imaging", "Leptonica", "Recognition", "Assessment", "Drafts", "Platform",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(name: "Review", dependencies: ["FormKit", "Raster", "Assessment", "Drafts", "Leptonica", "Platform"]),
        .target(name: "Reports", dependencies: ["FormKit", "Assessment", "Drafts", "Haru", "Platform"]),

        // Measurements; no production target imports it.
        .target(
            name: "Evaluation",
            dependencies: ["FormKit", "Raster", "Assessment", "Recognition", "Drafts", "Ingest", "Imaging"]),

        // The executable.
        .executableTarget(
            name: "avbrott",
            dependencies: [
                "FormKit", "Raster", "Assessment", "Binder", "Drafts", "Ingest", "Imaging", "Leptonica",
                "Recognition", "Review", "Reports", "Evaluation", "Platform",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Tests.
        .target(
            name: "TestSupport", dependencies: ["FormKit", "Raster", "Assessment", "Platform", "Haru"],
            path: "Sources/TestSupport"),
        .testTarget(name: "RasterTests", dependencies: ["Raster"]),
        .testTarget(name: "FormKitTests", dependencies: ["FormKit", "TestSupport"]),
        .testTarget(name: "AssessmentTests", dependencies: ["Assessment", "FormKit", "TestSupport"]),
        .testTarget(name: "PlatformTests", dependencies: ["Platform", "TestSupport"]),
        .testTarget(
            name: "DraftsTests", dependencies: ["Drafts", "FormKit", "Assessment", "TestSupport"], exclude: ["Fixtures"]
        ),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "Drafts", "FormKit", "Assessment", "TestSupport"]),
        .testTarget(name: "HaruTests", dependencies: ["Haru", "FormKit", "Raster", "Platform", "TestSupport"]),
        .testTarget(
            name: "BinderTests", dependencies: ["Binder", "Haru", "FormKit", "Platform", "Raster", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Drafts", "FormKit", "TestSupport"]),
        .testTarget(
            name: "RecognitionTests",
            dependencies: ["Recognition", "Assessment", "Raster", "FormKit", "Imaging", "Leptonica", "TestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "EvaluationTests",
            dependencies: ["Evaluation", "Recognition", "Assessment", "Raster", "FormKit", "TestSupport"]),
        .testTarget(name: "ReviewTests", dependencies: ["Review", "Drafts", "FormKit", "Assessment", "TestSupport"]),
        // The built binary against bad input, tampering and interruption.
        .testTarget(name: "EndToEndTests", dependencies: ["Drafts", "TestSupport"]),
        .testTarget(
            name: "ImagingTests",
            dependencies: ["Imaging", "Leptonica", "Raster", "CQREncode", "CLeptonica", "TestSupport"]),
    ]
)
