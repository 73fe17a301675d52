using System.Diagnostics;
using System.Text;
using Gaze.Api.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Gaze.Tests.Problems;

/// <summary>
/// The service writes its own problem bodies without the framework's problem details service; a
/// client must not be able to tell: the same bytes, status and content type for every kind of
/// problem and every kind of member, including text the encoder escapes.
/// </summary>
public sealed class ProblemJsonTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddLogging()
        .AddProblemDetails(options => options.CustomizeProblemDetails = StatusProblems.Describe)
        .BuildServiceProvider();

    private readonly Activity _activity = new Activity("problem-json-test").SetIdFormat(ActivityIdFormat.W3C).Start();

    public static TheoryData<string> Kinds() => [.. ProblemKinds.All.Where(kind => kind.Status > 0).Select(kind => kind.Name)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Every_kind_of_problem_is_written_as_the_framework_writes_it(string name)
    {
        var kind = ProblemKinds.All.Single(kind => kind.Name == name);
        await AssertSameAsFrameworkAsync(() => kind.Create("Quotes \" ' <b> & é ✓ 😀 \u0001 on /api/x?y=1+2."));
    }

    public static TheoryData<string> Members() => ["fields", "retry_after", "long", "double", "null", "list", "object", "traceId", "instance"];

    [Theory]
    [MemberData(nameof(Members))]
    public async Task Every_kind_of_member_is_written_as_the_framework_writes_it(string member)
    {
        await AssertSameAsFrameworkAsync(() =>
        {
            var problem = ProblemKinds.InvalidField.Create("Invalid.");
            switch (member)
            {
                case "fields": problem.Extensions["fields"] = new[] { "a[0].b", "é\"", null }; break;
                case "retry_after": problem.Extensions["retry_after"] = int.MaxValue; break;
                case "long": problem.Extensions["retry_after"] = long.MinValue; break;
                case "double": problem.Extensions["estimated_seconds"] = 0.1 + 0.2; break;
                case "null": problem.Extensions["user_id"] = null; break;
                case "list": problem.Extensions["fields"] = new List<string> { "x", "<y>" }; break;
                case "object": problem.Extensions["nested"] = new { Limit = "10 per 1 minute", Seconds = new[] { 1.5, 2 } }; break;
                case "traceId": problem.Extensions["traceId"] = "set by the endpoint"; break;
                case "instance": problem.Instance = "/api/session/calib_validation"; break;
            }

            return problem;
        });
    }

    [Fact]
    public async Task A_body_larger_than_the_kept_buffer_is_written_whole_and_the_next_small_one_after_it()
    {
        await AssertSameAsFrameworkAsync(() => Problem.InvalidFields([.. Enumerable.Range(0, 5000).Select(i => $"iris_tracking_data[{i}].left_iris_x")], "Many."));
        await AssertSameAsFrameworkAsync(() => Problem.MalformedBody("Cut short."));
    }

    public void Dispose()
    {
        _activity.Dispose();
        _services.Dispose();
    }

    private async Task AssertSameAsFrameworkAsync(Func<ProblemDetails> problem)
    {
        var framework = NewContext();
        var details = problem();
        framework.Response.StatusCode = details.Status!.Value;
        await _services.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = framework, ProblemDetails = details });

        var ours = NewContext();
        await ProblemWriter.WriteAsync(ours, problem());
        await ours.Response.CompleteAsync();

        Assert.Equal(Body(framework), Body(ours));
        Assert.Equal(framework.Response.StatusCode, ours.Response.StatusCode);
        Assert.Equal(framework.Response.ContentType, ours.Response.ContentType);
        Assert.Equal(((MemoryStream)ours.Response.Body).Length, ours.Response.ContentLength);
    }

    private DefaultHttpContext NewContext() => new()
    {
        RequestServices = _services,
        TraceIdentifier = "0HNTEST:00000001",
        Response = { Body = new MemoryStream() },
    };

    private static string Body(HttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
}
