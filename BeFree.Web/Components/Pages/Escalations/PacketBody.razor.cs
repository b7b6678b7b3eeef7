using System.Globalization;
using BeFree.Core.Escalations;
using BeFree.Core.Time;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Escalations;

public partial class PacketBody
{
    [Inject] public required HotlineTime Time { get; set; }

    [Parameter, EditorRequired] public required EscalationPacket Packet { get; set; }

    /// <summary>Core's shared labels (DisplayNames) follow the current UI culture; the packet asks for them in English.</summary>
    private static string InEnglish(Func<string> label)
    {
        var reader = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = EscalationText.Packet;
        try
        {
            return label();
        }
        finally
        {
            CultureInfo.CurrentUICulture = reader;
        }
    }
}
