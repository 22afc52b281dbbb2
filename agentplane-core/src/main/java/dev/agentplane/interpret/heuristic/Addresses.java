package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentplane.interpret.values.Found;
import dev.agentplane.interpret.values.Parsed;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import dev.agentplane.interpret.values.Regions;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * A postal address written as text ("221B Baker Street, London NW1 6XE, United Kingdom", or over lines): the postal
 * code and city (in the order of its country: "Cupertino, CA 95014", "10115 Berlin"), the street before them, the
 * country after them; and a city someone lives in ("I live in Lyon").
 */
final class Addresses {
    enum Part { STREET, CITY, STATE, ZIP, COUNTRY }

    private static final String CITY = "(?:St\\.[ ]|Ste\\.[ ])?\\p{Lu}[\\p{L}'’-]+(?:[ -]\\p{Lu}[\\p{L}'’-]+){0,2}";
    private static final List<Pattern> CODE_AND_CITY = List.of(
            Pattern.compile("(?<city>" + CITY + "),?[ \\t]+(?<state>[A-Z]{2})[ \\t]+(?<zip>\\d{5}(?:-\\d{4})?)(?!\\d)"),
            Pattern.compile("(?<city>" + CITY + "),?[ \\t]+(?<zip>[A-Z]{1,2}\\d[A-Z\\d]?[ \\t]?\\d[A-Z]{2})(?![\\p{L}\\d])"),
            Pattern.compile("(?<city>" + CITY + "),?[ \\t]+(?<state>[A-Z]{2})[ \\t]+(?<zip>[A-Z]\\d[A-Z][ \\t]?\\d[A-Z]\\d)(?![\\p{L}\\d])"),
            Pattern.compile("(?<![\\d-])(?<zip>\\d{5}|\\d{4}(?:[ \\t]?[A-Z]{2})?|\\d{2}-\\d{3})[ \\t]+(?<city>" + CITY + ")"));
    private static final Pattern LIVES_IN = Pattern.compile(
            "(?i:\\b(?:live|lives|living|based|located|reside|resides|moved|wohne|wohnt|habite|vivo|vive|abito|woon|woont)"
                    + "\\s+(?:in|à|a|en|em|to))\\s+(?<city>" + CITY + ")");
    private static final Pattern IN_CITY = Pattern.compile("\\b(?:in|from|aus|à|en|em)\\s+(?<city>" + CITY + ")");
    private static final Pattern STREETISH = Pattern.compile(
            "^(?:\\d+[A-Za-z]?\\s+\\p{L}.*|.*\\p{L}\\.?\\s+\\d+[A-Za-z]?(?:[/-]\\d+)?)$");
    private static final Set<String> COUNTRIES = Set.of("united kingdom", "uk", "great britain", "england", "scotland",
            "wales", "ireland", "usa", "us", "u.s.a.", "united states", "united states of america", "canada", "mexico",
            "germany", "deutschland", "france", "spain", "españa", "italy", "italia", "portugal", "netherlands",
            "the netherlands", "nederland", "belgium", "belgique", "switzerland", "schweiz", "suisse", "austria",
            "österreich", "poland", "polska", "sweden", "sverige", "norway", "norge", "denmark", "danmark", "finland",
            "australia", "new zealand", "japan", "china", "india", "brazil", "brasil", "argentina", "south africa",
            "nigeria", "kenya", "egypt", "morocco", "turkey", "greece", "czech republic", "czechia", "hungary", "romania",
            "singapore", "vietnam", "south korea", "korea", "israel", "united arab emirates", "uae");
    private static final Set<String> NOT_CITIES = Set.of("January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
            "Friday", "Saturday", "Sunday", "The", "This", "That", "English", "German", "French", "Spanish", "Total",
            "Stock", "Q1", "Q2", "Q3", "Q4");

    private static final Set<String> RESIDE_WORDS = Set.of("live", "lives", "living", "based", "located", "reside", "resides",
            "moved", "wohne", "wohnt", "habite", "vivo", "vive", "abito", "woon", "woont");
    private static final Set<String> PLACE_PREPOSITIONS = Set.of("in", "from", "aus", "à", "en", "em");

    private Addresses() {}

    /** The parts of the first address with a postal code, each where it was found. */
    static Map<Part, Found> find(String text) {
        Map<Part, Found> parts = new EnumMap<>(Part.class);
        List<int[]> digits = Regions.digitRuns(text).stream().filter(run -> postalCodeLike(text, run)).toList();
        for (Pattern pattern : CODE_AND_CITY) {
            List<MatchResult> matches = Regions.near(pattern, text, digits, 48, 40);
            if (matches.isEmpty() || NOT_CITIES.contains(matches.get(0).group("city").split("[ -]")[0])) {
                continue;
            }
            MatchResult matcher = matches.get(0);
            put(parts, Part.CITY, matcher, "city", 0.93);
            put(parts, Part.ZIP, matcher, "zip", 0.95);
            if (pattern.pattern().contains("<state>")) {
                put(parts, Part.STATE, matcher, "state", 0.93);
            }
            street(text, matcher.start(), parts);
            country(text, matcher.end(), parts);
            return parts;
        }
        return parts;
    }

    /** Cities named as where someone lives or is from, the surest first. */
    static List<Found> cities(String text) {
        List<Found> found = new ArrayList<>();
        Found withCode = find(text).get(Part.CITY);
        if (withCode != null) {
            found.add(withCode);
        }
        for (Pattern pattern : List.of(LIVES_IN, IN_CITY)) {
            List<int[]> anchors = Regions.words(text, pattern == LIVES_IN ? RESIDE_WORDS::contains : PLACE_PREPOSITIONS::contains);
            for (MatchResult matcher : Regions.near(pattern, text, anchors, 0, 48)) {
                if (!NOT_CITIES.contains(matcher.group("city").split("[ -]")[0])) {
                    put(found, matcher, pattern == LIVES_IN ? 0.9 : 0.7);
                }
            }
        }
        return found;
    }

    /** Digits that can be (part of) a postal code: 4 or 5 of them, "00-590", or one or two after capitals ("NW1", "K1A"). */
    private static boolean postalCodeLike(String text, int[] run) {
        int length = run[1] - run[0];
        return length == 4 || length == 5 || length == 2 && text.startsWith("-", run[1])
                || length <= 2 && run[0] > 0 && Character.isUpperCase(text.charAt(run[0] - 1));
    }

    private static void street(String text, int before, Map<Part, Found> parts) {
        int end = before;
        while (end > 0 && ",\n \t".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        int start = end;
        while (start > 0 && text.charAt(start - 1) != ',' && text.charAt(start - 1) != '\n' && text.charAt(start - 1) != ':') {
            start--;
        }
        String street = text.substring(start, end).strip();
        if (!street.isEmpty() && street.length() <= 60 && STREETISH.matcher(street).matches()) {
            int at = text.indexOf(street, start);
            parts.put(Part.STREET, new Found(at, at + street.length(), new Parsed(TextNode.valueOf(street), 0.92)));
        }
    }

    private static void country(String text, int after, Map<Part, Found> parts) {
        int start = after;
        while (start < text.length() && ",\n \t".indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        int end = start;
        while (end < text.length() && ",\n.;".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        String country = text.substring(start, end).strip();
        if (COUNTRIES.contains(country.toLowerCase(Locale.ROOT))) {
            parts.put(Part.COUNTRY, new Found(start, start + country.length(), new Parsed(TextNode.valueOf(country), 0.93)));
        }
    }

    private static void put(Map<Part, Found> parts, Part part, MatchResult matcher, String group, double quality) {
        parts.put(part, new Found(matcher.start(group), matcher.end(group), new Parsed(TextNode.valueOf(matcher.group(group)), quality)));
    }

    private static void put(List<Found> found, MatchResult matcher, double quality) {
        found.add(new Found(matcher.start("city"), matcher.end("city"), new Parsed(TextNode.valueOf(matcher.group("city")), quality)));
    }
}
