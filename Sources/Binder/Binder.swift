// Binder module.
