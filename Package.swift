// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "LossScope",
  products: [
    .executable(name: "lossscope", targets: ["lossscope"]),
    .library(name: "Autograd", targets: ["Autograd"]),
    .library(name: "Losses", targets: ["Losses"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
  ],
  targets: [
    // Tensors, the recorded graph, backward(), gradcheck, Linear and the optimizers.
    .target(name: "Autograd"),
    // The PyTorch loss family on top of Autograd, plus fused kernels.
    .target(name: "Losses", dependencies: ["Autograd"]),
    // The executable: argument parsing and commands only.
    .executableTarget(
      name: "lossscope",
      dependencies: [
        "Autograd", "Losses",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "AutogradTests",
      dependencies: [
        "Autograd",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "LossesTests",
      dependencies: ["Losses", "Autograd"]
    ),
    // Drives the real `lossscope` binary: pipes, exit codes, and (with tmux) the terminal.
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["Losses"]
    ),
  ]
)
