package dev.agentplane.interpret.values;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Month names and abbreviations in English, German, French, Spanish, Italian, Portuguese and Dutch. */
final class Months {
    private static final String[][] NAMES = {
            {"january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "janeiro", "januari"},
            {"february", "feb", "febr", "februar", "février", "fevrier", "févr", "fevr", "febrero", "febbraio", "fevereiro", "fev", "februari"},
            {"march", "mar", "märz", "maerz", "mär", "mars", "marzo", "março", "marco", "maart", "mrt"},
            {"april", "apr", "avril", "avr", "abril", "abr", "aprile"},
            {"may", "mai", "mayo", "maggio", "maio", "mei"},
            {"june", "jun", "juni", "juin", "junio", "giugno", "junho"},
            {"july", "jul", "juli", "juillet", "juil", "julio", "luglio", "julho"},
            {"august", "aug", "août", "aout", "agosto", "ago", "augustus"},
            {"september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "setembro", "set"},
            {"october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "outubro", "out"},
            {"november", "nov", "novembre", "noviembre", "novembro"},
            {"december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre", "dezembro"}};
    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    static {
        for (int month = 0; month < NAMES.length; month++) {
            for (String name : NAMES[month]) {
                BY_NAME.put(name, month + 1);
            }
        }
    }

    private Months() {}

    static int of(String name) {
        String key = name.toLowerCase(Locale.ROOT).replace(".", "");
        Integer month = BY_NAME.get(key);
        if (month == null && !key.chars().allMatch(c -> c < 128)) {
            month = BY_NAME.get(Normalizer.normalize(key, Normalizer.Form.NFC));
        }
        return month == null ? -1 : month;
    }
}
