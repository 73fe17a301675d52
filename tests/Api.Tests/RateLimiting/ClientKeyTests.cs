using System.Net;
using Gaze.Api.RateLimiting;

namespace Gaze.Tests.RateLimiting;

public sealed class ClientKeyTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void Normalises_addresses(string address, string key) =>
        Assert.Equal(key, ClientKey.From(IPAddress.Parse(address), 64));

    [Fact]
    public void Ipv6_prefix_length_is_configurable() =>
        Assert.Equal("2001:db8:1::/48", ClientKey.From(IPAddress.Parse("2001:db8:1:2::1"), 48));

    [Fact]
    public void Different_ipv6_networks_get_different_keys() =>
        Assert.NotEqual(ClientKey.From(IPAddress.Parse("2001:db8:1:2::1"), 64), ClientKey.From(IPAddress.Parse("2001:db8:1:3::1"), 64));

    [Fact]
    public void A_peer_without_an_address_gets_the_shared_unknown_key() =>
        Assert.Equal(ClientKey.Unknown, ClientKey.From(null, 64));
}
