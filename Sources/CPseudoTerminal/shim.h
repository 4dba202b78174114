// Pseudo-terminal calls for the recorder. glibc declares them only under feature macros that,
// defined here, would change shared system structs and clash with other Clang modules, so the
// prototypes (identical to glibc's) are declared directly.
#ifndef LOSSSCOPE_CPSEUDOTERMINAL_SHIM_H
#define LOSSSCOPE_CPSEUDOTERMINAL_SHIM_H

#include <fcntl.h>
#include <stddef.h>
#include <unistd.h>

extern int posix_openpt(int flags);
extern int grantpt(int fd);
extern int unlockpt(int fd);
extern int ptsname_r(int fd, char *buffer, size_t length);

/// Opens a pseudo-terminal master and writes the slave's path; returns the master, or -1.
static inline int shim_open_pseudo_terminal(char *slave_path, size_t capacity) {
  int master = posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0) return -1;
  if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, slave_path, capacity) != 0) {
    close(master);
    return -1;
  }
  return master;
}

/// glibc's POSIX_SPAWN_SETSID (2.26 and later): start the child in a new session.
static inline short shim_spawn_setsid(void) { return 0x80; }

#endif
