package dev.agentplane.interpret.values;

import com.fasterxml.jackson.databind.node.TextNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Phone numbers in E.164, read with libphonenumber; numbers without a country code belong to the region. */
public final class Phones {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private Phones() {}

    public static Optional<Parsed> parse(String text, InterpretOptions options) {
        List<Found> found = find(text, options);
        if (!found.isEmpty()) {
            return Found.first(found, text, 2);
        }
        try {
            PhoneNumber number = UTIL.parse(text, options.region());
            if (UTIL.isPossibleNumber(number)) {
                return Optional.of(new Parsed(TextNode.valueOf(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)), 0.55));
            }
        } catch (NumberParseException e) {
            // not a phone number at all
        }
        return Optional.empty();
    }

    /**
     * Valid numbers in a text (libphonenumber's matcher), in order. A date ("03.04.2024") can be a valid number in
     * some regions; digits that read as a date are not taken for a phone number.
     */
    public static List<Found> find(String text, InterpretOptions options) {
        return find(text, options, null);
    }

    /** As {@link #find(String, InterpretOptions)}, with the text's dates when they are known already. */
    public static List<Found> find(String text, InterpretOptions options, List<Found> knownDates) {
        List<Found> found = new ArrayList<>();
        List<Found> dates = knownDates;
        for (int[] span : spans(text)) {
            String part = text.substring(span[0], span[1]);
            for (PhoneNumberMatch inPart : UTIL.findNumbers(part, options.region(), PhoneNumberUtil.Leniency.VALID, 10_000)) {
                Match match = new Match(span[0] + inPart.start(), span[0] + inPart.end(), inPart.rawString(), inPart.number());
                dates = add(text, options, match, dates, found);
            }
        }
        return found;
    }

    /**
     * Stretches of the text written with the characters of phone numbers and holding at least six digits: the
     * matcher of libphonenumber is costly, so it reads only these (with a character of context on each side).
     */
    private static List<int[]> spans(String text) {
        List<int[]> spans = new ArrayList<>();
        int start = -1, digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '\n';
            boolean digit = Character.isDigit(c);
            boolean phoneChar = digit || c == ' ' || c == '+' || c == '-' || c == '(' || c == ')' || c == '.' || c == '/'
                    || c == '\u00a0' || c == '–';
            if (phoneChar && start < 0 && c != ' ') {
                start = i;
                digits = 0;
            }
            if (digit) {
                digits++;
            }
            if (!phoneChar && start >= 0) {
                if (digits >= 6) {
                    spans.add(new int[] {Math.max(0, start - 1), Math.min(text.length(), i + 1)});
                }
                start = -1;
            }
        }
        return spans;
    }

    private record Match(int start, int end, String rawString, PhoneNumber number) {}

    private static List<Found> add(String text, InterpretOptions options, Match match, List<Found> known, List<Found> found) {
        List<Found> dates = known;
        {
            PhoneNumber number = match.number();
            int digits = digits(match.rawString());
            if (digits < 6) {
                return dates;
            }
            dates = dates == null ? Dates.find(text, options) : dates;
            if (dates.stream().anyMatch(date -> date.start() < match.end() && match.start() < date.end())) {
                return dates;
            }
            double quality = digits >= 7 ? 1.0 : 0.6;
            found.add(new Found(match.start(), match.end(),
                    new Parsed(TextNode.valueOf(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)), quality)));
        }
        return dates;
    }

    private static int digits(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }
}
