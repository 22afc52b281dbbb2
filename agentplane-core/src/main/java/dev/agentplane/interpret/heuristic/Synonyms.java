package dev.agentplane.interpret.heuristic;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names the same field goes by in forms, exports and other languages. Each group is keyed by words (joined,
 * accents removed); a field and a key match when they fall in one group.
 */
final class Synonyms {
    private static final List<List<String>> WRITTEN = List.of(
            List.of("email", "emailaddress", "mail", "emailid", "correo", "correoelectronico", "courriel", "adressemail",
                    "emailadresse", "mailadresse", "adresseemail", "emails", "メール", "メールアドレス", "邮箱", "电子邮件",
                    "电子邮箱", "почта", "электроннаяпочта", "posta", "epost"),
            List.of("phone", "phonenumber", "tel", "telephone", "telephonenumber", "mobile", "mobilenumber", "cell",
                    "cellphone", "mob", "telefon", "telefonnummer", "telefono", "handy", "contactnumber", "phoneno",
                    "telno", "numerodetelephone", "portable", "movil", "celular", "mobil", "mobilnummer", "telefoon",
                    "telefone", "cellulare", "電話", "電話番号", "电话", "手机", "телефон", "mobiel", "gsm"),
            List.of("name", "fullname", "customername", "contactname", "nombre", "nom", "clientname", "displayname",
                    "nombrecompleto", "nomcomplet", "vollstandigername", "nome", "naam", "имя", "фио", "姓名", "名前",
                    "お名前", "氏名", "imieinazwisko", "imie", "nomeecognome", "nomecompleto", "applicantfullname"),
            List.of("firstname", "first", "givenname", "fname", "forename", "vorname", "prenom", "voornaam"),
            List.of("lastname", "last", "surname", "familyname", "lname", "nachname", "nomdefamille", "apellido", "apellidos",
                    "cognome", "achternaam", "фамилия", "nazwisko"),
            List.of("age", "alter", "edad", "ageyears", "yearsold", "eta", "leeftijd", "idade", "возраст", "年龄", "年齢"),
            List.of("birthdate", "dob", "dateofbirth", "birthday", "born", "geburtsdatum", "geburtstag", "fechadenacimiento",
                    "datedenaissance", "birth", "nee", "nacido", "nacida", "geboren", "datadinascita", "geboortedatum"),
            List.of("address", "addr", "streetaddress", "adresse", "direccion", "anschrift", "indirizzo", "endereco", "adres"),
            List.of("street", "strasse", "rue", "calle", "straat", "road", "line1", "addressline1", "street1"),
            List.of("city", "town", "stadt", "ville", "ciudad", "ort", "locality", "citta", "cidade", "woonplaats", "plaats",
                    "stad", "город", "城市", "wohnort", "miasto", "miejscowosc", "mesto", "varos", "place", "placeofbirth", "birthplace"),
            List.of("state", "province", "region", "bundesland", "provincia", "estado"),
            List.of("zip", "zipcode", "postalcode", "postcode", "plz", "codepostal", "cp", "postleitzahl", "codigopostal",
                    "postcode", "postcodes"),
            List.of("country", "land", "pays", "pais", "nation", "paese", "страна"),
            List.of("company", "organization", "organisation", "employer", "firma", "business", "org", "societe",
                    "empresa", "companyname", "unternehmen", "entreprise", "azienda", "bedrijf", "werkgever", "arbeitgeber"),
            List.of("customer", "client", "cliente", "kunde", "klant", "клиент", "buyer"),
            List.of("website", "url", "homepage", "web", "site", "link", "webpage", "siteweb", "webseite", "sitio", "sitoweb"),
            List.of("price", "amount", "cost", "total", "sum", "fee", "betrag", "preis", "prix", "precio", "importe",
                    "montant", "totalamount", "amountdue", "charge", "gesamtbetrag", "summe", "prezzo", "importo", "bedrag",
                    "totaal", "grandtotal", "kwota", "cena", "suma"),
            List.of("quantity", "qty", "count", "anzahl", "cantidad", "quantite", "menge", "units", "pieces", "quantita", "aantal"),
            List.of("status", "state", "estado", "statut", "stato"),
            List.of("title", "jobtitle", "position", "role", "job", "occupation", "beruf", "poste", "cargo", "functie"),
            List.of("notes", "note", "comment", "comments", "remarks", "bemerkung", "remarque", "message", "nachricht"),
            List.of("date", "datum", "fecha", "day", "when"),
            List.of("subscribed", "newsletter", "optin", "subscribe", "marketingoptin"),
            List.of("subscription", "abonnement", "abo", "suscripcion", "abbonamento"),
            List.of("annual", "yearly", "annuel", "jahrlich", "anual", "annuale", "jaarlijks"),
            List.of("active", "enabled", "isactive"),
            List.of("priority", "prio", "urgency", "prioritat", "prioridad", "priorite"),
            List.of("currency", "waehrung", "wahrung", "devise", "moneda", "valuta", "currencycode", "ccy", "curr"),
            List.of("description", "desc", "details", "summary", "beschreibung"),
            List.of("tags", "labels", "keywords", "categories"),
            List.of("gender", "sex", "geschlecht", "sexe", "genero"),
            List.of("id", "identifier", "ref", "reference", "number", "no", "nr", "num", "numero", "nummer"),
            List.of("customernumber", "customerno", "customerid", "clientid", "clientnumber", "kundennummer", "kundennr",
                    "numerocliente", "numerodecliente", "klantnummer", "numeroclient"),
            List.of("contact", "contactperson", "ansprechpartner", "kontakt", "kontaktperson", "personadecontacto",
                    "interlocuteur", "referente", "contactpersoon"),
            List.of("order", "bestellung", "commande", "pedido", "ordine", "bestelling", "auftrag"),
            List.of("invoice", "rechnung", "facture", "factura", "fattura", "factuur", "bill"),
            List.of("weight", "poids", "gewicht", "peso"),
            List.of("population", "einwohner", "inhabitants", "habitants", "poblacion", "residents", "popolazione", "inwoners"),
            List.of("area", "surface", "flache", "wohnflache", "superficie", "oppervlakte"),
            List.of("rooms", "room", "habitaciones", "zimmer", "pieces", "stanze", "kamers", "quartos"),
            List.of("pets", "pet", "mascotas", "mascota", "haustiere", "animaux", "animali", "huisdieren"),
            List.of("smoker", "smoking", "fumador", "raucher", "fumeur", "fumatore", "roker", "smokes"),
            List.of("elevator", "lift", "ascenseur", "aufzug", "fahrstuhl", "ascensor", "ascensore"),
            List.of("parking", "garage", "stationnement", "estacionamiento", "parkplatz", "parcheggio"),
            List.of("consent", "agree", "agreement", "accept", "acceptance", "acepta", "aceptar", "akzeptiert", "accepte",
                    "terms", "terminos", "conditions", "bedingungen", "privacy", "gdpr", "confirm", "confirmation"),
            List.of("partysize", "guests", "people", "persons", "personnes", "personen", "personas", "pax", "covers",
                    "headcount", "party"),
            List.of("minutes", "min", "mins", "minuten", "minutos", "minuti"),
            List.of("hours", "hrs", "stunden", "heures", "horas", "ore"),
            List.of("relationship", "relation", "relative", "kinship"),
            List.of("items", "lines", "lineitems", "products", "positions", "articles", "entries"),
            List.of("article", "artikel", "articulo", "product", "item", "produkt", "produit", "producto"),
            List.of("income", "salary", "earnings", "einkommen", "gehalt", "revenu", "salaire", "ingresos", "sueldo", "wage"),
            List.of("revenue", "sales", "turnover", "umsatz", "chiffredaffaires", "ventas", "fatturato"));
    private static final List<Set<String>> GROUPS = WRITTEN.stream().map(Synonyms::normalized).toList();
    private static final Map<String, List<Integer>> GROUPS_OF = new HashMap<>();

    static {
        for (int i = 0; i < GROUPS.size(); i++) {
            for (String word : GROUPS.get(i)) {
                GROUPS_OF.computeIfAbsent(word, w -> new java.util.ArrayList<>()).add(i);
            }
        }
    }

    private Synonyms() {}

    private static Set<String> normalized(List<String> words) {
        Set<String> set = new HashSet<>();
        words.forEach(word -> set.add(Keys.joined(word)));
        return Set.copyOf(set);
    }

    static boolean same(String a, String b) {
        List<Integer> groups = GROUPS_OF.get(a);
        if (groups == null) {
            return false;
        }
        List<Integer> other = GROUPS_OF.get(b);
        return other != null && groups.stream().anyMatch(other::contains);
    }

    static boolean known(String joined) {
        return GROUPS_OF.containsKey(joined);
    }

    /** The other names of a (joined) field name, itself included. */
    static Set<String> of(String joined) {
        List<Integer> groups = GROUPS_OF.get(joined);
        if (groups == null) {
            return Set.of(joined);
        }
        Set<String> all = new HashSet<>();
        groups.forEach(group -> all.addAll(GROUPS.get(group)));
        return all;
    }
}
