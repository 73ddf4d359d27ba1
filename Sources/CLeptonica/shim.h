// Leptonica (Debian: libleptonica-dev).
#ifndef AVBROTT_CLEPTONICA_SHIM_H
#define AVBROTT_CLEPTONICA_SHIM_H
#include <leptonica/allheaders.h>

/// Silences Leptonica's own stderr messages; callers report failures as Swift errors.
static inline void avb_lept_silence(void) {
    setMsgSeverity(L_SEVERITY_NONE);
}

/// pixDestroy through a plain pointer (it takes PIX** and clears it).
static inline void avb_pix_destroy(PIX *pix) {
    PIX *p = pix;
    pixDestroy(&p);
}

/// pixaDestroy through a plain pointer.
static inline void avb_pixa_destroy(PIXA *pixa) {
    PIXA *p = pixa;
    pixaDestroy(&p);
}
#endif
