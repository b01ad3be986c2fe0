package tributary.match;

/**
 * One token of a query word or phrase. Decided per token: without diacritics it matches any text token of the same
 * bare form (bao finds bão, báo, bao); with diacritics only one of the same accented form (bão finds neither bao nor
 * báo, but hòa finds hoà).
 */
record QueryToken(String bare, String accented, boolean exact) {

    static QueryToken of(Syllable s) {
        return new QueryToken(s.bare(), s.accented(), s.hasDiacritics());
    }

    boolean matches(FieldText field, int i) {
        return exact ? accented.equals(field.accented(i)) : bare.equals(field.bare(i));
    }
}
