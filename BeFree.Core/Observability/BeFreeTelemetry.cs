using System.Diagnostics;

namespace BeFree.Core.Observability;

/// <summary>
/// The names BeFree's own metrics and traces go out under. Spans and measurements carry ids and kinds
/// only: never a phone number or a message's text.
/// </summary>
public static class BeFreeTelemetry
{
    /// <summary>The meter's and the activity source's name (what an exporter subscribes to).</summary>
    public const string Name = "BeFree";

    /// <summary>Traces of webhook handling (inbound store, status update) and outbound sends.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    public static class Spans
    {
        public const string InboundStore = "inbound store";
        public const string Send = "send";

        public static string Webhook(string kind) => "webhook " + kind;
    }

    public static class Tags
    {
        public const string WebhookKind = "befree.webhook.kind";
        public const string WebhookOutcome = "befree.webhook.outcome";
        public const string ConversationId = "befree.conversation.id";
        public const string MessageId = "befree.message.id";
        public const string InboundOutcome = "befree.inbound.outcome";
        public const string OutboundState = "befree.outbound.state";
    }
}
