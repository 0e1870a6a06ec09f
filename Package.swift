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
        .target(name: "SluiceTime", dependencies: ["SluiceCore"]),
        .target(name: "SluicePlan", dependencies: ["SluiceCore"]),
        .target(name: "SluicePlanner", dependencies: ["SluiceCore", "SluicePlan"]),
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        .executableTarget(
            name: "sluice",
            dependencies: [
                "SluiceCore",
                "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SluiceCoreTests", dependencies: ["SluiceCore"]),
        .testTarget(name: "SluiceTimeTests", dependencies: ["SluiceTime", "SluiceCore"]),
    ],
    swiftLanguageModes: [.v6]
)
