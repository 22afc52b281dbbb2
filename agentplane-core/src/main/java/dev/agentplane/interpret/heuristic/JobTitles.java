package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentplane.interpret.values.Found;
import dev.agentplane.interpret.values.Parsed;
import java.util.ArrayList;
import java.util.List;
import dev.agentplane.interpret.values.Regions;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.regex.Pattern;

/** Job titles written in title case: "Head of Sales", "Senior Data Engineer", "Operations Manager", "CTO". */
final class JobTitles {
    private static final String ROLE = "(?:Manager|Director|Engineer|Developer|Officer|Lead|Specialist|Analyst|Consultant|Designer"
            + "|Architect|Coordinator|Assistant|President|Administrator|Scientist|Accountant|Advisor|Adviser|Representative"
            + "|Executive|Editor|Nurse|Physician|Teacher|Founder|Co-Founder|Owner|Recruiter|Intern|Associate|Strategist"
            + "|Technician|Supervisor|Secretary|Controller|Planner|Researcher|Professor|Lawyer|Attorney|Paralegal)";
    private static final Pattern TITLE = Pattern.compile(
            "(?<![\\p{L}])(?:Head|Director|VP|Vice President|Chief \\p{Lu}\\p{L}+ Officer) of (?:the )?\\p{Lu}[\\p{L}&]*(?:(?: & | and )\\p{Lu}\\p{L}*)?"
                    + "|(?<![\\p{L}])(?:\\p{Lu}[\\p{L}-]+[ \\t]+){0,3}" + ROLE + "(?![\\p{L}])"
                    + "|\\b(?:CEO|CTO|CFO|COO|CIO|CMO|CISO|CPO)\\b");

    private static final Pattern GREETING = Pattern.compile("^(?:Dear|Hi|Hello|Hey|To|Attn|The|Our|Your|My)\\s+");

    private static final Set<String> ANCHORS = Stream.concat(Stream.of("head", "director", "vp", "vice", "chief", "ceo", "cto",
            "cfo", "coo", "cio", "cmo", "ciso", "cpo"), Stream.of(ROLE.substring(3, ROLE.length() - 1).split("\\|"))
            .map(role -> role.toLowerCase(java.util.Locale.ROOT).replace("co-", ""))).collect(Collectors.toSet());

    private JobTitles() {}

    static List<Found> find(String text) {
        List<Found> found = new ArrayList<>();
        for (java.util.regex.MatchResult matcher : Regions.near(TITLE, text, Regions.words(text, 2, 14, ANCHORS::contains), 60, 40)) {
            String title = GREETING.matcher(matcher.group()).replaceFirst("");
            int start = matcher.end() - title.length();
            found.add(new Found(start, matcher.end(), new Parsed(TextNode.valueOf(title), 0.9)));
        }
        return found;
    }
}
