using System.Globalization;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Search;

/// <summary>What a lead or admin searches by; every part is optional and they combine with AND.</summary>
public sealed record ConversationSearchQuery(
    string? Reference = null,
    string? NumberEnding = null,
    DateTime? FromUtc = null,
    DateTime? ToUtc = null,
    string? Disposition = null,
    RiskLevel? Risk = null,
    ConversationLanguage? Language = null,
    string? Words = null,
    bool IncludeTraining = false);

public sealed record ConversationSearchResult(
    int ConversationId,
    string Reference,
    string MaskedNumber,
    ConversationStatus Status,
    RiskLevel Risk,
    string? Disposition,
    ConversationLanguage Language,
    DateTime CreatedUtc,
    DateTime? ClosedUtc,
    bool IsTraining);

public sealed record ConversationSearchPage(IReadOnlyList<ConversationSearchResult> Results, bool MoreThanShown);

/// <summary>
/// Finds conversations for shift leads and admins. Words are matched with LIKE on lower-cased text
/// (the same on SQLite, PostgreSQL and SQL Server), with %, _ and the escape character escaped so
/// they match themselves. Every search is audited with the filters it used, but never the words
/// searched for nor the number's digits: those can be a texter's own words or part of their number.
/// Results show no message text; opening one goes through the conversation page and its read audit.
/// </summary>
public sealed class ConversationSearch(IDbContextFactory<BeFreeDbContext> dbFactory, AuditLog audit)
{
    public const int MaxResults = 100;
    public const int MaxWordsLength = 200;
    private const char Escape = '\\';

    public async Task<ConversationSearchPage> SearchAsync(string actorId, ConversationSearchQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.ShiftLead, StaffRoles.Admin);
        var conversations = db.Conversations.AsNoTracking();
        var used = new List<string>();

        if (!string.IsNullOrWhiteSpace(query.Reference))
        {
            var digits = query.Reference.Trim();
            if (digits.StartsWith("BEFREE-", StringComparison.OrdinalIgnoreCase)) digits = digits[7..];
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                throw new ConversationActionException(SearchMessages.Get("Reference"));
            }
            conversations = conversations.Where(c => c.Id == id);
            used.Add($"reference=BEFREE-{id}");
        }
        if (!string.IsNullOrWhiteSpace(query.NumberEnding))
        {
            var ending = query.NumberEnding.Trim();
            if (ending.Length is < 2 or > 4 || !ending.All(char.IsAsciiDigit))
            {
                throw new ConversationActionException(SearchMessages.Get("NumberEnding"));
            }
            conversations = conversations.Where(c => c.Texter.PhoneNumber.EndsWith(ending));
            used.Add("numberEnding=given");
        }
        if (query.FromUtc is { } from)
        {
            conversations = conversations.Where(c => c.CreatedUtc >= from);
            used.Add($"from={from:yyyy-MM-dd HH:mm}");
        }
        if (query.ToUtc is { } to)
        {
            conversations = conversations.Where(c => c.CreatedUtc < to);
            used.Add($"to={to:yyyy-MM-dd HH:mm}");
        }
        if (!string.IsNullOrWhiteSpace(query.Disposition))
        {
            var disposition = query.Disposition.Trim();
            conversations = conversations.Where(c => c.Disposition == disposition);
            used.Add($"disposition={disposition}");
        }
        if (query.Risk is { } risk)
        {
            conversations = conversations.Where(c => c.Risk == risk);
            used.Add($"risk={risk}");
        }
        if (query.Language is { } language)
        {
            conversations = conversations.Where(c => c.Language == language);
            used.Add($"language={language}");
        }
        if (!string.IsNullOrWhiteSpace(query.Words))
        {
            var words = query.Words.Trim();
            if (words.Length > MaxWordsLength)
            {
                throw new ConversationActionException(SearchMessages.Get("WordsTooLong", MaxWordsLength));
            }
            var pattern = "%" + EscapeLike(words.ToLowerInvariant()) + "%";
            conversations = conversations.Where(c => db.Messages.Any(m => m.ConversationId == c.Id
                && EF.Functions.Like(m.Body.ToLower(), pattern, Escape.ToString())));
            used.Add("words=given");
        }
        if (!query.IncludeTraining)
        {
            conversations = conversations.Where(c => !c.IsTraining);
        }
        else
        {
            used.Add("training=included");
        }

        var rows = await conversations
            .OrderByDescending(c => c.CreatedUtc).ThenByDescending(c => c.Id)
            .Select(c => new { c.Id, c.Texter.PhoneNumber, c.Status, c.Risk, c.Disposition, c.Language, c.CreatedUtc, c.ClosedUtc, c.IsTraining })
            .Take(MaxResults + 1)
            .ToListAsync(cancellationToken);
        await audit.WriteAsync(ConversationAccess.Actor(actor), SearchAuditActions.ConversationsSearched, "search", null,
            $"{(used.Count == 0 ? "filters=none" : string.Join("; ", used))}; results={Math.Min(rows.Count, MaxResults)}", cancellationToken);
        return new ConversationSearchPage(
            rows.Take(MaxResults).Select(r => new ConversationSearchResult(r.Id, $"BEFREE-{r.Id}", PhoneMasking.Mask(r.PhoneNumber), r.Status, r.Risk,
                r.Disposition, r.Language, r.CreatedUtc, r.ClosedUtc, r.IsTraining)).ToList(),
            rows.Count > MaxResults);
    }

    /// <summary>Makes %, _ and the escape character match themselves in a LIKE pattern.</summary>
    public static string EscapeLike(string text)
        => text.Replace(Escape.ToString(), $"{Escape}{Escape}").Replace("%", $"{Escape}%").Replace("_", $"{Escape}_");
}

public static class SearchAuditActions
{
    public const string ConversationsSearched = "search.conversations";
}
