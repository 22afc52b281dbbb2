package dev.agentplane.interpret.heuristic;

import dev.agentplane.interpret.schema.FieldSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The words a field's name stands for, read once per field: its own content words (stemmed), their synonyms in
 * other wordings and languages, and how strongly a word of the text points at the field (1 for its own word, less
 * for a synonym).
 */
final class FieldTerms {
    /** Words that say what kind of value a field holds but not which one ("order number": "order" tells). */
    private static final Set<String> GENERIC = Set.of("id", "number", "no", "nr", "num", "name", "date", "code", "type",
            "value", "info", "data", "text", "field", "time", "at", "by", "on", "in");

    /** What a text field holds, when its name says so: it decides where in a text to look for it. */
    enum Kind { AGE, PERSON, COMPANY, JOB_TITLE, CITY, STREET, ZIP, STATE, COUNTRY, RELATIONSHIP, IDENTIFIER, OTHER }

    private static final Set<String> PERSON_ROLES = Set.of("customer", "client", "patient", "attendee", "applicant", "guest",
            "contact", "owner", "subscriber", "passenger", "recipient", "sender", "member", "employee", "student", "buyer",
            "tenant", "driver", "author", "candidate", "speaker", "lead", "manager", "person", "participant", "holder",
            "signatory", "beneficiary", "requester", "assignee", "reporter", "landlord", "traveler", "traveller", "user");
    private static final Set<String> COMPANY_WORDS = Set.of("company", "employer", "organization", "organisation", "firm",
            "business", "vendor", "supplier", "merchant", "org", "companyname", "firma", "enterprise", "agency", "bank");
    private static final Set<String> ID_WORDS = Set.of("id", "number", "no", "nr", "num", "code", "ref", "reference", "sku",
            "invoice", "order", "tracking", "ticket", "case", "iban", "vat", "zip", "zipcode", "postcode", "postal", "plz",
            "serial", "booking", "confirmation", "reservation", "account", "policy", "claim", "po");

    final List<String> words;
    final String joined;
    final Kind kind;
    private final Set<String> own = new HashSet<>();
    private final Set<String> synonyms = new HashSet<>();

    FieldTerms(FieldSpec field) {
        List<String> all = Keys.words(field.name());
        words = Keys.content(all);
        joined = Keys.joined(field.name());
        List<String> distinctive = words.stream().filter(word -> !GENERIC.contains(word)).toList();
        if (distinctive.isEmpty()) {
            distinctive = words;
        }
        for (String word : distinctive) {
            own.add(Keys.stem(word));
            for (String synonym : Synonyms.of(word)) {
                synonyms.add(Keys.stem(synonym));
            }
        }
        own.add(joined);
        for (String synonym : Synonyms.of(joined)) {
            synonyms.add(synonym);
        }
        kind = field.type() == dev.agentplane.interpret.schema.FieldType.STRING
                || field.type() == dev.agentplane.interpret.schema.FieldType.INTEGER ? kind(field) : Kind.OTHER;
    }

    private Kind kind(FieldSpec field) {
        String last = words.get(words.size() - 1);
        String[] path = field.path().replace("[]", "").split("\\.");
        List<String> parent = path.length > 1 ? Keys.words(path[path.length - 2]) : List.of();
        String parentLast = parent.isEmpty() ? "" : parent.get(parent.size() - 1);
        if (joined.equals("age") || last.equals("age") || Synonyms.same(joined, "age")) {
            return Kind.AGE;
        }
        if (field.type() != dev.agentplane.interpret.schema.FieldType.STRING) {
            return Kind.OTHER;
        }
        if (joined.equals("name") && (COMPANY_WORDS.contains(parentLast) || Synonyms.same(parentLast, "company"))) {
            return Kind.COMPANY;
        }
        if (COMPANY_WORDS.contains(last) || Synonyms.same(joined, "company")) {
            return Kind.COMPANY;
        }
        if (Synonyms.same(joined, "name") || Synonyms.same(joined, "firstname") || Synonyms.same(joined, "lastname")
                || PERSON_ROLES.contains(last) || last.equals("name") && !joined.matches(".*(?:file|product|user|street|event"
                + "|project|brand|team|item|city|country|bank|store|shop|domain|host|app|service|plan|course).*name")) {
            return Kind.PERSON;
        }
        if (Synonyms.same(joined, "title") && !joined.equals("title") || joined.equals("title") && parentLast.isEmpty()) {
            return Kind.JOB_TITLE;
        }
        if (last.equals("city") || Synonyms.same(last, "city") || last.equals("town")) {
            return Kind.CITY;
        }
        if (Synonyms.same(joined, "street") || joined.equals("streetaddress") || joined.equals("address1")) {
            return Kind.STREET;
        }
        if (Synonyms.same(joined, "zip")) {
            return Kind.ZIP;
        }
        if (joined.equals("province") || joined.equals("region") || joined.equals("state")) { // a status has an enum
            return Kind.STATE;
        }
        if (Synonyms.same(joined, "country")) {
            return Kind.COUNTRY;
        }
        if (joined.startsWith("relation") || joined.equals("kinship")) {
            return Kind.RELATIONSHIP;
        }
        return ID_WORDS.contains(last) || ID_WORDS.contains(joined) ? Kind.IDENTIFIER : Kind.OTHER;
    }

    /** 1 when the word (or two words read as one, "e mail") is the field's own, 0.7 for a synonym, else 0. */
    double weight(String word) {
        return weight(word, Keys.stem(word));
    }

    double weight(String word, String stem) {
        if (own.contains(stem) || own.contains(word)) {
            return 1;
        }
        return synonyms.contains(word) || synonyms.contains(stem) ? 0.7 : 0;
    }

    /** The best weight of the words in {@code words} (lower-case, as {@link Keys#words} splits them). */
    double strongest(List<String> words) {
        double best = 0;
        for (int i = 0; i < words.size(); i++) {
            best = Math.max(best, weight(words.get(i)));
            if (i + 1 < words.size()) {
                best = Math.max(best, weight(words.get(i) + words.get(i + 1)));
            }
        }
        return best;
    }
}
