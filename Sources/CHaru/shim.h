// libharu (Debian: libhpdf-dev).
#ifndef AVBROTT_CHARU_SHIM_H
#define AVBROTT_CHARU_SHIM_H
#include <hpdf.h>
#endif
