using BeFree.Tests.Support;
using OpenTelemetry.Trace;

namespace BeFree.Tests.Web.Observability;

/// <summary>Spans leave the app only for a configured OTLP collector; without one no tracer runs at all.</summary>
public sealed class TracingSetupTests
{
    [Fact]
    public void Without_a_collector_there_is_no_tracer()
    {
        using var factory = new BeFreeWebFactory();

        Assert.Null(factory.Services.GetService(typeof(TracerProvider)));
    }

    [Fact]
    public void With_a_collector_configured_traces_are_exported()
    {
        using var factory = new BeFreeWebFactory();
        // Nothing listens there: the exporter only logs that it could not send.
        factory.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9";

        Assert.NotNull(factory.Services.GetService(typeof(TracerProvider)));
    }
}
