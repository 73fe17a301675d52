using Gaze.Api.Calibration;
using Gaze.Api.Hosting;
using Gaze.Api.RateLimiting;
using Gaze.Grains.Interfaces.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gaze.Tests.Hosting;

/// <summary>The HTTP front end's sections as <c>AddGazeApi</c> binds them.</summary>
public sealed class ApiSettingsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
        .AddLogging()
        .AddGazeApi()
        .BuildServiceProvider();

    [Fact]
    public void The_reference_services_webhook_variable_wins_over_webhook_base_url()
    {
        using var services = Services(new()
        {
            ["Webhook:BaseUrl"] = "http://127.0.0.1:1/configured",
            [WebhookOptions.FunctionsEndpointUrlKey] = "http://127.0.0.1:1/from-environment",
        });
        Assert.Equal("http://127.0.0.1:1/from-environment", services.GetRequiredService<IOptions<WebhookOptions>>().Value.BaseUrl);
    }

    [Fact]
    public void Configured_origins_replace_the_any_origin_default()
    {
        using var services = Services(new() { ["Api:AllowedOrigins:0"] = "https://lab.example.org" });
        var api = services.GetRequiredService<IOptions<ApiOptions>>().Value;
        Assert.Equal(["https://lab.example.org"], api.AllowedOrigins);
        Assert.False(api.AllowsAnyOrigin);
    }

    [Fact]
    public void No_configured_origin_allows_any()
    {
        using var services = Services([]);
        Assert.True(services.GetRequiredService<IOptions<ApiOptions>>().Value.AllowsAnyOrigin);
    }

    [Theory]
    [InlineData("moving-window", RateStrategy.MovingWindow)]
    [InlineData("Fixed-Window", RateStrategy.FixedWindow)]
    [InlineData("FixedWindow", RateStrategy.FixedWindow)]
    public void Strategies_bind_from_their_documented_spelling(string text, RateStrategy expected)
    {
        using var services = Services(new() { ["RateLimiting:Strategy"] = text });
        Assert.Equal(expected, services.GetRequiredService<IOptions<RateLimitingOptions>>().Value.Strategy);
    }

    [Fact]
    public void A_numeric_strategy_is_refused_with_the_accepted_spellings()
    {
        using var services = Services(new() { ["RateLimiting:Strategy"] = "1" });
        var error = Assert.ThrowsAny<InvalidOperationException>(() => services.GetRequiredService<IOptions<RateLimitingOptions>>().Value);
        Assert.Contains("RateLimiting:Strategy", error.Message);
        Assert.Contains("'moving-window' or 'fixed-window'", error.InnerException?.Message);
    }

    [Fact]
    public void Every_problem_of_a_section_is_reported_at_once()
    {
        using var services = Services(new()
        {
            ["RateLimiting:Endpoints:calib"] = "10 per fortnight",
            ["RateLimiting:TrustedProxies:0"] = "proxy.example",
            ["RateLimiting:Ipv6PrefixLength"] = "129",
        });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RateLimitingOptions>>().Value);
        Assert.Equal(3, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("Setting RateLimiting:Endpoints:calib:", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Setting RateLimiting:TrustedProxies:0:", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Setting RateLimiting:Ipv6PrefixLength:", StringComparison.Ordinal));
    }
}
