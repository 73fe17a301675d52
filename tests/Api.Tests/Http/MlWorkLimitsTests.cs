using System.Net;
using Gaze.Grains.Interfaces;
using Gaze.Tests.Upstream;
using Microsoft.Extensions.DependencyInjection;
using static Gaze.Tests.Http.ProblemAssert;

namespace Gaze.Tests.Http;

public sealed class OneSlotApiFactory : ApiFactory
{
    public HoldGrainCalls Hold { get; } = new(typeof(ICalibrationGrain));

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Api:MlConcurrency", "1"), new("Api:MlQueueLimit", "0"), new("Calibration:TimeBudget", "00:00:20")];

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<IIncomingGrainCallFilter>(Hold);
}

public sealed class MlWorkLimitsTests(OneSlotApiFactory api) : IClassFixture<OneSlotApiFactory>
{
    private Task<HttpResponseMessage> CalibrateAsync(string id, string peer) =>
        api.CreateClient().SendAsync(api.Request(HttpMethod.Post, "/api/session/calib_validation", peer,
            CalibrationForm.FromSamples(UpstreamFixture.Samples(), id).ToContent()));

    [Fact]
    public async Task Calibrations_beyond_the_nodes_slots_and_queue_get_503_with_retry_after_while_batches_keep_their_own()
    {
        var first = CalibrateAsync("holder", "192.0.2.150");
        await api.Hold.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        using var refused = await CalibrateAsync("refused", "192.0.2.151");
        var problem = await IsProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("5", Header(refused, "Retry-After"));
        Assert.Equal(5, problem.GetProperty("retry_after").GetInt32());
        // The refusal was the node's, not the client's: its permits are given back.
        Assert.Equal(10, await api.PermitsLeftAsync(api.CreateClient(), "192.0.2.151"));

        // Batches have slots of their own: a calibration holding every calibration slot leaves them be.
        using var batch = await api.CreateClient().SendAsync(api.Request(HttpMethod.Post, "/api/session/batch_predict", "192.0.2.153",
            BatchBody.Json(BatchBody.Stateless(UpstreamFixture.Samples(), [], BatchBody.FixtureSession))));
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);

        api.Hold.Release.SetResult();
        using var admitted = await first.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        using var afterwards = await CalibrateAsync("afterwards", "192.0.2.152");
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }
}
