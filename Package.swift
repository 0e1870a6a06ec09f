// swift-tools-version:6.0
import Foundation
import PackageDescription

var targets: [Target] = [
    .target(name: "SluiceCore"),
    .target(name: "SluiceSQL", dependencies: ["SluiceCore"]),
    .target(name: "SluiceConformance"),
    .executableTarget(
        name: "sluice",
        dependencies: [
            "SluiceCore",
            "SluiceSQL",
            "SluiceConformance",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]
    ),
    .testTarget(name: "SluiceCoreTests", dependencies: ["SluiceCore"]),
    .testTarget(name: "SluiceSQLTests", dependencies: ["SluiceSQL", "SluiceConformance"]),
    .testTarget(name: "SluiceGoldenTests", dependencies: ["SluiceSQL"], exclude: ["parser"]),
]

// The libFuzzer target links only with `-sanitize=fuzzer`, so a plain `swift build` must not see it.
// `make fuzz` sets SLUICE_FUZZ=1 and builds it in its own scratch directory.
if ProcessInfo.processInfo.environment["SLUICE_FUZZ"] != nil {
    // `-parse-as-library`: the module defines its entry point itself (see FuzzEntry.swift).
    targets.append(
        .executableTarget(
            name: "SluiceSQLFuzzer", dependencies: ["SluiceSQL"], swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}

let package = Package(
    name: "Sluice",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sluice", targets: ["sluice"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
