// swift-tools-version:6.0
import PackageDescription

/// Avbrott: print the outage binder, ingest the filled-in scans, review the drafts.
///
/// Every C library is one `systemLibrary` target with a `[system]` module map
/// that names the Debian package providing it.
let package = Package(
    name: "Avbrott",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "avbrott", targets: ["avbrott"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // C libraries (Debian -dev packages).
        .systemLibrary(name: "CHaru", path: "Sources/CHaru",
                       providers: [.apt(["libhpdf-dev"])]),
        .systemLibrary(name: "CLeptonica", path: "Sources/CLeptonica", pkgConfig: "lept",
                       providers: [.apt(["libleptonica-dev"])]),
        .systemLibrary(name: "CTesseract", path: "Sources/CTesseract", pkgConfig: "tesseract",
                       providers: [.apt(["libtesseract-dev", "tesseract-ocr-swe"])]),
        .systemLibrary(name: "CQREncode", path: "Sources/CQREncode", pkgConfig: "libqrencode",
                       providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CZBar", path: "Sources/CZBar", pkgConfig: "zbar",
                       providers: [.apt(["libzbar-dev"])]),

        // Pure Swift core.
        .target(name: "Raster"),
        .target(name: "FormKit", dependencies: [.product(name: "Yams", package: "Yams")]),

        // Printing.
        .target(name: "Binder", dependencies: ["FormKit", "CHaru", "CQREncode", "Drafts"]),

        // Reading.
        .target(name: "Imaging", dependencies: ["Raster", "CLeptonica", "CZBar"]),
        .target(name: "Recognition", dependencies: ["Raster", "FormKit", "CTesseract"],
                resources: [.copy("Resources/digits.avbnet")]),
        .target(name: "Drafts", dependencies: [
            "FormKit",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Ingest", dependencies: [
            "FormKit", "Raster", "Imaging", "Recognition", "Drafts",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Review", dependencies: ["FormKit", "Raster", "Drafts", "Imaging", "Recognition"]),

        // The executable.
        .executableTarget(name: "avbrott", dependencies: [
            "FormKit", "Raster", "Binder", "Drafts", "Ingest", "Imaging", "Recognition", "Review",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Tests.
        .target(name: "TestSupport", dependencies: ["FormKit", "Raster"], path: "Sources/TestSupport"),
        .testTarget(name: "FormKitTests", dependencies: ["FormKit", "TestSupport"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "Drafts", "FormKit", "TestSupport"]),
        .testTarget(name: "BinderTests", dependencies: ["Binder", "FormKit", "TestSupport"]),
        .testTarget(name: "StatusTests", dependencies: ["Drafts", "FormKit", "Binder", "TestSupport"]),
        .testTarget(name: "RecognitionTests", dependencies: ["Recognition", "Raster", "FormKit", "Imaging", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "ReviewTests", dependencies: ["Review", "Drafts", "FormKit", "TestSupport"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "Raster", "CQREncode", "CLeptonica"]),
    ]
)
