// libqrencode (Debian: libqrencode-dev).
#ifndef AVBROTT_CQRENCODE_SHIM_H
#define AVBROTT_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
