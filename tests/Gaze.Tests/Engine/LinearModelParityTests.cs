using System.Globalization;
using System.Text.Json;
using Gaze.Models;
using Xunit;
using Xunit.Abstractions;

namespace Gaze.Tests.Engine;

/// <summary>
/// Parity of the C# linear regressors with scikit-learn 1.2.1, on the fits recorded in goldens/linear.json by
/// tests/goldens/generate_linear.py: every case refits the C# model on the stored training rows and compares its
/// predictions on the held-out rows. Closed-form models must agree to 1e-6 (relative or absolute); the coordinate
/// descent models to 1e-3 absolute, and must run the same number of sweeps as sklearn's n_iter_.
/// </summary>
public sealed class LinearModelParityTests(ITestOutputHelper output)
{
    private static readonly Lazy<Goldens> Data = new(Goldens.Load);

    /// <summary>One theory row per recorded sklearn fit.</summary>
    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (var c in Data.Value.Cases)
        {
            data.Add(c.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void PredictionsMatchSklearn(string caseId)
    {
        var golden = Data.Value.Cases.Single(c => c.Id == caseId);
        (var predicted, var iterations, var error) = Run(golden);

        for (var i = 0; i < predicted.Length; i++)
        {
            var expected = golden.Predictions[i];
            var diff = Math.Abs(predicted[i] - expected);
            Assert.True(Within(golden.Model, diff, expected),
                $"{caseId}: row {i} predicted {predicted[i]:R}, sklearn {expected:R} (|diff| {diff:E3})");
        }
        if (golden.Iterations is { } expectedIterations)
        {
            Assert.Equal(expectedIterations, iterations);
        }

        output.WriteLine($"{caseId}: max |diff| {error:E3}");
    }

    [Fact]
    public void GoldensCoverConvergedAndExhaustedCoordinateDescent()
    {
        var lasso = Data.Value.Cases.Where(c => c.Model == "lasso").ToList();
        Assert.Contains(lasso, c => c.Converged == true && c.Iterations < c.MaxIter);
        Assert.Contains(lasso, c => c.Converged == false && c.Iterations == c.MaxIter);
    }

    [Fact]
    public void MaxErrorPerModel()
    {
        foreach (var group in Data.Value.Cases.GroupBy(c => c.Model))
        {
            double maxAbs = 0, maxRel = 0;
            foreach (var golden in group)
            {
                var predicted = Run(golden).Predicted;
                for (var i = 0; i < predicted.Length; i++)
                {
                    var diff = Math.Abs(predicted[i] - golden.Predictions[i]);
                    maxAbs = Math.Max(maxAbs, diff);
                    maxRel = Math.Max(maxRel, diff / Math.Max(Math.Abs(golden.Predictions[i]), 1e-300));
                }
            }
            output.WriteLine($"{group.Key}: {group.Count()} cases, max |diff| {maxAbs:E3}, max relative {maxRel:E3}");
        }
    }

    [Fact]
    public void OlsGivesTheConstantBiasColumnZeroWeight()
    {
        var golden = Data.Value.Cases.First(c => c.Model == "ols" && c.Dataset == "eye_x_poly_raw");
        var d = Data.Value.Datasets[golden.Dataset];
        var ols = new OrdinaryLeastSquares();
        ols.Fit(d.XTrain, d.YTrain);
        Assert.Equal(0.0, ols.Coefficients[0]);
    }

    [Fact]
    public void PredictBeforeFitThrows()
    {
        IRegressor[] models =
        [
            new OrdinaryLeastSquares(), new RidgeRegression(), new LassoRegression(), new ElasticNetRegression(),
            new BayesianRidgeRegression(),
        ];
        foreach (var model in models)
        {
            Assert.Throws<InvalidOperationException>(() => model.Predict([[1.0]]));
        }
    }

    [Fact]
    public void InvalidInputsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RidgeRegression(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ElasticNetRegression(l1Ratio: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LassoRegression(maxIter: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BayesianRidgeRegression(tol: 0));
        var ols = new OrdinaryLeastSquares();
        Assert.Throws<ArgumentException>(() => ols.Fit([[1.0, 2.0], [3.0]], [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => ols.Fit([[1.0], [double.NaN]], [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => ols.Fit([[1.0], [2.0]], [1.0]));
        ols.Fit([[1.0], [2.0]], [1.0, 2.0]);
        Assert.Throws<ArgumentException>(() => ols.Predict([[1.0, 2.0]]));
    }

    private static bool Within(string model, double diff, double expected) => model switch
    {
        "lasso" or "elasticnet" => diff <= 1e-3,
        _ => diff <= 1e-6 || diff <= 1e-6 * Math.Abs(expected),
    };

    private static (double[] Predicted, int? Iterations, double MaxError) Run(GoldenCase golden)
    {
        var d = Data.Value.Datasets[golden.Dataset];
        var model = Create(golden);
        model.Fit(d.XTrain, d.YTrain);
        var predicted = model.Predict(d.XTest);
        int? iterations = model switch
        {
            LassoRegression m => m.Iterations,
            ElasticNetRegression m => m.Iterations,
            BayesianRidgeRegression m => m.Iterations,
            _ => null,
        };
        double max = 0;
        for (var i = 0; i < predicted.Length; i++)
        {
            max = Math.Max(max, Math.Abs(predicted[i] - golden.Predictions[i]));
        }

        return (predicted, iterations, max);
    }

    private static IRegressor Create(GoldenCase c) => c.Model switch
    {
        "ols" => new OrdinaryLeastSquares(),
        "ridge" => new RidgeRegression(c.Param("alpha") ?? 1.0),
        "lasso" => new LassoRegression(c.Param("alpha") ?? 1.0, (int)(c.Param("max_iter") ?? 1000), c.Param("tol") ?? 1e-4),
        "elasticnet" => new ElasticNetRegression(
            c.Param("alpha") ?? 1.0, c.Param("l1_ratio") ?? 0.5, (int)(c.Param("max_iter") ?? 1000), c.Param("tol") ?? 1e-4),
        "bayesianridge" => new BayesianRidgeRegression(
            maxIter: (int)(c.Param("n_iter") ?? 300), alphaInit: c.Param("alpha_init"), lambdaInit: c.Param("lambda_init")),
        _ => throw new InvalidOperationException($"Unknown model {c.Model}"),
    };

    private sealed record Dataset(double[][] XTrain, double[] YTrain, double[][] XTest);

    private sealed record GoldenCase(
        string Id, string Dataset, string Model, IReadOnlyDictionary<string, double> Params, double[] Predictions,
        int? Iterations, bool? Converged)
    {
        public double? Param(string name) => Params.TryGetValue(name, out var v) ? v : null;

        public int MaxIter => (int)(Param(Model == "bayesianridge" ? "n_iter" : "max_iter") ?? (Model == "bayesianridge" ? 300 : 1000));
    }

    private sealed record Goldens(IReadOnlyDictionary<string, Dataset> Datasets, IReadOnlyList<GoldenCase> Cases)
    {
        public static Goldens Load()
        {
            var path = Path.Combine(AppContext.BaseDirectory, "goldens", "linear.json");
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;

            var datasets = new Dictionary<string, Dataset>();
            foreach (var d in root.GetProperty("datasets").EnumerateObject())
            {
                datasets[d.Name] = new Dataset(
                    Matrix(d.Value.GetProperty("x_train")), Vector(d.Value.GetProperty("y_train")), Matrix(d.Value.GetProperty("x_test")));
            }

            var cases = new List<GoldenCase>();
            var index = 0;
            foreach (var c in root.GetProperty("cases").EnumerateArray())
            {
                var parameters = c.GetProperty("params").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
                var dataset = c.GetProperty("dataset").GetString()!;
                var model = c.GetProperty("model").GetString()!;
                var settings = string.Join(",", parameters.Select(p => $"{p.Key}={p.Value.ToString("G", CultureInfo.InvariantCulture)}"));
                cases.Add(new GoldenCase(
                    $"{index++:D3} {model} {dataset} {settings}".TrimEnd(), dataset, model, parameters,
                    Vector(c.GetProperty("predictions")),
                    c.TryGetProperty("n_iter", out var it) ? it.GetInt32() : null,
                    c.TryGetProperty("converged", out var cv) ? cv.GetBoolean() : null));
            }
            return new Goldens(datasets, cases);
        }

        private static double[] Vector(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

        private static double[][] Matrix(JsonElement e) => e.EnumerateArray().Select(Vector).ToArray();
    }
}
