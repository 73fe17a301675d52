using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Gaze.Benchmarks.Limiter;

/// <summary>
/// What legitimate clients wait for while the service is under load: <c>clients</c> participants,
/// each with its own address (<c>X-Forwarded-For</c>, which the service believes from loopback),
/// calibrate once and then send a cached 300-sample batch prediction every <c>interval</c>, within
/// their limits. Prints one JSON line: latency percentiles in ms and the count of each status.
/// </summary>
public static class LegitLatency
{
    /// <param name="addressPrefix">The clients' addresses are this prefix plus their number, e.g. <c>192.0.2.</c>.</param>
    public static async Task RunAsync(Uri service, string goldenPath, TimeSpan duration, int clients, TimeSpan interval, string addressPrefix)
    {
        var data = JsonDocument.Parse(File.ReadAllText(goldenPath)).RootElement.GetProperty("cases").GetProperty("sim_9x90");
        double[][] batch = [.. data.GetProperty("session").EnumerateArray().Take(300).Select(PredictionTiming.Row)];
        var latencies = new List<double>();
        var statuses = new Dictionary<int, int>();

        // Set up one participant at a time (20 calibrations at once would meet the node's ML queue
        // limit), then measure them all together.
        var participants = new List<(HttpClient Client, string Body)>();
        for (var number = 1; number <= clients; number++)
        {
            var client = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromMinutes(1) };
            client.DefaultRequestHeaders.Add("X-Forwarded-For", addressPrefix + number);
            var calibrationId = $"legit-{addressPrefix}{number}-{Guid.NewGuid():N}";
            await HttpPredictionTiming.CalibrateAsync(client, calibrationId, data.GetProperty("fixed"));
            var body = HttpPredictionTiming.Body(calibrationId, "Linear Regression", 1920, batch);
            await PostAsync(client, body); // fits the mapping once; every timed batch is a cached one
            participants.Add((client, body));
        }

        var ends = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(participants.Select(async (participant, index) =>
        {
            // Spread over the interval so the requests do not arrive in bursts.
            await Task.Delay(interval * index / clients);
            while (Stopwatch.GetTimestamp() < ends)
            {
                var started = Stopwatch.GetTimestamp();
                var status = await PostAsync(participant.Client, participant.Body);
                var elapsed = Stopwatch.GetElapsedTime(started);
                lock (latencies)
                {
                    latencies.Add(elapsed.TotalMilliseconds);
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                }

                var rest = interval - elapsed;
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest);
                }
            }

            participant.Client.Dispose();
        }));

        latencies.Sort();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            requests = latencies.Count,
            p50_ms = Percentile(latencies, 0.50),
            p99_ms = Percentile(latencies, 0.99),
            max_ms = latencies[^1],
            statuses = statuses.ToDictionary(pair => pair.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), pair => pair.Value),
        }));
    }

    private static async Task<int> PostAsync(HttpClient client, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync("/api/session/batch_predict", content);
        await response.Content.ReadAsByteArrayAsync();
        return (int)response.StatusCode;
    }

    // Nearest rank: the smallest latency that at least that share of the requests did not exceed.
    private static double Percentile(List<double> sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
}
