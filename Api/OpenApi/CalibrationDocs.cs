using Gaze.Api.Calibration;
using Gaze.Api.Problems;
using Gaze.Models;
using Microsoft.OpenApi;
using static Gaze.Api.OpenApi.JsonSchemas;

namespace Gaze.Api.OpenApi;

/// <summary>The documentation of <c>POST /api/session/calib_validation</c>.</summary>
public static class CalibrationDocs
{
    private static readonly string[] FormTypes = ["multipart/form-data", "application/x-www-form-urlencoded"];

    public static readonly ApiOperationDoc Calibrate = new(
        "Calibrate a participant",
        "Stores the calibration under `file_name` (replacing an earlier one with that id), fits the chosen model on 80% of the samples " +
        "and answers with the held-out predictions per target, their accuracy and precision, and `k` cluster centres. " +
        "**Every form value is a JSON document** (the web front `JSON.stringify`s each one: a string is sent as `\"abc\"`). " +
        "Field names match exactly; a field sent twice is refused. Rate limited by the `calib` policy and the shared default limits. " +
        "The body is received and validated before the work starts; a calibration that outlives `Calibration:TimeBudget` is stopped (503), " +
        "and one estimated to outlive it is not started (503 at once, nothing stored, the estimate in `estimated_seconds`; `Retry-After` when other running calibrations are why). " +
        "With `model` `\"Auto\"` every model's grid search runs and each axis is fitted with the model of the best cross-validated R²; " +
        "the `X-Calibration-Model` header says which model each axis was fitted with, and a later batch with `model_name` `\"Auto\"` reuses them.",
        [
            ProblemKinds.InvalidField, ProblemKinds.RequestTimeout, ProblemKinds.PayloadTooLarge, ProblemKinds.UnsupportedMediaType,
            ProblemKinds.UnprocessableCalibration, ProblemKinds.RateLimited, ProblemKinds.LimiterUnavailable, ProblemKinds.OverBudget,
            ProblemKinds.StorageUnavailable, ProblemKinds.ClusterUnavailable, ProblemKinds.Busy,
        ],
        Shape);

    private static void Shape(OpenApiOperation operation)
    {
        var form = Form();
        var encoding = form.Properties!.Keys.ToDictionary(name => name, _ => new OpenApiEncoding { ContentType = "application/json" });
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "A form whose every value is JSON.",
            Content = FormTypes.ToDictionary(type => type, _ => new OpenApiMediaType
            {
                Schema = form,
                Encoding = encoding,
                Example = ApiExamples.CalibrationForm(),
            }),
        };
        ApiDocumentDescription.Json(operation, StatusCodes.Status200OK,
            "The calibration, keyed by target: `{\"<x>\": {\"<y>\": {predicted_x, predicted_y, PrecisionSD, Accuracy}}, \"centroids\": [[x, y], ...]}`. " +
            "Keys are the target coordinates as the reference service printed them (Python's `str` of the truncated number).",
            Answer(), new Dictionary<string, IOpenApiHeader>
            {
                ["X-Calibration-Id"] = ApiDocumentDescription.Header("The id the calibration was stored under (its `file_name`).", String("The id.")),
                [CalibrationModelHeader.Name] = ApiDocumentDescription.Header(
                    "The model each axis was fitted with (the one asked for, or the one `Auto` chose), as a structured-field dictionary.",
                    String("Two model names, for x and y: x=\"Ridge Regression\", y=\"Bayesian Ridge\".")),
            });
    }

    private static OpenApiSchema Form() => Object(
        "The calibration form. Each property is one form field whose value is the JSON shown.",
        ("file_name", ApiSchemas.CalibrationId("The calibration's id: it is stored under it, and batch_predict's `calib_id` names it."), true),
        ("fixed_circle_iris_points", ApiSchemas.CalibrationSamples("Training samples: iris positions recorded while the participant looked at each target."), true),
        ("calib_circle_iris_points", Array(ApiSchemas.IrisSample(), "Validation samples, stored with the calibration (may be empty)."), true),
        ("screen_width", ApiSchemas.ScreenSize("Page width"), true),
        ("screen_height", ApiSchemas.ScreenSize("Page height"), true),
        ("k", Integer("Number of k-means cluster centres of the held-out predictions.", 1), true),
        ("model", OneOfStrings("The model for both axes, or `Auto` for the best of every model per axis; absent or null means Linear Regression.", [.. ModelRegistry.Names, ModelRegistry.Auto], JsonSchemaType.Null), false),
        ("from_ruxailab", Boolean("Whether to notify RUXAILAB's webhook (`{FUNCTIONS_ENDPOINT_URL}/receiveCalibration`) once calibrated."), true),
        ("user_id", String("Forwarded to the webhook.", extra: JsonSchemaType.Null), false),
        ("study_id", String("Forwarded to the webhook.", extra: JsonSchemaType.Null), false));

    private static OpenApiSchema Answer()
    {
        var target = Object(
            "One target's held-out predictions (those with both coordinates >= 0) and metrics.",
            ("predicted_x", Array(Number("A predicted x."), "Predicted x of the target's held-out samples."), true),
            ("predicted_y", Array(Number("A predicted y."), "Predicted y of the same samples."), true),
            ("PrecisionSD", NullableNumber("Mean of the standard deviations of the predicted x and y, in pixels."), true),
            ("Accuracy", NullableNumber("Mean distance from the target to its predictions, in pixels."), true));
        var answer = Map("Targets by x, then by y.", Map("Targets at this x, by y.", target));
        answer.Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["centroids"] = Array(Array(Number("A coordinate."), "A centre, `[x, y]`."), "The `k` cluster centres of the held-out predictions."),
        };
        answer.Required = new HashSet<string> { "centroids" };
        return answer;
    }
}
