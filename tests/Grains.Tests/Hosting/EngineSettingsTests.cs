using Gaze.Calibration;
using Gaze.Grains.Hosting;
using Gaze.Prediction;
using Gaze.Selection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gaze.Tests.Hosting;

/// <summary>The <c>Calibration</c> and <c>Prediction</c> sections as the hosts bind and check them.</summary>
public sealed class EngineSettingsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings, int registrations = 1)
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        for (var i = 0; i < registrations; i++)
        {
            services.AddGazeEngineOptions();
        }

        return services.BuildServiceProvider();
    }

    [Fact]
    public void A_configured_grid_replaces_that_models_default_grid_whole()
    {
        using var services = Services(new() { ["Calibration:Grids:Ridge Regression:alpha:0"] = "0.5" });
        var grids = services.GetRequiredService<IOptions<CalibrationOptions>>().Value.EffectiveGrids();

        Assert.Equal(["0.5"], grids["Ridge Regression"]["alpha"]);
        Assert.Equal(DefaultGrids.Create()["Lasso Regression"]["alpha"], grids["Lasso Regression"]["alpha"]);
    }

    [Fact]
    public void Registering_the_settings_from_both_api_and_silo_binds_them_once()
    {
        using var services = Services(new() { ["Calibration:Grids:Ridge Regression:alpha:0"] = "0.5" }, registrations: 2);
        Assert.Equal(["0.5"], services.GetRequiredService<IOptions<CalibrationOptions>>().Value.Grids["Ridge Regression"]["alpha"]);
    }

    [Theory]
    [InlineData("Calibration:Grids:Ridge Regression:alpha:0", "lots", "Setting Calibration:Grids:Ridge Regression: alpha=lots:")]
    [InlineData("Calibration:Grids:Linear Regression:alpha:0", "1", "Linear Regression has no hyper-parameters to search")]
    [InlineData("Calibration:Grids:Support Vector Regressor:kernel:0", "sigmoid", "Unknown SVR kernel 'sigmoid'")]
    [InlineData("Calibration:Grids:Random Forest:n_estimators:0", "10", "'Random Forest' is not a model; use one of: Linear Regression,")]
    [InlineData("Calibration:TimeBudget", "00:00:00", "Setting Calibration:TimeBudget: must be a positive time span")]
    [InlineData("Prediction:CacheIdleTime", "-00:01:00", "Setting Prediction:CacheIdleTime: must be a positive time span")]
    public void A_bad_setting_is_refused_naming_it_and_saying_why(string key, string value, string expected)
    {
        using var services = Services(new() { [key] = value });
        var error = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = services.GetRequiredService<IOptions<CalibrationOptions>>().Value;
            _ = services.GetRequiredService<IOptions<PredictionOptions>>().Value;
        });
        Assert.Contains(expected, error.Message);
    }
}
