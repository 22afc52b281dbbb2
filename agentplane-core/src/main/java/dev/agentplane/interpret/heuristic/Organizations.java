package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentplane.interpret.values.Found;
import dev.agentplane.interpret.values.Parsed;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
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

    private Organizations() {}

    static List<Found> find(String text) {
        List<Found> found = new ArrayList<>();
        add(found, WITH_LEGAL_FORM.matcher(text), 0.85);
        add(found, WORKS_AT.matcher(text), 0.75);
        return found;
    }

    private static void add(List<Found> found, Matcher matcher, double quality) {
        while (matcher.find()) {
            String name = matcher.group("name").strip();
            found.add(new Found(matcher.start("name"), matcher.start("name") + name.length(),
                    new Parsed(TextNode.valueOf(name), quality)));
        }
    }
}
