// Gives the user's terminal back when LossScope crashes or is sent a fatal signal.
#ifndef LOSSSCOPE_TERMINAL_GUARD_H
#define LOSSSCOPE_TERMINAL_GUARD_H

/// Saves the terminal's mode (if standard input is a terminal) and installs handlers for the
/// fatal signals (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT). On such a
/// signal the handler restores the saved mode, leaves the alternate screen and shows the cursor
/// if the screen was taken, writes one line to standard error, and dies of the same signal
/// with the default action. Swift's interactive crash reporter is replaced: it would print a
/// backtrace over the dashboard and wait for input in a terminal left raw.
void terminal_guard_install(void);

/// Says whether the program has the alternate screen (so that a crash leaves it).
void terminal_guard_set_screen_active(int active);

#endif
