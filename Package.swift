// swift-tools-version: 6.1
import PackageDescription

// The loss kernels are built for the machine that builds them: LossScope is run where it is
// built (`swift run`), and the fused cross-entropy is 3× faster with the host's vector width and
// fused multiply-add. Set LOSSSCOPE_PORTABLE=1 to build a binary for other x86-64 machines.
let portable = Context.environment["LOSSSCOPE_PORTABLE"] != nil
#if arch(x86_64)
  let kernelSettings: [SwiftSetting] =
    portable ? [] : [.unsafeFlags(["-target-cpu", "native"]), .define("LOSSSCOPE_FMA")]
#elseif arch(arm64)
  let kernelSettings: [SwiftSetting] = [.define("LOSSSCOPE_FMA")]
#else
  let kernelSettings: [SwiftSetting] = []
#endif

let package = Package(
  name: "LossScope",
  products: [
    .executable(name: "lossscope", targets: ["lossscope"]),
    .library(name: "Autograd", targets: ["Autograd"]),
    .library(name: "Losses", targets: ["Losses"]),
    .library(name: "Evaluation", targets: ["Evaluation"]),
    .library(name: "Training", targets: ["Training"]),
    .library(name: "Benchmarks", targets: ["Benchmarks"]),
    .library(name: "JSON", targets: ["JSON"]),
    .library(name: "SafeText", targets: ["SafeText"]),
    .library(name: "Canvas", targets: ["Canvas"]),
    .library(name: "TerminalInput", targets: ["TerminalInput"]),
    .library(name: "Dashboard", targets: ["Dashboard"]),
    .library(name: "Asciicast", targets: ["Asciicast"]),
    .library(name: "Replay", targets: ["Replay"]),
    .library(name: "Recorder", targets: ["Recorder"]),
    .library(name: "TerminalUI", targets: ["TerminalUI"]),
    .library(name: "Export", targets: ["Export"]),
    .library(name: "Pixels", targets: ["Pixels"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.7"),
    .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
  ],
  targets: [
    // Tensors, the recorded graph, backward(), gradcheck, Linear and the optimizers.
    // Release builds skip the run-time exclusivity checks on Tensor's stored properties: they
    // were a fifth of the seed's training step (debug builds, and so the tests, keep them).
    .target(
      name: "Autograd",
      swiftSettings: [
        .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
      ]),
    // Text from outside made safe to echo on a terminal (no escape sequence gets through), and
    // the one way bytes are written to a descriptor.
    .target(name: "SafeText"),
    // Strict JSON for untrusted input: the parser, its values, nested arrays of numbers, and the
    // size limits every parser and command checks before allocating.
    .target(name: "JSON", dependencies: ["SafeText"]),
    // The PyTorch loss family on top of Autograd, plus fused kernels: the loss functions and
    // nothing else.
    .target(
      name: "Losses", dependencies: ["Autograd", "SafeText"], exclude: ["Kernels/README.md"],
      swiftSettings: kernelSettings),
    // `eval`'s service: JSON requests to the loss library and back, with the limits checked
    // before anything is allocated.
    .target(name: "Evaluation", dependencies: ["Losses", "Autograd", "JSON", "SafeText"]),
    // A Linear layer trained with cross-entropy, as `train` and the train-linear lesson run it.
    .target(name: "Training", dependencies: ["Losses", "Autograd"]),
    // The measured workloads of `bench` and of the large-vocab lesson: timings, peak memory, and
    // the measurement types they return.
    .target(
      name: "Benchmarks", dependencies: ["Losses", "Autograd", "Training"],
      swiftSettings: kernelSettings),
    // Cells, styles, themes, the diff and the ANSI encoders: a grid that widgets draw into, knowing
    // no model type.
    .target(name: "Canvas"),
    // Plots in real pixels: a picture's description, the rasteriser (a pure function to an RGBA
    // image) and the sixel and kitty encoders (pure too). zlib through CZlib for kitty's o=z.
    .systemLibrary(name: "CZlib"),
    .target(name: "Pixels", dependencies: ["CZlib"]),
    // Keys and mouse reports, and the one decoder from a terminal's bytes to them.
    .target(name: "TerminalInput", dependencies: ["SafeText"]),
    // The pure dashboard: state, inputs, the step function, keymap, analysis, layout and widgets
    // drawn into a Canvas. No terminal calls, so every frame can be tested as text.
    .target(
      name: "Dashboard",
      dependencies: [
        "Canvas", "TerminalInput", "Benchmarks", "Losses", "Autograd", "Training", "JSON", "Pixels",
        "SafeText",
      ]),
    // The asciicast v2/v3 file format: header, events, reader and writer (no dashboard import).
    .target(name: "Asciicast", dependencies: ["JSON", "SafeText"]),
    // Recordings as inputs to the step function: the session events, the timeline that can seek,
    // playback, and demo scripts recorded without a terminal.
    .target(
      name: "Replay",
      dependencies: [
        "Dashboard", "Asciicast", "Canvas", "TerminalInput", "Benchmarks", "JSON", "SafeText",
      ]),
    // `lossscope record`: the pseudo-terminal, the child process, raw mode and signals, and the
    // relay of the dashboard's stream into the file.
    .target(
      name: "Recorder",
      dependencies: ["Asciicast", "JSON", "SafeText", "CPseudoTerminal", "CSignalPipe"]),
    // posix_openpt and friends, which glibc declares only under _GNU_SOURCE (defined in its one
    // C file, so no other module sees a changed system header).
    .target(name: "CPseudoTerminal"),
    // Signals as bytes on a pipe for poll()-based run loops, with the process's dispositions and
    // mask put back afterwards (async-signal-safe C).
    .target(name: "CSignalPipe"),
    // Restores the terminal on a crash or a fatal signal (async-signal-safe C, nothing else).
    .target(name: "CTerminalGuard"),
    // ncurses, the system library: a module map and a shim, nothing else.
    .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
    // The front end: the run loops over the TerminalBackend seam (ncurses, and in memory for
    // tests), the colour ladder, themes and signals.
    .target(
      name: "TerminalUI",
      dependencies: [
        "Dashboard", "Canvas", "TerminalInput", "Replay", "Recorder", "Export", "Benchmarks",
        "SafeText", "CNcurses", "CSignalPipe", "CTerminalGuard", "Pixels",
        .product(name: "TOMLKit", package: "TOMLKit"),
      ]),
    // Frames and recordings as pictures: SVG, HTML pages and the HTML player, re-rendered
    // through the dashboard (no run loop of its own: a recording's states come from Replay).
    .target(
      name: "Export", dependencies: ["Dashboard", "Canvas", "Pixels", "Replay", "JSON", "SafeText"]),
    // The executable: argument parsing and commands only.
    .executableTarget(
      name: "lossscope",
      dependencies: [
        "Autograd", "Losses", "Evaluation", "Training", "Benchmarks", "Canvas", "TerminalInput",
        "Dashboard", "Asciicast", "Replay", "Recorder", "TerminalUI", "Export", "JSON", "SafeText",
        "Pixels",
        "CTerminalGuard",
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
      dependencies: ["Losses", "Evaluation", "Training", "Benchmarks", "Autograd", "JSON"]
    ),
    .testTarget(name: "JSONTests", dependencies: ["JSON", "SafeText"]),
    .testTarget(name: "PixelsTests", dependencies: ["Pixels"]),
    .testTarget(
      name: "DashboardTests",
      dependencies: [
        "Dashboard", "Canvas", "TerminalInput", "Losses", "Benchmarks", "JSON", "Pixels",
        .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
      ],
      exclude: ["__Snapshots__"]
    ),
    .testTarget(
      name: "TerminalUITests",
      dependencies: [
        "TerminalUI", "Dashboard", "Canvas", "TerminalInput", "Asciicast", "Replay", "Recorder",
        "Export", "Benchmarks", "Losses", "Pixels",
      ]),
    .testTarget(
      name: "SessionTests",
      dependencies: [
        "Asciicast", "Replay", "Recorder", "Dashboard", "Canvas", "TerminalInput", "Benchmarks",
        "Losses", "JSON",
      ]),
    // The command line parsed in process: defaults, validation and help, without running.
    .testTarget(
      name: "CommandTests",
      dependencies: [
        "lossscope", "Dashboard",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
      ],
      exclude: ["__Snapshots__"]
    ),
    // Drives the real `lossscope` binary: pipes, exit codes, and (with tmux) the terminal.
    .testTarget(
      name: "EndToEndTests",
      dependencies: [
        "Autograd", "Losses", "Asciicast", "Recorder", "TerminalInput", "JSON", "SafeText",
        "Canvas", "Dashboard", "Replay", "Export", "TerminalUI", "CPseudoTerminal", "Pixels",
      ]
    ),
  ]
)
