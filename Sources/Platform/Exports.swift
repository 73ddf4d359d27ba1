// Paths and file descriptors are swift-system's everywhere the tool touches files.
@_exported import SystemPackage
