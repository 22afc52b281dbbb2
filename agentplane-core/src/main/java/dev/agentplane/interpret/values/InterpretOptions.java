package dev.agentplane.interpret.values;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Hints for reading values: the locale decides day/month order and the decimal separator, the region is the
 * country for phone numbers written without a country code, relative words count from the reference time.
 * {@code localeGiven} says whether the caller named the locale (a bare amount then takes its currency).
 * {@code currency} is the currency the request's context names ("all prices in Canadian dollars"), or null: it decides
 * what "$" and a bare amount are.
 */
public record InterpretOptions(Locale locale, boolean localeGiven, String region, Instant referenceTime, ZoneId zone,
                               String currency) {

    public InterpretOptions(Locale locale, boolean localeGiven, String region, Instant referenceTime, ZoneId zone) {
        this(locale, localeGiven, region, referenceTime, zone, null);
    }

    /** These options with the currency a context names, when it names exactly one. */
    public InterpretOptions withContext(String context) {
        return Currencies.namedIn(context).map(code -> new InterpretOptions(locale, localeGiven, region, referenceTime, zone, code))
                .orElse(this);
    }

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
