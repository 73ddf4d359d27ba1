/// The program's version, in one place: `avbrott --version` prints it, the
/// binder's cover shows it, and `scripts/build-deb.sh` names the package by
/// asking the built binary.
public enum ProgramVersion {
    public static let current = "0.6.0"
}
