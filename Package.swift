// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Sluice",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sluice", targets: ["sluice"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .target(name: "SluiceCore"),
        .target(name: "SluicePlan", dependencies: ["SluiceCore"]),
        .target(name: "SluiceFormats", dependencies: ["SluiceCore"]),
        .executableTarget(name: "formats-bench", dependencies: ["SluiceFormats"], path: "Benchmarks/FormatsBench"),
        .executableTarget(
            name: "sluice",
            dependencies: [
                "SluiceCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SluiceCoreTests", dependencies: ["SluiceCore"]),
        .testTarget(name: "SluiceFormatsTests", dependencies: ["SluiceFormats"]),
    ],
    swiftLanguageModes: [.v6]
)
