namespace BeFree.Screenshots;

/// <summary>What the script passes: where the app runs, its database (read to find the texts' ids) and its Twilio test settings.</summary>
public sealed record ScreenshotOptions(
    string BaseUrl,
    string DatabasePath,
    string OutputFolder,
    string AdminEmail,
    string AdminPassword,
    string TwilioAuthToken,
    string TwilioAccountSid,
    string ShortCode,
    string ChromiumPath)
{
    public static ScreenshotOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected --name value pairs, got '{args[i]}'.");
            }
            values[args[i][2..]] = args[i + 1];
        }
        string Get(string name, string? fallback = null)
            => values.TryGetValue(name, out var value) ? value
                : Environment.GetEnvironmentVariable("BEFREE_SCREENSHOTS_" + name.Replace('-', '_').ToUpperInvariant())
                  ?? fallback ?? throw new ArgumentException($"--{name} is required.");
        return new(
            Get("base-url").TrimEnd('/'),
            Get("database"),
            Get("out", "docs/screenshots"),
            Get("admin-email"),
            Get("admin-password"),
            Get("twilio-auth-token"),
            Get("twilio-account-sid"),
            Get("short-code", "233733"),
            Get("chromium", "/usr/bin/chromium"));
    }
}
