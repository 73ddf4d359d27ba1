// Leptonica (Debian: libleptonica-dev).
#ifndef AVBROTT_CLEPTONICA_SHIM_H
#define AVBROTT_CLEPTONICA_SHIM_H
#include <leptonica/allheaders.h>
#endif
