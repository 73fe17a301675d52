namespace Gaze.Selection;

/// <summary>
/// What a grid search chose for one axis: the model, its best candidate, and that candidate's mean
/// cross-validated R² (NaN where the model was fitted without cross-validation).
/// </summary>
public sealed record GridChoice(string Model, ModelParameters Parameters, double Score)
{
    /// <summary>A model fitted as it is, without a grid search (Linear Regression, or a model configured without a grid).</summary>
    public static GridChoice Unsearched(string model) => new(model, ModelParameters.None, double.NaN);
}
