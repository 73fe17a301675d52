using System.Net;
using System.Text.Json;
using Gaze.Tests.Http;
using Gaze.Tests.Processes;
using Gaze.Tests.Upstream;

namespace Gaze.Tests.Browser;

/// <summary>
/// The pages people open in a browser, in real headless Chromium against the service as a real
/// process: the API reference (<c>/docs</c>), the Orleans dashboard and a calibration report each
/// render without an error, and the report draws one marker group per target. Screenshots are
/// saved under <c>TestResults/screenshots</c> of this test project.
/// </summary>
public sealed class OperatorPagesBrowserTests : IAsyncLifetime
{
    private static readonly string Screenshots = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults", "screenshots"));

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gaze-browser-" + Guid.NewGuid().ToString("N"));
    private ServiceProcess? _service;

    public Task InitializeAsync() => Task.CompletedTask;

    [ChromiumFact]
    public async Task Docs_dashboard_and_a_calibration_report_render_without_errors()
    {
        const string id = "browser-report";
        _service = ServiceProcess.EmbeddedApi(Path.Combine(_directory, "gaze.db"));
        await _service.StartAsync();
        using var client = new HttpClient { BaseAddress = _service!.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var calibration = await client.PostAsync("/api/session/calib_validation", CalibrationForm.FromSamples(UpstreamFixture.Samples(), id, model: "Ridge Regression").ToContent());
        Assert.Equal(HttpStatusCode.OK, calibration.StatusCode);
        using var answer = JsonDocument.Parse(await calibration.Content.ReadAsStringAsync());
        var targets = answer.RootElement.EnumerateObject().Where(x => x.Name != "centroids").Sum(x => x.Value.EnumerateObject().Count());

        await using var chromium = await HeadlessChromium.StartAsync();

        var (docs, docsErrors) = await chromium.OpenAsync(new Uri(_service.BaseAddress!, "/docs/"),
            "() => document.body.innerText.includes('Gaze service API') && document.body.innerText.includes('Calibrate a participant')", Path.Combine(Screenshots, "docs.png"));
        Assert.True(docsErrors.Count == 0, string.Join("\n", docsErrors));
        await docs.CloseAsync();

        var (dashboard, dashboardErrors) = await chromium.OpenAsync(new Uri(_service.ManagementAddress, "/dashboard/"),
            "() => document.body.innerText.includes('Silo')", Path.Combine(Screenshots, "dashboard.png"));
        Assert.True(dashboardErrors.Count == 0, string.Join("\n", dashboardErrors));
        await dashboard.CloseAsync();

        var (report, reportErrors) = await chromium.OpenAsync(new Uri(_service.ManagementAddress, $"/calibrations/{id}"),
            "() => document.querySelector('svg.scatter') !== null", Path.Combine(Screenshots, "calibration-report.png"));
        Assert.True(reportErrors.Count == 0, string.Join("\n", reportErrors));
        Assert.Equal(targets, await report.EvaluateExpressionAsync<int>("document.querySelectorAll('svg.scatter g.target').length"));
        Assert.Equal(targets, await report.EvaluateExpressionAsync<int>("document.querySelectorAll('table.targets tbody tr').length"));
        // Every group holds its target's predictions, drawn inside the picture.
        Assert.True(await report.EvaluateExpressionAsync<bool>(
            "[...document.querySelectorAll('svg.scatter g.target')].every(g => g.querySelectorAll('circle.prediction').length > 0 && g.getBBox().width > 0)"));
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
