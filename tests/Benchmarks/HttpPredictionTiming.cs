using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gaze.Models;

namespace Gaze.Benchmarks;

/// <summary>
/// The same batches as <see cref="PredictionTiming"/>, through a running service over HTTP: what a
/// client waits for, including JSON both ways, the rate-limit check and the grain call. Calibrates
/// the simulated 9 x 90 rows once; each "first" batch uses a screen width not used before, so its
/// mapping is fitted (a new cache key), and the "cached" batch repeats it.
/// </summary>
public static class HttpPredictionTiming
{
    public static async Task RunAsync(Uri service, string goldenPath, int repeats)
    {
        var data = JsonDocument.Parse(File.ReadAllText(goldenPath)).RootElement.GetProperty("cases").GetProperty("sim_9x90");
        using var client = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromMinutes(5) };
        var calibrationId = "benchmark-" + Guid.NewGuid().ToString("N");
        await CalibrateAsync(client, calibrationId, data.GetProperty("fixed"));

        double[][] session = [.. data.GetProperty("session").EnumerateArray().Select(PredictionTiming.Row)];
        var batches = new Dictionary<string, double[][]> { ["10000"] = [.. session, .. session], ["300"] = session[..300] };
        var results = new Dictionary<string, Dictionary<string, double>>();
        var width = 1920;

        // Both processes start cold: every model and size goes round until tiered JIT has settled
        // (about 10 s), or the first model measured would pay the server's and client's warm-up.
        var warming = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warming) < TimeSpan.FromSeconds(10))
        {
            foreach (var model in ModelRegistry.Names)
            {
                foreach (var batch in batches.Values)
                {
                    await PostAsync(client, Body(calibrationId, model, width++, batch));
                }
            }
        }

        foreach (var model in ModelRegistry.Names)
        {
            foreach (var (size, batch) in batches)
            {
                await PredictionTiming.WarmUpAsync(() => PostAsync(client, Body(calibrationId, model, width++, batch)));
                var first = new List<double>();
                var cached = new List<double>();
                for (var i = 0; i < repeats; i++)
                {
                    var body = Body(calibrationId, model, width++, batch);
                    first.Add(await TimedPostAsync(client, body));
                    cached.Add(await TimedPostAsync(client, body));
                }

                results[$"{model}|{size}"] = new() { ["first_ms"] = PredictionTiming.Median(first), ["cached_ms"] = PredictionTiming.Median(cached) };
                Console.Error.WriteLine($"HTTP {model}, {size} samples: first {PredictionTiming.Median(first):F2} ms, cached {PredictionTiming.Median(cached):F2} ms");
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(results));
    }

    /// <summary>Stores and calibrates <paramref name="rows"/> under <paramref name="id"/>; the time until the answer was read, in ms.</summary>
    internal static async Task<double> CalibrateAsync(HttpClient client, string id, JsonElement rows, string model = ModelRegistry.LinearRegression)
    {
        var points = new JsonArray([.. rows.EnumerateArray().Select(PredictionTiming.Row).Select(r => (JsonNode)new JsonObject
        {
            ["left_iris_x"] = r[0], ["left_iris_y"] = r[1], ["right_iris_x"] = r[2], ["right_iris_y"] = r[3], ["point_x"] = r[4], ["point_y"] = r[5],
        })]);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("false"), "from_ruxailab" },
            { new StringContent(JsonSerializer.Serialize(id)), "file_name" },
            { new StringContent(points.ToJsonString()), "fixed_circle_iris_points" },
            { new StringContent("[]"), "calib_circle_iris_points" },
            { new StringContent("1080"), "screen_height" },
            { new StringContent("1920"), "screen_width" },
            { new StringContent(JsonSerializer.Serialize(model)), "model" },
            { new StringContent("9"), "k" },
        };
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync("/api/session/calib_validation", form);
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        response.EnsureSuccessStatusCode();
        return elapsed;
    }

    private static Task PostAsync(HttpClient client, string body) => TimedPostAsync(client, body);

    internal static string Body(string calibrationId, string model, int width, double[][] samples)
    {
        var text = new StringBuilder();
        text.Append($$"""{"k":9,"screen_height":1080,"screen_width":{{width}},"calib_id":"{{calibrationId}}","model_name":"{{model}}","iris_tracking_data":[""");
        for (var i = 0; i < samples.Length; i++)
        {
            var s = samples[i];
            text.Append(i == 0 ? "" : ",").Append(JsonSerializer.Serialize(new { timestamp = 1750262400123L + 33 * i, left_iris_x = s[0], left_iris_y = s[1], right_iris_x = s[2], right_iris_y = s[3] }));
        }

        return text.Append("]}").ToString();
    }

    internal static async Task<double> TimedPostAsync(HttpClient client, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync("/api/session/batch_predict", content);
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        response.EnsureSuccessStatusCode();
        return elapsed;
    }
}
