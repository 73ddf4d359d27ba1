// Poppler's GLib API (Debian: libpoppler-glib-dev) and cairo: PDF pages
// rendered in memory, one at a time; nothing is written to disk.
#ifndef AVBROTT_CPOPPLER_SHIM_H
#define AVBROTT_CPOPPLER_SHIM_H
#include <poppler.h>
#include <cairo.h>

/// A document from `count` bytes at `bytes` (GLib keeps its own copy), or NULL with `*error` set.
static inline PopplerDocument *avb_poppler_open(const void *bytes, gsize count, GError **error) {
    GBytes *data = g_bytes_new(bytes, count);
    PopplerDocument *document = poppler_document_new_from_bytes(data, NULL, error);
    g_bytes_unref(data);
    return document;
}

/// Whether `error` says the document needs a password.
static inline int avb_poppler_is_encrypted(const GError *error) {
    return error != NULL && error->domain == POPPLER_ERROR && error->code == POPPLER_ERROR_ENCRYPTED;
}

/// Releases a GObject (a document or a page).
static inline void avb_g_object_release(gpointer object) { g_object_unref(object); }
#endif
