using BeFree.Core.Conversations;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.CannedReplies;

public partial class CannedResponseEditor
{
    [Inject] public required CannedResponses Responses { get; set; }

    /// <summary>The response to edit; Id 0 for a new one.</summary>
    [Parameter, EditorRequired] public CannedResponseView Response { get; set; } = default!;

    [Parameter] public EventCallback<string> OnSaved { get; set; }

    [Parameter] public EventCallback OnCancel { get; set; }

    private string _title = "";
    private string _body = "";
    private string _sortOrder = "0";
    private ConversationLanguage _language;
    private bool _saved;

    private string SegmentText
    {
        get
        {
            var m = SmsSegments.Measure(_body);
            return L["Segments", m.Characters, m.Segments];
        }
    }

    protected override void OnInitialized()
        => (_title, _body, _sortOrder, _language) = (Response.Title, Response.Body, Response.SortOrder.ToString(), Response.Language);

    private async Task SaveAsync()
    {
        if (_saved)
        {
            return; // The second click of a double click, after the first saved.
        }
        if (!int.TryParse(_sortOrder.Trim(), out var order))
        {
            Error = L["OrderNotWhole"];
            return;
        }
        var input = new CannedResponseInput(_title, _body, order, _language);
        if (await RunAsync(async () =>
            {
                if (Response.Id == 0) await Responses.CreateAsync(ActorId, input);
                else await Responses.UpdateAsync(ActorId, Response.Id, input);
            }))
        {
            _saved = true;
            await OnSaved.InvokeAsync(L["Saved", _title.Trim()]);
        }
    }
}
