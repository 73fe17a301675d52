using System.Collections.Immutable;
using System.Net;
using Gaze.Calibration;
using Gaze.Grains.Calibration;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Calibration;
using Gaze.Grains.Scheduling;
using Gaze.Models;
using Gaze.Selection;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Gaze.Tests.Grains;

/// <summary>The share of the cluster's ML threads a new calibration is estimated with, and what a refusal says.</summary>
public sealed class CalibrationAdmissionTests
{
    private static readonly Calibrator Calibrator = new(DefaultGrids.Create());

    // SVR on 9 x 90 samples: about 28 s of one ML thread (docs/benchmarks.md).
    private static readonly CalibrationRecord Svr = new(
        "svr", [.. Enumerable.Range(0, 810).Select(i => new CalibrationPoint(0.3, 0.4, 0.6, 0.4, 100 * (i % 9), 100))], [], 1000, 600, ModelRegistry.SupportVectorRegressor, 9, null, null, false);

    [Fact]
    public void Alone_on_two_threads_it_is_started()
    {
        var admission = Admission(threadsPerSilo: 2, activeSilos: 1, out _);

        Assert.Null(admission.Refusal(Calibrator, Svr, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void Beside_four_others_it_would_not_finish_so_it_is_refused_with_a_retry_after_the_budget()
    {
        // Two fifths of a thread each: about 69 s.
        var admission = Admission(threadsPerSilo: 2, activeSilos: 1, out var running);
        using var first = running.Enter();
        using var second = running.Enter();
        using var third = running.Enter();
        using var fourth = running.Enter();

        var refusal = admission.Refusal(Calibrator, Svr, TimeSpan.FromSeconds(60));

        Assert.NotNull(refusal);
        Assert.Equal(RejectionKind.OverBudget, refusal.Kind);
        Assert.Equal(60, refusal.RetryAfterSeconds);
        Assert.True(refusal.EstimatedSeconds > 60);
        Assert.Contains("while 4 other calibration(s) run", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_silo_doubles_the_threads_it_shares()
    {
        var admission = Admission(threadsPerSilo: 2, activeSilos: 2, out var running);
        using var first = running.Enter();
        using var second = running.Enter();
        using var third = running.Enter();
        using var fourth = running.Enter();

        Assert.Null(admission.Refusal(Calibrator, Svr, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void Work_that_cannot_finish_even_alone_is_refused_without_a_retry()
    {
        var admission = Admission(threadsPerSilo: 2, activeSilos: 1, out _);

        var refusal = admission.Refusal(Calibrator, Svr, TimeSpan.FromSeconds(5));

        Assert.NotNull(refusal);
        Assert.Null(refusal.RetryAfterSeconds);
        Assert.Contains("Send fewer samples or choose a simpler model", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finished_calibration_is_counted_out_once()
    {
        var running = new RunningCalibrations();
        var scope = running.Enter();
        scope.Dispose();
        scope.Dispose();

        Assert.Equal(0, running.Count);
    }

    private static CalibrationAdmission Admission(int threadsPerSilo, int activeSilos, out RunningCalibrations running)
    {
        running = new RunningCalibrations();
        return new CalibrationAdmission(Options.Create(new MlThreadsOptions { Threads = threadsPerSilo }), new FixedMembership(activeSilos), running);
    }

    /// <summary>A membership of <c>activeSilos</c> active silos and one that is shutting down (not counted).</summary>
    private sealed class FixedMembership(int activeSilos) : IClusterMembershipService
    {
        public ClusterMembershipSnapshot CurrentSnapshot { get; } = new(
            Enumerable.Range(0, activeSilos + 1)
                .Select(i => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111 + i), i))
                .ToImmutableDictionary(silo => silo, silo => new ClusterMember(silo, silo.Generation < activeSilos ? SiloStatus.Active : SiloStatus.ShuttingDown, $"silo-{silo.Generation}")),
            new MembershipVersion(1));

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task<bool> TryKill(SiloAddress siloAddress) => Task.FromResult(false);
    }
}
