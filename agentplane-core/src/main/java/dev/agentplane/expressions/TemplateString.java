package dev.agentplane.expressions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A string value split into literal text and the {@code ${{ … }}} expressions embedded in it. */
record TemplateString(List<Part> parts) {
    static final String OPEN = "${{";
    private static final String CLOSE = "}}";

    sealed interface Part permits Literal, Embedded {}

    record Literal(String text) implements Part {}

    /** {@code offset} is the index in the string of the expression's first (non-blank) character. */
    record Embedded(String expression, int offset) implements Part {}

    static boolean hasExpressions(String text) {
        return text.contains(OPEN);
    }

    /** Splits {@code text}; fails with the offset of a '${{' that is never closed or holds nothing. */
    static TemplateString parse(String text) {
        List<Part> parts = new ArrayList<>();
        int from = 0;
        int open;
        while ((open = text.indexOf(OPEN, from)) >= 0) {
            if (open > from) {
                parts.add(new Literal(text.substring(from, open)));
            }
            int start = open + OPEN.length();
            int close = closingBraces(text, start);
            if (close < 0) {
                throw new ExpressionFailure(open, "'${{' is never closed with '}}'",
                        "end the expression with '}}', e.g. ${{ inputs.name }}");
            }
            String source = text.substring(start, close);
            String expression = source.strip();
            if (expression.isEmpty()) {
                throw new ExpressionFailure(open, "'${{ }}' holds no expression",
                        "write an expression between the braces, e.g. ${{ inputs.name }}, or remove them");
            }
            parts.add(new Embedded(expression, start + source.indexOf(expression)));
            from = close + CLOSE.length();
        }
        if (from < text.length()) {
            parts.add(new Literal(text.substring(from)));
        }
        return new TemplateString(List.copyOf(parts));
    }

    /** The expression when the whole string, ignoring surrounding whitespace, is one {@code ${{ … }}}. */
    Optional<Embedded> single() {
        Embedded only = null;
        for (Part part : parts) {
            if (part instanceof Embedded embedded) {
                if (only != null) {
                    return Optional.empty();
                }
                only = embedded;
            } else if (!((Literal) part).text().isBlank()) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(only);
    }

    /**
     * Index of the '}}' that ends the expression starting at {@code start}, or -1. Braces of CEL map
     * literals, string literals and comments may contain '}}' without ending the expression.
     */
    private static int closingBraces(String text, int start) {
        int depth = 0;
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = afterStringLiteral(text, i);
                continue;
            }
            if (c == '/' && text.startsWith("//", i)) {
                int newline = text.indexOf('\n', i);
                i = newline < 0 ? text.length() : newline;
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0 && text.startsWith(CLOSE, i)) {
                    return i;
                }
                depth = Math.max(0, depth - 1);
            }
            i++;
        }
        return -1;
    }

    /** Index just after the string literal opening at {@code quote} (plain, raw r'…' or triple-quoted). */
    private static int afterStringLiteral(String text, int quote) {
        char q = text.charAt(quote);
        boolean raw = quote > 0 && (text.charAt(quote - 1) == 'r' || text.charAt(quote - 1) == 'R');
        String delimiter = text.startsWith(String.valueOf(q).repeat(3), quote) ? String.valueOf(q).repeat(3)
                : String.valueOf(q);
        int i = quote + delimiter.length();
        while (i < text.length()) {
            if (!raw && text.charAt(i) == '\\') {
                i += 2;
            } else if (text.startsWith(delimiter, i)) {
                return i + delimiter.length();
            } else {
                i++;
            }
        }
        return text.length();
    }
}
