using Gaze.Api.Problems;
using Gaze.Models;
using Microsoft.OpenApi;
using static Gaze.Api.OpenApi.JsonSchemas;

namespace Gaze.Api.OpenApi;

/// <summary>The documentation of <c>POST /api/session/batch_predict</c>.</summary>
public static class BatchDocs
{
    public static readonly ApiOperationDoc Predict = new(
        "Map a session's iris samples to screen points",
        "Two modes, chosen by the body. **Stored** (RUXAILAB's call): `calib_id` names a calibration stored by calib_validation, and the answer is a JSON " +
        "array, one prediction per sample in input order. **Stateless**: the body brings `fixed_points` and `calib_points` (both present) and nothing is " +
        "looked up; the answer adds calibration metrics. `timestamp` and both screen sizes are echoed exactly as sent. An unknown `model_name` means " +
        "Linear Regression; `Auto` (stored mode only) reuses the models the stored calibration was fitted with. Rate limited by the `batch` policy and the shared default limits; a batch that outlives `Prediction:TimeBudget` is stopped (503).",
        [
            ProblemKinds.InvalidField, ProblemKinds.CalibrationNotFound, ProblemKinds.RequestTimeout, ProblemKinds.PayloadTooLarge,
            ProblemKinds.UnsupportedMediaType, ProblemKinds.UnprocessableBatch, ProblemKinds.RateLimited, ProblemKinds.LimiterUnavailable,
            ProblemKinds.OverBudget, ProblemKinds.StorageUnavailable, ProblemKinds.ClusterUnavailable, ProblemKinds.Busy,
        ],
        Shape);

    private static void Shape(OpenApiOperation operation)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "A JSON object; UTF-8, no key repeated within an object.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new()
                {
                    Schema = Body(),
                    Examples = new Dictionary<string, IOpenApiExample>
                    {
                        ["stored"] = new OpenApiExample { Summary = "With a stored calibration (RUXAILAB)", Value = ApiExamples.StoredBatch() },
                        ["stateless"] = new OpenApiExample { Summary = "With the calibration rows in the body", Value = ApiExamples.StatelessBatch() },
                    },
                },
            },
        };
        var prediction = Object(
            "One sample's point on the screen.",
            ("timestamp", new OpenApiSchema { Description = "The sample's timestamp exactly as sent; null when it had none.", Type = JsonSchemaType.Number | JsonSchemaType.String | JsonSchemaType.Null }, true),
            ("predicted_x", NullableNumber("Predicted x, in page pixels."), true),
            ("predicted_y", NullableNumber("Predicted y, in page pixels."), true),
            ("screen_width", Number("As sent."), true),
            ("screen_height", Number("As sent."), true));
        var stateless = Object(
            "The stateless answer.",
            ("predictions", Array(prediction, "One per sample, in input order."), true),
            ("metrics", Object(
                "How well the calibration predicts its own validation samples.",
                ("calibration", Object("Errors of the validation samples, in pixels; null errors and quality `Unknown` when there are fewer samples than targets.",
                    ("samples", Integer("Validation samples used.", 0), true),
                    ("points", Integer("Targets.", 0), true),
                    ("mean_error_px", NullableNumber("Mean error."), true),
                    ("median_error_px", NullableNumber("Median error."), true),
                    ("rmse_px", NullableNumber("Root mean square error."), true),
                    ("horizontal_mae_px", NullableNumber("Mean absolute x error."), true),
                    ("vertical_mae_px", NullableNumber("Mean absolute y error."), true),
                    ("accuracy_50px", NullableNumber("Share of samples within 50 px."), true),
                    ("accuracy_100px", NullableNumber("Share of samples within 100 px."), true),
                    ("quality", String("A verdict, e.g. `Excellent`, `Good`, `Poor`, `Unknown`."), true),
                    ("points_detail", Array(Object("Per target.",
                        ("target_x", Number("Target x."), true),
                        ("target_y", Number("Target y."), true),
                        ("samples", Integer("Its validation samples.", 0), true),
                        ("mean_error_px", NullableNumber("Mean error."), true),
                        ("std_error_px", NullableNumber("Standard deviation of the error."), true),
                        ("accuracy_50px", NullableNumber("Share within 50 px."), true),
                        ("accuracy_100px", NullableNumber("Share within 100 px."), true)), "Per target."), true)), true),
                ("session", Object("The session.", ("prediction_count", Integer("Samples predicted.", 0), true)), true)), true));
        ApiDocumentDescription.Json(operation, StatusCodes.Status200OK,
            "Stored mode: the array of predictions. Stateless mode: the predictions with calibration metrics.",
            new OpenApiSchema { OneOf = [Array(prediction, "Stored mode: one prediction per sample, in input order."), stateless] });
    }

    private static OpenApiSchema Body() => Object(
        "The batch. Stored mode needs `calib_id`; stateless mode needs `fixed_points` and `calib_points` (a null one counts as absent). Other keys, such as `k`, are ignored.",
        ("iris_tracking_data", Array(ApiSchemas.IrisSample(
            ("timestamp", new OpenApiSchema { Description = "Echoed as sent: usually epoch milliseconds; a number, a string or null.", Type = JsonSchemaType.Number | JsonSchemaType.String | JsonSchemaType.Null }, false)),
            "The session's samples, at least one."), true),
        ("screen_width", ApiSchemas.ScreenSize("Page width"), true),
        ("screen_height", ApiSchemas.ScreenSize("Page height"), true),
        ("model_name", OneOfStrings("The model; absent, null or unknown means Linear Regression. `Auto`: the stored calibration's models.", [.. ModelRegistry.Names, ModelRegistry.Auto], JsonSchemaType.Null), false),
        ("calib_id", ApiSchemas.CalibrationId("Stored mode: the `file_name` of a stored calibration."), false),
        ("fixed_points", ApiSchemas.CalibrationSamples("Stateless mode: the calibration's training samples."), false),
        ("calib_points", Array(ApiSchemas.IrisSample(), "Stateless mode: validation samples (may be empty)."), false));
}
