// Signals as bytes on a pipe (the self-pipe trick), for run loops that wait in poll(): the
// dashboard's terminal backend and the recorder. One pipe per process.
#ifndef LOSSSCOPE_SIGNAL_PIPE_H
#define LOSSSCOPE_SIGNAL_PIPE_H

/// Installs a handler for each of `signals` that writes the signal's number (one byte) to a
/// non-blocking pipe, and unblocks them (a parent may have left them blocked). The dispositions
/// and the mask it replaces are saved for `signal_pipe_uninstall`. Returns the pipe's read end,
/// or -1 when no pipe could be made (nothing is changed then). At most 16 signals.
int signal_pipe_install(const int *signals, int count);

/// Reads the numbers of the signals that arrived since the last call, up to `capacity` of them
/// (in arrival order); returns how many.
int signal_pipe_drain(int *numbers, int capacity);

/// Puts back the saved dispositions and signal mask and closes the pipe: the process's signal
/// state is as it was before `signal_pipe_install`. Safe to call when nothing is installed.
void signal_pipe_uninstall(void);

#endif
