using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Calibration;

namespace Gaze.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class CalibrationStoreTests(ClusterFixture fixture)
{
    public static CalibrationRecord Record(string id, string model = "Linear Regression") => new(
        id,
        [new CalibrationPoint(312.5, 240.1, 250.2, 241.3, 682.5, 100), new CalibrationPoint(313.5, 241.1, 251.2, 242.3, 682.5, 100)],
        [new IrisSample(312, 240, 250, 241)],
        1920,
        1080,
        model,
        9,
        "user",
        null,
        FromRuxailab: false);

    [Fact]
    public async Task An_unknown_id_has_no_calibration() =>
        Assert.Null(await fixture.Silo.Grains.GetGrain<ICalibrationStoreGrain>(Guid.NewGuid().ToString("N")).GetAsync());

    [Fact]
    public async Task A_later_calibration_with_the_same_id_replaces_the_earlier()
    {
        var id = Guid.NewGuid().ToString("N");
        var store = fixture.Silo.Grains.GetGrain<ICalibrationStoreGrain>(id);
        var first = await store.SaveAsync(Record(id));
        await fixture.Silo.AdvanceAsync(TimeSpan.FromMinutes(5));
        var second = await store.SaveAsync(Record(id, "Elastic Net"));

        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        Assert.Equal(first.CreatedAt, second.CreatedAt);
        Assert.Equal(first.UpdatedAt + TimeSpan.FromMinutes(5), second.UpdatedAt);

        await fixture.Silo.Cluster.DeactivateAsync(store);
        var reloaded = await store.GetAsync();
        Assert.Equal("Elastic Net", reloaded!.Record.Model);
        Assert.Equal(2, reloaded.Version);
    }

    [Fact]
    public async Task The_calibration_grain_stores_then_calibrates_across_the_silo_boundary()
    {
        var id = Guid.NewGuid().ToString("N");
        var samples = Upstream.UpstreamFixture.Samples();
        var record = Record(id) with
        {
            Fixed = [.. samples.Select(s => new CalibrationPoint(s.LeftX, s.LeftY, s.RightX, s.RightY, s.PointX, s.PointY))],
            K = 2,
        };

        var result = await fixture.Silo.Grains.GetGrain<ICalibrationGrain>(0).CalibrateAsync(record);

        Assert.NotNull(result.ResponseJson);
        Assert.Contains("centroids", result.ResponseJson);
        var stored = (await fixture.Silo.Grains.GetGrain<ICalibrationStoreGrain>(id).GetAsync())!.Record.Fixed;
        Assert.Equal(record.Fixed.Length, stored.Length);
        for (var i = 0; i < stored.Length; i++)
        {
            Assert.Equal(record.Fixed[i], stored[i]);
        }
        var rejected = await fixture.Silo.Grains.GetGrain<ICalibrationGrain>(0).CalibrateAsync(record with { K = 50 });
        Assert.Null(rejected.ResponseJson);
        Assert.Contains("k = 50", rejected.Rejection?.Reason);
    }
}
