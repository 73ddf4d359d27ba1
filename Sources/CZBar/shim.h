// ZBar (Debian: libzbar-dev).
#ifndef AVBROTT_CZBAR_SHIM_H
#define AVBROTT_CZBAR_SHIM_H
#include <zbar.h>

/// The fourcc of 8-bit greyscale ("Y800"); zbar_fourcc is a macro Swift cannot call.
static inline unsigned long avb_zbar_fourcc_y800(void) {
    return zbar_fourcc('Y', '8', '0', '0');
}
#endif
