package dev.agentplane.interpret.values;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Numbers as people write them: grouping and decimal separators by locale, "12k", "1.2 million", "thirty-two". */
public final class Numbers {
    static final String NUMBER = "(?<![\\w.,])[-+−]?(?:\\d{1,2}(?:,\\d{2})+,\\d{3}|\\d{1,3}(?:[,.\\u00a0\\u202f' ’]\\d{3})+|\\d+)(?:[.,]\\d+)?(?![\\w])"
            + "|(?<![\\w.,])[-+]?[.,]\\d+(?!\\w)";
    private static final Pattern WITH_SCALE = Pattern.compile("(" + NUMBER.replace("(?![\\w])", "") + ")"
            + "(?:(k|K|M|mn|bn)|\\s*(k|K|mn|bn|thousand|million|billion|[Mm]io\\.?|[Mm]rd\\.?|[Tt]sd\\.?))?(?![\\w])");
    private static final Map<String, Integer> WORDS = Map.ofEntries(Map.entry("zero", 0), Map.entry("one", 1),
            Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
            Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
            Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
            Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("seventy", 70), Map.entry("eighty", 80),
            Map.entry("ninety", 90), Map.entry("hundred", 100), Map.entry("dozen", 12));
    private static final Pattern WORD_NUMBER = Pattern.compile(
            "\\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](one|two|three|four|five|six|seven|eight|nine))?\\b"
                    + "|\\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
                    + "|sixteen|seventeen|eighteen|nineteen|dozen)\\b", Pattern.CASE_INSENSITIVE);

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?]\\s+\\p{Lu}");

    private Numbers() {}

    /** The number a value holds: the whole text is best; a number with words around it is less sure. */
    public static Optional<Parsed> parse(String text, InterpretOptions options) {
        String trimmed = text.strip();
        List<Found> found = find(trimmed, options);
        if (found.isEmpty()) {
            return words(trimmed);
        }
        Found first = found.get(0);
        if (SENTENCE_END.matcher(trimmed.substring(0, first.start())).find()) {
            return Optional.empty(); // "unknown. I'm 30": the number belongs to another sentence
        }
        boolean whole = first.start() == 0 && first.end() == trimmed.length();
        double quality = whole ? 1.0 : found.size() == 1 || first.start() == 0 ? 0.9 : 0.6; // a value starts with its number
        return Optional.of(first.parsed().times(quality));
    }

    /** Every number in a text, in order. */
    public static List<Found> find(String text, InterpretOptions options) {
        List<Found> found = new ArrayList<>();
        for (java.util.regex.MatchResult matcher : Regions.near(WITH_SCALE, text, Regions.digitRuns(text), 2, 24)) {
            toDecimal(matcher.group(1), options).ifPresent(value -> {
                BigDecimal scaled = value.multiply(scale(matcher.group(2) != null ? matcher.group(2) : matcher.group(3)));
                found.add(new Found(matcher.start(), matcher.end(), new Parsed(
                        dev.agentplane.common.Json.MAPPER.getNodeFactory().numberNode(plain(scaled)), 1.0)));
            });
        }
        return found;
    }

    /** A written-out number such as "thirty-two". */
    static Optional<Parsed> words(String text) {
        Matcher matcher = WORD_NUMBER.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        int value = matcher.group(1) != null
                ? WORDS.get(matcher.group(1).toLowerCase(Locale.ROOT)) + (matcher.group(2) == null ? 0
                : WORDS.get(matcher.group(2).toLowerCase(Locale.ROOT)))
                : WORDS.get(matcher.group(3).toLowerCase(Locale.ROOT));
        return Optional.of(new Parsed(dev.agentplane.common.Json.MAPPER.getNodeFactory().numberNode(value), 0.75));
    }

    /** Reads digits with separators: the last separator is the decimal one when both kinds appear. */
    public static Optional<BigDecimal> toDecimal(String raw, InterpretOptions options) {
        String text = raw.replace('−', '-').replaceAll("[\\u00a0\\u202f' ’]", "");
        int commas = count(text, ','), dots = count(text, '.');
        String normalized;
        if (commas > 0 && dots > 0) {
            char decimal = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
            char grouping = decimal == ',' ? '.' : ',';
            normalized = text.replace(String.valueOf(grouping), "").replace(decimal, '.');
        } else if (commas + dots == 0) {
            normalized = text;
        } else {
            char separator = commas > 0 ? ',' : '.';
            int occurrences = Math.max(commas, dots);
            int digitsAfter = text.length() - text.lastIndexOf(separator) - 1;
            char groupingChar = options.decimalComma() ? '.' : ',';
            boolean grouping = occurrences > 1
                    || (digitsAfter == 3 && separator == groupingChar && !text.matches("[-+]?0[.,].*"));
            normalized = grouping ? text.replace(String.valueOf(separator), "") : text.replace(separator, '.');
        }
        try {
            return Optional.of(new BigDecimal(normalized.startsWith("+") ? normalized.substring(1) : normalized));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static BigDecimal scale(String suffix) {
        if (suffix == null) {
            return BigDecimal.ONE;
        }
        return switch (suffix.toLowerCase(Locale.ROOT).replace(".", "")) {
            case "k", "thousand", "tsd" -> BigDecimal.valueOf(1_000);
            case "m", "mn", "million", "mio" -> BigDecimal.valueOf(1_000_000);
            default -> BigDecimal.valueOf(1_000_000_000);
        };
    }

    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static int count(String text, char c) {
        return (int) text.chars().filter(ch -> ch == c).count();
    }
}
