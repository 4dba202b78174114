// swift-tools-version: 6.1
// libFuzzer targets for every parser LossScope exposes. Nested, so that ordinary builds never
// compile them; Tests/Fuzz/run.sh builds them with -sanitize=fuzzer,address and runs them.
import PackageDescription

let targets = [
  "fuzz-eval", "fuzz-theme", "fuzz-asciicast", "fuzz-scenario", "fuzz-keys", "fuzz-limits",
  "fuzz-sanitizer", "fuzz-state", "fuzz-replay", "fuzz-script",
]

let package = Package(
  name: "LossScopeFuzz",
  dependencies: [.package(name: "LossScope", path: "../..")],
  targets: [.target(name: "FuzzSupport")]
    + targets.map { name in
      .executableTarget(
        name: name,
        dependencies: [
          "FuzzSupport",
          .product(name: "Losses", package: "LossScope"),
          .product(name: "Evaluation", package: "LossScope"),
          .product(name: "JSON", package: "LossScope"),
          .product(name: "SafeText", package: "LossScope"),
          .product(name: "Dashboard", package: "LossScope"),
          .product(name: "TerminalInput", package: "LossScope"),
          .product(name: "Asciicast", package: "LossScope"),
          .product(name: "Replay", package: "LossScope"),
          .product(name: "TerminalUI", package: "LossScope"),
          .product(name: "Export", package: "LossScope"),
        ],
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
      )
    }
)
