// swift-tools-version:6.0
import Foundation
import PackageDescription

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")

// The record hot path (decode, evaluate, encode, append) is measured; in release builds it skips
// the dynamic exclusivity checks, which cost ~5% there. Debug builds and tests keep them.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

var targets: [Target] = [
    // C libraries, each wrapped once by one Swift module.
    .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
    .systemLibrary(name: "CRocksDB", pkgConfig: "rocksdb", providers: [.apt(["librocksdb-dev"])]),
    .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),

    .target(name: "CCRC32C"),

    .target(name: "SluiceCore", swiftSettings: hotPath),
    .target(name: "SluiceLog", dependencies: ["SluiceCore", "CCRC32C"], swiftSettings: hotPath),
    .target(name: "SluiceSQL", dependencies: ["SluiceCore"]),
    .target(name: "SluicePlan", dependencies: ["SluiceCore"]),
    .target(
        name: "SluiceFunctions", dependencies: ["SluiceCore", "SluiceTime", "SluiceFormats", "CPCRE2"], swiftSettings: hotPath
    ),
    .target(name: "SluiceTime", dependencies: ["SluiceCore"], swiftSettings: hotPath),
    .target(name: "SluiceFormats", dependencies: ["SluiceCore"], swiftSettings: hotPath),
    .target(
        name: "SluiceRuntime",
        dependencies: ["SluiceCore", "SluicePlan", "SluiceFunctions", "SluiceFormats", "SluiceLog", "SluiceState", "SluiceTime"],
        swiftSettings: hotPath
    ),
    .target(
        name: "SluiceEngine",
        dependencies: [
            "SluiceCore", "SluiceSQL", "SluicePlan", "SluicePlanner", "SluiceFunctions", "SluiceFormats", "SluiceLog",
            "SluiceState", "SluiceRuntime",
        ]
    ),
    .target(name: "SluicePlanner", dependencies: ["SluiceCore", "SluicePlan", "SluiceSQL", "SluiceFunctions", "SluiceFormats", "SluiceTime"]),
    .target(name: "SluiceState", dependencies: ["SluiceCore", "CRocksDB"]),
    .target(name: "SluiceConformance"),
    .target(
        name: "SluiceTesting",
        dependencies: [
            "SluiceCore", "SluiceSQL", "SluicePlanner", "SluiceFunctions", "SluiceFormats", "SluiceLog", "SluiceEngine",
        ]
    ),
    .target(name: "SluiceDatagen", dependencies: ["SluiceCore"]),
    .executableTarget(
        name: "sluice",
        dependencies: [
            "SluiceCore", "SluiceSQL", "SluicePlanner", "SluiceEngine", "SluiceFormats", "SluiceTesting", "SluiceLog",
            "SluiceDatagen", "SluiceConformance", "SluiceTime", "CReadline", argumentParser,
        ]
    ),

    .testTarget(name: "SluiceCoreTests", dependencies: ["SluiceCore"]),
    .target(name: "SluiceTestSupport", path: "Sources/SluiceTestSupport"),
    .testTarget(name: "SluiceLogTests", dependencies: ["SluiceLog", "CCRC32C", "SluiceTestSupport"]),
    .testTarget(
        name: "SluiceEngineTests",
        dependencies: ["SluiceEngine", "SluiceLog", "SluiceCore", "SluiceTesting", "SluiceTestSupport"],
        exclude: ["sql"]
    ),
    .testTarget(name: "SluiceSQLTests", dependencies: ["SluiceSQL", "SluiceConformance"]),
    .testTarget(name: "SluiceStateTests", dependencies: ["SluiceState"]),
    .testTarget(name: "SluiceDatagenTests", dependencies: ["SluiceDatagen"]),
    .testTarget(name: "SluiceTimeTests", dependencies: ["SluiceTime"]),
    .testTarget(name: "SluiceFormatsTests", dependencies: ["SluiceFormats"]),
    .testTarget(name: "SluiceFunctionsTests", dependencies: ["SluiceCore", "SluiceFunctions"]),
    .testTarget(name: "SluiceRuntimeTests", dependencies: ["SluiceCore", "SluicePlan", "SluiceFunctions", "SluiceRuntime"]),
    .testTarget(
        name: "SluiceGoldenTests", dependencies: ["SluiceSQL", "SluiceEngine", "SluiceLog", "SluiceTestSupport"],
        exclude: ["parser", "plans"]
    ),
    // Drives the built `sluice` binary (REPL through tmux, `run`, forwarding, the examples).
    .testTarget(name: "SluiceCLITests", dependencies: ["SluiceTestSupport"]),
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
