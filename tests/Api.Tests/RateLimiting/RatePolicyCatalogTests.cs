using Gaze.Api.RateLimiting;
using Gaze.Grains.Hosting.Settings;
using Gaze.Grains.Interfaces.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gaze.Tests.RateLimiting;

public sealed class RatePolicyCatalogTests
{
    private static RatePolicyCatalog Build(Action<RateLimitingOptions>? configure = null)
    {
        var options = new RateLimitingOptions();
        configure?.Invoke(options);
        return new RatePolicyCatalog(Options.Create(options));
    }

    [Fact]
    public void Endpoint_policies_are_their_own_limit_then_the_shared_defaults()
    {
        var catalog = Build();
        var calib = catalog.Get(RatePolicyNames.Calibration);
        var batch = catalog.Get(RatePolicyNames.BatchPrediction);

        Assert.Equal(["calib", "hour", "day"], calib.Rules.Select(r => r.Name));
        Assert.Equal(["10 per 1 minute", "50 per 1 hour", "200 per 1 day"], calib.Rules.Select(r => r.Text));
        Assert.Equal(["batch", "hour", "day"], batch.Rules.Select(r => r.Name));
        Assert.Equal(calib.Rules[1].Bucket, batch.Rules[1].Bucket);
        Assert.NotEqual(calib.Rules[0].Bucket, batch.Rules[0].Bucket);
        Assert.Equal(RateStrategy.MovingWindow, calib.Strategy);
    }

    [Fact]
    public void Unknown_policy_names_get_the_default_limits_only() =>
        Assert.Equal(["hour", "day"], Build().Get("anything").Rules.Select(r => r.Name));

    [Fact]
    public void Several_own_limits_are_named_by_window_and_fixed_window_is_selectable()
    {
        var catalog = Build(o =>
        {
            o.Strategy = RateStrategy.FixedWindow;
            o.Endpoints["calib"] = "10 per minute; 5 per 30 seconds";
        });
        var calib = catalog.Get("calib");
        Assert.Equal(["calib-minute", "calib-30-seconds", "hour", "day"], calib.Rules.Select(r => r.Name));
        Assert.Equal(RateStrategy.FixedWindow, calib.Strategy);
    }

    [Theory]
    [InlineData("RateLimiting:DefaultLimits", "lots")]
    [InlineData("RateLimiting:Endpoints:calib", "10 per eon")]
    public void A_malformed_limit_fails_validation_naming_the_setting(string setting, string value)
    {
        using var services = Bind(setting, value);
        var error = Assert.Throws<OptionsValidationException>(() => new RatePolicyCatalog(services.GetRequiredService<IOptions<RateLimitingOptions>>()));
        Assert.Contains(error.Failures, failure => failure.StartsWith($"Setting {setting}:", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_strategy_fails_binding_naming_the_setting()
    {
        using var services = Bind("RateLimiting:Strategy", "leaky-bucket");
        var error = Assert.Throws<InvalidOperationException>(() => new RatePolicyCatalog(services.GetRequiredService<IOptions<RateLimitingOptions>>()));
        Assert.Contains("RateLimiting:Strategy", ExceptionMessages.Of(error));
    }

    private static ServiceProvider Bind(string setting, string value) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection([new(setting, value)]).Build())
        .AddValidatedOptions<RateLimitingOptions, RateLimitingOptionsValidator>(RateLimitingOptions.SectionName)
        .BuildServiceProvider();
}
