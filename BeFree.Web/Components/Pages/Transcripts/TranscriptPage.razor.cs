using BeFree.Core.Conversations;
using BeFree.Core.Reports;
using BeFree.Core.Staff;
using BeFree.Core.Time;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Transcripts;

public partial class TranscriptPage
{
    [Parameter] public int ConversationId { get; set; }

    [Inject] public required TranscriptService Transcripts { get; set; }
    [Inject] public required HotlineTime Time { get; set; }
    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    private Transcript? _transcript;
    private string? _error;

    /// <summary>The texter and the hotline named in the reader's language; a staff member by their name.</summary>
    private string SenderOf(TranscriptLine line) => line.Sender switch
    {
        TranscriptSender.Texter => L["Sender_Texter"],
        TranscriptSender.Automatic => L["Sender_Automatic"],
        TranscriptSender.UnknownStaff => L["Sender_Advocate"],
        _ => line.From,
    };

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _transcript = await Transcripts.GetAsync(Staff.Id, ConversationId);
        }
        catch (Exception e) when (e is StaffAuthorizationException or ConversationActionException)
        {
            _error = e.Message;
        }
    }
}
