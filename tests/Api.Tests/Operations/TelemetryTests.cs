using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Gaze.Tests.Upstream;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Gaze.Tests.Http;

/// <summary>The service's traces, caught as they end by a processor added to its own tracer provider.</summary>
public sealed class TracingApiFactory : ApiFactory
{
    public ConcurrentQueue<Activity> Activities { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Telemetry:Tracing", "true")];

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new Capture(Activities)));

    private sealed class Capture(ConcurrentQueue<Activity> activities) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => activities.Enqueue(data);
    }
}

public sealed class TracingTests(TracingApiFactory api) : IClassFixture<TracingApiFactory>
{
    [Fact]
    public async Task A_calibration_request_and_the_grain_calls_it_makes_are_one_trace()
    {
        // Activity listeners are process-wide, so this provider also sees other test hosts'
        // requests: this request names its own trace, and only that trace is looked at.
        var traceId = ActivityTraceId.CreateRandom();
        using var client = api.CreateClient();
        using var request = api.Request(HttpMethod.Post, "/api/session/calib_validation", "10.92.0.1",
            CalibrationForm.FromSamples(UpstreamFixture.Samples(), "traced-calibration").ToContent());
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The server span ends after the client has read the response, so the wait is for it too.
        string[] grains = ["RateGrain", "CalibrationGrain", "CalibrationStoreGrain"];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        Activity[] trace;
        while (!(HasServerSpan(trace = [.. api.Activities.Where(activity => activity.TraceId == traceId)]) && Complete(trace, grains)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(HasServerSpan(trace), "No server span for the request among: " + Describe(trace));
        // The limiter's call to the client's rate grain, the calibration grain, and its store grain.
        Assert.True(Complete(trace, grains), "Spans of the trace: " + Describe(trace));
    }

    private static bool HasServerSpan(Activity[] trace) =>
        trace.Any(activity => activity.Kind == ActivityKind.Server && activity.GetTagItem("url.path") as string == "/api/session/calib_validation");

    private static bool Complete(Activity[] trace, string[] grains) => grains.All(grain => trace.Any(activity =>
        activity.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && activity.DisplayName.Contains(grain + "/", StringComparison.Ordinal)));

    private static string Describe(Activity[] trace) => string.Join(", ", trace.Select(activity => $"{activity.Source.Name}:{activity.DisplayName}"));
}

/// <summary>The service with the standard OTLP variables pointing at a receiver of this test.</summary>
public sealed class OtlpApiFactory : ApiFactory
{
    public OtlpReceiver Receiver { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("OTEL_EXPORTER_OTLP_ENDPOINT", Receiver.Address.ToString().TrimEnd('/')),
        new("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
        new("OTEL_BSP_SCHEDULE_DELAY", "200"),
        new("OTEL_METRIC_EXPORT_INTERVAL", "500"),
    ];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Receiver.Dispose();
    }
}

/// <summary>An HTTP listener on a free loopback port that records which OTLP paths were posted to.</summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();

    public OtlpReceiver()
    {
        Address = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _ = Task.Run(ReceiveAsync);
    }

    public Uri Address { get; }

    public ConcurrentQueue<string> Posts { get; } = new();

    // Safe to call twice (the factory is disposed both ways).
    public void Dispose() => _listener.Close();

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            // The resource's service.name is a plain string inside the protobuf payload.
            var service = Encoding.UTF8.GetString(body.ToArray()).Contains("gaze-api", StringComparison.Ordinal) ? "gaze-api" : "other";
            Posts.Enqueue($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath} {context.Request.ContentType} {service}");
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }
}

public sealed class OtlpExportTests(OtlpApiFactory api) : IClassFixture<OtlpApiFactory>
{
    [Fact]
    public async Task With_OTEL_EXPORTER_OTLP_ENDPOINT_set_traces_and_metrics_are_sent_there()
    {
        using var client = api.CreateClient();
        using var response = await client.SendAsync(api.Request(HttpMethod.Get, "/api/ratelimit/status", "10.92.0.2"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!(Posted("/v1/traces") && Posted("/v1/metrics")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(Posted("/v1/traces") && Posted("/v1/metrics"), "Received: " + string.Join(", ", api.Receiver.Posts.Distinct()));
        Assert.Contains(api.Receiver.Posts, post => post == "POST /v1/traces application/x-protobuf gaze-api");
        Assert.Contains(api.Receiver.Posts, post => post == "POST /v1/metrics application/x-protobuf gaze-api");
    }

    private bool Posted(string path) => api.Receiver.Posts.Any(post => post.Contains(" " + path + " ", StringComparison.Ordinal) && post.EndsWith(" gaze-api", StringComparison.Ordinal));
}
