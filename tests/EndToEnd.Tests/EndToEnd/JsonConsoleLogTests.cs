using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Gaze.Tests.Http;
using Gaze.Tests.Processes;
using Gaze.Tests.Upstream;

namespace Gaze.Tests.EndToEnd;

/// <summary>
/// <c>Logging:Console:FormatterName=json</c>: one JSON object per line, each request's lines with its
/// trace and span ids, and with tracing on, a grain's lines with the ids of the request that made it.
/// </summary>
public sealed class JsonConsoleLogTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gaze-json-logs-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Json_console_logs_carry_the_requests_trace_id_into_the_grains()
    {
        await using var service = ServiceProcess.EmbeddedApi(Path.Combine(_directory, "gaze.db"), ("Logging:Console:FormatterName", "json"), ("Telemetry:Tracing", "true"));
        await service.StartAsync();
        using var client = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        // The request names its trace, so the grain's line can be tied to this very request.
        var traceId = ActivityTraceId.CreateRandom().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session/calib_validation")
        {
            Content = CalibrationForm.FromSamples(UpstreamFixture.Samples(), "json-logged").ToContent(),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        JsonElement? calibrated = null;
        while (calibrated is null && DateTime.UtcNow < deadline)
        {
            calibrated = JsonLines(service.Output).Cast<JsonElement?>().FirstOrDefault(line =>
                line!.Value.GetProperty("Category").GetString() == "Gaze.Grains.Calibration.CalibrationGrain"
                && line.Value.GetProperty("Message").GetString()!.StartsWith("Calibrated json-logged", StringComparison.Ordinal));
            await Task.Delay(100);
        }

        Assert.True(calibrated is not null, service.Output);
        var scope = calibrated!.Value.GetProperty("Scopes").EnumerateArray().Single(s => s.TryGetProperty("TraceId", out _));
        Assert.Equal(traceId, scope.GetProperty("TraceId").GetString());
        Assert.Matches("^[0-9a-f]{16}$", scope.GetProperty("SpanId").GetString());
        // Every line is one JSON object with its time, level and category.
        Assert.All(service.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), line => Assert.StartsWith("{", line));
        Assert.All(JsonLines(service.Output), line =>
        {
            Assert.True(line.TryGetProperty("Timestamp", out _));
            Assert.True(line.TryGetProperty("LogLevel", out _));
        });
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Every line the process printed that is a JSON object (all of them with the json formatter).</summary>
    private static List<JsonElement> JsonLines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())];
}
