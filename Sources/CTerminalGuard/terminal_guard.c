#include "terminal_guard.h"

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_mode;
static volatile sig_atomic_t have_saved_mode = 0;
static volatile sig_atomic_t screen_active = 0;

static void write_all(int fd, const char *text) {
  size_t length = strlen(text);
  while (length > 0) {
    ssize_t n = write(fd, text, length);
    if (n <= 0) return;
    text += n;
    length -= (size_t)n;
  }
}

// Only async-signal-safe calls: tcsetattr, write, signal, raise.
static void on_fatal_signal(int number) {
  if (have_saved_mode) tcsetattr(STDIN_FILENO, TCSANOW, &saved_mode);
  if (screen_active) {
    // Reset attributes, show the cursor, leave the alternate screen, and stop mouse reports.
    write_all(STDOUT_FILENO, "\033[0m\033[?25h\033[?1049l\033[?1000l\033[?1002l\033[?1006l\r\n");
  }
  const char *name = "a fatal signal";
  switch (number) {
  case SIGSEGV: name = "SIGSEGV"; break;
  case SIGBUS: name = "SIGBUS"; break;
  case SIGILL: name = "SIGILL (a failed check)"; break;
  case SIGFPE: name = "SIGFPE"; break;
  case SIGABRT: name = "SIGABRT"; break;
  case SIGTRAP: name = "SIGTRAP (a failed check)"; break;
  case SIGQUIT: name = "SIGQUIT"; break;
  }
  write_all(STDERR_FILENO, "lossscope: stopped by ");
  write_all(STDERR_FILENO, name);
  write_all(STDERR_FILENO, "; the terminal was restored\n");
  signal(number, SIG_DFL);
  raise(number);
}

void terminal_guard_install(void) {
  if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_mode) == 0) have_saved_mode = 1;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_fatal_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  const int signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT};
  for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaction(signals[i], &action, NULL);
}

void terminal_guard_set_screen_active(int active) { screen_active = active; }
