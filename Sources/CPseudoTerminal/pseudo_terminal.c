// glibc's own declarations of the pseudo-terminal calls and of POSIX_SPAWN_SETSID.
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <unistd.h>

#include "pseudo_terminal.h"

int shim_open_pseudo_terminal(char *slave_path, size_t capacity) {
  int master = posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0) return -1;
  if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, slave_path, capacity) != 0) {
    close(master);
    return -1;
  }
  return master;
}

short shim_spawn_setsid(void) { return POSIX_SPAWN_SETSID; }
