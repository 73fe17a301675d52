using System.Net;
using System.Text.Json;
using Gaze.Grains.RateLimiting;
using Gaze.Tests.Processes;
using Microsoft.Data.Sqlite;

namespace Gaze.Tests.EndToEnd;

/// <summary>Real HTTP through Kestrel against the API process, killed and started again.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gaze-e2e-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "gaze.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Rate_windows_survive_a_killed_process()
    {
        await using (var first = ServiceProcess.EmbeddedApi(DatabasePath))
        {
            await first.StartAsync();
            using var client = new HttpClient { BaseAddress = first.BaseAddress!, Timeout = TimeSpan.FromSeconds(30) };
            for (var i = 0; i < 10; i++)
            {
                using var admitted = await client.PostAsync("/api/session/calib_validation", content: null);
                Assert.Equal(HttpStatusCode.BadRequest, admitted.StatusCode);
            }

            using var denied = await client.PostAsync("/api/session/calib_validation", content: null);
            Assert.Equal(HttpStatusCode.TooManyRequests, denied.StatusCode);

            await WaitUntilStoredAsync(admissions: 10);
            await first.KillAsync();
        }

        await using var second = ServiceProcess.EmbeddedApi(DatabasePath);
        await second.StartAsync();
        using var again = new HttpClient { BaseAddress = second.BaseAddress!, Timeout = TimeSpan.FromSeconds(30) };
        using var stillDenied = await again.PostAsync("/api/session/calib_validation", content: null);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillDenied.StatusCode);
        var retryAfter = int.Parse(stillDenied.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 60);

        var status = JsonDocument.Parse(await again.GetStringAsync("/api/ratelimit/status")).RootElement;
        var calib = status.GetProperty("policies").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "calib");
        Assert.Equal([0, 40, 190], calib.GetProperty("limits").EnumerateArray().Select(l => l.GetProperty("remaining").GetInt32()));
    }

    // The windows are written behind; wait (bounded) until the loopback client's row holds every admission.
    private async Task WaitUntilStoredAsync(int admissions)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (StoredCalibrationAdmissions() < admissions)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    private int StoredCalibrationAdmissions() =>
        StoredGrainState.Read<RateState>(DatabasePath, "rates", "/127.0.0.1")?.Windows
            .Where(bucket => bucket.Key.StartsWith("calib:", StringComparison.Ordinal))
            .Sum(bucket => bucket.Value.Hits.Count) ?? 0;
}
