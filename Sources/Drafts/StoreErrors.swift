import GRDB

/// SQLite's errors in words a clerk can act on.
enum StoreErrors {
    static func swedish(_ error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "databasen är låst av ett annat program som skriver i den; försök igen om en stund"
        case .SQLITE_READONLY:
            return "databasen går inte att skriva i (skrivskyddad fil eller mapp)"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return "databasfilen är skadad eller ingen databas"
        case .SQLITE_FULL:
            return "disken är full"
        case .SQLITE_CANTOPEN:
            return "databasfilen kan inte öppnas (finns mappen kvar, och har du behörighet?)"
        case .SQLITE_IOERR:
            return "läs- eller skrivfel på disken (har arbetsytan tagits bort?)"
        case .SQLITE_PERM, .SQLITE_AUTH:
            return "behörighet saknas"
        case .SQLITE_CONSTRAINT:
            return "ändringen bryter mot databasens regler (\(error.message ?? "okänd regel"))"
        default:
            return "SQLite-fel \(error.resultCode.rawValue)"
        }
    }
}
