using System.Net;
using BeFree.Core.Live;
using BeFree.Tests.Browser.Support;
using BeFree.Tests.Support;

namespace BeFree.Tests.Web;

/// <summary>An app server configured for Redis that cannot reach it keeps working alone and says so on /healthz.</summary>
public sealed class LiveBusHealthTests
{
    [Fact]
    public async Task Healthz_says_degraded_Redis_unavailable_while_Redis_does_not_answer_and_healthy_without_Redis()
    {
        using (var alone = new BeFreeWebFactory())
        {
            var healthy = await alone.CreateClient().GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
            Assert.Equal("Healthy", await healthy.Content.ReadAsStringAsync());
            Assert.IsType<InProcessLiveBus>(alone.Get<ILiveBus>());
        }

        using var cutOff = new BeFreeWebFactory();
        // Nothing listens there: Redis is down.
        cutOff.Settings["ConnectionStrings:Redis"] = $"127.0.0.1:{AppUnderTest.FreeLoopbackPort()},connectTimeout=500";
        var degraded = await cutOff.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, degraded.StatusCode);
        Assert.Equal("Degraded: Redis unavailable", await degraded.Content.ReadAsStringAsync());
        Assert.IsType<RedisLiveBus>(cutOff.Get<ILiveBus>());
    }
}
