using System.Text;

namespace Tern.Platforms;

/// <summary>
/// Splits text into words as a POSIX shell does for a simple command, without expansions: blanks separate words,
/// backslash-newline joins lines, single quotes keep everything literally, double quotes keep everything but
/// <c>\" \\ \$ \`</c> and backslash-newline, and an unquoted backslash keeps the next character. <c>$</c> and
/// backquotes are taken literally (a saved command line has nothing left to expand).
/// </summary>
internal static class ShellWords
{
    /// <summary>One word; <see cref="Assignment"/> is the index of <c>=</c> when the word is an unquoted <c>NAME=</c> assignment.</summary>
    internal readonly record struct Word(string Text, int? Assignment);

    /// <summary>Splits <paramref name="text"/>; <see cref="FormatException"/> for an unterminated quote.</summary>
    public static List<Word> Split(string text)
    {
        var words = new List<Word>();
        var cur = new StringBuilder();
        var inWord = false;
        var quotedBeforeEquals = false;
        int? assignment = null;
        var line = 1;
        void End()
        {
            if (!inWord) return;
            words.Add(new Word(cur.ToString(), assignment is { } eq && !quotedBeforeEquals && IsName(cur.ToString(0, eq)) ? eq : null));
            cur.Clear();
            inWord = false;
            quotedBeforeEquals = false;
            assignment = null;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\n':
                    line++;
                    End();
                    break;
                case ' ' or '\t' or '\r':
                    End();
                    break;
                case '\\':
                    if (i + 1 < text.Length && text[i + 1] == '\n') { i++; line++; break; }
                    if (i + 1 < text.Length && text[i + 1] == '\r' && i + 2 < text.Length && text[i + 2] == '\n') { i += 2; line++; break; }
                    inWord = true;
                    if (i + 1 < text.Length) cur.Append(text[++i]);
                    break;
                case '\'':
                    {
                        inWord = true;
                        if (assignment is null) quotedBeforeEquals = true;
                        var end = text.IndexOf('\'', i + 1);
                        if (end < 0) throw new FormatException($"line {line}: unterminated single quote");
                        var part = text.AsSpan(i + 1, end - i - 1);
                        line += part.Count('\n');
                        cur.Append(part);
                        i = end;
                        break;
                    }
                case '"':
                    {
                        inWord = true;
                        if (assignment is null) quotedBeforeEquals = true;
                        var start = line;
                        var closed = false;
                        for (i++; i < text.Length; i++)
                        {
                            var d = text[i];
                            if (d == '"') { closed = true; break; }
                            if (d == '\n') line++;
                            if (d == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`' or '\n')
                            {
                                i++;
                                if (text[i] == '\n') { line++; continue; }
                                d = text[i];
                            }
                            cur.Append(d);
                        }
                        if (!closed) throw new FormatException($"line {start}: unterminated double quote");
                        break;
                    }
                default:
                    if (c == '=' && assignment is null && inWord) assignment = cur.Length;
                    inWord = true;
                    cur.Append(c);
                    break;
            }
        }
        End();
        return words;
    }

    private static bool IsName(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_');
}
