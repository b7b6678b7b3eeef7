using BeFree.Core.Conversations;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BeFree.Web.Components.Pages.Inbox;

/// <summary>
/// The thread pane of a page that shows one (the inbox and the conversation page): its <see cref="ThreadFollow"/>
/// state, and the browser side through inbox.js, which reports the pane's scrolling (and, for the inbox, key presses)
/// to the page, scrolls the pane when <see cref="ThreadFollow"/> says so, and stops its listeners when the page goes.
/// </summary>
public sealed class ThreadPaneScript<TPage>(IJSRuntime js) : IAsyncDisposable where TPage : class
{
    private readonly ThreadFollow _follow = new();
    private readonly List<IJSObjectReference> _listeners = [];
    private IJSObjectReference? _module;
    private DotNetObjectReference<TPage>? _page;
    private bool _scrollPending;

    /// <summary>True while the "new messages" marker shows: texts arrived below while the person read further up.</summary>
    public bool ShowMarker => _follow.ShowMarker;

    /// <summary>After each load: the conversation the pane shows now, or none.</summary>
    public void Shown(int? conversationId, ConversationDetail? detail)
    {
        if (conversationId is { } id && detail is not null)
        {
            Apply(_follow.Shown(id, detail.Messages.Count == 0 ? null : detail.Messages.Max(m => m.Id)));
        }
        else
        {
            _follow.Clear();
        }
    }

    /// <summary>The browser says the pane reached or left its newest text; true when the marker changed (re-render).</summary>
    public bool Scrolled(bool atBottom)
    {
        var hadMarker = _follow.ShowMarker;
        _follow.Scrolled(atBottom);
        return hadMarker != _follow.ShowMarker;
    }

    /// <summary>The marker's button: down to the newest text after this render.</summary>
    public void JumpToNewest() => Apply(_follow.JumpToNewest());

    /// <summary>Takes what <see cref="ThreadFollow"/> decided; a scroll happens after the next render.</summary>
    private void Apply(ThreadFollowAction action) => _scrollPending |= action == ThreadFollowAction.ScrollToBottom;

    /// <summary>After each interactive render: starts the listeners once, then does any scroll asked for.</summary>
    public async Task AfterRenderAsync(TPage page, ElementReference pane, bool listenForShortcuts)
    {
        if (_page is null)
        {
            _page = DotNetObjectReference.Create(page);
            _module = await js.InvokeAsync<IJSObjectReference>("import", "./inbox.js");
            if (_module is not null) // Null only where no browser answers (component tests).
            {
                if (listenForShortcuts)
                {
                    _listeners.Add(await _module.InvokeAsync<IJSObjectReference>("listenForShortcuts", _page));
                }
                _listeners.Add(await _module.InvokeAsync<IJSObjectReference>("followThread", pane, _page));
            }
        }
        if (_scrollPending && _module is not null)
        {
            _scrollPending = false;
            await _module.InvokeVoidAsync("scrollToBottom", pane);
        }
    }

    /// <summary>Calls one of inbox.js's small helpers (focusReply, leaveField) once the script is loaded.</summary>
    public async Task CallAsync(string function)
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync(function);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var listener in _listeners)
            {
                await listener.InvokeVoidAsync("stop");
                await listener.DisposeAsync();
            }
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone: so are the browser's listeners.
        }
        _page?.Dispose();
    }
}
