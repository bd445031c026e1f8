package io.vigil.store.search;

import java.io.IOException;
import org.apache.lucene.analysis.CharacterUtils;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Splits text into maximal runs of letters and digits, lower-cased (locale-independent). Every other character
 * separates words, so a path, a file name, a host name or a command line yields its parts:
 * {@code C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe} gives {@code c windows system32
 * windowspowershell v1 0 powershell exe}. A run longer than {@value #MAX_WORD} characters is cut into words of
 * that length.
 */
final class WordTokenizer extends Tokenizer {

    static final int MAX_WORD = 255;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offsets = addAttribute(OffsetAttribute.class);
    private final CharacterUtils.CharacterBuffer buffer = CharacterUtils.newCharacterBuffer(4096);
    /** Offset in the input of the buffer's first character. */
    private int offset;
    private int bufferIndex;
    private int dataLength;
    private int finalOffset;

    @Override
    public boolean incrementToken() throws IOException {
        clearAttributes();
        int length = 0;
        int start = -1;
        int end = -1;
        char[] chars = term.buffer();
        while (true) {
            if (bufferIndex >= dataLength) {
                offset += dataLength;
                CharacterUtils.fill(buffer, input);
                if (buffer.getLength() == 0) {
                    dataLength = 0;
                    if (length > 0) {
                        break;
                    }
                    finalOffset = correctOffset(offset);
                    return false;
                }
                dataLength = buffer.getLength();
                bufferIndex = 0;
            }
            int c = Character.codePointAt(buffer.getBuffer(), bufferIndex, dataLength);
            int count = Character.charCount(c);
            bufferIndex += count;
            if (Character.isLetterOrDigit(c)) {
                if (length == 0) {
                    start = offset + bufferIndex - count;
                    end = start;
                }
                if (length >= chars.length - 2) {
                    chars = term.resizeBuffer(length + 2);
                }
                end += count;
                length += Character.toChars(Character.toLowerCase(c), chars, length);
                if (length >= MAX_WORD) {
                    break;
                }
            } else if (length > 0) {
                break;
            }
        }
        term.setLength(length);
        offsets.setOffset(correctOffset(start), finalOffset = correctOffset(end));
        return true;
    }

    @Override
    public void end() throws IOException {
        super.end();
        offsets.setOffset(finalOffset, finalOffset);
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        offset = 0;
        bufferIndex = 0;
        dataLength = 0;
        finalOffset = 0;
        buffer.reset();
    }
}
