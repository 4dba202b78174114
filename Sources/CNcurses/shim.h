// The C side of ncurses for Swift: wide-character curses, plus a static inline function for
// every macro and global LossScope uses (Swift 6 cannot import them directly), and the signal
// flag the run loop polls.
#ifndef LOSSSCOPE_CNCURSES_SHIM_H
#define LOSSSCOPE_CNCURSES_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <stdio.h>
#include <unistd.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <locale.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <wchar.h>

static inline WINDOW *shim_stdscr(void) { return stdscr; }
static inline int shim_colors(void) { return COLORS; }
static inline int shim_color_pairs(void) { return COLOR_PAIRS; }
static inline int shim_err(void) { return ERR; }

static inline attr_t shim_a_normal(void) { return A_NORMAL; }
static inline attr_t shim_a_bold(void) { return A_BOLD; }
static inline attr_t shim_a_dim(void) { return A_DIM; }
static inline attr_t shim_a_reverse(void) { return A_REVERSE; }
static inline attr_t shim_a_underline(void) { return A_UNDERLINE; }

/// Starts curses on standard input and output; NULL (rather than exiting, as initscr does) if
/// the terminal is unusable.
static inline SCREEN *shim_newterm(void) { return newterm(NULL, stdout, stdin); }

/// The terminal's size.
static inline void shim_size(int *rows, int *cols) { getmaxyx(stdscr, *rows, *cols); }

/// Draws one wide character with attributes and an (extended) colour pair.
static inline int shim_put(int y, int x, wchar_t ch, attr_t attrs, int pair) {
  wchar_t text[2] = {ch, 0};
  cchar_t cell;
  setcchar(&cell, text, attrs, 0, &pair);
  return mvadd_wch(y, x, &cell);
}

/// Makes an (extended) colour pair the background of cleared cells.
static inline void shim_set_background(int pair) {
  cchar_t cell;
  wchar_t blank[2] = {L' ', 0};
  setcchar(&cell, blank, A_NORMAL, 0, &pair);
  wbkgrndset(stdscr, &cell);
}

/// Whether terminfo says the terminal reports the mouse (it has a `kmous` key).
static inline int shim_has_mouse(void) {
  char *mouse = tigetstr("kmous");
  return mouse != NULL && mouse != (char *)-1 && mouse[0] != 0;
}

/// Whether terminfo says the terminal takes direct RGB colours.
static inline int shim_has_rgb(void) {
  int flag = tigetflag("RGB");
  return flag > 0 || COLORS >= 0x1000000;
}

// The last terminating signal received (SIGTERM, SIGHUP, SIGINT, SIGQUIT), 0 if none. The handler sets
// this flag and writes a byte to a pipe (the self-pipe trick), so that the run loop, waiting in
// poll() on the terminal and the pipe together, wakes at once and restores the terminal.
static volatile sig_atomic_t shim_signal_received = 0;
static volatile sig_atomic_t shim_resize_received = 0;
static int shim_signal_pipe[2] = {-1, -1};
// The dispositions the handlers replaced, and the signals that were blocked, put back on
// uninstall: the process's signal state is only borrowed while the screen is the dashboard's.
// (Kept in a function's static: file-scope statics without a constant initializer are not
// emitted where Swift imports this header.)
struct shim_saved_signals {
  int installed;
  struct sigaction actions[5];
  sigset_t mask;
};
static inline struct shim_saved_signals *shim_saved(void) {
  static struct shim_saved_signals saved;
  return &saved;
}
static const int shim_signals[] = {SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGWINCH};

static void shim_on_resize(int signal_number) {
  (void)signal_number;
  shim_resize_received = 1;
  if (shim_signal_pipe[1] >= 0) {
    char byte = 2;
    ssize_t ignored = write(shim_signal_pipe[1], &byte, 1);
    (void)ignored;
  }
}

/// Whether SIGWINCH arrived since the last call (the flag is cleared).
static inline int shim_take_resize(void) {
  int received = shim_resize_received;
  shim_resize_received = 0;
  return received;
}

/// Reads the terminal's size from the kernel and tells curses; returns 0 on success.
static inline int shim_update_size(void) {
  struct winsize size;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col == 0 || size.ws_row == 0) return -1;
  return resizeterm(size.ws_row, size.ws_col) == OK ? 0 : -1;
}

/// Empties the self-pipe (the flags say what arrived).
static inline void shim_drain_signal_pipe(void) {
  char buffer[64];
  while (shim_signal_pipe[0] >= 0 && read(shim_signal_pipe[0], buffer, sizeof buffer) > 0) {}
}

static void shim_on_signal(int signal_number) {
  shim_signal_received = signal_number;
  if (shim_signal_pipe[1] >= 0) {
    char byte = 1;
    ssize_t ignored = write(shim_signal_pipe[1], &byte, 1);
    (void)ignored;
  }
}

static inline int shim_pending_signal(void) { return shim_signal_received; }

/// Installs the handlers for SIGTERM, SIGHUP, SIGINT and SIGQUIT (Ctrl-\\ ends the dashboard
/// like Ctrl-C, with the terminal restored, rather than dumping core over it).
static inline void shim_install_signal_handlers(void) {
  struct shim_saved_signals *saved = shim_saved();
  if (saved->installed) return;
  saved->installed = 1;
  shim_signal_received = 0;
  shim_resize_received = 0;
  for (int i = 0; i < 5; i++) sigaction(shim_signals[i], NULL, &saved->actions[i]);
  if (shim_signal_pipe[0] < 0 && pipe(shim_signal_pipe) == 0) {
    fcntl(shim_signal_pipe[0], F_SETFL, O_NONBLOCK);
    fcntl(shim_signal_pipe[1], F_SETFL, O_NONBLOCK);
    fcntl(shim_signal_pipe[0], F_SETFD, FD_CLOEXEC);
    fcntl(shim_signal_pipe[1], F_SETFD, FD_CLOEXEC);
  }
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = shim_on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(SIGTERM, &action, NULL);
  sigaction(SIGHUP, &action, NULL);
  sigaction(SIGINT, &action, NULL);
  sigaction(SIGQUIT, &action, NULL);
  // Our own SIGWINCH handler replaces curses' (which only acts inside getch, never called: the
  // run loop reads the terminal's bytes itself).
  struct sigaction resize;
  memset(&resize, 0, sizeof resize);
  resize.sa_handler = shim_on_resize;
  sigemptyset(&resize.sa_mask);
  resize.sa_flags = 0;
  sigaction(SIGWINCH, &resize, NULL);
  // A parent may have left these blocked (test runners and some launchers do); without them a
  // resize or a termination would never reach us.
  sigset_t wanted;
  sigemptyset(&wanted);
  sigaddset(&wanted, SIGTERM);
  sigaddset(&wanted, SIGHUP);
  sigaddset(&wanted, SIGINT);
  sigaddset(&wanted, SIGQUIT);
  sigaddset(&wanted, SIGWINCH);
  sigprocmask(SIG_UNBLOCK, &wanted, &saved->mask);
}

/// Puts back what the handlers replaced (dispositions and blocked signals), clears the flags and
/// closes the pipe: after it, the process is as it was before the dashboard took the screen.
static inline void shim_uninstall_signal_handlers(void) {
  struct shim_saved_signals *saved = shim_saved();
  if (!saved->installed) return;
  saved->installed = 0;
  for (int i = 0; i < 5; i++) sigaction(shim_signals[i], &saved->actions[i], NULL);
  sigprocmask(SIG_SETMASK, &saved->mask, NULL);
  shim_signal_received = 0;
  shim_resize_received = 0;
  for (int i = 0; i < 2; i++) {
    if (shim_signal_pipe[i] >= 0) close(shim_signal_pipe[i]);
    shim_signal_pipe[i] = -1;
  }
}

/// Waits until the terminal has input, a signal arrives, or the timeout passes (-1: forever).
/// Returns 1 for input, 0 for a timeout, -1 when interrupted (a signal, or SIGWINCH).
static inline int shim_wait_for_input(int timeout_ms) {
  struct pollfd fds[2];
  fds[0].fd = STDIN_FILENO;
  fds[0].events = POLLIN;
  fds[1].fd = shim_signal_pipe[0];
  fds[1].events = POLLIN;
  int ready = poll(fds, shim_signal_pipe[0] >= 0 ? 2 : 1, timeout_ms);
  if (ready < 0) return -1;
  if (ready == 0) return 0;
  if (fds[1].revents & POLLIN) return -1;
  return 1;
}

#endif
