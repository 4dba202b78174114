// The C side of ncurses for Swift: wide-character curses, plus a static inline function for
// every macro and global LossScope uses (Swift 6 cannot import them directly). Signals reach
// the run loop through CSignalPipe.
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

/// Reads the terminal's size from the kernel and tells curses; returns 0 on success.
static inline int shim_update_size(void) {
  struct winsize size;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col == 0 || size.ws_row == 0) return -1;
  return resizeterm(size.ws_row, size.ws_col) == OK ? 0 : -1;
}

/// Waits until the terminal has input, a byte arrives on the signal pipe `signal_fd` (-1: none),
/// or the timeout passes (-1: forever). Returns 1 for input, 0 for a timeout, -1 when
/// interrupted (a signal).
static inline int shim_wait_for_input(int signal_fd, int timeout_ms) {
  struct pollfd fds[2];
  fds[0].fd = STDIN_FILENO;
  fds[0].events = POLLIN;
  fds[1].fd = signal_fd;
  fds[1].events = POLLIN;
  int ready = poll(fds, signal_fd >= 0 ? 2 : 1, timeout_ms);
  if (ready < 0) return -1;
  if (ready == 0) return 0;
  if (fds[1].revents & POLLIN) return -1;
  return 1;
}

#endif
