// zlib (Debian's zlib1g-dev, macOS's SDK): the kitty graphics protocol's o=z payloads.
#include <zlib.h>
