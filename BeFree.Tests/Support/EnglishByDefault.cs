using System.Globalization;
using System.Runtime.CompilerServices;

namespace BeFree.Tests.Support;

/// <summary>
/// The tests read English unless a test chooses a language (<c>CultureScope</c>): messages and labels follow the
/// UI culture (decisions 24 and 25), and a developer's machine set to another language must not change what the
/// English assertions see. Only the UI culture: number and date formatting keep the machine's default.
/// </summary>
internal static class EnglishByDefault
{
#pragma warning disable CA2255 // The test assembly is the one place that sets it, before any test runs.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Set() => CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("en-US");
}
