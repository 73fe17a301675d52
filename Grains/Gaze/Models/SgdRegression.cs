using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace Gaze.Grains.Gaze.Models;

/// <summary>
/// Stochastic gradient descent on the squared loss with an L2 penalty, on ML.NET's online
/// gradient descent trainer (the registry's <c>SGD Regressor</c>). Not bit-identical to
/// scikit-learn's SGDRegressor (different learning-rate decay and sample order); its accuracy
/// is held to within 10% of scikit-learn's by the parity tests.
/// </summary>
/// <param name="alpha">L2 penalty (scikit-learn's <c>alpha</c>).</param>
/// <param name="eta0">Initial learning rate.</param>
/// <param name="epochs">Passes over the training rows (scikit-learn's <c>max_iter</c> bound).</param>
/// <param name="seed">Seed of the row shuffling, so a request is reproducible.</param>
public sealed class SgdRegression(double alpha = 1e-4, double eta0 = 0.01, int epochs = 1000, int seed = 42) : IRegressor
{
    private readonly MLContext _ml = new(seed);
    private ITransformer? _model;

    public void Fit(double[][] rows, double[] targets)
    {
        var trainer = _ml.Regression.Trainers.OnlineGradientDescent(new OnlineGradientDescentTrainer.Options
        {
            LearningRate = (float)eta0,
            DecreaseLearningRate = true,
            L2Regularization = (float)alpha,
            NumberOfIterations = epochs,
            Shuffle = true,
            LossFunction = new SquaredLoss(),
        });
        _model = trainer.Fit(MlNetRows.ToDataView(_ml, rows, targets));
    }

    public double[] Predict(double[][] rows) =>
        MlNetRows.Scores(_ml, _model ?? throw new InvalidOperationException("Fit before Predict."), rows);
}
