package dev.agentplane.interpret.values;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Hints for reading values: the locale decides day/month order and the decimal separator, the region is the
 * country for phone numbers written without a country code, relative words count from the reference time.
 * {@code localeGiven} says whether the caller named the locale (a bare amount then takes its currency).
 */
public record InterpretOptions(Locale locale, boolean localeGiven, String region, Instant referenceTime, ZoneId zone) {

    public static InterpretOptions defaults(Instant now) {
        return new InterpretOptions(Locale.US, false, "US", now, ZoneOffset.UTC);
    }

    public boolean dayFirst() {
        String country = locale.getCountry();
        return !(country.equals("US") || country.equals("PH") || (country.isEmpty() && locale.getLanguage().equals("en")));
    }

    /** Whether a comma separates the decimals (1.234,50) rather than the thousands. */
    public boolean decimalComma() {
        return switch (locale.getLanguage()) {
            case "de", "fr", "es", "it", "pt", "nl", "ru", "pl", "tr", "sv", "da", "nb", "fi", "cs" ->
                    !locale.getCountry().equals("CH") || !locale.getLanguage().equals("de");
            default -> false;
        };
    }
}
