using System.Net;
using System.Text.Json;
using Gaze.Calibration;
using Gaze.Tests.Http;
using Gaze.Tests.Processes;
using Microsoft.Data.Sqlite;

namespace Gaze.Tests.EndToEnd;

/// <summary>
/// The two clients' calls in sequence over real HTTP (Kestrel on 127.0.0.1): the web front
/// calibrates, RUXAILAB batch-predicts with the returned id; after the process is killed and
/// started again, the stored calibration gives the same predictions.
/// </summary>
public sealed class BatchPredictionEndToEndTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gaze-e2e-" + Guid.NewGuid().ToString("N"));

    private static readonly JsonElement Simulated = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "goldens", "prediction.json")))
        .RootElement.GetProperty("cases").GetProperty("sim_9x90");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_calibration_predicts_the_same_session_before_and_after_a_restart()
    {
        var databasePath = Path.Combine(_directory, "gaze.db");
        // A realistic 9 x 90 calibration and the first 300 samples of a session (RUXAILAB's usual batch).
        CalibrationSample[] calibration = [.. Simulated.GetProperty("fixed").EnumerateArray().Select(Doubles).Select(r => new CalibrationSample(r[0], r[1], r[2], r[3], r[4], r[5]))];
        double[][] session = [.. Simulated.GetProperty("session").EnumerateArray().Take(300).Select(Doubles)];
        var batch = BatchBody.Ruxailab("ruxailab-user-7", session, width: 1920, height: 1080, model: "Ridge Regression").ToJsonString();

        string before;
        await using (var first = ServiceProcess.EmbeddedApi(databasePath))
        {
            await first.StartAsync();
            using var client = new HttpClient { BaseAddress = first.BaseAddress!, Timeout = TimeSpan.FromSeconds(60) };
            using var calibrated = await client.PostAsync("/api/session/calib_validation",
                CalibrationForm.FromSamples(calibration, "ruxailab-user-7", k: 9, model: "Ridge Regression").Set("screen_width", 1920).Set("screen_height", 1080).ToContent());
            Assert.Equal(HttpStatusCode.OK, calibrated.StatusCode);
            Assert.Equal("ruxailab-user-7", calibrated.Headers.GetValues("X-Calibration-Id").Single());

            before = await PredictAsync(client, batch);
            await first.KillAsync();
        }

        await using var second = ServiceProcess.EmbeddedApi(databasePath);
        await second.StartAsync();
        using var again = new HttpClient { BaseAddress = second.BaseAddress!, Timeout = TimeSpan.FromSeconds(60) };
        var after = await PredictAsync(again, batch);

        Assert.Equal(before, after);
        var points = JsonDocument.Parse(after).RootElement;
        Assert.Equal(300, points.GetArrayLength());
        Assert.All(points.EnumerateArray(), p =>
        {
            Assert.InRange(p.GetProperty("predicted_x").GetDouble(), 0, 1920);
            Assert.InRange(p.GetProperty("predicted_y").GetDouble(), 0, 1080);
            Assert.Equal(1920, p.GetProperty("screen_width").GetInt32());
        });
    }

    private static async Task<string> PredictAsync(HttpClient client, string body)
    {
        using var response = await client.PostAsync("/api/session/batch_predict", BatchBody.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return text;
    }

    private static double[] Doubles(JsonElement row) => [.. row.EnumerateArray().Select(v => v.GetDouble())];
}
