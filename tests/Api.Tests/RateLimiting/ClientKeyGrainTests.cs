using System.Net;
using Gaze.Api.RateLimiting;
using Gaze.Grains.Interfaces;
using Gaze.Tests.Http;
using Microsoft.Extensions.DependencyInjection;
using static Gaze.Tests.RateLimiting.Policies;

namespace Gaze.Tests.RateLimiting;

/// <summary>Client keys against the real rate grains of the co-hosted silo.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientKeyGrainTests(ApiFactory api)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private IRateGrain Grain(string key) => api.Services.GetRequiredService<IGrainFactory>().GetGrain<IRateGrain>(key);

    [Fact]
    public async Task Ipv6_addresses_of_one_slash_64_share_one_grain()
    {
        var network = $"2001:db8:{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}";
        var laptop = ClientKey.From(IPAddress.Parse($"{network}::1"), 64);
        var phone = ClientKey.From(IPAddress.Parse($"{network}:aaaa:bbbb:cccc:dddd"), 64);
        var elsewhere = ClientKey.From(IPAddress.Parse("2001:db8:ffff:ffff::1"), 64);
        var policy = Moving(1, Minute);

        Assert.True((await Grain(laptop).AcquireAsync(policy)).Allowed);
        Assert.False((await Grain(phone).AcquireAsync(policy)).Allowed);
        Assert.Equal(laptop, phone);
        Assert.NotEqual(laptop, elsewhere);
    }
}
