package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentplane.interpret.values.Found;
import dev.agentplane.interpret.values.Parsed;
import java.util.ArrayList;
import java.util.List;
import dev.agentplane.interpret.values.Regions;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Company names in free text: capitalized words ending in a legal form ("Contoso Ltd.", "Fischer Maschinenbau GmbH",
 * "Vistula Software sp. z o.o."), or the place someone "works at".
 */
final class Organizations {
    private static final String WORD = "(?:\\p{Lu}[\\p{L}\\p{N}'’.-]*|\\p{N}+[\\p{L}]*)";
    private static final String LEGAL_FORM = "(?:Pty\\.? Ltd\\.?|Pte\\.? Ltd\\.?|Ltd\\.?|Limited|Inc\\.?|LLC|L\\.L\\.C\\.|LLP|GmbH(?: & Co\\.? KG)?"
            + "|AG|KG|OHG|UG|SE|S\\.A\\.|SAS|SARL|S\\.à r\\.l\\.|S\\.r\\.l\\.|Srl|S\\.p\\.A\\.|SpA|S\\.L\\.|B\\.V\\.|BV|N\\.V\\.|NV"
            + "|PLC|plc|Corp\\.?|Corporation|Co\\.|Company|JSC|ApS|A/S|AB|Oy|Oyj|AS|ASA|sp\\. z o\\.o\\.|Sp\\. z o\\.o\\.|Ltda\\.?"
            + "|K\\.K\\.|e\\.V\\.|GbR|Group|Holdings?)";
    private static final Pattern WITH_LEGAL_FORM = Pattern.compile(
            "(?<![\\p{L}])(?<name>" + WORD + "(?:[ \\t]+(?:(?:&|and|und|of|de|et)[ \\t]+)?" + WORD + "){0,4}?[ \\t]+" + LEGAL_FORM + ")(?![\\p{L}])");
    private static final Pattern WORKS_AT = Pattern.compile(
            "(?i:\\b(?:works?|working|worked|employed|job|intern(?:ing)?|arbeite|arbeitet|travaille|trabajo|trabaja)\\s+(?:at|for|by|with|bei|chez|en|para))"
                    + "\\s+(?:the\\s+)?(?<name>" + WORD + "(?:[ \\t]+(?:(?:&|of|de)[ \\t]+)?" + WORD + "){0,4})");

    /** The words of the legal forms, as a scan of the text splits them ("S.A." gives "s" and "a"). */
    private static final Set<String> LEGAL_WORDS = Set.of("ltd", "limited", "inc", "llc", "llp", "gmbh", "ag", "kg", "ohg",
            "ug", "se", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "plc", "corp", "corporation", "co", "company", "jsc",
            "aps", "ab", "oy", "oyj", "as", "asa", "sp", "ltda", "gbr", "group", "holding", "holdings", "pty", "pte", "s", "b",
            "n", "l", "k", "e", "o");
    private static final Set<String> WORK_WORDS = Set.of("work", "works", "working", "worked", "employed", "job", "intern",
            "interning", "arbeite", "arbeitet", "travaille", "trabajo", "trabaja");

    private Organizations() {}

    static List<Found> find(String text) {
        List<Found> found = new ArrayList<>();
        add(found, Regions.near(WITH_LEGAL_FORM, text, Regions.words(text, 1, 11, LEGAL_WORDS::contains), 80, 16), 0.95);
        add(found, Regions.near(WORKS_AT, text, Regions.words(text, 3, 10, WORK_WORDS::contains), 0, 80), 0.85);
        return found;
    }

    private static void add(List<Found> found, List<MatchResult> matches, double quality) {
        for (MatchResult matcher : matches) {
            String name = matcher.group("name").strip();
            found.add(new Found(matcher.start("name"), matcher.start("name") + name.length(),
                    new Parsed(TextNode.valueOf(name), quality)));
        }
    }
}
