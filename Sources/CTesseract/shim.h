// Tesseract C API (Debian: libtesseract-dev, tesseract-ocr-swe).
#ifndef AVBROTT_CTESSERACT_SHIM_H
#define AVBROTT_CTESSERACT_SHIM_H
#include <tesseract/capi.h>
#endif
