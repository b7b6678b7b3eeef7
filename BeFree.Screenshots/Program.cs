using BeFree.Screenshots;

// Usage: BeFree.Screenshots --base-url http://127.0.0.1:5090 --database /tmp/x/befree.db --out docs/screenshots
// The app must be running in Development with the settings scripts/screenshots.sh gives it.
var options = ScreenshotOptions.Parse(args);
await using var shift = await ShiftSeeder.StartAsync(options);
await shift.SeedAsync();
await shift.TakeScreenshotsAsync();
Console.WriteLine($"Screenshots written to {Path.GetFullPath(options.OutputFolder)}");
