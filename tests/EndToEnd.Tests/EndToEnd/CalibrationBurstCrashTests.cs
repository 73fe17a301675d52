using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Gaze.Tests.Http;
using Gaze.Tests.Processes;
using Gaze.Tests.Upstream;
using Microsoft.Data.Sqlite;

namespace Gaze.Tests.EndToEnd;

/// <summary>
/// SIGKILL of the embedded service in the middle of a burst of calibrations from several clients:
/// after the restart every calibration that was answered 200 is there, and every client's windows
/// hold what the README promises (at most the last second of admissions forgotten, nothing invented).
/// </summary>
public sealed class CalibrationBurstCrashTests : IDisposable
{
    private const int Clients = 6;
    private const int AnsweredBeforeKill = 12;

    /// <summary>Admissions answered this long before the kill were written behind (every second) for sure.</summary>
    private static readonly TimeSpan SurelyFlushed = TimeSpan.FromSeconds(2);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gaze-burst-" + Guid.NewGuid().ToString("N"));

    private sealed record Sent(int Client, string Id, HttpStatusCode? Status, TimeSpan AnsweredAt);

    private string DatabasePath => Path.Combine(_directory, "gaze.db");

    private static string ClientAddress(int client) => $"203.0.113.{client + 10}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Calibrations_answered_200_and_the_rate_windows_survive_a_kill_during_a_burst()
    {
        var sent = new ConcurrentBag<Sent>();
        TimeSpan killedAt;
        var clock = Stopwatch.StartNew();
        await using (var service = ServiceProcess.EmbeddedApi(DatabasePath))
        {
            await service.StartAsync();
            using var client = new HttpClient { BaseAddress = service.BaseAddress!, Timeout = TimeSpan.FromSeconds(60) };
            using var stop = new CancellationTokenSource();
            var bursts = Enumerable.Range(0, Clients).Select(c => Task.Run(() => BurstAsync(client, c, sent, clock, stop.Token))).ToArray();

            using (var enough = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
            {
                while (sent.Count(s => s.Status == HttpStatusCode.OK) < AnsweredBeforeKill)
                {
                    await Task.Delay(20, enough.Token);
                }
            }

            killedAt = clock.Elapsed;
            await service.KillAsync();
            stop.Cancel();
            await Task.WhenAll(bursts).WaitAsync(TimeSpan.FromSeconds(60));
        }

        await using var restarted = ServiceProcess.EmbeddedApi(DatabasePath);
        await restarted.StartAsync();
        using var again = new HttpClient { BaseAddress = restarted.BaseAddress!, Timeout = TimeSpan.FromSeconds(60) };

        for (var c = 0; c < Clients; c++)
        {
            var mine = sent.Where(s => s.Client == c).ToArray();
            var surelyStored = mine.Count(s => s.Status == HttpStatusCode.OK && s.AnsweredAt <= killedAt - SurelyFlushed);
            var mayBeCounted = mine.Count(s => s.Status != HttpStatusCode.TooManyRequests);
            var counted = await CountedCalibrationsAsync(again, c);
            Assert.True(counted >= surelyStored && counted <= mayBeCounted,
                $"client {c}: {counted} calibrations counted after the restart; {surelyStored} answered at least {SurelyFlushed} before the kill, {mayBeCounted} possibly admitted");
        }

        foreach (var (calibrated, i) in sent.Where(s => s.Status == HttpStatusCode.OK).Select((s, i) => (s, i)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session/batch_predict") { Content = BatchBody.Json(BatchBody.Ruxailab(calibrated.Id, BatchBody.FixtureSession)) };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i % 250 + 1}");
            using var predicted = await again.SendAsync(request);
            Assert.True(predicted.StatusCode == HttpStatusCode.OK, $"{calibrated.Id}, answered 200 before the kill: {predicted.StatusCode} after the restart");
        }
    }

    /// <summary>One client calibrating again and again, one at a time, until the service is gone.</summary>
    private static async Task BurstAsync(HttpClient client, int c, ConcurrentBag<Sent> sent, Stopwatch clock, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var id = $"burst-{c}-{n}";
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session/calib_validation")
            {
                Content = CalibrationForm.FromSamples(UpstreamFixture.Samples(), id).ToContent(),
            };
            request.Headers.Add("X-Forwarded-For", ClientAddress(c));
            try
            {
                using var response = await client.SendAsync(request, stop);
                sent.Add(new Sent(c, id, response.StatusCode, clock.Elapsed));
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                // In flight when the service was killed: admitted or not, nobody knows.
                sent.Add(new Sent(c, id, null, clock.Elapsed));
                return;
            }
        }
    }

    /// <summary>
    /// Calibrations the restarted service counts for the client in its hour window (the minute one may
    /// have passed meanwhile), from the default 50 per hour.
    /// </summary>
    private static async Task<int> CountedCalibrationsAsync(HttpClient client, int c)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/ratelimit/status");
        request.Headers.Add("X-Forwarded-For", ClientAddress(c));
        using var response = await client.SendAsync(request);
        var calib = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("policies").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "calib");
        var hour = calib.GetProperty("limits").EnumerateArray().Single(l => l.GetProperty("name").GetString() == "hour");
        return 50 - hour.GetProperty("remaining").GetInt32();
    }
}
