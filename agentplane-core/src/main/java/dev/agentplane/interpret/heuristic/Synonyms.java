package dev.agentplane.interpret.heuristic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names the same field goes by in forms, exports and other languages. Each group is keyed by words (joined,
 * accents removed); a field and a key match when they fall in one group.
 */
final class Synonyms {
    private static final List<Set<String>> GROUPS = List.of(
            Set.of("email", "emailaddress", "mail", "emailid", "correo", "correoelectronico", "courriel", "adressemail",
                    "emailadresse", "mailadresse", "adresseemail", "emails"),
            Set.of("phone", "phonenumber", "tel", "telephone", "telephonenumber", "mobile", "mobilenumber", "cell",
                    "cellphone", "mob", "telefon", "telefonnummer", "telefono", "handy", "contactnumber", "phoneno",
                    "telno", "numero", "numerodetelephone", "portable", "movil", "celular", "mobil", "mobilnummer"),
            Set.of("name", "fullname", "customername", "contactname", "nombre", "nom", "person", "clientname", "displayname",
                    "nombrecompleto", "nomcomplet", "vollstandigername", "username"),
            Set.of("firstname", "first", "givenname", "fname", "forename", "vorname", "prenom"),
            Set.of("lastname", "last", "surname", "familyname", "lname", "nachname", "nomdefamille", "apellido", "apellidos"),
            Set.of("age", "alter", "edad", "ageyears", "yearsold"),
            Set.of("birthdate", "dob", "dateofbirth", "birthday", "born", "geburtsdatum", "geburtstag", "fechadenacimiento",
                    "datedenaissance", "birth"),
            Set.of("address", "addr", "streetaddress", "street", "adresse", "direccion", "anschrift", "strasse", "rue", "calle"),
            Set.of("city", "town", "stadt", "ville", "ciudad", "ort", "locality"),
            Set.of("zip", "zipcode", "postalcode", "postcode", "plz", "codepostal", "cp", "postleitzahl", "codigopostal"),
            Set.of("country", "land", "pays", "pais", "nation"),
            Set.of("company", "organization", "organisation", "employer", "firma", "business", "org", "societe",
                    "empresa", "companyname", "unternehmen", "entreprise"),
            Set.of("website", "url", "homepage", "web", "site", "link", "webpage", "siteweb", "webseite", "sitio"),
            Set.of("price", "amount", "cost", "total", "sum", "fee", "betrag", "preis", "prix", "precio", "importe",
                    "montant", "totalamount", "amountdue", "charge", "value", "gesamtbetrag", "summe"),
            Set.of("quantity", "qty", "count", "anzahl", "cantidad", "quantite", "menge", "units", "pieces"),
            Set.of("status", "state", "estado", "statut"),
            Set.of("title", "jobtitle", "position", "role", "job", "occupation", "beruf", "poste", "cargo"),
            Set.of("notes", "note", "comment", "comments", "remarks", "bemerkung", "remarque"),
            Set.of("date", "datum", "fecha", "day", "when"),
            Set.of("subscribed", "newsletter", "optin", "subscribe", "marketingoptin"),
            Set.of("active", "enabled", "isactive"),
            Set.of("priority", "prio", "urgency", "prioritat", "prioridad", "priorite"),
            Set.of("currency", "waehrung", "wahrung", "devise", "moneda"),
            Set.of("description", "desc", "details", "summary", "beschreibung"),
            Set.of("tags", "labels", "keywords", "categories"),
            Set.of("gender", "sex", "geschlecht", "sexe", "genero"),
            Set.of("id", "identifier", "customerid", "userid", "clientid", "ref", "reference", "number", "no", "nr"));
    private static final Map<String, Integer> GROUP_OF = new HashMap<>();

    static {
        for (int i = 0; i < GROUPS.size(); i++) {
            for (String word : GROUPS.get(i)) {
                GROUP_OF.putIfAbsent(word, i);
            }
        }
    }

    private Synonyms() {}

    static boolean same(String a, String b) {
        Integer group = GROUP_OF.get(a);
        return group != null && group.equals(GROUP_OF.get(b));
    }

    /** The other names of a (joined) field name, itself included. */
    static Set<String> of(String joined) {
        Integer group = GROUP_OF.get(joined);
        return group == null ? Set.of(joined) : GROUPS.get(group);
    }
}
