using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Gaze.Tests.Cluster;

/// <summary>
/// SIGKILL of the silo that holds a busy client's rate grain, under traffic from both API nodes.
/// Requests carry no body: admitted is 400 (the missing fields), denied 429, and a limiter that cannot decide is 503
/// (failure policy closed). Decisions in flight to the killed silo are not answered by Orleans
/// until long after; the limiter's decision timeout ends them.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    private const int Workers = 8;
    private const string ClientKey = "127.0.0.1";
    private static readonly TimeSpan Traffic = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(1);

    public static TheoryData<string> Backends => RedisBackends.Available();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Killing_the_silo_of_a_busy_key_costs_a_few_requests_and_at_most_one_extra_window(string backend)
    {
        var settings = new Dictionary<string, string>(ClusterSettings.RateLimits)
        {
            ["RateLimiting:DefaultLimits"] = "1000 per hour; 5000 per day",
            // Calls in flight to the killed silo get no answer: the decision timeout ends them (as 503).
            ["RateLimiting:DecisionTimeout"] = "00:00:02",
        };
        await using var redis = await RedisBackends.StartAsync(backend);
        await using var cluster = await ServiceCluster.StartAsync(redis, silos: 2, apiNodes: 2, role: "client", settings);
        var clients = cluster.Clients();

        var before = await ClusterRequests.RoundAsync(clients);
        Assert.Equal(ClusterSettings.Permits, before.Count(status => status == HttpStatusCode.BadRequest));
        // One window later the round has left it, and the write-behind (about once a second) has stored it.
        await Task.Delay(ClusterSettings.Window + TimeSpan.FromSeconds(1));

        int hostPort;
        await using (var observer = await ClusterObserver.ConnectAsync(cluster))
        {
            hostPort = await observer.RateGrainSiloPortAsync(ClientKey);
        }

        var victim = cluster.Silos.Single(silo => silo.Setting("Orleans:SiloPort") == hostPort.ToString());
        var clock = Stopwatch.StartNew();
        var traffic = TrafficAsync(clients, clock);
        await Task.Delay(KillAfter);
        var killedAt = clock.Elapsed;
        await victim.KillAsync();
        var records = await traffic;

        var failures = records.Where(r => r.Status is not HttpStatusCode.BadRequest and not HttpStatusCode.TooManyRequests).ToArray();
        var recovered = failures.Length == 0 ? TimeSpan.Zero : failures.Max(f => f.At) - killedAt;
        var admittedTimes = records.Where(r => r.Status == HttpStatusCode.BadRequest).Select(r => r.At).Order().ToArray();
        var mostInOneWindow = MostWithin(admittedTimes, ClusterSettings.Window);
        output.WriteLine($"{backend}: {records.Length} requests in {Traffic.TotalSeconds} s, {failures.Length} failed " +
            $"({string.Join(", ", failures.GroupBy(f => (int)f.Status).Select(g => $"{g.Key} x{g.Count()}"))}), " +
            $"last failure {recovered.TotalSeconds:0.00} s after the kill, at most {mostInOneWindow} admissions in one {ClusterSettings.Window.TotalSeconds} s window");

        Assert.True(mostInOneWindow <= 2 * ClusterSettings.Permits, $"{mostInOneWindow} admissions in one window\n{cluster.Describe()}");
        Assert.True(Traffic - (killedAt + recovered) >= TimeSpan.FromSeconds(3), $"No 3 s without failures before the traffic ended: last failure {recovered.TotalSeconds:0.00} s after the kill.");

        // After recovery the limit is exact again, and the key's hour counts survived the kill.
        await Task.Delay(ClusterSettings.Window + TimeSpan.FromMilliseconds(250));
        var after = await ClusterRequests.RoundAsync(clients);
        Assert.True(after.Count(status => status == HttpStatusCode.BadRequest) == ClusterSettings.Permits, $"after recovery: {string.Join(",", after)}\n{cluster.Describe()}");
        var usedThisHour = 1000 - await RemainingAsync(clients[1], "hour");
        Assert.InRange(usedThisHour, 2 * ClusterSettings.Permits, admittedTimes.Length + 2 * ClusterSettings.Permits);
    }

    private static async Task<(TimeSpan At, HttpStatusCode Status)[]> TrafficAsync(HttpClient[] clients, Stopwatch clock)
    {
        var workers = Enumerable.Range(0, Workers).Select(async worker =>
        {
            var records = new List<(TimeSpan, HttpStatusCode)>();
            while (clock.Elapsed < Traffic)
            {
                try
                {
                    using var response = await clients[worker % clients.Length].PostAsync("/api/session/calib_validation", content: null);
                    records.Add((clock.Elapsed, response.StatusCode));
                }
                catch (HttpRequestException)
                {
                    records.Add((clock.Elapsed, HttpStatusCode.BadGateway)); // no answer at all
                }

                await Task.Delay(20);
            }

            return records;
        });
        return [.. (await Task.WhenAll(workers)).SelectMany(records => records).OrderBy(record => record.Item1)];
    }

    // The most timestamps in any half-open interval of length window.
    private static int MostWithin(TimeSpan[] sorted, TimeSpan window)
    {
        var most = 0;
        for (int start = 0, end = 0; end < sorted.Length; end++)
        {
            while (sorted[end] - sorted[start] >= window)
            {
                start++;
            }

            most = Math.Max(most, end - start + 1);
        }

        return most;
    }

    private static async Task<int> RemainingAsync(HttpClient client, string limit)
    {
        var status = JsonDocument.Parse(await client.GetStringAsync("/api/ratelimit/status")).RootElement;
        return status.GetProperty("policies").EnumerateArray()
            .Single(policy => policy.GetProperty("name").GetString() == "calib")
            .GetProperty("limits").EnumerateArray()
            .Single(l => l.GetProperty("name").GetString() == limit)
            .GetProperty("remaining").GetInt32();
    }
}
