/// libyaml's problems in Swedish: no English from the parser reaches the
/// person who edits a configuration file.
enum YAMLProblem {
    static let translations: [(english: String, swedish: String)] = [
        ("did not find expected ','", "ett kommatecken saknas mellan värdena"),
        ("did not find expected ',' or ']'", "ett kommatecken eller ] saknas"),
        ("did not find expected ',' or '}'", "ett kommatecken eller } saknas"),
        ("did not find expected key", "en nyckel saknas (fel indrag?)"),
        ("did not find expected node content", "ett värde saknas"),
        ("did not find expected '-' indicator", "ett - saknas före listans värde (fel indrag?)"),
        ("could not find expected ':'", "ett kolon saknas efter nyckeln"),
        (
            "mapping values are not allowed in this context",
            "ett kolon står där inget får stå (citattecken runt värdet?)"
        ),
        ("found character that cannot start any token", "ett tecken som inte får inleda ett värde (t.ex. @ eller `)"),
        ("found a tab character that violates indentation", "tabbtecken i indraget: använd mellanslag"),
        ("found a tab character where an indentation space is expected", "tabbtecken i indraget: använd mellanslag"),
        (
            "found unexpected end of stream",
            "filen tar slut mitt i ett värde (ett citattecken eller en parentes stängs inte)"
        ),
        ("found unknown escape character", "en okänd \\-följd i ett citerat värde"),
        ("found undefined tag handle", "en okänd !-tagg"),
        ("found duplicate anchor", "samma &-ankare två gånger"),
        ("found undefined alias", "ett *-alias som inte finns"),
        ("block sequence entries are not allowed in this context", "ett - står där ingen lista får börja"),
        ("found unexpected ':'", "ett oväntat kolon"),
        ("found incomplete UTF-8 octet sequence", "filen är inte giltig UTF-8-text"),
        ("invalid leading UTF-8 octet", "filen är inte giltig UTF-8-text"),
        ("control characters are not allowed", "filen innehåller styrtecken"),
        ("found invalid Unicode character escape code", "en ogiltig Unicode-följd"),
        ("while scanning a quoted scalar", "ett citerat värde stängs inte"),
    ]

    /// The Swedish for libyaml's `problem`; a problem not in the table is
    /// named by its kind only, never in English.
    static func swedish(_ problem: String) -> String {
        let lowered = problem.lowercased()
        if let known = translations.first(where: { lowered.hasPrefix($0.english.lowercased()) }) {
            return known.swedish
        }
        return "syntaxfel (indrag, kolon, citattecken eller parenteser stämmer inte)"
    }
}
