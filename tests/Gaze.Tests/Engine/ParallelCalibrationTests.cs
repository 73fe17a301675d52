using Gaze.Calibration;
using Gaze.Models;
using Gaze.Selection;

namespace Gaze.Tests.Engine;

/// <summary>
/// Fits that run at once and finish in any order give the calibration that runs them one after
/// the other: the same chosen parameters and the same answer, to the last digit.
/// </summary>
public sealed class ParallelCalibrationTests
{
    private const string Dataset = "sim_4x30";

    public static TheoryData<string> GridModels() => [.. ModelRegistry.Names.Where(model => model != ModelRegistry.LinearRegression), ModelRegistry.Auto];

    [Theory]
    [MemberData(nameof(GridModels))]
    public async Task Fits_finishing_in_any_order_give_the_sequential_calibration(string model)
    {
        var samples = CalibrationGoldens.Samples(Dataset);
        var calibrator = new Calibrator(DefaultGrids.Create());
        var sequential = calibrator.Calibrate(samples, CalibrationGoldens.K(Dataset), model, CancellationToken.None);

        var work = new ScrambledWork(seed: 7);
        var parallel = await calibrator.CalibrateAsync(samples, CalibrationGoldens.K(Dataset), model, work, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(work.MostAtOnce > 1, "the fits did not overlap");
        Assert.Equal(sequential.ChosenX, parallel.ChosenX);
        Assert.Equal(sequential.ChosenY, parallel.ChosenY);
        Assert.Equal(CalibrationResponseWriter.ToJson(sequential), CalibrationResponseWriter.ToJson(parallel));
    }

    [Fact]
    public async Task A_cancelled_calibration_stops_with_its_token()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new Calibrator(DefaultGrids.Create())
            .CalibrateAsync(CalibrationGoldens.Samples(Dataset), 2, ModelRegistry.RidgeRegression, new ScrambledWork(seed: 1), cancelled.Token)
            .WaitAsync(TimeSpan.FromMinutes(1)));
    }

    /// <summary>
    /// Every step on the thread pool after a random short delay, so fits overlap and finish out of
    /// order; each fold in two slices (as on two silos), each slice's candidates at once on one
    /// prepared fold.
    /// </summary>
    private sealed class ScrambledWork(int seed) : IFitWork
    {
        private readonly Random _random = new(seed);
        private int _running;
        private int _mostAtOnce;

        public int MostAtOnce => _mostAtOnce;

        public async Task<double[]> ScoreAsync(FoldFits fits, CancellationToken cancellationToken)
        {
            var half = (fits.Candidates.Count + 1) / 2;
            var slices = await Task.WhenAll(
                ScoreSliceAsync(fits.Slice(0, half), cancellationToken),
                ScoreSliceAsync(fits.Slice(half, fits.Candidates.Count - half), cancellationToken));
            return [.. slices.SelectMany(scores => scores)];
        }

        public async Task<T> RunAsync<T>(Func<T> step, CancellationToken cancellationToken)
        {
            int delay;
            lock (_random)
            {
                delay = _random.Next(0, 4);
            }

            var running = Interlocked.Increment(ref _running);
            InterlockedMax(ref _mostAtOnce, running);
            try
            {
                await Task.Delay(delay, cancellationToken);
                return await Task.Run(step, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        private async Task<double[]> ScoreSliceAsync(FoldFits fits, CancellationToken cancellationToken)
        {
            var prepared = await RunAsync(fits.Prepare, cancellationToken);
            return await Task.WhenAll(fits.Candidates.Select(candidate => RunAsync(() => prepared.Score(candidate, cancellationToken), cancellationToken)));
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
