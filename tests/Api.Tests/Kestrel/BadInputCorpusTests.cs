using System.Net;
using System.Text.Json;

namespace Gaze.Tests.Http;

public sealed class CorpusApiFactory : KestrelApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Api:MaxRequestBodyBytes", BadInputCorpus.MaxBodyBytes.ToString())];
}

/// <summary>
/// Every case of <see cref="BadInputCorpus"/> against the real service over Kestrel: a 4xx problem of
/// the service's own type scheme that names the problem, and the service unharmed after them all.
/// </summary>
public sealed class BadInputCorpusTests(CorpusApiFactory api) : IClassFixture<CorpusApiFactory>
{
    private static int s_peer;

    private readonly HttpClient _client = api.CreateKestrelClient(TimeSpan.FromSeconds(60));

    public static TheoryData<string> Cases() => [.. BadInputCorpus.All.Select(c => c.Name)];

    /// <summary>Every case from its own client address, so limits never decide the answer.</summary>
    private static string NextPeer()
    {
        var n = Interlocked.Increment(ref s_peer);
        return $"10.{n / 62_500 % 250}.{n / 250 % 250}.{n % 250 + 1}";
    }

    [Fact]
    public void The_corpus_has_at_least_150_distinct_cases()
    {
        Assert.True(BadInputCorpus.All.Count >= 150, $"{BadInputCorpus.All.Count} cases");
        Assert.Equal(BadInputCorpus.All.Count, BadInputCorpus.All.Select(c => c.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_bad_input_is_a_4xx_problem_naming_what_is_wrong(string name)
    {
        var failure = await CheckAsync(BadInputCorpus.Named(name));
        Assert.True(failure is null, failure);
    }

    [Fact]
    public async Task After_the_whole_corpus_the_service_is_healthy_and_predicts_as_before()
    {
        const string id = "corpus-form";
        using (var calibration = await _client.SendAsync(api.Request(HttpMethod.Post, "/api/session/calib_validation", NextPeer(), BadInputCorpus.ValidForm(id).ToContent())))
        {
            Assert.Equal(HttpStatusCode.OK, calibration.StatusCode);
        }

        var before = await PredictAsync(id);

        var failures = new List<string>();
        foreach (var input in BadInputCorpus.All)
        {
            if (await CheckAsync(input) is { } failure)
            {
                failures.Add(failure);
            }
        }

        Assert.Empty(failures);
        using var health = await _client.GetAsync("/api/session/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(before, await PredictAsync(id));
    }

    private async Task<byte[]> PredictAsync(string id)
    {
        using var response = await _client.SendAsync(api.Request(HttpMethod.Post, "/api/session/batch_predict", NextPeer(), BatchBody.Json(BadInputCorpus.ValidBatch(id))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>What is wrong with the answer to <paramref name="input"/>, or null when it is right.</summary>
    private async Task<string?> CheckAsync(BadInput input)
    {
        using var request = api.Request(input.Method, input.Path, NextPeer(), input.Content());
        var (status, contentType, text) = await SendAsync(request, input.Framing);
        var said = $"{input.Name}: {status} {text[..Math.Min(text.Length, 400)]}";
        if (status != (int)input.Status)
        {
            return $"expected {(int)input.Status}; {said}";
        }

        if (input.Method == HttpMethod.Head)
        {
            return null; // a HEAD answer has no body to check
        }

        if (contentType?.StartsWith("application/problem+json", StringComparison.Ordinal) != true)
        {
            return "not a problem body; " + said;
        }

        var problem = JsonDocument.Parse(text).RootElement;
        var type = problem.GetProperty("type").GetString() ?? "";
        if (!type.StartsWith("/problems/", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()))
        {
            return "not of the service's problem scheme or without detail; " + said;
        }

        var names = problem.TryGetProperty("fields", out var fields) ? fields.EnumerateArray().Select(f => f.GetString() ?? "").ToArray() : [];
        var named = input.Status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound && names.Length > 0
            ? names.Any(field => field == input.Names || field.StartsWith(input.Names + "[", StringComparison.Ordinal))
            : type == "/problems/" + input.Names;
        return named ? null : $"does not name {input.Names}; " + said;
    }

    private async Task<(int Status, string? ContentType, string Text)> SendAsync(HttpRequestMessage request, RawFraming? framing)
    {
        if (framing is not null)
        {
            var answer = await RawHttpExchange.SendPartialAsync(api.Address, RawHttpExchange.HeadOf(request, framing.Header), framing.Body, TimeSpan.FromSeconds(30));
            return (answer.Status, answer.Header("Content-Type"), answer.Body);
        }

        using var response = await _client.SendAsync(request);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }
}
