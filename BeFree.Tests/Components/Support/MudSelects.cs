using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BeFree.Tests.Components.Support;

/// <summary>
/// MudSelect in bUnit: the select named by its <c>data-testid</c>, the texts it offers (its items render in the
/// popover provider the test renders, as MainLayout provides it in the app) and choosing one (the select's own
/// change callback, as a click on an item raises it).
/// </summary>
public static class MudSelects
{
    public static IRenderedComponent<MudSelect<T>> Select<T>(this IRenderedComponent<IComponent> root, string testId)
        => root.FindComponents<MudSelect<T>>().Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), testId));

    /// <summary>Chooses <paramref name="value"/> in the select named <paramref name="testId"/>.</summary>
    public static Task ChooseAsync<T>(this IRenderedComponent<IComponent> root, string testId, T value)
    {
        var select = root.Select<T>(testId);
        return root.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    /// <summary>Opens the select named <paramref name="testId"/>, as a click on it would.</summary>
    public static Task OpenAsync<T>(this IRenderedComponent<IComponent> root, string testId)
    {
        var select = root.Select<T>(testId);
        return root.InvokeAsync(() => select.Instance.OpenMenu());
    }

    /// <summary>The texts the open selects list, in order.</summary>
    public static List<string> OpenOptionTexts(this IRenderedComponent<MudPopoverProvider> popovers)
        => popovers.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim()).ToList();

    /// <summary>The texts the select named <paramref name="testId"/> offers, in order (it is opened, read and closed).</summary>
    public static async Task<List<string>> OptionTextsAsync<T>(this IRenderedComponent<IComponent> root,
        IRenderedComponent<MudPopoverProvider> popovers, string testId)
    {
        await root.OpenAsync<T>(testId);
        var texts = popovers.OpenOptionTexts();
        var select = root.Select<T>(testId);
        await root.InvokeAsync(() => select.Instance.CloseMenu());
        return texts;
    }
}
