package dev.agentplane.interpret.heuristic;

import dev.agentplane.interpret.values.Currencies;
import dev.agentplane.interpret.values.DateTimes;
import dev.agentplane.interpret.values.Dates;
import dev.agentplane.interpret.values.Emails;
import dev.agentplane.interpret.values.Found;
import dev.agentplane.interpret.values.InterpretOptions;
import dev.agentplane.interpret.values.Numbers;
import dev.agentplane.interpret.values.Phones;
import dev.agentplane.interpret.values.Urls;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The text of one input with what was found in it, each kind scanned once and only when a field asks for it: the
 * dates (which phones and date-times reuse), phones, e-mails, links, amounts, numbers, names, companies, addresses.
 */
final class Text {
    final String value;
    private final InterpretOptions options;
    private List<Found> dates, dateTimes, phones, emails, urls, currencies, numbers, organizations, titles, cities;
    private Optional<Found> name;
    private List<Word> words;
    private Map<Addresses.Part, Found> address;

    Text(String value, InterpretOptions options) {
        this.value = value;
        this.options = options;
    }

    List<Found> dates() {
        return dates = once(dates, () -> Dates.find(value, options));
    }

    List<Found> dateTimes() {
        return dateTimes = once(dateTimes, () -> DateTimes.find(value, options, dates()));
    }

    List<Found> phones() {
        return phones = once(phones, () -> Phones.find(value, options, dates()));
    }

    List<Found> emails() {
        return emails = once(emails, () -> Emails.find(value));
    }

    List<Found> urls() {
        return urls = once(urls, () -> Urls.find(value));
    }

    List<Found> currencies() {
        return currencies = once(currencies, () -> Currencies.find(value, options));
    }

    List<Found> numbers() {
        return numbers = once(numbers, () -> Numbers.find(value, options));
    }

    List<Found> organizations() {
        return organizations = once(organizations, () -> Organizations.find(value));
    }

    List<Found> titles() {
        return titles = once(titles, () -> JobTitles.find(value));
    }

    List<Found> cities() {
        return cities = once(cities, () -> Addresses.cities(value));
    }

    /** A word of the text, lower-cased and without accents, and where it stands. */
    record Word(String word, String stem, int start, int end) {}

    List<Word> words() {
        if (words == null) {
            List<Word> all = new java.util.ArrayList<>();
            int start = -1;
            for (int i = 0; i <= value.length(); i++) {
                boolean part = i < value.length() && Character.isLetterOrDigit(value.charAt(i));
                if (part && start < 0) {
                    start = i;
                } else if (!part && start >= 0) {
                    List<String> normalized = Keys.words(value.substring(start, i));
                    if (!normalized.isEmpty()) {
                        all.add(new Word(normalized.get(0), Keys.stem(normalized.get(0)), start, i));
                    }
                    start = -1;
                }
            }
            words = all;
        }
        return words;
    }

    /** A word of the text that names a field, with how strongly (1 for the field's own word). */
    record Mention(String text, int start, int end, double weight) {}

    /** Words of the text that name the field, its own words first, each kind in the order of the text. */
    List<Mention> mentions(FieldTerms terms) {
        List<Mention> found = new java.util.ArrayList<>();
        for (Word word : words()) {
            double weight = terms.weight(word.word(), word.stem());
            if (weight > 0) {
                found.add(new Mention(value.substring(word.start(), word.end()), word.start(), word.end(), weight));
            }
        }
        found.sort(java.util.Comparator.comparingDouble((Mention m) -> -m.weight()));
        return found;
    }

    Optional<Found> name() {
        if (name == null) {
            name = Names.find(value);
        }
        return name;
    }

    Map<Addresses.Part, Found> address() {
        if (address == null) {
            address = Addresses.find(value);
        }
        return address;
    }

    private static <T> T once(T known, Supplier<T> scan) {
        return known != null ? known : scan.get();
    }
}
