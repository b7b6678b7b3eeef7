using System.Text.Json;
using System.Text.Json.Serialization;

namespace BeFree.Core.Staff;

/// <summary>How the workstation looks to this person: light, dark, or whatever their system uses.</summary>
public enum ColorScheme
{
    System = 0,
    Light = 1,
    Dark = 2,
}

/// <summary>
/// The language the workstation speaks to this member of staff. Separate from a conversation's language (the texter's,
/// <see cref="Conversations.ConversationLanguage"/>): a Spanish-speaking advocate may answer English texters and the
/// other way round. Stored by name in the preferences JSON: append, never rename.
/// </summary>
public enum WorkstationLanguage
{
    English = 0,
    Spanish = 1,
}

public static class WorkstationLanguages
{
    /// <summary>
    /// The culture the workstation runs in for this language. US cultures: a US hotline's Spanish (es-US) keeps the
    /// US number format (1,234.5) that its English users and reports use.
    /// </summary>
    public static string CultureName(this WorkstationLanguage language) => language switch
    {
        WorkstationLanguage.Spanish => "es-US",
        _ => "en-US",
    };

    /// <summary>The language's own name, as a language menu shows it ("English", "Español").</summary>
    public static string NativeName(this WorkstationLanguage language) => language switch
    {
        WorkstationLanguage.Spanish => "Español",
        _ => "English",
    };
}

/// <summary>
/// One person's workstation settings, kept with their account so they follow them to any computer.
/// Nothing here is sensitive: it is how the screen behaves, not what it shows.
/// </summary>
public sealed record StaffPreferences
{
    /// <summary>What a new account (or one that never changed anything) gets.</summary>
    public static StaffPreferences Default { get; } = new();

    /// <summary>System follows the browser's light or dark setting.</summary>
    public ColorScheme ColorScheme { get; init; } = ColorScheme.System;

    /// <summary>A short chime when a texter writes to the queue or to one of this person's conversations.</summary>
    public bool ChimeOn { get; init; } = true;

    /// <summary>A browser notification (never with the message or the number) once the browser allows it.</summary>
    public bool BrowserNotificationsOn { get; init; }

    /// <summary>The language of the workstation's own words, dates and numbers for this person.</summary>
    public WorkstationLanguage Language { get; init; } = WorkstationLanguage.English;

    /// <summary>Enter sends a reply and Shift+Enter starts a new line; off, Enter starts a new line.</summary>
    public bool EnterSends { get; init; } = true;

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The stored form: a small JSON object, so a new setting needs no new column.</summary>
    public string ToStored() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads the stored form; nothing stored, or something unreadable, gives the defaults.</summary>
    public static StaffPreferences FromStored(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return Default;
        }
        try
        {
            return JsonSerializer.Deserialize<StaffPreferences>(stored, Json) ?? Default;
        }
        catch (JsonException)
        {
            return Default;
        }
    }
}
