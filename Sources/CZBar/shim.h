// ZBar (Debian: libzbar-dev).
#ifndef AVBROTT_CZBAR_SHIM_H
#define AVBROTT_CZBAR_SHIM_H
#include <zbar.h>
#endif
