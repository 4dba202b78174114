// Pseudo-terminal calls for the recorder. glibc declares posix_openpt, grantpt, unlockpt and
// ptsname_r, and defines POSIX_SPAWN_SETSID, only under _GNU_SOURCE; that macro is defined in
// pseudo_terminal.c alone, so no other module sees a changed system header.
#ifndef LOSSSCOPE_PSEUDO_TERMINAL_H
#define LOSSSCOPE_PSEUDO_TERMINAL_H

#include <stddef.h>

/// Opens a pseudo-terminal master and writes the slave's path; returns the master, or -1.
int shim_open_pseudo_terminal(char *slave_path, size_t capacity);

/// glibc's POSIX_SPAWN_SETSID: start the child in a new session.
short shim_spawn_setsid(void);

#endif
