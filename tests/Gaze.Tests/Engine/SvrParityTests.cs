using System.Diagnostics;
using System.Text.Json;
using Gaze.Models;
using Xunit;
using Xunit.Abstractions;

namespace Gaze.Tests.Engine;

/// <summary>
/// Parity of <see cref="SupportVectorRegression"/> with scikit-learn 1.2.1's SVR, against the references written
/// by tests/goldens/generate_svr.py (svr.json).
/// </summary>
public sealed class SvrParityTests
{
    /// <summary>Maximum absolute prediction difference allowed (targets are pixels, in the hundreds/thousands).</summary>
    private const double Tolerance = 1e-3;

    private readonly ITestOutputHelper _output;

    public SvrParityTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in Golden.Value.Cases)
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void PredictionsMatchSklearn(string name)
    {
        var golden = Golden.Value;
        var c = golden.Cases.Single(k => k.Name == name);
        var data = golden.Datasets[c.Dataset];
        var model = c.CreateModel();

        model.Fit(data.TrainX, data.Targets[c.Target]);
        var predictions = model.Predict(data.TestX);

        var maxError = MaxAbsDifference(predictions, c.Predictions);
        _output.WriteLine(
            $"{name}: max |Δpred| = {maxError:E3}, |Δintercept| = {Math.Abs(model.Intercept - c.Intercept):E3}, " +
            $"nSV {model.SupportIndices.Count} vs {c.NSupport}, n_iter {model.Iterations} vs {c.NIter}, gamma {model.EffectiveGamma:R}");

        Assert.True(maxError <= Tolerance, $"{name}: max abs prediction error {maxError:E3} > {Tolerance:E0}");
        Assert.True(Math.Abs(model.Intercept - c.Intercept) <= Tolerance, $"{name}: intercept {model.Intercept:R} vs {c.Intercept:R}");
        Assert.Equal(c.NSupport, model.SupportIndices.Count);
        Assert.Equal(c.GammaUsed, model.EffectiveGamma);
        var maxIter = c.Params.GetProperty("max_iter").GetInt32();
        Assert.Equal(maxIter == -1 || c.NIter < maxIter, model.Converged);
    }

    [Fact]
    public void GridSearchOutOfFoldPredictionsMatchSklearn()
    {
        var golden = Golden.Value;
        var data = golden.Datasets[golden.Grid.Dataset];
        var y = data.Targets[golden.Grid.Target];

        var stopwatch = Stopwatch.StartNew();
        var results = RunGrid(golden.Grid, data.TrainX, y);
        stopwatch.Stop();

        double worst = 0;
        foreach (var (fit, oof) in golden.Grid.Fits.Zip(results))
        {
            var error = MaxAbsDifference(oof.Predictions, fit.OutOfFold);
            worst = Math.Max(worst, error);
            _output.WriteLine(
                $"C={fit.C} gamma={fit.Gamma}: max |Δpred| = {error:E3}, n_iter [{string.Join(",", oof.Iterations)}] vs [{string.Join(",", fit.Iterations)}]");
            Assert.True(error <= Tolerance, $"C={fit.C} gamma={fit.Gamma}: max abs error {error:E3}");
        }

        _output.WriteLine($"grid: {golden.Grid.Fits.Count * golden.Grid.Folds.Count} fits, worst max |Δpred| = {worst:E3}, " +
                          $"time (fit+predict, first run incl. JIT) = {stopwatch.Elapsed.TotalSeconds:F3} s");
    }

    /// <summary>
    /// The scalar solver path (machines without 256-bit SIMD) and the lazily computed, LRU-cached kernel rows
    /// (n above the eager limit; here forced with a tiny limit and a small cache) must give the same doubles as
    /// the default path.
    /// </summary>
    [Theory]
    [InlineData("gaze_x_rbf_C2000_g5")]
    [InlineData("gaze_x_poly3_C100_coef1")]
    [InlineData("gaze_y_linear_C1")]
    [InlineData("small_rbf_C10_noshrink")]
    public void ScalarPathAndLazyKernelRowsAreBitIdentical(string name)
    {
        var golden = Golden.Value;
        var c = golden.Cases.Single(k => k.Name == name);
        var data = golden.Datasets[c.Dataset];
        var y = data.Targets[c.Target];

        var reference = c.CreateModel();
        reference.Fit(data.TrainX, y);
        var expected = reference.Predict(data.TestX);

        var scalar = c.CreateModel(useSimd: false);
        scalar.Fit(data.TrainX, y);
        Assert.Equal(expected, scalar.Predict(data.TestX));
        Assert.Equal(reference.Iterations, scalar.Iterations);

        // 40 kB holds ~19 rows of the 520-row set, so rows are evicted and recomputed constantly.
        var lazy = c.CreateModel(eagerKernelLimit: 10, kernelCacheBytes: 40_000);
        lazy.Fit(data.TrainX, y);
        Assert.Equal(expected, lazy.Predict(data.TestX));
        Assert.Equal(reference.Iterations, lazy.Iterations);
        Assert.Equal(reference.DualCoefficients, lazy.DualCoefficients);
    }

    [Fact]
    public void RejectsInvalidArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SupportVectorRegression(c: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SupportVectorRegression(epsilon: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SupportVectorRegression(gamma: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SupportVectorRegression(tol: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SupportVectorRegression(degree: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SupportVectorRegression(maxIter: -2));

        var model = new SupportVectorRegression();
        Assert.Throws<InvalidOperationException>(() => model.Predict([[1.0]]));
        Assert.Throws<ArgumentException>(() => model.Fit([], []));
        Assert.Throws<ArgumentException>(() => model.Fit([[1.0], [2.0]], [1.0]));
        Assert.Throws<ArgumentException>(() => model.Fit([[1.0], [2.0, 3.0]], [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => model.Fit([[double.NaN]], [1.0]));

        model.Fit([[0.0], [1.0], [2.0]], [0.0, 1.0, 2.0]);
        Assert.Throws<ArgumentException>(() => model.Predict([[1.0, 2.0]]));
    }

    [Fact]
    public void IterationCapStopsEarly()
    {
        var golden = Golden.Value;
        var data = golden.Datasets["gaze"];
        var model = new SupportVectorRegression(SvrKernelType.Rbf, c: 2000, gamma: 5, maxIter: 100);
        model.Fit(data.TrainX, data.Targets["x"]);
        Assert.Equal(100, model.Iterations);
        Assert.False(model.Converged);
        Assert.All(model.Predict(data.TestX), v => Assert.True(double.IsFinite(v)));
    }

    private static List<(double[] Predictions, int[] Iterations)> RunGrid(GridSpec grid, double[][] x, double[] y)
    {
        var results = new List<(double[], int[])>();
        foreach (var fit in grid.Fits)
        {
            var oof = new double[y.Length];
            var iterations = new int[grid.Folds.Count];
            for (var f = 0; f < grid.Folds.Count; f++)
            {
                var test = grid.Folds[f];
                var inTest = new bool[y.Length];
                foreach (var r in test)
                {
                    inTest[r] = true;
                }

                var trainRows = Enumerable.Range(0, y.Length).Where(r => !inTest[r]).ToArray();

                var model = new SupportVectorRegression(SvrKernelType.Rbf, c: fit.C, epsilon: grid.Epsilon, gamma: fit.Gamma);
                model.Fit(trainRows.Select(r => x[r]).ToArray(), trainRows.Select(r => y[r]).ToArray());
                var predictions = model.Predict(test.Select(r => x[r]).ToArray());
                for (var k = 0; k < test.Length; k++)
                {
                    oof[test[k]] = predictions[k];
                }

                iterations[f] = model.Iterations;
            }

            results.Add((oof, iterations));
        }

        return results;
    }

    private static double MaxAbsDifference(IReadOnlyList<double> actual, IReadOnlyList<double> expected)
    {
        Assert.Equal(expected.Count, actual.Count);
        double max = 0;
        for (var k = 0; k < actual.Count; k++)
        {
            max = Math.Max(max, Math.Abs(actual[k] - expected[k]));
        }

        return max;
    }

    private static readonly Lazy<GoldenFile> Golden = new(GoldenFile.Load);

    private sealed record DatasetSpec(double[][] TrainX, double[][] TestX, Dictionary<string, double[]> Targets);

    private sealed record CaseSpec(
        string Name, string Dataset, string Target, JsonElement Params, double GammaUsed, double Intercept,
        int NSupport, int NIter, double[] Predictions)
    {
        public SupportVectorRegression CreateModel(bool useSimd = true, int eagerKernelLimit = 4000, long kernelCacheBytes = 200L << 20)
        {
            var kernel = Params.GetProperty("kernel").GetString() switch
            {
                "linear" => SvrKernelType.Linear,
                "rbf" => SvrKernelType.Rbf,
                "poly" => SvrKernelType.Poly,
                var k => throw new InvalidOperationException($"unknown kernel {k}"),
            };
            var gamma = Params.GetProperty("gamma");
            return new SupportVectorRegression(
                kernel,
                c: Params.GetProperty("C").GetDouble(),
                epsilon: Params.GetProperty("epsilon").GetDouble(),
                gamma: gamma.ValueKind == JsonValueKind.String ? null : gamma.GetDouble(),
                degree: Params.GetProperty("degree").GetInt32(),
                coef0: Params.GetProperty("coef0").GetDouble(),
                tol: Params.GetProperty("tol").GetDouble(),
                shrinking: Params.GetProperty("shrinking").GetBoolean(),
                maxIter: Params.GetProperty("max_iter").GetInt32())
            {
                UseSimd = useSimd,
                EagerKernelLimit = eagerKernelLimit,
                KernelCacheBytes = kernelCacheBytes,
            };
        }
    }

    private sealed record GridFit(double C, double Gamma, int[] Iterations, double[] OutOfFold);

    private sealed record GridSpec(string Dataset, string Target, double Epsilon, List<int[]> Folds, List<GridFit> Fits);

    private sealed record GoldenFile(Dictionary<string, DatasetSpec> Datasets, List<CaseSpec> Cases, GridSpec Grid, double? SklearnGridSeconds)
    {
        public static GoldenFile Load()
        {
            var path = Path.Combine(AppContext.BaseDirectory, "goldens", "svr.json");
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;

            var datasets = new Dictionary<string, DatasetSpec>();
            foreach (var ds in root.GetProperty("datasets").EnumerateObject())
            {
                var targets = ds.Value.GetProperty("targets").EnumerateObject()
                    .ToDictionary(t => t.Name, t => Vector(t.Value));
                datasets[ds.Name] = new DatasetSpec(Matrix(ds.Value.GetProperty("train_x")), Matrix(ds.Value.GetProperty("test_x")), targets);
            }

            var cases = root.GetProperty("cases").EnumerateArray().Select(c => new CaseSpec(
                c.GetProperty("name").GetString()!,
                c.GetProperty("dataset").GetString()!,
                c.GetProperty("target").GetString()!,
                c.GetProperty("params").Clone(),
                c.GetProperty("gamma_used").GetDouble(),
                c.GetProperty("intercept").GetDouble(),
                c.GetProperty("n_support").GetInt32(),
                c.GetProperty("n_iter").GetInt32(),
                Vector(c.GetProperty("predictions")))).ToList();

            var g = root.GetProperty("grid");
            var grid = new GridSpec(
                g.GetProperty("dataset").GetString()!,
                g.GetProperty("target").GetString()!,
                g.GetProperty("epsilon").GetDouble(),
                g.GetProperty("folds").EnumerateArray().Select(f => f.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToList(),
                g.GetProperty("fits").EnumerateArray().Select(f => new GridFit(
                    f.GetProperty("C").GetDouble(),
                    f.GetProperty("gamma").GetDouble(),
                    f.GetProperty("n_iter").EnumerateArray().Select(v => v.GetInt32()).ToArray(),
                    Vector(f.GetProperty("oof_predictions")))).ToList());

            double? seconds = root.TryGetProperty("sklearn_grid_seconds", out var s) ? s.GetDouble() : null;
            return new GoldenFile(datasets, cases, grid, seconds);
        }

        private static double[] Vector(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

        private static double[][] Matrix(JsonElement e) => e.EnumerateArray().Select(Vector).ToArray();
    }
}
