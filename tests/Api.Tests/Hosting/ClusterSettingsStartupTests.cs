using Gaze.Tests.Http;

namespace Gaze.Tests.Hosting;

/// <summary>Cluster settings that cannot work stop the API's start, naming the setting to fix.</summary>
public sealed class ClusterSettingsStartupTests
{
    private sealed class ConfiguredApiFactory(IEnumerable<KeyValuePair<string, string>> settings) : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => settings;
    }

    [Theory]
    [InlineData("Storage:Provider=redis", "Setting ConnectionStrings:Redis: is required")]
    [InlineData("Orleans:ClusteringProvider=redis", "Setting ConnectionStrings:Redis: is required")]
    [InlineData("Orleans:ClusteringProvider=redis;ConnectionStrings:Redis=127.0.0.1:1,bogus=1", "Setting ConnectionStrings:Redis: '127.0.0.1:1,bogus=1' is not a StackExchange.Redis connection string")]
    [InlineData("Storage:Provider=cassandra", "Storage:Provider")]
    [InlineData("Orleans:ClusteringProvider=consul", "Orleans:ClusteringProvider")]
    [InlineData("Orleans:Role=sidecar", "Orleans:Role")]
    [InlineData("Orleans:Clustering=redis", "with Orleans:ClusteringProvider (localhost or redis)")]
    [InlineData("Orleans:AdvertisedIP=silo-1", "Setting Orleans:AdvertisedIP: 'silo-1' is not an address other silos can reach")]
    [InlineData("Orleans:AdvertisedIP=0.0.0.0", "Setting Orleans:AdvertisedIP: '0.0.0.0' is not an address other silos can reach")]
    [InlineData("Orleans:AdvertisedIP=1", "Setting Orleans:AdvertisedIP: '1' is not an address other silos can reach")]
    public void A_cluster_setting_that_cannot_work_stops_the_start(string settings, string expected)
    {
        var pairs = settings.Split(';').Select(setting => setting.Split('=', 2)).Select(pair => KeyValuePair.Create(pair[0], pair[1])).ToArray();
        Assert.Contains(expected, StartupFailure.MessagesOf(() => new ConfiguredApiFactory(pairs)));
    }

    [Fact]
    public void A_second_instance_on_the_ports_of_a_running_one_stops_its_start()
    {
        KeyValuePair<string, string>[] ports = [new("Orleans:SiloPort", FreePort.Next().ToString()), new("Orleans:GatewayPort", FreePort.Next().ToString())];
        using var running = new ConfiguredApiFactory(ports);
        running.CreateClient();

        var messages = StartupFailure.MessagesOf(() => new ConfiguredApiFactory(ports));

        Assert.Contains($"Setting Orleans:SiloPort: 127.0.0.1:{ports[0].Value} is already in use", messages);
        Assert.Contains($"Setting Orleans:GatewayPort: 127.0.0.1:{ports[1].Value} is already in use", messages);
    }
}
