using System.Diagnostics.Metrics;
using Gaze.Calibration;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Calibration;
using Gaze.Grains.Telemetry;
using Gaze.Models;
using Gaze.Selection;
using Gaze.Tests.Upstream;
using Microsoft.Extensions.DependencyInjection;

namespace Gaze.Tests.Grains;

/// <summary>
/// A calibration's grid-search fits spread over the silos of a cluster, and the answer is the one
/// the calibration gives with every fit in turn on one thread.
/// </summary>
public sealed class CalibrationFanOutTests : IAsyncLifetime
{
    private readonly GazeTestCluster _cluster = new(silos: 2);

    public Task InitializeAsync() => _cluster.StartAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task The_fits_of_one_calibration_run_on_both_silos_and_give_the_sequential_answer()
    {
        var samples = UpstreamFixture.Samples();
        var record = new CalibrationRecord(
            "fan-out-" + Guid.NewGuid().ToString("N"),
            [.. samples.Select(s => new CalibrationPoint(s.LeftX, s.LeftY, s.RightX, s.RightY, s.PointX, s.PointY))],
            [],
            1000,
            600,
            ModelRegistry.RidgeRegression,
            2,
            null,
            null,
            FromRuxailab: false);
        var silosByMeters = _cluster.Cluster.Silos.ToDictionary(
            silo => (object)_cluster.Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<IMeterFactory>(),
            silo => silo.SiloAddress);
        var fitsBySilo = new Dictionary<SiloAddress, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meters) =>
        {
            if (instrument.Meter.Name == MlMetrics.MeterName && instrument.Name == "gaze.calibration.fold_fits" && instrument.Meter.Scope is { } scope && silosByMeters.ContainsKey(scope))
            {
                meters.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (fitsBySilo)
            {
                var silo = silosByMeters[instrument.Meter.Scope!];
                fitsBySilo[silo] = fitsBySilo.GetValueOrDefault(silo) + value;
            }
        });
        listener.Start();

        var result = await _cluster.Grains.GetGrain<ICalibrationGrain>(0).CalibrateAsync(record).WaitAsync(TimeSpan.FromMinutes(2));

        var expected = new Calibrator(DefaultGrids.Create()).Calibrate(samples, 2, ModelRegistry.RidgeRegression, CancellationToken.None);
        Assert.Null(result.Rejection);
        Assert.Equal(CalibrationResponseWriter.ToJson(expected), result.ResponseJson);
        // 10 candidates x 5 folds x 2 axes. Each fold's candidates go in one call per active silo
        // (20 calls), each placed at random: all on one silo would happen 2 times in a million.
        lock (fitsBySilo)
        {
            Assert.Equal(100, fitsBySilo.Values.Sum());
            Assert.Equal(2, fitsBySilo.Count);
        }
    }
}
