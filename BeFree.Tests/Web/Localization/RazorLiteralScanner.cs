using System.Text;
using System.Text.RegularExpressions;

namespace BeFree.Tests.Web.Localization;

/// <summary>One piece of text a reader would see that is written into a .razor file instead of coming from resources.</summary>
public sealed record UntranslatedText(string File, int Line, string Text)
{
    public override string ToString() => $"{File}:{Line}: {Text}";
}

/// <summary>
/// Finds user-visible literal text in a .razor file: text between tags, and the values of the attributes people read
/// (title, aria-label, Label, Placeholder, Text...), when they are plain words or C# string literals with letters
/// rather than <c>@L["Key"]</c>. Code blocks, comments, the doctype, style sheets and scripts, key caps (&lt;kbd&gt;,
/// &lt;code&gt;) and the product's name are not text to translate. A heuristic, tuned to how this project writes markup; it errs on the side of reporting.
/// </summary>
public static partial class RazorLiteralScanner
{
    /// <summary>Attributes whose value a person reads or hears (compared ignoring case).</summary>
    public static readonly IReadOnlySet<string> ReadAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "title", "aria-label", "aria-description", "alt", "placeholder", "label", "text", "arialabel", "helpertext",
        "tooltip", "confirmtext", "canceltext", "yestext", "notext", "adornmentarialabel", "errortext",
    };

    /// <summary>Words that are the same in every language.</summary>
    private static readonly string[] Untranslatable = ["BeFree"];

    private static readonly string[] CodeLineStarts =
    [
        "@if", "@foreach", "@for ", "@for(", "@while", "@switch", "@using", "@inject", "@page", "@attribute", "@inherits",
        "@implements", "@layout", "@rendermode", "@typeparam", "@namespace", "@{", "@key", "else", "{", "}", "var ",
        "case ", "break;", "default:",
    ];

    public static IReadOnlyList<UntranslatedText> Scan(string displayPath, string source)
    {
        var text = Blank(source);
        var found = new List<UntranslatedText>();
        var i = 0;
        string? openElement = null;
        while (i < text.Length)
        {
            var lt = NextTag(text, i);
            var textEnd = lt < 0 ? text.Length : lt;
            if (openElement is not ("kbd" or "code" or "style" or "script"))
            {
                CheckTextNode(displayPath, text, i, textEnd, found);
            }
            if (lt < 0)
            {
                break;
            }
            i = ReadTag(displayPath, text, lt, found, out openElement);
        }
        return found;
    }

    /// <summary>The next '&lt;' that opens or closes a tag (not a comparison in code), or -1.</summary>
    private static int NextTag(string text, int from)
    {
        for (var lt = text.IndexOf('<', from); lt >= 0; lt = text.IndexOf('<', lt + 1))
        {
            var name = TagName().Match(text, lt);
            if (name.Success && name.Index == lt)
            {
                return lt;
            }
        }
        return -1;
    }

    /// <summary>Comments and the @code block become spaces, so line numbers stay right.</summary>
    private static string Blank(string source)
    {
        var chars = source.ToCharArray();
        foreach (Match comment in RazorComment().Matches(source))
        {
            BlankRange(chars, comment.Index, comment.Length);
        }
        foreach (Match comment in HtmlComment().Matches(source))
        {
            BlankRange(chars, comment.Index, comment.Length);
        }
        foreach (Match doctype in Doctype().Matches(source))
        {
            BlankRange(chars, doctype.Index, doctype.Length); // <!DOCTYPE html> names the markup language, not words.
        }
        foreach (Match directive in Directive().Matches(source))
        {
            BlankRange(chars, directive.Index, directive.Length); // @inject IStringLocalizer<T> L: a type, not a tag.
        }
        var code = CodeBlock().Match(new string(chars));
        if (code.Success)
        {
            BlankRange(chars, code.Index, chars.Length - code.Index);
        }
        return new string(chars);
    }

    private static void BlankRange(char[] chars, int start, int length)
    {
        for (var k = start; k < start + length; k++)
        {
            if (chars[k] != '\n')
            {
                chars[k] = ' ';
            }
        }
    }

    private static void CheckTextNode(string file, string text, int start, int end, List<UntranslatedText> found)
    {
        var offset = start;
        foreach (var rawLine in text[start..end].Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length > 0 && !CodeLineStarts.Any(line.StartsWith))
            {
                var visible = WithoutExpressions(line, out var literals);
                foreach (var literal in literals)
                {
                    found.Add(new UntranslatedText(file, LineOf(text, offset), literal));
                }
                if (HasWords(visible))
                {
                    found.Add(new UntranslatedText(file, LineOf(text, offset), visible.Trim()));
                }
            }
            offset += rawLine.Length + 1;
        }
    }

    /// <summary>Reads one tag from '&lt;' and checks its read attributes; returns where the tag ends.</summary>
    private static int ReadTag(string file, string text, int lt, List<UntranslatedText> found, out string? element)
    {
        var nameMatch = TagName().Match(text, lt);
        var closing = nameMatch.Groups[1].Value == "/";
        element = closing ? null : nameMatch.Groups[2].Value.ToLowerInvariant();
        var i = nameMatch.Index + nameMatch.Length;
        while (i < text.Length && text[i] != '>')
        {
            var attribute = AttributeName().Match(text, i);
            if (!attribute.Success || attribute.Index != i)
            {
                i++;
                continue;
            }
            i = attribute.Index + attribute.Length;
            if (i < text.Length && text[i] == '=' && i + 1 < text.Length && text[i + 1] is '"' or '\'')
            {
                var quote = text[i + 1];
                var valueStart = i + 2;
                var valueEnd = ValueEnd(text, valueStart, quote);
                if (ReadAttributes.Contains(attribute.Value))
                {
                    CheckAttribute(file, text, attribute.Value, valueStart, text[valueStart..valueEnd], found);
                }
                i = valueEnd + 1;
            }
        }
        if (i > 0 && text[i - 1] == '/')
        {
            element = null; // Self-closing: no text inside.
        }
        return i + 1;
    }

    /// <summary>The closing quote of an attribute value; quotes inside @( ... ) belong to the C# expression.</summary>
    private static int ValueEnd(string text, int start, char quote)
    {
        var depth = 0;
        var inString = false;
        for (var k = start; k < text.Length; k++)
        {
            var c = text[k];
            if (depth > 0)
            {
                if (c == '"' && text[k - 1] != '\\')
                {
                    inString = !inString;
                }
                else if (!inString && c == '(')
                {
                    depth++;
                }
                else if (!inString && c == ')')
                {
                    depth--;
                }
                continue;
            }
            if (c == '(')
            {
                depth++;
            }
            else if (c == quote)
            {
                return k;
            }
        }
        return text.Length - 1;
    }

    private static void CheckAttribute(string file, string text, string name, int at, string value, List<UntranslatedText> found)
    {
        var visible = WithoutExpressions(value, out var literals);
        foreach (var literal in literals)
        {
            found.Add(new UntranslatedText(file, LineOf(text, at), $"{name}: {literal}"));
        }
        if (HasWords(visible))
        {
            found.Add(new UntranslatedText(file, LineOf(text, at), $"{name}=\"{value.Trim()}\""));
        }
    }

    /// <summary>
    /// The text with every Razor expression (@x.y, @x(...), @L["..."], @( ... )) taken out; string literals with
    /// letters inside those expressions, outside L[...], are reported: they are words a reader sees.
    /// </summary>
    private static string WithoutExpressions(string line, out List<string> literals)
    {
        literals = [];
        var visible = new StringBuilder();
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == '@' && i + 1 < line.Length && line[i + 1] == '@')
            {
                visible.Append('@');
                i += 2;
                continue;
            }
            if (line[i] == '@' && i + 1 < line.Length && (line[i + 1] == '(' || char.IsLetter(line[i + 1]) || line[i + 1] == '_'))
            {
                var end = ExpressionEnd(line, i + 1);
                foreach (var literal in StringLiterals(line[(i + 1)..end]))
                {
                    literals.Add(literal);
                }
                i = end;
                continue;
            }
            visible.Append(line[i]);
            i++;
        }
        return visible.ToString();
    }

    private static int ExpressionEnd(string line, int i)
    {
        if (line[i] == '(')
        {
            return Balanced(line, i, '(', ')');
        }
        while (i < line.Length)
        {
            if (char.IsLetterOrDigit(line[i]) || line[i] == '_')
            {
                i++;
            }
            else if (line[i] == '.' && i + 1 < line.Length && (char.IsLetter(line[i + 1]) || line[i + 1] == '_'))
            {
                i++;
            }
            else if (line[i] == '(')
            {
                i = Balanced(line, i, '(', ')');
            }
            else if (line[i] == '[')
            {
                i = Balanced(line, i, '[', ']');
            }
            else
            {
                break;
            }
        }
        return i;
    }

    private static int Balanced(string line, int i, char open, char close)
    {
        var depth = 0;
        var inString = false;
        for (var k = i; k < line.Length; k++)
        {
            var c = line[k];
            if (c == '"' && (k == 0 || line[k - 1] != '\\'))
            {
                inString = !inString;
            }
            else if (!inString && c == open)
            {
                depth++;
            }
            else if (!inString && c == close && --depth == 0)
            {
                return k + 1;
            }
        }
        return line.Length;
    }

    private static IEnumerable<string> StringLiterals(string expression)
    {
        // L["Key", ...] is the translated form: its key is a name, not text.
        var withoutLookups = LocalizerLookup().Replace(expression, "");
        foreach (Match literal in StringLiteral().Matches(withoutLookups))
        {
            var value = Regex.Replace(literal.Groups[1].Value, @"\{[^}]*\}", " "); // Interpolation holes are code.
            if (HasWords(value))
            {
                yield return literal.Value;
            }
        }
    }

    private static bool HasWords(string text)
    {
        var rest = HtmlEntity().Replace(text, " ");
        foreach (var word in Untranslatable)
        {
            rest = rest.Replace(word, " ", StringComparison.Ordinal);
        }
        return rest.Any(char.IsLetter);
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, Math.Min(index, text.Length)).Count('\n') + 1;

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"<!DOCTYPE[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Doctype();

    [GeneratedRegex(@"^[ \t]*@(using|inject|page|attribute|inherits|implements|layout|rendermode|typeparam|namespace)\b[^\n]*", RegexOptions.Multiline)]
    private static partial Regex Directive();

    [GeneratedRegex(@"^@code\s*\{", RegexOptions.Multiline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"<(/?)([A-Za-z][\w.:-]*)")]
    private static partial Regex TagName();

    [GeneratedRegex(@"@?[A-Za-z_][\w:.-]*")]
    private static partial Regex AttributeName();

    [GeneratedRegex(@"\bL\[[^\]]*\]")]
    private static partial Regex LocalizerLookup();

    [GeneratedRegex(@"\$?@?""((?:[^""\\]|\\.)*)""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"&#?\w+;")]
    private static partial Regex HtmlEntity();
}
