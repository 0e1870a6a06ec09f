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
        .target(name: "CCRC32C"),
        .target(name: "SluiceLog", dependencies: ["SluiceCore", "CCRC32C"]),
        .executableTarget(
            name: "sluice",
            dependencies: [
                "SluiceCore",
                "SluiceLog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SluiceCoreTests", dependencies: ["SluiceCore"]),
        .testTarget(name: "SluiceLogTests", dependencies: ["SluiceLog", "CCRC32C"]),
    ],
    swiftLanguageModes: [.v6]
)
