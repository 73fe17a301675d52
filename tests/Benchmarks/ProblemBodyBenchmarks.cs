using BenchmarkDotNet.Attributes;
using Gaze.Api.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Gaze.Benchmarks;

/// <summary>
/// Writing the 429 body of path (b) and (c) of the limiter benchmark: through the framework's
/// problem details service, as every problem was written before, and with the service's own writer.
/// The response body is a stream that keeps nothing, so only the writing is measured.
/// </summary>
[MemoryDiagnoser]
public class ProblemBodyBenchmarks
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddLogging()
        .AddProblemDetails(options => options.CustomizeProblemDetails = StatusProblems.Describe)
        .BuildServiceProvider();

    private IProblemDetailsService _framework = null!;

    [GlobalSetup]
    public void Setup() => _framework = _services.GetRequiredService<IProblemDetailsService>();

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>The part both writers share: a request context and its response pipe.</summary>
    [Benchmark]
    public Task ContextOnly() => NewContext().Response.CompleteAsync();

    [Benchmark(Baseline = true)]
    public async Task FrameworkWriter()
    {
        var context = NewContext();
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await _framework.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = RateLimited() });
    }

    [Benchmark]
    public async Task ServiceWriter()
    {
        var context = NewContext();
        await ProblemWriter.WriteAsync(context, RateLimited());
        // What the server does at the end of the request, included so both sides send their bytes.
        await context.Response.CompleteAsync();
    }

    private static ProblemDetails RateLimited() =>
        Problem.RateLimited("Rate limit exceeded: 10 per 1 minute on /api/session/calib_validation. Retry in 60 s.", "10 per 1 minute", 60);

    private DefaultHttpContext NewContext() => new()
    {
        RequestServices = _services,
        TraceIdentifier = "0HNBENCH:00000001",
        Response = { Body = Stream.Null },
    };
}
