#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "signal_pipe.h"

enum { MAXIMUM_SIGNALS = 16 };

static int pipe_ends[2] = {-1, -1};
static int installed_count = 0;
static int installed_signals[MAXIMUM_SIGNALS];
static struct sigaction previous_actions[MAXIMUM_SIGNALS];
static sigset_t previous_mask;

// Async-signal-safe: write(2) only, errno preserved.
static void on_signal(int number) {
  int saved = errno;
  unsigned char byte = (unsigned char)number;
  if (pipe_ends[1] >= 0) {
    ssize_t ignored = write(pipe_ends[1], &byte, 1);
    (void)ignored;
  }
  errno = saved;
}

int signal_pipe_install(const int *signals, int count) {
  if (installed_count > 0) return pipe_ends[0];
  if (count > MAXIMUM_SIGNALS) count = MAXIMUM_SIGNALS;
  if (pipe(pipe_ends) != 0) {
    pipe_ends[0] = pipe_ends[1] = -1;
    return -1;
  }
  for (int i = 0; i < 2; i++) {
    fcntl(pipe_ends[i], F_SETFL, O_NONBLOCK);
    fcntl(pipe_ends[i], F_SETFD, FD_CLOEXEC);
  }
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigset_t wanted;
  sigemptyset(&wanted);
  for (int i = 0; i < count; i++) {
    installed_signals[i] = signals[i];
    sigaction(signals[i], &action, &previous_actions[i]);
    sigaddset(&wanted, signals[i]);
  }
  installed_count = count;
  sigprocmask(SIG_UNBLOCK, &wanted, &previous_mask);
  return pipe_ends[0];
}

int signal_pipe_drain(int *numbers, int capacity) {
  int found = 0;
  unsigned char byte;
  while (pipe_ends[0] >= 0 && read(pipe_ends[0], &byte, 1) == 1) {
    if (found < capacity) numbers[found++] = byte;
  }
  return found;
}

void signal_pipe_uninstall(void) {
  if (installed_count == 0) return;
  for (int i = 0; i < installed_count; i++) {
    sigaction(installed_signals[i], &previous_actions[i], NULL);
  }
  sigprocmask(SIG_SETMASK, &previous_mask, NULL);
  installed_count = 0;
  for (int i = 0; i < 2; i++) {
    if (pipe_ends[i] >= 0) close(pipe_ends[i]);
    pipe_ends[i] = -1;
  }
}
