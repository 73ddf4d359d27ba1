// Tesseract C API (Debian: libtesseract-dev, tesseract-ocr-swe).
#ifndef AVBROTT_CTESSERACT_SHIM_H
#define AVBROTT_CTESSERACT_SHIM_H
#include <tesseract/capi.h>
#include <dlfcn.h>

/// Debian's Tesseract is built with OpenMP. On small field crops its worker
/// threads cost far more in wake-ups than they save, and avbrott already
/// reads pages in parallel: keep OpenMP to one thread on the calling thread.
/// Looked up at run time, so nothing links against libgomp directly.
static inline void avb_openmp_single_thread(void) {
    void (*set_threads)(int) = (void (*)(int))dlsym(RTLD_DEFAULT, "omp_set_num_threads");
    if (set_threads != 0) set_threads(1);
}
#endif
