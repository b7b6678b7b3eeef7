using System.Text;
using System.Text.RegularExpressions;

namespace BeFree.Core.Risk;

/// <summary>A level suggested from a texter's words, and the words that matched.</summary>
public sealed partial record RiskSuggestion(RiskLevel Level, string MatchedText, string Category)
{
    /// <summary>Stored on the conversation and shown next to the suggested level.</summary>
    public string Reason => $"matched '{MatchedText}'";

    public string Display => $"suggested: {Level} — {Reason}";

    /// <summary>
    /// A stored reason ("matched 'took my passport'", and in the risk history "... (documents taken)") worded for the
    /// reader: the texter's words as they were, the rest in the reader's language. The stored English stays the
    /// record (decision 25); any other reason (one an advocate typed) is shown as it is.
    /// </summary>
    public static string Worded(string? storedReason)
    {
        if (storedReason is null || StoredReason().Match(storedReason) is not { Success: true } match)
        {
            return storedReason ?? "";
        }
        var worded = RiskMessages.Get("Suggestion_Matched", match.Groups["words"].Value);
        return match.Groups["category"] is { Success: true } category ? $"{worded} ({CategoryLabel(category.Value)})" : worded;
    }

    /// <summary>A lexicon category ("documents taken") in the reader's language; the file's own words if it has no label.</summary>
    public static string CategoryLabel(string category)
    {
        var key = CategoryKey(category);
        var label = RiskMessages.Get(key);
        return label == key ? category : label;
    }

    /// <summary>The resource key of a category: "documents taken" is Category_documents_taken.</summary>
    public static string CategoryKey(string category) => "Category_" + NonWord().Replace(category.ToLowerInvariant(), "_").Trim('_');

    [GeneratedRegex(@"^matched '(?<words>.*)'(?: \((?<category>[^()]*)\))?$", RegexOptions.Singleline)]
    private static partial Regex StoredReason();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}

/// <summary>
/// Suggests a risk level from the words of a text, using the phrase list in <c>risk-lexicon.txt</c>
/// (data, not code: see the file's header for its pattern syntax). Text and patterns are normalised
/// alike: case, apostrophes (can't = cant = can not = cannot), punctuation and spacing. Phrases match
/// whole words only, and a match that overlaps an exclusion ("passport photo", "beating me at chess")
/// does not count.
/// </summary>
public sealed class RiskLexicon
{
    public const string ResourceName = "risk-lexicon.txt";

    private readonly IReadOnlyList<Entry> _indicators;
    private readonly IReadOnlyList<Regex> _exclusions;

    private RiskLexicon(IReadOnlyList<Entry> indicators, IReadOnlyList<Regex> exclusions)
    {
        _indicators = indicators;
        _exclusions = exclusions;
    }

    public int IndicatorCount => _indicators.Count;

    /// <summary>The categories a suggestion can name (each has a label in the reader's language: a test checks).</summary>
    public IReadOnlyList<string> IndicatorCategories => [.. _indicators.Select(e => e.Category).Distinct()];

    public int ExclusionCount => _exclusions.Count;

    private static readonly Lazy<RiskLexicon> Embedded = new(ReadEmbedded);

    /// <summary>
    /// The lexicon shipped inside the Core assembly. Read and compiled once per process: it is
    /// immutable, and its compiled patterns cost a moment at start but run every inbound text
    /// several times faster than interpreted ones.
    /// </summary>
    public static RiskLexicon LoadEmbedded() => Embedded.Value;

    private static RiskLexicon ReadEmbedded()
    {
        var assembly = typeof(RiskLexicon).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(ResourceName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>
    /// Lines are <c>LEVEL | category | pattern</c> or <c>Exclude | category | pattern</c>; <c>#</c> starts a comment.
    /// Throws <see cref="FormatException"/> naming the line for anything it cannot read.
    /// </summary>
    public static RiskLexicon Parse(string content)
    {
        var indicators = new List<Entry>();
        var exclusions = new List<Regex>();
        var lineNumber = 0;
        foreach (var rawLine in content.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var parts = line.Split('|', 3);
            if (parts.Length != 3)
            {
                // A pattern's own | only appears inside parentheses, after the second separator.
                throw new FormatException($"risk lexicon line {lineNumber}: expected 'LEVEL | category | pattern'.");
            }
            var kind = parts[0].Trim();
            var category = parts[1].Trim();
            Regex regex;
            try
            {
                regex = CompilePattern(parts[2].Trim());
            }
            catch (FormatException ex)
            {
                throw new FormatException($"risk lexicon line {lineNumber}: {ex.Message}");
            }
            if (string.Equals(kind, "Exclude", StringComparison.OrdinalIgnoreCase))
            {
                exclusions.Add(regex);
            }
            else if (Enum.TryParse<RiskLevel>(kind, ignoreCase: true, out var level) && level > RiskLevel.Unknown)
            {
                indicators.Add(new Entry(level, category, regex));
            }
            else
            {
                throw new FormatException($"risk lexicon line {lineNumber}: '{kind}' is not Low, Moderate, High, Imminent or Exclude.");
            }
        }
        return new RiskLexicon(indicators, exclusions);
    }

    /// <summary>The highest level any phrase in <paramref name="text"/> suggests (the earliest such phrase), or null.</summary>
    public RiskSuggestion? Suggest(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var normalized = Normalize(text);
        if (normalized.Tokens.Count == 0)
        {
            return null;
        }
        var padded = " " + normalized.Text + " ";
        var excluded = _exclusions.SelectMany(x => x.Matches(padded)).Select(m => (Start: m.Index, End: m.Index + m.Length - 1)).ToList();

        (Entry Entry, int Start, int End)? best = null;
        foreach (var entry in _indicators)
        {
            if (best is { } current && current.Entry.Level > entry.Level)
            {
                continue;
            }
            foreach (Match match in entry.Pattern.Matches(padded))
            {
                var start = match.Index;
                var end = match.Index + match.Length - 1; // without the trailing space
                if (excluded.Any(x => x.Start < end && start < x.End))
                {
                    continue;
                }
                if (best is not { } b || entry.Level > b.Entry.Level || entry.Level == b.Entry.Level && start < b.Start)
                {
                    best = (entry, start, end);
                }
                break;
            }
        }
        if (best is not { } found)
        {
            return null;
        }
        return new RiskSuggestion(found.Entry.Level, normalized.Original(text, found.Start - 1, found.End - 1), found.Entry.Category);
    }

    private sealed record Entry(RiskLevel Level, string Category, Regex Pattern);

    // ---- Normalisation -------------------------------------------------------------------------

    private readonly record struct Token(string Text, int Start, int End);

    private sealed record NormalizedText(string Text, IReadOnlyList<Token> Tokens, IReadOnlyList<int> Offsets)
    {
        /// <summary>The original words behind normalised characters [start, end).</summary>
        public string Original(string source, int start, int end)
        {
            var first = -1;
            var last = -1;
            for (var i = 0; i < Tokens.Count; i++)
            {
                var tokenStart = Offsets[i];
                var tokenEnd = tokenStart + Tokens[i].Text.Length;
                if (tokenEnd > start && tokenStart < end)
                {
                    if (first < 0) first = i;
                    last = i;
                }
            }
            if (first < 0)
            {
                return "";
            }
            var span = source[Tokens[first].Start..Tokens[last].End];
            return string.Join(' ', span.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
    }

    private static readonly Dictionary<string, string> Shorthand = new(StringComparer.Ordinal)
    {
        ["u"] = "you",
        ["ur"] = "your",
        ["pls"] = "please",
        ["plz"] = "please",
        ["cannot"] = "cant",
    };

    private static bool IsApostrophe(char c) => c is '\'' or '’' or '‘' or 'ʼ' or '`' or '´';

    private static NormalizedText Normalize(string text)
    {
        var raw = Tokenize(text);
        var tokens = new List<Token>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var token = raw[i];
            // "can not" reads as one word, like "can't" and "cannot".
            if (token.Text == "can" && i + 1 < raw.Count && raw[i + 1].Text == "not")
            {
                tokens.Add(new Token("cant", token.Start, raw[i + 1].End));
                i++;
                continue;
            }
            tokens.Add(Shorthand.TryGetValue(token.Text, out var full) ? token with { Text = full } : token);
        }
        var builder = new StringBuilder();
        var offsets = new List<int>(tokens.Count);
        foreach (var token in tokens)
        {
            if (builder.Length > 0) builder.Append(' ');
            offsets.Add(builder.Length);
            builder.Append(token.Text);
        }
        return new NormalizedText(builder.ToString(), tokens, offsets);
    }

    /// <summary>Words of letters or of digits ("15yo" is "15" "yo"); apostrophes inside a word vanish.</summary>
    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var current = new StringBuilder();
        var start = -1;
        var end = -1;
        var currentIsDigit = false;

        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(new Token(current.ToString(), start, end));
            }
            current.Clear();
            start = -1;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                var isDigit = char.IsDigit(c);
                if (current.Length > 0 && isDigit != currentIsDigit)
                {
                    Flush();
                }
                if (current.Length == 0)
                {
                    start = i;
                    currentIsDigit = isDigit;
                }
                // Lower case without accents: texters often skip them ("patron", "anos").
                current.Append(BeFree.Core.Conversations.TextFolding.Fold(c));
                end = i + 1;
            }
            else if (IsApostrophe(c) && current.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                // Inside a word: can't → cant, they're → theyre.
            }
            else
            {
                Flush();
            }
        }
        Flush();
        return tokens;
    }

    // ---- Patterns ------------------------------------------------------------------------------

    /// <summary>
    /// Words separated by spaces; <c>(a|b c|)</c> is a choice (an empty choice makes it optional);
    /// <c>*</c> is any one word. Each element consumes its words and one following space.
    /// </summary>
    private static Regex CompilePattern(string pattern)
    {
        var regex = new StringBuilder("(?<= )");
        var elements = 0;
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c == '(')
            {
                var close = pattern.IndexOf(')', i + 1);
                if (close < 0)
                {
                    throw new FormatException("a '(' is not closed.");
                }
                var inner = pattern[(i + 1)..close];
                if (inner.Contains('('))
                {
                    throw new FormatException("choices cannot be nested.");
                }
                var choices = inner.Split('|').Select(NormalizePhrase).ToList();
                var optional = choices.Any(x => x.Length == 0);
                var words = choices.Where(x => x.Length > 0).Distinct().OrderByDescending(x => x.Length).ToList();
                if (words.Count == 0)
                {
                    throw new FormatException("a choice has no words.");
                }
                var group = "(?:" + string.Join('|', words.Select(w => Regex.Escape(w) + " ")) + ")";
                regex.Append(optional ? group + "?" : group);
                elements++;
                i = close + 1;
                continue;
            }
            if (c is ')' or '|')
            {
                throw new FormatException($"unexpected '{c}'.");
            }
            var next = i;
            while (next < pattern.Length && !char.IsWhiteSpace(pattern[next]) && pattern[next] != '(')
            {
                next++;
            }
            var word = pattern[i..next];
            if (word == "*")
            {
                regex.Append("[^ ]+ ");
            }
            else
            {
                var normalized = NormalizePhrase(word);
                if (normalized.Length == 0)
                {
                    throw new FormatException($"'{word}' has no letters or digits.");
                }
                regex.Append(Regex.Escape(normalized)).Append(' ');
            }
            elements++;
            i = next;
        }
        if (elements == 0)
        {
            throw new FormatException("the pattern is empty.");
        }
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
    }

    private static string NormalizePhrase(string phrase) => Normalize(phrase).Text;
}
