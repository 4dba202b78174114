import CPseudoTerminal
import Foundation

/// Starts a program with `posix_spawn`, nothing blocked and every signal at its default: a
/// child inherits its parent's signal mask and ignored signals, and a test runner's worker
/// thread or the recorder's own handling must not leak into the program started. The recorder
/// and the end-to-end tests' process helper both start programs this way.
///
/// - Parameters:
///   - path: The executable.
///   - arguments: Its arguments, without `argv[0]` (the path is passed as that).
///   - actions: The file actions: descriptors to open, duplicate and close in the child.
///   - newSession: Start the child as the leader of a new session (before the file actions run,
///     so a terminal opened by them becomes its controlling terminal).
/// - Returns: The child's process ID, or `nil` when it could not be started.
package func spawnProcess(
  _ path: String, arguments: [String], actions: inout posix_spawn_file_actions_t,
  newSession: Bool = false
) -> pid_t? {
  var attributes = posix_spawnattr_t()
  posix_spawnattr_init(&attributes)
  defer { posix_spawnattr_destroy(&attributes) }
  var empty = sigset_t()
  sigemptyset(&empty)
  var all = sigset_t()
  sigfillset(&all)
  sigdelset(&all, SIGKILL)
  sigdelset(&all, SIGSTOP)
  posix_spawnattr_setsigmask(&attributes, &empty)
  posix_spawnattr_setsigdefault(&attributes, &all)
  posix_spawnattr_setflags(
    &attributes,
    (newSession ? shim_spawn_setsid() : 0) | Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
  var pid: pid_t = 0
  let argv = ([path] + arguments).map { strdup($0) } + [nil]
  defer { for pointer in argv { free(pointer) } }
  return posix_spawn(&pid, path, &actions, &attributes, argv, environ) == 0 ? pid : nil
}
