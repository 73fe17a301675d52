using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Calibration;
using Gaze.Tests.Upstream;
using Microsoft.Extensions.DependencyInjection;

namespace Gaze.Tests.Http;

/// <summary>
/// The two listeners over real Kestrel: what an operator reaches on the management port (metrics,
/// readiness, dashboard, calibration reports) and that neither port answers the other's paths.
/// </summary>
public sealed partial class ManagementListenerTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    private static readonly string[] ManagementPaths = ["/metrics", "/health/ready", "/dashboard", "/dashboard/", "/calibrations/any-id"];
    private static readonly string[] PublicPaths = ["/api/session/health", "/api/ratelimit/status", "/openapi/v1.json", "/docs/", "/problems"];

    private readonly HttpClient _public = api.CreateKestrelClient(TimeSpan.FromSeconds(60));
    private readonly HttpClient _management = api.CreateManagementClient(TimeSpan.FromSeconds(60));

    [Fact]
    public async Task Management_paths_are_404_on_the_public_port_even_with_the_management_host_header()
    {
        foreach (var path in ManagementPaths)
        {
            using var plain = await _public.GetAsync(path);
            var problem = await ProblemAssert.IsProblemAsync(plain, HttpStatusCode.NotFound);
            Assert.Equal("/problems/not-found", problem.GetProperty("type").GetString());

            using var spoofed = new HttpRequestMessage(HttpMethod.Get, path);
            spoofed.Headers.Host = api.ManagementAddress.Authority;
            using var answer = await _public.SendAsync(spoofed);
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);

            // A method the management route does not take must not reveal it with a 405 either.
            using var post = await _public.PostAsync(path, new StringContent("x"));
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
    }

    [Fact]
    public async Task A_wrong_method_is_405_on_the_listener_whose_path_it_is()
    {
        using var onManagement = await _management.PostAsync("/calibrations/any-id", new StringContent("x"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, onManagement.StatusCode);
        using var onPublic = await _public.DeleteAsync("/api/session/health");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, onPublic.StatusCode);
        using var publicPathOnManagement = await _management.DeleteAsync("/api/session/health");
        Assert.Equal(HttpStatusCode.NotFound, publicPathOnManagement.StatusCode);
    }

    [Fact]
    public async Task Public_paths_are_404_on_the_management_port()
    {
        foreach (var path in PublicPaths)
        {
            using var answer = await _management.GetAsync(path);
            Assert.True(answer.StatusCode == HttpStatusCode.NotFound, $"{path} answered {answer.StatusCode} on the management port");
        }

        using var calibration = await _management.PostAsync("/api/session/calib_validation", CalibrationForm.FromSamples(UpstreamFixture.Samples(), "mgmt-post").ToContent());
        Assert.Equal(HttpStatusCode.NotFound, calibration.StatusCode);
    }

    [Fact]
    public async Task Readiness_is_200_with_every_check_named()
    {
        using var response = await _management.GetAsync("/health/ready");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var report = JsonDocument.Parse(body);
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        var checks = report.RootElement.GetProperty("checks");
        foreach (var check in new[] { "orleans", "storage", "cluster" })
        {
            Assert.Equal("Healthy", checks.GetProperty(check).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Metrics_show_the_limiter_the_ml_work_and_orleans_after_a_calibration()
    {
        using var calibration = await _public.SendAsync(api.Request(HttpMethod.Post, "/api/session/calib_validation", "10.91.0.1",
            CalibrationForm.FromSamples(UpstreamFixture.Samples(), "mgmt-metrics").ToContent()));
        Assert.Equal(HttpStatusCode.OK, calibration.StatusCode);

        using var response = await _management.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString());
        var metrics = await response.Content.ReadAsStringAsync();
        Assert.Matches(SeriesWith("gaze_ratelimit_decisions_total", "gaze_policy=\"calib\""), metrics);
        Assert.Matches(SeriesWith("gaze_ratelimit_decision_duration_seconds_bucket", "gaze_outcome=\"allowed\""), metrics);
        Assert.Matches(SeriesWith("gaze_calibration_duration_seconds_count", "gaze_outcome=\"ok\""), metrics);
        Assert.Matches(SeriesWith("gaze_ml_queue_length", "http_route=\"/api/session/calib_validation\""), metrics);
        Assert.Contains("orleans_catalog_activations", metrics);
        Assert.Contains("http_server_request_duration_seconds", metrics);
        Assert.Contains("kestrel_active_connections", metrics);
        Assert.Contains("dotnet_gc_collections_total", metrics);
    }

    [Fact]
    public async Task The_dashboard_answers_on_the_management_port()
    {
        using var response = await _management.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Orleans Dashboard", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_report_page_draws_the_calibration_just_made()
    {
        const string id = "mgmt-report";
        using var calibration = await _public.SendAsync(api.Request(HttpMethod.Post, "/api/session/calib_validation", "10.91.0.2",
            CalibrationForm.FromSamples(UpstreamFixture.Samples(), id).ToContent()));
        Assert.Equal(HttpStatusCode.OK, calibration.StatusCode);
        using var answer = JsonDocument.Parse(await calibration.Content.ReadAsStringAsync());
        var targets = answer.RootElement.EnumerateObject().Where(x => x.Name != "centroids").Sum(x => x.Value.EnumerateObject().Count());

        using var response = await _management.GetAsync($"/calibrations/{id}");
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(targets, TargetGroup().Matches(page).Count);
        Assert.Equal(targets, Regex.Matches(page, "<circle class=\"accuracy\"").Count);
        Assert.Contains("Linear Regression", page);
        Assert.Contains("<th>Accuracy (px)</th>", page);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task A_calibration_stored_without_a_report_still_has_a_page_and_an_unknown_id_is_a_404_page()
    {
        // A record as calibrations were stored before reports were kept: the record alone.
        var record = new CalibrationRecord("mgmt-old",
            [.. UpstreamFixture.Samples().Select(s => new CalibrationPoint(s.LeftX, s.LeftY, s.RightX, s.RightY, s.PointX, s.PointY))],
            [], 1000, 600, "Linear Regression", 2, null, null, false);
        await api.Services.GetRequiredService<IGrainFactory>().GetGrain<ICalibrationStoreGrain>(record.Id).SaveAsync(record);

        using var response = await _management.GetAsync($"/calibrations/{record.Id}");
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No results are stored", page);
        Assert.Equal(record.Fixed.Select(point => (point.PointX, point.PointY)).Distinct().Count(), TargetGroup().Matches(page).Count);

        using var unknown = await _management.GetAsync("/calibrations/never-stored");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Calibration not found", await unknown.Content.ReadAsStringAsync());
    }

    private static Regex SeriesWith(string name, string label) => new($"(?m)^{Regex.Escape(name)}\\{{[^}}]*{Regex.Escape(label)}[^}}]*\\}} [0-9.e+]+");

    [GeneratedRegex("<g class=\"target\"")]
    private static partial Regex TargetGroup();
}
