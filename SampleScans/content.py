"""What is written on the sample sheets: invented people, the content of each
form (with its deliberate errors) and the truth.json value of every field.

Every person, number and text is invented: obviously fictional names and
Luhn-valid personnummer, some of them samordningsnummer (day + 60).
"""
from dataclasses import dataclass, field

from drawing import make_writer

# The outage week the forms were filled in, and the week they were registered.
OUTAGE_DAYS = ["2026-10-12", "2026-10-13", "2026-10-14", "2026-10-15", "2026-10-16"]
REGISTER_DAYS = ["2026-10-19", "2026-10-20", "2026-10-21", "2026-10-22", "2026-10-23"]
REFERENCE = (2026, 10, 19)  # the day of the scan: personnummer centuries are resolved against it

# ------------------------------------------------------------------ invented people

FIRST_NAMES = ["Åsa", "Örjan", "Märta", "Kalle", "Pelle", "Lisa", "Fia", "Åke", "Göran", "Britt",
               "Sören", "Ulla", "Jöns", "Maja", "Ebbe", "Stina", "Nils", "Greta", "Ture", "Elsa",
               "Bosse", "Inga", "Kjell", "Solveig"]
SURNAMES = ["Exempelsson", "Påhittad", "Låtsasson", "Fiktivsdotter", "Provkvist", "Testberg",
            "Övningsson", "Modellén", "Dummelin", "Skenström", "Attrappsson", "Simulén",
            "Påhittsson", "Låtsasberg", "Testlund", "Fejkström"]
STAFF = ["E. Exempeldotter", "H. Handläggarsson", "K. Chefsson", "B. Beslutsson",
         "A. Arbetsledarsson", "S. Socionomsson", "M. Mallström", "T. Teamledén"]
SHORT_DECIDERS = ["K. Chefsson", "B. Beslutsson", "T. Teamledén"]
WORKPLACES = ["Mottagningen", "Hemtjänst Norr", "Ekonomiskt bistånd", "Utredning plan 3",
              "Hemtjänst Söder", "Socialjouren"]
INSATSER = ["Försörjningsstöd okt", "Hyra november", "Kontaktperson", "Matpengar",
            "Akut boende 3 nätter", "Hemtjänst, service", "Elräkning", "Läkarvård och medicin",
            "Barnomsorgsavgift", "Glasögon"]
ANDAMAL = ["Mat", "Mat och hygien", "Matpengar", "Hygien", "Mat, akut", "Kläder barn", "Blöjor"]
ANNAT = ["Anmälan", "Yttrande", "Orosanmälan", "Kallelse", "Intyg"]


def luhn_digit(nine):
    total = 0
    for i, ch in enumerate(nine):
        v = int(ch) * (2 if i % 2 == 0 else 1)
        total += v // 10 + v % 10
    return str((10 - total % 10) % 10)


def days_in_month(y, m):
    if m == 2:
        return 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28
    return 30 if m in (4, 6, 9, 11) else 31


@dataclass
class Person:
    name: str
    digits: str  # ten digits as written, ÅÅMMDDNNNN
    year: int    # the full birth year, for the normalised form


def invent_person(rng, used, samordning=False):
    while True:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        if name not in used:
            used.add(name)
            break
    year = int(rng.integers(1936, 2025))
    month = int(rng.integers(1, 13))
    day = int(rng.integers(1, days_in_month(year, month) + 1))
    if samordning:
        day += 60
    serial = f"{int(rng.integers(0, 1000)):03d}"
    nine = f"{year % 100:02d}{month:02d}{day:02d}{serial}"
    return Person(name, nine + luhn_digit(nine), year)


def normal_pnr(person_digits, year):
    d = person_digits
    return f"{year:04d}{d[2:4]}{d[4:6]}-{d[6:10]}"


def yymmdd(iso):
    return iso[2:4] + iso[5:7] + iso[8:10]


def min_to_hhmm(m):
    return f"{m // 60:02d}{m % 60:02d}"


# ------------------------------------------------------------------ normalising as the export will

def normalise(fdef, written):
    """The expected exported value of a field from what was written on it."""
    kind = fdef["kind"]
    if written is None:
        return False if kind == "signature" else None
    if kind == "signature":
        return bool(written)
    if kind == "choice":
        return list(written["values"]) if written["values"] else None
    if kind == "text":
        return written
    digits = "".join(c for c in written if c != " ")
    if not digits:
        return None
    pattern = fdef["pattern"]
    if pattern == "personnummer":
        yy, mm, day = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
        if day > 60:  # samordningsnummer
            day -= 60
        # The latest century that puts the birth date on or before the reference day.
        year = 2000 + yy
        if (year, mm, day) > REFERENCE:
            year -= 100
        return f"{year:04d}{digits[2:6]}-{digits[6:]}"
    if pattern == "date":
        return f"20{digits[0:2]}-{digits[2:4]}-{digits[4:6]}"
    if pattern == "time":
        return f"{digits[0:2]}:{digits[2:4]}"
    if pattern == "amount":
        return str(int(digits))
    return digits  # number: written without leading zeros in these samples


# ------------------------------------------------------------------ the content of one sheet

@dataclass
class FormContent:
    """What is written on one sheet. values: field id -> written value: digits fields a string
    with one char per box (' ' = blank box); text a string (lines fields: a list of lines);
    choice {"values": [...], "style": "cross" | "tick" | "filled"}; signature True/False."""
    values: dict
    writers: dict = field(default_factory=dict)  # field id -> Writer (others use the page writer)
    errors: list = field(default_factory=list)   # the deliberate mistakes, as in truth.json


def truth_fields(layout, content):
    """Every field of the form's layout, by id, as the export will give it."""
    out = {}
    for f in layout["fields"]:
        v = content.values.get(f["id"])
        if f["kind"] == "text" and isinstance(v, list):
            v = "\n".join(v) if v else None
        out[f["id"]] = normalise(f, v)
    return out


def rjust_boxes(s, n):
    return " " * (n - len(s)) + s


def blad_boxes(n, boxes):
    return (str(n) + " " * boxes)[:boxes]


# ------------------------------------------------------------------ content of each form

class Content:
    """Invents the rows of each form; the same people recur across forms."""

    def __init__(self, rng, fonts):
        self.rng = rng
        self.fonts = fonts
        self.used = set()
        self.people = [invent_person(rng, self.used, samordning=(i % 7 == 5)) for i in range(40)]
        self.next_person = 0
        self.ica_total = 0
        self.ica_sheet = 0
        self.usb = 1040

    def person(self):
        p = self.people[self.next_person % len(self.people)]
        self.next_person += 1
        return p

    def day(self, i=None):
        return OUTAGE_DAYS[int(self.rng.integers(0, 5)) if i is None else i]

    # -- lists
    def bilaga3(self, nrows, wrong_pnr_row=None):
        rng = self.rng
        v, writers, errors = {}, {}, []
        registrar = make_writer(rng, self.fonts)
        for r in range(1, nrows + 1):
            p = self.person()
            k = f"r{r:02d}."
            v[k + "namn"] = p.name
            pn = p.digits
            if r == wrong_pnr_row:
                wrong = pn[:9] + str((int(pn[9]) + 3) % 10)
                errors.append({"field": k + "personnummer", "kind": "written-wrong",
                               "detail": "check digit does not match (Luhn)",
                               "written": wrong, "intended": normal_pnr(pn, p.year)})
                pn = wrong
            v[k + "personnummer"] = pn
            v[k + "insats"] = str(rng.choice(INSATSER))
            v[k + "beslutsfattare"] = str(rng.choice(SHORT_DECIDERS))
            di = int(rng.integers(0, 5))
            v[k + "beslutsdatum"] = yymmdd(OUTAGE_DAYS[di])
            if rng.random() < 0.6:
                v[k + "registrerad_datum"] = yymmdd(REGISTER_DAYS[int(rng.integers(0, 5))])
                v[k + "registrerad_sign"] = "EE"
                writers[k + "registrerad_datum"] = registrar
                writers[k + "registrerad_sign"] = registrar
        v["handlaggare"] = "Eva Exempeldotter"
        v["handlaggare_signatur"] = True
        return FormContent(v, writers, errors)

    def bilaga4(self, nrows, forced=None):
        """forced: {row: (what, style)} to make sure a sample shows a given mark."""
        rng = self.rng
        forced = forced or {}
        v, errors = {}, []
        kinds = ["journalanteckning", "bestallning", "utredning", "beslut", "genomforandeplan", "annat"]
        for r in range(1, nrows + 1):
            p = self.person()
            k = f"r{r:02d}."
            v[k + "datum"] = yymmdd(self.day())
            what = str(rng.choice(kinds, p=[0.35, 0.15, 0.15, 0.15, 0.1, 0.1]))
            style = str(rng.choice(["cross", "cross", "tick", "tick", "filled"], p=[0.35, 0.2, 0.2, 0.15, 0.1]))
            what, style = forced.get(r, (what, style))
            v[k + "vad"] = {"values": [what], "style": style}
            if what == "annat":
                v[k + "annat"] = str(rng.choice(ANNAT))
            v[k + "namn"] = p.name
            v[k + "personnummer"] = p.digits
            v[k + "signering"] = bool(rng.random() < 0.85)
        return FormContent(v, errors=errors)

    def bilaga5(self, nrows, error_row=None):
        rng = self.rng
        self.ica_sheet += 1
        v, errors = {}, []
        v["blad"] = blad_boxes(self.ica_sheet, 2)
        if self.ica_sheet > 1:
            v["overfort"] = rjust_boxes(str(self.ica_total), 6)
        for r in range(1, nrows + 1):
            p = self.person()
            k = f"r{r:02d}."
            v[k + "datum"] = yymmdd(self.day())
            v[k + "personnummer"] = p.digits
            v[k + "verifikation"] = str(int(rng.integers(100000, 999999)))
            v[k + "andamal"] = str(rng.choice(ANDAMAL))
            amount = int(rng.choice([300, 400, 500, 600, 750, 800, 1000, 1200, 1500, 2000, 2500])) \
                + int(rng.choice([0, 0, 0, 50, 25]))
            v[k + "belopp"] = rjust_boxes(str(amount), 5)
            v[k + "beslutsfattare"] = str(rng.choice(SHORT_DECIDERS))
            total = self.ica_total + amount
            if r == error_row:
                wrong = total + 100
                errors.append({"field": k + "totalt", "kind": "running-total",
                               "detail": "previous total + amount does not give the written total",
                               "written": str(wrong), "expected": str(total)})
                total = wrong  # later rows carry on from what was written
            v[k + "totalt"] = rjust_boxes(str(total), 6)
            self.ica_total = total
        v["handlaggare"] = "Eva Exempeldotter"
        v["handlaggare_signatur"] = True
        return FormContent(v, errors=errors)

    def bilaga2(self, nrows):
        rng = self.rng
        v = {}
        for r in range(1, nrows + 1):
            k = f"r{r:02d}."
            di = int(rng.integers(0, 3))
            v[k + "utlamning_datum"] = yymmdd(OUTAGE_DAYS[di])
            v[k + "namn"] = str(rng.choice(STAFF))
            v[k + "signatur"] = True
            v[k + "arbetsplats"] = str(rng.choice(WORKPLACES))
            self.usb += int(rng.integers(1, 4))
            v[k + "usb_nummer"] = str(self.usb)
            if rng.random() < 0.6:
                v[k + "ater_datum"] = yymmdd(REGISTER_DAYS[int(rng.integers(0, 5))])
                v[k + "ater_signatur"] = bool(rng.random() < 0.9)
        v["handlaggare"] = "Eva Exempeldotter"
        v["handlaggare_signatur"] = bool(rng.random() < 0.5)
        return FormContent(v)

    def reservblankett(self, nrows, error_row=None):
        rng = self.rng
        v, errors = {}, []
        staff = str(rng.choice(["A. Arbetsledarsson", "S. Undersköterskesson", "P. Personalén"]))
        day = self.day()
        t = 7 * 60 + 30 + int(rng.integers(0, 4)) * 5
        for r in range(1, nrows + 1):
            p = self.person()
            k = f"r{r:02d}."
            v[k + "datum"] = yymmdd(day)
            v[k + "medarbetare"] = staff
            v[k + "klient"] = p.name
            what = str(rng.choice(["service", "omvardnad", "omvardnad", "larm", "annan"]))
            v[k + "insats"] = {"values": [what], "style": str(rng.choice(["cross", "tick"]))}
            dur = int(rng.choice([15, 20, 25, 30, 45, 50, 60, 75, 90]))
            start, end = t, t + dur
            v[k + "start"] = min_to_hhmm(start)
            v[k + "slut"] = min_to_hhmm(end)
            minutes = dur
            if r == error_row:
                minutes = dur + 10
                errors.append({"field": k + "minuter", "kind": "duration",
                               "detail": "end - start does not give the written minutes",
                               "written": str(minutes), "expected": str(dur)})
            v[k + "minuter"] = rjust_boxes(str(minutes), 3)
            v[k + "signatur"] = bool(rng.random() < 0.8)
            t = end + int(rng.integers(2, 6)) * 5
        v["arbetsledare"] = "Anna Arbetsledarsson"
        v["registrerad_datum"] = yymmdd(REGISTER_DAYS[0])
        v["arbetsledare_signatur"] = True
        return FormContent(v, errors=errors)

    # -- templates
    def journal(self):
        p = self.person()
        v = {"personnummer": p.digits, "datum": yymmdd(self.day(1)), "tid": "1015",
             "namn": p.name, "lagrum": {"values": ["sol"], "style": "cross"},
             "kontakt": {"values": ["besok"], "style": "tick"},
             "handlaggare": "Sören Socionomsson", "signatur": True, "fortsattning": None}
        v["anteckning"] = [
            "Hembesök tillsammans med kontaktpersonen.",
            "Klienten uppger att hyran för oktober inte är betald",
            "och att hon saknar pengar till mat denna vecka.",
            "Vi gick igenom ansökan om ekonomiskt bistånd.",
            "Klienten lämnar kontoutdrag senast fredag.",
            "Ny kontakt bokad måndag kl 9.",
        ]
        return FormContent(v)

    def beslut(self):
        p = self.person()
        v = {"personnummer": p.digits, "beslutsdatum": yymmdd(OUTAGE_DAYS[2]), "namn": p.name,
             "lagrum": {"values": ["sol"], "style": "cross"}, "beslut": {"values": ["bifall"], "style": "cross"},
             "insats": "Försörjningsstöd, hyra oktober", "belopp": rjust_boxes("6450", 6),
             "giltig_fran": yymmdd("2026-10-01"), "giltig_till": yymmdd("2026-10-31"),
             "beslutsfattare": "Karin Chefsson", "beslutsfattare_signatur": True,
             "handlaggare": "H. Handläggarsson"}
        v["motivering"] = [
            "Sökanden saknar inkomst under oktober och har",
            "inga tillgångar. Hyran är skälig enligt riktlinjerna.",
            "Bistånd beviljas med hyrans belopp.",
        ]
        return FormContent(v)

    def generic(self, form, layout):
        """Random plausible content for the bulk mode."""
        rng = self.rng
        rows = layout["rows"]
        n = int(rng.integers(max(1, rows // 3), rows + 1)) if rows else 0
        if form == "bilaga-3":
            return self.bilaga3(n)
        if form == "bilaga-4":
            return self.bilaga4(n)
        if form == "bilaga-5":
            return self.bilaga5(n)
        if form == "bilaga-2":
            return self.bilaga2(n)
        if form == "reservblankett-tid":
            return self.reservblankett(n)
        if form == "journal-sol-lss":
            return self.journal()
        if form == "beslut":
            return self.beslut()
        raise ValueError(form)


# ------------------------------------------------------------------ the foreign page

# A typed letter that is not one of the forms, with a handwritten signature.
LETTER = {
    "sender": "Fiktiva Fastigheter AB",
    "sender_address": "Låtsasgatan 12, 999 99 Exempelby  ·  Tel 000-000 00 00",
    "recipient": ["Stina Påhittad", "Provvägen 3 B", "999 98 Exempelby"],
    "dateline": "Exempelby 2026-10-05",
    "subject": "Påminnelse: obetald hyra för oktober 2026",
    "body": ("Vi har ännu inte fått betalning för hyran för oktober månad. Hyran förföll till betalning "
             "den sista vardagen i september. Vänligen betala det förfallna beloppet, 6 450 kronor, "
             "snarast och senast inom tio dagar från detta brev. Om du har fått hjälp med hyran från "
             "socialtjänsten kan du bortse från denna påminnelse. Kontakta oss gärna om du har frågor "
             "eller vill göra upp en avbetalningsplan. Detta brev är ett påhittat exempel."),
    "closing": "Med vänliga hälsningar",
    "signatory": "Greta Förvaltarsson, förvaltare",
}
