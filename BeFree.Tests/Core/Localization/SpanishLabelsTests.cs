using System.Globalization;
using System.Reflection;
using System.Resources;
using BeFree.Core;
using BeFree.Core.Conversations;
using BeFree.Core.Reports;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Core.Time;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BeFree.Tests.Core.Localization;

/// <summary>Core's labels and relative times in the reader's language; every value has its own words in both.</summary>
public sealed class SpanishLabelsTests
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-US");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    private static T In<T>(CultureInfo culture, Func<T> read)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
            CultureInfo.CurrentUICulture = beforeUi;
        }
    }

    [Fact]
    public void Every_enum_value_DisplayNames_labels_has_its_own_English_and_Spanish_words()
    {
        var labels = new ResourceManager("BeFree.Core.DisplayNames", typeof(DisplayNames).Assembly);
        var enums = typeof(DisplayNames).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == nameof(DisplayNames.Of))
            .Select(m => m.GetParameters().Single().ParameterType)
            .ToList();
        Assert.Contains(typeof(ConversationLanguage), enums);
        var missing = new List<string>();
        foreach (var type in enums)
        {
            foreach (var value in Enum.GetValues(type))
            {
                var key = type.Name + "_" + value;
                foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("es") })
                {
                    // Each language's own set (DisplayNames.resx, DisplayNames.es.resx), no fallback: a gap shows here.
                    var set = labels.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
                    if (string.IsNullOrWhiteSpace(set?.GetString(key)))
                    {
                        missing.Add($"{key} ({(culture.Name == "es" ? "Spanish" : "English")})");
                    }
                }
            }
        }
        foreach (var role in StaffRoles.All)
        {
            Assert.NotEqual(DisplayNames.Words(role), In(Spanish, () => DisplayNames.Role(role)));
        }
        Assert.True(missing.Count == 0, "No label for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Labels_follow_the_readers_language()
    {
        Assert.Equal("Alto", In(Spanish, () => DisplayNames.Of(RiskLevel.High)));
        Assert.Equal("High", In(English, () => DisplayNames.Of(RiskLevel.High)));
        Assert.Equal("En espera en la cola", In(Spanish, () => DisplayNames.Of(ConversationStatus.Queued)));
        Assert.Equal("Español", In(Spanish, () => DisplayNames.Of(ConversationLanguage.Spanish)));
        Assert.Equal("Spanish", In(English, () => DisplayNames.Of(ConversationLanguage.Spanish)));
        Assert.Equal("Líder de turno", In(Spanish, () => DisplayNames.Role(StaffRoles.ShiftLead)));
    }

    [Fact]
    public void Relative_times_read_in_Spanish_and_dates_keep_their_one_numeric_form()
    {
        var now = new DateTime(2026, 12, 3, 15, 0, 0, DateTimeKind.Utc);
        var time = new HotlineTime(Options.Create(new ReportOptions { TimeZoneId = "UTC" }), new FakeTimeProvider(now));

        Assert.Equal("ahora mismo", In(Spanish, () => time.Relative(now.AddSeconds(-20))));
        Assert.Equal("hace 4 min", In(Spanish, () => time.Relative(now.AddMinutes(-4))));
        Assert.Equal("hace 3 h", In(Spanish, () => time.Relative(now.AddHours(-3))));
        Assert.Equal("4 min ago", In(English, () => time.Relative(now.AddMinutes(-4))));
        Assert.Equal("2026-12-01 15:00", In(Spanish, () => time.Relative(now.AddDays(-2))));
        Assert.Equal("2026-12-03 15:00", In(Spanish, () => time.Format(now)));
    }

    [Fact]
    public void A_lexicon_suggestion_reads_in_the_readers_language_with_the_texters_words_as_written()
    {
        Assert.Equal("matched 'no nos deja salir'", In(English, () => RiskSuggestion.Worded("matched 'no nos deja salir'")));
        Assert.Equal("matched 'took my passport' (documents taken)",
            In(English, () => RiskSuggestion.Worded("matched 'took my passport' (documents taken)")));
        Assert.Equal("coincide con «no nos deja salir»", In(Spanish, () => RiskSuggestion.Worded("matched 'no nos deja salir'")));
        Assert.Equal("coincide con «no nos deja salir» (no puede irse)",
            In(Spanish, () => RiskSuggestion.Worded("matched 'no nos deja salir' (cannot leave)")));
        // A reason an advocate typed is theirs, in whatever language they wrote it.
        Assert.Equal("she said it was a joke", In(Spanish, () => RiskSuggestion.Worded("she said it was a joke")));
        // A category the resources do not know yet keeps the lexicon file's words.
        Assert.Equal("coincide con «x» (new category)", In(Spanish, () => RiskSuggestion.Worded("matched 'x' (new category)")));
    }

    [Fact]
    public void Every_category_the_lexicon_can_suggest_has_a_Spanish_label()
    {
        var categories = RiskLexicon.LoadEmbedded().IndicatorCategories;
        Assert.True(categories.Count > 10, "the lexicon names its indicators' categories");

        var unlabelled = categories.Where(c => In(Spanish, () => RiskSuggestion.CategoryLabel(c)) == c).ToList();

        Assert.True(unlabelled.Count == 0, "No Spanish label for: " + string.Join(", ", unlabelled));
        Assert.All(categories, c => Assert.Equal(c, In(English, () => RiskSuggestion.CategoryLabel(c))));
    }

    [Fact]
    public void A_charts_day_reads_with_the_month_in_the_readers_words()
    {
        var day = new DateOnly(2026, 12, 3);

        Assert.Equal("Dec 3", In(English, () => HotlineTime.DayLabel(day)));
        Assert.Equal("3 dic", In(Spanish, () => HotlineTime.DayLabel(day)));
    }

    [Fact]
    public void Each_workstation_language_has_its_culture_and_its_own_name()
    {
        Assert.Equal("es-US", WorkstationLanguage.Spanish.CultureName());
        Assert.Equal("en-US", WorkstationLanguage.English.CultureName());
        Assert.Equal("Español", WorkstationLanguage.Spanish.NativeName());
    }
}
