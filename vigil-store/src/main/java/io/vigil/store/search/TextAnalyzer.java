package io.vigil.store.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;

/**
 * The analysis of the free-text field, the same when indexing and when parsing a query: words are runs of letters
 * and digits ({@link WordTokenizer}), so {@code powershell} finds {@code ...\WindowsPowerShell\v1.0\powershell.exe}
 * and a query word with separators ({@code powershell.exe}, {@code 10.1.2.3}) becomes the phrase of its parts.
 * Each string value of an event is a separate value of the field with a gap of {@value #VALUE_GAP} positions, so a
 * phrase never spans two values. Keyword fields are not analysed (they stay exact, lower-cased).
 */
final class TextAnalyzer extends Analyzer {

    static final int VALUE_GAP = 100;

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        return new TokenStreamComponents(new WordTokenizer());
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    @Override
    public int getPositionIncrementGap(String fieldName) {
        return VALUE_GAP;
    }
}
