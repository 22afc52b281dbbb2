package dev.agentplane.interpret.values;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Amounts of money as {@code {"amount": 1234.5, "currency": "USD"}}: symbols, ISO codes and words, before or after. */
public final class Currencies {
    private static final Map<String, String> SYMBOLS = Map.ofEntries(Map.entry("$", "USD"), Map.entry("us$", "USD"),
            Map.entry("c$", "CAD"), Map.entry("ca$", "CAD"), Map.entry("a$", "AUD"), Map.entry("au$", "AUD"),
            Map.entry("nz$", "NZD"), Map.entry("hk$", "HKD"), Map.entry("r$", "BRL"), Map.entry("€", "EUR"),
            Map.entry("£", "GBP"), Map.entry("¥", "JPY"), Map.entry("₹", "INR"), Map.entry("₩", "KRW"),
            Map.entry("fr.", "CHF"), Map.entry("chf", "CHF"), Map.entry("dollars", "USD"), Map.entry("dollar", "USD"),
            Map.entry("bucks", "USD"), Map.entry("euros", "EUR"), Map.entry("euro", "EUR"), Map.entry("pounds", "GBP"),
            Map.entry("pound", "GBP"), Map.entry("yen", "JPY"), Map.entry("rupees", "INR"), Map.entry("francs", "CHF"),
            Map.entry("zł", "PLN"), Map.entry("zl", "PLN"), Map.entry("kč", "CZK"), Map.entry("₽", "RUB"), Map.entry("руб", "RUB"),
            Map.entry("₺", "TRY"), Map.entry("₪", "ILS"), Map.entry("₫", "VND"), Map.entry("฿", "THB"), Map.entry("₱", "PHP"));
    /** "kr" is the crown of several countries: the locale's, else the Swedish one. */
    private static final java.util.Set<String> CROWNS = java.util.Set.of("SEK", "NOK", "DKK", "ISK");
    private static final String CODES = "USD|EUR|GBP|JPY|CHF|CAD|AUD|NZD|CNY|INR|BRL|MXN|SEK|NOK|DKK|PLN|CZK|HUF|ZAR|SGD|HKD|KRW|TRY|RUB";
    private static final String SIGNS = "₽₺₪₫฿₱";
    private static final String MARK = "(?:US\\$|C\\$|CA\\$|A\\$|AU\\$|NZ\\$|HK\\$|R\\$|\\$|€|£|¥|₹|₩|[" + SIGNS + "]|Fr\\.|kr\\.?|\\b(?:" + CODES + "))";
    private static final String AFTER_MARK = "(?:US\\$|\\$|€|£|¥|₹|[" + SIGNS + "]|\\b(?:" + CODES + ")\\b"
            + "|\\b(?:dollars?|bucks|euros?|pounds?|yen|rupees|francs|zł|zl|kr|kč|руб)(?![\\p{L}]))";
    private static final String AMOUNT = "(?<amount>[-−]?\\d{1,2}(?:,\\d{2})+,\\d{3}(?:\\.\\d{1,2})?"
            + "|[-−]?\\d{1,3}(?:[,.\\u00a0\\u202f' ’]\\d{3})+(?:[.,]\\d{1,2})?|[-−]?\\d+(?:[.,]\\d{1,2})?)"
            + "(?:\\s*(?<scale>k|K|m|M|mn|bn|thousand|million|billion)(?![a-zA-Z]))?";
    /** Marks are written as symbols or upper-case codes: a look at the first character spares the alternation elsewhere. */
    private static final Pattern BEFORE = Pattern.compile("(?<sign>[-−](?=\\S))?(?=[$€£¥₹₩" + SIGNS + "A-Zk])(?<mark>" + MARK + ")\\s?" + AMOUNT + "(?![\\d])");
    private static final Pattern AFTER = Pattern.compile("(?<![\\w.,])" + AMOUNT + "\\s?(?<mark>(?i:" + AFTER_MARK + "))");

    private static final Map<String, String> DOLLARS = Map.of("canadian", "CAD", "australian", "AUD", "new zealand", "NZD",
            "hong kong", "HKD", "singapore", "SGD", "us", "USD", "u.s.", "USD", "american", "USD");
    private static final Pattern CURRENCY_WORDS = Pattern.compile(
            "(?i)(?:\\b(?<qualifier>canadian|australian|new zealand|hong kong|singapore|us|u\\.s\\.|american)\\s+)?"
                    + "\\b(?<noun>dollars?|euros?|pounds?|sterling|yen|francs?|rupees?|(?-i:" + CODES + "))\\b");

    private Currencies() {}

    public static Optional<Parsed> parse(String text, InterpretOptions options) {
        List<Found> found = find(text, options);
        if (!found.isEmpty()) {
            return Found.first(found, text, 1);
        }
        if (options.currency() != null) {
            return Numbers.parse(text, options).map(number -> new Parsed(money(number.value().decimalValue(), options.currency()),
                    number.quality() * 0.85)); // the context's currency
        }
        if (options.localeGiven() && !options.locale().getCountry().isEmpty()) {
            return Numbers.parse(text, options).flatMap(number -> {
                try {
                    String code = Currency.getInstance(options.locale()).getCurrencyCode();
                    return Optional.of(new Parsed(money(number.value().decimalValue(), code), number.quality() * 0.85)); // the locale's currency, as the contract says
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            });
        }
        return Optional.empty();
    }

    public static List<Found> find(String text, InterpretOptions options) {
        List<Found> found = new ArrayList<>();
        List<int[]> digits = Regions.digitRuns(text);
        for (Pattern pattern : List.of(BEFORE, AFTER)) {
            for (java.util.regex.MatchResult matcher : Regions.near(pattern, text, digits, pattern == BEFORE ? 7 : 2, 32)) {
                String code = code(matcher.group("mark"), options);
                boolean negative = pattern == BEFORE && matcher.group("sign") != null; // "-$45.00"
                Numbers.toDecimal(matcher.group("amount"), options).ifPresent(amount -> found.add(new Found(
                        matcher.start(), matcher.end(), new Parsed(money(signed(amount.multiply(scale(matcher.group("scale"))), negative), code), 1.0))));
            }
        }
        return Dates.longestFirst(found);
    }

    /** An ISO 4217 code written in a value ("eur", "GBP"), if it is one. */
    public static Optional<String> code(com.fasterxml.jackson.databind.JsonNode value) {
        String text = value.isTextual() ? value.asText().strip().toUpperCase(Locale.ROOT) : "";
        if (!text.matches("[A-Z]{3}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Currency.getInstance(text).getCurrencyCode());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The one currency a context names ("prices in Canadian dollars", "amounts in EUR"), if it names exactly one. */
    public static Optional<String> namedIn(String context) {
        if (context == null || context.isBlank()) {
            return Optional.empty();
        }
        java.util.Set<String> named = new java.util.HashSet<>();
        Matcher words = CURRENCY_WORDS.matcher(context);
        while (words.find()) {
            String qualifier = words.group("qualifier") == null ? "" : words.group("qualifier").toLowerCase(Locale.ROOT);
            String noun = words.group("noun").toLowerCase(Locale.ROOT);
            named.add(switch (noun.replaceAll("s$", "")) {
                case "dollar" -> DOLLARS.getOrDefault(qualifier.strip(), "USD");
                case "euro" -> "EUR";
                case "pound", "sterling" -> "GBP";
                case "yen" -> "JPY";
                case "franc" -> "CHF";
                case "rupee" -> "INR";
                default -> noun.toUpperCase(Locale.ROOT);
            });
        }
        return named.size() == 1 ? Optional.of(named.iterator().next()) : Optional.empty();
    }

    private static String code(String mark, InterpretOptions options) {
        String key = mark.toLowerCase(Locale.ROOT);
        if (options.currency() != null && key.endsWith("$") && key.length() == 1 && options.currency().endsWith("D")) {
            return options.currency(); // the context says which dollars
        }
        if (key.startsWith("kr")) {
            String local = options.localeGiven() ? localCurrency(options) : null;
            return local != null && CROWNS.contains(local) ? local : "SEK";
        }
        String code = SYMBOLS.getOrDefault(key, mark.toUpperCase(Locale.ROOT));
        if (key.equals("$") && options.localeGiven()) {
            String country = options.locale().getCountry();
            return switch (country) {
                case "CA" -> "CAD";
                case "AU" -> "AUD";
                case "NZ" -> "NZD";
                case "MX" -> "MXN";
                default -> "USD";
            };
        }
        return code;
    }

    private static BigDecimal signed(BigDecimal amount, boolean negative) {
        return negative ? amount.negate() : amount;
    }

    private static String localCurrency(InterpretOptions options) {
        try {
            return Currency.getInstance(options.locale()).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static BigDecimal scale(String suffix) {
        if (suffix == null) {
            return BigDecimal.ONE;
        }
        return switch (suffix.toLowerCase(Locale.ROOT)) {
            case "k", "thousand" -> BigDecimal.valueOf(1_000);
            case "m", "mn", "million" -> BigDecimal.valueOf(1_000_000);
            default -> BigDecimal.valueOf(1_000_000_000);
        };
    }

    static ObjectNode money(BigDecimal amount, String code) {
        ObjectNode money = Json.MAPPER.createObjectNode();
        money.put("amount", Numbers.plain(amount));
        money.put("currency", code);
        return money;
    }
}
